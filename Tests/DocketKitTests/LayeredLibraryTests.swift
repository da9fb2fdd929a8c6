import DocketModel
import Foundation
import Testing

@testable import DocketKit

/// A campaign with its own recommendation, a coalition library beside it, and the bundled
/// library: searched in that order.
final class LayeredCampaign {
    let folder: TemporaryFolder

    static func recommendation(id: String, title: String) -> String {
        """
        ---
        id: \(id)
        title: \(title)
        summary: \(title).
        authorities:
          - cite: OMB M-25-21 App. §4(b)(vi)
        eu:
          - cite: EU AI Act Art. 86(1)
            requires: A right to an explanation.
        comparison: The EU gives a right to an explanation.
        ---
        \(title), as the campaign asks.
        """
    }

    init(recommendations: [String] = ["local-appeal", "human-review-and-appeal"]) throws {
        folder = try TemporaryFolder()
        try folder.write("campaign/Recommendations/local-appeal.md", Self.recommendation(id: "local-appeal", title: "Appeal locally"))
        // The campaign's own version of a bundled recommendation: it comes first.
        try folder.write("campaign/Recommendations/human-review-and-appeal.md", Self.recommendation(id: "human-review-and-appeal", title: "Campaign's own appeal text"))
        try folder.write("coalition/Templates/clauses/coalition-intro.md", "---\nid: coalition-intro\nversion: 1\ntitle: Intro\n---\nThe coalition writes.\n")
        try folder.write(
            "campaign/plan.yml",
            """
            kind: letter
            library: [../coalition, \(BundledLibraryTests.packageRoot.path)]
            submitter: { type: anonymous }
            sections:
              - clause: coalition-intro
              - recommendations: [\(recommendations.joined(separator: ", "))]
            """)
    }

    func compose() -> Outcome<Composition.Result> {
        Composition.compose(plan: "campaign/plan.yml", formats: [.md], now: fixedNow, baseDirectory: folder.url)
    }
}

@Suite struct LayeredLibraryTests {
    @Test func aPlanComposesFromItsFolderASecondLibraryAndTheBundledOne() throws {
        let campaign = try LayeredCampaign(recommendations: ["local-appeal", "public-impact-assessment"])
        let outcome = campaign.compose()
        #expect(outcome.succeeded, "\(outcome.diagnostics.filter { $0.severity == .error })")
        let markdown = try #require(outcome.rendered.first).contents
        #expect(markdown.contains("The coalition writes."))
        #expect(markdown.contains("### Recommendation 1: Appeal locally"))
        #expect(markdown.contains("### Recommendation 2: Complete an independent AI impact assessment"), "\(markdown.prefix(600))")
    }

    @Test func theCampaignsOwnEntryShadowsTheBundledOneWithANoteNamingBoth() throws {
        let campaign = try LayeredCampaign()
        let outcome = campaign.compose()
        let markdown = try #require(outcome.rendered.first).contents
        #expect(markdown.contains("Campaign's own appeal text"))
        let note = try #require(outcome.diagnostics.first { $0.code == .shadowedEntry })
        #expect(note.severity == .note)
        // At the entry used, naming the one it hides.
        #expect(note.range.start.file == "campaign/Recommendations/human-review-and-appeal.md", "\(note)")
        #expect(note.message.contains("\(BundledLibraryTests.packageRoot.path)/Recommendations/human-review-and-appeal.md"), "\(note)")
    }

    @Test func anUnknownRecommendationNamesEveryFolderSearched() throws {
        let campaign = try LayeredCampaign(recommendations: ["local-apeal"])
        let outcome = campaign.compose()
        let message = try #require(outcome.messages(.unknownRecommendation).first)
        #expect(message.contains("looked in 'campaign', 'coalition' and '\(BundledLibraryTests.packageRoot.path)'"), "\(message)")
        #expect(message.contains("did you mean 'local-appeal'?"))
    }

    @Test func libraryCommandsInsideACampaignSeeItsLayers() throws {
        let campaign = try LayeredCampaign()
        let roots = try #require(LibraryCatalog.roots(ofCampaignIn: campaign.folder.url.appendingPathComponent("campaign").path))
        let catalog = LibraryCatalog(roots: roots)
        let ids = Set(catalog.entries().map(\.id))
        #expect(ids.isSuperset(of: ["local-appeal", "coalition-intro", "public-impact-assessment", "intro.coalition"]))
        #expect(catalog.entries(kind: .recommendation).first { $0.id == "human-review-and-appeal" }?.title == "Campaign's own appeal text")
    }
}

