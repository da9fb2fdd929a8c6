import DocketRender
import DocketLibrary
import DocketModel
import DocketReview
import DocketSupport
import DocketMarkdown
import Foundation

/// The checks Regulations.gov's form and API apply to what is filed, run on the exact bytes
/// of the package before anyone uploads it. Each problem is located in the package file it
/// concerns, so the lead can open that file at the spot.
public enum SubmissionRules {
    /// A file about to be filed: its name as uploaded and its contents.
    public struct Attachment: Sendable {
        /// The file's name as uploaded.
        public var name: String
        /// Its size in bytes.
        public var size: Int

        /// A file called `name` of `size` bytes.
        public init(name: String, size: Int) {
            self.name = name
            self.size = size
        }
    }

    /// The comment-box text (the API's `comment`): not empty, within 5,000 characters and
    /// 5,000 bytes, and inside the Basic Multilingual Plane.
    public static func comment(_ text: String, file: String) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let start = SourceRange(SourceLocation(file: file, line: 1, column: 1))
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            diagnostics.append(
                .error(.emptyComment, "the comment text is empty; Regulations.gov requires it. When everything is in the attachments, write \"See attached file(s).\"", at: start))
            return diagnostics
        }
        if let problem = RegulationsGovLimits.lengthProblem(text, limit: RegulationsGovLimits.commentLength) {
            diagnostics.append(.error(.commentBoxTooLong, "the comment text is \(problem); move the text into an attachment", at: start))
        }
        var line = 1
        var lineStart = text.utf8.startIndex
        for index in text.unicodeScalars.indices {
            let scalar = text.unicodeScalars[index]
            if scalar == "\n" {
                line += 1
                lineStart = text.utf8.index(after: index)
            } else if scalar.value > 0xFFFF {
                let column = text.utf8.distance(from: lineStart, to: index) + 1
                let hex = String(scalar.value, radix: 16, uppercase: true)
                diagnostics.append(
                    .error(
                        .characterOutsideBMP, "the comment text contains '\(Character(scalar))' (U+\(hex)), outside the Basic Multilingual Plane; Regulations.gov rejects it",
                        at: SourceRange(SourceLocation(file: file, line: line, column: column), length: String(scalar).utf8.count)))
                break
            }
        }
        return diagnostics
    }

    /// The comment-box text of a draft: errors here stop `docket compose` from writing, since
    /// Regulations.gov would refuse the text. A character outside the BMP is located in the
    /// file it came from.
    public static func commentBox(_ box: BoxTextRenderer.BoxText, of draft: Draft, into diagnostics: inout DiagnosticCollector) {
        let planFile = draft.input.planPath
        var reported: Set<Unicode.Scalar> = []
        for (scalar, provenance) in box.outsideBMP where reported.insert(scalar).inserted {
            let location = locate(scalar, preferring: provenance?.file, in: draft.usedFiles, sources: draft.input.sources) ?? provenance?.location
            let hex = String(scalar.value, radix: 16, uppercase: true)
            diagnostics.emit(
                .error(
                    .characterOutsideBMP,
                    "'\(Character(scalar))' (U+\(hex)) is outside the Basic Multilingual Plane; Regulations.gov rejects such characters (emoji among them) in the comment box",
                    at: SourceRange(location ?? SourceLocation(file: planFile, line: 1, column: 1), length: String(scalar).utf8.count)))
        }
        let owner = SourceRange(SourceLocation(file: planFile, line: 1, column: 1))
        if !box.fits {
            diagnostics.emit(
                .error(
                    .commentBoxTooLong,
                    "even the short comment-box text is \(box.characterCount) characters and \(box.byteCount) bytes; Regulations.gov takes at most \(BoxTextRenderer.limit) of each. Shorten the recommendation titles",
                    at: owner))
        } else if BoxTextRenderer.limit - max(box.characterCount, box.byteCount) <= BoxTextRenderer.warningMargin {
            diagnostics.emit(
                .note(
                    .commentBoxNearLimit,
                    "the comment-box text is \(box.characterCount) characters and \(box.byteCount) bytes, within \(BoxTextRenderer.warningMargin) of the \(BoxTextRenderer.limit) limit",
                    at: owner))
        }
    }

    /// The first place a used file contains the character, the block's own file first.
    private static func locate(_ scalar: Unicode.Scalar, preferring file: String?, in usedFiles: Set<String>, sources: [String: SourceFile]) -> SourceLocation? {
        ([file].compactMap { $0 } + usedFiles.sorted()).lazy.compactMap { sources[$0]?.location(ofFirst: String(scalar)) }.first
    }

    /// Count, size, type and name rules for attachments.
    public static func attachments(_ files: [Attachment]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        if files.count > RegulationsGovLimits.maxAttachments {
            diagnostics.append(
                .error(
                    .tooManyAttachments,
                    "\(files.count) attachments; Regulations.gov takes at most \(RegulationsGovLimits.maxAttachments) per comment: combine files or file twice",
                    at: .file(files[RegulationsGovLimits.maxAttachments].name)))
        }
        var seen: [String: String] = [:]
        for file in files {
            let at = SourceRange.file(file.name)
            if file.size == 0 {
                diagnostics.append(.error(.emptyAttachment, "'\(file.name)' is empty; Regulations.gov refuses empty files", at: at))
            } else if file.size > RegulationsGovLimits.maxAttachmentBytes {
                diagnostics.append(
                    .error(
                        .attachmentTooLarge,
                        "'\(file.name)' is \(file.size) bytes; Regulations.gov takes at most \(RegulationsGovLimits.maxAttachmentBytes) bytes (10 MB) per file: split it or compress its images",
                        at: at))
            }
            let ext = RegulationsGovLimits.fileExtension(of: file.name)
            if ext.map({ !RegulationsGovLimits.allowedExtensions.contains($0) }) ?? true {
                let accepted = RegulationsGovLimits.allowedExtensions.sorted().joined(separator: ", ")
                let what = ext.map { "'.\($0)' files" } ?? "files without an extension"
                diagnostics.append(
                    .error(.attachmentTypeNotAccepted, "'\(file.name)': Regulations.gov does not accept \(what); it accepts \(accepted). Render to PDF or DOCX", at: at))
            }
            // FederalRegister.gov refuses a second file of the same name; case is ignored
            // because the name may pass through a case-insensitive file system on the way.
            let key = file.name.lowercased()
            if let first = seen[key] {
                diagnostics.append(.error(.duplicateAttachmentName, "'\(file.name)' has the same name as '\(first)'; every attachment needs a unique name", at: at))
            } else {
                seen[key] = file.name
            }
        }
        return diagnostics
    }

    /// `commentOnDocumentId` must name a document. The docket parser reports a docket ID given
    /// as the document (DK403) and a document of another docket (DK402); what is left is none.
    public static func target(of docket: Docket) -> [Diagnostic] {
        guard docket.documentID == nil else { return [] }
        return [
            .error(
                .missingDocumentID,
                "docket \(docket.id.value) has no 'document': Regulations.gov files comments on a document, e.g. '\(docket.id.value)-0001'; find it on the docket's page",
                at: docket.source)
        ]
    }

    /// Regulations.gov requires an organization type from organizations.
    public static func submitter(_ plan: Plan) -> [Diagnostic] {
        if case .organization(let organization) = plan.submitter, (organization.organizationType ?? "").isEmpty {
            return [
                .error(
                    .submitterFields,
                    "an organization submitter needs 'organizationType' (the agency's category, e.g. Nonprofit); Regulations.gov requires it",
                    at: plan.submitterRange ?? plan.source)
            ]
        }
        return []
    }
}
