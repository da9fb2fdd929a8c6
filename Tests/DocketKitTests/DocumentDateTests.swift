import DocketCitations
import DocketReview
import Foundation
import Testing

@testable import DocketKit

/// A campaign dated by its plan, using one recommendation and one clause of its own: each rule
/// of document dates is tripped by changing one date.
final class DatedCampaign {
    let folder: TemporaryFolder

    init(date: String, recommendationCites: [String], clauseFactsAsOf: String? = nil) throws {
        folder = try TemporaryFolder()
        let cites = recommendationCites.map { "  - cite: \($0)\n" }.joined()
        try folder.write(
            "c/Recommendations/r.md",
            "---\nid: r\ntitle: R\nsummary: R.\nauthorities:\n\(cites)eu:\n  - cite: EU AI Act Art. 86(1)\n    requires: An explanation.\ncomparison: The EU explains.\n---\nAppeals.\n"
        )
        let facts = clauseFactsAsOf.map { "facts-as-of: \($0)\n" } ?? ""
        try folder.write("c/Templates/clauses/k.md", "---\nid: k\nversion: 1\ntitle: K\n\(facts)---\nA fact.\n")
        try folder.write("c/plan.yml", "date: \(date)\nkind: letter\nsubmitter: { type: anonymous }\nsections:\n  - clause: k\n  - recommendations: [r]\n")
    }

    func check() -> CheckReport { Checker.check(paths: ["c"], now: fixedNow, baseDirectory: folder.url) }
}

@Suite struct DocumentDateTests {
    @Test func citingAnInstrumentIssuedAfterTheDocumentIsAnErrorAtTheCitation() throws {
        let campaign = try DatedCampaign(date: "2024-09-05", recommendationCites: ["OMB M-24-10 §5(c)(v)(E)", "OMB M-25-21 App. §4(b)(vi)"])
        let report = campaign.check()
        // Line 7 of r.md is the M-25-21 citation, column 11 where its text starts.
        #expect(report.found(.citedBeforeIssued) == [Found("DK108", 7, 11)], "\(report.diagnostics)")
        #expect(report.messages(.citedBeforeIssued).first?.hasPrefix("M-25-21 was issued 2025-04-03, after this letter's date, 2024-09-05 (c/plan.yml:1:7)") == true)
        // M-24-10 was in force on that date: no rescission warning.
        #expect(report.found(.rescindedWithoutSuccessor).isEmpty)
        #expect(report.errorCount == 1)
    }

    @Test func reportingGuidanceIsDatedLikeAnyInstrument() throws {
        let campaign = try DatedCampaign(date: "2024-09-05", recommendationCites: ["OMB M-24-10 §5(c)(v)(E)", "OMB 2025 AI Reporting Guidance §1(b)"])
        let report = campaign.check()
        #expect(report.found(.citedBeforeIssued) == [Found("DK108", 7, 11)], "\(report.diagnostics)")
        #expect(report.messages(.citedBeforeIssued).first?.hasPrefix("OMB 2025 AI Reporting Guidance was issued 2026-01-28, after this letter's date") == true)
        let registry = AuthorityRegistry.shared
        #expect(try registry.resolve("OMB 2025 AI Reporting Guidance").get().title == "Guidance on 2025 Agency Artificial Intelligence Reporting")
        #expect(try registry.resolve("OMB 2025 AI Reporting Guidance §2").get().outcome == .verified)
        guard case .unverified = try registry.resolve("OMB 2025 AI Reporting Guidance §7").get().outcome else {
            Issue.record("an unrecorded section of known guidance should be unverified")
            return
        }
        guard case .unknown(let why) = try registry.resolve("OMB 2023 AI Reporting Guidance").get().outcome else {
            Issue.record("guidance of a year the registry does not have should be unknown")
            return
        }
        #expect(why == "the registry has OMB AI reporting guidance for 2024 and 2025")
    }

    @Test func theEUAIActCannotSupportACommentOf2023() throws {
        let campaign = try DatedCampaign(date: "2023-12-05", recommendationCites: ["FR Doc. 2023-24269"])
        let report = campaign.check()
        // The Act was adopted on 13 June 2024; the recommendation's EU comparison is at line 8.
        #expect(report.found(.citedBeforeIssued) == [Found("DK108", 8, 11)], "\(report.diagnostics)")
    }

