import DocketModel
import DocketRender
import DocketReview
import DocketSupport
import Foundation

/// The signatory review workflow over one plan: record decisions, report where each signer
/// stands, compare versions, and build a signer's review packet. The CLI's `sign`, `signers`,
/// `diff` and `review` are thin shells over it.
public struct SignOff: Sendable {
    /// The diagnostics that stopped a review step.
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public var diagnostics: [Diagnostic]
        public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
    }

    public var composition: Outcome<Composition.Result>
    public var draft: Draft
    /// The versions stored in the campaign folder.
    public var store: VersionStore { campaign.versions }
    public var signatories: [Signatory]
    /// The campaign folder and its paths.
    public var campaign: Campaign
    /// `approvals.jsonl` beside the signatories; a sign-off always has a roster.
    public var logURL: URL { campaign.approvalsURL ?? campaign.folder.appendingPathComponent(ApprovalLog.fileName) }

    /// The pipeline the plan was composed with: its time stamps every decision and packet.
    public var pipeline: Pipeline

    /// Composes the plan at `now`; fails with its diagnostics when it has errors or no signatories.
    public init(plan path: String, now: Date = Pipeline.clock(), baseDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) throws(Failure) {
        self = try Self.opening(plan: path, pipeline: Pipeline(now: now, baseDirectory: baseDirectory))
    }

    /// Composes the plan with `pipeline`; fails with its diagnostics when it has errors or no signatories.
    public init(plan path: String, pipeline: Pipeline) throws(Failure) {
        self = try Self.opening(plan: path, pipeline: pipeline)
    }

    // Both initializers assign a value built whole: Swift 6.3.1 miscompiles a struct
    // initializer with typed throws that delegates to another (the value it made crashed in
    // swift_release when destroyed).
    private static func opening(plan path: String, pipeline: Pipeline) throws(Failure) -> SignOff {
        let composition = pipeline.compose(plan: path, formats: [.md])
        guard composition.succeeded, let draft = composition.value?.draft else { throw Failure(diagnostics: composition.diagnostics) }
        guard let signatoriesPath = draft.plan.signatories, let signatories = draft.signatories else {
            throw Failure(diagnostics: [.error(.missingField, "the plan names no signatories file; review needs 'signatories: signatories.csv'", at: draft.plan.source)])
        }
        let campaign = Campaign(planURL: pipeline.baseDirectory.resolving(path), planName: draft.plan.name, signatories: signatoriesPath.value)
        return SignOff(
            composition: composition, draft: draft, signatories: signatories, campaign: campaign, pipeline: pipeline)
    }

    private init(
        composition: Outcome<Composition.Result>, draft: Draft, signatories: [Signatory], campaign: Campaign, pipeline: Pipeline
    ) {
        self.composition = composition
        self.draft = draft
        self.signatories = signatories
        self.campaign = campaign
        self.pipeline = pipeline
    }

    public var log: ApprovalLog { draft.approvals ?? ApprovalLog(path: logURL.path) }
    public var currentText: String { draft.canonicalMarkdown }

    /// Records a decision. Refuses a signer not in the list and a version never composed; with
    /// no version given, the current one, which is stored first.
    public func sign(signer id: String, decision: Approval.Decision, version text: String?, comment: String?, at date: Date? = nil) throws(Failure) -> Approval {
        // A decision is stamped when it is made: a review server runs for days.
        let date = date ?? Pipeline.clock()
        let owner = draft.plan.signatories?.range ?? draft.plan.source
        guard signatories.contains(where: { $0.id == id }) else {
            let ids = signatories.map(\.id)
            throw Failure(diagnostics: [
                .error(.approvalUnknownSigner, "no signer '\(id)' in the signatories list", at: owner, fixIt: Wording.closestMatch(to: id, in: ids))
            ])
        }
        let version: DraftVersion
        if let text {
            guard let stored = store.resolve(text) else {
                let hex = text.hasPrefix("sha256:") ? String(text.dropFirst(7)) : text
                let why =
                    hex.count < 7
                    ? "'\(text)' is too short to name a version: give the full hash or a unique prefix of at least 7 digits"
                    : "no stored version '\(text)' (give the full hash or a unique prefix of at least 7 digits); versions are stored by 'docket compose'"
                throw Failure(diagnostics: [.error(.approvalUnknownVersion, why, at: owner)])
            }
            version = stored
        } else {
            do { try store.store(draft, at: date) } catch { throw Failure(diagnostics: [.error(.outputNotWritten, "cannot store the version: \(error)", at: owner)]) }
            version = draft.version
        }
        let approval = Approval(signer: id, decision: decision, version: version, at: date, comment: comment)
        do { try ApprovalLog.append(approval, to: logURL) } catch { throw Failure(diagnostics: [.error(.outputNotWritten, error.description, at: owner)]) }
        return approval
    }

    /// Where every signer stands on the current version, with how far the text moved since older approvals.
    public func report() -> SignerReport {
        let current = currentText
        return SignerReport(signatories: signatories, approvals: log, version: draft.version) { store.changedParagraphs(from: $0, to: current) }
    }

    /// The redline between two stored versions; `to` defaults to the current draft and `from`
    /// to the version composed before it.
    public func diff(from: String?, to: String?) throws(Failure) -> (redline: Redline, from: DraftVersion, to: DraftVersion) {
        let owner = draft.plan.source
        let target: DraftVersion
        let targetText: String
        let sources: [String]?
        if let to {
            guard let version = store.resolve(to), let text = store.text(of: version) else { throw unknown(to, owner) }
            (target, targetText, sources) = (version, text, store.sources(of: version))
        } else {
            (target, targetText, sources) = (draft.version, currentText, MarkdownRenderer.paragraphs(draft.document).map(\.source))
        }
        let base: DraftVersion
        if let from {
            guard let version = store.resolve(from) else { throw unknown(from, owner) }
            base = version
        } else {
            let history = store.history().filter { $0 != target }
            guard let previous = history.last else {
                throw Failure(diagnostics: [.error(.approvalUnknownVersion, "no earlier version is stored to compare with; give --from", at: owner)])
            }
            base = previous
        }
        guard let baseText = store.text(of: base) else { throw unknown(base.description, owner) }
        return (Redline(from: baseText, to: targetText, sources: sources), base, target)
    }

    private func unknown(_ text: String, _ owner: SourceRange) -> Failure {
        Failure(diagnostics: [.error(.approvalUnknownVersion, "no stored version '\(text)' (give a full version or a unique prefix of 7 or more digits)", at: owner)])
    }

    /// The coalition as it signs tracked changes: the submitter's public name.
    public var author: String { draft.document.header.from ?? "The coalition" }

    /// A signer's review packet: one HTML page (what to do, the changes since the version they
    /// approved, the current draft) and a DOCX with the same changes as tracked changes, or the
    /// draft itself when they approved nothing yet. No contact data of any signer is in it.
    public func packet(for id: String, at date: Date? = nil) throws(Failure) -> [(name: String, data: Data)] {
        let date = date ?? pipeline.now
        guard let signer = signatories.first(where: { $0.id == id }) else {
            throw Failure(diagnostics: [
                .error(.approvalUnknownSigner, "no signer '\(id)' in the signatories list", at: draft.plan.signatories?.range ?? draft.plan.source)
            ])
        }
        let row = report().rows.first { $0.signer.id == id }
        let title = draft.document.header.title
        let request = reviewRequest(for: signer, row: row, redline: redlineToCurrent(from:))
        let since = request.changes
        let e = XML.escape
        var intro = "<section class=\"review-request\">\n<h2>Review request for \(e(signer.organization))</h2>\n<p>\(e(request.ask))</p>\n"
        if let respondBy = request.respondBy { intro += "<p>Please answer by <strong>\(e(respondBy.longForm))</strong>.</p>\n" }
        intro +=
            "<p>Reply to the coalition with one of: <strong>approve</strong>, <strong>request changes</strong> (say which), or <strong>decline</strong>, naming version <code>\(draft.version.short)</code>.</p>\n"
        if case .requestedChanges(let version) = request.status {
            let said = request.request.map { "“\(e($0))”" } ?? "(no comment recorded)"
            intro += "<h2>Your request on version \(version.short)</h2>\n<blockquote class=\"your-comment\"><p>\(said)</p></blockquote>\n"
        }
        if let since {
            let what = if case .requestedChanges = request.status { "your request" } else { "your last decision" }
            intro += "<h2>What changed since \(what) (\(since.from.short))</h2>\n" + RedlineRenderer.section(since.redline)
        }
        intro += "<h2>The draft, version \(draft.version.short)</h2>\n</section>\n"
        var page = HTMLRenderer.page(draft.document, version: draft.version)
        page.stylesheet += RedlineRenderer.styles
        page.header = intro + page.header
        let html = page.html

        var files: [(String, Data)] = [("review.html", Data(html.utf8))]
        do {
            if let since {
                files.append(("changes.docx", try RedlineRenderer.docx(since.redline, title: title, author: author, date: date, version: draft.version)))
            } else {
                files.append(("draft.docx", try DOCXRenderer.render(draft.document, version: draft.version)))
            }
        } catch {
            throw Failure(diagnostics: [.error(.outputNotWritten, "cannot build the DOCX: \(error)", at: draft.plan.source)])
        }
        return files
    }

    /// "clause x v1 (/home/lead/lib/Templates/clauses/x.md:6)" → "… (Templates/clauses/x.md:6)":
    /// an absolute path is cut to the part from its library folder on.
    static func withoutLocalPaths(_ text: String) -> String {
        guard let open = text.range(of: "(/") else { return text }
        let path = text[text.index(after: open.lowerBound)...]
        let components = path.split(separator: "/")
        guard let library = components.lastIndex(where: { $0 == "Templates" || $0 == "Recommendations" || $0 == "Examples" }) else {
            return String(text[..<open.lowerBound]) + "(" + (components.last.map(String.init) ?? "")
        }
        return String(text[..<open.lowerBound]) + "(" + components[library...].joined(separator: "/")
    }

    private static func inParagraphs(_ count: Int?) -> String {
        count.map { " in \(Wording.count($0, "paragraph"))" } ?? ""
    }

    package static func ask(for status: SignerReport.Status, version: DraftVersion, changed: Int?) -> String {
        switch status {
        case .approvedCurrent:
            "You approved this version (\(version.short)). Nothing more is needed unless you want to change your decision."
        case .approvedOlder(let old, let count):
            "You approved version \(old.short). The text has changed since\(inParagraphs(changed ?? count)): please review the changes below and approve the current version (\(version.short)), or tell us what to change. Until then your organization is not listed on the letter."
        case .requestedChanges:
            "You asked for changes. Please review the current version (\(version.short)) and approve it, or tell us what still needs to change."
        case .declined:
            "You declined an earlier version. If the current version (\(version.short)) changes your mind, approve it."
        case .pending:
            "Please read the draft below and approve this version (\(version.short)), ask for changes, or decline."
        }
    }
}
