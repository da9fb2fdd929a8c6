import ArgumentParser
import DocketKit
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
        var out = "out"

        @Flag(name: .long, help: "Package even though the comment period has closed (for agencies that accept late comments).")
        var allowLate = false

        @Flag(name: .long, help: "Package a letter even though some listed organizations have not approved this version; it names only those who did.")
        var allowUnapproved = false

        @Option(name: .long, help: "Attachment formats, comma-separated: pdf, docx (default: pdf,docx; pdf needs LibreOffice).")
        var attach: AttachmentList?

        func run() throws {
            var options = Filing.Options()
            options.allowLate = allowLate
            options.allowUnapproved = allowUnapproved
            if let attach { options.formats = attach.formats }
            options.outputRoot = out
            let outcome = commandPipeline.package(plan: plan, options: options)
            report(outcome.diagnostics, files: outcome.files, sources: outcome.sources, unrelatedErrors: outcome.unrelatedErrorCount)
            for note in outcome.notes { writeStandardError("note: \(note)") }
            guard outcome.succeeded, let package = outcome.value, !package.files.isEmpty else {
                writeStandardError("nothing written")
                throw ExitCode.failure
            }
            do {
                let urls = try Filing.write(package.files, into: URL(fileURLWithPath: package.folder))
                for (url, file) in zip(urls, package.files) {
                    writeStandardOutput("wrote \(displayPath(url)) (\(file.data.count) bytes, \(file.role.rawValue)\(file.isPublic ? ", public" : ""))\n")
                }
            } catch {
                report([error.diagnostic])
                throw ExitCode.failure
            }
            // The packaged version is kept like every composed one, so approvals and redlines can
            // name it later.
            let store = package.campaign.versions
            do {
                if try store.store(package.draft, at: commandNow) { writeStandardOutput("stored version \(package.draft.version.short) in \(displayPath(store.folder))\n") }
            } catch {
                writeStandardError("warning: the version was not stored in \(displayPath(store.folder)): \(error)")
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

/// Prints diagnostics the way `docket check` does, colour only on a terminal.
func report(_ diagnostics: [Diagnostic], files: [String] = [], sources: [String: SourceFile] = [:], unrelatedErrors: Int = 0) {
    let color = isatty(STDERR_FILENO) != 0 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
    if !diagnostics.isEmpty {
        let report = Outcome<Never>(DiagnosticCollector(diagnostics), files: files, sources: sources)
        FileHandle.standardError.write(Data(DiagnosticFormatter.text(report, options: .init(color: color)).utf8))
    }
    if unrelatedErrors > 0 {
        writeStandardError("note: \(Wording.count(unrelatedErrors, "error")) in library files this plan does not use; run 'docket check'")
    }
}

/// A path relative to the working directory when it is inside it.
func displayPath(_ url: URL) -> String {
    let cwd = FileManager.default.currentDirectoryPath + "/"
    return url.path.hasPrefix(cwd) ? String(url.path.dropFirst(cwd.count)) : url.path
}