    @Test func leaningOnARescindedProvisionIsAWarningNamingItsSuccessor() throws {
        let campaign = try DatedCampaign(date: "2026-01-10", recommendationCites: ["OMB M-24-10 §5(c)(v)(E)"])
        let report = campaign.check()
        #expect(report.found(.rescindedWithoutSuccessor) == [Found("DK103", 6, 11)], "\(report.diagnostics)")
        #expect(report.messages(.rescindedWithoutSuccessor).first?.contains("cite its successor \"OMB M-25-21 App. §4(b)(vi)\"") == true)
        #expect(report.errorCount == 0)
    }

    @Test func aClauseWhoseFactsPostdateTheDocumentIsAnErrorAtItsDate() throws {
        let campaign = try DatedCampaign(date: "2024-09-05", recommendationCites: ["OMB M-24-10 §5(c)(v)(E)"], clauseFactsAsOf: "2025-12-22")
        let report = campaign.check()
        #expect(report.found(.factsAfterDocumentDate) == [Found("DK109", 5, 14)], "\(report.diagnostics)")
        #expect(report.messages(.factsAfterDocumentDate).first?.hasPrefix("clause 'k' states facts as of 2025-12-22, after this letter's date, 2024-09-05") == true)
    }

    @Test func factsOlderThanTheDocumentPass() throws {
        let campaign = try DatedCampaign(date: "2026-01-10", recommendationCites: ["OMB M-25-21 App. §4(b)(vi)"], clauseFactsAsOf: "2025-12-22")
        #expect(campaign.check().errorCount == 0)
    }

    @Test func aCommentIsDatedByItsDeadlineWhenThePlanGivesNoDate() throws {
        let folder = try TemporaryFolder()
        try folder.write("c/docket.yml", "id: OMB-2023-0020\ndocument: OMB-2023-0020-0001\nagency: OMB\ntitle: Draft\ncommentsClose: 2023-12-05T23:59:00-05:00\n")
        try folder.write(
            "c/Recommendations/r.md",
            "---\nid: r\ntitle: R\nsummary: R.\nfacts-as-of: 2023-12-01\nauthorities:\n  - cite: OMB M-24-10 §5(c)(v)(E)\n---\nAppeals.\n")
        try folder.write("c/plan.yml", "kind: comment\ndocket: docket.yml\napprovals: not-required\nsubmitter: { type: anonymous }\nsections:\n  - recommendations: [r]\n")
        let report = Checker.check(paths: ["c"], now: fixedNow, baseDirectory: folder.url)
        #expect(
            report.messages(.citedBeforeIssued) == [
                "M-24-10 was issued 2024-03-28, after this comment's date, 2023-12-05 (c/docket.yml:5:16); \"OMB M-24-10 §5(c)(v)(E)\" cannot support a document of that date"
            ], "\(report.diagnostics)")
        // Written before the EU AI Act, it may leave out the comparison.
        #expect(report.found(.missingEUComparison).isEmpty)
    }

    @Test func aRecommendationOfTodayMustCompareWithTheEUAIAct() throws {
        let folder = try TemporaryFolder()
        try folder.write("Recommendations/r.md", "---\nid: r\ntitle: R\nsummary: R.\nfacts-as-of: 2025-12-22\nauthorities:\n  - cite: OMB M-25-21 App. §4(b)(vi)\n---\nAppeals.\n")
        let report = Checker.check(paths: ["Recommendations"], now: fixedNow, baseDirectory: folder.url)
        #expect(report.found(.missingEUComparison) == [Found("DK110", 5, 14)], "\(report.diagnostics)")
    }
}

/// Each correction of the library's facts: the wrong text is gone and the right one is there.
@Suite struct LibraryCorrectionTests {
    func text(_ path: String) throws -> String { try repositoryText(path) }

    @Test func m2521CarriedOverTheWaiverRulesRatherThanAddingThem() throws {
        let waivers = try text("Recommendations/no-blanket-waivers.md")
        #expect(!waivers.contains("adds a written, system-specific"))
        #expect(waivers.contains("M-25-21 keeps the same standard, requires of a waiver a written, system-specific"))
        // The 2024 guidance's §III(c) is in no source found; §1(b) of the 2025 guidance is not
        // where the stop-use rule is.
        #expect(!waivers.contains("§III(c)"))
        #expect(!waivers.contains("by April 3, 2026, or its use stopped"))
    }

