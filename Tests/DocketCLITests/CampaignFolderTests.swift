import Foundation
import Testing

/// One campaign folder used as people really use it: from several terminals at once, with a
/// roster in a subfolder, with a guessed flag. Each test runs the built `docket` binary.
@Suite struct CampaignFolderTests {
    let cli = CLITests()

    /// A letter with `signers` organizations, its roster at `lists/s.csv` beside the plan.
    func letter(signers: Int) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("docket-campaign-\(UUID().uuidString)")
        var roster = "id,organization,city,state,contact_name,contact_email,contact_phone\n"
        for index in 0..<signers { roster += "org-\(index),Organization \(index),,,Contact \(index),c\(index)@org\(index).example.org,\n" }
        // A letter of some length, as real ones are: each version's files take long enough to
        // write that writers racing on one folder meet.
        let background = (1...400).map { "Paragraph \($0) of the background, on how DHS uses face recognition in the field and what the public was told." }
        let files = [
            "Templates/clauses/ask.md": "---\nid: ask\nversion: 1\ntitle: The ask\n---\nDHS should stop using Mobile Fortify.\n",
            "Templates/clauses/background.md": "---\nid: background\nversion: 1\ntitle: Background\n---\n" + background.joined(separator: "\n\n") + "\n",
            "letter/lists/s.csv": roster,
            "letter/plan.yml":
                "name: letter\nkind: letter\nlibrary: ..\nsubmitter: { type: organization, organization: Organization 0, organizationType: Nonprofit }\nsections:\n  - clause: ask\n  - clause: background\nsignatories: lists/s.csv\n",
        ]
        for (path, text) in files {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        return folder
    }

