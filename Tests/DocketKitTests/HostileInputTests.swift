import DocketCompose
import DocketLibrary
import DocketModel
import DocketRender
import DocketReview
import DocketSubmission
import DocketSupport
import Foundation
import Testing

@testable import DocketKit

/// A small campaign written into a scratch folder: a library, a plan and whatever a test adds,
/// so each hostile input is one file of a real campaign.
final class HostileCampaign {
    let folder: TemporaryFolder

    init(plan: String = HostileCampaign.plainPlan) throws {
        folder = try TemporaryFolder()
        try folder.write("Templates/clauses/hello.md", HostileCampaign.clause(id: "hello", body: "Hello from {{coalition}}."))
        try folder.write("c/plan.yml", plan)
    }

    static let plainPlan = """
        kind: letter
        library: ..
        submitter: { type: anonymous }
        variables:
          coalition: Example Coalition
        sections:
          - clause: hello
        """

    static func clause(id: String, body: String, variables: String = "  coalition: { type: string, required: true }") -> String {
        "---\nid: \(id)\nversion: 1\ntitle: \(id)\nvariables:\n\(variables)\n---\n\(body)\n"
    }

    func write(_ path: String, _ text: String) throws { try folder.write(path, text) }
    func write(_ path: String, _ data: Data) throws { try folder.write(path, data) }

    func check(_ paths: String...) -> CheckReport {
        Checker.check(paths: paths.isEmpty ? ["c/plan.yml"] : paths, now: fixedNow, baseDirectory: folder.url)
    }

    func compose(formats: [Composition.Format]? = nil) -> Outcome<Composition.Result> {
        Composition.compose(plan: "c/plan.yml", formats: formats, now: fixedNow, baseDirectory: folder.url)
    }
}

/// Each test is a reproduction from the adversarial run: it crashed, hung, said nothing, or
/// wrote where it must not, before the fix.
@Suite struct NoCrashNoHangTests {
    @Test func aClauseThatIncludesItselfIsAnErrorAtTheInclude() throws {
        let campaign = try HostileCampaign()
        try campaign.write("Templates/clauses/hello.md", HostileCampaign.clause(id: "hello", body: "Hello {{coalition}}.\n\n{{> hello}}"))
        let report = campaign.check()
        #expect(report.found(.includeCycle) == [Found("DK211", 10, 5)], "\(report.diagnostics)")
        #expect(report.messages(.includeCycle).first?.contains("hello → hello") == true)
        #expect(!campaign.compose().succeeded)
    }

    @Test func partialsThatIncludeEachOtherNameTheCycle() throws {
        let campaign = try HostileCampaign()
        try campaign.write("Templates/clauses/hello.md", HostileCampaign.clause(id: "hello", body: "{{coalition}} {{> a}}"))
        try campaign.write("Templates/clauses/a.md", HostileCampaign.clause(id: "a", body: "A {{> b}}", variables: "  {}"))
        try campaign.write("Templates/clauses/b.md", HostileCampaign.clause(id: "b", body: "B {{> a}}", variables: "  {}"))
        let report = campaign.check()
        #expect(report.messages(.includeCycle).contains { $0.contains("a → b → a") }, "\(report.diagnostics)")
        let composed = campaign.compose()
        #expect(!composed.succeeded)
        #expect(composed.diagnostics.contains { $0.code == .includeCycle && $0.range.start.file == "Templates/clauses/hello.md" })
    }

    @Test func fiveThousandNestedSectionsAreALocatedErrorNotACrash() throws {
        let campaign = try HostileCampaign()
        let body = "{{coalition}}\n" + String(repeating: "{{#coalition}}", count: 5_000) + String(repeating: "{{/coalition}}", count: 5_000)
        try campaign.write("Templates/clauses/hello.md", HostileCampaign.clause(id: "hello", body: body))
        let report = campaign.check()
        // The 33rd opening tag on the body's second line (file line 9), each tag 14 bytes long.
        #expect(report.found(.nestingTooDeep) == [Found("DK212", 9, 32 * 14 + 1)], "\(report.diagnostics.prefix(3))")
    }

