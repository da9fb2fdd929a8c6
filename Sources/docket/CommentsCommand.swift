import ArgumentParser
import DocketAPI
import DocketCampaigns
import DocketCitations
import DocketComments
import DocketKit
import DocketSupport
import Foundation

extension Docket {
    struct Comments: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "comments",
            abstract: "Read the docket: its posted comments, pulled from Regulations.gov or imported, searched and counted.",
            discussion: """
                The comments are kept in CAMPAIGN/.docket/comments.sqlite, or with --store postgres://USER@HOST/DATABASE on a \
                PostgreSQL server that several analysts share.
                """,
            subcommands: [Pull.self, Import.self, List.self, Show.self, Search.self, Stats.self, Campaigns.self, Forecast.self])
    }
}

/// Where the comments are kept, for every `docket comments` command.
struct CommentStoreOptions: ParsableArguments {
    @Option(name: .long, help: "The campaign folder whose store to use (default: the current folder).")
    var into: String = "."

    @Option(name: .long, help: "A PostgreSQL URL (postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE) or a SQLite file, instead of CAMPAIGN/.docket/comments.sqlite.")
    var store: String?

    var campaignFolder: URL { URL(fileURLWithPath: into) }

    /// Opens the store and brings its schema up to date; a store that cannot be opened is one
    /// line and exit 1.
    func open() async throws -> CommentStore {
        do {
            let database: any CommentDatabase
            if let store, store.hasPrefix("postgres://") || store.hasPrefix("postgresql://") {
                database = try await PostgresCommentDatabase.connect(store)
            } else {
                let url = store.map { URL(fileURLWithPath: $0) } ?? Campaign.commentsStoreURL(inFolder: campaignFolder)
                database = try SQLiteCommentDatabase(url: url, displayPath: displayPath(url))
            }
            return try await CommentStore.open(database)
        } catch let error as CommentStoreError {
            report([.error(.commentStoreFailure, error.description, at: .file(store.map(PostgresCommentDatabase.redacted) ?? displayPath(Campaign.commentsStoreURL(inFolder: campaignFolder))))])
            throw ExitCode.failure
        }
    }
}

/// The filters of `list`, `search` and `stats`.
struct CommentFilterOptions: ParsableArguments {
    @Option(name: .long, help: "Only comments on this docket.")
    var docket: String?

    @Option(name: .long, help: "Only comments on this document (its Regulations.gov document ID).")
    var document: String?

    @Option(name: .long, help: "Only comments from organizations whose name contains this, in any case.")
    var organization: String?

    @Option(name: .long, help: "Only comments posted on or after this day (YYYY-MM-DD).")
    var postedFrom: String?

    @Option(name: .long, help: "Only comments posted on or before this day (YYYY-MM-DD).")
    var postedThrough: String?

    @Flag(name: .long, help: "Only comments with an attachment.")
    var withAttachments = false

    @Flag(name: .long, help: "Only comments without an attachment.")
    var withoutAttachments = false

    func validate() throws {
        if withAttachments && withoutAttachments { throw ValidationError("--with-attachments and --without-attachments exclude each other") }
        for day in [postedFrom, postedThrough].compactMap({ $0 }) where CalendarDate(iso: day) == nil {
            throw ValidationError("'\(day)' is not a day in the form YYYY-MM-DD")
        }
    }

    var filter: CommentStore.Filter {
        CommentStore.Filter(docketID: docket, documentID: document, organization: organization, postedFrom: postedFrom, postedThrough: postedThrough,
            withAttachments: withAttachments ? true : withoutAttachments ? false : nil)
    }
}

func jsonText<T: Encodable>(_ value: T) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
}

