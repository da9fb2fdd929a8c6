/// CommonMark for the composed document. Byte-identical for the same document: no dates, no
/// environment, one blank line between blocks, a final newline.
///
/// The draft version hashes the canonical form: this Markdown without its footer and without
/// the list of signers. Signers approve the words; which of them have approved is not part of
/// what they approve, so an approval never changes the version it approves.
public enum MarkdownRenderer {
    /// The Markdown and the version of a document whose text (not signer list) is `document`'s.
    /// One pass over the blocks gives both the canonical body and the full text: this runs
    /// once for every draft composed.
    public static func render(_ document: ComposedDocument) -> (markdown: String, version: DraftVersion) {
        let all = parts(document, signers: true)
        let version = DraftVersion(canonicalMarkdown: all.filter { !$0.isSignerList }.map(\.text).joined(separator: "\n\n") + "\n")
        return (full(all, version: version), version)
    }

    /// The full Markdown, signers included, with the footer naming `version`.
    public static func render(_ document: ComposedDocument, version: DraftVersion) -> String {
        full(parts(document, signers: true), version: version)
    }

    /// The Markdown the version is computed from.
    public static func canonicalBody(_ document: ComposedDocument) -> String {
        parts(document, signers: false).map(\.text).joined(separator: "\n\n") + "\n"
    }

    private static func full(_ parts: [Part], version: DraftVersion) -> String {
        parts.map(\.text).joined(separator: "\n\n") + "\n\n---\n\nDraft version `\(version)`\n"
    }

    /// The canonical body's paragraphs (runs of text between blank lines) in order, each with
    /// the source of the block it belongs to. A redline uses it to say where a change came from.
    public static func paragraphs(_ document: ComposedDocument) -> [(text: String, source: String)] {
        parts(document, signers: false).flatMap { part in Redline.paragraphs(of: part.text).map { ($0, part.source) } }
    }

    private struct Part {
        var text: String
        var source: String
        var isSignerList = false
    }

    private static func parts(_ document: ComposedDocument, signers: Bool) -> [Part] {
        var parts = [Part(text: header(document.header), source: "the plan's title and docket")]
        for block in document.blocks {
            let isSignerList = { if case .signatories = block { true } else { false } }()
            if isSignerList && !signers { continue }
            parts.append(Part(text: render(block), source: block.sourceDescription, isSignerList: isSignerList))
        }
        return parts.filter { !$0.text.isEmpty }
    }

    private static func header(_ header: Header) -> String {
        var lines = ["# \(escape(header.title))"]
        var details: [String] = []
        if let addressee = header.addressee { details.append("**To:** \(escape(addressee))") }
        if let docketLine = header.docketLine { details.append("**Docket:** \(escape(docketLine))") }
        if let from = header.from { details.append("**From:** \(escape(from))") }
        // A backslash at the end of a line is CommonMark's hard break; trailing spaces would be
        // stripped by editors and change the version.
        if !details.isEmpty { lines.append(details.joined(separator: "\\\n")) }
        return lines.joined(separator: "\n\n")
    }

    private static func render(_ block: Block) -> String {
        switch block {
        case .heading(let heading):
            return String(repeating: "#", count: heading.level) + " " + escape(heading.text)
        case .prose(let prose):
            return prose.markdown
        case .recommendation(let recommendation):
            return render(recommendation)
        case .summary(let items):
            return items.map { "\($0.number). **\(escape($0.title)).** \(escape($0.summary))" }.joined(separator: "\n")
        case .answer(let answer):
            let question = "**Question \(answer.question).** *\(escape(answer.questionText))*"
            return [question, answer.markdown].joined(separator: "\n\n")
        case .comparisonTable(let rows):
            var lines = ["| Recommendation | US provisions | EU AI Act | What differs |", "| --- | --- | --- | --- |"]
            for row in rows {
                let cells = [
                    "\(row.recommendation). \(escape(row.title))", escape(row.usProvisions.joined(separator: "; ")), escape(row.euProvisions.joined(separator: "; ")),
                    row.difference.replacingOccurrences(of: "|", with: "\\|"),
                ]
                lines.append("| " + cells.joined(separator: " | ") + " |")
            }
            return lines.joined(separator: "\n")
        case .authoritiesIndex(let groups):
            return groups.map { group in
                let entries = group.entries.map { entry in
                    "- \(escape(entry.citation))" + (entry.title.map { ": \(escape($0))" } ?? "") + " (\(citedBy(entry.citedBy)))"
                }
                return "### \(escape(group.kind.heading))\n\n" + entries.joined(separator: "\n")
            }.joined(separator: "\n\n")
        case .signatories(let block):
            return escape(block.lead) + "\n\n" + block.lines.map { "- \(escape($0))" }.joined(separator: "\n")
        }
    }

    private static func render(_ recommendation: ComposedRecommendation) -> String {
        var parts = ["### \(recommendation.label): \(escape(recommendation.title))", "**In brief.** \(escape(recommendation.summary))", recommendation.body]
        if !recommendation.authorities.isEmpty {
            parts.append("**US authorities.**\n\n" + recommendation.authorities.map(item).joined(separator: "\n"))
        }
        if !recommendation.eu.isEmpty {
            parts.append("**EU AI Act.**\n\n" + recommendation.eu.map { "- \(escape($0.authority.citation)): \(escape($0.requires))" }.joined(separator: "\n"))
        }
        if !recommendation.comparison.isEmpty {
            parts.append("**How the EU and US rules differ.** " + recommendation.comparison)
        }
        if !recommendation.systems.isEmpty {
            parts.append("**DHS AI inventory entries.** " + escape(recommendation.systems.map(\.citation).joined(separator: ", ")) + ".")
        }
        return parts.filter { !$0.isEmpty }.joined(separator: "\n\n")
    }

    private static func item(_ entry: CitedEntry) -> String {
        let gloss = entry.note ?? entry.title
        return "- \(escape(entry.citation))" + (gloss.map { ": \(escape($0))" } ?? "")
    }

    static func citedBy(_ numbers: [Int]) -> String {
        (numbers.count == 1 ? "Recommendation " : "Recommendations ") + numbers.map(String.init).joined(separator: ", ")
    }

    private static func escape(_ text: String) -> String { MarkdownText.escape(text) }
}
