import Foundation

/// `docket package`: composes a plan, renders its attachments (a tagged PDF through LibreOffice
/// when it is installed, and the DOCX), and assembles the submission package. The pure parts
/// live in `SubmissionPackager`; this adds the clock, the converter process and the folder.
public enum Filing {
    /// What the lead asked for.
    public struct Options: Sendable {
        /// Package a docket whose comment period has closed; for agencies that take late comments.
        public var allowLate = false
        /// Package a letter some listed organizations have not approved, in the names of those
        /// who did; the checklist says so on its first line.
        public var allowUnapproved = false
        /// The attachment formats wanted. PDF needs LibreOffice; without it the DOCX is attached.
        public var formats: [SubmissionPackager.AttachmentFormat] = [.pdf, .docx]
        public var converter: PDFConverter? = PDFConverter.find()
        public var now = Date()
        /// The folder that receives `<plan-name>/submission/`.
        public var outputRoot = "out"

        /// The defaults: PDF and DOCX, on time, into `out`.
        public init() {}
    }

    /// A package ready to write.
    public struct Package: Sendable {
        public var draft: Draft
        /// The plan's campaign folder.
        public var campaign: Campaign
        /// `<outputRoot>/<plan-name>/submission`.
        public var folder: String
        /// Empty when there are errors.
        public var files: [SubmissionPackager.PackagedFile]
    }

    /// Builds the package for the plan at `path`; writes nothing.
    public static func package(
        plan path: String, options: Options = Options(), baseDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
        registry: AuthorityRegistry = .shared
    ) -> Outcome<Package> {
        let composition = Composition.compose(plan: path, formats: [], now: options.now, baseDirectory: baseDirectory, registry: registry)
        var diagnostics = DiagnosticCollector(composition.diagnostics)
        var notes: [String] = []
        guard let composed = composition.value else {
            return Outcome(diagnostics, files: composition.files, sources: composition.sources, unrelatedErrorCount: composition.unrelatedErrorCount)
        }
        let draft = composed.draft
        let folder = composed.campaign.outputs(under: baseDirectory.resolving(options.outputRoot)).submission
        var package = Package(draft: draft, campaign: composed.campaign, folder: Workspace.displayPath(folder, base: baseDirectory), files: [])
        let outcome = {
            Outcome(diagnostics, files: composition.files, sources: composition.sources, unrelatedErrorCount: composition.unrelatedErrorCount, notes: notes, value: package)
        }
        SubmissionPackager.checkPrerequisites(draft, now: options.now, allowLate: options.allowLate, allowUnapproved: options.allowUnapproved, into: &diagnostics)
        guard !diagnostics.hasErrors else { return outcome() }
        // What is filed carries no draft label: "Version 8bca222d1872 · Docket …".
        let docx: Data
        do {
            docx = try DOCXRenderer.render(draft.document, version: draft.version, stamp: .filed)
        } catch {
            diagnostics.emit(.error(.outputNotWritten, "could not build the DOCX file: \(error)", at: draft.plan.source))
            return outcome()
        }
        let box = BoxTextRenderer.render(draft.document, version: draft.version, stamp: .filed)

        let baseName = SubmissionPackager.attachmentBaseName(docketID: draft.docket?.id.value ?? "", submitter: draft.plan.submitter, kind: draft.plan.kind)
        var attachments: [SubmissionPackager.PackagedFile] = []
        if options.formats.contains(.pdf) {
            if let converter = options.converter {
                do {
                    attachments.append(.init(name: baseName + ".pdf", data: try converter.convert(docx: docx, name: baseName), role: .attachment))
                } catch {
                    diagnostics.emit(
                        .warning(.pdfNotConverted, "no PDF: \(error.description); the package attaches the DOCX", at: .file(package.folder + "/" + baseName + ".pdf")))
                }
            } else {
                notes.append("no PDF: LibreOffice is not installed (apt-get install libreoffice-writer-nogui); attaching the DOCX")
            }
        }
        if options.formats.contains(.docx) || attachments.isEmpty {
            attachments.append(.init(name: baseName + ".docx", data: docx, role: .attachment))
        }
        // The PDF is scanned as its reader would copy it; its DOCX source is scanned in `assemble`.
        for pdf in attachments where pdf.name.hasSuffix(".pdf") {
            if let text = PDFConverter.text(ofPDF: pdf.data) {
                diagnostics.emit(
                    contentsOf: PrivateFields(draft).diagnostics(
                        forPublicText: text, describedAs: "'\(pdf.name)', which Regulations.gov may publish,", searching: draft.usedFiles.sorted(),
                        sources: composition.sources, fallback: .file(package.folder + "/" + pdf.name)))
            } else {
                notes.append("the PDF's text was not checked for contact data: pdftotext is not installed (apt-get install poppler-utils); its DOCX source was")
            }
        }
        package.files =
            SubmissionPackager.assemble(draft, box: box, attachments: attachments, folder: package.folder, now: options.now, into: &diagnostics) ?? []
        return outcome()
    }

    /// Makes the package folder hold exactly `files`, swapped in at once: a stale attachment
    /// from an earlier package (a PDF from a machine that had LibreOffice) cannot linger, and no
    /// name read back from an earlier run decides what is deleted.
    @discardableResult
    public static func write(_ files: [SubmissionPackager.PackagedFile], into folder: URL) throws(AtomicWriter.WriteError) -> [URL] {
        try AtomicWriter.replaceFolder(files.map { ($0.name, $0.data) }, at: folder)
    }
}