extension Docket.Comments {
    struct Pull: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Pull every comment posted on a docket from Regulations.gov into the store.",
            discussion: """
                Every document of the docket is listed, past the API's 5,000-result limit; then each comment's detail, and with \
                --attachments its files, whose text is read (PDF through poppler's pdftotext, DOCX, HTML and text). A pull that is \
                stopped resumes where it stopped; a later pull asks only for what changed. The hourly request budget is kept in the \
                store across runs. The key is read as for docket fetch and sent only to the Regulations.gov address.
                """)

        @Argument(help: "The Regulations.gov docket ID, e.g. OMB-2023-0020.")
        var docketID: String

        @OptionGroup var storeOptions: CommentStoreOptions

        @Flag(name: .long, help: "Download each comment's attachments and read their text.")
        var attachments = false

        @Option(name: .long, help: "Requests an hour (1,000 for a registered key; GSA may grant more).")
        var budget: Int = 1000

        @Flag(name: .long, help: "When the budget is spent, stop and say when to resume instead of waiting.")
        var noWait = false

        @OptionGroup var api: APIOptions

        func validate() throws {
            guard IdentifierPatterns.isDocketID(docketID) else { throw ValidationError("'\(docketID)' is not a Regulations.gov docket ID such as OMB-2023-0020") }
            guard budget > 0 else { throw ValidationError("--budget must be at least 1") }
        }

        func run() async throws {
            let key = try api.key()
            let store = try await storeOptions.open()
            let progress = PullProgress()
            let regulations = RegulationsGov(baseURL: URL(string: api.regulationsGovURL)!, key: key, keepsReadLimit: false, deadline: api.timeout) { progress.line(key.mask($0)) }
            let options = CommentsPull.Options(
                attachments: attachments, filesFolder: Campaign.commentFilesFolder(inFolder: storeOptions.campaignFolder), requestsPerHour: budget, waitForBudget: !noWait,
                deadline: api.timeout)
            do {
                let summary = try await CommentsPull.run(docketID, from: regulations, into: store, options: options) { progress.show($0) }
                progress.finish()
                var line = "\(docketID): \(Wording.count(summary.stored, "comment")) stored (\(summary.fetched) fetched now) from \(Wording.count(summary.documents, "document")), \(Wording.count(summary.requests, "request"))"
                if attachments { line += "; attachments: \(summary.attachmentsWithText) with text, \(summary.attachmentsWithoutText) without" }
                writeStandardOutput(line + "\n")
                await store.database.close()
            } catch let diagnostic {
                progress.finish()
                var diagnostic = diagnostic
                diagnostic.message = key.mask(diagnostic.message)
                report([diagnostic])
                await store.database.close()
                throw ExitCode.failure
            }
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import comments: a Regulations.gov bulk-download CSV, a Mirrulations folder, or v4 comment JSON files.",
            discussion: "All the paths are one transaction: a malformed row or file stores nothing, and says where it is.")

        @Argument(help: "CSV files, Mirrulations folders (AGENCY/DOCKET/...), or comment JSON files.")
        var paths: [String]

        @OptionGroup var storeOptions: CommentStoreOptions

        func run() async throws {
            let store = try await storeOptions.open()
            let progress = PullProgress()
            let summary: CommentsImport.Summary
            do {
                summary = try await CommentsImport.run(paths.map { (URL(fileURLWithPath: $0), $0) }, into: store) { progress.show(.imported($0)) }
            } catch let diagnostic {
                progress.finish()
                report([diagnostic])
                writeStandardError("nothing was imported")
                await store.database.close()
                throw ExitCode.failure
            }
            do {
                progress.finish()
                let stored = try await failing(store) { try await store.total(CommentStore.Filter()) }
                var line = "imported \(Wording.count(summary.comments, "comment record")) from \(summary.sources.joined(separator: ", ")); the store holds \(Wording.count(stored, "comment"))"
                if summary.attachmentsWithText > 0 { line += "; \(Wording.count(summary.attachmentsWithText, "attachment")) with text" }
                if summary.documents > 0 { line += "; \(Wording.count(summary.documents, "document")) of the docket" }
                writeStandardOutput(line + "\n")
                await store.database.close()
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the stored comments, oldest first.")

        @OptionGroup var storeOptions: CommentStoreOptions
        @OptionGroup var filters: CommentFilterOptions
        @OptionGroup var output: OutputFormatOption

        @Option(name: .long, help: "At most this many.")
        var limit: Int = 50

        @Option(name: .long, help: "Skip this many first.")
        var offset: Int = 0

        func run() async throws {
            let store = try await storeOptions.open()
            defer { Task { await store.database.close() } }
            let rows = try await failing(store) { try await store.list(filters.filter, limit: limit, offset: offset) }
            let total = try await failing(store) { try await store.total(filters.filter) }
            switch output.format {
            case .json: writeStandardOutput(try jsonText(rows))
            case .text:
                var text = ""
                for row in rows {
                    let attachments = row.attachments == 0 ? "" : " [\(row.attachmentsWithText)/\(row.attachments) attachments with text]"
                    text += "\(row.id)  \(row.posted?.prefix(10) ?? "          ")  \(row.submitter ?? "(anonymous)")\(attachments)\n"
                    if let excerpt = row.excerpt, !excerpt.isEmpty { text += "    \(excerpt.prefix(120))\n" } else if !row.fetched { text += "    (listed; its text is not fetched yet)\n" }
                }
                text += "\(rows.count) of \(Wording.count(total, "comment"))\n"
                writeStandardOutput(text)
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one stored comment, its text and its attachments' text.")

        @OptionGroup var storeOptions: CommentStoreOptions
        @OptionGroup var output: OutputFormatOption

        @Argument(help: "The comment's Regulations.gov ID, e.g. OMB-2023-0020-0042.")
        var id: String

        func run() async throws {
            let store = try await storeOptions.open()
            defer { Task { await store.database.close() } }
            guard let comment = try await failing(store, { try await store.comment(id) }) else {
                report([.error(.unknownComment, "the store holds no comment \(id)", at: .file(store.database.location))])
                throw ExitCode.failure
            }
            switch output.format {
            case .json: writeStandardOutput(try jsonText(comment))
            case .text:
                var text = "\(comment.id)\(comment.withdrawn ? " (withdrawn)" : "")\n"
                let fields: [(String, String?)] = [
                    ("Title", comment.title), ("From", comment.submitter), ("Category", comment.category), ("Document", comment.documentID), ("Posted", comment.posted),
                    ("Received", comment.received), ("Tracking number", comment.trackingNumber), ("Duplicates counted", comment.duplicateComments.map(String.init)),
                    ("Source", comment.source),
                ]
                for (label, value) in fields { if let value, !value.isEmpty { text += "\(label): \(value)\n" } }
                text += "\n\(comment.text ?? "(its text is not fetched yet)")\n"
                for attachment in comment.attachments {
                    text += "\n--- Attachment \(attachment.position)\(attachment.title.map { ": \($0)" } ?? "") (\(attachment.status.rawValue)\(attachment.note.map { "; \($0)" } ?? ""))\n"
                    if let text2 = attachment.text { text += text2 + "\n" }
                }
                writeStandardOutput(text)
            }
        }
    }

    struct Search: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Find comments by their words, in the comment or its attachments, most relevant first.")

        @OptionGroup var storeOptions: CommentStoreOptions
        @OptionGroup var filters: CommentFilterOptions
        @OptionGroup var output: OutputFormatOption

        @Argument(help: "Words every match contains.")
        var words: [String]

        @Option(name: .long, help: "At most this many.")
        var limit: Int = 20

        func run() async throws {
            let store = try await storeOptions.open()
            defer { Task { await store.database.close() } }
            let hits = try await failing(store) { try await store.search(words, filter: filters.filter, limit: limit) }
            switch output.format {
            case .json: writeStandardOutput(try jsonText(hits))
            case .text:
                var text = ""
                for hit in hits {
                    text += "\(hit.id)  \(hit.posted?.prefix(10) ?? "")  \(hit.submitter ?? "(anonymous)")  [\(hit.part)]\n    \(hit.passage)\n"
                }
                text += "\(Wording.count(hits.count, "comment")) found\n"
                writeStandardOutput(text)
            }
        }
    }

    struct Stats: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Count the stored comments: per document, per day, per submitter type, attachments, and the agency's duplicate counts.")

        @OptionGroup var storeOptions: CommentStoreOptions
        @OptionGroup var filters: CommentFilterOptions
        @OptionGroup var output: OutputFormatOption

        func run() async throws {
            let store = try await storeOptions.open()
            defer { Task { await store.database.close() } }
            let stats = try await failing(store) { try await store.stats(filters.filter) }
            switch output.format {
            case .json: writeStandardOutput(try jsonText(stats))
            case .text:
                var text = "\(Wording.count(stats.comments, "comment")) (\(stats.fetched) with their text); the agency counted \(Wording.count(stats.duplicateComments, "duplicate")) in them\n"
                text += "attachments: \(stats.attachmentsWithText) with text, \(stats.attachmentsWithoutText) without, \(stats.attachmentsNotFetched) not fetched\n"
                for (title, counts) in [("per document", stats.perDocument), ("per submitter type", stats.perSubmitterType), ("per day posted", stats.perDay)] {
                    text += "\n\(title):\n"
                    for count in counts { text += "  \(count.key)  \(count.comments)\(count.duplicates > 0 ? " (+\(count.duplicates) duplicates)" : "")\n" }
                }
                writeStandardOutput(text)
            }
        }
    }
}

