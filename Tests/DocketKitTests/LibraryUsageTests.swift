import Foundation
import Testing

@testable import DocketKit
@testable import DocketCitations
@testable import DocketCompose
@testable import DocketLibrary
@testable import DocketMarkdown
@testable import DocketModel
@testable import DocketRender
@testable import DocketReview
@testable import DocketSubmission
@testable import DocketSupport

@Suite struct LibraryUsageTests {
    let bundled = LibraryUsage(root: ".", baseDirectory: BundledLibraryTests.packageRoot)

    @Test func whereUsedNamesPlanLineAndVersion() {
        let uses = bundled.uses(of: "intro.coalition")
        #expect(uses == [.init(plan: "Examples/omb-2023-0020/plan.yml", line: 19, column: 13, how: .section, version: 1, pinned: true, via: nil)])
        let recommendation = bundled.uses(of: "ban-untargeted-face-scraping")
        #expect(Set(recommendation.map(\.plan)) == ["Examples/omb-2023-0020/plan.yml", "Examples/clearview-2021/plan.yml"])
        #expect(recommendation.allSatisfy { $0.how == .recommendation && $0.version == nil })
    }

    @Test func whereUsedFollowsPartialsAndTemplates() {
        let usage = LibraryUsage(root: "compose", paths: ["compose/plans/full"], baseDirectory: fixtures)
        let uses = usage.uses(of: "signoff")
        #expect(uses.contains(.init(plan: "compose/plans/full/plan.yml", line: 17, column: 13, how: .partial, version: 1, pinned: false, via: "intro@1")))
        #expect(uses.contains { $0.how == .answer })
        #expect(usage.uses(of: "letter").map(\.how) == [.template])
    }

    @Test func searchMatchesEveryWordIgnoringCaseAndAccents() throws {
        #expect(bundled.search("appeal precluded").map(\.id).contains("human-review-and-appeal"))
        // Citations are searchable as written and in canonical form.
        #expect(bundled.search("Art. 5(1)(e)").map(\.id).contains("ban-untargeted-face-scraping"))
        #expect(bundled.search("APPEAL nosuchword").isEmpty)
        let usage = LibraryUsage(root: "compose", baseDirectory: fixtures)
        let hit = try #require(usage.search("zurich sao").first)
        #expect(hit.id == "multibyte-fits")
        #expect(hit.kind == .clause)
        #expect(hit.line == 6)
    }

    @Test func outdatedListsPlansPinnedBehindTheLibrary() {
        #expect(
            bundled.outdated() == [.init(plan: "Examples/omb-2023-0020/plan.yml", line: 19, column: 13, clause: "intro.coalition", pinned: 1, newest: 2, reason: .newerVersion)])
    }

    @Test func pinningAnOlderVersionWarnsWithTheNewerOneAsFixIt() throws {
        let report = Checker.check(paths: ["Examples/omb-2023-0020"], now: fixedNow, baseDirectory: BundledLibraryTests.packageRoot)
        let warning = try #require(report.diagnostics.first { $0.code == .newerClauseVersion })
        #expect(warning.range.start.line == 19)
        #expect(warning.fixIt == "intro.coalition@2")
    }

    @Test func bundledLockMatchesEveryClauseVersion() {
        let report = Checker.check(paths: ["Templates"], now: fixedNow, baseDirectory: BundledLibraryTests.packageRoot)
        #expect(report.diagnostics.filter { [.clauseTextChanged, .clauseNotRecorded, .malformedClauseLock].contains($0.code) }.isEmpty)
    }

    @Test func changedTextUnderTheSameVersionWarns() throws {
        let folder = try TemporaryFolder()
        let clause = """
            ---
            id: hello
            version: 1
            title: Hello
            ---
            Hello.
            """
        try folder.write("Templates/clauses/hello.md", clause)
        try folder.write("Templates/clauses/other.md", clause.replacingOccurrences(of: "id: hello", with: "id: other"))
        let recorded = ClauseLock(recording: Workspace(loading: ["Templates"], baseDirectory: folder.url).clauses.filter { $0.id == "hello" })
        try folder.write("Templates/clause-versions.json", try recorded.encoded())
        #expect(Checker.check(paths: ["Templates"], baseDirectory: folder.url).diagnostics.map(\.code) == [.clauseNotRecorded])

        try folder.write("Templates/clauses/hello.md", clause.replacingOccurrences(of: "Hello.", with: "Goodbye."))
        let report = Checker.check(paths: ["Templates"], baseDirectory: folder.url)
        let warning = try #require(report.diagnostics.first { $0.code == .clauseTextChanged })
        #expect(warning.range.start.file == "Templates/clauses/hello.md")
        #expect(warning.message.contains("version 2"))

        try folder.write("Templates/clause-versions.json", "[1, 2]")
        #expect(Checker.check(paths: ["Templates"], baseDirectory: folder.url).diagnostics.map(\.code).contains(.malformedClauseLock))
    }
}
