import Foundation

/// What `docket comments list`, `show`, `search` and `stats` read: the same statements on both
/// databases, but for the ranking.
extension CommentStore {
    /// The filters every reading command takes.
    public struct Filter: Sendable, Hashable {
        public var docketID: String?
        public var documentID: String?
        /// Part of the organization's name, any case.
        public var organization: String?
        /// `YYYY-MM-DD`, inclusive.
        public var postedFrom: String?
        public var postedThrough: String?
        /// true: only comments with an attachment; false: only those without.
        public var withAttachments: Bool?

        public init(docketID: String? = nil, documentID: String? = nil, organization: String? = nil, postedFrom: String? = nil, postedThrough: String? = nil, withAttachments: Bool? = nil) {
            self.docketID = docketID
            self.documentID = documentID
            self.organization = organization
            self.postedFrom = postedFrom
            self.postedThrough = postedThrough
            self.withAttachments = withAttachments
        }

        /// The WHERE clause over `comments c`, with only the filters given: PostgreSQL cannot
        /// type a parameter that is only ever compared with NULL.
        func clause() -> (sql: String, arguments: [SQLValue]) {
            var terms: [String] = []
            var arguments: [SQLValue] = []
            if let docketID { terms.append("c.docket_id = ?"); arguments.append(.text(docketID)) }
            if let documentID { terms.append("c.document_id = ?"); arguments.append(.text(documentID)) }
            if let organization { terms.append("lower(c.organization) LIKE ?"); arguments.append(.text("%\(organization.lowercased())%")) }
            if let postedFrom { terms.append("c.posted >= ?"); arguments.append(.text(postedFrom)) }
            // A day "through" includes all of it: compare against the next day's start.
            if let postedThrough { terms.append("substr(c.posted, 1, 10) <= ?"); arguments.append(.text(postedThrough)) }
            if let withAttachments {
                terms.append((withAttachments ? "" : "NOT ") + "EXISTS (SELECT 1 FROM attachments a WHERE a.comment_id = c.id)")
            }
            return (terms.isEmpty ? "" : "WHERE " + terms.joined(separator: " AND "), arguments)
        }
    }

    /// One comment as a list shows it.
    public struct Summary: Sendable, Hashable, Codable {
        public var id: String
        public var documentID: String?
        public var submitter: String?
        public var category: String?
        public var posted: String?
        public var attachments: Int
        public var attachmentsWithText: Int
        /// The first words of the comment box.
        public var excerpt: String?
        public var fetched: Bool
    }

    static let submitterSQL = """
        CASE WHEN c.organization IS NOT NULL AND c.organization <> '' THEN c.organization
        WHEN c.first_name IS NOT NULL AND c.first_name <> '' AND c.first_name <> 'Anonymous' THEN c.first_name || ' ' || COALESCE(c.last_name, '')
        ELSE NULL END
        """

    public func list(_ filter: Filter, limit: Int, offset: Int = 0) async throws -> [Summary] {
        let (clause, arguments) = filter.clause()
        let rows = try await database.rows(
            """
            SELECT c.id, c.document_id, \(Self.submitterSQL), c.category, c.posted,
            (SELECT count(*) FROM attachments a WHERE a.comment_id = c.id),
            (SELECT count(*) FROM attachments a WHERE a.comment_id = c.id AND a.status = 'text'),
            substr(c.text, 1, 160), c.detail
            FROM comments c \(clause) ORDER BY c.posted, c.id LIMIT ? OFFSET ?
            """, arguments + [.integer(Int64(limit)), .integer(Int64(offset))])
        return rows.map { row in
            Summary(
                id: row[0].string ?? "", documentID: row[1].string, submitter: row[2].string?.trimmingCharacters(in: .whitespaces), category: row[3].string,
                posted: row[4].string, attachments: row[5].int ?? 0, attachmentsWithText: row[6].int ?? 0,
                excerpt: row[7].string.map { $0.split(whereSeparator: \.isWhitespace).joined(separator: " ") }, fetched: row[8].string == "done")
        }
    }

    public func total(_ filter: Filter) async throws -> Int {
        let (clause, arguments) = filter.clause()
        return try await database.rows("SELECT count(*) FROM comments c \(clause)", arguments).first?.first?.int ?? 0
    }

    /// One comment in full, or nil.
    public func comment(_ id: String) async throws -> CommentRecord? {
        let columns = Self.commentColumns.map { "c.\($0)" }.joined(separator: ", ")
        guard let row = try await database.rows("SELECT \(columns) FROM comments c WHERE c.id = ?", [.text(id)]).first else { return nil }
        let attachments = try await database.rows(
            "SELECT position, title, format, url, size, file, text, status, note FROM attachments WHERE comment_id = ? ORDER BY position", [.text(id)]
        ).map { row in
            AttachmentRecord(
                position: row[0].int ?? 0, title: row[1].string, format: row[2].string, url: row[3].string, size: row[4].int, file: row[5].string, text: row[6].string,
                status: AttachmentRecord.Status(rawValue: row[7].string ?? "") ?? .notFetched, note: row[8].string)
        }
        return CommentRecord(
            id: row[0].string ?? id, docketID: row[1].string, documentID: row[2].string, title: row[3].string, text: row[4].string, organization: row[5].string,
            firstName: row[6].string, lastName: row[7].string, governmentAgency: row[8].string, governmentAgencyType: row[9].string, category: row[10].string,
            posted: row[11].string, received: row[12].string, modified: row[13].string, duplicateComments: row[14].int, trackingNumber: row[15].string,
            withdrawn: row[16].int == 1, source: row[17].string ?? "", attachments: attachments)
    }

