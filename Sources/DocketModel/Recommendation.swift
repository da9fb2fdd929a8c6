import DocketCitations
import DocketSupport
/// One policy recommendation, reused across dockets: what the coalition asks for, the US
/// authorities it rests on, and how EU law treats the same practice.
public struct Recommendation: Sendable, Identifiable {
    /// The recommendation's id, e.g. `human-review-and-appeal`.
    public var id: String
    /// The recommendation as a heading.
    public var title: String
    /// One sentence, for the summary list and the comment box.
    public var summary: String
    /// Words for listing and search.
    public var tags: [String]
    /// DHS AI inventory IDs the recommendation speaks to, e.g. `DHS-2408`.
    public var systems: [CitedAuthority]
    /// The US authorities it rests on.
    public var authorities: [CitedAuthority]
    /// The EU AI Act provisions it is compared with.
    public var eu: [EUComparisonPoint]
    /// Prose on how the EU and US rules differ, CommonMark.
    public var comparison: String
    /// The recommendation text, CommonMark with Mustache variables.
    public var body: String
    /// Codes of notes that asked the author to act and that the author marked done
    /// (`addressed: [DK104]`), so the note is not shown again.
    public var addressed: Set<String> = []
    /// The date of the newest source whose facts the text states (`facts-as-of:`), e.g. the
    /// day an inventory was due: a document dated earlier could not have known them.
    public var factsAsOf: Located<CalendarDate>?
    /// What supports the text's factual claims, by the id the text cites (`[^id]`).
    public var evidence: [Evidence] = []
    /// The text's paragraphs as written, with the evidence each cites; empty for one built in code.
    public var paragraphs: [TextParagraph] = []
    /// Where the recommendation's `id` was written.
    public var source: SourceRange
    /// The 1-based line of the file the body starts on.
    public var bodyFirstLine: Int

    /// A recommendation as loaded, or as a client builds one.
    public init(
        id: String, title: String, summary: String, tags: [String], systems: [CitedAuthority], authorities: [CitedAuthority], eu: [EUComparisonPoint], comparison: String,
        body: String, source: SourceRange, bodyFirstLine: Int
    ) {
        self.id = id
        self.title = title
        self.summary = summary
        self.tags = tags
        self.systems = systems
        self.authorities = authorities
        self.eu = eu
        self.comparison = comparison
        self.body = body
        self.source = source
        self.bodyFirstLine = bodyFirstLine
    }

    /// Every citation the recommendation makes, in the order written.
    public var allCitations: [CitedAuthority] { authorities + eu.map(\.authority) + systems }
}

/// A citation as written in a file: the text, where it stands, and what it parsed to.
public struct CitedAuthority: Sendable, Hashable {
    /// The citation as written, and where.
    public var text: Located<String>
    /// What it parsed to; nil when it does not parse.
    public var citation: Citation?
    /// Optional words on what the citation supports, shown beside it.
    public var note: String?

    /// A recommendation as loaded, or as a client builds one.
    public init(text: Located<String>, citation: Citation?, note: String? = nil) {
        self.text = text
        self.citation = citation
        self.note = note
    }

    /// Reads the citation text once at load time; whether it is right is the checks' job, so
    /// a text that does not parse keeps `citation` nil and is reported by `docket check`.
    public init(parsing text: Located<String>, note: String? = nil) {
        self.init(text: text, citation: try? CitationParser.parse(text.value).get(), note: note)
    }
}

/// One EU AI Act provision and what it requires, set beside the US position.
public struct EUComparisonPoint: Sendable, Hashable {
    /// The EU provision.
    public var authority: CitedAuthority
    /// What it requires, in one sentence.
    public var requires: String

    /// A recommendation as loaded, or as a client builds one.
    public init(authority: CitedAuthority, requires: String) {
        self.authority = authority
        self.requires = requires
    }
}
