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

    public var plan: Plan { input.plan }
    public var docket: Docket? { input.docket }
    /// Everyone asked to sign, approved or not.
    public var signatories: [Signatory]? { input.signatories }

    /// Composes `input`, versions it, and signs it by the approvers of that version found in
    /// `approvals`. Every problem (plan, composition, approvals log) goes into `diagnostics`.
    public init(composing input: PlanInput, approvals: ApprovalLog? = nil, registry: AuthorityRegistry = .shared, diagnostics: inout DiagnosticCollector) {
        let composed = Composer(input, registry: registry).compose(into: &diagnostics)
        var report: SignerReport?
        // With an approvals log, a letter is signed only by those who approved this very text.
        let (markdown, version) = MarkdownRenderer.render(composed.document) { version in
            guard let log = approvals, let signers = input.signatories else { return nil }
            report = SignerReport(signatories: signers, approvals: log, version: version)
            return .listing(report!.approvers)
        }
        var document = composed.document
        if let report {
            document = document.signed(by: report.approvers)
            if let log = approvals, let signers = input.signatories {
                diagnostics.emit(contentsOf: log.diagnostics)
                diagnostics.emit(contentsOf: report.diagnostics(at: input.plan.signatories?.range ?? input.plan.source, log: log, signers: signers))
            }
        }
        self.document = document
        self.markdown = markdown
        self.version = version
        self.usedFiles = composed.usedFiles
        self.input = input
        self.approvals = approvals
    }

    /// The canonical Markdown the version hashes.
    public var canonicalMarkdown: String { MarkdownRenderer.canonicalBody(document) }
}
