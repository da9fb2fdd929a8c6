import DocketCitations
import DocketCompose
import DocketModel
import DocketRender
import DocketSupport

/// A composed plan with its version and canonical Markdown, signed by the organizations that
/// approved that version. Composing a draft reads no file and no clock: a test, the CLI and a
/// server all build one from values.
public struct Draft: Sendable {
    /// The document, its signature block listing the approvers of `version` (everyone asked,
    /// when there is no approvals log).
    public var document: ComposedDocument
    /// The full Markdown, signers and footer included.
    public var markdown: String
    /// The hash of the canonical Markdown; approvals bind to it.
    public var version: DraftVersion
    /// Display paths of the files whose text the draft uses.
    public var usedFiles: Set<String>
    /// The values the draft was composed from.
    public var input: PlanInput
    /// The decisions the signature block was drawn from.
    public var approvals: ApprovalLog?

    /// The plan composed.
    public var plan: Plan { input.plan }
    /// The docket it answers, when it has one.
    public var docket: Docket? { input.docket }
    /// Everyone asked to sign, approved or not.
    public var signatories: [Signatory]? { input.signatories }

    /// Composes `input`, versions it, and signs it by the approvers of that version found in
    /// `approvals`. Every problem (plan, composition, approvals log) goes into `diagnostics`.
    public init(composing input: PlanInput, approvals: ApprovalLog? = nil, registry: AuthorityRegistry = .shared, diagnostics: inout DiagnosticCollector) {
        self.init(Composer(input, registry: registry).compose(into: &diagnostics), input: input, approvals: approvals, reusing: nil, diagnostics: &diagnostics)
    }

    /// The draft of a composition, rendering again only the sections that differ from `earlier`'s.
    init(_ composed: Composer.Result, input: PlanInput, approvals: ApprovalLog?, reusing earlier: Draft?, diagnostics: inout DiagnosticCollector) {
        unsigned = composed.document
        unsignedSections = MarkdownRenderer.Sections(unsigned, reusing: earlier?.unsignedSections)
        version = DraftVersion(canonicalMarkdown: MarkdownRenderer.canonicalBody(unsignedSections))
        var signers: [Signatory] = []
        if let roster = input.signatories {
            if !input.plan.approvalsRequired {
                signers = roster
            } else {
                // No approvals log means no one has approved: a letter never names an
                // organization that did not approve these words.
                let log = approvals ?? ApprovalLog(path: ApprovalLog.fileName)
                let report = SignerReport(signatories: roster, approvals: log, version: version)
                signers = report.approvers
                diagnostics.emit(contentsOf: log.diagnostics)
                diagnostics.emit(contentsOf: report.diagnostics(at: input.plan.signatories?.range ?? input.plan.source, log: log, signers: roster))
            }
        }
        self.signers = signers
        document = unsigned.signed(by: signers)
        signedSections = MarkdownRenderer.Sections(document, reusing: earlier?.signedSections, hashing: false)
        markdown = MarkdownRenderer.render(signedSections, version: version)
        usedFiles = composed.usedFiles
        memo = composed.memo
        self.input = input
        self.approvals = approvals
    }

    /// The document before signing: placeholders where the signers go, as the version hashes it.
    public var unsigned: ComposedDocument
    /// The organizations the document names as signing: the approvers of `version`.
    public var signers: [Signatory]

    /// Kept for composing the same plan again with other values (`PersonalizedDrafts`).
    let memo: CompositionMemo
    let unsignedSections: MarkdownRenderer.Sections
    let signedSections: MarkdownRenderer.Sections

    /// The canonical Markdown the version hashes: the words with their signer placeholders.
    public var canonicalMarkdown: String { MarkdownRenderer.canonicalBody(unsigned) }
}
