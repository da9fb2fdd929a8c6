import DocketAPI
import DocketKit
import DocketModel
import DocketSupport
import Foundation

/// `docket comments pull`: every comment posted on a docket, from Regulations.gov into the
/// store. Comments hang off documents, so each document of the docket is listed in turn, past
/// the API's 5,000-row limit by GSA's documented seam (sort by last change, and start the next
/// window from the last row's change; the repeated rows are the same IDs and merge). Then
/// each listed comment's detail, and with `attachments`, its files and their text.
///
/// Every step commits with its place, so a run killed at any moment resumes where it stopped,
/// and a later pull asks only for what changed since the last.
public enum CommentsPull {
    public struct Options: Sendable {
        public var attachments: Bool
        /// Where downloaded attachments go: the campaign's private folder.
        public var filesFolder: URL
        public var requestsPerHour: Int
        /// Wait when the budget is spent (true) or stop and say when to resume (false).
        public var waitForBudget: Bool
        public var sizeLimit: Int
        /// Bounds each attachment's download (`--timeout`).
        public var deadline: TimeInterval

        public init(
            attachments: Bool, filesFolder: URL, requestsPerHour: Int = 1000, waitForBudget: Bool = true, sizeLimit: Int = AttachmentText.sizeLimit,
            deadline: TimeInterval = Network.defaultDeadline
        ) {
            self.deadline = deadline
            self.attachments = attachments
            self.filesFolder = filesFolder
            self.requestsPerHour = requestsPerHour
            self.waitForBudget = waitForBudget
            self.sizeLimit = sizeLimit
        }
    }

    /// What a pull tells the person watching it.
    public enum Event: Sendable {
        case documents(Int)
        case listing(document: String, listed: Int, total: Int?)
        case details(done: Int, total: Int)
        case waiting(String)
        case note(String)
        /// `docket comments import`: records read so far.
        case imported(Int)
    }

    public struct Summary: Sendable, Hashable {
        public var documents = 0
        public var listed = 0
        public var fetched = 0
        public var attachmentsWithText = 0
        public var attachmentsWithoutText = 0
        public var requests = 0
        /// The comments the store holds for the docket afterwards.
        public var stored = 0
    }

    public static func run(
        _ docketID: String, from regulations: RegulationsGov, into store: CommentStore, options: Options, clock: @escaping @Sendable () -> Date = Date.init,
        report: @escaping @Sendable (Event) -> Void
    ) async throws(Diagnostic) -> Summary {
        let budget = RequestBudget(store: store, perHour: options.requestsPerHour, wait: options.waitForBudget, clock: clock, report: report)
        var summary = Summary()
        do {
            try await store.recordPull(docketID, started: Timestamp.string(from: clock()), finished: nil)
            try await budget.spend()
            let documents = try await regulations.documents(inDocket: docketID)
            if documents.count > RegulationsGov.pageSize { try await budget.record(documents.count / RegulationsGov.pageSize) }
            try await store.write(
                documents.map { document in
                    DocumentRow(
                        id: document.id, docketID: docketID, objectID: document.objectID, title: document.title, type: document.type, posted: document.posted,
                        commentEnd: document.commentEnd.map(Timestamp.string(from:)), open: document.openForComment)
                })
            // A comment is itself a document of the docket; the rest can take comments.
            let targets = documents.filter { $0.type != "Public Submission" && $0.objectID != nil }
            summary.documents = targets.count
            report(.documents(targets.count))
            for document in targets {
                summary.listed += try await list(document, docketID: docketID, regulations: regulations, store: store, budget: budget, report: report)
            }
            let total = try await store.count(inDocket: docketID, detail: "pending")
            var done = 0
            report(.details(done: 0, total: total))
            while true {
                let pending = try await store.pendingComments(inDocket: docketID, limit: 200)
                if pending.isEmpty { break }
                for id in pending {
                    try await budget.spend()
                    let record: CommentRecord
                    do {
                        let detail = try await regulations.comment(id)
                        let attachments = try await Self.attachments(of: detail, options: options, report: report)
                        record = Self.record(detail, source: "api", attachments: attachments)
                    } catch let failure as APIFailure where failure.status == 404 {
                        // Listed, then taken down before its detail was read.
                        record = CommentRecord(id: id, docketID: docketID, withdrawn: true, source: "api")
                        report(.note("\(id) is no longer on Regulations.gov; kept as withdrawn"))
                    }
                    summary.attachmentsWithText += record.attachments.filter { $0.status == .text }.count
                    summary.attachmentsWithoutText += record.attachments.filter { $0.status == .noText || $0.status == .skipped }.count
                    try await store.database.transaction { transaction in try await store.write([record], complete: true, in: transaction) }
                    done += 1
                    summary.fetched += 1
                    report(.details(done: done, total: max(total, done)))
                }
            }
            try await store.recordPull(docketID, started: nil, finished: Timestamp.string(from: clock()))
            summary.requests = await budget.spent
            summary.stored = try await store.count(inDocket: docketID)
            return summary
        } catch let diagnostic as Diagnostic {
            throw diagnostic
        } catch let failure as APIFailure {
            throw .error(.apiFailure, failure.description + "; what was fetched is stored, and the next pull resumes from here", at: .file(store.database.location))
        } catch {
            throw .error(.commentStoreFailure, "\(error)", at: .file(store.database.location))
        }
    }