    @Test func includesThatFanOutAreStoppedBeforeRendering() throws {
        let campaign = try HostileCampaign()
        try campaign.write("Templates/clauses/hello.md", HostileCampaign.clause(id: "hello", body: "{{coalition}} {{> f0}}"))
        // f0 includes f1 twice, f1 includes f2 twice, …: 2^25 copies of f25.
        for level in 0..<25 {
            try campaign.write(
                "Templates/clauses/f\(level).md", HostileCampaign.clause(id: "f\(level)", body: "{{> f\(level + 1)}}{{> f\(level + 1)}}", variables: "  {}"))
        }
        try campaign.write("Templates/clauses/f25.md", HostileCampaign.clause(id: "f25", body: String(repeating: "x", count: 100), variables: "  {}"))
        let started = Date()
        let report = campaign.check()
        #expect(Date().timeIntervalSince(started) < 10)
        #expect(report.errorCount > 0)
        #expect(report.diagnostics.contains { $0.code == .expansionTooLarge || $0.code == .nestingTooDeep }, "\(report.diagnostics.prefix(3))")
    }

    @Test func anAliasBombOnMappingKeysIsRefusedAtOnce() throws {
        let campaign = try HostileCampaign()
        var yaml = "id: TEST-2023-0001\nagency: OMB\ntitle: t\nl0: &l0 {a: 1, b: 2}\n"
        for level in 1...12 {
            yaml += "l\(level): &l\(level) {? *l\(level - 1) : 1, ? [*l\(level - 1)] : 2}\n"
        }
        try campaign.write("c/docket.yml", yaml)
        let started = Date()
        let report = campaign.check("c/docket.yml")
        #expect(Date().timeIntervalSince(started) < 5)
        #expect(report.found(.aliasExpansion) == [Found("DK020", 5, 12)], "\(report.diagnostics)")
    }

    @Test func anAliasOfASingleValueStillLoads() throws {
        let campaign = try HostileCampaign()
        try campaign.write("c/docket.yml", "id: &id TEST-2023-0001\nagency: OMB\ntitle: *id\n")
        #expect(campaign.check("c/docket.yml").errorCount == 0)
    }

    @Test func anUnknownBuiltInFieldIsNamed() throws {
        let campaign = try HostileCampaign()
        try campaign.write("Templates/clauses/hello.md", HostileCampaign.clause(id: "hello", body: "{{coalition}} on {{docket.nonexistent}} and {{docket.published.day}}."))
        let report = campaign.check()
        #expect(report.found(.unknownField) == [Found("DK214", 8, 20), Found("DK214", 8, 47)], "\(report.diagnostics)")
        #expect(report.messages(.unknownField).first?.contains("'docket' has no field 'nonexistent'") == true)
    }

    @Test(arguments: [("{{coalition}} and {{name", 19, "a tag '{{' opened here is never closed"), ("{{coalition}} {{! a note", 15, "a comment '{{!' opened here")])
    func anUnclosedTagOrCommentSaysSo(body: String, column: Int, message: String) throws {
        let campaign = try HostileCampaign()
        try campaign.write("Templates/clauses/hello.md", HostileCampaign.clause(id: "hello", body: body))
        let report = campaign.check()
        #expect(report.found(.unclosedTag) == [Found("DK215", 8, column)], "\(report.diagnostics)")
        #expect(report.messages(.unclosedTag).first?.contains(message) == true)
        #expect(!report.diagnostics.contains { $0.message.contains("overflow") })
    }

    @Test func aLibraryFolderWithNoLibraryIsOneError() throws {
        let campaign = try HostileCampaign(plan: HostileCampaign.plainPlan.replacingOccurrences(of: "library: ..", with: "library: empty"))
        try campaign.write("c/empty/README.txt", "nothing here")
        let report = campaign.check()
        #expect(report.found(.noLibrary) == [Found("DK310", 2, 10)], "\(report.diagnostics)")
        #expect(report.messages(.noLibrary).first?.contains("holds no Recommendations/ or Templates/") == true)
    }
}

