import ArgumentParser
import DocketKit
import DocketModel
import DocketSubmission
import DocketSupport
import Foundation

extension Docket {
    struct Package: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Prepare a plan for filing on Regulations.gov: comment text, attachments, API payload, checklist.",
            discussion: """
                Writes OUT/<plan-name>/submission/: comment-box.txt, the attachment (a tagged PDF \
                when LibreOffice is installed, and the DOCX), submission.json (the body of POST \
                /v4/comments), checklist.md (filing through the web form by hand) and \
                manifest.json (sizes and sha256 of every file, and the draft version). Nothing is \
                written while anything would be refused by Regulations.gov.
                """)

        @Argument(help: "The plan file, e.g. Examples/omb-2023-0020/plan.yml.")
        var plan: String

        @Option(name: .long, help: "Folder that receives <plan-name>/submission/.")
        var out = Campaign.defaultOutputRoot

        @Flag(name: .long, help: "Package even though the comment period has closed (for agencies that accept late comments).")
        var allowLate = false

        @Flag(name: .long, help: "Package a letter even though some listed organizations have not approved this version; it names only those who did.")
        var allowUnapproved = false

        @Option(name: .long, help: "Attachment formats, comma-separated: pdf, docx (default: pdf,docx; pdf needs LibreOffice).")
        var attach: AttachmentList?

        func validate() throws { try Docket.requireFolder(out, option: "--out") }

        func run() throws {
            var options = Filing.Options()
            options.allowLate = allowLate
            options.allowUnapproved = allowUnapproved
            if let attach { options.formats = attach.formats }
            options.outputRoot = out
            let outcome = commandPipeline.package(plan: plan, options: options)
            TerminalReporter().text(outcome, summary: false)
            guard outcome.succeeded, let package = outcome.value, !package.files.isEmpty else {
                writeStandardError("nothing written")
                throw ExitCode.failure
            }
            let files = package.files
            printWritten(try written { () throws(Diagnostic) in try commandPipeline.write(package) }, version: package.draft.version) { index in
                ", \(files[index].role.rawValue)\(files[index].isPublic ? ", public" : "")"
            }
            writeStandardOutput("version \(package.draft.version)\n")
        }
    }

    struct AttachmentList: ExpressibleByArgument {
        var formats: [SubmissionPackager.AttachmentFormat]

        init?(argument: String) {
            let parts = argument.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            let formats = parts.compactMap(SubmissionPackager.AttachmentFormat.init(rawValue:))
            guard !formats.isEmpty, formats.count == parts.count, Set(formats).count == formats.count else { return nil }
            self.formats = formats
        }
    }
}

/// A path relative to the working directory when it is inside it.
func displayPath(_ url: URL) -> String {
    let cwd = FileManager.default.currentDirectoryPath + "/"
    return url.path.hasPrefix(cwd) ? String(url.path.dropFirst(cwd.count)) : url.path
}
