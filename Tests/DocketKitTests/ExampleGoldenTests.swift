import Foundation
import Testing

@testable import DocketCitations
@testable import DocketCompose
@testable import DocketKit
@testable import DocketLibrary
@testable import DocketMarkdown
@testable import DocketModel
@testable import DocketRender
@testable import DocketReview
@testable import DocketSubmission
@testable import DocketSupport

/// The bundled example composed and compared byte for byte with its committed outputs in
/// `Examples/<name>/expected/`. The test never writes them: after an intended change,
/// `Tools/update-goldens` re-records them with the `docket` command, and a reviewer reads the
/// diff before committing it.
@Suite struct ExampleGoldenTests {
    static let examples = ["omb-2023-0020", "dhs-ai-compliance-2024", "clearview-2021", "omb-dhs-ai-2024"]

    @Test(arguments: examples) func composedOutputMatchesTheCommittedFiles(example: String) throws {
        let folder = BundledLibraryTests.packageRoot.appendingPathComponent("Examples/\(example)")
        let outcome = Composition.compose(plan: "Examples/\(example)/plan.yml", now: fixedNow, baseDirectory: BundledLibraryTests.packageRoot)
        #expect(!outcome.diagnostics.hasErrors, "\(outcome.diagnostics.filter { $0.severity == .error })")
        #expect(outcome.rendered.count == (example == "omb-2023-0020" ? 3 : 2))
        let expected = folder.appendingPathComponent("expected")
        for file in outcome.rendered {
            let url = expected.appendingPathComponent(file.name)
            let golden = try #require(try? Data(contentsOf: url), "missing \(url.path); run Tools/update-goldens")
            if file.data != golden {
                Issue.record("\(file.name) differs from \(url.path) (Tools/update-goldens re-records it):\n\(try diff(golden: url, actual: file.data))")
            }
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
        #expect(cited.allSatisfy { $0 == "OMB 2023 Draft AI Memorandum" || $0.hasPrefix("FR Doc. 2023-24269") || $0.hasPrefix("NIST AI RMF ") }, "\(cited)")
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

    /// `git diff --no-index` from the golden file to what was composed, as a reviewer reads it.
    private func diff(golden: URL, actual: Data) throws -> String {
        let folder = try TemporaryFolder()
        let composed = folder.url.appendingPathComponent(golden.lastPathComponent)
        try actual.write(to: composed)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "diff", "--no-index", "--no-color", "--", golden.path, composed.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: output, as: UTF8.self)
    }
}
