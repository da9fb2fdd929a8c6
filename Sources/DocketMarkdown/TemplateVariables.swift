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
        /// The sentence a diagnostic prints.
        public var message: String
        /// 1-based line and character column within the body.
        public var line: Int
        /// The 1-based character column within the line.
        public var column: Int
        /// Set when the pre-scan found it: an unclosed tag or too deep a nesting.
        public var kind: MustacheScan.Problem.Kind? = nil
    }

    /// The top-level names `body` reads, in first-use order.
    public static func names(in body: String) -> Result<[String], SyntaxError> {
        names(in: body, parsingTagsOnly: true)
    }

    /// `parsingTagsOnly` hands swift-mustache the body's tags without the text between them
    /// when that cannot change the result (see `tagsOnly`); false parses the whole body.
    static func names(in body: String, parsingTagsOnly: Bool) -> Result<[String], SyntaxError> {
        // Without "{{" there is no tag, so nothing to read and nothing to get wrong; most
        // recommendation bodies are plain CommonMark, and parsing them cost a tenth of a check.
        if !body.utf8.containsOpeningTag { return .success([]) }
        if let problem = MustacheScan.problem(in: body) {
            let (line, column) = MustacheScan.lineAndColumn(of: problem.utf8Offset, in: body)
            return .failure(SyntaxError(message: problem.message, line: line, column: column, kind: problem.kind))
        }
        let tags = parsingTagsOnly ? tagsOnly(body) : nil
        let template: MustacheTemplate
        do {
            template = try MustacheTemplate(string: tags ?? body)
        } catch let error as MustacheTemplate.ParserError {
            // Where the error is, in the body as written.
            if tags != nil { return names(in: body, parsingTagsOnly: false) }
            return .failure(SyntaxError(message: describe(error.error), line: error.context.lineNumber, column: error.context.columnNumber))
        } catch {
            return .failure(SyntaxError(message: "\(error)", line: 1, column: 1))
        }
        let recorder = NameRecorder()
        _ = template.render(recorder)
        return .success(recorder.names)
    }

    /// The body's tags, in order, without the text between them. swift-mustache reads text a
    /// character at a time, and text can neither fail to parse nor name a variable, so the tags
    /// alone parse (or fail) as the body does and read the same names, at a tenth of the cost.
    /// Nil when the body ends with "{", when a brace stands beside a non-ASCII character, and when the body changes its delimiters (`{{=`) or uses triple braces, whose end is not
    /// the first "}}": those bodies are parsed whole. Every "{{" is known to close (checked by
    /// `MustacheScan.problem` first).
    static func tagsOnly(_ body: String) -> String? {
        let bytes = Array(body.utf8)
        // The one way text fails: a "{" that ends the body, where swift-mustache looks for a
        // second brace past the end.
        if bytes.last == UInt8(ascii: "{") { return nil }
        // swift-mustache compares characters, not bytes: a brace joined by a combining mark
        // (or a prepended one) is not a brace to it. Every such mark is outside ASCII.
        for index in bytes.indices where bytes[index] == UInt8(ascii: "{") || bytes[index] == UInt8(ascii: "}") {
            if index + 1 < bytes.count, bytes[index + 1] >= 0x80 { return nil }
            if index > 0, bytes[index - 1] >= 0x80 { return nil }
        }
        var tags: [UInt8] = []
        tags.reserveCapacity(bytes.count / 4)
        var index = 0
        while index + 1 < bytes.count {
            guard bytes[index] == UInt8(ascii: "{"), bytes[index + 1] == UInt8(ascii: "{") else {
                index += 1
                continue
            }
            if index + 2 < bytes.count, bytes[index + 2] == UInt8(ascii: "{") || bytes[index + 2] == UInt8(ascii: "=") { return nil }
            var close = index + 2
            while close + 1 < bytes.count, !(bytes[close] == UInt8(ascii: "}") && bytes[close + 1] == UInt8(ascii: "}")) { close += 1 }
            guard close + 1 < bytes.count else { return nil }
            tags += bytes[index...(close + 1)]
            index = close + 2
        }
        return String(decoding: tags, as: UTF8.self)
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

extension String.UTF8View {
    /// Whether "{{", the only way a Mustache tag can open, occurs.
    fileprivate var containsOpeningTag: Bool {
        var previous: UInt8 = 0
        for byte in self {
            if byte == UInt8(ascii: "{"), previous == byte { return true }
            previous = byte
        }
        return false
    }
}
