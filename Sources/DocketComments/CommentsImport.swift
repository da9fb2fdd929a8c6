import DocketAPI
import DocketSupport
import Foundation

/// `docket comments import`: comments a person already has, brought into the store in one
/// transaction. It reads GSA's bulk-download CSV (the current columns and the older docket
/// export's), a Mirrulations tree (`AGENCY/DOCKET/text-DOCKET/comments/*.json`, with the text
/// Mirrulations extracted from attachments under `comments_extracted_text/`), and single v4
/// comment JSON files.
public enum CommentsImport {
    /// What an import stored.
    public struct Summary: Sendable, Hashable {
        public var comments = 0
        public var documents = 0
        public var attachmentsWithText = 0
        /// Rows of the CSV that are documents, not comments.
        public var skippedRows = 0
        public var sources: [String] = []
    }

    /// One input, classified by what it is.
    enum Source {
        case bulkCSV(URL, display: String)
        case mirrulations(URL, display: String, comments: [URL])
        case commentJSON(URL, display: String)
    }

    /// Rows are written a batch at a time inside the one transaction, so memory stays flat.
    static let batchSize = 2000

    /// Imports every path, or nothing: the first malformed row or file rolls it all back.
    public static func run(_ paths: [(url: URL, display: String)], into store: CommentStore, progress: @Sendable (Int) -> Void = { _ in }) async throws(Diagnostic) -> Summary {
        var sources: [Source] = []
        for path in paths { sources.append(try classify(path.url, display: path.display)) }
        let classified = sources
        do {
            return try await store.database.transaction { transaction in
                var summary = Summary()
                for source in classified {
                    switch source {
                    case .bulkCSV(let url, let display):
                        try await importCSV(url, display: display, store: store, transaction: transaction, summary: &summary, progress: progress)
                        summary.sources.append(display)
                    case .mirrulations(_, let display, let files):
                        try await importJSONFiles(files, root: display, source: "mirrulations", store: store, transaction: transaction, summary: &summary, progress: progress)
                        summary.sources.append(display)
                    case .commentJSON(let url, let display):
                        try await importJSONFiles([url], root: nil, display: display, source: "json", store: store, transaction: transaction, summary: &summary, progress: progress)
                        summary.sources.append(display)
                    }
                }
                return summary
            }
        } catch let diagnostic as Diagnostic {
            throw diagnostic
        } catch {
            throw .error(.commentStoreFailure, "\(error); nothing was imported", at: .file(store.database.location))
        }
    }