/// Inputs the fuzzer found; each is also in the fuzz target's committed corpus.
@Suite struct FuzzRegressionTests {
    /// libyaml ends a line at a lone CR and our line table does not, so a duplicate key after
    /// lone CRs has a YAML line past the file's last: locating the repeat trapped on the range.
    @Test func aDuplicateKeyAfterLoneCarriageReturnsIsAnErrorNotACrash() throws {
        let data = Data("# notice\r\r\r\r\rid: OMB-2023-0020\nagency: OMB\nid: OMB-2023-0021\n".utf8)
        let file = try #require(SourceFileReader.decode(data, path: "docket.yml").0)
        let (docket, diagnostics) = DocketParser.parse(file)
        #expect(docket == nil)
        #expect(diagnostics.contains { $0.code == .malformedYAML && $0.message.contains("duplicate key 'id'") }, "\(diagnostics)")
    }
}

@Suite struct NoEscapeTests {
    @Test func aPlanNamedWithDotDotIsAnError() throws {
        let campaign = try HostileCampaign(plan: "name: ../../X\n" + HostileCampaign.plainPlan)
        let outcome = campaign.compose()
        #expect(outcome.found(.unsafeName) == [Found("DK018", 1, 7)], "\(outcome.diagnostics)")
        #expect(outcome.rendered.isEmpty)
    }

    @Test func aSignerIDWithDotDotIsAnError() throws {
        let campaign = try HostileCampaign()
        try campaign.write("c/signatories.csv", "id,organization\n../../../X,Escape Org\nok,Fine Org\n")
        let report = campaign.check("c/signatories.csv")
        #expect(report.found(.unsafeName) == [Found("DK018", 2, 1)], "\(report.diagnostics)")
    }

    @Test func writingRefusesAnUnsafeOrRepeatedFileNameBeforeTouchingAnything() throws {
        let folder = try TemporaryFolder()
        try folder.write("out/keep.md", "old")
        #expect(throws: AtomicWriter.WriteError.self) {
            try AtomicWriter.write([("keep.md", Data("new".utf8)), ("keep.md", Data("newer".utf8))], into: folder.url.appendingPathComponent("out"))
        }
        #expect(throws: AtomicWriter.WriteError.self) { try AtomicWriter.write([("../x.md", Data("x".utf8))], into: folder.url.appendingPathComponent("out")) }
        #expect(try String(contentsOf: folder.url.appendingPathComponent("out/keep.md"), encoding: .utf8) == "old")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.appendingPathComponent("out").path) == ["keep.md"])
    }
}

@Suite struct NoLeakTests {
    static let roster = "id,organization,contact_email,contact_phone\nalex,Alex Org,alex@cait.example.org,(202) 555-0143\n"

    @Test func anEmailSplitByMarkdownIsFoundAndNothingIsWritten() throws {
        let campaign = try HostileCampaign(plan: HostileCampaign.plainPlan + "\nsignatories: signatories.csv")
        try campaign.write("c/signatories.csv", Self.roster)
        try campaign.write("Templates/clauses/hello.md", HostileCampaign.clause(id: "hello", body: "{{coalition}}: write to **alex**@cait.example.org."))
        let outcome = campaign.compose(formats: [.md, .html, .docx])
        #expect(!outcome.succeeded)
        #expect(outcome.rendered.isEmpty)
        #expect(outcome.diagnostics.contains { $0.code == .privateFieldInPublicText && $0.message.contains("signer 'alex'") }, "\(outcome.diagnostics)")
    }

    /// A signer with an email and a phone, for the disguise tests.
    static let alexWithPhone = PrivateFields(
        signatories: [
            Signatory(
                id: "alex", organization: "Alex Org", city: nil, state: nil, contactName: nil, contactEmail: "alex@cait.example.org", contactPhone: "202-555-0100",
                source: .file("s.csv"))
        ],
        submitter: .anonymous, submitterRange: nil)

