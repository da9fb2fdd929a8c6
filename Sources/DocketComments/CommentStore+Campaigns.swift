import DocketCampaigns

/// What `docket comments campaigns` reads: every filtered comment's text with its attachments'
/// text after it, streamed in ID order, and texts again by ID for the medoids.
extension CommentStore {
    /// Calls `body` with the filtered comments, `batch` at a time, in ID order (keyset pages,
    /// so a store being written to is read consistently page by page and never twice). Up to
    /// `ahead` pages are read while `body` works: the reader and the sketch share the cores,
    /// and with one page ahead each sat idle whenever the other ran slow for a page.
    public func campaignComments(_ filter: Filter, batch: Int = 5000, ahead: Int = 3, _ body: ([CampaignComment]) async throws -> Void) async throws {
        // Each page's read waits for the page before it, whose last ID it starts after.
        func after(_ previous: Task<[CampaignComment], any Error>) -> Task<[CampaignComment], any Error> {
            Task {
                let before = try await previous.value
                guard before.count == batch, let last = before.last?.id else { return [] }
                return try await campaignPage(filter, after: last, limit: batch)
            }
        }
        var pages = [Task { try await campaignPage(filter, after: "", limit: batch) }]
        while pages.count < max(1, ahead) { pages.append(after(pages.last!)) }
        while true {
            let page = try await pages.removeFirst().value
            if page.isEmpty { return }
            pages.append(after(pages.last ?? Task { page }))
            try await body(page)
            if page.count < batch { return }
        }
    }

    /// One page of `campaignComments`: the comments after `after` in ID order.
    func campaignPage(_ filter: Filter, after: String, limit: Int) async throws -> [CampaignComment] {
        let (clause, arguments) = filter.clause()
        let keyset = (clause.isEmpty ? "WHERE" : clause + " AND") + " c.id > ?"
        let rows = try await database.rows(
            "SELECT c.id, c.text, c.organization, c.posted, c.duplicate_comments, c.document_id FROM comments c \(keyset) ORDER BY c.id LIMIT ?",
            arguments + [.text(after), .integer(Int64(limit))])
        guard let first = rows.first?[0].string, let last = rows.last?[0].string else { return [] }
        let attachments = try await attachmentTexts(from: first, through: last)
        return rows.map { row in
            let id = row[0].string ?? ""
            var text = row[1].string ?? ""
            for part in attachments[id] ?? [] { text += "\n\n" + part }
            return CampaignComment(
                id: id, text: text, organization: row[2].string, posted: row[3].string.map { String($0.prefix(10)) }, duplicateComments: row[4].int ?? 0,
                documentID: row[5].string)
        }
    }

    func attachmentTexts(from first: String, through last: String) async throws -> [String: [String]] {
        var result: [String: [String]] = [:]
        for row in try await database.rows(
            "SELECT comment_id, text FROM attachments WHERE comment_id >= ? AND comment_id <= ? AND text IS NOT NULL AND text <> '' ORDER BY comment_id, position",
            [.text(first), .text(last)])
        {
            if let id = row[0].string, let text = row[1].string { result[id, default: []].append(text) }
        }
        return result
    }

    /// The texts of `ids`, attachments after each, in the order asked.
    public func campaignTexts(_ ids: [String]) async throws -> [String] {
        var texts: [String: String] = [:]
        for start in stride(from: 0, to: ids.count, by: 500) {
            let part = Array(ids[start..<min(start + 500, ids.count)])
            let marks = part.map { _ in "?" }.joined(separator: ", ")
            for row in try await database.rows("SELECT id, text FROM comments WHERE id IN (\(marks))", part.map(SQLValue.text)) {
                if let id = row[0].string { texts[id] = row[1].string ?? "" }
            }
            for row in try await database.rows(
                "SELECT comment_id, text FROM attachments WHERE comment_id IN (\(marks)) AND text IS NOT NULL AND text <> '' ORDER BY comment_id, position",
                part.map(SQLValue.text))
            {
                if let id = row[0].string, let text = row[1].string { texts[id, default: ""] += "\n\n" + text }
            }
        }
        return ids.map { texts[$0] ?? "" }
    }

    /// The filtered comments grouped into campaigns.
    public func campaigns(_ filter: Filter, options: Clustering.Options = .init(), notice: String? = nil, progress: (Int) -> Void = { _ in }) async throws -> CampaignReport {
        var builder = CampaignBuilder(options: options, notice: notice)
        try await campaignComments(filter) { batch in
            builder.add(batch)
            progress(builder.count)
        }
        return try await builder.report { ids in try await campaignTexts(ids) }
    }
}
