import Testing

@testable import DocketCitations
@testable import DocketCompose
@testable import DocketLibrary
@testable import DocketMarkdown
@testable import DocketModel
@testable import DocketRender
@testable import DocketReview
@testable import DocketSubmission
@testable import DocketSupport

/// The citation grammar against the forms of the research's identifier table.
@Suite struct CitationParserTests {
    @Test(arguments: [
        ("OMB M-24-10 §5(b)", "OMB M-24-10 §5(b)"),
        ("OMB M-24-10 §5(c)(iv)(A)", "OMB M-24-10 §5(c)(iv)(A)"),
        ("OMB M-24-10 §5(c)(v)(F)", "OMB M-24-10 §5(c)(v)(F)"),
        ("OMB M-24-10 App. I", "OMB M-24-10 App. I"),
        ("OMB M-24-10 § 5(c)", "OMB M-24-10 §5(c)"),
        ("OMB M-25-21 App. §4(b)(vi)", "OMB M-25-21 App. §4(b)(vi)"),
        ("OMB M-25-21 App. §4(a)(ii)", "OMB M-25-21 App. §4(a)(ii)"),
        ("OMB M-25-21 App. §5", "OMB M-25-21 App. §5"),
        ("OMB M-25-22 §3 \"Protect Privacy\"", "OMB M-25-22 §3 \"Protect Privacy\""),
        ("OMB M-25-22 §3 “Protect Privacy”", "OMB M-25-22 §3 \"Protect Privacy\""),
        ("OMB M-24-18", "OMB M-24-18"),
        ("OMB 2025 AI Reporting Guidance §1(b)", "OMB 2025 AI Reporting Guidance §1(b)"),
        ("OMB 2024  AI Reporting Guidance § III(c)", "OMB 2024 AI Reporting Guidance §III(c)"),
        ("OMB 2025 AI Reporting Guidance", "OMB 2025 AI Reporting Guidance"),
        ("88 FR 75625", "88 FR 75625"),
        ("FR Doc. 2023-24269", "FR Doc. 2023-24269"),
        ("OMB-2023-0020", "OMB-2023-0020"),
        ("OMB-2023-0020-0198", "OMB-2023-0020-0198"),
        ("EU AI Act Art. 5(1)(e)", "EU AI Act Art. 5(1)(e)"),
        ("EU AI Act Art. 27(1)(f)", "EU AI Act Art. 27(1)(f)"),
        ("EU AI Act Art. 49(4)", "EU AI Act Art. 49(4)"),
        ("EU AI Act Article 99(3)", "EU AI Act Art. 99(3)"),
        ("EU AI Act Annex III point 7(b)", "EU AI Act Annex III point 7(b)"),
        ("EU AI Act Annex X", "EU AI Act Annex X"),
        ("EU AI Act Annex VIII Section A", "EU AI Act Annex VIII Section A"),
        ("EU AI Act Recital 60", "EU AI Act Recital 60"),
        ("EU AI Act Chapter III Section 4", "EU AI Act Chapter III Section 4"),
        ("NIST AI RMF GOVERN 1.1", "NIST AI RMF GOVERN 1.1"),
        ("NIST AI RMF MAP 5.1", "NIST AI RMF MAP 5.1"),
        ("NIST AI 100-1 MEASURE 2.13", "NIST AI RMF MEASURE 2.13"),
        ("NIST AI RMF MANAGE 4.3", "NIST AI RMF MANAGE 4.3"),
        ("NIST AI RMF GOVERN 1", "NIST AI RMF GOVERN 1"),
        ("DHS-2408", "DHS-2408"),
        ("DHS-P1", "DHS-P1"),
    ])
    func parsesTableForms(text: String, canonical: String) throws {
        let citation = try CitationParser.parse(text).get()
        #expect(citation.canonical == canonical)
    }

    @Test func structuresThePinpoint() throws {
        let omb = try CitationParser.parse("OMB M-24-10 §5(c)(iv)(A)").get()
        #expect(omb.instrument == .ombMemo("M-24-10"))
        #expect(omb.pinpoint == .section(5, ["c", "iv", "A"]))

        let annex = try CitationParser.parse("EU AI Act Annex III point 7(b)").get()
        #expect(annex.pinpoint == .annex("III", point: 7, letter: "b", section: nil))

        let nist = try CitationParser.parse("NIST AI RMF MEASURE 2.13").get()
        #expect(nist.pinpoint == .nist(function: "MEASURE", category: 2, subcategory: 13))

        let document = try CitationParser.parse("OMB-2023-0020-0198").get()
        #expect(document.instrument == .regulationsGovDocument)
        #expect(try CitationParser.parse("OMB-2023-0020").get().instrument == .regulationsGovDocket)
        #expect(try CitationParser.parse("DHS-2408").get().instrument == .dhsInventory)

        let guidance = try CitationParser.parse("OMB 2024 AI Reporting Guidance §III(c)").get()
        #expect(guidance.instrument == .ombReportingGuidance(year: 2024))
        #expect(guidance.pinpoint == .romanSection("III", ["c"]))
    }

    @Test(arguments: [
        ("OMB M-2410 §5", 6),
        ("OMB M-24-10 5(c)", 12),
        ("OMB M-24-10 §5(c", 17),
        ("OMB M-24-10 §5()", 16),
        ("OMB 2025 Reporting Guidance", 9),
        ("OMB 2025 AI Reporting Guidance 1(b)", 31),
        ("EU AI Act Section 4", 10),
        ("EU AI Act Annex 3", 16),
        ("NIST AI RMF map 5.1", 12),
        ("NIST AI RMF MAP", 15),
        ("FR Doc. 2023-242", 13),
        ("88 FR", 5),
        ("Clearview", 0),
        ("EU AI Act Art. 5(1)(e) and more", 23),
    ])
    /// Offsets are UTF-8 bytes, like diagnostic columns: "§" counts two.
    func rejectsMalformedTextAtTheRightOffset(text: String, offset: Int) {
        guard case .failure(let error) = CitationParser.parse(text) else {
            Issue.record("'\(text)' parsed but should not")
            return
        }
        #expect(error.offset == offset, "\(error.message)")
    }

    @Test func identifierPatternsFollowTheResearch() {
        #expect(IdentifierPatterns.isDocketID("EPA-HQ-OAR-2021-0317"))
        #expect(IdentifierPatterns.isDocketID("FDA-2009-N-0501"))
        #expect(IdentifierPatterns.isDocketID("ED-2021-OCR-0166"))
        #expect(IdentifierPatterns.isDocketID("NPS_FRDOC_0001"))
        #expect(IdentifierPatterns.isDocumentID("CEQ-2019-0003-197917"))
        #expect(IdentifierPatterns.isDocumentID("EPA-HQ-OAR-2021-0317-0001"))
        #expect(!IdentifierPatterns.isDocketID("OMB-2023-0020-0198"))
        #expect(!IdentifierPatterns.isDocumentID("OMB-2023-0020"))
        #expect(IdentifierPatterns.docketID(ofDocument: "OMB-2023-0020-0198") == "OMB-2023-0020")
    }
}
