/// How a statement is known: from the primary text itself, from someone else's account of it,
/// or not at all. A registry entry and a library's factual claim both say which.
public enum EvidenceKind: String, Sendable, Codable, Hashable, CaseIterable {
    /// The instrument's own text, or an official document of its author that cites it by number.
    case primary
    /// A third party's account: a summary, a press report, a secondary code file.
    case secondary
    /// Nothing was read that supports it.
    case unverified
}

/// What was read to support a registry entry: the kind of source, where it is and the passage
/// that says so. Only primary evidence makes an entry verified.
public struct RegistryEvidence: Sendable, Hashable {
    /// What was read: the instrument's own text, an account of it, or nothing yet.
    public var kind: EvidenceKind
    /// The address of the text that was read.
    public var url: String?
    /// The words of that text that support the entry's title or pinpoint.
    public var passage: String?

    /// Evidence as recorded.
    public init(kind: EvidenceKind, url: String?, passage: String?) {
        self.kind = kind
        self.url = url
        self.passage = passage
    }

    /// Why this evidence is not well formed, or nil: primary and secondary evidence name the
    /// text read (an http(s) address) and quote the passage; unverified evidence quotes nothing,
    /// since nothing was read.
    public var problem: String? {
        switch kind {
        case .primary, .secondary:
            guard let url, url.hasPrefix("https://") || url.hasPrefix("http://") else {
                return "\(kind.rawValue) evidence needs 'url:', the address of the text that was read"
            }
            guard let passage, !passage.allSatisfy(\.isWhitespace) else {
                return "\(kind.rawValue) evidence needs 'passage:', the words of that text that support the entry"
            }
            return nil
        case .unverified:
            return passage == nil ? nil : "unverified evidence has no passage; if a text supports the entry, say 'evidence: primary' or 'secondary' with its 'url:'"
        }
    }

    /// Verified means a primary text was read.
    public var status: VerificationStatus { kind == .primary ? .verified : .unverified }
}