extension Docket.Comments {
    struct Campaigns: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Find the campaigns of near-identical comments, as an agency that collapses them would count.",
            discussion: """
                Comments are compared by their five-word phrases (attachments' text included): MinHash signatures, LSH banding                 and union-find, then each linked group split around its medoid. A member that adds 300 or more words of its own                 counts on its own; comments under 40 words are stubs, reported apart.
                """)

        @OptionGroup var storeOptions: CommentStoreOptions
        @OptionGroup var filters: CommentFilterOptions
        @OptionGroup var output: OutputFormatOption

        @Option(name: .long, help: "Estimated Jaccard similarity of five-word phrases at which two comments are the same (0.2 to 0.95).")
        var threshold: Double = 0.5

        @Option(name: .long, help: "A text file of the notice (the proposed rule or request): phrases it contains are struck before comparing (default: CAMPAIGN/.docket/notice.txt, which docket fetch writes, when it exists).")
        var notice: String?

        @Option(name: .long, help: "Also write the report as a standalone HTML page to this file.")
        var html: String?

        @Option(name: .long, help: "In text, show at most this many campaigns.")
        var limit: Int = 20

        func validate() throws {
            guard (0.2...0.95).contains(threshold) else { throw ValidationError("--threshold must be between 0.2 and 0.95, not \(threshold).") }
            guard limit >= 0 else { throw ValidationError("--limit must be 0 or more.") }
        }

        func run() async throws {
            var noticeText: String?
            let fetchedNotice = Campaign.noticeTextURL(inFolder: storeOptions.campaignFolder)
            if let notice = notice ?? (FileManager.default.fileExists(atPath: fetchedNotice.path) ? fetchedNotice.path : nil) {
                do {
                    noticeText = try String(contentsOfFile: notice, encoding: .utf8)
                } catch {
                    report([.error(.commentStoreFailure, "cannot read the notice's text: \((error as NSError).localizedDescription)", at: .file(notice))])
                    throw ExitCode.failure
                }
            }
            let store = try await storeOptions.open()
            defer { Task { await store.database.close() } }
            let progress = PullProgress()
            let result = try await failing(store) {
                try await store.campaigns(filters.filter, options: Clustering.Options(threshold: threshold), notice: noticeText) { read in
                    progress.status("read \(Wording.number(read)) comments")
                }
            }
            progress.finish()
            if let html {
                let url = URL(fileURLWithPath: html)
                let title = "Campaigns among \(Wording.count(result.comments, "comment"))" + (filters.filter.docketID.map { " on \($0)" } ?? "")
                let page = CampaignReportPage.html(result, title: title, generated: "From \(store.database.location)")
                do {
                    try AtomicWriter.write([(name: url.lastPathComponent, data: Data(page.utf8))], into: url.deletingLastPathComponent())
                } catch {
                    report([error.diagnostic])
                    throw ExitCode.failure
                }
            }
            switch output.format {
            case .json: writeStandardOutput(try jsonText(result))
            case .text: writeStandardOutput(Self.text(result, limit: limit))
            }
        }

        static func text(_ report: CampaignReport, limit: Int) -> String {
            let percent = String(format: "%.1f%%", report.shareInCampaigns * 100)
            var text = "\(Wording.count(report.comments, "comment")): \(Wording.number(report.inCampaigns)) (\(percent)) in \(Wording.count(report.campaigns.count, "campaign")), "
            text += "\(Wording.number(report.standAlone)) standing alone, \(Wording.count(report.stubs.count, "stub")) under 40 words, \(Wording.number(report.empty)) empty\n"
            if report.noticeStruck { text += "the notice's own phrases were struck before comparing\n" }
            text += "an agency that counts each campaign once counts \(Wording.number(report.collapsedCount))"
            if !report.setApartForOwnWords.isEmpty { text += "; \(Wording.count(report.setApartForOwnWords.count, "member")) set apart for 300 or more words of their own" }
            text += "\n"
            for (index, campaign) in report.campaigns.prefix(limit).enumerated() {
                let dates = campaign.firstPosted.map { first in campaign.lastPosted.map { $0 == first ? first : "\(first) to \($0)" } ?? first } ?? "no date"
                text += "\n\(index + 1). \(Wording.count(campaign.size, "comment"))"
                if campaign.represents != campaign.size { text += " (standing for \(Wording.number(campaign.represents)) with the agency's duplicate counts)" }
                text += ", \(dates), \(Wording.count(campaign.organizations.count, "organization"))\n"
                let words = campaign.medoidText.split(whereSeparator: \.isWhitespace)
                text += "   medoid \(campaign.id): \(words.prefix(40).joined(separator: " "))\(words.count > 40 ? " …" : "")\n"
                for addition in campaign.additions.prefix(2) {
                    let passage = addition.passage.split(whereSeparator: \.isWhitespace)
                    text += "   \(addition.commentID) adds \(Wording.count(addition.words, "word")): \(passage.prefix(20).joined(separator: " "))\(passage.count > 20 ? " …" : "")\n"
                }
            }
            if report.campaigns.count > limit { text += "\n\(Wording.count(report.campaigns.count - limit, "smaller campaign")) not shown (--limit, or --format json for all)\n" }
            return text
        }
    }
}

