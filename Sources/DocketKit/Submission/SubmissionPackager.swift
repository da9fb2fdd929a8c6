import Foundation
import ZIPFoundation

/// `docket package`: everything a coalition lead needs to file a comment on Regulations.gov,
/// by the API or by hand through the web form. The API's comment-posting access has changed
/// more than once, so the manual path is always complete on its own.
public enum SubmissionPackager {
    public enum AttachmentFormat: String, Sendable, CaseIterable, Codable {
        case pdf, docx
    }

    public struct Options: Sendable {
        /// Package a docket whose comment period has closed; for agencies that take late comments.
        public var allowLate = false
        /// The attachment formats wanted. PDF needs LibreOffice; without it the DOCX is attached.
        public var formats: [AttachmentFormat] = [.pdf, .docx]
        public var converter: PDFConverter? = PDFConverter.find()
        public var now = Date()
        /// The folder that receives `<plan-name>/submission/`.
        public var outputRoot = "out"

        public init() {}
    }

    /// A file of the package. Public files are what Regulations.gov may publish.
    public struct PackagedFile: Sendable {
        public enum Role: String, Sendable, Codable {
            case commentText = "comment text"
            case attachment
            case apiPayload = "API payload"
            case checklist
            case manifest
        }

        public var name: String
        public var data: Data
        public var role: Role

        public var isPublic: Bool { role == .commentText || role == .attachment }
    }

    public struct Outcome: Sendable {
        public var diagnostics: [Diagnostic]
        public var sources: [String: SourceFile]
        public var files: [String]
        public var unrelatedErrorCount: Int
        public var draft: Draft?
        /// Empty when there are errors.
        public var packaged: [PackagedFile]
        /// One-line remarks that are not problems, such as a missing PDF converter.
        public var notes: [String]
        /// `<outputRoot>/<plan-name>/submission`, once the plan is known.
        public var folder: String?

        public var succeeded: Bool { !packaged.isEmpty && !diagnostics.hasErrors }
    }

    public static func package(
        plan path: String, options: Options = Options(), baseDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
        registry: AuthorityRegistry = .shared
    ) -> Outcome {
        let composition = Composition.compose(plan: path, formats: [.docx], now: options.now, baseDirectory: baseDirectory, registry: registry)
        var outcome = Outcome(
            diagnostics: composition.diagnostics, sources: composition.sources, files: composition.files, unrelatedErrorCount: composition.unrelatedErrorCount,
            draft: composition.draft, packaged: [], notes: [])
        guard let draft = composition.draft else { return outcome }
        let folder = (options.outputRoot as NSString).appendingPathComponent(draft.plan.name + "/submission")
        outcome.folder = folder

        // `check` judges a closed docket as text to reuse; a package is a filing.
        outcome.diagnostics.removeAll { $0.code == .commentPeriodClosed || $0.code == .commentPeriodClosing }
        guard let docket = draft.docket else {
            outcome.diagnostics.append(
                .error(.missingField, "a submission package needs the docket the comment is filed in: add 'docket: docket.yml' to the plan", at: draft.plan.source))
            return outcome
        }
        outcome.diagnostics += CommentPeriod.diagnostics(for: docket, now: options.now, use: .filing(allowLate: options.allowLate))
        outcome.diagnostics += SubmissionRules.target(of: docket)
        outcome.diagnostics += SubmissionRules.submitter(draft.plan)
        guard composition.succeeded, !outcome.diagnostics.hasErrors, let docx = composition.rendered.first(where: { $0.format == .docx })?.data,
            let documentID = docket.documentID?.value
        else {
            outcome.diagnostics = outcome.diagnostics.sortedByLocation()
            return outcome
        }

        let baseName = attachmentBaseName(docketID: docket.id.value, submitter: draft.plan.submitter, kind: draft.plan.kind)
        var attachments: [PackagedFile] = []
        if options.formats.contains(.pdf) {
            if let converter = options.converter {
                do {
                    attachments.append(PackagedFile(name: baseName + ".pdf", data: try converter.convert(docx: docx, name: baseName), role: .attachment))
                } catch {
                    outcome.diagnostics.append(
                        .warning(.pdfNotConverted, "no PDF: \(error.description); the package attaches the DOCX", at: .file(folder + "/" + baseName + ".pdf")))
                }
            } else {
                outcome.notes.append("no PDF: LibreOffice is not installed (apt-get install libreoffice-writer-nogui); attaching the DOCX")
            }
        }
        if options.formats.contains(.docx) || attachments.isEmpty {
            attachments.append(PackagedFile(name: baseName + ".docx", data: docx, role: .attachment))
        }
        let comment = PackagedFile(name: "comment-box.txt", data: Data(draft.box.text.utf8), role: .commentText)

        let display = { (name: String) in folder + "/" + name }
        outcome.diagnostics += SubmissionRules.comment(draft.box.text, file: display(comment.name))
        outcome.diagnostics += SubmissionRules.attachments(attachments.map { .init(name: display($0.name), size: $0.data.count) })
        for file in [comment] + attachments {
            outcome.diagnostics += draft.privateFields.diagnostics(
                forPublicText: publicText(of: file), describedAs: "'\(file.name)', which Regulations.gov may publish,", searching: draft.usedFiles.sorted(),
                sources: composition.sources, fallback: .file(display(file.name)))
        }

        let payload = SubmissionPayload(
            documentID: documentID, comment: draft.box.text, submitter: draft.plan.submitter, sendEmailReceipt: draft.plan.sendEmailReceipt, files: attachments.map(\.name))
        var files = [comment] + attachments
        do {
            files.append(PackagedFile(name: "submission.json", data: try payload.encoded(), role: .apiPayload))
        } catch {
            outcome.diagnostics.append(.error(.outputNotWritten, "cannot encode submission.json: \(error)", at: draft.plan.source))
        }
        let checklist = FilingChecklist(draft: draft, docket: docket, documentID: documentID, comment: comment, attachments: attachments, now: options.now)
        files.append(PackagedFile(name: "checklist.md", data: Data(checklist.markdown.utf8), role: .checklist))
        do {
            files.append(PackagedFile(name: "manifest.json", data: try SubmissionManifest(files: files, draft: draft).encoded(), role: .manifest))
        } catch {
            outcome.diagnostics.append(.error(.outputNotWritten, "cannot encode manifest.json: \(error)", at: draft.plan.source))
        }
        outcome.diagnostics = outcome.diagnostics.sortedByLocation()
        if !outcome.diagnostics.hasErrors { outcome.packaged = files }
        return outcome
    }

