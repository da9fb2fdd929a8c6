import DocketCompose
import DocketMarkdown
import DocketModel
import DocketSupport
import Foundation

/// The composed document as a `.docx`, the attachment Regulations.gov accepts: real heading
/// styles, lists, hyperlinks and tables, page numbers in the footer, and the title and docket ID
/// in the document properties. Prose is walked from libcmark's tree.
public enum DOCXRenderer {
    /// The `.docx` bytes for `document`, its footer naming `version`.
    public static func render(_ document: ComposedDocument, version: DraftVersion, stamp: VersionStamp = .draft) throws -> Data {
        let (label, value) = stamp.words(version, docketID: document.header.docketID)
        var body = BodyWriter()
        for section in DocumentLayout.sections(of: document) {
            switch section {
            case .titleBlock(let title, let details):
                body.paragraph(style: "Title", [.text(title)])
                for detail in details { body.paragraph([.strong([.text("\(detail.label.rawValue): ")]), .text(detail.value)]) }
            case .dateLine(let date):
                body.paragraph([.text(date)])
            case .block(let block):
                body.write(block)
            case .versionFooter:
                body.paragraph(style: "Footer", [.text("\(label) \(value)")])
            }
        }
        let header = document.header

        return try DOCXPackage.document(
            body: body.xml, title: header.title, subject: header.docketID, creator: header.from, language: document.language, links: body.links,
            orderedStarts: body.orderedStarts, footer: stamp.footer(version, docketID: header.docketID))
    }
}

/// Accumulates `word/document.xml`'s body, the hyperlink targets and the ordered lists met.
struct BodyWriter {
    private(set) var xml = ""
    private(set) var links: [String] = []
    private(set) var orderedStarts: [Int] = []

    mutating func write(_ block: Block) {
        switch block {
        case .heading(let heading):
            paragraph(style: "Heading\(min(max(heading.level - 1, 1), 4))", [.text(heading.text)], pageBreakBefore: heading.startsPage)
        case .prose(let prose):
            markdown(prose.markdown)
        case .recommendation(let recommendation):
            for part in DocumentLayout.parts(of: recommendation) { write(part) }
        case .summary(let items):
            let numbering = newOrderedList(start: 1)
            for item in items {
                paragraph(style: "ListParagraph", [.strong([.text(item.title + ".")]), .text(" " + item.summary)], list: (numbering, 0))
            }
        case .answer(let answer):
            paragraph([.strong([.text("Question \(answer.question). ")]), .emphasis([.text(answer.questionText)])])
            markdown(answer.markdown)
        case .comparisonTable(let rows):
            table(
                // Twentieths of a point across 6.5 inches: the citations' columns fit a citation
                // on a line, the prose column takes the rest.
                header: ["Recommendation", "US provisions", "EU AI Act", "What differs"], widths: [2500, 2250, 1310, 3300],
                rows: rows.map { row in
                    [
                        [.text("\(row.recommendation). \(row.title)")], [.text(row.usProvisions.joined(separator: "; "))], [.text(row.euProvisions.map(DocumentLayout.withinEUColumn).joined(separator: "; "))],
                        inlines(row.difference),
                    ]
                })
        case .authoritiesIndex(let groups):
            for group in groups {
                paragraph(style: "Heading3", [.text(group.kind.heading)])
                for entry in group.entries {
                    let text = entry.citation + (entry.title.map { ": \($0)" } ?? "") + " (\(DocumentLayout.citedBy(entry.citedBy)))"
                    paragraph(style: "ListParagraph", [.text(text)], list: (1, 0))
                }
            }
        case .signatories(let block):
            paragraph([.text(block.closing)])
            guard let lead = block.lead else {
                for line in block.lines { paragraph([.text(line)]) }
                return
            }
            paragraph([.text(lead)])
            for line in block.lines { paragraph(style: "ListParagraph", [.text(line)], list: (1, 0)) }
        }
    }

    private mutating func write(_ part: DocumentLayout.RecommendationPart) {
        switch part {
        case .heading(let label, let title):
            paragraph(style: "Heading2", [.text("\(label): \(title)")])
        case .inBrief(let summary):
            paragraph([.strong([.text("In brief. ")]), .emphasis([.text(summary)])])
        case .body(let text):
            markdown(text)
        case .usAuthorities(let entries):
            paragraph(style: "Heading4", [.text("US authorities")])
            for entry in entries {
                paragraph(style: "ListParagraph", [.text(entry.citation + ((entry.note ?? entry.title).map { ": \($0)" } ?? ""))], list: (1, 0))
            }
        case .euProvisions(let points):
            paragraph(style: "Heading4", [.text("EU AI Act")])
            for point in points { paragraph(style: "ListParagraph", [.text("\(point.authority.citation): \(point.requires)")], list: (1, 0)) }
        case .comparison(let text):
            paragraph(style: "Heading4", [.text("How the EU and US rules differ")])
            markdown(text)
        case .systems(let systems):
            paragraph([.strong([.text("DHS AI inventory entries. ")]), .text(systems.map(\.citation).joined(separator: ", ") + ".")])
        }
    }

    // MARK: CommonMark

    private mutating func markdown(_ text: String) {
        for block in CommonMarkDocument(text).blocks { write(block, depth: 0, quote: false) }
    }