extension Docket.Comments {
    struct Forecast: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Before filing: where the plan's comment and each supporter's draft will land among the posted comments.",
            discussion: """
                The plan is composed (with --each, once per supporter) and placed among the stored comments of the plan's \
                docket as `docket comments campaigns` groups them: which campaign each draft joins, how many drafts an agency \
                that collapses near-duplicates would count, and about how many words of its own a draft needs to stand apart. \
                Each recommendation is set beside the posted comments that make the same point, with the organizations behind \
                them; a recommendation nobody else made is said so.
                """)

        @Argument(help: "The plan file, e.g. Examples/omb-2023-0020/plan.yml.")
        var plan: String

        @Option(name: .long, help: "A CSV file with one supporter a row, as for docket compose --each.")
        var each: String?

        @OptionGroup var storeOptions: CommentStoreOptions
        @OptionGroup var output: OutputFormatOption

        @Option(name: .long, help: "The docket whose comments to compare with (default: the plan's).")
        var docket: String?

        func run() async throws {
            var drafts: [(id: String, text: String)] = []
            let composed = commandPipeline.compose(plan: plan, formats: [.txt])
            TerminalReporter().text(composed, summary: false)
            guard composed.succeeded, let result = composed.value else {
                writeStandardError("nothing forecast: the plan does not compose")
                throw ExitCode.failure
            }
            if let each {
                let personalized = commandPipeline.composeEach(plan: plan, supporters: each)
                TerminalReporter().text(personalized, summary: false)
                guard personalized.succeeded, let personalizedResult = personalized.value else {
                    writeStandardError("nothing forecast: the drafts do not compose")
                    throw ExitCode.failure
                }
                drafts = personalizedResult.rendered.map { (String($0.name.dropLast(3)), $0.contents) }
            } else {
                drafts = [(result.draft.plan.name, result.box.text)]
            }
            let document = result.draft.document
            let points = document.recommendations.map { CampaignForecast.Point(number: $0.number, id: $0.id, title: $0.title, summary: $0.summary) }
            // The plan's own campaign folder keeps the store unless another is named.
            var storeOptions = storeOptions
            if storeOptions.store == nil && storeOptions.into == "." { storeOptions.into = result.campaign.folder.path }
            let store = try await storeOptions.open()
            defer { Task { await store.database.close() } }
            let docketID = docket ?? document.header.docketID
            let noticeURL = Campaign.noticeTextURL(inFolder: result.campaign.folder)
            let notice = try? String(contentsOf: noticeURL, encoding: .utf8)
            let forecast = try await failing(store) {
                try await CampaignForecast.make(store: store, filter: CommentStore.Filter(docketID: docketID), drafts: drafts, points: points, notice: notice)
            }
            switch output.format {
            case .json: writeStandardOutput(try jsonText(forecast))
            case .text: writeStandardOutput(Self.text(forecast, docket: docketID))
            }
        }

        static func text(_ forecast: CampaignForecast, docket: String?) -> String {
            var text = "against \(Wording.count(forecast.posted, "posted comment"))\(docket.map { " on \($0)" } ?? "")"
            if forecast.posted == 0 { text += " (none stored: docket comments pull or import first)" }
            text += "\n" + collapseLine(forecast) + "\n"
            let joining = Dictionary(grouping: forecast.placements.filter { $0.lands == "posted" }, by: { $0.campaign ?? "" })
            for (campaign, members) in joining.sorted(by: { $0.value.count > $1.value.count }) {
                let size = members.first?.postedInCampaign ?? 0
                text += "  \(Wording.count(members.count, "draft")) join\(members.count == 1 ? "s" : "") the posted campaign around \(campaign) (\(Wording.count(size, "posted comment")))\n"
            }
            let own = forecast.placements.filter { $0.lands == "drafts" }
            if !own.isEmpty { text += "  \(Wording.count(own.count, "draft")) form\(own.count == 1 ? "s" : "") \(Set(own.compactMap(\.campaign)).count == 1 ? "one campaign" : "campaigns") of the coalition's own\n" }
            let alone = forecast.placements.filter { $0.lands == "alone" }.count
            if alone > 0 { text += "  \(Wording.count(alone, "draft")) stand\(alone == 1 ? "s" : "") apart\n" }
            if let need = forecast.medianWordsToStandApart {
                text += "  a draft in a campaign needs about \(Wording.count(need, "word")) of its own to stand apart (the median)\n"
            }
            for point in forecast.recommendations {
                text += "\nRecommendation \(point.number): \(point.title)\n"
                if point.madeByNobodyElse {
                    text += "  no posted comment makes this point (matched on: \(point.terms.joined(separator: ", ")))\n"
                    continue
                }
                for match in point.comments {
                    text += "  \(match.id)\(match.submitter.map { " (\($0))" } ?? ""): \(match.passage)\n    \(match.link)\n"
                }
                if !point.organizations.isEmpty { text += "  potential allies: \(point.organizations.joined(separator: ", "))\n" }
            }
            return text
        }

        /// "3 drafts: an agency that collapses near-duplicates would count them as 1".
        static func collapseLine(_ forecast: CampaignForecast) -> String {
            "\(Wording.count(forecast.drafts, "draft")): an agency that collapses near-duplicates would count \(forecast.drafts == 1 ? "it" : "them") as \(Wording.number(forecast.countedAs))"
                + (forecast.countedAs == 0 ? " new (each joins a campaign already posted)" : "")
        }
    }
}

