import DocketCitations
import DocketSupport

/// What supports one factual claim of a recommendation or clause: the source, the day it was
/// published and the passage that says so. The text cites it by id, `[^id]`, after the claim.
public struct Evidence: Sendable, Hashable {
    /// The short id the text cites, e.g. `inventory-dhs-2578`.
    public var id: Located<String>
    /// `primary` (the system owner's or the instrument's own text) or `secondary` (a report).
    public var kind: EvidenceKind
    /// The address of the source.
    public var source: String
    /// Where the passage was read, when that is a faithful copy at another address (OMB's
    /// consolidated copy of an agency's inventory, say).
    public var read: String?
    /// The day the source was published: a document dated earlier could not have known it.
    public var published: Located<CalendarDate>
    /// The words of the source that support the claim.
    public var passage: String

    /// Evidence as a library file records it.
    public init(id: Located<String>, kind: EvidenceKind, source: String, read: String? = nil, published: Located<CalendarDate>, passage: String) {
        self.id = id
        self.kind = kind
        self.source = source
        self.read = read
        self.published = published
        self.passage = passage
    }
}

/// One paragraph of a recommendation's or clause's text as written, with the evidence it cites.
public struct TextParagraph: Sendable, Hashable {
    /// Where the paragraph starts.
    public var range: SourceRange
    /// The paragraph with its evidence markers removed, as it is composed.
    public var text: String
    /// The `[^id]` markers, each where it stands.
    public var citedEvidence: [Located<String>]

    /// A paragraph as the parser found it.
    public init(range: SourceRange, text: String, citedEvidence: [Located<String>]) {
        self.range = range
        self.text = text
        self.citedEvidence = citedEvidence
    }
}

extension Array where Element == Evidence {
    /// The newest publication date among the evidence, where it is written: the date as of
    /// which the text states its facts.
    public var latestPublication: Located<CalendarDate>? {
        self.max { $0.published.value < $1.published.value }?.published
    }
}
