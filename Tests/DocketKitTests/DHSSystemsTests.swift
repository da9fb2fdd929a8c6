import Foundation
import Testing

@testable import DocketKit

/// The recommendations on the DHS systems the library added last, and the 106-organization letter.
@Suite struct DHSSystemsTests {
    static let added = [
        "raven": "inventory-raven-analytics", "identity": "notice-and-appeal-for-benefit-models",
        "smartlink": "limit-atd-electronic-monitoring", "atd": "limit-atd-electronic-monitoring", "babel": "publish-cbp-online-analytics",
        "fivecast-onyx": "publish-cbp-online-analytics", "cbp-one": "publish-cbp-online-analytics",
    ]

    @Test func eachSystemFindsItsRecommendationByTag() {
        let catalog = LibraryCatalog(root: BundledLibraryTests.packageRoot.path)
        for (tag, id) in Self.added {
            #expect(catalog.entries(kind: .recommendation, tag: tag).map(\.id).contains(id), "\(tag)")
        }
    }

    @Test func theNewRecommendationsCheckCleanAndResolveEveryCitation() {
        let report = Checker.check(paths: ["Recommendations"], now: fixedNow, baseDirectory: BundledLibraryTests.packageRoot)
        let files = Set(Self.added.values.map { "Recommendations/\($0).md" })
        let theirs = report.diagnostics.filter { files.contains($0.range.start.file) }
        #expect(theirs.filter { $0.severity == .error }.isEmpty, "\(theirs)")
        #expect(theirs.filter { $0.code == .unknownCitation || $0.code == .rescindedWithoutSuccessor }.isEmpty, "\(theirs)")
    }

    @Test func whereUsedNamesTheCampaignsThatUseThem() throws {
        let folder = try TemporaryFolder()
        try FileManager.default.createSymbolicLink(at: folder.url.appendingPathComponent("library"), withDestinationURL: BundledLibraryTests.packageRoot)
        try folder.write(
            "c/plan.yml",
            "date: 2026-11-01\nkind: letter\nlibrary: ../library\nsubmitter: { type: anonymous }\nsections:\n  - recommendations: [inventory-raven-analytics, publish-cbp-online-analytics]\n"
        )
        let usage = LibraryUsage(roots: ["library"], paths: ["c"], baseDirectory: folder.url)
        #expect(usage.uses(of: "inventory-raven-analytics").map(\.plan) == ["c/plan.yml"])
        #expect(usage.uses(of: "publish-cbp-online-analytics").map(\.plan) == ["c/plan.yml"])
        // A letter of 2026 may use them; their facts are of the 2024 inventory.
        #expect(Checker.check(paths: ["c"], now: fixedNow, baseDirectory: folder.url).errorCount == 0)
    }

    @Test func theLetterToOMBSaysOnlyWhatWasPublicInDecember2024() throws {
        let outcome = Composition.compose(plan: "Examples/omb-dhs-ai-2024/plan.yml", now: fixedNow, baseDirectory: BundledLibraryTests.packageRoot)
        let draft = try #require(outcome.draft)
        #expect(!outcome.diagnostics.contains { $0.code == .citedBeforeIssued || $0.code == .factsAfterDocumentDate })
        #expect(draft.markdown.contains("December 20, 2024"))
        #expect(draft.markdown.contains("We, the 106 undersigned"))
        #expect(!draft.markdown.contains("M-25-21") && !draft.markdown.contains("DHS-2408"))
    }
}

@Suite struct DeliveryPackageTests {
    @Test func aLetterWithNoDocketIsPackagedForDelivery() throws {
        var options = Filing.Options()
        options.formats = [.docx]
        options.converter = nil
        let outcome = Filing.package(plan: "Examples/omb-dhs-ai-2024/plan.yml", options: options, now: fixedNow, baseDirectory: BundledLibraryTests.packageRoot)
        #expect(!outcome.diagnostics.hasErrors, "\(outcome.diagnostics.filter { $0.severity == .error })")
        let files = try #require(outcome.value?.files)
        #expect(files.map(\.name) == ["Coalition-for-Accountable-Immigration-Technology_sign-on-letter.docx", "checklist.md", "manifest.json"])
        let checklist = String(decoding: files[1].data, as: UTF8.self)
        #expect(checklist.hasPrefix("# Delivery checklist: End DHS's non-compliant AI and deny the waivers that hide it\n"))
        #expect(checklist.contains("106 organizations, each of which approved version 24f126ba7042"))
        let manifest = try #require(try JSONSerialization.jsonObject(with: files[2].data) as? [String: Any])
        #expect((manifest["files"] as? [[String: Any]])?.count == 2)
    }

    @Test func aCommentWithNoDocketStillCannotBePackaged() throws {
        let folder = try TemporaryFolder()
        try folder.write("Templates/clauses/hello.md", "---\nid: hello\nversion: 1\ntitle: Hello\n---\nWe comment.\n")
        try folder.write("c/plan.yml", "kind: comment\nlibrary: ..\napprovals: not-required\nsubmitter: { type: anonymous }\nsections:\n  - clause: hello\n")
        var options = Filing.Options()
        options.converter = nil
        let outcome = Filing.package(plan: "c/plan.yml", options: options, now: fixedNow, baseDirectory: folder.url)
        #expect(outcome.diagnostics.contains { $0.code == .missingField && $0.message.contains("docket") && $0.severity == .error }, "\(outcome.diagnostics)")
        #expect(outcome.value?.files.isEmpty ?? true)
    }
}