    /// One search hit: the comment, where in it the words matched, and that passage.
    public struct Hit: Sendable, Hashable, Codable {
        public var id: String
        /// `comment`, or `attachment N`.
        public var part: String
        public var passage: String
        /// Higher is more relevant: -bm25 on SQLite, ts_rank on PostgreSQL.
        public var score: Double
        public var submitter: String?
        public var posted: String?
    }

    /// The comments matching every one of `words` (with `anyWord`, any of them), most relevant
    /// first, each with its best passage (the words marked « »).
    public func search(_ words: [String], filter: Filter, limit: Int, anyWord: Bool = false) async throws -> [Hit] {
        let terms = words.flatMap { $0.split(whereSeparator: { !$0.isLetter && !$0.isNumber }) }.map(String.init).filter { !$0.isEmpty }
        guard !terms.isEmpty else { return [] }
        let (clause, arguments) = filter.clause()
        let restrict = clause.isEmpty ? "" : "AND " + clause.dropFirst("WHERE ".count)
        let rows: [[SQLValue]]
        switch database.dialect {
        case .sqlite:
            // Each word quoted: the query is words, never FTS5 syntax.
            let match = terms.map { "\"\($0)\"" }.joined(separator: anyWord ? " OR " : " ")
            rows = try await database.rows(
                """
                SELECT s.comment_id, s.part, snippet(comment_search, 2, '«', '»', '…', 16), -bm25(comment_search), \(Self.submitterSQL), c.posted
                FROM comment_search s JOIN comments c ON c.id = s.comment_id
                WHERE comment_search MATCH ? \(restrict) ORDER BY bm25(comment_search) LIMIT ?
                """, [.text(match)] + arguments + [.integer(Int64(limit * 4))])
        case .postgres:
            rows = try await database.rows(
                """
                SELECT s.comment_id, s.part, ts_headline('english', s.body, q, 'StartSel=«, StopSel=», MaxWords=24, MinWords=8, MaxFragments=1, FragmentDelimiter=…'),
                ts_rank(s.terms, q)::float8, \(Self.submitterSQL), c.posted
                FROM comment_search s JOIN comments c ON c.id = s.comment_id, \(anyWord ? "to_tsquery" : "plainto_tsquery")('english', ?) q
                WHERE s.terms @@ q \(restrict) ORDER BY ts_rank(s.terms, q) DESC, s.comment_id LIMIT ?
                """, [.text(terms.joined(separator: anyWord ? " | " : " "))] + arguments + [.integer(Int64(limit * 4))])
        }
        // A comment once, at its best-matching part.
        var seen = Set<String>()
        var hits: [Hit] = []
        for row in rows {
            guard let id = row[0].string, seen.insert(id).inserted else { continue }
            hits.append(
                Hit(
                    id: id, part: row[1].string ?? "comment", passage: (row[2].string ?? "").split(whereSeparator: \.isWhitespace).joined(separator: " "),
                    score: row[3].double ?? 0, submitter: row[4].string?.trimmingCharacters(in: .whitespaces), posted: row[5].string))
            if hits.count == limit { break }
        }
        return hits
    }

    /// What `docket comments stats` prints.
    public struct Stats: Sendable, Hashable, Codable {
        public struct Count: Sendable, Hashable, Codable {
            public var key: String
            public var comments: Int
            /// The agency's own `duplicateComments`, summed.
            public var duplicates: Int
        }
        public var comments: Int
        public var fetched: Int
        public var perDocument: [Count]
        public var perDay: [Count]
        /// By the agency's category when it gives one, else organization, individual or anonymous.
        public var perSubmitterType: [Count]
        public var attachmentsWithText: Int
        public var attachmentsWithoutText: Int
        public var attachmentsNotFetched: Int
        public var duplicateComments: Int
    }

    public func stats(_ filter: Filter) async throws -> Stats {
        let (clause, arguments) = filter.clause()
        func counts(_ key: String) async throws -> [Stats.Count] {
            try await database.rows(
                "SELECT \(key) AS k, count(*), COALESCE(sum(c.duplicate_comments), 0) FROM comments c \(clause) GROUP BY k ORDER BY k", arguments
            ).map { Stats.Count(key: $0[0].string ?? "(none)", comments: $0[1].int ?? 0, duplicates: $0[2].int ?? 0) }
        }
        let totals = try await database.rows(
            "SELECT count(*), COALESCE(sum(CASE WHEN c.detail = 'done' THEN 1 ELSE 0 END), 0), COALESCE(sum(c.duplicate_comments), 0) FROM comments c \(clause)", arguments
        ).first
        let attachments = try await database.rows(
            "SELECT a.status, count(*) FROM attachments a JOIN comments c ON c.id = a.comment_id \(clause) GROUP BY a.status", arguments)
        let byStatus = Dictionary(uniqueKeysWithValues: attachments.map { ($0[0].string ?? "", $0[1].int ?? 0) })
        let kind = """
            COALESCE(NULLIF(c.category, ''), CASE WHEN c.organization IS NOT NULL AND c.organization <> '' THEN 'organization'
            WHEN c.first_name IS NOT NULL AND c.first_name <> '' AND c.first_name <> 'Anonymous' THEN 'individual' ELSE 'anonymous' END)
            """
        return Stats(
            comments: totals?[0].int ?? 0, fetched: totals?[1].int ?? 0, perDocument: try await counts("c.document_id"),
            perDay: try await counts("substr(c.posted, 1, 10)"), perSubmitterType: try await counts(kind),
            attachmentsWithText: byStatus["text"] ?? 0, attachmentsWithoutText: (byStatus["no text"] ?? 0) + (byStatus["skipped"] ?? 0),
            attachmentsNotFetched: byStatus["not fetched"] ?? 0, duplicateComments: totals?[2].int ?? 0)
    }
}
