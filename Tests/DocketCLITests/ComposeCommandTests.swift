import Foundation
import Testing

/// `docket compose` end to end, on the bundled example and on a copy of it that is broken.
@Suite struct ComposeCommandTests {
    let cli = CLITests()

    func scratchFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("docket-compose-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func composingTheExampleWritesThreeFilesAndPrintsSizesAndVersion() throws {
        let out = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let run = try cli.docket("compose", "Examples/omb-2023-0020/plan.yml", "--out", out.path)
        #expect(run.status == 0, "\(run.stderr)")
        let folder = out.appendingPathComponent("omb-2023-0020")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(names == ["comment-box.txt", "omb-2023-0020.html", "omb-2023-0020.md"])
        for name in names {
            let size = try Data(contentsOf: folder.appendingPathComponent(name)).count
            #expect(run.stdout.contains("\(name) (\(size) bytes)"), "\(run.stdout)")
        }
        let golden = CLITests.packageRoot.appendingPathComponent("Examples/omb-2023-0020/expected/omb-2023-0020.md")
        #expect(try Data(contentsOf: folder.appendingPathComponent("omb-2023-0020.md")) == Data(contentsOf: golden))
        #expect(run.stdout.range(of: #"version sha256:[0-9a-f]{64}\n"#, options: .regularExpression) != nil)
    }

    @Test func stdoutPrintsOneFormatAndWritesNothing() throws {
        let out = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let run = try cli.docket("compose", "Examples/omb-2023-0020/plan.yml", "--out", out.path, "--stdout", "txt")
        #expect(run.status == 0)
        #expect(run.stdout.hasSuffix("See attached file(s).\n\nDraft version sha256:" + run.stdout.suffix(65)))
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).isEmpty)
    }

    /// An `--out` that is a file was once changed by a failed compose; options that cannot
    /// apply together were silently ignored.
    @Test(arguments: ["compose", "package"]) func anOutThatIsAFileIsRefusedAndLeftAsItWas(command: String) throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("not-a-folder")
        try Data("mine".utf8).write(to: file)
        let run = try cli.docket(command, "Examples/omb-2023-0020/plan.yml", "--out", file.path)
        #expect(run.status == 2)
        #expect(run.stderr.contains("--out \(file.path) is a file, not a folder"), "\(run.stderr)")
        #expect(try String(contentsOf: file, encoding: .utf8) == "mine")
    }

    @Test func stdoutWithFormatIsAUsageError() throws {
        let run = try cli.docket("compose", "Examples/omb-2023-0020/plan.yml", "--stdout", "md", "--format", "html")
        #expect(run.status == 2)
        #expect(run.stderr.contains("--stdout prints one format and writes no files; it does not take --format"))
        #expect(run.stdout.isEmpty)
    }

    @Test func formatOptionLimitsTheFilesAndRejectsUnknownNames() throws {
        let out = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let run = try cli.docket("compose", "Examples/omb-2023-0020/plan.yml", "--out", out.path, "--format", "md")
        #expect(run.status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("omb-2023-0020").path) == ["omb-2023-0020.md"])
        let bad = try cli.docket("compose", "Examples/omb-2023-0020/plan.yml", "--format", "md,pdfx")
        #expect(bad.status == 2)
        // A format asked for twice once replaced files and then failed; now it is bad usage,
        // and the files already there stay as they were.
        let before = try Data(contentsOf: out.appendingPathComponent("omb-2023-0020/omb-2023-0020.md"))
        let twice = try cli.docket("compose", "Examples/omb-2023-0020/plan.yml", "--out", out.path, "--format", "md,html,md")
        #expect(twice.status == 2)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("omb-2023-0020").path) == ["omb-2023-0020.md"])
        #expect(try Data(contentsOf: out.appendingPathComponent("omb-2023-0020/omb-2023-0020.md")) == before)
    }

    /// The plan loses a required value. The error names the plan line, and the files a previous
    /// run wrote are left exactly as they were.
    @Test func missingVariableFailsLocatedAndLeavesTheOutputFolderUntouched() throws {
        let work = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: work) }
        let root = CLITests.packageRoot
        for folder in ["Recommendations", "Templates"] {
            try FileManager.default.copyItem(at: root.appendingPathComponent(folder), to: work.appendingPathComponent(folder))
        }
        let example = work.appendingPathComponent("Examples/omb-2023-0020")
        try FileManager.default.createDirectory(at: example.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: root.appendingPathComponent("Examples/omb-2023-0020"), to: example)

        let first = try cli.docket("compose", "Examples/omb-2023-0020/plan.yml", in: work)
        #expect(first.status == 0, "\(first.stderr)")
        let output = work.appendingPathComponent("out/omb-2023-0020")
        let before = try snapshot(output)
        #expect(before.count == 3)

        let plan = example.appendingPathComponent("plan.yml")
        let text = try String(contentsOf: plan, encoding: .utf8)
        try text.replacingOccurrences(of: "  coalition_name: The Coalition for Accountable Immigration Technology\n", with: "").write(to: plan, atomically: true, encoding: .utf8)

        let second = try cli.docket("compose", "Examples/omb-2023-0020/plan.yml", in: work)
        #expect(second.status == 1)
        #expect(second.stderr.contains("Examples/omb-2023-0020/plan.yml:33:13: error[DK305]: clause 'closing.coalition' needs a value for 'coalition_name'"), "\(second.stderr)")
        #expect(second.stderr.contains("nothing written"))
        #expect(try snapshot(output) == before)
    }

    private func snapshot(_ folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            files[name] = try Data(contentsOf: folder.appendingPathComponent(name))
        }
        return files
    }
}

