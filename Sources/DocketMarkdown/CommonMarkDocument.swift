import CCmark
import Foundation

/// A CommonMark document parsed by libcmark. Owns the cmark node tree and frees it when done.
public final class CommonMarkDocument: @unchecked Sendable {
    private let root: OpaquePointer

    /// Parses `markdown` with source positions.
    public init(_ markdown: String) {
        let options = CMARK_OPT_DEFAULT | CMARK_OPT_SOURCEPOS
        root = markdown.withCString { pointer in
            cmark_parse_document(pointer, strlen(pointer), options)
        }
    }

    deinit { cmark_node_free(root) }

    /// A node's kind and where it starts in the Markdown text (1-based line, UTF-8 column).
    public struct NodeInfo: Sendable {
        /// The kinds the checks ask about; every other node is `.other`.
        public enum Kind: Sendable, Hashable {
            case htmlBlock, htmlInline, other
        }

        /// What the node is.
        public var kind: Kind
        /// 1-based line in the parsed text.
        public var line: Int
        /// 1-based UTF-8 column in the parsed text.
        public var column: Int
        /// The node's own text, for leaf nodes.
        public var literal: String?
    }

    /// Visits every node once, in document order, on entry.
    public func forEachNode(_ body: (NodeInfo) -> Void) {
        guard let iterator = cmark_iter_new(root) else { return }
        defer { cmark_iter_free(iterator) }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            let literal = cmark_node_get_literal(node).map { String(cString: $0) }
            let kind: NodeInfo.Kind =
                switch cmark_node_get_type(node) {
                case CMARK_NODE_HTML_BLOCK: .htmlBlock
                case CMARK_NODE_HTML_INLINE: .htmlInline
                default: .other
                }
            body(NodeInfo(kind: kind, line: Int(cmark_node_get_start_line(node)), column: Int(cmark_node_get_start_column(node)), literal: literal))
        }
    }

    func withRoot<Result>(_ body: (OpaquePointer) -> Result) -> Result { body(root) }

    /// HTML for the document. Safe mode drops raw HTML and `javascript:` links, which a
    /// public filing must never carry.
    public func html(safe: Bool = true) -> String {
        let options = CMARK_OPT_DEFAULT | (safe ? CMARK_OPT_SAFE : CMARK_OPT_UNSAFE)
        guard let rendered = cmark_render_html(root, options) else { return "" }
        defer { free(rendered) }
        return String(cString: rendered)
    }
}