    /// Starts every argument list before waiting for any (so all of them really run at once,
    /// not two at a time), and returns each run in the order given.
    func concurrently(_ runs: [[String]], in folder: URL) throws -> [CLITests.Run] {
        let logs = FileManager.default.temporaryDirectory.appendingPathComponent("docket-runs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: logs) }
        var started: [(Process, URL, URL)] = []
        for (index, arguments) in runs.enumerated() {
            let process = CLITests.process(arguments, in: folder)
            let out = logs.appendingPathComponent("\(index).out")
            let err = logs.appendingPathComponent("\(index).err")
            FileManager.default.createFile(atPath: out.path, contents: nil)
            FileManager.default.createFile(atPath: err.path, contents: nil)
            process.standardOutput = try FileHandle(forWritingTo: out)
            process.standardError = try FileHandle(forWritingTo: err)
            try process.run()
            started.append((process, out, err))
        }
        return started.map { process, out, err in
            process.waitUntilExit()
            let read = { (url: URL) in (try? String(contentsOf: url, encoding: .utf8)) ?? "" }
            return CLITests.Run(status: process.terminationStatus, stdout: read(out), stderr: read(err))
        }
    }

    func lines(of url: URL) throws -> [String] {
        // `isNewline`, since Swift reads "\r\n" (the mail-merge CSV's line end) as one Character.
        try String(contentsOf: url, encoding: .utf8).split(whereSeparator: \.isNewline).map(String.init)
    }

    @Test func fiftySignersDecidingAtOnceOnANewVersionAreAllRecorded() throws {
        let folder = try letter(signers: 50)
        defer { try? FileManager.default.removeItem(at: folder) }
        let runs = (0..<50).map { ["sign", "letter/plan.yml", "--signer", "org-\($0)", "--approve"] }
        let results = try concurrently(runs, in: folder)
        for (index, run) in results.enumerated() { #expect(run.status == 0, "sign org-\(index): \(run.stderr)") }
        let approvals = try lines(of: folder.appendingPathComponent("letter/lists/approvals.jsonl"))
        #expect(approvals.count == 50)
        let decoded = approvals.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(decoded.count == 50, "every line is whole JSON")
        #expect(Set(decoded.compactMap { $0["signer"] as? String }) == Set((0..<50).map { "org-\($0)" }))
        #expect(Set(decoded.compactMap { $0["version"] as? String }).count == 1)
        let history = try lines(of: folder.appendingPathComponent("letter/versions/history.jsonl"))
        #expect(history.count == 1, "\(history)")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("letter/versions").path).filter { $0.hasPrefix(".") }
        #expect(leftovers.isEmpty, "\(leftovers)")
    }

    @Test func composeAndSignInterleavedAllSucceed() throws {
        let folder = try letter(signers: 10)
        defer { try? FileManager.default.removeItem(at: folder) }
        var runs: [[String]] = []
        for index in 0..<10 {
            runs.append(["compose", "letter/plan.yml", "--format", "md,html"])
            runs.append(["sign", "letter/plan.yml", "--signer", "org-\(index)", "--approve"])
        }
        for (run, arguments) in zip(try concurrently(runs, in: folder), runs) { #expect(run.status == 0, "\(arguments.joined(separator: " ")): \(run.stderr)") }
        #expect(try lines(of: folder.appendingPathComponent("letter/lists/approvals.jsonl")).count == 10)
        #expect(try lines(of: folder.appendingPathComponent("letter/versions/history.jsonl")).count == 1)
        let out = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("out/letter").path).sorted()
        #expect(out == ["letter.html", "letter.md"], "no temporary is left: \(out)")
    }

    @Test func invitesAtOnceOnANewStoreGiveEverySignerOneLink() throws {
        let folder = try letter(signers: 20)
        defer { try? FileManager.default.removeItem(at: folder) }
        // Four at once on a store none of them has created yet: each migrates it, and each
        // decides who still needs a link.
        let outs = ["first", "second", "third", "fourth"]
        let results = try concurrently(outs.map { ["invite", "letter/plan.yml", "--out", $0] }, in: folder)
        for run in results { #expect(run.status == 0, "\(run.stderr)") }
        var invited: [String] = []
        for name in outs {
            let csv = folder.appendingPathComponent("\(name)/invitations.csv")
            guard FileManager.default.fileExists(atPath: csv.path) else { continue }
            invited += try lines(of: csv).dropFirst().map { String($0.prefix { $0 != "," }) }
        }
        #expect(invited.sorted() == (0..<20).map { "org-\($0)" }.sorted(), "each signer is invited exactly once")
    }

    @Test func aVersionFlagAfterASubcommandIsAUsageErrorThatNamesDraft() throws {
        let folder = try letter(signers: 2)
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try cli.docket("sign", "letter/plan.yml", "--signer", "org-0", "--approve", "--version", "8bca222d1872", in: folder)
        #expect(run.status == 2)
        #expect(run.stderr.contains("--draft"), "\(run.stderr)")
        #expect(!run.stdout.contains("0.1.0"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("letter/lists/approvals.jsonl").path), "nothing is recorded")
        let compose = try cli.docket("compose", "letter/plan.yml", "--version", in: folder)
        #expect(compose.status == 2, "\(compose.stdout)")
        let alone = try cli.docket("--version", in: folder)
        #expect(alone.status == 0)
        #expect(alone.stdout == "0.1.0\n")
    }

    @Test func pdfInOutputsIsRefusedAtItsLine() throws {
        let folder = try letter(signers: 1)
        defer { try? FileManager.default.removeItem(at: folder) }
        let plan = folder.appendingPathComponent("letter/plan.yml")
        try (try String(contentsOf: plan, encoding: .utf8) + "outputs: [md, pdf]\n").write(to: plan, atomically: true, encoding: .utf8)
        let check = try cli.docket("check", "letter", in: folder)
        #expect(check.status == 1)
        #expect(check.stdout.contains("letter/plan.yml:9:15: error[DK015]: compose writes no PDF"), "\(check.stdout)")
        let compose = try cli.docket("compose", "letter/plan.yml", in: folder)
        #expect(compose.status == 1)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out").path))
    }

    @Test func diffDocxIsStampedWithTheCommandsTime() throws {
        let folder = try letter(signers: 1)
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try cli.docket("compose", "letter/plan.yml", "--format", "md", in: folder).status == 0)
        let ask = folder.appendingPathComponent("Templates/clauses/ask.md")
        try String(contentsOf: ask, encoding: .utf8).replacingOccurrences(of: "Fortify.", with: "Fortify now.").write(to: ask, atomically: true, encoding: .utf8)
        #expect(try cli.docket("compose", "letter/plan.yml", "--format", "md", in: folder).status == 0)
        let run = try cli.docket("diff", "letter/plan.yml", "--docx", "changes.docx", in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        let unzip = Process()
        unzip.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        unzip.arguments = [
            "python3", "-c", "import zipfile,sys; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read('word/document.xml').decode())",
            folder.appendingPathComponent("changes.docx").path,
        ]
        let pipe = Pipe()
        unzip.standardOutput = pipe
        try unzip.run()
        let xml = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        unzip.waitUntilExit()
        // SOURCE_DATE_EPOCH 1768496400 is 2026-01-15T17:00:00Z.
        #expect(xml.contains("w:date=\"2026-01-15T17:00:00Z\""), "\(xml.prefix(600))")
    }

    @Test func submitComposesAtTheTimePackageDid() throws {
        // No `date:`: the letter is dated the day it is composed, so a submit composing with
        // the wall clock instead of SOURCE_DATE_EPOCH found another version and refused.
        let folder = CLITests.workingCopy.appendingPathComponent("Examples/undated-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let plan = """
            name: undated
            kind: comment
            docket: ../omb-2023-0020/docket.yml
            library: ../omb-2023-0020
            submitter:
              type: individual
              firstName: Ana
              lastName: Nguyen
              email: ana@example.org
            sections:
              - recommendations: [publish-impact-assessments]

            """
        try plan.write(to: folder.appendingPathComponent("plan.yml"), atomically: true, encoding: .utf8)
        try "test-key-not-real\n".write(to: folder.appendingPathComponent("key"), atomically: true, encoding: .utf8)
        let package = try cli.docket("package", "plan.yml", "--allow-late", "--attach", "docx", in: folder)
        #expect(package.status == 0, "\(package.stderr)")
        let submit = try cli.docket("submit", "plan.yml", "--dry-run", "--allow-late", "--api-key-file", "key", in: folder)
        #expect(submit.status == 0, "\(submit.stderr)")
        #expect(submit.stdout.contains("dry run: nothing was sent"), "\(submit.stdout)")
    }
}
