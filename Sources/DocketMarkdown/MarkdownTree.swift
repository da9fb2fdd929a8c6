import CCmark

/// CommonMark as a Swift value, converted once from libcmark's tree. Renderers that libcmark
/// does not provide (plain text, DOCX) walk this instead of the C API.
public indirect enum MarkdownBlock: Sendable, Hashable {
    case paragraph([MarkdownInline])
    case heading(level: Int, [MarkdownInline])
    case list(ordered: Bool, start: Int, items: [[MarkdownBlock]])
    case blockQuote([MarkdownBlock])
    case codeBlock(String)
    case thematicBreak
    /// Raw HTML; safe rendering drops it.
    case html(String)
}

/// CommonMark inline content as a Swift value.
public indirect enum MarkdownInline: Sendable, Hashable {
    case text(String)
    case code(String)
    case emphasis([MarkdownInline])
    case strong([MarkdownInline])
    case link(destination: String, [MarkdownInline])
    case image(source: String, alt: [MarkdownInline])
    case softBreak
    case lineBreak
    case html(String)
}

extension CommonMarkDocument {
    /// The document's top-level blocks.
    public var blocks: [MarkdownBlock] {
        withRoot { root in Self.children(of: root).compactMap(Self.block) }
    }

    private static func children(of node: OpaquePointer) -> [OpaquePointer] {
        var result: [OpaquePointer] = []
        var child = cmark_node_first_child(node)
        while let current = child {
            result.append(current)
            child = cmark_node_next(current)
        }
        return result
    }

    private static func literal(_ node: OpaquePointer) -> String {
        cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
    }

    private static func block(_ node: OpaquePointer) -> MarkdownBlock? {
        switch cmark_node_get_type(node) {
        case CMARK_NODE_PARAGRAPH: return .paragraph(inlines(of: node))
        case CMARK_NODE_HEADING: return .heading(level: Int(cmark_node_get_heading_level(node)), inlines(of: node))
        case CMARK_NODE_LIST:
            let items = children(of: node).map { children(of: $0).compactMap(block) }
            return .list(ordered: cmark_node_get_list_type(node) == CMARK_ORDERED_LIST, start: Int(cmark_node_get_list_start(node)), items: items)
        case CMARK_NODE_BLOCK_QUOTE: return .blockQuote(children(of: node).compactMap(block))
        case CMARK_NODE_CODE_BLOCK: return .codeBlock(literal(node))
        case CMARK_NODE_THEMATIC_BREAK: return .thematicBreak
        case CMARK_NODE_HTML_BLOCK: return .html(literal(node))
        default: return nil
        }
    }

    private static func inlines(of node: OpaquePointer) -> [MarkdownInline] {
        children(of: node).compactMap { child in
            switch cmark_node_get_type(child) {
            case CMARK_NODE_TEXT: .text(literal(child))
            case CMARK_NODE_CODE: .code(literal(child))
            case CMARK_NODE_EMPH: .emphasis(inlines(of: child))
            case CMARK_NODE_STRONG: .strong(inlines(of: child))
            case CMARK_NODE_LINK: .link(destination: cmark_node_get_url(child).map { String(cString: $0) } ?? "", inlines(of: child))
            case CMARK_NODE_IMAGE: .image(source: cmark_node_get_url(child).map { String(cString: $0) } ?? "", alt: inlines(of: child))
            case CMARK_NODE_SOFTBREAK: .softBreak
            case CMARK_NODE_LINEBREAK: .lineBreak
            case CMARK_NODE_HTML_INLINE: .html(literal(child))
            default: nil
            }
        }
    }
}

extension [MarkdownInline] {
    /// The words, without markup: emphasis dropped, links as their text.
    public var plainText: String {
        map { inline in
            switch inline {
            case .text(let text), .code(let text): text
            case .emphasis(let children), .strong(let children), .link(_, let children), .image(_, let children): children.plainText
            case .softBreak: " "
            case .lineBreak: "\n"
            case .html: ""
            }
        }.joined()
    }
}
