import Mustache

/// Finds which variables a Mustache body reads, by rendering it once against a context that
/// records every name it is asked for. This uses swift-mustache's own resolution rules, so
/// sections, inverted sections and dotted names are seen exactly as the composer will see them.
public enum TemplateVariables {
    /// Names every template may read without declaring them: the composer supplies them.
    public static let builtins: Set<String> = ["docket", "plan", "ref", "submitter", "signers", "recommendations"]

    /// The fields of each built-in value, as the composer fills them; `ref` takes any
    /// recommendation id and is checked when composing. A date field also has `.iso` and `.year`.
    public static let builtinFields: [String: Set<String>] = [
        "docket": ["id", "title", "agency", "agencyName", "federalRegister", "frDocument", "rin", "published", "commentsClose"],
        "plan": ["name", "title"],
        "recommendations": ["count", "titles"],
        "submitter": ["name"],
        // The organizations that approved the version rendered, never the whole roster.
        "signers": ["count", "organizations"],
    ]

    /// Built-in fields that hold dates.
    public static let dateFields: Set<String> = ["docket.published", "docket.commentsClose"]

    /// The children a date value has.
    public static let dateChildren: Set<String> = ["iso", "year"]

    /// Why a body is not a valid Mustache template, and where.
    public struct SyntaxError: Error, Sendable {
        public var message: String
        /// 1-based line and character column within the body.
        public var line: Int
        public var column: Int
        /// Set when the pre-scan found it: an unclosed tag or too deep a nesting.
        public var kind: MustacheScan.Problem.Kind? = nil
    }

    /// The top-level names `body` reads, in first-use order.
    public static func names(in body: String) -> Result<[String], SyntaxError> {
        if let problem = MustacheScan.problem(in: body) {
            let (line, column) = MustacheScan.lineAndColumn(of: problem.utf8Offset, in: body)
            return .failure(SyntaxError(message: problem.message, line: line, column: column, kind: problem.kind))
        }
        let template: MustacheTemplate
        do {
            template = try MustacheTemplate(string: body)
        } catch let error as MustacheTemplate.ParserError {
            return .failure(SyntaxError(message: describe(error.error), line: error.context.lineNumber, column: error.context.columnNumber))
        } catch {
            return .failure(SyntaxError(message: "\(error)", line: 1, column: 1))
        }
        let recorder = NameRecorder()
        _ = template.render(recorder)
        return .success(recorder.names)
    }

    private static func describe(_ error: Error) -> String {
        guard let error = error as? MustacheTemplate.Error else { return "\(error)" }
        switch error {
        case .sectionCloseNameIncorrect: return "a section is closed with a name other than the one that opened it"
        case .unfinishedName: return "a tag is not closed with '}}'"
        case .expectedSectionEnd: return "a section is opened but never closed with '{{/name}}'"
        case .invalidSetDelimiter: return "malformed set-delimiter tag"
        default: return "\(error)"
        }
    }
}

/// Answers every lookup with a value that renders sections once, so names nested in sections are
/// asked for too; only names asked of the root are recorded.
private final class NameRecorder: MustacheParent {
    private(set) var names: [String] = []
    private var seen: Set<String> = []

    func child(named name: String) -> Any? {
        if seen.insert(name).inserted { names.append(name) }
        return Placeholder()
    }
}

/// Resolves nothing itself, so lookups inside a section fall back to the recording root.
private struct Placeholder: MustacheParent, CustomStringConvertible {
    func child(named: String) -> Any? { nil }
    var description: String { "" }
}