    static func classify(_ url: URL, display: String) throws(Diagnostic) -> Source {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw .error(.unreadableFile, "does not exist", at: .file(display))
        }
        if isDirectory.boolValue {
            let files = mirrulationsComments(under: url)
            guard !files.isEmpty else {
                throw .error(.unknownCommentSource, "holds no Mirrulations comments (AGENCY/DOCKET/text-DOCKET/comments/*.json)", at: .file(display))
            }
            return .mirrulations(url, display: display, comments: files)
        }
        switch url.pathExtension.lowercased() {
        case "csv": return .bulkCSV(url, display: display)
        case "json": return .commentJSON(url, display: display)
        default: throw .error(.unknownCommentSource, "is not a bulk-download CSV, a Mirrulations folder or a v4 comment JSON file", at: .file(display))
        }
    }

    /// Every `text-*/comments/*.json` under `root`, sorted so an import is the same each time.
    static func mirrulationsComments(under root: URL) -> [URL] {
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles]) else { return [] }
        var found: [URL] = []
        for case let url as URL in walker where url.pathExtension == "json" {
            let folder = url.deletingLastPathComponent()
            if folder.lastPathComponent == "comments", folder.deletingLastPathComponent().lastPathComponent.hasPrefix("text-") { found.append(url) }
        }
        return found.sorted { $0.path < $1.path }
    }

    // MARK: JSON

    static func importJSONFiles(
        _ files: [URL], root: String?, display single: String? = nil, source: String, store: CommentStore, transaction: any CommentTransaction, summary: inout Summary,
        progress: @Sendable (Int) -> Void
    ) async throws {
        var batch = Batch()
        for file in files {
            let display = single ?? relativeDisplay(file, root: root)
            var comment = try readCommentJSON(file, display: display, source: source)
            if source == "mirrulations" { comment.attachments = extractedAttachments(for: comment, json: file) }
            summary.attachmentsWithText += comment.attachments.filter { $0.status == .text }.count
            try await batch.add(comment, store: store, transaction: transaction, summary: &summary, progress: progress)
        }
        try await batch.flush(store: store, transaction: transaction, summary: &summary, progress: progress)
    }

    /// Records written `batchSize` at a time into the import's one transaction.
    struct Batch {
        var pending: [CommentRecord] = []

        mutating func add(
            _ comment: CommentRecord, store: CommentStore, transaction: any CommentTransaction, summary: inout Summary, progress: @Sendable (Int) -> Void
        ) async throws {
            pending.append(comment)
            if pending.count == CommentsImport.batchSize { try await flush(store: store, transaction: transaction, summary: &summary, progress: progress) }
        }

        mutating func flush(store: CommentStore, transaction: any CommentTransaction, summary: inout Summary, progress: @Sendable (Int) -> Void) async throws {
            try await store.write(pending, complete: true, in: transaction)
            summary.comments += pending.count
            progress(summary.comments)
            pending.removeAll(keepingCapacity: true)
        }
    }

    static func relativeDisplay(_ file: URL, root: String?) -> String {
        guard let root else { return file.path }
        let components = file.pathComponents
        return ([root] + components.suffix(4)).joined(separator: "/")
    }

    /// A v4 comment detail file, read with the generated client's types.
    static func readCommentJSON(_ url: URL, display: String, source: String) throws(Diagnostic) -> CommentRecord {
        let data: Data
        do { data = try Data(contentsOf: url) } catch { throw .error(.unreadableFile, "cannot be read", at: .file(display)) }
        do {
            let detail = try RegulationsGov.commentDetail(fromJSON: data)
            return CommentsPull.record(detail, source: source, attachments: [])
        } catch let error as DecodingError {
            throw .error(.malformedComment, "is not a v4 comment: \(reason(error))", at: SourceRange(location(of: error, in: data, display: display)))
        } catch {
            throw .error(.malformedComment, "is not a v4 comment", at: .file(display))
        }
    }

    static func reason(_ error: DecodingError) -> String {
        switch error {
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty { return "the file is not JSON" }
            return "\(path(context.codingPath)) is not in the form expected"
        case .keyNotFound(let key, let context): return "\(path(context.codingPath + [key])) is missing"
        case .typeMismatch(_, let context), .valueNotFound(_, let context): return "\(path(context.codingPath)) holds a value of the wrong type"
        @unknown default: return "it does not decode"
        }
    }

    static func path(_ keys: [any CodingKey]) -> String {
        let joined: String = keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        return joined.hasPrefix(".") ? String(joined.dropFirst()) : joined
    }

    /// Where a decoding error points in the file: the line and column Foundation names for a
    /// syntax error, else the last key of the path as it appears in the text.
    static func location(of error: DecodingError, in data: Data, display: String) -> SourceLocation {
        let text = String(decoding: data, as: UTF8.self)
        var keys: [any CodingKey] = []
        switch error {
        case .dataCorrupted(let context):
            let words = "\(context.underlyingError.map { "\($0)" } ?? "") \(context.debugDescription)"
            if let match = words.firstMatch(of: /line (\d+), column (\d+)/), let line = Int(match.1), let column = Int(match.2) {
                return SourceLocation(file: display, line: line, column: column)
            }
            if let match = words.firstMatch(of: /character (\d+)/), let offset = Int(match.1) {
                return lineColumn(ofUTF8Offset: offset, in: text, display: display)
            }
            keys = context.codingPath
        case .keyNotFound(_, let context), .typeMismatch(_, let context), .valueNotFound(_, let context): keys = context.codingPath
        @unknown default: break
        }
        if let key = keys.last(where: { $0.intValue == nil }), let range = text.range(of: "\"\(key.stringValue)\"") {
            return lineColumn(ofUTF8Offset: text.utf8.distance(from: text.startIndex, to: range.lowerBound), in: text, display: display)
        }
        return SourceLocation(file: display, line: 1, column: 1)
    }

    static func lineColumn(ofUTF8Offset offset: Int, in text: String, display: String) -> SourceLocation {
        var line = 1
        var column = 1
        for (index, byte) in text.utf8.enumerated() {
            if index >= offset { break }
            if byte == UInt8(ascii: "\n") { line += 1; column = 1 } else { column += 1 }
        }
        return SourceLocation(file: display, line: line, column: column)
    }

    /// The text Mirrulations extracted from a comment's attachments:
    /// `comments_extracted_text/<tool>/<ID>_attachment_<N>_extracted.txt` beside `comments/`.
    static func extractedAttachments(for comment: CommentRecord, json: URL) -> [AttachmentRecord] {
        let folder = json.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("comments_extracted_text")
        guard let tools = try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil).sorted(by: { $0.path < $1.path }) else { return comment.attachments }
        var byPosition: [Int: AttachmentRecord] = [:]
        for attachment in comment.attachments { byPosition[attachment.position] = attachment }
        for tool in tools {
            guard let files = try? FileManager.default.contentsOfDirectory(atPath: tool.path) else { continue }
            for name in files.sorted() where name.hasPrefix("\(comment.id)_attachment_") && name.hasSuffix("_extracted.txt") {
                guard let position = Int(name.dropFirst("\(comment.id)_attachment_".count).dropLast("_extracted.txt".count)), byPosition[position]?.status != .text,
                    let text = try? String(contentsOf: tool.appendingPathComponent(name), encoding: .utf8)
                else { continue }
                var attachment = byPosition[position] ?? AttachmentRecord(position: position, status: .notFetched)
                let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
                attachment.text = trimmed.isEmpty ? nil : trimmed
                attachment.status = trimmed.isEmpty ? .noText : .text
                attachment.note = trimmed.isEmpty ? "Mirrulations extracted no text" : "text extracted by Mirrulations (\(tool.lastPathComponent))"
                byPosition[position] = attachment
            }
        }
        return byPosition.values.sorted { $0.position < $1.position }
    }

    // MARK: Bulk-download CSV

    /// The columns read, by what they mean, with the names each export uses.
    static let columnNames: [String: [String]] = [
        "id": ["Document ID"],
        "agency": ["Agency ID"],
        "docket": ["Docket ID"],
        "tracking": ["Tracking Number"],
        "type": ["Document Type"],
        "posted": ["Posted Date", "Date Posted"],
        "withdrawn": ["Is Withdrawn?", "Withdrawn"],
        "title": ["Title"],
        "commentOn": ["Comment on Document ID", "Comment On Document ID", "Comment on ID"],
        "received": ["Received Date", "Date Received"],
        "duplicates": ["Duplicate Comments"],
        "first": ["First Name"],
        "last": ["Last Name"],
        "organization": ["Organization Name", "Organization"],
        "agencyName": ["Government Agency"],
        "agencyType": ["Government Agency Type"],
        "comment": ["Comment", "Comment Text", "General Comment"],
        "category": ["Category"],
        "attachments": ["Attachment Files"],
        "commentEnd": ["Comment Due Date"],
    ]

    static func importCSV(
        _ url: URL, display: String, store: CommentStore, transaction: any CommentTransaction, summary: inout Summary, progress: @Sendable (Int) -> Void
    ) async throws {
        var reader: CSVStream
        do { reader = try CSVStream(url: url, displayPath: display) } catch { throw Diagnostic.error(.unreadableFile, "cannot be read", at: .file(display)) }
        // The older export puts lines about the docket above the header; the header is the
        // first row naming a Document ID column.
        var header: CSVStream.Record?
        while let record = try reader.read() {
            if record.fields.contains(where: { $0.trimmingCharacters(in: .whitespaces) == "Document ID" }) {
                header = record
                break
            }
            if record.line > 20 { break }
        }
        guard let header else {
            throw Diagnostic.error(.malformedComment, "has no header row with a \"Document ID\" column in its first 20 lines", at: SourceRange(SourceLocation(file: display, line: 1, column: 1)))
        }
        let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        var index: [String: Int] = [:]
        for (key, candidates) in columnNames {
            if let position = names.firstIndex(where: { candidates.contains($0) }) { index[key] = position }
        }
        guard index["comment"] != nil || index["commentOn"] != nil else {
            throw Diagnostic.error(
                .malformedComment, "is not a comments export: the header names neither a Comment nor a Comment on Document ID column",
                at: SourceRange(SourceLocation(file: display, line: header.line, column: 1)))
        }
        var batch = Batch()
        var documents: [DocumentRow] = []
        while let record = try reader.read() {
            if record.fields.count == 1, record.fields[0].trimmingCharacters(in: .whitespaces).isEmpty { continue }
            guard record.fields.count == names.count else {
                throw Diagnostic.error(
                    .malformedComment, "has \(record.fields.count) fields; the header has \(names.count)",
                    at: SourceRange(SourceLocation(file: display, line: record.line, column: 1)))
            }
            func value(_ key: String) -> String? {
                guard let position = index[key] else { return nil }
                let text = record.fields[position].trimmingCharacters(in: .whitespacesAndNewlines)
                return text.isEmpty ? nil : text
            }
            guard let id = value("id") else {
                throw Diagnostic.error(.malformedComment, "has no Document ID", at: SourceRange(SourceLocation(file: display, line: record.line, column: 1)))
            }
            let type = value("type")
            if let type, type != "Public Submission" {
                documents.append(
                    DocumentRow(
                        id: id, docketID: value("docket") ?? docketID(of: id) ?? id, objectID: nil, title: value("title"), type: type, posted: instant(value("posted")),
                        commentEnd: instant(value("commentEnd")), open: false))
                summary.skippedRows += 1
                continue
            }
            var duplicates: Int?
            if let text = value("duplicates") {
                guard let number = Int(text) else {
                    throw Diagnostic.error(
                        .malformedComment, "Duplicate Comments is \"\(text)\", not a number",
                        at: SourceRange(SourceLocation(file: display, line: record.line, column: 1)))
                }
                duplicates = number
            }
            let attachments = (value("attachments") ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                .enumerated().map { offset, link in
                    AttachmentRecord(position: offset + 1, format: (link as NSString).pathExtension.lowercased(), url: link, status: .notFetched)
                }
            try await batch.add(
                CommentRecord(
                    id: id, docketID: value("docket") ?? docketID(of: id), documentID: value("commentOn"), title: value("title"), text: value("comment"),
                    organization: value("organization"), firstName: value("first"), lastName: value("last"), governmentAgency: value("agencyName"),
                    governmentAgencyType: value("agencyType"), category: value("category"), posted: instant(value("posted")), received: instant(value("received")),
                    duplicateComments: duplicates, trackingNumber: value("tracking"), withdrawn: ["true", "yes", "1"].contains(value("withdrawn")?.lowercased() ?? ""),
                    source: "bulk-csv", attachments: attachments), store: store, transaction: transaction, summary: &summary, progress: progress)
        }
        try await batch.flush(store: store, transaction: transaction, summary: &summary, progress: progress)
        if !documents.isEmpty {
            try await store.write(documents, in: transaction)
            summary.documents += documents.count
        }
    }

    /// `OMB-2023-0020` of `OMB-2023-0020-0042`.
    static func docketID(of id: String) -> String? {
        let parts = id.split(separator: "-")
        return parts.count > 1 ? parts.dropLast().joined(separator: "-") : nil
    }

    /// The export's instants (`2024-03-06T05:00Z`, or `03/06/2024` in older exports) as ISO 8601.
    static func instant(_ text: String?) -> String? {
        guard let text else { return nil }
        if let match = text.wholeMatch(of: /(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})Z/) { return "\(match.1)T\(match.2):\(match.3):00Z" }
        if let match = text.wholeMatch(of: /(\d{1,2})\/(\d{1,2})\/(\d{4})/), let month = Int(match.1), let day = Int(match.2) {
            return String(format: "%@-%02d-%02d", String(match.3), month, day)
        }
        return text
    }
}
