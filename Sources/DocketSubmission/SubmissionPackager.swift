import DocketCompose
import DocketLibrary
import DocketMarkdown
import DocketModel
import DocketRender
import DocketReview
import DocketSupport
import Foundation
import ZIPFoundation

/// What `docket package` files: everything a coalition lead needs to file a comment on
/// Regulations.gov, by the API or by hand through the web form. The API's comment-posting
/// access has changed more than once, so the manual path is always complete on its own.
/// Everything here works on values; rendering the PDF and writing the folder are the
/// workflow layer's.
public enum SubmissionPackager {
    /// The attachment formats a package can carry.
    public enum AttachmentFormat: String, Sendable, CaseIterable, Codable {
        case pdf, docx
    }

    /// A file of the package. Public files are what Regulations.gov may publish.
    public struct PackagedFile: Sendable {
        /// What a file is for.
        public enum Role: String, Sendable, Codable {
            case commentText = "comment text"
            case attachment
            case apiPayload = "API payload"
            case checklist
            case manifest
        }

        /// The file's name in the package.
        public var name: String
        /// Its bytes.
        public var data: Data
        /// What it is for, and whether it is public.
        public var role: Role

        /// A file named `name` holding `data`.
        public init(name: String, data: Data, role: Role) {
            self.name = name
            self.data = data
            self.role = role
        }

        /// Whether Regulations.gov may publish it.
        public var isPublic: Bool { role == .commentText || role == .attachment }
    }

    /// What filing this draft needs before anything is rendered: a docket with a document to
    /// file on, a complete submitter, and approvals. The comment period was judged when the
    /// draft was checked; the filing's `SeverityPolicy` is what makes a closed one an error.
    public static func checkPrerequisites(_ draft: Draft, allowUnapproved: Bool = false, into diagnostics: inout some DiagnosticSink) {
        checkApprovals(draft, allowUnapproved: allowUnapproved, into: &diagnostics)
        guard let docket = draft.docket else {
            // A letter sent to an official rather than filed on a docket is packaged for
            // delivery: its attachments, a checklist and a manifest.
            if draft.plan.kind == .comment {
                diagnostics.emit(
                    .error(.missingField, "a submission package needs the docket the comment is filed in: add 'docket: docket.yml' to the plan", at: draft.plan.source))
            }
            return
        }
        diagnostics.emit(contentsOf: SubmissionRules.target(of: docket))
        diagnostics.emit(contentsOf: SubmissionRules.submitter(draft.plan))
    }

    /// A letter is filed only in the names of organizations that approved this very version:
    /// anyone on the roster who has not stops the package, named with where they stand, unless
    /// the lead says to file with the approvers alone.
    public static func checkApprovals(_ draft: Draft, allowUnapproved: Bool, into diagnostics: inout some DiagnosticSink) {
        guard let roster = draft.signatories, draft.plan.approvalsRequired else { return }
        let report = SignerReport(signatories: roster, approvals: draft.approvals ?? ApprovalLog(path: ApprovalLog.fileName), version: draft.version)
        let missing = report.rows.filter { $0.status != .approvedCurrent }
        guard !missing.isEmpty, !allowUnapproved else { return }
        let named = missing.prefix(10).map { "\($0.signer.id) (\($0.status.kind.label))" }.joined(separator: ", ") + (missing.count > 10 ? ", …" : "")
        diagnostics.emit(
            .error(
                .unapprovedSigners,
                "\(Wording.count(missing.count, "listed organization")) \(missing.count == 1 ? "has" : "have") not approved version \(draft.version.short): \(named). Record their decisions with 'docket sign', or pass --allow-unapproved to file in the names of the \(report.approvers.count) that did",
                at: draft.plan.signatories?.range ?? draft.plan.source))
    }

