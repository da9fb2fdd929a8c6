import DocketKit
import DocketSupport
import DocketLibrary
import DocketModel
import DocketRender
import DocketReview
import Foundation

/// The campaign a review server serves: the version signers see, who may answer, and the
/// lead's sessions. One actor, so a publish, a roster change and a decision never interleave.
/// Decisions go through `SignOff`, the same path `docket sign` takes, into `approvals.jsonl`.
public actor ReviewCampaign {
    /// Why a step was refused, as the page tells it.
    public enum Refusal: Error, Sendable, CustomStringConvertible {
        /// The page showed another version than the current one.
        case staleVersion(current: DraftVersion)
        case invalid(String)
        case failed(String)

        public var description: String {
            switch self {
            case .staleVersion(let current): "the current version is \(current.short)"
            case .invalid(let why), .failed(let why): why
            }
        }
    }

    public let planPath: String
    public let baseDirectory: URL
    public nonisolated let store: SignOnStore
    public private(set) var signOff: SignOff {
        didSet {
            rendered = Rendered(signOff)
            redlines = [:]
            // A new version or roster: every status is measured again.
            cached = nil
            signerPages = [:]
        }
    }
    /// Redlines into the current version, by the version they start from.
    private var redlines: [DraftVersion: Redline] = [:]
    /// The current version's letter and stylesheet, rendered once per version, not per request.
    public private(set) var rendered: Rendered

    /// What every page of one version shows the same way.
    public struct Rendered: Sendable {
        public var letter: String
        public var stylesheet: String
        /// The version's canonical text, which status reports measure older versions against.
        public var canonical: String

        init(_ signOff: SignOff) {
            canonical = signOff.currentText
            let page = HTMLRenderer.page(signOff.draft.document, version: signOff.draft.version, embedded: true)
            letter = ReviewPages.letter(page)
            stylesheet = ReviewPages.stylesheet(letter: page.stylesheet)
        }
    }
    /// Whether the plan asks for the public sign-on form.
    public var isOpenSignOn: Bool { signOff.draft.plan.openSignOn }

    private let leadToken: String
    private var sessions: [String: Date] = [:]
    static let sessionLength: TimeInterval = 8 * 3600
    /// Wrong tokens or passwords an address may send in `failureWindow` before it is refused.
    static let failureLimit = 20
    static let failureWindow: TimeInterval = 60
    private var failures = AddressLimit(limit: failureLimit, window: failureWindow)
    /// Sign-on requests an address may send in `joinWindow`: enough for one office that signs
    /// for a few organizations, too few to flood the lead's queue.
    static let joinLimit = 10
    static let joinWindow: TimeInterval = 600
    private var joins = AddressLimit(limit: joinLimit, window: joinWindow)

    /// Composes the plan and serves its version; see `init(signOff:plan:baseDirectory:leadToken:)`.
    public init(plan: String, baseDirectory: URL, leadToken: String) throws {
        let signOff: SignOff
        do { signOff = try SignOff(plan: plan, baseDirectory: baseDirectory) } catch { throw Refusal.failed(error.description) }
        try self.init(signOff: signOff, plan: plan, baseDirectory: baseDirectory, leadToken: leadToken)
    }

    /// Serves the version `signOff` composed from `plan`, storing it so decisions can name it.
    public init(signOff: SignOff, plan: String, baseDirectory: URL, leadToken: String) throws {
        _ = try signOff.store.store(signOff.draft)
        self.planPath = plan
        self.baseDirectory = baseDirectory
        self.signOff = signOff
        self.rendered = Rendered(signOff)
        self.leadToken = leadToken
        self.store = try SignOnStore(campaign: signOff.campaign)
    }

    // MARK: Signers

    /// Where every signer stands, read from the log as it is now.
    public func report() -> SignerReport { current().report }

    /// The log's identity when it was last read: its inode, size and modification time, or
    /// none while there is no log. A request reads the log again only when one of them changed
    /// (a decision appended, here or by `docket sign`).
    private struct LogIdentity: Equatable {
        var inode: UInt64
        var size: Int64
        var seconds: Int
        var nanoseconds: Int

        init?(_ url: URL) {
            var status = stat()
            guard stat(url.path, &status) == 0 else { return nil }
            inode = UInt64(status.st_ino)
            size = Int64(status.st_size)
            seconds = Int(status.st_mtim.tv_sec)
            nanoseconds = Int(status.st_mtim.tv_nsec)
        }
    }

    private var cached: (identity: LogIdentity?, log: ApprovalLog, report: SignerReport)?

    /// Each signer's page as rendered for the log and version as they are, by link, in pieces
    /// split where the request's CSRF value goes: what a page shows changes only with the log,
    /// the version or the roster, and each of those clears it.
    private var signerPages: [String: [String]] = [:]

    private func current() -> (log: ApprovalLog, report: SignerReport) {
        let identity = LogIdentity(signOff.logURL)
        if let cached, cached.identity == identity { return (cached.log, cached.report) }
        signerPages = [:]
        let log = ApprovalLog.load(signOff.logURL, displayPath: signOff.logURL.lastPathComponent)
        let text = rendered.canonical
        let report = SignerReport(signatories: signOff.signatories, approvals: log, version: signOff.draft.version) { [store = signOff.store] in
            store.changedParagraphs(from: $0, to: text)
        }
        cached = (identity, log, report)
        return (log, report)
    }

    /// What `signer` is asked, with the changes since their last decision, or since `shown`, a
    /// version their page showed.
    public func reviewRequest(for signer: Signatory, shown: DraftVersion? = nil) -> (request: ReviewRequest, approvers: [Signatory]) {
        let report = current().report
        let row = report.rows.first { $0.signer.id == signer.id }
        let request = signOff.reviewRequest(for: signer, row: row, shown: shown) { redline(from: $0) }
        return (request, report.approvers)
    }

    /// `signer`'s page as `render` makes it from their review request, the approvers and the
    /// version's letter, kept for `token` until the log, the version or the roster changes.
    /// `render` writes `slot` where the CSRF value goes; the pieces between the slots come back,
    /// for the caller to join with the request's own value.
    public func signerPage(for signer: Signatory, token: String, slot: String, render: (ReviewRequest, [Signatory], _ letter: String, _ slot: String) -> String) -> [String] {
        // Reading the log's identity first clears the pages when a decision was appended.
        _ = current()
        if let pieces = signerPages[token] { return pieces }
        let (request, approvers) = reviewRequest(for: signer)
        let pieces = render(request, approvers, rendered.letter, slot).components(separatedBy: slot)
        signerPages[token] = pieces
        return pieces
    }

    /// The dashboard's view of the report: `status` and `query` filter it, most urgent first,
    /// with the approvals of the current version day by day.
    public func dashboard(status: SignerReport.Kind?, query: String) -> (dashboard: LeadDashboard, byDay: [(day: CalendarDate, total: Int)]) {
        let (log, report) = current()
        let byDay = LeadDashboard.approvalsByDay(log, version: signOff.draft.version, approvers: Set(report.approvers.map(\.id)))
        return (LeadDashboard(report: report, status: status, query: query), byDay)
    }

    /// The signer a link's secret belongs to, or nil.
    public func signer(forToken token: String) async throws -> Signatory? {
        guard let id = try await store.signer(forToken: token) else { return nil }
        return signOff.signatories.first { $0.id == id }
    }

    /// Records `signer`'s decision on the version their page showed; refused when that is not
    /// the current version any more.
    public func decide(_ signer: String, decision: Approval.Decision, onVersion version: String, comment: String?) throws(Refusal) -> Approval {
        guard version == signOff.draft.version.description else { throw .staleVersion(current: signOff.draft.version) }
        if decision == .requestChanges, (comment ?? "").isEmpty { throw .invalid("Say what should change: a request for changes needs a comment.") }
        do {
            return try signOff.sign(signer: signer, decision: decision, version: version, comment: comment)
        } catch {
            throw .failed(error.description)
        }
    }

    /// The redline from `version` into the current one, computed once per pair.
    public func redline(from version: DraftVersion) -> Redline? {
        if let known = redlines[version] { return known }
        guard let diff = signOff.redlineToCurrent(from: version) else { return nil }
        redlines[version] = diff
        return diff
    }

    public func proposeCorrection(signer: String, organization: String, city: String, state: String) async throws(Refusal) {
        if let problem = SignatoryValidation.problems(id: signer, organization: organization, city: city, state: state).first {
            throw .invalid(Self.sentence(problem))
        }
        do { try await store.proposeCorrection(signer: signer, organization: organization, city: city, state: state) } catch { throw .failed("\(error)") }
    }

    // MARK: Open sign-on

    public func join(organization: String, city: String, state: String, contactName: String, contactEmail: String, version: String) async throws(Refusal) {
        guard isOpenSignOn else { throw .invalid("This letter takes signers by invitation only.") }
        guard version == signOff.draft.version.description else { throw .staleVersion(current: signOff.draft.version) }
        guard !organization.isEmpty, !contactName.isEmpty, !contactEmail.isEmpty else {
            throw .invalid("Give your organization's name, a contact name and an email address.")
        }
        // The rules the roster's parser applies, so accepting this newcomer later cannot write
        // a roster that no longer loads.
        if let problem = SignatoryValidation.problems(
            id: nil, organization: organization, city: city, state: state, contactName: contactName, contactEmail: contactEmail
        ).first {
            throw .invalid(Self.sentence(problem))
        }
        do {
            try await store.addNewcomer(organization: organization, city: city, state: state, contactName: contactName, contactEmail: contactEmail, version: version)
        } catch {
            throw .failed("\(error)")
        }
    }

    /// A problem as the page says it: one sentence.
    static func sentence(_ problem: SignatoryValidation.Problem) -> String {
        problem.message.prefix(1).uppercased() + problem.message.dropFirst() + "."
    }

    // MARK: The lead

    /// A session for the lead when `presented` is their token; every failure counts against
    /// the address.
    public func logIn(presented: String, from address: String) -> String? {
        guard Secret.constantTimeEqual(presented, leadToken) else {
            recordFailure(from: address)
            return nil
        }
        let session = Secret.random()
        sessions[session] = Date().addingTimeInterval(Self.sessionLength)
        return session
    }

    public func isLead(session: String?) -> Bool {
        guard let session, let expiry = sessions[session] else { return false }
        return expiry > Date()
    }

    public func logOut(session: String?) {
        if let session { sessions[session] = nil }
    }

    /// Accepts a newcomer: they join the roster, and their approval of the version they read
    /// is recorded in the log with the time they gave it.
    public func resolveNewcomer(_ id: Int64, accept: Bool) throws(Refusal) {
        guard let rosterURL = signOff.campaign.rosterURL else { throw .failed("the plan names no signatories file") }
        do {
            var added: String?
            _ = try store.resolveNewcomer(id, accept: accept) { newcomer in
                let signatory = Signatory(
                    id: Signatory.slug(newcomer.organization), organization: newcomer.organization, city: newcomer.city.isEmpty ? nil : newcomer.city,
                    state: newcomer.state.isEmpty ? nil : newcomer.state, contactName: newcomer.contactName, contactEmail: newcomer.contactEmail, contactPhone: nil,
                    source: .file(rosterURL.lastPathComponent))
                let id = try Roster.add(signatory, to: rosterURL)
                added = id
                guard let version = DraftVersion(parsing: newcomer.version) else { return }
                try ApprovalLog.append(Approval(signer: id, decision: .approve, version: version, at: newcomer.submittedAt), to: signOff.logURL)
            }
            if added != nil { signOff.signatories = try Roster.load(rosterURL) }
        } catch {
            throw .failed("\(error)")
        }
    }

    /// Confirms or rejects a signer's proposed listing.
    public func resolveCorrection(_ id: Int64, accept: Bool) throws(Refusal) {
        guard let rosterURL = signOff.campaign.rosterURL else { throw .failed("the plan names no signatories file") }
        do {
            _ = try store.resolveCorrection(id, accept: accept) { correction in
                try Roster.update(
                    correction.signer, organization: correction.organization, city: correction.city.isEmpty ? nil : correction.city,
                    state: correction.state.isEmpty ? nil : correction.state, in: rosterURL)
            }
            signOff.signatories = try Roster.load(rosterURL)
        } catch {
            throw .failed("\(error)")
        }
    }

    /// What publishing the files as they are now would do: the new version, and how many
    /// approvals of the current one it would leave behind.
    public func previewPublish() throws(Refusal) -> (version: DraftVersion, staleApprovals: Int, changedParagraphs: Int) {
        let next: SignOff
        do { next = try SignOff(plan: planPath, baseDirectory: baseDirectory) } catch { throw .failed(error.description) }
        let approvals = report().approvers.count
        let changed = Redline(from: signOff.currentText, to: next.currentText).changedParagraphCount
        return (next.draft.version, next.draft.version == signOff.draft.version ? 0 : approvals, changed)
    }

    /// Makes the files' current composition the version signers see; refused when the files
    /// changed again since the preview named `expected`.
    public func publish(expected: String) throws(Refusal) -> DraftVersion {
        let next: SignOff
        do { next = try SignOff(plan: planPath, baseDirectory: baseDirectory) } catch { throw .failed(error.description) }
        guard next.draft.version.description == expected else { throw .staleVersion(current: next.draft.version) }
        do { _ = try next.store.store(next.draft) } catch { throw .failed("\(error)") }
        signOff = next
        return next.draft.version
    }

    // MARK: Guessing

    /// Whether `address` has sent too many wrong tokens or passwords lately.
    /// Whether `address` sent too many wrong links or tokens lately.
    public func isLimited(_ address: String) -> Bool { failures.isReached(by: address, at: Date()) }

    /// Counts a wrong link or token from `address`.
    public func recordFailure(from address: String) { failures.record(address, at: Date()) }

    /// Whether `address` may send one more sign-on request now; counts it when it may.
    public func admitJoin(from address: String) -> Bool {
        let now = Date()
        guard !joins.isReached(by: address, at: now) else { return false }
        joins.record(address, at: now)
        return true
    }
}

/// How many times each address did something within a sliding window: wrong links and tokens,
/// sign-on requests.
struct AddressLimit {
    let limit: Int
    let window: TimeInterval
    private var events: [String: [Date]] = [:]

    init(limit: Int, window: TimeInterval) {
        self.limit = limit
        self.window = window
    }

    /// Whether `address` did it `limit` times within the window before `now`; older times are
    /// forgotten.
    mutating func isReached(by address: String, at now: Date) -> Bool {
        let recent = (events[address] ?? []).filter { $0 > now.addingTimeInterval(-window) }
        events[address] = recent.isEmpty ? nil : recent
        return recent.count >= limit
    }

    mutating func record(_ address: String, at now: Date) {
        events[address, default: []].append(now)
    }
}
