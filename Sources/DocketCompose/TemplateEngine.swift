import DocketLibrary
import DocketMarkdown
import DocketModel
import DocketSupport
import Foundation
import Mustache

/// Renders clause and recommendation bodies with swift-mustache. Every clause is registered as a
/// partial under its id, so `{{> closing.coalition}}` includes one clause in another.
///
/// Values are escaped for CommonMark, not HTML: `{{name}}` must print "Legal Aid & Defense"
/// literally in every output, and must not let a `*` or `[` in a value turn into markup.
/// `{{{name}}}` inserts a value as Markdown on purpose.
///
/// One engine serves every plan composed from a library: clauses are parsed into partials once,
/// on first use, and each body once, so composing ten thousand personalized drafts parses each
/// template once rather than ten thousand times.
final class TemplateEngine: @unchecked Sendable {
    private static let contentTypeName = "DOCKETKIT_MARKDOWN"
    private static let registerContentType: Void = MustacheContentTypes.register(MarkdownEscaping(), named: contentTypeName)

    private let clauses: [Clause]
    /// Guards `built` and `templates`; rendering itself only reads them.
    private let lock = NSLock()
    private var built: MustacheLibrary?
    private var templates: [String: MustacheTemplate] = [:]

    /// `clauses` are the newest version of each clause; pinned versions are rendered by passing
    /// their own body to `render`.
    init(partials clauses: [Clause]) {
        self.clauses = clauses
    }

    private var library: MustacheLibrary {
        lock.lock()
        defer { lock.unlock() }
        if let built { return built }
        _ = Self.registerContentType
        var library = MustacheLibrary()
        for clause in clauses {
            // Bodies were parsed by `docket check`'s rules already; a body that fails here is
            // left unregistered and reported as an unknown partial where it is used.
            try? library.register(Self.pragma + clause.body, named: clause.id)
        }
        built = library
        return library
    }

    private func template(_ body: String) -> MustacheTemplate? {
        lock.lock()
        defer { lock.unlock() }
        if let cached = templates[body] { return cached }
        _ = Self.registerContentType
        guard let template = try? MustacheTemplate(string: Self.pragma + body) else { return nil }
        templates[body] = template
        return template
    }

    func render(_ body: String, context: TemplateContext) -> String {
        let library = self.library
        guard let template = template(body) else { return body }
        return template.render(context, library: library)
    }

    /// Set on the first line without a newline, so line numbers in the body stay as written.
    private static let pragma = "{{% CONTENT_TYPE: \(contentTypeName)}}"
}

/// Backslash-escapes the characters that would start CommonMark markup inside a line, and folds
/// line breaks so a value can never open a new block.
struct MarkdownEscaping: MustacheContentType {
    func escapeText(_ text: String) -> String { MarkdownText.escape(text) }
}

/// The values a body may read: its clause's declared variables, typed, and the names every body
/// may use (`docket`, `plan`, `ref`, `submitter`, `signatories`, `recommendations`).
final class TemplateContext: MustacheParent {
    private let values: [String: Any]
    private let references: ReferenceTable

    init(values: [String: Any], references: ReferenceTable) {
        self.values = values
        self.references = references
    }

    func child(named name: String) -> Any? {
        name == "ref" ? references : values[name]
    }
}

/// `{{ref.ID}}` → "Recommendation 4". Misses are recorded: an unknown id must be a diagnostic,
/// not an empty string in a filed comment.
final class ReferenceTable: MustacheParent {
    private let labels: [String: String]
    private(set) var misses: [String] = []

    init(labels: [String: String]) { self.labels = labels }

    func child(named name: String) -> Any? {
        if let label = labels[name] { return label }
        if !misses.contains(name) { misses.append(name) }
        return nil
    }

    func resetMisses() { misses = [] }
}

/// A list variable: `{{items}}` reads "a, b and c"; `{{#items}}…{{/items}}` iterates.
struct ListValue: Sequence, MustacheSequence, MustacheCustomRenderable {
    var items: [String]

    func makeIterator() -> IndexingIterator<[String]> { items.makeIterator() }

    var renderText: String {
        switch items.count {
        case 0: ""
        case 1: items[0]
        default: items.dropLast().joined(separator: ", ") + " and " + items.last!
        }
    }

    var isNull: Bool { items.isEmpty }
}

/// A date variable: `{{deadline}}` reads "December 5, 2023"; `{{deadline.iso}}` "2023-12-05".
struct DateValue: MustacheParent, MustacheCustomRenderable {
    var date: CalendarDate

    var renderText: String { date.longForm }
    var isNull: Bool { false }

    func child(named name: String) -> Any? {
        switch name {
        case "iso": date.description
        case "year": date.year
        default: nil
        }
    }
}

extension VariableValue {
    /// The value as the template engine sees it.
    var templateValue: Any {
        switch self {
        case .string(let text): text
        case .integer(let number): number
        case .date(let date): DateValue(date: date)
        case .list(let items): ListValue(items: items)
        }
    }
}