/// A store read that fails is one line and exit 1.
func failing<T>(_ store: CommentStore, _ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch {
        report([.error(.commentStoreFailure, "\(error)", at: .file(store.database.location))])
        throw ExitCode.failure
    }
}

/// Progress on standard error: one line rewritten in place on a terminal; plain lines, at
/// most one every five seconds, when not.
final class PullProgress: @unchecked Sendable {
    private let lock = NSLock()
    private let terminal = isatty(STDERR_FILENO) == 1
    private let started = Date()
    private var lastPlain = Date.distantPast
    private var detailsStarted: (date: Date, done: Int)?
    private var drawn = false

    func show(_ event: CommentsPull.Event) {
        lock.withLock {
            switch event {
            case .documents(let count): emit("\(Wording.count(count, "document")) to list", force: true)
            case .listing(let document, let listed, let total):
                emit("listing \(document): \(Wording.number(listed))\(total.map { " of \(Wording.number($0))" } ?? "")", force: false)
            case .details(let done, let total):
                if detailsStarted == nil { detailsStarted = (Date(), done) }
                let elapsed = Date().timeIntervalSince(detailsStarted!.date)
                let rate = elapsed > 0.5 ? Double(done - detailsStarted!.done) / elapsed : 0
                var text = total > 0 ? "comments \(Wording.number(done)) of \(Wording.number(total))" : "\(Wording.number(done)) comments"
                if rate > 0 {
                    text += String(format: " · %.1f/s", rate)
                    if total > done { text += " · \(Self.duration(Double(total - done) / rate)) left" }
                }
                emit(text, force: done == total && total > 0)
            case .imported(let count): emit("read \(Wording.number(count)) comment records", force: false)
            case .waiting(let message): emit(message, force: true, keep: true)
            case .note(let message): emit(message, force: true, keep: true)
            }
        }
    }

    /// A passing count, overwritten by the next.
    func status(_ text: String) { lock.withLock { emit(text, force: false) } }

    /// A message of its own (a wait, a retry), never overwritten.
    func line(_ text: String) { lock.withLock { emit(text, force: true, keep: true) } }

    private func emit(_ text: String, force: Bool, keep: Bool = false) {
        if terminal {
            FileHandle.standardError.write(Data(("\r\u{1B}[K" + text + (keep ? "\n" : "")).utf8))
            drawn = !keep
        } else if force || Date().timeIntervalSince(lastPlain) >= 5 {
            lastPlain = Date()
            FileHandle.standardError.write(Data((text + "\n").utf8))
        }
    }

    func finish() {
        lock.withLock {
            if terminal && drawn { FileHandle.standardError.write(Data("\n".utf8)) }
            drawn = false
        }
    }

    static func duration(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        if total >= 3600 { return "\(total / 3600)h\(String(format: "%02d", total % 3600 / 60))m" }
        if total >= 60 { return "\(total / 60)m\(String(format: "%02d", total % 60))s" }
        return "\(total)s"
    }
}
