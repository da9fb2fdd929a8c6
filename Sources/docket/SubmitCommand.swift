import ArgumentParser
import DocketAPI
import DocketKit
import DocketModel
import DocketSupport
import Foundation

extension Docket {
    struct Submit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "File the package 'docket package' wrote through the Regulations.gov API.",
            discussion: """
                Posting comments through the API takes a key GSA has approved for it; without one, file through the web form as the \
                package's checklist describes. The package must be unchanged since it was packaged and be of the plan's current \
                version; a version is filed once (--again to file it a second time). The tracking number is recorded in \
                submissions.jsonl beside the plan.
                """)

        @Argument(help: "The plan file.")
        var plan: String

        @Option(name: .long, help: "The folder 'docket package' wrote into.")
        var out: String = Campaign.defaultOutputRoot

        @Flag(name: .long, help: "Print every request, the key masked, and send nothing.")
        var dryRun = false

        @Flag(name: .long, help: "File without asking first.")
        var yes = false

        @Flag(name: .long, help: "File a version that was filed before.")
        var again = false

        @Flag(name: .long, help: "File after the comment period closed, where the agency takes late comments.")
        var allowLate = false

        @OptionGroup var api: APIOptions

        func run() async throws {
            let base = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            let prepared: Submitting.Prepared
            do {
                prepared = try commandPipeline.prepareSubmission(plan: plan, outputRoot: out, again: again, allowLate: allowLate)
            } catch {
                report([error])
                writeStandardError("nothing was sent")
                throw ExitCode.failure
            }
            let key = try api.key()
            let baseURL = URL(string: api.regulationsGovURL)!
            if dryRun {
                for line in Submitting.plannedRequests(prepared, baseURL: baseURL, key: key) { writeStandardOutput(line + "\n") }
                writeStandardOutput("dry run: nothing was sent\n")
                return
            }
            let what = "version \(prepared.version.short) on \(prepared.manifest.docket ?? "its docket") with \(Wording.count(prepared.attachments.count, "attachment"))"
            if !yes {
                guard isatty(STDIN_FILENO) == 1 else {
                    writeStandardError("filing \(what) needs a confirmation: run in a terminal, or pass --yes\n")
                    throw ExitCode.failure
                }
                writeStandardOutput("File \(what) through the Regulations.gov API? Type 'yes' to file: ")
                guard readLine()?.trimmingCharacters(in: .whitespaces).lowercased() == "yes" else {
                    writeStandardOutput("not filed\n")
                    throw ExitCode.failure
                }
            }
            let regulations = RegulationsGov(baseURL: baseURL, key: key) { writeStandardError("\(key.mask($0))\n") }
            do {
                let receipt = try await Submitting.submit(prepared, api: regulations, now: commandNow) { writeStandardOutput("\(key.mask($0))\n") }
                writeStandardOutput("filed \(what): tracking number \(receipt.trackingNumber), recorded in submissions.jsonl\n")
            } catch let failure {
                writeStandardError("not filed: \(key.mask(failure.description))\n")
                throw ExitCode.failure
            }
        }
    }
}