    /// `OMB-2023-0020_Coalition-for-Accountable-Immigration-Technology_comment`: agencies ask
    /// that an attachment's name say who filed it and on what.
    public static func attachmentBaseName(docketID: String, submitter: Submitter, kind: Plan.Kind) -> String {
        let who: String
        switch submitter {
        case .individual(let person): who = fileNamePart(person.lastName + " " + person.firstName)
        case .organization(let organization): who = fileNamePart(organization.name)
        case .anonymous: who = ""
        }
        let what = kind == .comment ? "comment" : kind.rawValue
        return [fileNamePart(docketID), String(who.prefix(80)), what].filter { !$0.isEmpty }.joined(separator: "_")
    }

    /// ASCII letters, digits and single hyphens: names survive every upload form and file system.
    static func fileNamePart(_ text: String) -> String {
        let folded = text.applyingTransform(.toLatin, reverse: false)?.folding(options: [.diacriticInsensitive, .widthInsensitive], locale: nil) ?? text
        var part = ""
        for character in folded {
            if character.isASCII && (character.isLetter || character.isNumber) {
                part.append(character)
            } else if !part.isEmpty, part.last != "-" {
                part.append("-")
            }
        }
        while part.last == "-" { part.removeLast() }
        return part
    }

    /// The text a reader of the docket would see. For a DOCX that is every XML part, where
    /// contact data would sit as text or as a `mailto:` link. The PDF is converted from the
    /// same DOCX, so the DOCX scan covers it.
    static func publicText(of file: PackagedFile) -> String {
        guard file.name.lowercased().hasSuffix(".docx") else {
            return file.name.lowercased().hasSuffix(".pdf") ? "" : String(decoding: file.data, as: UTF8.self)
        }
        guard let archive = try? Archive(data: file.data, accessMode: .read) else { return "" }
        var text = ""
        for entry in archive where entry.path.hasSuffix(".xml") || entry.path.hasSuffix(".rels") {
            var part = Data()
            _ = try? archive.extract(entry) { part.append($0) }
            text += String(decoding: part, as: UTF8.self) + "\n"
        }
        return text
    }

    /// Writes the package atomically, then removes files an earlier package listed in its
    /// manifest that this one no longer has (a PDF from a machine that had LibreOffice), so the
    /// folder never offers a stale attachment for upload.
    @discardableResult
    public static func write(_ files: [PackagedFile], into folder: URL) throws(AtomicWriter.WriteError) -> [URL] {
        let previous = SubmissionManifest.fileNames(in: folder.appendingPathComponent("manifest.json"))
        let urls = try AtomicWriter.write(files.map { ($0.name, $0.data) }, into: folder)
        let current = Set(files.map(\.name))
        for name in previous where !current.contains(name) && !name.contains("/") {
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
        }
        return urls
    }
}
