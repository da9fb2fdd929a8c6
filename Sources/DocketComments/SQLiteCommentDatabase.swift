import Foundation
import GRDB

/// The embedded store: one SQLite file in the campaign's private folder, through GRDB.
public final class SQLiteCommentDatabase: CommentDatabase, @unchecked Sendable {
    public let dialect = CommentDialect.sqlite
    public let location: String
    private let queue: DatabaseQueue

    /// Opens (creating) the database at `url`. A file that is not a SQLite database is a
    /// `CommentStoreError`, and is left as it was.
    public init(url: URL, displayPath: String) throws {
        location = displayPath
        var configuration = Configuration()
        // A transaction spans several awaited calls (a page of rows, then the merge), so it is
        // begun and ended by hand; the queue runs one connection, one caller at a time.
        configuration.allowsUnsafeTransactions = true
        configuration.busyMode = .timeout(30)
        configuration.prepareDatabase { db in
            // A new store's pages are 16 KB: a comment with its text is a few KB, and the campaign
            // scan read 4 KB pages one system call each (a million comments' scan took 35% less
            // time with 16 KB). An existing store keeps the size it was made with.
            try db.execute(sql: "PRAGMA page_size = 16384")
            try db.execute(sql: "PRAGMA journal_mode = WAL")
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            try db.execute(sql: "PRAGMA foreign_keys = ON")
        }
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            queue = try DatabaseQueue(path: url.path, configuration: configuration)
            _ = try queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") }
        } catch let error as DatabaseError {
            throw CommentStoreError("\(displayPath) cannot be opened as a comment store: \(Self.words(error))")
        } catch {
            throw CommentStoreError("\(displayPath) cannot be opened as a comment store: \(error.localizedDescription)")
        }
    }

    static func words(_ error: DatabaseError) -> String {
        switch error.resultCode {
        case .SQLITE_NOTADB: "it is not a SQLite database"
        case .SQLITE_FULL: "the disk is full"
        case .SQLITE_READONLY: "it is read-only"
        case .SQLITE_CANTOPEN: "the file cannot be opened"
        case .SQLITE_CORRUPT: "the database is damaged"
        case .SQLITE_BUSY, .SQLITE_LOCKED: "another process holds it"
        default: error.message ?? "SQLite error \(error.resultCode.rawValue)"
        }
    }

    func guarded<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as DatabaseError {
            throw CommentStoreError("\(location): \(Self.words(error))")
        }
    }

    public func execute(_ sql: String, _ arguments: [SQLValue]) async throws {
        try await guarded { try await queue.writeWithoutTransaction { db in try Self.execute(db, sql, arguments) } }
    }

    public func rows(_ sql: String, _ arguments: [SQLValue]) async throws -> [[SQLValue]] {
        try await guarded { try await queue.writeWithoutTransaction { db in try Self.rows(db, sql, arguments) } }
    }

    public func transaction<T: Sendable>(_ body: @Sendable (any CommentTransaction) async throws -> T) async throws -> T {
        try await guarded { try await queue.writeWithoutTransaction { db in try db.execute(sql: "BEGIN IMMEDIATE") } }
        do {
            let result = try await body(Transaction(queue: queue, database: self))
            try await guarded { try await queue.writeWithoutTransaction { db in try db.execute(sql: "COMMIT") } }
            return result
        } catch {
            try? await queue.writeWithoutTransaction { db in if db.isInsideTransaction { try db.execute(sql: "ROLLBACK") } }
            throw error
        }
    }

    public func close() async { try? queue.close() }

    static func execute(_ db: Database, _ sql: String, _ arguments: [SQLValue]) throws {
        if arguments.isEmpty, !sql.contains("?") {
            try db.execute(sql: sql)
        } else {
            try db.cachedStatement(sql: sql).execute(arguments: StatementArguments(arguments.map(\.databaseValue)))
        }
    }

    static func rows(_ db: Database, _ sql: String, _ arguments: [SQLValue]) throws -> [[SQLValue]] {
        let statement = try db.cachedStatement(sql: sql)
        // Each value read straight from the stepped statement: `Row.fetchAll` copied every
        // row into a row of its own first, and the campaign scan reads 4 GB this way.
        let cursor = try Row.fetchCursor(statement, arguments: StatementArguments(arguments.map(\.databaseValue)))
        let columns = CInt(statement.columnCount)
        var result: [[SQLValue]] = []
        while try cursor.next() != nil {
            var values: [SQLValue] = []
            values.reserveCapacity(Int(columns))
            for index in 0..<columns { values.append(SQLValue(DatabaseValue(sqliteStatement: statement.sqliteStatement, index: index))) }
            result.append(values)
        }
        return result
    }

    struct Transaction: CommentTransaction {
        let queue: DatabaseQueue
        let database: SQLiteCommentDatabase

        func execute(_ sql: String, _ arguments: [SQLValue]) async throws {
            try await database.guarded { try await queue.writeWithoutTransaction { db in try SQLiteCommentDatabase.execute(db, sql, arguments) } }
        }

        func rows(_ sql: String, _ arguments: [SQLValue]) async throws -> [[SQLValue]] {
            try await database.guarded { try await queue.writeWithoutTransaction { db in try SQLiteCommentDatabase.rows(db, sql, arguments) } }
        }

        func load(_ table: String, columns: [String], rows: [[SQLValue]]) async throws {
            let sql = "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))"
            try await database.guarded {
                try await queue.writeWithoutTransaction { db in
                    let statement = try db.cachedStatement(sql: sql)
                    for row in rows { try statement.execute(arguments: StatementArguments(row.map(\.databaseValue))) }
                }
            }
        }
    }
}

extension SQLValue {
    var databaseValue: DatabaseValue {
        switch self {
        case .null: .null
        case .integer(let number): number.databaseValue
        case .real(let number): number.databaseValue
        case .text(let text): text.databaseValue
        }
    }

    init(_ value: DatabaseValue) {
        switch value.storage {
        case .null: self = .null
        case .int64(let number): self = .integer(number)
        case .double(let number): self = .real(number)
        case .string(let text): self = .text(text)
        case .blob(let data): self = .text(String(decoding: data, as: UTF8.self))
        }
    }
}
