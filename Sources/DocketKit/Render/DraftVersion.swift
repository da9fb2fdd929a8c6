import Crypto
import Foundation

/// Identifies a draft: the SHA-256 of its canonical Markdown (the Markdown rendering without its
/// footer). Approvals bind to it; any change to the words, order or signatories changes it.
public struct DraftVersion: Sendable, Hashable, Codable, CustomStringConvertible {
    /// 64 lowercase hex digits.
    public var hex: String

    public init(canonicalMarkdown: String) {
        hex = sha256Hex(canonicalMarkdown)
    }

    /// `sha256:` and 64 lowercase hex digits, as footers and logs write it.
    public init?(parsing text: String) {
        let hex = text.hasPrefix("sha256:") ? String(text.dropFirst(7)) : text
        guard hex.count == 64, hex.allSatisfy({ $0.isHexDigit && !$0.isUppercase }) else { return nil }
        self.hex = hex
    }

    /// `sha256:` and the full hash, as every footer prints it.
    public var description: String { "sha256:\(hex)" }
    /// The first 12 digits, enough to tell drafts apart in conversation.
    public var short: String { String(hex.prefix(12)) }
}

/// Lowercase hex SHA-256 of the text's UTF-8 bytes.
func sha256Hex(_ text: String) -> String {
    sha256Hex(Data(text.utf8))
}

/// Lowercase hex SHA-256 of the bytes.
func sha256Hex(_ data: Data) -> String {
    let digits = Array("0123456789abcdef")
    return SHA256.hash(data: data).map { String([digits[Int($0 >> 4)], digits[Int($0 & 0x0f)]]) }.joined()
}
