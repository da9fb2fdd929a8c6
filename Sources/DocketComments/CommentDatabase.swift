import Foundation

/// A value bound into or read out of a statement. Booleans are stored as 0 and 1, instants as
/// ISO 8601 text, so the same statements run on SQLite and PostgreSQL.
public enum SQLValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)

    public init(_ text: String?) { self = text.map(SQLValue.text) ?? .null }
    public init(_ number: Int?) { self = number.map { .integer(Int64($0)) } ?? .null }
    public init(_ flag: Bool) { self = .integer(flag ? 1 : 0) }

    public var string: String? {
        switch self {
        case .text(let text): text
        case .integer(let number): String(number)
        case .real(let number): String(number)
        case .null: nil
        }
    }

    public var int: Int? {
        switch self {
        case .integer(let number): Int(number)
        case .real(let number): Int(number)
        case .text(let text): Int(text)
        case .null: nil
        }
    }

    public var double: Double? {
        switch self {
        case .real(let number): number
        case .integer(let number): Double(number)
        case .text(let text): Double(text)
        case .null: nil
        }
    }
}

/// The two databases a store can live in. The statements are shared; only full-text search,
/// the schema's search table and the bulk loader differ.
public enum CommentDialect: String, Sendable {
    case sqlite, postgres
}

/// A database the comment store runs its statements against. Statements use `?` for their
/// arguments; the PostgreSQL connection numbers them.
public protocol CommentDatabase: Sendable {
    var dialect: CommentDialect { get }
    /// Where the store is, as a person would name it, with no password in it.
    var location: String { get }
    func execute(_ sql: String, _ arguments: [SQLValue]) async throws
    func rows(_ sql: String, _ arguments: [SQLValue]) async throws -> [[SQLValue]]
    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    func transaction<T: Sendable>(_ body: @Sendable (any CommentTransaction) async throws -> T) async throws -> T
    func close() async
}

/// What a transaction can do: statements, and the bulk load of rows into a staging table.
public protocol CommentTransaction: Sendable {
    func execute(_ sql: String, _ arguments: [SQLValue]) async throws
    func rows(_ sql: String, _ arguments: [SQLValue]) async throws -> [[SQLValue]]
    /// Appends `rows` to `table` (its columns in `columns` order) the database's fastest way:
    /// one prepared statement on SQLite, `COPY … FROM STDIN` on PostgreSQL.
    func load(_ table: String, columns: [String], rows: [[SQLValue]]) async throws
}

/// A database failure as one sentence: what was being done and where, never the driver's dump.
public struct CommentStoreError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
