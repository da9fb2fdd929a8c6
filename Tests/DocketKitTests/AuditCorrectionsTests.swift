import DocketCitations
import DocketSupport
import Foundation
import Testing

@testable import DocketKit

/// Statements the 2026-12-03 audit found wrong in the bundled library, each held to what its
/// source says (the audit's table names the source of each: the DHS inventories and the
/// Official Journal text of the EU AI Act).
@Suite struct AuditCorrectionsTests {
    func text(_ path: String) throws -> String { try repositoryText(path) }

    /// Art. 2(3) leaves out only AI used exclusively for national security; DHS-2729's entry
    /// also serves criminal investigations.
    @Test func theClearviewPilotIsNotOutsideTheEUBan() throws {
        let body = try text("Recommendations/ban-untargeted-face-scraping.md")
        #expect(!body.contains("even the EU's prohibition would not reach it"))
        #expect(!body.contains("outside the national-security uses its Act does not reach"))
        #expect(body.contains("not used exclusively for national security"))
        #expect(body.contains("\"national security and criminal investigations\""))
    }

    /// ARGOS scores companies enrolling in E-Verify; the ELIS case-notes tool scored sentiment
    /// for customer service and "Does not give any recommendation or decision".
    @Test func neitherARGOSNorTheSentimentToolIsCalledAnApplicantModel() throws {
        let body = try text("Recommendations/notice-and-appeal-for-benefit-models.md")
        #expect(!body.contains("ARGOS"))
        #expect(!body.contains("sentiment analysis of ELIS"))
        #expect(!body.contains("nor anything else in it"), "M-25-21's full text is in no source; its minimum practices are")
    }

    /// RAVEn CAT was retired on 7/1/2022; the two other uses were consolidated, not retired.
    @Test func theRAVEnUsesAreDescribedAsTheInventoryDescribesThem() throws {
        let body = try text("Recommendations/inventory-raven-analytics.md")
        #expect(!body.contains("retired in 2024"))
        #expect(body.contains("retired on July 1, 2022"))
        #expect(body.contains("\"Consolidated into another use case\""))
    }

    /// Art. 14 binds high-risk systems only.
    @Test func humanOversightIsOnlyForHighRiskSystems() throws {
        let body = try text("Recommendations/limit-atd-electronic-monitoring.md")
        #expect(!body.contains("In either case its human-oversight rules"))
        #expect(!body.contains("Together they decide how closely a person is watched and whether they stay free"))
    }

    /// 2025-12-22 is the day DHS's 2025 inventory was due to OMB; it was public from
    /// 2026-01-28, and a fact may be quoted from the day it was public.
    @Test func noEntryDatesItsFactsToTheDayTheInventoryWasDueToOMB() throws {
        let workspace = Workspace(loading: ["Recommendations", "Templates"], baseDirectory: BundledLibraryTests.packageRoot)
        for path in workspace.files {
            let body = try text(path)
            #expect(!body.contains("facts-as-of: 2025-12-22"), "\(path)")
        }
        // Every entry that names a 2025 inventory ID dates its facts from that inventory's
        // posting at the earliest, and ELITE's "address confidence scores" from a report after it.
        let posted = try #require(CalendarDate(iso: "2026-01-28"))
        for recommendation in workspace.recommendations where recommendation.body.contains("(DHS-") {
            #expect((recommendation.factsAsOf?.value).map { $0 >= posted } == true, "\(recommendation.id)")
        }
        let targeting = try #require(workspace.recommendations.first { $0.id == "limit-targeting-platforms" })
        #expect(targeting.evidence.contains { $0.kind == .secondary && $0.passage.contains("confidence score") })
        #expect(targeting.factsAsOf?.value == CalendarDate(iso: "2026-02-01"), "the newest source, the press report read, is of 2026-02-01")
    }

    /// ICE sends Mobile Fortify's captures to CBP for government matching systems, one of them DHS's.
    @Test func mobileFortifyMatchesThroughGovernmentSystems() throws {
        let body = try text("Templates/clauses/background-mobile-fortify.md")
        #expect(!body.contains("CBP-owned service"))
        #expect(body.contains("\"for submission to government biometric matching systems\""))
    }

    /// OMB's own title for its 2024 guidance, not a description of it.
    @Test func the2024GuidanceHasOMBsTitle() throws {
        #expect(try AuthorityRegistry.shared.resolve("OMB 2024 AI Reporting Guidance").get().title == "Guidance For 2024 Agency Artificial Intelligence Reporting")
    }

    /// Negative claims about M-24-10 and M-25-21 that no source could check are not made.
    @Test func noUncheckableClaimsAboutWhatTheMemorandaDoNotSay() throws {
        #expect(!(try text("Recommendations/limit-data-fusion.md")).contains("Neither bars reusing data"))
        #expect(!(try text("Recommendations/limit-field-biometric-identification.md")).contains("Neither M-24-10 nor M-25-21 prohibits"))
        #expect(!(try text("Examples/omb-dhs-ai-2024/plan.yml")).contains("Such a letter was reported in 2024"))
    }

    /// FR Doc. 2023-24269 is OMB's notice requesting comment; the draft memorandum itself was
    /// posted at ai.gov/input, not printed in the Federal Register.
    @Test func theFlagshipExampleCitesTheNoticeAsTheNotice() throws {
        let outcome = Composition.compose(plan: "Examples/omb-2023-0020/plan.yml", now: fixedNow, baseDirectory: BundledLibraryTests.packageRoot)
        let markdown = try #require(outcome.draft?.markdown)
        #expect(!markdown.contains("The draft memorandum on which OMB asked for comment"))
        #expect(markdown.components(separatedBy: "FR Doc. 2023-24269: OMB's notice requesting comment on the draft memorandum").count == 6)
        // The draft is cited as the draft, whole: no source read gives its section numbers.
        #expect(markdown.components(separatedBy: "- OMB 2023 Draft AI Memorandum: The draft memorandum itself").count == 6)
        let registry = AuthorityRegistry.shared
        #expect(try registry.resolve("OMB 2023 Draft AI Memorandum").get().outcome == .verified)
        guard case .unknown = try registry.resolve("OMB 2023 Draft AI Memorandum §5(c)").get().outcome else {
            Issue.record("a pinpoint in the draft, whose sections no source gives, should be unknown")
            return
        }
        #expect(try CitationParser.parse("OMB 2023 Draft AI Memorandum").get().canonical == "OMB 2023 Draft AI Memorandum")
        // The 35 organizations approved the corrected text, so the letter still names them all.
        #expect(outcome.draft?.document.signatories?.lines.count == 35)
    }
}
