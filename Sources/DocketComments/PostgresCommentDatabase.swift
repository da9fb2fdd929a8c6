import Foundation
import Logging
import PostgresNIO

/// A store on a PostgreSQL server, through postgres-nio, for analysts who share one docket.
/// The URL is `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=disable|prefer|require]`;
/// the password is used to log in and appears in no message.
public final class PostgresCommentDatabase: CommentDatabase, @unchecked Sendable {
    public let dialect = CommentDialect.postgres
    public let location: String
    private let client: PostgresClient
    private let running: Task<Void, Never>
    static let logger = Logger(label: "docket.comments.postgres", factory: { _ in SwiftLogNoOpLogHandler() })

    /// Connects, and checks the server answers, within `timeout` seconds.
    public static func connect(_ text: String, timeout: Int = 10) async throws -> PostgresCommentDatabase {
        guard let url = URLComponents(string: text), ["postgres", "postgresql"].contains(url.scheme ?? ""), let host = url.host, !host.isEmpty else {
            throw CommentStoreError("'\(redacted(text))' is not a PostgreSQL URL such as postgres://analyst@127.0.0.1:5432/comments")
        }
        let database = url.path.hasPrefix("/") ? String(url.path.dropFirst()) : url.path
        let mode = url.queryItems?.first { $0.name == "sslmode" }?.value ?? "prefer"
        let tls: PostgresClient.Configuration.TLS =
            switch mode {
            case "disable": .disable
            case "require": .require(.makeClientConfiguration())
            default: .prefer(.makeClientConfiguration())
            }
        var configuration = PostgresClient.Configuration(
            host: host, port: url.port ?? 5432, username: url.user ?? NSUserName(), password: url.password, database: database.isEmpty ? nil : database, tls: tls)
        configuration.options.connectTimeout = .seconds(Int64(timeout))
        let place = "PostgreSQL at \(host):\(url.port ?? 5432)\(database.isEmpty ? "" : "/\(database)")"
        let store = PostgresCommentDatabase(client: PostgresClient(configuration: configuration, backgroundLogger: logger), location: place)
        do {
            try await store.withDeadline(seconds: timeout) { try await store.client.query("SELECT 1", logger: logger) }
        } catch {
            await store.close()
            throw CommentStoreError("\(place) does not answer: \(words(error))")
        }
        return store
    }

    private init(client: PostgresClient, location: String) {
        self.client = client
        self.location = location
        running = Task { await client.run() }
    }

    /// `text` with any password replaced, for messages.
    public static func redacted(_ text: String) -> String {
        guard var url = URLComponents(string: text), url.password != nil else { return text }
        url.password = "****"
        return url.string ?? "postgres://…"
    }