    /// Lists one document's comments from where the last run stopped; returns the rows seen.
    static func list(
        _ document: RegulationsGov.DocumentRecord, docketID: String, regulations: RegulationsGov, store: CommentStore, budget: RequestBudget,
        report: @Sendable (Event) -> Void
    ) async throws -> Int {
        guard let objectID = document.objectID else { return 0 }
        var place = try await store.listingPlace(of: document.id)
        var seen = 0
        while true {
            try await budget.spend()
            let page = try await regulations.commentsPage(onObjectID: objectID, modifiedSince: place.since, page: place.page)
            seen += page.rows.count
            report(.listing(document: document.id, listed: seen, total: page.totalElements))
            let rows = page.rows.map { row in
                CommentRecord(
                    id: row.id, docketID: docketID, documentID: document.id, title: row.title, posted: row.postedDate.flatMap(Self.instant),
                    modified: row.lastModified.map(Timestamp.string(from:)), withdrawn: row.withdrawn, source: "api")
            }
            let listed = Dictionary(rows.map { ($0.id, $0.modified ?? "") }, uniquingKeysWith: { $1 })
            let last = page.rows.last?.lastModified.map(Timestamp.easternFilter(from:))
            // The next request: the next page of this window; past page 20, a new window from
            // the last row's change; else the listing is done.
            var next: (since: String?, page: Int)?
            if page.hasNextPage, place.page < RegulationsGov.lastPageNumber {
                next = (place.since, place.page + 1)
            } else if place.page == RegulationsGov.lastPageNumber, page.hasNextPage || page.rows.count == RegulationsGov.pageSize {
                guard let last, last != place.since else {
                    throw APIFailure("more than 5,000 comments on \(document.id) changed in the same second, \(last ?? "?"); the API cannot list past them")
                }
                next = (last, 1)
            }
            let nextPlace = next
            let through = last ?? place.since
            try await store.database.transaction { transaction in
                try await store.write(rows, complete: false, listedModified: listed, in: transaction)
                if let nextPlace {
                    try await store.setListingPlace(document.id, since: nextPlace.since, page: nextPlace.page, in: transaction)
                } else {
                    try await store.finishListing(document.id, through: through, in: transaction)
                }
            }
            guard let nextPlace else { return seen }
            place = CommentStore.ListingPlace(since: nextPlace.since, page: nextPlace.page, listedThrough: place.listedThrough)
        }
    }

    /// A list row's `postedDate`, which the API gives as ISO 8601.
    static func instant(_ text: String) -> String? {
        Timestamp.date(from: text).map(Timestamp.string(from:)) ?? text
    }

    /// A comment's detail as the store keeps it.
    public static func record(_ detail: RegulationsGov.CommentDetail, source: String, attachments: [AttachmentRecord]) -> CommentRecord {
        let listed = detail.attachments.enumerated().map { offset, attachment in
            let file = preferredFile(attachment.files)
            return AttachmentRecord(
                position: attachment.order ?? offset + 1, title: attachment.title, format: file?.format, url: file?.url.absoluteString, size: file?.size, status: .notFetched,
                note: attachment.restricted.map { "restricted by the agency: \($0)" })
        }
        return CommentRecord(
            id: detail.id, docketID: detail.docketID, documentID: detail.documentID, title: detail.title, text: detail.text.map(plainText), organization: detail.organization,
            firstName: detail.firstName, lastName: detail.lastName, governmentAgency: detail.governmentAgency, governmentAgencyType: detail.governmentAgencyType,
            category: detail.category, posted: detail.postedDate.map(Timestamp.string(from:)), received: detail.receivedDate.map(Timestamp.string(from:)),
            modified: detail.modified.map(Timestamp.string(from:)), duplicateComments: detail.duplicateComments, trackingNumber: detail.trackingNumber,
            withdrawn: detail.withdrawn, source: source, attachments: attachments.isEmpty ? listed : attachments)
    }