    /// The package's files from a draft that passed `checkPrerequisites`, its comment-box text
    /// and its attachments (rendered and converted by the caller), checked against every rule
    /// Regulations.gov applies. `folder` is how diagnostics name the package's folder. Returns
    /// nil when anything would be refused; the reasons are in `diagnostics`.
    public static func assemble(
        _ draft: Draft, box: BoxTextRenderer.BoxText, attachments: [PackagedFile], extractedText: [String: String] = [:], folder: String, now: Date,
        into diagnostics: inout DiagnosticCollector
    ) -> [PackagedFile]? {
        let publicText = PublicTextCheck(draft, sources: draft.input.sources)
        guard let docket = draft.docket else {
            return assembleDelivery(draft, attachments: attachments, extractedText: extractedText, check: publicText, folder: folder, into: &diagnostics)
        }
        guard let documentID = docket.documentID?.value else { return nil }
        let comment = PackagedFile(name: "comment-box.txt", data: Data(box.text.utf8), role: .commentText)
        let display = { (name: String) in folder + "/" + name }
        diagnostics.emit(contentsOf: SubmissionRules.comment(box.text, file: display(comment.name)))
        diagnostics.emit(contentsOf: SubmissionRules.attachments(attachments.map { .init(name: display($0.name), size: $0.data.count) }))
        for file in [comment] + attachments {
            publicText.check(
                file.data, reading: reading(of: file, extractedText), describedAs: "'\(file.name)', which Regulations.gov may publish,", fallback: .file(display(file.name)),
                into: &diagnostics)
        }

        let payload = SubmissionPayload(
            documentID: documentID, comment: box.text, submitter: draft.plan.submitter, sendEmailReceipt: draft.plan.sendEmailReceipt, files: attachments.map(\.name))
        var files = [comment] + attachments
        do {
            files.append(PackagedFile(name: "submission.json", data: try payload.encoded(), role: .apiPayload))
        } catch {
            diagnostics.emit(.error(.outputNotWritten, "cannot encode submission.json: \(error)", at: draft.plan.source))
        }
        let checklist = FilingChecklist(draft: draft, docket: docket, documentID: documentID, comment: comment, attachments: attachments, now: now)
        files.append(PackagedFile(name: "checklist.md", data: Data(checklist.markdown.utf8), role: .checklist))
        do {
            files.append(PackagedFile(name: "manifest.json", data: try SubmissionManifest(files: files, draft: draft).encoded(), role: .manifest))
        } catch {
            diagnostics.emit(.error(.outputNotWritten, "cannot encode manifest.json: \(error)", at: draft.plan.source))
        }
        return diagnostics.hasErrors ? nil : files
    }

    /// A letter with no docket: its attachments, checked for contact data like any filed file,
    /// a delivery checklist (private: it names the version and who signed) and the manifest.
    static func assembleDelivery(
        _ draft: Draft, attachments: [PackagedFile], extractedText: [String: String], check publicText: PublicTextCheck, folder: String,
        into diagnostics: inout DiagnosticCollector
    ) -> [PackagedFile]? {
        for file in attachments {
            publicText.check(
                file.data, reading: reading(of: file, extractedText), describedAs: "'\(file.name)', which its recipient may publish,", fallback: .file(folder + "/" + file.name),
                into: &diagnostics)
        }
        let e = MarkdownText.escape
        var lines = FilingChecklist.unapprovedWarning(draft)
        lines += ["# Delivery checklist: \(e(draft.document.header.title))", ""]
        lines.append("Version `\(draft.version)`. This letter is not filed on a docket: send the attachment to its recipient.")
        lines.append("")
        if draft.signatories != nil {
            lines.append("- **Signed by:** \(Wording.count(draft.signers.count, "organization")), each of which approved version \(draft.version.short)")
        }
        lines += attachments.map { "- **Attach:** `\($0.name)` (\(Wording.bytes($0.data.count)))" }
        var files = attachments + [PackagedFile(name: "checklist.md", data: Data((lines.joined(separator: "\n") + "\n").utf8), role: .checklist)]
        do {
            files.append(PackagedFile(name: "manifest.json", data: try SubmissionManifest(files: files, draft: draft).encoded(), role: .manifest))
        } catch {
            diagnostics.emit(.error(.outputNotWritten, "cannot encode manifest.json: \(error)", at: draft.plan.source))
        }
        return diagnostics.hasErrors ? nil : files
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

    /// The text a reader of the docket would see in a package file, flattened as a reader
    /// meets it. A PDF's text comes from its converter and is scanned separately.
    package static func publicText(of file: PackagedFile) -> String {
        PublicTextCheck.text(of: file.data, reading: reading(of: file, [:]))
    }

    /// How a package file is read: a PDF through the text the caller extracted from it (none
    /// when `pdftotext` is missing, which the caller notes), a DOCX through its runs.
    static func reading(of file: PackagedFile, _ extractedText: [String: String]) -> PublicTextCheck.Reading {
        let name = file.name.lowercased()
        if name.hasSuffix(".docx") { return .docx }
        if name.hasSuffix(".pdf") { return .extracted(extractedText[file.name] ?? "") }
        return .plain
    }
}