    private func inlines(_ text: String) -> [MarkdownInline] {
        CommonMarkDocument(text).blocks.flatMap { block -> [MarkdownInline] in
            if case .paragraph(let inlines) = block { return inlines }
            return []
        }
    }

    private mutating func write(_ block: MarkdownBlock, depth: Int, quote: Bool, list: (Int, Int)? = nil) {
        switch block {
        case .paragraph(let inlines):
            paragraph(style: list != nil ? "ListParagraph" : (quote ? "Quote" : nil), inlines, list: list)
        case .heading(let level, let inlines):
            paragraph(style: "Heading\(min(level + 1, 4))", inlines)
        case .list(let ordered, let start, let items):
            let numbering = ordered ? newOrderedList(start: start) : 1
            for item in items {
                for (offset, child) in item.enumerated() {
                    // A list item's first paragraph carries the marker; later ones are indented text.
                    write(child, depth: depth + 1, quote: quote, list: offset == 0 ? (numbering, depth) : nil)
                }
            }
        case .blockQuote(let children):
            for child in children { write(child, depth: depth, quote: true) }
        case .codeBlock(let code):
            for line in code.split(separator: "\n", omittingEmptySubsequences: false).dropLast(code.hasSuffix("\n") ? 1 : 0) {
                paragraph([.code(String(line))])
            }
        case .thematicBreak:
            paragraph([.text("* * *")])
        case .html:
            break
        }
    }

    private mutating func newOrderedList(start: Int) -> Int {
        orderedStarts.append(start)
        return orderedStarts.count + 1
    }

    // MARK: WordprocessingML

    mutating func paragraph(style: String? = nil, _ inlines: [MarkdownInline], list: (numID: Int, level: Int)? = nil, pageBreakBefore: Bool = false) {
        var properties = style.map { "<w:pStyle w:val=\"\($0)\"/>" } ?? ""
        if pageBreakBefore { properties += "<w:pageBreakBefore/>" }
        if let list { properties += "<w:numPr><w:ilvl w:val=\"\(min(list.level, 8))\"/><w:numId w:val=\"\(list.numID)\"/></w:numPr>" }
        xml += "<w:p>" + (properties.isEmpty ? "" : "<w:pPr>\(properties)</w:pPr>") + runs(inlines, bold: false, italic: false) + "</w:p>\n"
    }

    private mutating func runs(_ inlines: [MarkdownInline], bold: Bool, italic: Bool, style: String? = nil) -> String {
        inlines.map { inline -> String in
            switch inline {
            case .text(let text): return run(text, bold: bold, italic: italic, style: style)
            case .code(let text): return run(text, bold: bold, italic: italic, style: "Code")
            case .emphasis(let children): return runs(children, bold: bold, italic: true, style: style)
            case .strong(let children): return runs(children, bold: true, italic: italic, style: style)
            case .link(let destination, let children):
                guard !destination.isEmpty, LinkSafety.isSafe(destination) else { return runs(children, bold: bold, italic: italic, style: style) }
                links.append(destination)
                return "<w:hyperlink r:id=\"rIdLink\(links.count)\" w:history=\"1\">" + runs(children, bold: bold, italic: italic, style: "Hyperlink") + "</w:hyperlink>"
            case .image(_, let alt): return runs(alt, bold: bold, italic: italic, style: style)
            case .softBreak: return run(" ", bold: bold, italic: italic, style: style)
            case .lineBreak: return "<w:r><w:br/></w:r>"
            case .html: return ""
            }
        }.joined()
    }

    private func run(_ text: String, bold: Bool, italic: Bool, style: String?) -> String {
        var properties = style.map { "<w:rStyle w:val=\"\($0)\"/>" } ?? ""
        if bold { properties += "<w:b/>" }
        if italic { properties += "<w:i/>" }
        return "<w:r>" + (properties.isEmpty ? "" : "<w:rPr>\(properties)</w:rPr>") + "<w:t xml:space=\"preserve\">\(XML.escape(text))</w:t></w:r>"
    }

    private mutating func table(header: [String], widths: [Int], rows: [[[MarkdownInline]]]) {
        xml += "<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/><w:tblW w:w=\"5000\" w:type=\"pct\"/><w:tblLayout w:type=\"fixed\"/></w:tblPr><w:tblGrid>"
        xml += widths.map { "<w:gridCol w:w=\"\($0)\"/>" }.joined() + "</w:tblGrid>\n"
        xml += "<w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>" + zip(header, widths).map { cell([.strong([.text($0.0)])], width: $0.1) }.joined() + "</w:tr>\n"
        for row in rows {
            xml += "<w:tr><w:trPr><w:cantSplit/></w:trPr>" + zip(row, widths).map { cell($0.0, width: $0.1) }.joined() + "</w:tr>\n"
        }
        xml += "</w:tbl>\n<w:p/>\n"
    }

    private mutating func cell(_ inlines: [MarkdownInline], width: Int) -> String {
        "<w:tc><w:tcPr><w:tcW w:w=\"\(width)\" w:type=\"dxa\"/></w:tcPr><w:p>" + runs(inlines, bold: false, italic: false) + "</w:p></w:tc>"
    }
}
