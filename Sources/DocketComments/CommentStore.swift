import Foundation

/// The docket's comments as a campaign keeps them: one schema and one set of statements on
/// SQLite (the default, in the campaign's private folder) or PostgreSQL (shared by analysts).
/// Only the search table, the ranking query and the bulk loader differ between the two.
public struct CommentStore: Sendable {
    public let database: any CommentDatabase

    /// Opens the store in `database`, bringing its schema up to date.
    public static func open(_ database: any CommentDatabase) async throws -> CommentStore {
        let store = CommentStore(database: database)
        try await store.migrate()
        return store
    }

    // MARK: Schema

    /// Each migration once, in order, recorded in `schema_version`. A store written by a newer
    /// DocketKit is refused rather than guessed at.
    func migrate() async throws {
        try await database.execute("CREATE TABLE IF NOT EXISTS schema_version (version BIGINT NOT NULL)", [])
        let current = try await database.rows("SELECT max(version) FROM schema_version", []).first?.first?.int ?? 0
        let migrations = Self.migrations(database.dialect)
        guard current <= migrations.count else {
            throw CommentStoreError("\(database.location) was written by a newer DocketKit (schema \(current)); this one reads schema \(migrations.count) and older")
        }
        for (index, statements) in migrations.enumerated() where index + 1 > current {
            try await database.transaction { transaction in
                for statement in statements { try await transaction.execute(statement, []) }
                try await transaction.execute("INSERT INTO schema_version (version) VALUES (?)", [.integer(Int64(index + 1))])
            }
        }
    }

    static func migrations(_ dialect: CommentDialect) -> [[String]] {
        let search =
            switch dialect {
            case .sqlite:
                ["CREATE VIRTUAL TABLE comment_search USING fts5(comment_id UNINDEXED, part UNINDEXED, body, tokenize = 'porter unicode61')"]
            case .postgres:
                [
                    "CREATE TABLE comment_search (comment_id TEXT NOT NULL, part TEXT NOT NULL, body TEXT NOT NULL, terms tsvector GENERATED ALWAYS AS (to_tsvector('english', body)) STORED)",
                    "CREATE INDEX comment_search_terms ON comment_search USING GIN (terms)",
                    "CREATE INDEX comment_search_comment ON comment_search (comment_id)",
                ]
            }
        let first =
            [
                """
                CREATE TABLE documents (
                    id TEXT PRIMARY KEY, docket_id TEXT NOT NULL, object_id TEXT, title TEXT, type TEXT, posted TEXT, comment_end TEXT,
                    open BIGINT NOT NULL DEFAULT 0, listed_through TEXT, cursor_since TEXT, cursor_page BIGINT)
                """,
                """
                CREATE TABLE comments (
                    id TEXT PRIMARY KEY, docket_id TEXT, document_id TEXT, title TEXT, text TEXT, organization TEXT, first_name TEXT,
                    last_name TEXT, government_agency TEXT, government_agency_type TEXT, category TEXT, posted TEXT, received TEXT,
                    modified TEXT, duplicate_comments BIGINT, tracking_number TEXT, withdrawn BIGINT NOT NULL DEFAULT 0, source TEXT NOT NULL,
                    detail TEXT NOT NULL, listed_modified TEXT)
                """,
                "CREATE INDEX comments_document ON comments (document_id)",
                "CREATE INDEX comments_docket ON comments (docket_id, detail)",
                "CREATE INDEX comments_posted ON comments (posted)",
                """
                CREATE TABLE attachments (
                    comment_id TEXT NOT NULL REFERENCES comments (id) ON DELETE CASCADE, position BIGINT NOT NULL, title TEXT, format TEXT,
                    url TEXT, size BIGINT, file TEXT, text TEXT, status TEXT NOT NULL, note TEXT, PRIMARY KEY (comment_id, position))
                """,
                // The hourly request budget, kept across runs: one row per request made.
                "CREATE TABLE requests (at DOUBLE PRECISION NOT NULL)",
                "CREATE INDEX requests_at ON requests (at)",
                "CREATE TABLE pulls (docket_id TEXT PRIMARY KEY, started TEXT, finished TEXT)",
            ] + search
        return [first]
    }

    // MARK: Writing comments

    static let commentColumns = [
        "id", "docket_id", "document_id", "title", "text", "organization", "first_name", "last_name", "government_agency", "government_agency_type", "category",
        "posted", "received", "modified", "duplicate_comments", "tracking_number", "withdrawn", "source", "detail", "listed_modified",
    ]
    static let attachmentColumns = ["comment_id", "position", "title", "format", "url", "size", "file", "text", "status", "note"]

