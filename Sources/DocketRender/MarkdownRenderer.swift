import DocketCompose
import DocketMarkdown
import DocketModel

/// CommonMark for the composed document. Byte-identical for the same document: no dates, no
/// environment, one blank line between blocks, a final newline.
///
/// The draft version hashes the canonical form: this Markdown without its footer, its date line
/// and its signature block. Signers approve the words; which of them have approved, and the day
/// it is filed, are not part of what they approve, so an approval never changes the version it
/// approves.
public enum MarkdownRenderer {
    /// The full Markdown, signers included, with the footer naming `version`.
    public static func render(_ document: ComposedDocument, version: DraftVersion, stamp: VersionStamp = .draft) -> String {
        render(Sections(document, hashing: false), version: version, stamp: stamp)
    }

    /// The full Markdown of a document already rendered section by section.
    public static func render(_ sections: Sections, version: DraftVersion, stamp: VersionStamp = .draft) -> String {
        let (label, value) = stamp.words(version, docketID: sections.docketID)
        return sections.parts.map(\.text).joined(separator: "\n\n") + "\n\n---\n\n\(label) `\(value)`\n"
    }

    /// The Markdown the version is computed from.
    public static func canonicalBody(_ document: ComposedDocument) -> String {
        canonical(parts(document))
    }

    /// The canonical Markdown of a document already rendered section by section.
    public static func canonicalBody(_ sections: Sections) -> String {
        canonical(sections.parts)
    }

    /// A document's Markdown, section by section. Built from an earlier rendering of a document
    /// that shares most of its sections (the same plan composed for another supporter), only
    /// the sections that differ are rendered again.
    public struct Sections: Sendable {
        fileprivate var sections: [DocumentLayout.Section]
        /// One per section; nil for the footer, which is added with the version.
        fileprivate var rendered: [Part?]
        fileprivate var docketID: String?

        /// `document` rendered, taking each section equal to one in `earlier`, at the same
        /// place, from it. `hashing` says whether its canonical text will be asked for: only
        /// then is each part's made, once, as it is rendered.
        public init(_ document: ComposedDocument, reusing earlier: Sections? = nil, hashing: Bool = true) {
            let sections = DocumentLayout.sections(of: document)
            let reusable = earlier.map { $0.sections.count == sections.count } ?? false
            rendered = sections.indices.map { index in
                if reusable, let earlier, earlier.sections[index] == sections[index] { return earlier.rendered[index] }
                return MarkdownRenderer.part(sections[index], hashing: hashing)
            }
            self.sections = sections
            docketID = document.header.docketID
        }

        fileprivate var parts: [Part] { rendered.compactMap { $0 }.filter { !$0.text.isEmpty } }
    }

    /// The version of `document`: the hash of its canonical Markdown.
    public static func version(of document: ComposedDocument) -> DraftVersion {
        DraftVersion(canonicalMarkdown: canonicalBody(document))
    }

    /// The canonical body's paragraphs (runs of text between blank lines) in order, each with
    /// the source of the block it belongs to. A redline uses it to say where a change came from.
    public static func paragraphs(_ document: ComposedDocument) -> [(text: String, source: String)] {
        parts(document).filter { !$0.isUnversioned }.flatMap { part in Paragraphs.split(part.canonicalText).map { ($0, part.source) } }
    }

    private static func canonical(_ parts: [Part]) -> String {
        parts.filter { !$0.isUnversioned }.map(\.canonicalText).joined(separator: "\n\n") + "\n"
    }

    fileprivate struct Part: Sendable {
        var text: String
        var source: String
        /// The date line and the signature block: printed, not hashed.
        var isUnversioned = false
        /// The text the version hashes (`CanonicalText`), made once when the part is rendered
        /// for a version; nil for parts only printed.
        var canonical: String?

        init(text: String, source: String, isUnversioned: Bool = false, hashing: Bool = true) {
            self.text = text
            self.source = source
            self.isUnversioned = isUnversioned
            canonical = isUnversioned || !hashing ? nil : CanonicalText.normalize(text)
        }

        var canonicalText: String { canonical ?? (isUnversioned ? text : CanonicalText.normalize(text)) }
    }

    private static func parts(_ document: ComposedDocument) -> [Part] {
        Sections(document).parts
    }

    private static func part(_ section: DocumentLayout.Section, hashing: Bool) -> Part? {
        switch section {
        case .titleBlock(let title, let details):
            return Part(text: titleBlock(title, details), source: "the plan's title and docket", hashing: hashing)
        case .dateLine(let date):
            return Part(text: escape(date), source: "the date", isUnversioned: true)
        case .block(let block):
            let isSignatureBlock = { if case .signatories = block { true } else { false } }()
            return Part(text: render(block), source: block.sourceDescription, isUnversioned: isSignatureBlock, hashing: hashing)
        case .versionFooter:
            return nil
        }
    }

