import DocketSupport
import Foundation

/// A reusable piece of comment text with typed variables. Document templates (`comment.md`,
/// `letter.md`) share the format and are told apart by `role`.
public struct Clause: Sendable, Identifiable {
    /// Whether the file is a clause or a whole-document template.
    public enum Role: String, Sendable, Codable {
        case clause
        /// A whole-document skeleton that arranges clauses and recommendations.
        case document
    }

    /// The clause's dotted id, e.g. `intro.coalition`.
    public var id: String
    /// Its version, raised whenever its text changes.
    public var version: Int
    /// What the clause is, for listings.
    public var title: String
    /// A clause, or a whole-document template.
    public var role: Role
    /// The variables the body reads, each declared and typed.
    public var variables: [Variable]
    /// Words for listing and search.
    public var tags: [String]
    /// CommonMark with Mustache tags.
    public var body: String
    /// Where the clause's `id` was written.
    public var source: SourceRange
    /// The 1-based line of the file the body starts on, so body offsets map to file lines.
    public var bodyFirstLine: Int
    /// The date of the newest source whose facts the clause states (`facts-as-of:`).
    public var factsAsOf: Located<CalendarDate>?
    /// What supports the text's factual claims, by the id the text cites (`[^id]`).
    public var evidence: [Evidence] = []
    /// The text's paragraphs as written, with the evidence each cites; empty for one built in code.
    public var paragraphs: [TextParagraph] = []

    /// A clause version as loaded, or as a client builds one.
    public init(id: String, version: Int, title: String, role: Role, variables: [Variable], tags: [String], body: String, source: SourceRange, bodyFirstLine: Int) {
        self.id = id
        self.version = version
        self.title = title
        self.role = role
        self.variables = variables
        self.tags = tags
        self.body = body
        self.source = source
        self.bodyFirstLine = bodyFirstLine
    }

    /// The declared variable called `name`.
    public func variable(named name: String) -> Variable? { variables.first { $0.name == name } }
}

/// A clause variable. Untyped substitution is how form letters go wrong in public, so every
/// variable says what it holds and whether it may be left out.
public struct Variable: Sendable, Hashable {
    /// The name the body reads, `{{name}}`.
    public var name: String
    /// The type a value must have.
    public var type: VariableType
    /// Whether a plan that uses the clause must give a value.
    public var required: Bool
    /// The value used when a plan gives none.
    public var defaultValue: VariableValue?
    /// What the value is for.
    public var description: String?
    /// Where the variable was declared.
    public var range: SourceRange

    /// A declared variable.
    public init(name: String, type: VariableType, required: Bool, defaultValue: VariableValue?, description: String?, range: SourceRange) {
        self.name = name
        self.type = type
        self.required = required
        self.defaultValue = defaultValue
        self.description = description
        self.range = range
    }

    /// A value must come from the plan: required and without a default.
    public var needsValue: Bool { required && defaultValue == nil }

    /// A date variable a document template prints as its date (`letter_date`, `date`): the
    /// plan's `date:` fills it when the plan gives it no value of its own.
    public var takesDocumentDate: Bool { type == .date && (name == "letter_date" || name == "date") }
}

/// What a variable holds.
public enum VariableType: String, Sendable, Codable, CaseIterable {
    case string
    case integer
    /// A calendar date written `YYYY-MM-DD`.
    case date
    /// A list of strings.
    case list
}

/// A value of a declared type.
public enum VariableValue: Sendable, Hashable, Codable {
    case string(String)
    case integer(Int)
    case date(CalendarDate)
    case list([String])

    /// The type this value has.
    public var type: VariableType {
        switch self {
        case .string: .string
        case .integer: .integer
        case .date: .date
        case .list: .list
        }
    }
}
