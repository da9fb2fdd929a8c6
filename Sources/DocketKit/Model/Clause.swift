import Foundation

/// A reusable piece of comment text with typed variables. Document templates (`comment.md`,
/// `letter.md`) share the format and are told apart by `role`.
public struct Clause: Sendable, Identifiable {
    public enum Role: String, Sendable, Codable {
        case clause
        /// A whole-document skeleton that arranges clauses and recommendations.
        case document
    }

    public var id: String
    public var version: Int
    public var title: String
    public var role: Role
    public var variables: [Variable]
    public var tags: [String]
    /// CommonMark with Mustache tags.
    public var body: String
    public var source: SourceRange
    public var bodyFirstLine: Int

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

    public func variable(named name: String) -> Variable? { variables.first { $0.name == name } }
}

/// A clause variable. Untyped substitution is how form letters go wrong in public, so every
/// variable says what it holds and whether it may be left out.
public struct Variable: Sendable, Hashable {
    public var name: String
    public var type: VariableType
    public var required: Bool
    public var defaultValue: VariableValue?
    public var description: String?
    public var range: SourceRange

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
}

public enum VariableType: String, Sendable, Codable, CaseIterable {
    case string
    case integer
    /// A calendar date written `YYYY-MM-DD`.
    case date
    /// A list of strings.
    case list
}

public enum VariableValue: Sendable, Hashable, Codable {
    case string(String)
    case integer(Int)
    case date(CalendarDate)
    case list([String])

    public var type: VariableType {
        switch self {
        case .string: .string
        case .integer: .integer
        case .date: .date
        case .list: .list
        }
    }
}

/// A date without a time or zone, as clause variables and publication dates use.
public struct CalendarDate: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), (1...CalendarDate.days(inMonth: month, year: year)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`, rejecting impossible dates such as 2023-02-30.
    public init?(iso text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    public var description: String { String(format: "%04d-%02d-%02d", year, month, day) }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    private static func days(inMonth month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