    /// The server's own words, without the driver's dump of the query and its bindings.
    static func words(_ error: any Error) -> String {
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] { return message }
            switch error.code {
            case .connectionError, .uncleanShutdown: return "the connection failed (is the server running, and is the address right?)"
            case .serverClosedConnection: return "the server closed the connection"
            default: return "\(error.code)"
            }
        }
        if error is CancellationError { return "no answer in time" }
        return "\(error)"
    }

    func withDeadline<T: Sendable>(seconds: Int, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        try await withThrowingTaskGroup(of: T.self) { group in
            group.addTask { try await body() }
            group.addTask {
                try await Task.sleep(nanoseconds: UInt64(seconds) * 1_000_000_000)
                throw CancellationError()
            }
            let first = try await group.next()!
            group.cancelAll()
            return first
        }
    }

    static func query(_ sql: String, _ arguments: [SQLValue]) -> PostgresQuery {
        // `?` becomes `$1`, `$2`…; a `?` inside a quoted literal is left alone.
        var text = ""
        var number = 0
        var quoted = false
        for character in sql {
            if character == "'" { quoted.toggle() }
            if character == "?" && !quoted {
                number += 1
                text += "$\(number)"
            } else {
                text.append(character)
            }
        }
        var bindings = PostgresBindings(capacity: arguments.count)
        for argument in arguments {
            switch argument {
            case .null: bindings.appendNull()
            case .integer(let value): bindings.append(value)
            case .real(let value): bindings.append(value)
            case .text(let value): bindings.append(value)
            }
        }
        return PostgresQuery(unsafeSQL: text, binds: bindings)
    }

    static func values(_ rows: PostgresRowSequence) async throws -> [[SQLValue]] {
        var result: [[SQLValue]] = []
        for try await row in rows {
            result.append(
                try row.map { cell in
                    guard cell.bytes != nil else { return SQLValue.null }
                    switch cell.dataType {
                    case .int2, .int4, .int8: return .integer(try cell.decode(Int64.self))
                    case .float4, .float8: return .real(try cell.decode(Double.self))
                    // sum() of a BIGINT is NUMERIC.
                    case .numeric:
                        let number = try cell.decode(Decimal.self)
                        let whole = NSDecimalNumber(decimal: number)
                        return number == Decimal(whole.int64Value) ? .integer(whole.int64Value) : .real(whole.doubleValue)
                    case .bool: return .integer(try cell.decode(Bool.self) ? 1 : 0)
                    default: return .text(try cell.decode(String.self))
                    }
                })
        }
        return result
    }

    func failure(_ error: any Error) -> CommentStoreError {
        if let error = error as? CommentStoreError { return error }
        return CommentStoreError("\(location): \(Self.words(error))")
    }

    public func execute(_ sql: String, _ arguments: [SQLValue]) async throws {
        do { try await client.query(Self.query(sql, arguments), logger: Self.logger) } catch { throw failure(error) }
    }

    public func rows(_ sql: String, _ arguments: [SQLValue]) async throws -> [[SQLValue]] {
        do { return try await Self.values(client.query(Self.query(sql, arguments), logger: Self.logger)) } catch { throw failure(error) }
    }

    public func transaction<T: Sendable>(_ body: @Sendable (any CommentTransaction) async throws -> T) async throws -> T {
        do {
            return try await client.withConnection { connection in
                try await connection.query("BEGIN", logger: Self.logger)
                do {
                    let result = try await body(Transaction(connection: connection, database: self))
                    try await connection.query("COMMIT", logger: Self.logger)
                    return result
                } catch {
                    _ = try? await connection.query("ROLLBACK", logger: Self.logger)
                    throw error
                }
            }
        } catch let error as CommentStoreError {
            throw error
        } catch let error as PSQLError {
            throw failure(error)
        }
    }

    public func close() async {
        running.cancel()
        _ = await running.value
    }

    struct Transaction: CommentTransaction {
        let connection: PostgresConnection
        let database: PostgresCommentDatabase

        func execute(_ sql: String, _ arguments: [SQLValue]) async throws {
            do { try await connection.query(PostgresCommentDatabase.query(sql, arguments), logger: PostgresCommentDatabase.logger) } catch { throw database.failure(error) }
        }

        func rows(_ sql: String, _ arguments: [SQLValue]) async throws -> [[SQLValue]] {
            do {
                return try await PostgresCommentDatabase.values(connection.query(PostgresCommentDatabase.query(sql, arguments), logger: PostgresCommentDatabase.logger))
            } catch { throw database.failure(error) }
        }

        /// `COPY table (columns) FROM STDIN` in text format, a megabyte a write.
        func load(_ table: String, columns: [String], rows: [[SQLValue]]) async throws {
            guard !rows.isEmpty else { return }
            do {
                try await connection.copyFrom(table: table, columns: columns, logger: PostgresCommentDatabase.logger) { writer in
                    var buffer = ByteBuffer()
                    for row in rows {
                        for (index, value) in row.enumerated() {
                            if index > 0 { buffer.writeInteger(UInt8(ascii: "\t")) }
                            Self.writeCopyField(value, into: &buffer)
                        }
                        buffer.writeInteger(UInt8(ascii: "\n"))
                        if buffer.readableBytes > 1 << 20 {
                            try await writer.write(buffer)
                            buffer.clear()
                        }
                    }
                    if buffer.readableBytes > 0 { try await writer.write(buffer) }
                }
            } catch { throw database.failure(error) }
        }

        /// One field in COPY's text format: `\N` for NULL, and backslash, tab, newline and
        /// carriage return escaped.
        static func writeCopyField(_ value: SQLValue, into buffer: inout ByteBuffer) {
            switch value {
            case .null: buffer.writeString("\\N")
            case .integer(let number): buffer.writeString(String(number))
            case .real(let number): buffer.writeString(String(number))
            case .text(let text):
                var needsEscape = false
                for byte in text.utf8 where byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") || byte == 0 {
                    needsEscape = true
                    break
                }
                guard needsEscape else { buffer.writeString(text); return }
                for byte in text.utf8 {
                    switch byte {
                    case UInt8(ascii: "\\"): buffer.writeString("\\\\")
                    case UInt8(ascii: "\t"): buffer.writeString("\\t")
                    case UInt8(ascii: "\n"): buffer.writeString("\\n")
                    case UInt8(ascii: "\r"): buffer.writeString("\\r")
                    case 0: break
                    default: buffer.writeInteger(byte)
                    }
                }
            }
        }
    }
}
