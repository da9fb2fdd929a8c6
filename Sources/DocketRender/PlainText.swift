import DocketMarkdown
/// CommonMark to plain text for places that show no markup: the Regulations.gov comment box.
/// Paragraphs are separated by a blank line; lists keep their markers; emphasis is dropped; a
/// link keeps its text and shows its address, since a reader cannot click it.
public enum PlainText {
    /// The plain text of `markdown`.
    public static func render(markdown: String) -> String {
        render(CommonMarkDocument(markdown).blocks, indent: "")
    }

    static func render(_ blocks: [MarkdownBlock], indent: String) -> String {
        blocks.compactMap { render($0, indent: indent) }.joined(separator: "\n\n")
    }

    private static func render(_ block: MarkdownBlock, indent: String) -> String? {
        switch block {
        case .paragraph(let inlines), .heading(_, let inlines):
            return indented(text(inlines), indent: indent)
        case .list(let ordered, let start, let items):
            return items.enumerated().map { offset, item in
                let marker = ordered ? "\(start + offset). " : "- "
                let body = render(item, indent: indent + String(repeating: " ", count: marker.count))
                return indent + marker + body.dropFirst(indent.count + marker.count)
            }.joined(separator: "\n")
        case .blockQuote(let children):
            return render(children, indent: indent + "    ")
        case .codeBlock(let code):
            return indented(code.hasSuffix("\n") ? String(code.dropLast()) : code, indent: indent + "    ")
        case .thematicBreak:
            return indent + "* * *"
        case .html:
            return nil
        }
    }

    private static func text(_ inlines: [MarkdownInline]) -> String {
        inlines.map { inline in
            switch inline {
            case .link(let destination, let children):
                let label = children.plainText
                return label == destination || destination.isEmpty || !LinkSafety.isSafe(destination) ? label : "\(label) (\(destination))"
            case .emphasis(let children), .strong(let children): return text(children)
            default: return [inline].plainText
            }
        }.joined()
    }

    private static func indented(_ text: String, indent: String) -> String {
        guard !indent.isEmpty else { return text }
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { indent + $0 }.joined(separator: "\n")
    }
}