    /// Stores `comments` in `transaction`, each replacing what the store held for its ID.
    /// `complete: false` marks list rows, which carry no text: they are added when new and,
    /// when their last change differs from the one stored, queued for their detail again.
    public func write(_ comments: [CommentRecord], complete: Bool, listedModified: [String: String] = [:], in transaction: any CommentTransaction) async throws {
        guard !comments.isEmpty else { return }
        // One row per ID: the seam of a long listing repeats rows, and PostgreSQL's upsert
        // refuses to touch a row twice in one statement.
        var latest: [String: Int] = [:]
        for (index, comment) in comments.enumerated() { latest[comment.id] = index }
        let unique = comments.enumerated().filter { latest[$0.element.id] == $0.offset }.map(\.element)

        try await createStaging(transaction)
        try await transaction.load("staging_comments", columns: Self.commentColumns, rows: unique.map { comment in
            [
                SQLValue(comment.id), SQLValue(comment.docketID), SQLValue(comment.documentID), SQLValue(comment.title), SQLValue(comment.text),
                SQLValue(comment.organization), SQLValue(comment.firstName), SQLValue(comment.lastName), SQLValue(comment.governmentAgency),
                SQLValue(comment.governmentAgencyType), SQLValue(comment.category), SQLValue(comment.posted), SQLValue(comment.received),
                SQLValue(comment.modified), SQLValue(comment.duplicateComments), SQLValue(comment.trackingNumber), SQLValue(comment.withdrawn),
                SQLValue(comment.source), SQLValue(complete ? "done" : "pending"), SQLValue(listedModified[comment.id]),
            ]
        })
        if complete {
            try await transaction.load("staging_attachments", columns: Self.attachmentColumns, rows: unique.flatMap { comment in
                comment.attachments.map { attachment in
                    [
                        SQLValue(comment.id), SQLValue(attachment.position), SQLValue(attachment.title), SQLValue(attachment.format), SQLValue(attachment.url),
                        SQLValue(attachment.size), SQLValue(attachment.file), SQLValue(attachment.text), SQLValue(attachment.status.rawValue), SQLValue(attachment.note),
                    ]
                }
            })
        }
        try await merge(transaction, complete: complete)
    }

    func createStaging(_ transaction: any CommentTransaction) async throws {
        try await transaction.execute(
            """
            CREATE TEMP TABLE IF NOT EXISTS staging_comments (
                id TEXT, docket_id TEXT, document_id TEXT, title TEXT, text TEXT, organization TEXT, first_name TEXT, last_name TEXT,
                government_agency TEXT, government_agency_type TEXT, category TEXT, posted TEXT, received TEXT, modified TEXT,
                duplicate_comments BIGINT, tracking_number TEXT, withdrawn BIGINT, source TEXT, detail TEXT, listed_modified TEXT)
            """, [])
        try await transaction.execute(
            """
            CREATE TEMP TABLE IF NOT EXISTS staging_attachments (
                comment_id TEXT, position BIGINT, title TEXT, format TEXT, url TEXT, size BIGINT, file TEXT, text TEXT, status TEXT, note TEXT)
            """, [])
        // PostgreSQL keeps a deleted row until the transaction ends, so an import of a million
        // rows in one transaction made each batch scan every batch before it (0.30× psql's
        // \copy); TRUNCATE gives the temporary tables fresh files. SQLite's DELETE without a
        // WHERE already does that.
        switch database.dialect {
        case .postgres: try await transaction.execute("TRUNCATE staging_comments, staging_attachments", [])
        case .sqlite:
            try await transaction.execute("DELETE FROM staging_comments", [])
            try await transaction.execute("DELETE FROM staging_attachments", [])
        }
    }

    /// Moves the staged rows into the store: the same statements on both databases.
    func merge(_ transaction: any CommentTransaction, complete: Bool) async throws {
        let replaced =
            complete
            ? try await transaction.rows("SELECT count(*) FROM staging_comments s JOIN comments c ON c.id = s.id", []).first?.first?.int ?? 0 : 0
        if replaced > 0 {
            try await transaction.execute("DELETE FROM comment_search WHERE comment_id IN (SELECT id FROM staging_comments)", [])
            try await transaction.execute("DELETE FROM attachments WHERE comment_id IN (SELECT id FROM staging_comments)", [])
        }
        let keep = ["docket_id", "document_id", "title", "posted", "modified"]
        let replace = Self.commentColumns.filter { !["id", "detail", "listed_modified"].contains($0) && !keep.contains($0) }
        let assignments =
            keep.map { "\($0) = COALESCE(excluded.\($0), comments.\($0))" }
            + (complete ? replace.map { "\($0) = excluded.\($0)" } : [])
            + [
                "listed_modified = COALESCE(excluded.listed_modified, comments.listed_modified)",
                """
                detail = CASE WHEN excluded.detail = 'done' THEN 'done' WHEN comments.detail = 'done' AND (comments.listed_modified IS NULL \
                OR comments.listed_modified IS NOT DISTINCT FROM excluded.listed_modified) THEN 'done' ELSE 'pending' END
                """,
            ]
        let columns = Self.commentColumns.joined(separator: ", ")
        try await transaction.execute(
            "INSERT INTO comments (\(columns)) SELECT \(columns) FROM staging_comments WHERE true ON CONFLICT (id) DO UPDATE SET \(assignments.joined(separator: ", "))", [])
        guard complete else { return }
        let attachmentColumns = Self.attachmentColumns.joined(separator: ", ")
        try await transaction.execute("INSERT INTO attachments (\(attachmentColumns)) SELECT \(attachmentColumns) FROM staging_attachments", [])
        try await transaction.execute(
            "INSERT INTO comment_search (comment_id, part, body) SELECT id, 'comment', text FROM staging_comments WHERE text IS NOT NULL AND text <> ''", [])
        try await transaction.execute(
            """
            INSERT INTO comment_search (comment_id, part, body)
            SELECT comment_id, 'attachment ' || position, text FROM staging_attachments WHERE text IS NOT NULL AND text <> ''
            """, [])
    }