    /// Once missed: a phone number in fullwidth digits and addresses written so machines miss
    /// them. Each is found, and located where it is written.
    @Test(arguments: [
        "Call ２０２-５５５-０１００ any day.", "Write to alex @ cait.example.org today.", "Write to alex@cait[.]example[.]org today.",
        "Write to alex [at] cait [dot] example [dot] org today.", "Write to ALEX＠CAIT．EXAMPLE．ORG today.", "Write to alex (at) cait (dot) example (dot) org.",
        "Write to alex at cait dot example dot org today.",
    ])
    func aDisguisedContactIsStillFound(text: String) {
        let fields = Self.alexWithPhone
        let found = fields.matches(in: text)
        #expect(found.count == 1, "\(text)")
        guard let match = found.first else { return }
        let bytes = Array(text.utf8)
        let written = String(decoding: bytes[match.utf8Offset..<min(bytes.count, match.utf8Offset + match.utf8Length)], as: UTF8.self)
        #expect(written.lowercased().hasPrefix("alex") || written.hasPrefix("２０２"), "\(written)")
    }

    /// Ordinary prose that folding touches holds no false match.
    @Test func foldingFindsNothingInOrdinaryProse() {
        let fields = Self.alexWithPhone
        #expect(fields.matches(in: "We meet at cait (the office) at noon [dot the i's]. M-24-10 §5(c)(iv)(A), ｆｕｌｌ width. Reach us at info@cait.example.org.").isEmpty)
    }

    /// The HTML and the DOCX each put the split address back together for their reader; the
    /// scan reads them as that reader does.
    @Test func theHTMLAndDOCXScansReadTheAddressAcrossMarkupAndRuns() throws {
        let fields = PrivateFields(
            signatories: [
                Signatory(
                    id: "alex", organization: "Alex Org", city: nil, state: nil, contactName: nil, contactEmail: "alex@cait.example.org", contactPhone: nil, source: .file("s.csv"))
            ],
            submitter: .anonymous, submitterRange: nil)
        let document = ComposedDocument(
            planName: "leak", kind: .letter, header: Header(title: "Leak"),
            blocks: [.prose(Prose(markdown: "Write to **alex**@cait.*example*.org today.", provenance: Provenance(.plan, file: "p", line: 1)))])
        let version = MarkdownRenderer.version(of: document)
        let html = HTMLRenderer.render(document, version: version)
        let docx = try DOCXRenderer.render(document, version: version)
        #expect(!html.contains("alex@cait.example.org"), "the raw page splits the address")
        #expect(fields.matches(in: PublicText.html(html)).count == 1)
        #expect(fields.matches(in: PublicText.docx(docx)).count == 1)
    }

    @Test func anEmailPlacedThroughAnotherSignerFieldIsFound() throws {
        // Listed without approvals (`approvals: not-required`), so every line is printed.
        let campaign = try HostileCampaign(plan: HostileCampaign.plainPlan + "\n  - insert: signatures\nsignatories: signatories.csv\napprovals: not-required")
        try campaign.write("c/signatories.csv", Self.roster + "beta,Beta Org,,,\ngamma,alex@cait.example.org,,\n")
        let outcome = campaign.compose()
        #expect(outcome.diagnostics.contains { $0.code == .privateFieldInPublicText }, "\(outcome.diagnostics)")
        #expect(outcome.rendered.isEmpty)
    }

