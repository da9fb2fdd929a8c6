import DocketModel
import DocketSupport
import Foundation

/// Where each signer stands on the current version of a letter.
public struct SignerReport: Sendable {
    /// Where one signer stands.
    public enum Status: Sendable, Hashable {
        case approvedCurrent
        /// Approved an earlier version; `changedParagraphs` is nil when that version is not stored.
        case approvedOlder(version: DraftVersion, changedParagraphs: Int?)
        case requestedChanges(version: DraftVersion)
        case declined(version: DraftVersion)
        case pending

        /// The status without its details, for counting and for JSON.
        public var kind: Kind {
            switch self {
            case .approvedCurrent: .approved
            case .approvedOlder: .approvedOlder
            case .requestedChanges: .requestedChanges
            case .declined: .declined
            case .pending: .pending
            }
        }
    }

    /// The kinds of status, in the order reports list them; the raw value is how they read.
    /// Where a signer stands. The raw value is the stable key JSON reports and scripts use;
    /// `label` is the wording people read.
    public enum Kind: String, Sendable, Hashable, CaseIterable, Codable {
        case approved
        case approvedOlder = "approved-older-version"
        case requestedChanges = "requested-changes"
        case declined
        case pending

        /// The words a person reads: "approved an older version".
        public var label: String {
            switch self {
            case .approved: "approved"
            case .approvedOlder: "approved an older version"
            case .requestedChanges: "requested changes"
            case .declined: "declined"
            case .pending: "pending"
            }
        }
    }

    /// One signer and where they stand.
    public struct Row: Sendable {
        /// The signer.
        public var signer: Signatory
        /// Where they stand on the current version.
        public var status: Status
        /// The decision behind the status, if any.
        public var decision: Approval?
    }

    /// The version the report is about.
    public var version: DraftVersion
    /// Every signer, in list order.
    public var rows: [Row]

    /// `changedParagraphs`, when given, says how far the text has moved since an older
    /// approved version (nil when that version is unknown); it is asked once per version.
    public init(signatories: [Signatory], approvals: ApprovalLog?, version: DraftVersion, changedParagraphs: ((DraftVersion) -> Int?)? = nil) {
        self.version = version
        let latest = approvals?.latestBySigner ?? [:]
        var moved: [DraftVersion: Int?] = [:]
        rows = signatories.map { signer in
            guard let decision = latest[signer.id] else { return Row(signer: signer, status: .pending, decision: nil) }
            let status: Status
            switch decision.decision {
            case .approve where decision.version == version:
                status = .approvedCurrent
            case .approve:
                if moved[decision.version] == nil { moved[decision.version] = .some(changedParagraphs?(decision.version) ?? nil) }
                status = .approvedOlder(version: decision.version, changedParagraphs: moved[decision.version] ?? nil)
            case .requestChanges: status = .requestedChanges(version: decision.version)
            case .decline: status = .declined(version: decision.version)
            }
            return Row(signer: signer, status: status, decision: decision)
        }
    }

    /// The signers who approved this very version.
    public var approvers: [Signatory] { rows.filter { $0.status == .approvedCurrent }.map(\.signer) }

    /// Signers per status, in a fixed order.
    /// "3 approved, 1 approved an older version, 0 requested changes, …": how `docket signers`
    /// and the review server's dashboard both sum up a report.
    public var countsLine: String { counts.map { "\($0.count) \($0.kind.label)" }.joined(separator: ", ") }

    /// How many signers stand where, in the report's order of kinds.
    public var counts: [(kind: Kind, count: Int)] {
        var tally: [Kind: Int] = [:]
        for row in rows { tally[row.status.kind, default: 0] += 1 }
        return Kind.allCases.map { ($0, tally[$0] ?? 0) }
    }

    /// What `docket check` says about the signers: older approvals are a warning (the letter
    /// would go out without them), the rest a note.
    package func diagnostics(at range: SourceRange, log: ApprovalLog, signers: [Signatory]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let known = Set(signers.map(\.id))
        for record in log.records where !known.contains(record.approval.signer) {
            diagnostics.append(
                .warning(
                    .approvalUnknownSigner, "'\(record.approval.signer)' is not in the signatories list; this decision is not counted",
                    at: SourceRange(SourceLocation(file: log.path, line: record.line, column: 1))))
        }
        let older = rows.filter { if case .approvedOlder = $0.status { true } else { false } }
        if !older.isEmpty {
            diagnostics.append(
                .warning(
                    .approvedOlderVersion,
                    "\(Wording.count(older.count, "signer")) approved an older version and \(older.count == 1 ? "is" : "are") left off the letter until they approve \(version.short): \(older.prefix(5).map(\.signer.id).joined(separator: ", "))\(older.count > 5 ? ", …" : ""); send them 'docket review'",
                    at: range))
        }
        let outstanding = counts.filter { $0.kind != .approved && $0.kind != .approvedOlder && $0.count > 0 }
        if !outstanding.isEmpty {
            diagnostics.append(
                .note(
                    .signersOutstanding,
                    "\(Wording.count(approvers.count, "signer")) of \(rows.count) approved version \(version.short); "
                        + outstanding.map { "\($0.count) \($0.kind.label)" }.joined(separator: ", "),
                    at: range))
        }
        return diagnostics
    }
}
