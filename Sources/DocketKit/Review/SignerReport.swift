import Foundation

/// Where each signer stands on the current version of a letter.
public struct SignerReport: Sendable {
    public enum Status: Sendable, Hashable {
        case approvedCurrent
        /// Approved an earlier version; `changedParagraphs` is nil when that version is not stored.
        case approvedOlder(version: String, changedParagraphs: Int?)
        case requestedChanges(version: String)
        case declined(version: String)
        case pending

        public var name: String {
            switch self {
            case .approvedCurrent: "approved"
            case .approvedOlder: "approved an older version"
            case .requestedChanges: "requested changes"
            case .declined: "declined"
            case .pending: "pending"
            }
        }
    }

    public struct Row: Sendable {
        public var signer: Signatory
        public var status: Status
        /// The decision behind the status, if any.
        public var decision: Approval?
    }

    public var version: DraftVersion
    public var rows: [Row]

    /// `store` and `currentText` let an older approval say how far the text has moved since.
    public init(signatories: [Signatory], approvals: ApprovalLog?, version: DraftVersion, store: VersionStore? = nil, currentText: String? = nil) {
        self.version = version
        var moved: [String: Int?] = [:]
        rows = signatories.map { signer in
            guard let decision = approvals?.latest(for: signer.id) else { return Row(signer: signer, status: .pending, decision: nil) }
            let status: Status
            switch decision.decision {
            case .approve where decision.version == version.description:
                status = .approvedCurrent
            case .approve:
                if moved[decision.version] == nil {
                    moved[decision.version] = .some(
                        currentText.flatMap { text in DraftVersion(parsing: decision.version).flatMap { store?.changedParagraphs(from: $0, to: text) } })
                }
                status = .approvedOlder(version: decision.version, changedParagraphs: moved[decision.version] ?? nil)
            case .requestChanges: status = .requestedChanges(version: decision.version)
            case .decline: status = .declined(version: decision.version)
            }
            return Row(signer: signer, status: status, decision: decision)
        }
    }

    public var approvers: [Signatory] { rows.filter { $0.status == .approvedCurrent }.map(\.signer) }

    /// Signers per status name, in a fixed order.
    public var counts: [(status: String, count: Int)] {
        ["approved", "approved an older version", "requested changes", "declined", "pending"].map { name in (name, rows.count { $0.status.name == name }) }
    }

    /// What `docket check` says about the signers: older approvals are a warning (the letter
    /// would go out without them), the rest a note.
    func diagnostics(at range: SourceRange, log: ApprovalLog, signers: [Signatory]) -> [Diagnostic] {
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
                    "\(plural(older.count, "signer")) approved an older version and \(older.count == 1 ? "is" : "are") left off the letter until they approve \(version.short): \(older.prefix(5).map(\.signer.id).joined(separator: ", "))\(older.count > 5 ? ", …" : ""); send them 'docket review'",
                    at: range))
        }
        let outstanding = counts.filter { $0.status != "approved" && $0.status != "approved an older version" && $0.count > 0 }
        if !outstanding.isEmpty {
            diagnostics.append(
                .note(
                    .signersOutstanding,
                    "\(plural(approvers.count, "signer")) of \(rows.count) approved version \(version.short); "
                        + outstanding.map { "\($0.count) \($0.status)" }.joined(separator: ", "),
                    at: range))
        }
        return diagnostics
    }
}
