import ArgumentParser
import DocketAPI
import DocketCitations
import DocketKit
import DocketLibrary
import DocketModel
import DocketSupport
import Foundation

extension Docket {
    struct Fetch: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a docket's fields into docket.yml from Regulations.gov and the Federal Register.",
            discussion: """
                The API key is read from REGULATIONS_GOV_API_KEY, or from --api-key-file; it is sent only in the X-Api-Key header. \
                Each field is recorded with the URL it came from and when; fetched identifiers count as confirmed. \
                When FOLDER/docket.yml exists, the changes are shown, and written only with --apply.
                """)

        @Argument(help: "The Regulations.gov docket ID, e.g. OMB-2023-0020.")
        var docketID: String

        @Option(name: .long, help: "The campaign folder whose docket.yml to write.")
        var into: String = "."

        @Flag(name: .long, help: "Write the changes into an existing docket.yml.")
        var apply = false

        @OptionGroup var api: APIOptions

        func validate() throws {
            guard IdentifierPatterns.isDocketID(docketID) else { throw ValidationError("'\(docketID)' is not a Regulations.gov docket ID such as OMB-2023-0020") }
        }

        func run() async throws {
            let file = URL(fileURLWithPath: into).appendingPathComponent("docket.yml")
            let existing = DocketFetch.existingDocket(at: file, displayPath: displayPath(file))
            TerminalReporter().text(existing, summary: false)
            if existing.diagnostics.hasErrors { throw ExitCode.failure }
            let fetched = try await api.fetch(docketID, into: displayPath(file))
            let update = try written(DocketFetch.update(file, existing: existing.value, with: fetched, apply: apply))
            for note in fetched.notes { writeStandardError("warning: \(note)\n") }
            // The notice's text goes beside the docket it belongs to, when that is written or
            // already matches.
            if let notice = fetched.noticeText, update.wrote || update.changes.isEmpty {
                let url = Campaign.noticeTextURL(inFolder: URL(fileURLWithPath: into))
                do {
                    try AtomicWriter.write([(name: url.lastPathComponent, data: Data(notice.utf8))], into: url.deletingLastPathComponent())
                } catch {
                    report([error.diagnostic])
                    throw ExitCode.failure
                }
            }
            if existing.value != nil, update.changes.isEmpty {
                return writeStandardOutput("\(displayPath(file)) matches the sources: nothing changed\n")
            }
            for change in update.changes { writeStandardOutput("\(change.key): \(change.old ?? "(none)") → \(change.new)\n") }
            guard update.wrote else {
                return writeStandardOutput("\(Wording.count(update.changes.count, "field")) changed; run again with --apply to write them\n")
            }
            writeStandardOutput(
                "wrote \(displayPath(file)): \(fetched.docketID), comments \(fetched.isOpen ? "open" : "closed")\(fetched.value("commentsClose").map { ", closing \($0)" } ?? "")\n"
            )
        }
    }
}

/// Where the APIs are and the key that opens Regulations.gov, for every command that calls them.
struct APIOptions: ParsableArguments {
    @Option(name: .long, help: "A file holding the Regulations.gov API key (default: REGULATIONS_GOV_API_KEY).")
    var apiKeyFile: String?

    @Option(name: .long, help: "The Regulations.gov API's address, a mirror or a test server (default: REGULATIONS_GOV_URL, else the live API).")
    var regulationsGovURL: String = ProcessInfo.processInfo.environment["REGULATIONS_GOV_URL"] ?? RegulationsGov.production.absoluteString

    @Option(name: .long, help: "Seconds each request may take, its whole answer included (connecting and each next byte: 30 s at most).")
    var timeout: Double = Network.defaultDeadline

    @Option(name: .long, help: "The Federal Register API's address, a mirror or a test server (default: FEDERAL_REGISTER_URL, else the live API).")
    var federalRegisterURL: String = ProcessInfo.processInfo.environment["FEDERAL_REGISTER_URL"] ?? FederalRegister.production.absoluteString

    func validate() throws {
        guard timeout.isFinite, timeout > 0, timeout <= Network.longestDeadline else {
            throw ValidationError("--timeout takes seconds between 1 and \(Int(Network.longestDeadline))")
        }
        for url in [regulationsGovURL, federalRegisterURL] where URL(string: url)?.scheme?.hasPrefix("http") != true {
            throw ValidationError("'\(url)' is not an http or https address")
        }
    }

    /// The key from the file when given, else from `REGULATIONS_GOV_API_KEY`; exits 1 when there is none.
    func key() throws -> APIKey {
        let key =
            if let apiKeyFile { (try? String(contentsOfFile: apiKeyFile, encoding: .utf8)).flatMap(APIKey.init) } else {
                ProcessInfo.processInfo.environment["REGULATIONS_GOV_API_KEY"].flatMap(APIKey.init)
            }
        guard let key else {
            writeStandardError("no Regulations.gov API key: set REGULATIONS_GOV_API_KEY or give --api-key-file (keys come from https://open.gsa.gov/api/regulationsgov/)\n")
            throw ExitCode.failure
        }
        return key
    }

    /// Fetches a docket, printing waits as they happen; a failure is one line and exit 1.
    func fetch(_ docketID: String, into target: String) async throws -> DocketFetch.Fetched {
        let key = try key()
        let regulations = RegulationsGov(baseURL: URL(string: regulationsGovURL)!, key: key, deadline: timeout) { writeStandardError("\(key.mask($0))\n") }
        let federalRegister = FederalRegister(baseURL: URL(string: federalRegisterURL)!, deadline: timeout)
        do {
            return try await DocketFetch.fetch(docketID, from: regulations, federalRegister: federalRegister, now: commandNow)
        } catch let failure {
            var diagnostic = failure.diagnostic(at: .file(target))
            diagnostic.message = key.mask(diagnostic.message)
            report([diagnostic])
            writeStandardError("nothing was written")
            throw ExitCode.failure
        }
    }
}