    @Test func docxDropsScriptDataAndFileLinksAsHTMLDoes() throws {
        let document = ComposedDocument(
            planName: "links", kind: .letter, header: Header(title: "Links"),
            blocks: [
                .prose(
                    Prose(
                        markdown: "[a](javascript:alert(1)) [b](vbscript:x) [c](file:///etc/passwd) [d](data:text/html,x) [e]( JavaScript:alert(2)) [ok](https://example.org)",
                        provenance: Provenance(.plan, file: "p", line: 1)))
            ])
        let data = try DOCXRenderer.render(document, version: MarkdownRenderer.version(of: document))
        let text = PublicText.docx(data).lowercased()
        for scheme in ["javascript:", "vbscript:", "file:", "data:"] { #expect(!text.contains(scheme), "\(scheme)") }
        #expect(text.contains("https://example.org"))
    }

    @Test func aNULByteIsRejectedAtLoadWithItsPosition() throws {
        let campaign = try HostileCampaign()
        try campaign.write("Templates/clauses/hello.md", Data(HostileCampaign.clause(id: "hello", body: "{{coalition}} says\u{0}hidden").utf8))
        let report = campaign.check()
        #expect(report.found(.controlCharacter) == [Found("DK019", 8, 19)], "\(report.diagnostics)")
    }

    @Test func aNULInAUsedClauseStopsComposeAtItsLineNotAsAnUnknownClause() throws {
        let campaign = try HostileCampaign()
        try campaign.write("Templates/clauses/hello.md", Data(HostileCampaign.clause(id: "hello", body: "Hello from\n{{coalition}} says\u{0}hidden").utf8))
        let outcome = campaign.compose()
        #expect(outcome.found(.controlCharacter) == [Found("DK019", 9, 19)], "\(outcome.diagnostics)")
        #expect(outcome.found(.unknownClause).isEmpty, "\(outcome.diagnostics)")
        #expect(outcome.unrelatedErrorCount == 0)
        #expect(outcome.rendered.isEmpty)
    }
}

@Suite struct ValidatedValueTests {
    @Test func aDeadlineOnFebruaryThirtiethIsAnError() throws {
        let campaign = try HostileCampaign()
        try campaign.write("c/docket.yml", "id: TEST-2023-0001\nagency: OMB\ntitle: t\ncommentsClose: 2023-02-30T23:59:00-05:00\n")
        let report = campaign.check("c/docket.yml")
        #expect(report.found(.invalidValue) == [Found("DK015", 4, 16)], "\(report.diagnostics)")
    }

    @Test func aDocketThatIsNotADocketIsAnErrorAtThePlan() throws {
        let campaign = try HostileCampaign(plan: HostileCampaign.plainPlan + "\ndocket: /etc/passwd")
        let outcome = campaign.compose()
        #expect(outcome.found(.missingReferencedFile) == [Found("DK303", 8, 9)], "\(outcome.diagnostics)")
        #expect(outcome.rendered.isEmpty)
    }

