import DocketComments
import Foundation
import Testing

/// The repository's root, for fixtures outside the test target.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

func fixture(_ path: String) -> URL { repositoryRoot.appendingPathComponent(path) }

/// The two databases every store test runs on.
enum Backend: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite, postgres
    var testDescription: String { rawValue }
}

/// The PostgreSQL server the store suite runs on: `DOCKET_TEST_POSTGRES_URL`, which `Tests/run`
/// (the README's test command) sets after starting a throwaway server with `Tests/postgres/start`.
enum PostgresServer {
    struct Missing: Error, CustomStringConvertible {
        var description: String {
            "DOCKET_TEST_POSTGRES_URL is not set: run the tests with Tests/run, which starts PostgreSQL, or set it to a server's URL (Tests/postgres/start prints one)"
        }
    }

    static func url() throws -> String {
        guard let url = ProcessInfo.processInfo.environment["DOCKET_TEST_POSTGRES_URL"], !url.isEmpty else { throw Missing() }
        return url
    }
}

/// A new, empty store on `backend`: a SQLite file in a fresh folder, or a fresh database on
/// the test server.
func emptyStore(_ backend: Backend) async throws -> (store: CommentStore, folder: URL) {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("docket-comments-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    switch backend {
    case .sqlite:
        let url = folder.appendingPathComponent(".docket/comments.sqlite")
        return (try await CommentStore.open(SQLiteCommentDatabase(url: url, displayPath: "comments.sqlite")), folder)
    case .postgres:
        let server = try PostgresServer.url()
        let name = "test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        let admin = try await PostgresCommentDatabase.connect(server)
        try await admin.execute("CREATE DATABASE \(name)", [])
        await admin.close()
        let url = server.replacingOccurrences(of: "/postgres?", with: "/\(name)?")
        return (try await CommentStore.open(PostgresCommentDatabase.connect(url)), folder)
    }
}
