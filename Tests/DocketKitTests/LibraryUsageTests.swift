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

    @Test func whereUsedNamesPlanLineAndVersion() throws {
        let uses = bundled.uses(of: "closing.letter")
        #expect(
            uses == [
                .init(plan: "Examples/clearview-2021/plan.yml", line: 28, column: 13, how: .section, version: 1, pinned: false, via: nil),
                .init(plan: "Examples/dhs-2026-0099/plan.yml", line: 29, column: 13, how: .section, version: 1, pinned: false, via: nil),
                .init(plan: "Examples/dhs-ai-compliance-2024/plan.yml", line: 33, column: 13, how: .section, version: 1, pinned: false, via: nil),
                .init(plan: "Examples/omb-dhs-ai-2024/plan.yml", line: 31, column: 13, how: .section, version: 1, pinned: false, via: nil),
            ])
        let campaign = try PinnedCampaign()
        #expect(campaign.usage.uses(of: "a") == [.init(plan: "c/plan.yml", line: 5, column: 13, how: .section, version: 1, pinned: true, via: nil)])
        let recommendation = campaign.usage.uses(of: "r")
        #expect(recommendation.map(\.plan) == ["c/plan.yml"])
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
        #expect(bundled.search("appeal governmentwide guidance").map(\.id).contains("human-review-and-appeal"))
        // Citations are searchable as written and in canonical form.
        #expect(bundled.search("Art. 5(1)(e)").map(\.id).contains("ban-untargeted-face-scraping"))
        #expect(bundled.search("APPEAL nosuchword").isEmpty)
        let usage = LibraryUsage(root: "compose", baseDirectory: fixtures)
        let hit = try #require(usage.search("zurich sao").first)
        #expect(hit.id == "multibyte-fits")
        #expect(hit.kind == .clause)
        #expect(hit.line == 6)
    }

    @Test func outdatedListsPlansPinnedBehindTheLibrary() throws {
        // The bundled examples pin nothing; a campaign that pins an old version is listed.
        #expect(bundled.outdated().isEmpty)
        let campaign = try PinnedCampaign()
        #expect(campaign.usage.outdated() == [.init(plan: "c/plan.yml", line: 5, column: 13, clause: "a", pinned: 1, newest: 2, reason: .newerVersion)])
    }

    @Test func pinningAnOlderVersionWarnsWithTheNewerOneAsFixIt() throws {
        let campaign = try PinnedCampaign()
        let report = Checker.check(paths: ["c"], now: fixedNow, baseDirectory: campaign.folder.url)
        let warning = try #require(report.diagnostics.first { $0.code == .newerClauseVersion })
        #expect(warning.range.start.line == 5)
        #expect(warning.fixIt == "a@2")
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

/// A library whose clause 'a' has two versions, and a campaign that pins the first.
final class PinnedCampaign {
    let folder: TemporaryFolder
    var usage: LibraryUsage { LibraryUsage(root: ".", paths: ["c"], baseDirectory: folder.url) }

    init() throws {
        folder = try TemporaryFolder()
        try folder.write("Templates/clauses/a.md", "---\nid: a\nversion: 1\ntitle: A\n---\nThe first text.\n")
        try folder.write("Templates/clauses/a-2.md", "---\nid: a\nversion: 2\ntitle: A, revised\n---\nThe revised text.\n")
        try folder.write(
            "Recommendations/r.md",
            "---\nid: r\ntitle: R\nsummary: R.\nauthorities:\n  - cite: OMB M-25-21 App. §4(b)(vi)\neu:\n  - cite: EU AI Act Art. 86(1)\n    requires: An explanation.\ncomparison: The EU explains.\n---\nAppeals.\n")
        try folder.write("c/plan.yml", "kind: letter\nlibrary: ..\nsubmitter: { type: anonymous }\nsections:\n  - clause: a@1\n  - recommendations: [r]\n")
    }
}