@Suite struct LocalRegistryTests {
    @Test func aLibrarysOwnEntriesVerifyItsCitationsOnlyWithAPrimaryPassageAndMayNotRestateTheBundledOnes() throws {
        let folder = try TemporaryFolder()
        try folder.write(
            "lib/authorities.yml",
            """
            provisions:
              DHS-9999:
                title: A new inventory entry
                evidence: primary
                url: https://www.dhs.gov/ai/use-case-inventory
                passage: "DHS-9999, Deployed, High-impact"
              DHS-2408:
                title: Restated
                evidence: primary
                url: https://www.dhs.gov/ai/use-case-inventory
                passage: "DHS-2408"
              DHS-9998:
                title: No passage given
                evidence: primary
                url: https://www.dhs.gov/ai/use-case-inventory
              DHS-9996:
                title: In the earlier form
                status: verified
                source: https://www.dhs.gov/ai/use-case-inventory
              DHS-9995:
                title: Read in a press report
                evidence: secondary
                url: https://example.org/report
                passage: "DHS-9995 is a pilot"
            """)
        try folder.write(
            "lib/Recommendations/new-system.md",
            LayeredCampaign.recommendation(id: "new-system", title: "Name the new system").replacingOccurrences(
                of: "comparison:", with: "systems: [DHS-9999, DHS-9997, DHS-9996, DHS-9995]\ncomparison:"))
        let report = Checker.check(paths: ["lib"], now: fixedNow, baseDirectory: folder.url)
        let unverified = report.diagnostics.filter { $0.code == .unverifiedCitation }.map(\.message)
        #expect(!unverified.contains { $0.contains("DHS-9999") }, "\(unverified)")
        #expect(unverified.contains { $0.contains("DHS-9997") }, "\(unverified)")
        // "verified" in the earlier form records no passage, so it is not taken as verified.
        #expect(unverified.contains { $0.contains("DHS-9996") }, "\(unverified)")
        #expect(unverified.contains { $0.contains("DHS-9995") && $0.contains("https://example.org/report") }, "\(unverified)")
        #expect(report.found(.duplicateID) == [Found("DK013", 7, 3)], "\(report.diagnostics)")
        #expect(report.found(.missingField) == [Found("DK010", 14, 15)], "\(report.diagnostics)")
        #expect(report.found(.invalidValue) == [Found("DK015", 18, 13)], "\(report.diagnostics)")
    }
}

@Suite struct AddressedNoteTests {
    static func recommendation(addressed: String) -> String {
        """
        ---
        id: notice
        title: Give notice
        summary: s.
        \(addressed)authorities:
          - cite: OMB M-24-10 §5(c)(iv)(I)
          - cite: OMB M-24-10 §5(c)(v)(D)
          - cite: OMB M-25-21 App. §4(b)(vi)
        eu:
          - cite: EU AI Act Art. 86(1)
            requires: r.
        comparison: M-25-21 has no notice practice.
        ---
        Body.
        """
    }

    @Test func aNoteAskingForAChangeIsShownOncePerRecommendationUntilMarkedAddressed() throws {
        let folder = try TemporaryFolder()
        try folder.write("Recommendations/notice.md", Self.recommendation(addressed: ""))
        let open = Checker.check(paths: ["Recommendations"], now: fixedNow, baseDirectory: folder.url)
        #expect(open.found(.rescindedWithoutReplacement) == [Found("DK104", 6, 11)], "\(open.diagnostics)")
        #expect(open.messages(.rescindedWithoutReplacement).first?.contains("add 'addressed: [DK104]'") == true)
        try folder.write("Recommendations/notice.md", Self.recommendation(addressed: "addressed: [DK104]\n"))
        let done = Checker.check(paths: ["Recommendations"], now: fixedNow, baseDirectory: folder.url)
        #expect(done.found(.rescindedWithoutReplacement).isEmpty, "\(done.diagnostics)")
    }
}
