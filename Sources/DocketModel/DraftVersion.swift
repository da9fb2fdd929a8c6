import DocketSupport
import Foundation

/// Identifies a draft: the SHA-256 of its canonical Markdown (the Markdown rendering without its
/// footer). Approvals bind to it; any change to the words, order or signatories changes it.
public struct DraftVersion: Sendable, Hashable, Codable, CustomStringConvertible {
    /// 64 lowercase hex digits.
    public var hex: String

    /// The version of a draft whose canonical Markdown is `canonicalMarkdown`.
    public init(canonicalMarkdown: String) {
        hex = ContentHash.sha256Hex(canonicalMarkdown)
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

    /// Encoded as the text footers print, `sha256:` and the hex digits.
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let version = DraftVersion(parsing: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(text)' is not a draft version (sha256: and 64 hex digits)")
        }
        self = version
    }

    /// Encodes `sha256:` and the hex digits.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