    @Test func anApprovalsLogThatIsAFolderStopsTheLetter() throws {
        let campaign = try HostileCampaign(plan: HostileCampaign.plainPlan + "\nsignatories: signatories.csv")
        try campaign.write("c/signatories.csv", "id,organization\none,One Org\n")
        try FileManager.default.createDirectory(at: campaign.folder.url.appendingPathComponent("c/approvals.jsonl"), withIntermediateDirectories: true)
        let outcome = campaign.compose()
        #expect(outcome.found(.unreadableApprovals) == [Found("DK615", 8, 14)], "\(outcome.diagnostics)")
        #expect(outcome.rendered.isEmpty)
    }
}

@Suite struct AllOrNothingTests {
    @Test func aKillBetweenRenamesIsFinishedByTheNextWrite() throws {
        let folder = try TemporaryFolder()
        let out = folder.url.appendingPathComponent("out")
        try AtomicWriter.write([("a.md", Data("old a".utf8)), ("b.md", Data("old b".utf8))], into: out)
        // What a run killed after its journal and its first rename leaves behind.
        try folder.write("out/.docket-T-b.md.tmp", "new b")
        try folder.write(
            "out/.docket-T.commit.json", #"{"entries":[{"temporary":".docket-T-a.md.tmp","target":"a.md"},{"temporary":".docket-T-b.md.tmp","target":"b.md"}]}"#)
        try folder.write("out/a.md", "new a")
        try folder.write("out/.docket-U-stale.md.tmp", "from a run killed before its journal")
        try AtomicWriter.write([("c.md", Data("c".utf8))], into: out)
        #expect(try String(contentsOf: out.appendingPathComponent("b.md"), encoding: .utf8) == "new b")
        #expect(try String(contentsOf: out.appendingPathComponent("a.md"), encoding: .utf8) == "new a")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).sorted() == ["a.md", "b.md", "c.md"])
    }

    @Test func aFailedAppendNamesTheCauseAndLeavesTheLogAsItWas() throws {
        let folder = try TemporaryFolder()
        let log = folder.url.appendingPathComponent("approvals.jsonl")
        try FileManager.default.createSymbolicLink(at: log, withDestinationURL: URL(fileURLWithPath: "/dev/full"))
        let approval = Approval(signer: "one", decision: .approve, version: DraftVersion(canonicalMarkdown: "x"), at: fixedNow)
        do {
            try ApprovalLog.append(approval, to: log)
            Issue.record("an append to a full device succeeded")
        } catch {
            #expect(error.description.contains("No space left on device"), "\(error.description)")
            #expect(!error.description.contains("Success"))
        }
    }

    /// On a real file system that fills up: the log keeps its earlier lines, whole, and no part
    /// of the new one. Needs root to mount a small tmpfs.
    @Test(.enabled(if: getuid() == 0, "mounting a tmpfs needs root"))
    func aFullDiskLeavesNoHalfLine() throws {
        let mountPoint = FileManager.default.temporaryDirectory.appendingPathComponent("docket-full-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: mountPoint, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: mountPoint) }
        let mount = Process()
        mount.executableURL = URL(fileURLWithPath: "/bin/mount")
        mount.arguments = ["-t", "tmpfs", "-o", "size=8k", "tmpfs", mountPoint.path]
        try mount.run()
        mount.waitUntilExit()
        try #require(mount.terminationStatus == 0, "tmpfs did not mount")
        defer {
            let unmount = Process()
            unmount.executableURL = URL(fileURLWithPath: "/bin/umount")
            unmount.arguments = [mountPoint.path]
            try? unmount.run()
            unmount.waitUntilExit()
        }
        let log = mountPoint.appendingPathComponent("approvals.jsonl")
        let version = DraftVersion(canonicalMarkdown: "x")
        var appended = 0
        var failure: String?
        for index in 0..<1_000 {
            do {
                try ApprovalLog.append(
                    Approval(signer: "signer-\(index)", decision: .approve, version: version, at: fixedNow, comment: String(repeating: "c", count: 200)), to: log)
                appended += 1
            } catch {
                failure = error.description
                break
            }
        }
        #expect(failure?.contains("No space left on device") == true, "\(failure ?? "no failure")")
        let parsed = ApprovalLog(parsing: try Data(contentsOf: log), path: "approvals.jsonl")
        #expect(parsed.diagnostics.isEmpty, "\(parsed.diagnostics)")
        #expect(parsed.records.count == appended)
    }
}

/// Bugs found trying a new campaign, each fixed at its mechanism.
@Suite struct CampaignBugTests {
    @Test func anUnclosedQuoteIsReportedAtTheQuote() throws {
        let campaign = try HostileCampaign()
        try campaign.write("c/docket.yml", "id: \"TEST-2023-0001\nagency: OMB\ntitle: t\n")
        let report = campaign.check("c/docket.yml")
        #expect(report.found(.malformedYAML) == [Found("DK007", 1, 5)], "\(report.diagnostics)")
    }

    @Test func aLeakMessageNamesTheSignerWithoutDoublingAnApostropheAndPointsAtTheAddress() {
        let fields = PrivateFields(
            signatories: [
                Signatory(
                    id: "desert-rights", organization: "Desert Rights", city: nil, state: nil, contactName: nil, contactEmail: "ana@desert.example", contactPhone: nil,
                    source: .file("s.csv"))
            ], submitter: .anonymous, submitterRange: nil)
        let source = SourceFile(path: "clause.md", text: "---\nid: x\n---\nWrite to Ana at ana@desert.example today.\n")
        let diagnostics = fields.diagnostics(forPublicText: source.text, describedAs: "the text", searching: ["clause.md"], sources: ["clause.md": source], fallback: .file("p"))
        #expect(diagnostics.map(\.message) == ["the text contains the email of signer 'desert-rights' (declared at s.csv:1:1); contact data must never reach the public docket"])
        #expect(diagnostics.map(\.range.start) == [SourceLocation(file: "clause.md", line: 4, column: 17)])
    }

    @Test func whereUsedCountsTheLibrarysOwnCampaignsWhenAPathIsGiven() {
        let usage = LibraryUsage(root: ".", paths: ["Examples/clearview-2021"], baseDirectory: BundledLibraryTests.packageRoot)
        #expect(
            Set(usage.uses(of: "closing.letter").map(\.plan)) == [
                "Examples/clearview-2021/plan.yml", "Examples/dhs-2026-0099/plan.yml", "Examples/dhs-ai-compliance-2024/plan.yml", "Examples/omb-dhs-ai-2024/plan.yml",
            ])
    }
}
