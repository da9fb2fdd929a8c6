import DocketCitations
import DocketLibrary
import DocketModel
import DocketRender
import DocketReview
import DocketSubmission
import DocketSupport
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
        /// The folder that receives `<plan-name>/submission/`.
        public var outputRoot = Campaign.defaultOutputRoot

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

    /// Builds the package for the plan at `path`, composed at `now`; writes nothing.
    public static func package(
        plan path: String, options: Options = Options(), now: Date = Pipeline.clock(), baseDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
        registry: AuthorityRegistry = .shared
    ) -> Outcome<Package> {
        Pipeline(registry: registry, now: now, baseDirectory: baseDirectory).package(plan: path, options: options)
    }

    /// Builds the package with `pipeline`, judged by the pipeline's severity policy.
    static func package(plan path: String, options: Options, pipeline: Pipeline) -> Outcome<Package> {
        // Composed with the filed stamp, so the comment-box text the check rendered is the one filed.
        var filed = pipeline
        filed.stamp = .filed
        let composition = filed.compose(plan: path, formats: [])
        // Everything the composition found passes the filing policy on its way in.
        var filing = EscalatingSink(DiagnosticCollector(), policy: pipeline.policy)
        filing.emit(contentsOf: composition.diagnostics)
        var notes: [String] = []
        guard let composed = composition.value else {
            return Outcome(filing.base, files: composition.files, sources: composition.sources, unrelatedErrorCount: composition.unrelatedErrorCount)
        }
        let draft = composed.draft
        let folder = composed.campaign.outputs(under: pipeline.baseDirectory.resolving(options.outputRoot)).submission
        var package = Package(draft: draft, campaign: composed.campaign, folder: Workspace.displayPath(folder, base: pipeline.baseDirectory), files: [])
        let outcome = {
            Outcome(filing.base, files: composition.files, sources: composition.sources, unrelatedErrorCount: composition.unrelatedErrorCount, notes: notes, value: package)
        }
        SubmissionPackager.checkPrerequisites(draft, allowUnapproved: options.allowUnapproved, into: &filing)
        if let secondary = secondaryEvidenceNote(draft, registry: pipeline.registry) { filing.emit(secondary) }
        guard !filing.base.hasErrors else { return outcome() }
        // What is filed carries no draft label: "Version 8bca222d1872 · Docket …".
        let docx: Data
        do {
            docx = try DOCXRenderer.render(draft.document, version: draft.version, stamp: .filed)
        } catch {
            filing.emit(.error(.outputNotWritten, "could not build the DOCX file: \(error)", at: draft.plan.source))
            return outcome()
        }
        let box = composed.box

        let baseName = SubmissionPackager.attachmentBaseName(docketID: draft.docket?.id.value ?? "", submitter: draft.plan.submitter, kind: draft.plan.kind)
        var attachments: [SubmissionPackager.PackagedFile] = []
        if options.formats.contains(.pdf) {
            if let converter = options.converter {
                do {
                    attachments.append(.init(name: baseName + ".pdf", data: try converter.convert(docx: docx, name: baseName), role: .attachment))
                } catch {
                    filing.emit(
                        .warning(.pdfNotConverted, "no PDF: \(error.message); the package attaches the DOCX", at: .file(package.folder + "/" + baseName + ".pdf")))
                }
            } else {
                notes.append("no PDF: LibreOffice is not installed (apt-get install libreoffice-writer-nogui); attaching the DOCX")
            }
        }
        if options.formats.contains(.docx) || attachments.isEmpty {
            attachments.append(.init(name: baseName + ".docx", data: docx, role: .attachment))
        }
        // The PDF is checked as its reader would copy it, by the check every public file passes.
        var extracted: [String: String] = [:]
        for pdf in attachments where pdf.name.hasSuffix(".pdf") {
            if let text = PDFConverter.text(ofPDF: pdf.data) {
                extracted[pdf.name] = text
            } else {
                notes.append("the PDF's text was not checked for contact data: pdftotext is not installed (apt-get install poppler-utils); its DOCX source was")
            }
        }
        package.files =
            SubmissionPackager.assemble(draft, box: box, attachments: attachments, extractedText: extracted, folder: package.folder, now: pipeline.now, into: &filing.base) ?? []
        return outcome()
    }

    /// Makes the package folder hold exactly `files`, swapped in at once: a stale attachment
    /// from an earlier package (a PDF from a machine that had LibreOffice) cannot linger, and no
    /// name read back from an earlier run decides what is deleted.
    /// A file a person put in the folder, or one changed since it was packaged, is never
    /// deleted: the package is refused and nothing changes.
    @discardableResult
    public static func write(_ files: [SubmissionPackager.PackagedFile], into folder: URL) throws(AtomicWriter.WriteError) -> [URL] {
        let foreign = foreignFiles(in: folder)
        guard foreign.isEmpty else {
            let named = foreign.prefix(5).joined(separator: ", ") + (foreign.count > 5 ? ", …" : "")
            throw AtomicWriter.WriteError(
                path: folder.path,
                reason: "holds \(named), which docket package did not write or which changed since it did; move \(foreign.count == 1 ? "it" : "them") out of the folder and package again; nothing was changed")
        }
        return try AtomicWriter.replaceFolder(files.map { ($0.name, $0.data) }, at: folder)
    }

    /// The entries of `folder` its `manifest.json` does not record with their present SHA-256:
    /// what a person put there, or edited after packaging. The manifest itself is ours by name.
    static func foreignFiles(in folder: URL) -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return [] }
        // A manifest that does not read as one records nothing, so nothing is deleted.
        let manifest = (try? Data(contentsOf: folder.appendingPathComponent("manifest.json"))).flatMap { try? SubmissionManifest.decode($0) }
        let recorded = Dictionary((manifest?.files ?? []).map { ($0.name, $0.sha256) }, uniquingKeysWith: { first, _ in first })
        return names.filter { name in
            guard name != "manifest.json" else { return false }
            let url = folder.appendingPathComponent(name)
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue, let hash = recorded[name],
                let data = try? Data(contentsOf: url)
            else { return true }
            return ContentHash.sha256Hex(data) != hash
        }.sorted()
    }
}