    /// The comment box as text: Regulations.gov keeps it with `<br/>` line breaks and HTML
    /// entities (`&#39;`).
    static func plainText(_ text: String) -> String {
        guard text.contains("<") || text.contains("&") else { return text }
        return AttachmentText.htmlText(text).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The format whose text reads best: PDF, then DOCX, text and HTML.
    static func preferredFile(_ files: [RegulationsGov.File]) -> RegulationsGov.File? {
        let order = ["pdf", "docx", "txt", "htm", "html", "doc"]
        return files.min { (order.firstIndex(of: $0.format?.lowercased() ?? "") ?? order.count) < (order.firstIndex(of: $1.format?.lowercased() ?? "") ?? order.count) }
    }

    /// Downloads and reads each attachment, when asked; otherwise lists them unread.
    static func attachments(of detail: RegulationsGov.CommentDetail, options: Options, report: @Sendable (Event) -> Void) async throws -> [AttachmentRecord] {
        guard options.attachments else { return [] }
        var records: [AttachmentRecord] = []
        for (offset, attachment) in detail.attachments.enumerated() {
            let position = attachment.order ?? offset + 1
            var record = AttachmentRecord(position: position, title: attachment.title, status: .skipped)
            guard let file = preferredFile(attachment.files) else {
                record.note = attachment.restricted.map { "restricted by the agency: \($0)" } ?? "no file offered"
                records.append(record)
                continue
            }
            record.format = file.format
            record.url = file.url.absoluteString
            var size = file.size
            if size == nil { size = await RegulationsGov.declaredSize(file.url) }
            record.size = size
            if let size, size > options.sizeLimit {
                record.note = "over \(options.sizeLimit / 1_000_000) MB (\(size / 1_000_000) MB): not downloaded"
                report(.note("\(detail.id) attachment \(position): \(record.note!)"))
                records.append(record)
                continue
            }
            let data: Data
            switch await download(file.url, limit: options.sizeLimit, deadline: options.deadline) {
            case .success(let bytes): data = bytes
            case .failure(let failure) where failure.status == 413:
                record.note = "over \(options.sizeLimit / 1_000_000) MB: not kept"
                records.append(record)
                continue
            case .failure(let failure) where (400..<500).contains(failure.status ?? 0):
                record.status = .noText
                record.note = "could not be downloaded: \(failure.description)"
                records.append(record)
                continue
            case .failure(let failure): throw failure
            }
            let name = PathComponent.sanitized(file.url.lastPathComponent.isEmpty ? "attachment-\(position)" : file.url.lastPathComponent)
            let folder = options.filesFolder.appendingPathComponent(PathComponent.sanitized(detail.id))
            try AtomicWriter.write([("\(position)-\(name)", data)], into: folder)
            record.file = "\(folder.lastPathComponent)/\(position)-\(name)"
            let reading = AttachmentText.read(data, name: name)
            record.text = reading.text
            record.status = reading.status
            record.note = reading.note
            if reading.status == .noText { report(.note("\(detail.id) attachment \(position): no text (\(reading.note ?? ""))")) }
            records.append(record)
        }
        return records
    }
}

extension CommentsPull {
    static func download(_ url: URL, limit: Int, deadline: TimeInterval) async -> Result<Data, APIFailure> {
        do { return .success(try await RegulationsGov.download(url, limit: limit, deadline: deadline)) } catch { return .failure(error) }
    }
}

/// The hourly request budget, kept in the store so it holds across runs: a request is
/// recorded before it is made.
actor RequestBudget {
    let store: CommentStore
    let perHour: Int
    let wait: Bool
    let clock: @Sendable () -> Date
    let report: @Sendable (CommentsPull.Event) -> Void
    private(set) var spent = 0

    init(store: CommentStore, perHour: Int, wait: Bool, clock: @escaping @Sendable () -> Date, report: @escaping @Sendable (CommentsPull.Event) -> Void) {
        self.store = store
        self.perHour = perHour
        self.wait = wait
        self.clock = clock
        self.report = report
    }

    func spend() async throws {
        var now = clock().timeIntervalSince1970
        let (count, oldest) = try await store.requests(since: now - 3600)
        if count >= perHour {
            let resume = (oldest ?? now) + 3600
            let at = Timestamp.string(from: Date(timeIntervalSince1970: resume))
            guard wait else {
                throw Diagnostic.error(
                    .requestBudgetSpent, "\(count) requests in the last hour, the budget of \(perHour); everything so far is stored; run the pull again after \(at)",
                    at: .file(store.database.location))
            }
            report(.waiting("the budget of \(perHour) requests an hour is spent; waiting until \(at)"))
            try await Task.sleep(nanoseconds: UInt64(max(0, resume - now) * 1e9))
            now = clock().timeIntervalSince1970
        }
        try await store.recordRequest(at: now)
        spent += 1
    }

    /// Requests already made that `spend` did not see (the documents list's later pages).
    func record(_ count: Int) async throws {
        for _ in 0..<count { try await store.recordRequest(at: clock().timeIntervalSince1970) }
        spent += count
    }
}