    @Test func mobileFortifyIsGovernedByM2521sDeadline() throws {
        let waivers = try text("Recommendations/no-blanket-waivers.md")
        #expect(!waivers.contains("M-24-10 set December 1, 2024 as the date by which agencies had to comply or stop using the AI. In its 2025 inventory"))
        #expect(waivers.contains("on May 20, 2025, after M-24-10 had been rescinded"))
        #expect(waivers.contains("by April 3, 2026"))
    }

    @Test func article46CoversEveryGroundAndOnlyWhileAssessmentIsCarriedOut() throws {
        let waivers = try text("Recommendations/no-blanket-waivers.md")
        #expect(waivers.contains("environmental protection or the protection of key industrial and infrastructural assets"))
        #expect(waivers.contains("while the conformity assessment procedures are carried out"))
        let registry = AuthorityRegistry.shared
        #expect(try registry.resolve("EU AI Act Art. 46(1)").get().title == "Derogation from conformity assessment procedure")
        #expect(try registry.resolve("EU AI Act Art. 50").get().title == "Transparency obligations for providers and deployers of certain AI systems")
        #expect(
            try registry.resolve("EU AI Act Annex VIII").get().title == "Information to be submitted upon the registration of high-risk AI systems in accordance with Article 49")
        #expect(try registry.resolve("88 FR 75625").get().title?.contains("\"") == false)
        #expect(registry.dates(of: try CitationParser.parse("NIST AI RMF MAP 5.1").get())?.issued.written == "2023-01")
    }

    @Test func theAppealAnswerQuotesTheOptionICEChose() throws {
        for path in ["Recommendations/human-review-and-appeal.md", "Templates/clauses/background-hurricane.md"] {
            let body = try text(path)
            #expect(!body.contains("\"Appeal Precluded by Law\""), "\(path)")
            #expect(body.contains("\"Law, operational limitations, or governmentwide guidance precludes an opportunity for an individual to appeal\""), "\(path)")
        }
        #expect(try AuthorityRegistry.shared.resolve("DHS-2408").get().title?.contains("Precluded by Law") == false)
    }

    @Test func eliteUsesCommercialModelsAndPalantirIsTheVendor() throws {
        let elite = try text("Templates/clauses/background-elite.md")
        #expect(!elite.contains("large language models from Palantir"))
        #expect(elite.contains("commercially available large language models trained on the public domain data by their providers"))
        #expect(elite.contains("Palantir is the system's vendor"))
    }

    @Test func interpretationsReadAsArguments() throws {
        #expect(try text("Recommendations/test-and-monitor-in-real-conditions.md").contains("would in our view fall within it"))
        let scraping = try text("Recommendations/ban-untargeted-face-scraping.md")
        #expect(scraping.contains("Art. 2(3)") && scraping.contains("Art. 99(8)"))
        #expect(!scraping.contains("prohibits outright"))
    }

    @Test func theRegistryNamesTheFaceRecognitionUseCasesAndVerifiesOnlyWhatAPrimaryTextConfirms() throws {
        let registry = AuthorityRegistry.shared
        #expect(try registry.resolve("DHS-2457").get().title == "Facial Recognition for Locating Vulnerable Populations (ICE); high-impact")
        #expect(try registry.resolve("DHS-362").get().title == "Facial Recognition for Investigations of Child Sexual Exploitation and Abuse (ICE); high-impact")
        for cited in ["OMB M-24-10 §1", "OMB M-25-21 App. §4"] {
            #expect(try registry.resolve(cited).get().outcome == .verified, "\(cited)")
        }
        // Once verified on the claim that OMB's reporting guidance cites them; it does not (2025)
        // or is in no source (2024), so the audit of 2026-12-03 found nothing behind them.
        for cited in ["OMB-2023-0020", "OMB M-24-10 §3(a)(v)", "OMB M-24-10 §5(c)(iii)", "OMB M-24-10 §5(a)(i)", "OMB M-24-10 §5(c)(ii)", "OMB M-24-10 §3(a)(iv)"] {
            guard case .unverified = try registry.resolve(cited).get().outcome else {
                Issue.record("\(cited) is verified with no primary text behind it")
                continue
            }
        }
    }
}
