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

/// The bundled example composed and compared byte for byte with its committed outputs in
/// `Examples/<name>/expected/`. After an intended change, re-record with `RECORD=1 swift test`
/// and review the diff before committing it.
@Suite struct ExampleGoldenTests {
    static let examples = ["omb-2023-0020", "dhs-ai-compliance-2024", "clearview-2021", "omb-dhs-ai-2024"]

    @Test(arguments: examples) func composedOutputMatchesTheCommittedFiles(example: String) throws {
        let folder = BundledLibraryTests.packageRoot.appendingPathComponent("Examples/\(example)")
        let outcome = Composition.compose(plan: "Examples/\(example)/plan.yml", now: fixedNow, baseDirectory: BundledLibraryTests.packageRoot)
        #expect(!outcome.diagnostics.hasErrors, "\(outcome.diagnostics.filter { $0.severity == .error })")
        #expect(outcome.rendered.count == (example == "omb-2023-0020" ? 3 : 2))
        let expected = folder.appendingPathComponent("expected")
        if ProcessInfo.processInfo.environment["RECORD"] == "1" {
            try AtomicWriter.write(outcome.rendered.map { ($0.name, $0.data) }, into: expected)
            return
        }
        for file in outcome.rendered {
            let url = expected.appendingPathComponent(file.name)
            let golden = try #require(try? Data(contentsOf: url), "missing \(url.path); run RECORD=1 swift test")
            #expect(Data(file.contents.utf8) == golden, "\(file.name) differs from \(url.path):\n\(firstDifference(file.contents, String(decoding: golden, as: UTF8.self)))")
        }
    }

    /// The 2023 comment answers the draft memorandum with what could be cited by its deadline:
    /// the Federal Register notice and the NIST AI RMF, and no EU AI Act, which came later.
    @Test func the2023CommentCitesOnlyWhatExistedByItsDeadline() throws {
        let outcome = Composition.compose(plan: "Examples/omb-2023-0020/plan.yml", now: fixedNow, baseDirectory: BundledLibraryTests.packageRoot)
        let document = try #require(outcome.draft?.document)
        #expect(document.recommendations.count == 5)
        #expect(document.recommendations.allSatisfy { $0.eu.isEmpty && $0.comparison.isEmpty })
        let cited = Set(document.recommendations.flatMap { $0.authorities.map(\.citation) })
        #expect(cited.allSatisfy { $0.hasPrefix("FR Doc. 2023-24269") || $0.hasPrefix("NIST AI RMF ") }, "\(cited)")
        #expect(!outcome.draft!.markdown.contains("M-25-21") && !outcome.draft!.markdown.contains("EU AI Act"))
        // The Coalition is one of the signers, not an addition to them.
        #expect(outcome.draft!.markdown.contains("The 35 undersigned civil rights, immigrant rights and technology organizations, convened by the Coalition"))
        #expect(document.signatories?.lines.count == 35)
        #expect(outcome.value?.box.fits == true)
    }

    /// The DHS letter's roster has 142 organizations; 140 approved, one declined, one has not
    /// answered: the letter counts and lists the 140.
    @Test(arguments: [("dhs-ai-compliance-2024", 140, 4), ("clearview-2021", 69, 0), ("omb-dhs-ai-2024", 106, 2)])
    func signOnLettersCountTheirApprovers(example: String, signatories: Int, recommendations: Int) throws {
        let outcome = Composition.compose(plan: "Examples/\(example)/plan.yml", now: fixedNow, baseDirectory: BundledLibraryTests.packageRoot)
        let draft = try #require(outcome.draft)
        #expect(draft.document.signatories?.lines.count == signatories)
        #expect(draft.document.recommendations.count == recommendations)
        #expect(draft.markdown.contains("We, the \(signatories) undersigned"))
    }

    /// Every recommendation in the library renders, with its EU comparison, in one plan.
    @Test func everyRecommendationRendersWithItsEUComparison() throws {
        let workspace = Workspace(loading: ["Recommendations"], baseDirectory: BundledLibraryTests.packageRoot)
        let ids = workspace.recommendations.map(\.id).sorted()
        #expect(ids.count >= 14)
        let folder = try TemporaryFolder()
        try folder.write(
            "plan.yml",
            """
            kind: letter
            library: \(BundledLibraryTests.packageRoot.path)
            submitter: { type: anonymous }
            sections:
              - recommendations: [\(ids.joined(separator: ", "))]
            """)
        let outcome = Composition.compose(plan: folder.url.appendingPathComponent("plan.yml").path, now: fixedNow)
        #expect(!outcome.diagnostics.hasErrors, "\(outcome.diagnostics.filter { $0.severity == .error })")
        let html = try #require(outcome.rendered.first { $0.format == .html }).contents
        for (number, recommendation) in try #require(outcome.draft).document.recommendations.enumerated() {
            #expect(recommendation.number == number + 1)
            #expect(!recommendation.eu.isEmpty && !recommendation.comparison.isEmpty, "\(recommendation.id)")
            #expect(html.contains("<article class=\"recommendation\" id=\"recommendation-\(number + 1)\">"))
        }
        #expect(html.components(separatedBy: "<h4>How the EU and US rules differ</h4>").count == ids.count + 1)
    }

    private func firstDifference(_ actual: String, _ expected: String) -> String {
        let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        for (number, pair) in zip(actualLines, expectedLines).enumerated() where pair.0 != pair.1 {
            return "line \(number + 1):\n- \(pair.1)\n+ \(pair.0)"
        }
        return "lengths differ: \(actualLines.count) vs \(expectedLines.count) lines"
    }
}
