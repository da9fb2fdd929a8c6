import Foundation
import Testing

/// Runs the built `docket` binary the way a coalition lead would.
@Suite struct CLITests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A copy of the library and the examples the commands run in, so that a test run never
    /// writes into the repository (a compose stores its version beside the plan).
    static let workingCopy: URL = {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("docket-cli-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: copy, withIntermediateDirectories: true)
        for folder in ["Recommendations", "Templates", "Examples"] {
            try? FileManager.default.copyItem(at: packageRoot.appendingPathComponent(folder), to: copy.appendingPathComponent(folder))
        }
        return copy
    }()

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The test bundle sits beside the products it was built with.
    static var binary: URL {
        var directory = Bundle.main.bundleURL
        for _ in 0..<4 where !FileManager.default.fileExists(atPath: directory.appendingPathComponent("docket").path) {
            directory.deleteLastPathComponent()
        }
        return directory.appendingPathComponent("docket")
    }

    func docket(_ arguments: String..., in directory: URL = workingCopy) throws -> Run {
        try docket(arguments, in: directory)
    }

    /// `docket` with `arguments`, not yet started, at the tests' fixed time and without colour.
    static func process(_ arguments: [String], in directory: URL) -> Process {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        // The tests' fixed "now", January 15, 2026, noon Eastern: outputs match the golden files.
        environment["SOURCE_DATE_EPOCH"] = "1768496400"
        process.environment = environment
        return process
    }

    func docket(_ arguments: [String], in directory: URL = workingCopy) throws -> Run {
        let process = Self.process(arguments, in: directory)
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Both pipes are drained at once: a process that fills stderr's pipe buffer (64 KiB)
        // while the test still waits on stdout would block forever.
        nonisolated(unsafe) var stderr = Data()
        let drained = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            stderr = err.fileHandleForReading.readDataToEndOfFile()
            drained.signal()
        }
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        drained.wait()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }

    func scratchLibrary(citing citation: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("docket-cli-\(UUID().uuidString)")
        let recommendations = folder.appendingPathComponent("Recommendations")
        try FileManager.default.createDirectory(at: recommendations, withIntermediateDirectories: true)
        let text = """
            ---
            id: seven
            title: Cites a section that does not exist
            summary: s
            authorities:
              - cite: OMB M-25-21 App. §4(b)(ii)
              - cite: \(citation)
            eu:
              - cite: EU AI Act Art. 27(1)
                requires: r
            comparison: c
            ---
            Body.

            """
        try text.write(to: recommendations.appendingPathComponent("x.md"), atomically: true, encoding: .utf8)
        return folder
    }

    @Test func checkOnTheBundledLibraryExitsZero() throws {
        let run = try docket("check", "Recommendations", "Templates", "Examples/omb-2023-0020")
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("0 errors"))
    }

    @Test func checkWithoutPathsReadsTheLibraryFoldersAndExamples() throws {
        let run = try docket("check")
        #expect(run.status == 0, "\(run.stdout)")
        #expect(!run.stdout.contains("Fixtures"), "test fixtures are not library input")
        #expect(run.stdout.contains("Examples/omb-2023-0020/docket.yml"))
    }

    @Test func unknownCitationIsReportedCompilerStyleAndExitsOne() throws {
        let folder = try scratchLibrary(citing: "OMB M-24-10 §7")
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try docket("check", "Recommendations", in: folder)
        #expect(run.status == 1)
        #expect(run.stdout.contains("Recommendations/x.md:7:11: error[DK101]: unknown citation \"OMB M-24-10 §7\": M-24-10 has sections 1–6"))
        #expect(run.stdout.contains(" 7 |   - cite: OMB M-24-10 §7\n   |           ^"))
        #expect(run.stdout.hasSuffix("1 error, 0 warnings, 0 notes in 1 file\n"))
    }

    @Test func jsonOutputCarriesCodeAndLocation() throws {
        let folder = try scratchLibrary(citing: "NIST AI RMF MEASURE 2.14")
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try docket("check", "--format", "json", in: folder)
        #expect(run.status == 1)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(document["errors"] as? Int == 1)
        let diagnostics = try #require(document["diagnostics"] as? [[String: Any]])
        let first = try #require(diagnostics.first)
        #expect(first["code"] as? String == "DK101")
        #expect(first["file"] as? String == "Recommendations/x.md")
        #expect(first["line"] as? Int == 7)
        #expect(first["column"] as? Int == 11)
        #expect((first["message"] as? String)?.contains("MEASURE 2 ends at 2.13") == true)
    }

    @Test func werrorTurnsWarningsIntoFailure() throws {
        let folder = try scratchLibrary(citing: "OMB M-24-10 §5(c)(iv)(G)")
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try docket("check", in: folder).status == 0)
        let strict = try docket("check", "--werror", in: folder)
        #expect(strict.status == 1)
        #expect(strict.stdout.contains("warning[DK102]: unverified citation \"OMB M-24-10 §5(c)(iv)(G)\""))
    }

    @Test func badUsageExitsTwo() throws {
        let run = try docket("check", "--format", "yaml")
        #expect(run.status == 2)
        #expect(run.stderr.contains("yaml"))
        #expect(try docket("frobnicate").status == 2)
    }

    @Test func missingPathIsAnError() throws {
        let run = try docket("check", "No/Such/Folder")
        #expect(run.status == 1)
        #expect(run.stdout.contains("No/Such/Folder:1:1: error[DK001]: no such file or folder"))
    }

    /// The keeper's view of what the library rests on, checked against the file it reads.
    @Test func libraryEvidenceListsEachClaimWithItsSourceDateAndKind() throws {
        let run = try docket("library", "evidence", "limit-targeting-platforms", "--format", "json")
        #expect(run.status == 0, "\(run.stderr)")
        let listings = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
        let listing = try #require(listings.first)
        #expect(listings.count == 1)
        #expect(listing["factsAsOf"] as? String == "2026-02-01")
        #expect(listing["secondaryOnly"] as? [String] == ["elite-press", "immigrationos-contract"])
        #expect((listing["withoutEvidence"] as? [String])?.isEmpty == true)
        let claims = try #require(listing["claims"] as? [[String: Any]])
        let inventory = try #require(claims.first { $0["id"] as? String == "inventory-dhs-2578" })
        #expect(inventory["kind"] as? String == "primary")
        #expect(inventory["published"] as? String == "2026-01-28")
        #expect(inventory["source"] as? String == "https://www.dhs.gov/sites/default/files/2026-01/2025_0128_ocio-dhs-ai-use-case-inventory.xlsx")
        // The marker stands on the paragraph's first line, after "(DHS-2578)".
        let file = try String(contentsOf: Self.workingCopy.appendingPathComponent("Recommendations/limit-targeting-platforms.md"), encoding: .utf8)
        let line = try #require(file.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("(DHS-2578)[^inventory-dhs-2578]") }) + 1
        #expect((inventory["citedAt"] as? [String])?.first?.hasPrefix("Recommendations/limit-targeting-platforms.md:\(line):") == true, "\(inventory)")

        let text = try docket("library", "evidence", "limit-targeting-platforms")
        #expect(text.stdout.contains("rests on secondary sources only: elite-press, immigrationos-contract"))
        #expect(text.stdout.contains("[^elite-press] secondary, published 2026-02-01: https://factually.co/"))

        let missing = try docket("library", "evidence", "limit-targeting-platform")
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("did you mean 'limit-targeting-platforms'?"))
    }

    @Test func libraryListAndShow() throws {
        let list = try docket("library", "list", "--kind", "recommendation")
        #expect(list.status == 0)
        #expect(list.stdout.contains("public-impact-assessment"))
        #expect(!list.stdout.contains("intro.coalition"))

        let tagged = try docket("library", "list", "--tag", "closing", "--format", "json")
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(tagged.stdout.utf8)) as? [[String: Any]])
        #expect(entries.map { $0["id"] as? String } == ["closing.coalition", "closing.letter", "closing.organization"])

        let show = try docket("library", "show", "public-impact-assessment")
        #expect(show.status == 0)
        #expect(show.stdout.contains("OMB M-24-10 §5(c)(iv)(A) — Complete an AI impact assessment [verified; rescinded 2025-04-03, succeeded by OMB M-25-21 App. §4(b)(ii)]"))
        #expect(show.stdout.contains("EU AI Act Art. 27(1)"))

        let clause = try docket("library", "show", "intro.coalition@1")
        #expect(clause.stdout.contains("coalition_name: string, required"))

        let broken = try scratchLibrary(citing: "OMB M-24-10 §7")
        defer { try? FileManager.default.removeItem(at: broken) }
        try "---\nid: [\n---\n".write(to: broken.appendingPathComponent("Recommendations/broken.md"), atomically: true, encoding: .utf8)
        let partial = try docket("library", "list", in: broken)
        #expect(partial.status == 0)
        #expect(partial.stdout.contains("seven"))
        #expect(partial.stderr.contains("1 library file with errors left out (Recommendations/broken.md)"))

        let missing = try docket("library", "show", "public-impact-assesment")
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("did you mean 'public-impact-assessment'?"))
    }
}