/// The library commands a coalition lead uses to reuse text across dockets.
@Suite struct LibraryReuseCommandTests {
    let cli = CLITests()

    @Test func whereUsedSearchAndOutdatedSpeakTextAndJSON() throws {
        let whereUsed = try cli.docket("library", "where-used", "closing.letter")
        #expect(whereUsed.status == 0)
        #expect(
            whereUsed.stdout
                == "Examples/clearview-2021/plan.yml:28:13: section version 1\nExamples/dhs-2026-0099/plan.yml:29:13: section version 1\nExamples/dhs-ai-compliance-2024/plan.yml:33:13: section version 1\nExamples/omb-dhs-ai-2024/plan.yml:31:13: section version 1\nclosing.letter is used 4 times\n")

        let search = try cli.docket("library", "search", "clearview", "--format", "json")
        let hits = try #require(try JSONSerialization.jsonObject(with: Data(search.stdout.utf8)) as? [[String: Any]])
        #expect(hits.contains { $0["id"] as? String == "ban-untargeted-face-scraping" && $0["kind"] as? String == "recommendation" })

        let outdated = try cli.docket("library", "outdated")
        #expect(outdated.status == 0)
        #expect(outdated.stdout == "every pinned clause is current\n")

        let unknown = try cli.docket("library", "where-used", "no-such-thing")
        #expect(unknown.status == 1)
    }
}

/// `docket compose --each`: a letter each supporter sends alone, one Markdown draft a row.
@Suite struct ComposeEachCommandTests {
    let cli = CLITests()

    /// A campaign with one clause reading the supporter's name and city.
    func campaign() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("docket-each-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("Templates/clauses"), withIntermediateDirectories: true)
        try """
        ---
        id: personal
        version: 1
        title: A supporter's own words
        variables:
          name: { type: string, required: true }
          city: { type: string, default: "our town" }
        ---
        I am {{name}}, from {{city}}, and I ask DHS to stop using face recognition it cannot explain.
        """.write(to: folder.appendingPathComponent("Templates/clauses/personal.md"), atomically: true, encoding: .utf8)
        try """
        name: write-in
        kind: letter
        submitter: { type: anonymous }
        variables:
          name: A supporter
        sections:
          - clause: personal
        """.write(to: folder.appendingPathComponent("plan.yml"), atomically: true, encoding: .utf8)
        return folder
    }

    @Test func eachRowIsWrittenAndTheFolderIsReplacedWhole() throws {
        let folder = try campaign()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "id,name,city,phone\nana,Ana Ruiz,El Paso,915-555-0100\nbo,Bo Chen,,\ncy,Cy Park,Newark,\n".write(
            to: folder.appendingPathComponent("supporters.csv"), atomically: true, encoding: .utf8)
        let run = try cli.docket("compose", "plan.yml", "--each", "supporters.csv", "--out", "out", in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("wrote 3 drafts"), "\(run.stdout)")
        #expect(run.stderr.contains("supporters.csv:1:14: warning[DK306]: no clause in this plan reads 'phone'"), "\(run.stderr)")
        let each = folder.appendingPathComponent("out/write-in/each")
        #expect(try FileManager.default.contentsOfDirectory(atPath: each.path).sorted() == ["ana.md", "bo.md", "cy.md"])
        let ana = try String(contentsOf: each.appendingPathComponent("ana.md"), encoding: .utf8)
        #expect(ana.contains("I am Ana Ruiz, from El Paso, and I ask DHS"))
        #expect(!ana.contains("915-555-0100"))
        #expect(try String(contentsOf: each.appendingPathComponent("bo.md"), encoding: .utf8).contains("I am Bo Chen, from our town,"))

        // Bo leaves the list: his draft goes with him.
        try "id,name,city\nana,Ana Ruiz,El Paso\ncy,Cy Park,Newark\n".write(to: folder.appendingPathComponent("supporters.csv"), atomically: true, encoding: .utf8)
        #expect(try cli.docket("compose", "plan.yml", "--each", "supporters.csv", "--out", "out", in: folder).status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: each.path).sorted() == ["ana.md", "cy.md"])

        // A wrong row stops every draft; what was written stays.
        let before = try Data(contentsOf: each.appendingPathComponent("ana.md"))
        try "id,name,city\nana,Ana Ruiz,Tucson\nana,Dee,Reno\n".write(to: folder.appendingPathComponent("bad.csv"), atomically: true, encoding: .utf8)
        let bad = try cli.docket("compose", "plan.yml", "--each", "bad.csv", "--out", "out", in: folder)
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("bad.csv:3:1: error[DK013]: supporter id 'ana' is already used at line 2"), "\(bad.stderr)")
        #expect(bad.stderr.contains("nothing written"))
        #expect(try Data(contentsOf: each.appendingPathComponent("ana.md")) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: each.path).sorted() == ["ana.md", "cy.md"])
    }

    @Test func eachTakesNoFormatOrStdout() throws {
        let folder = try campaign()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try cli.docket("compose", "plan.yml", "--each", "supporters.csv", "--format", "html", in: folder).status == 2)
        #expect(try cli.docket("compose", "plan.yml", "--each", "supporters.csv", "--stdout", "md", in: folder).status == 2)
    }
}
