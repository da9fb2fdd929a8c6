import Crypto

/// Identifies a draft: the SHA-256 of its canonical Markdown (the Markdown rendering without its
/// footer). Approvals bind to it; any change to the words, order or signatories changes it.
public struct DraftVersion: Sendable, Hashable, Codable, CustomStringConvertible {
    /// 64 lowercase hex digits.
    public var hex: String

    public init(canonicalMarkdown: String) {
        hex = SHA256.hash(data: Array(canonicalMarkdown.utf8)).map { byte in
            let digits = Array("0123456789abcdef")
            return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0f)]])
        }.joined()
    }

    /// `sha256:` and the full hash, as every footer prints it.
    public var description: String { "sha256:\(hex)" }
    /// The first 12 digits, enough to tell drafts apart in conversation.
    public var short: String { String(hex.prefix(12)) }
}