@Suite struct HelpTextTests {
    let cli = CLITests()

    @Test(arguments: ["compose", "package", "review"]) func aDefaultIsStatedOnce(command: String) throws {
        let help = try cli.docket(command, "--help").stdout
        #expect(help.components(separatedBy: "(default: out)").count == 2, "\(help)")
    }

    @Test func signShowsOneDecisionAndOneMeaningOfEachOption() throws {
        let help = try cli.docket("sign", "--help").stdout
        #expect(help.contains("USAGE: docket sign <plan> --signer <id> (--approve | --decline | --request-changes) [--draft <version>] [--comment <text>]"), "\(help)")
        #expect(help.components(separatedBy: "--version").count == 2, "\(help)")
    }
}

@Suite struct CampaignLibraryCommandTests {
    let cli = CLITests()

    /// Inside a campaign folder, `docket library list` sees what the campaign's plan sees: its
    /// own recommendations, then the libraries the plan names.
    @Test func listInsideACampaignShowsItsLayers() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("docket-layers-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let campaign = folder.appendingPathComponent("campaign")
        try FileManager.default.createDirectory(at: campaign.appendingPathComponent("Recommendations"), withIntermediateDirectories: true)
        try """
        ---
        id: local-only
        title: Only in this campaign
        summary: s.
        authorities:
          - cite: OMB M-25-21
        eu:
          - cite: EU AI Act Art. 86(1)
            requires: r.
        comparison: c.
        ---
        Body.
        """.write(to: campaign.appendingPathComponent("Recommendations/local-only.md"), atomically: true, encoding: .utf8)
        try "kind: letter\nlibrary: \(CLITests.packageRoot.path)\nsubmitter: { type: anonymous }\nsections:\n  - recommendations: [local-only]\n"
            .write(to: campaign.appendingPathComponent("plan.yml"), atomically: true, encoding: .utf8)
        let run = try cli.docket("library", "list", in: campaign)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("local-only"))
        #expect(run.stdout.contains("public-impact-assessment"))
    }
}
