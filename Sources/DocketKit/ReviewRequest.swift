import DocketModel
import DocketRender
import DocketReview
import DocketSupport
import Foundation

/// What one signer is asked about one version: the one value both the review packet
/// (`docket review`) and the review server's signer page are made from, so the two cannot
/// disagree on what changed or by when an answer is due.
public struct ReviewRequest: Sendable {
    /// The changes since the version the signer last decided on.
    public struct Changes: Sendable {
        public var redline: Redline
        public var from: DraftVersion
    }

    public var signer: Signatory
    public var status: SignerReport.Status
    public var version: DraftVersion
    public var title: String
    /// The coalition that asks, as it signs.
    public var coalition: String
    public var docketID: String?
    /// When the coalition needs an answer: the plan's `response_by`, else the docket's deadline.
    public var respondBy: CalendarDate?
    /// When the comment period closes, if the letter answers a docket.
    public var commentsClose: Date?
    /// One sentence on where the signer stands and what changed since their last decision.
    public var ask: String
    /// What the signer said when they asked for changes.
    public var request: String?
    public var changes: Changes?

    /// The date a plan asks answers by: its `response_by` variable, else its docket's deadline.
    public static func respondBy(_ draft: Draft) -> CalendarDate? {
        if let variable = draft.plan.variables.first(where: { $0.name == "response_by" }), case .date(let date)? = variable.typed(as: .date) { return date }
        return draft.docket?.commentsCloseText.flatMap { CalendarDate(iso: String($0.prefix(10))) }
    }
}

extension SignOff {
    /// The request to `signer`, whose row in the current report is `row`. The changes shown are
    /// those since the version of the signer's latest decision, when it is not the current one;
    /// `shown`, when given, is a version a page showed them instead (a decision refused because
    /// the letter changed while they read it). `redline` gives the changes from a version to
    /// the current one, nil when that version is not stored.
    public func reviewRequest(for signer: Signatory, row: SignerReport.Row?, shown: DraftVersion? = nil, redline: (DraftVersion) -> Redline?) -> ReviewRequest {
        let status = row?.status ?? .pending
        let decided = row?.decision?.version
        let changes = (shown ?? decided).flatMap { from -> ReviewRequest.Changes? in
            guard from != draft.version, let diff = redline(from) else { return nil }
            return ReviewRequest.Changes(redline: diff, from: from)
        }
        var comment: String?
        if case .requestedChanges = status { comment = row?.decision?.comment }
        return ReviewRequest(
            signer: signer, status: status, version: draft.version, title: draft.document.header.title, coalition: author, docketID: draft.document.header.docketID,
            respondBy: ReviewRequest.respondBy(draft), commentsClose: draft.docket?.commentsClose?.value,
            ask: Self.ask(for: status, version: draft.version, changed: changes?.redline.changedParagraphCount), request: comment, changes: changes)
    }

    /// The redline from a stored version to the current draft, its changes named by the block
    /// they came from in the library.
    public func redlineToCurrent(from version: DraftVersion) -> Redline? {
        guard let old = store.text(of: version) else { return nil }
        let sources = MarkdownRenderer.paragraphs(draft.unsigned).map { Self.withoutLocalPaths($0.source) }
        return Redline(from: old, to: currentText, sources: sources)
    }
}