    private static func titleBlock(_ title: String, _ details: [DocumentLayout.FilingDetail]) -> String {
        var lines = ["# \(escape(title))"]
        // A backslash at the end of a line is CommonMark's hard break; trailing spaces would be
        // stripped by editors and change the version.
        if !details.isEmpty { lines.append(details.map { "**\($0.label.rawValue):** \(escape($0.value))" }.joined(separator: "\\\n")) }
        return lines.joined(separator: "\n\n")
    }

    private static func render(_ block: Block) -> String {
        switch block {
        case .heading(let heading):
            return String(repeating: "#", count: heading.level) + " " + escape(heading.text)
        case .prose(let prose):
            return prose.markdown
        case .recommendation(let recommendation):
            return DocumentLayout.parts(of: recommendation).map(render).joined(separator: "\n\n")
        case .summary(let items):
            return items.map { "\($0.number). **\(escape($0.title)).** \(escape($0.summary))" }.joined(separator: "\n")
        case .answer(let answer):
            let question = "**Question \(answer.question).** *\(escape(answer.questionText))*"
            return [question, answer.markdown].joined(separator: "\n\n")
        case .comparisonTable(let rows):
            var lines = ["| Recommendation | US provisions | EU AI Act | What differs |", "| --- | --- | --- | --- |"]
            for row in rows {
                let cells = [
                    "\(row.recommendation). \(escape(row.title))", escape(row.usProvisions.joined(separator: "; ")),
                    escape(row.euProvisions.map(DocumentLayout.withinEUColumn).joined(separator: "; ")),
                    row.difference.replacingOccurrences(of: "|", with: "\\|"),
                ]
                lines.append("| " + cells.joined(separator: " | ") + " |")
            }
            return lines.joined(separator: "\n")
        case .authoritiesIndex(let groups):
            return groups.map { group in
                let entries = group.entries.map { entry in
                    "- \(escape(entry.citation))" + (entry.title.map { ": \(escape($0))" } ?? "") + " (\(DocumentLayout.citedBy(entry.citedBy)))"
                }
                return "### \(escape(group.kind.heading))\n\n" + entries.joined(separator: "\n")
            }.joined(separator: "\n\n")
        case .signatories(let block):
            guard let lead = block.lead else { return escape(block.closing) + "\\\n" + block.lines.map(escape).joined(separator: "\\\n") }
            return escape(block.closing) + "\n\n" + escape(lead) + "\n\n" + block.lines.map { "- \(escape($0))" }.joined(separator: "\n")
        }
    }

    private static func render(_ part: DocumentLayout.RecommendationPart) -> String {
        switch part {
        case .heading(let label, let title): "### \(label): \(escape(title))"
        case .inBrief(let summary): "**In brief.** \(escape(summary))"
        case .body(let markdown): markdown
        case .usAuthorities(let entries): "**US authorities.**\n\n" + entries.map(item).joined(separator: "\n")
        case .euProvisions(let points): "**EU AI Act.**\n\n" + points.map { "- \(escape($0.authority.citation)): \(escape($0.requires))" }.joined(separator: "\n")
        case .comparison(let markdown): "**How the EU and US rules differ.** " + markdown
        case .systems(let systems): "**DHS AI inventory entries.** " + escape(systems.map(\.citation).joined(separator: ", ")) + "."
        }
    }

    private static func item(_ entry: CitedEntry) -> String {
        let gloss = entry.note ?? entry.title
        return "- \(escape(entry.citation))" + (gloss.map { ": \(escape($0))" } ?? "")
    }

    private static func escape(_ text: String) -> String { MarkdownText.escape(text) }
}

/// Runs of non-blank lines. Paragraphs, list blocks, tables and headings of the canonical
/// Markdown are each one run, because the renderer separates blocks with a blank line.
public enum Paragraphs {
    /// The runs of `text`, in order.
    public static func split(_ text: String) -> [String] {
        var paragraphs: [String] = []
        var current: [Substring] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.allSatisfy(\.isWhitespace) {
                if !current.isEmpty { paragraphs.append(current.joined(separator: "\n")) }
                current = []
            } else {
                current.append(line)
            }
        }
        if !current.isEmpty { paragraphs.append(current.joined(separator: "\n")) }
        return paragraphs
    }
}