    // MARK: Documents and the pull's place

    public func write(_ documents: [DocumentRow]) async throws {
        try await database.transaction { transaction in try await write(documents, in: transaction) }
    }

    public func write(_ documents: [DocumentRow], in transaction: any CommentTransaction) async throws {
            for document in documents {
                try await transaction.execute(
                    """
                    INSERT INTO documents (id, docket_id, object_id, title, type, posted, comment_end, open) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (id) DO UPDATE SET docket_id = excluded.docket_id, object_id = excluded.object_id, title = excluded.title,
                    type = excluded.type, posted = excluded.posted, comment_end = excluded.comment_end, open = excluded.open
                    """,
                    [
                        SQLValue(document.id), SQLValue(document.docketID), SQLValue(document.objectID), SQLValue(document.title), SQLValue(document.type),
                        SQLValue(document.posted), SQLValue(document.commentEnd), SQLValue(document.open),
                    ])
            }
    }

    /// Where listing a document's comments stands.
    public struct ListingPlace: Sendable, Hashable {
        /// The window's start (`filter[lastModifiedDate][ge]`, Eastern), nil for the first.
        public var since: String?
        /// The next page to ask for, 1 to 20.
        public var page: Int
        /// Through when a finished listing got, for the next pull to start from.
        public var listedThrough: String?
    }

    public func listingPlace(of documentID: String) async throws -> ListingPlace {
        let row = try await database.rows("SELECT cursor_since, cursor_page, listed_through FROM documents WHERE id = ?", [.text(documentID)]).first
        let page = row?[1].int
        return ListingPlace(since: page != nil ? row?[0].string : row?[2].string, page: page ?? 1, listedThrough: row?[2].string)
    }

    /// Records the listing's next page in the same transaction as the rows of the last one.
    public func setListingPlace(_ documentID: String, since: String?, page: Int, in transaction: any CommentTransaction) async throws {
        try await transaction.execute("UPDATE documents SET cursor_since = ?, cursor_page = ? WHERE id = ?", [SQLValue(since), .integer(Int64(page)), .text(documentID)])
    }

    /// Ends a listing: the next pull asks only for what changed from `through`.
    public func finishListing(_ documentID: String, through: String?, in transaction: any CommentTransaction) async throws {
        try await transaction.execute(
            "UPDATE documents SET cursor_since = NULL, cursor_page = NULL, listed_through = COALESCE(?, listed_through) WHERE id = ?", [SQLValue(through), .text(documentID)])
    }

    /// The comments listed but not yet fetched in full, oldest first.
    public func pendingComments(inDocket docketID: String, limit: Int = 1000) async throws -> [String] {
        try await database.rows("SELECT id FROM comments WHERE docket_id = ? AND detail = 'pending' ORDER BY id LIMIT ?", [.text(docketID), .integer(Int64(limit))])
            .compactMap { $0.first?.string }
    }

    public func count(inDocket docketID: String, detail: String? = nil) async throws -> Int {
        if let detail {
            return try await database.rows("SELECT count(*) FROM comments WHERE docket_id = ? AND detail = ?", [.text(docketID), .text(detail)]).first?.first?.int ?? 0
        }
        return try await database.rows("SELECT count(*) FROM comments WHERE docket_id = ?", [.text(docketID)]).first?.first?.int ?? 0
    }

    // MARK: The request budget

    /// Requests made since `since` (seconds since 1970), and the oldest of them.
    public func requests(since: Double) async throws -> (count: Int, oldest: Double?) {
        let row = try await database.rows("SELECT count(*), min(at) FROM requests WHERE at > ?", [.real(since)]).first
        return (row?[0].int ?? 0, row?[1].double)
    }

    public func recordRequest(at: Double) async throws {
        try await database.execute("INSERT INTO requests (at) VALUES (?)", [.real(at)])
        try await database.execute("DELETE FROM requests WHERE at < ?", [.real(at - 7200)])
    }

    public func recordPull(_ docketID: String, started: String?, finished: String?) async throws {
        try await database.execute(
            "INSERT INTO pulls (docket_id, started, finished) VALUES (?, ?, ?) ON CONFLICT (docket_id) DO UPDATE SET started = COALESCE(excluded.started, pulls.started), finished = excluded.finished",
            [.text(docketID), SQLValue(started), SQLValue(finished)])
    }
}
