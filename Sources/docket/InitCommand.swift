import ArgumentParser
import DocketCitations
import DocketKit
import DocketModel
import DocketSupport
import Foundation

extension Docket {
    struct Init: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Start a campaign: docket.yml, plan.yml, signatories.csv, local Recommendations/ and Templates/, a README.",
            discussion: "Refuses a folder that is not empty. `docket check FOLDER` then lists what is left to fill, each at its line.")

        @Argument(help: "The new campaign's folder; its name becomes the plan's name.")
        var folder: String

        @Option(name: .long, help: "The Regulations.gov docket ID, e.g. OMB-2023-0020.")
        var docket: String

        @Option(name: .long, help: "What the campaign files: comment, sign-on-letter or letter.")
        var kind: Plan.Kind = .comment

        @Option(name: .long, help: "Who files: organization or individual.")
        var submitter: CampaignScaffold.Options.Submitter = .organization

        @Option(name: .long, help: "A shared library the plan searches after its own folder; repeat for more, in order.")
        var library: [String] = []

        @Flag(name: .long, help: "Fill docket.yml from Regulations.gov and the Federal Register (see 'docket fetch').")
        var fetch = false

        @OptionGroup var api: APIOptions

        func validate() throws {
            guard IdentifierPatterns.isDocketID(docket) || IdentifierPatterns.looksLikeRegulationsGovID(docket) else {
                throw ValidationError("'\(docket)' is not a Regulations.gov docket ID such as OMB-2023-0020")
            }
        }

        func run() async throws {
            // Fetched first: a docket that cannot be fetched leaves no half-made campaign.
            let fetched = fetch ? try await api.fetch(docket, into: (folder as NSString).appendingPathComponent("docket.yml")) : nil
            var options = CampaignScaffold.Options(docketID: docket)
            options.kind = kind
            options.submitter = submitter
            // Paths given from here are written relative to the campaign folder.
            let campaign = URL(fileURLWithPath: folder).standardizedFileURL
            options.libraries = library.map { Self.relative(URL(fileURLWithPath: $0).standardizedFileURL, from: campaign) }
            if options.libraries.isEmpty, ["Recommendations", "Templates"].contains(where: { FileManager.default.fileExists(atPath: $0) }) {
                options.libraries = [Self.relative(URL(fileURLWithPath: FileManager.default.currentDirectoryPath), from: campaign)]
            }
            do {
                for url in try CampaignScaffold.write(options, into: campaign) where !url.lastPathComponent.hasPrefix(".") {
                    writeStandardOutput("wrote \(displayPath(url))\n")
                }
                if let fetched {
                    try AtomicWriter.write([("docket.yml", Data(DocketFetch.yaml(fetched, keeping: nil).utf8))], into: campaign)
                    writeStandardOutput("filled docket.yml from Regulations.gov and the Federal Register\n")
                }
            } catch let error as AtomicWriter.WriteError {
                report([error.diagnostic])
                throw ExitCode.failure
            } catch let error as Diagnostic {
                report([error])
                throw ExitCode.failure
            }
            writeStandardOutput("next: fill docket.yml and plan.yml, then run 'docket check \(folder)'\n")
        }

        /// `to` as a path relative to the folder `from`.
        static func relative(_ to: URL, from: URL) -> String {
            let target = to.pathComponents
            let base = from.pathComponents
            var common = 0
            while common < min(target.count, base.count), target[common] == base[common] { common += 1 }
            let ups = Array(repeating: "..", count: base.count - common)
            let path = (ups + target[common...]).joined(separator: "/")
            return path.isEmpty ? "." : path
        }
    }
}

extension Plan.Kind: ExpressibleByArgument {}
extension CampaignScaffold.Options.Submitter: ExpressibleByArgument {}
