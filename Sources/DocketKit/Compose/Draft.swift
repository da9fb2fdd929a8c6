/// A composed plan with its canonical Markdown, version and comment-box text, and what composing
/// and measuring it found.
public struct Draft: Sendable {
    public var document: ComposedDocument
    public var markdown: String
    public var version: DraftVersion
    public var box: BoxTextRenderer.BoxText
    /// Display paths of the files whose text the draft uses.
    public var usedFiles: Set<String>
    public var diagnostics: [Diagnostic]
    public var privateFields: PrivateFields
    public var plan: Plan
    public var docket: Docket?
    /// Everyone asked to sign, approved or not.
    public var signatories: [Signatory]?
    public var approvals: ApprovalLog?

    init(_ composed: Composer.Result, sources: [String: SourceFile]) {
        usedFiles = composed.usedFiles
        var document = composed.document
        (markdown, version) = MarkdownRenderer.render(document)
        var signerDiagnostics: [Diagnostic] = []
        // With an approvals log, a letter is signed only by those who approved this very text.
        if let log = composed.approvals, let signers = composed.signatories {
            let report = SignerReport(signatories: signers, approvals: log, version: version)
            document = document.signed(by: report.approvers)
            markdown = MarkdownRenderer.render(document, version: version)
            signerDiagnostics = log.diagnostics + report.diagnostics(at: composed.plan.signatories?.range ?? composed.plan.source, log: log, signers: signers)
        }
        self.document = document
        box = BoxTextRenderer.render(document, version: version)
        privateFields = composed.privateFields
        plan = composed.plan
        docket = composed.docket
        signatories = composed.signatories
        approvals = composed.approvals
        diagnostics = composed.diagnostics + signerDiagnostics + Self.boxDiagnostics(box, planFile: composed.planPath, usedFiles: composed.usedFiles, sources: sources)
        // The box text, HTML and DOCX are all rendered from the same document as the Markdown.
        diagnostics += privateFields.diagnostics(
            forPublicText: markdown, describedAs: "the composed text", searching: composed.usedFiles.sorted(), sources: sources, fallback: .file(composed.planPath))
    }

    /// Errors here stop `docket compose` from writing: Regulations.gov would refuse the text.
    private static func boxDiagnostics(_ box: BoxTextRenderer.BoxText, planFile: String, usedFiles: Set<String>, sources: [String: SourceFile]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var reported: Set<Unicode.Scalar> = []
        for (scalar, provenance) in box.outsideBMP where reported.insert(scalar).inserted {
            let location = locate(scalar, preferring: provenance?.file, in: usedFiles, sources: sources) ?? provenance?.location
            let hex = String(scalar.value, radix: 16, uppercase: true)
            diagnostics.append(
                .error(
                    .characterOutsideBMP,
                    "'\(Character(scalar))' (U+\(hex)) is outside the Basic Multilingual Plane; Regulations.gov rejects such characters (emoji among them) in the comment box",
                    at: SourceRange(location ?? SourceLocation(file: planFile, line: 1, column: 1), length: String(scalar).utf8.count)))
        }
        let owner = SourceRange(SourceLocation(file: planFile, line: 1, column: 1))
        if !box.fits {
            diagnostics.append(
                .error(
                    .commentBoxTooLong,
                    "even the short comment-box text is \(box.characterCount) characters and \(box.byteCount) bytes; Regulations.gov takes at most \(BoxTextRenderer.limit) of each. Shorten the recommendation titles",
                    at: owner))
        } else if BoxTextRenderer.limit - max(box.characterCount, box.byteCount) <= BoxTextRenderer.warningMargin {
            diagnostics.append(
                .note(
                    .commentBoxNearLimit,
                    "the comment-box text is \(box.characterCount) characters and \(box.byteCount) bytes, within \(BoxTextRenderer.warningMargin) of the \(BoxTextRenderer.limit) limit",
                    at: owner))
        }
        return diagnostics
    }

    /// The first place a used file contains the character, the block's own file first.
    private static func locate(_ scalar: Unicode.Scalar, preferring file: String?, in usedFiles: Set<String>, sources: [String: SourceFile]) -> SourceLocation? {
        ([file].compactMap { $0 } + usedFiles.sorted()).lazy.compactMap { sources[$0]?.location(ofFirst: String(scalar)) }.first
    }
}
