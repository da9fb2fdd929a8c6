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

/// The registry against the research's identifier table: what is verified, what only warns,
/// and what is wrong, with messages that say what is right.
@Suite struct AuthorityRegistryTests {
    let registry = AuthorityRegistry.shared

    func outcome(_ text: String) throws -> CitationResolution.Outcome {
        try registry.resolve(text).get().outcome
    }

    @Test(arguments: [
        "OMB M-24-10", "OMB M-24-10 §5", "OMB M-24-10 §5(b)", "OMB M-24-10 §5(c)",
        "OMB M-24-10 §5(c)(iv)(A)", "OMB M-24-10 §5(c)(iv)(B)", "OMB M-24-10 §5(c)(iv)(C)", "OMB M-24-10 §5(c)(iv)(D)",
        "OMB M-24-10 §5(c)(iv)(I)", "OMB M-24-10 §5(c)(v)(A)", "OMB M-24-10 §5(c)(v)(B)", "OMB M-24-10 §5(c)(v)(D)",
        "OMB M-24-10 §5(c)(v)(E)", "OMB M-24-10 §5(c)(v)(F)", "OMB M-24-10 §6", "OMB M-24-10 App. I",
        "OMB M-25-21", "OMB M-25-21 App. §4(a)(ii)", "OMB M-25-21 App. §4(b)", "OMB M-25-21 App. §4(b)(i)",
        "OMB M-25-21 App. §4(b)(iv)", "OMB M-25-21 App. §4(b)(vii)", "OMB M-25-21 App. §5",
        "88 FR 75625", "88 FR 75626", "FR Doc. 2023-24269",
        "EU AI Act Art. 1", "EU AI Act Art. 113", "EU AI Act Art. 5(1)(e)", "EU AI Act Art. 5(1)(h)(iii)", "EU AI Act Art. 5(8)",
        "EU AI Act Art. 27(1)(f)", "EU AI Act Art. 49(4)", "EU AI Act Art. 99(3)", "EU AI Act Art. 99(11)",
        "EU AI Act Art. 14(4)(e)", "EU AI Act Art. 3(68)", "EU AI Act Art. 113(a)", "EU AI Act Art. 85",
        "EU AI Act Annex I", "EU AI Act Annex XIII", "EU AI Act Annex III point 7(d)", "EU AI Act Annex III point 2",
        "EU AI Act Annex III point 6(e)", "EU AI Act Annex VIII Section C",
        "EU AI Act Recital 1", "EU AI Act Recital 180", "EU AI Act Chapter XIII", "EU AI Act Chapter III Section 4",
        "NIST AI RMF GOVERN 1.7", "NIST AI RMF GOVERN 6.2", "NIST AI RMF MAP 1.6", "NIST AI RMF MAP 5.2",
        "NIST AI RMF MEASURE 2.13", "NIST AI RMF MEASURE 4.3", "NIST AI RMF MANAGE 1.4", "NIST AI RMF MANAGE 4.3",
        "DHS-2408", "DHS-2577", "DHS-2578", "DHS-2729",
    ])
    func verifiedForms(text: String) throws {
        #expect(try outcome(text) == .verified)
    }

    @Test(arguments: [
        "OMB M-24-10 §5(c)(iv)(E)", "OMB M-24-10 §5(c)(iv)(H)", "OMB M-24-10 §5(c)(v)(C)", "OMB M-24-10 §5(c)(i)",
        "OMB M-24-10 §5(a)(i)", "OMB M-24-10 §5(a)(ii)", "OMB M-24-10 §5(d)",
        "OMB M-24-10 §3(a)(i)", "OMB M-24-10 §3(b)", "OMB M-24-10 App. II",
        "OMB M-25-21 App. §1", "OMB M-25-21 App. §3",
        "OMB M-25-22", "OMB M-25-22 §3 \"Protect Privacy\"", "OMB M-24-18",
        "OMB-2023-0020-0198", "89 FR 12345", "FR Doc. 2024-00001", "DHS-9999",
        "EU AI Act Art. 15(2)", "EU AI Act Art. 13(3)(a)", "EU AI Act Annex IV point 1", "EU AI Act Chapter II Section 1",
    ])
    func allowedButUnverifiedForms(text: String) throws {
        guard case .unverified = try outcome(text) else {
            Issue.record("\(text) should be unverified")
            return
        }
    }

    @Test(arguments: [
        ("OMB M-24-10 §7", "M-24-10 has sections 1–6"),
        ("OMB M-24-10 §0", "M-24-10 has sections 1–6"),
        ("NIST AI RMF MEASURE 2.14", "MEASURE 2 ends at 2.13"),
        ("NIST AI RMF GOVERN 7", "GOVERN has categories 1–6"),
        ("NIST AI RMF MAP 1.7", "MAP 1 ends at 1.6"),
        ("EU AI Act Annex III point 9", "Annex III has points 1–8"),
        ("EU AI Act Annex III point 7(e)", "Annex III point 7 has items (a)–(d)"),
        ("EU AI Act Annex III point 2(a)", "Annex III point 2 has no lettered items"),
        ("EU AI Act Annex XIV", "Annexes I–XIII"),
        ("EU AI Act Art. 114", "113 articles"),
        ("EU AI Act Art. 0", "113 articles"),
        ("EU AI Act Art. 85(1)", "Art. 85 has no numbered paragraphs"),
        ("EU AI Act Art. 113(1)", "Art. 113 has no numbered paragraphs"),
        ("EU AI Act Art. 5(9)", "Art. 5 has paragraphs 1–8"),
        ("EU AI Act Art. 5(1)(i)", "Art. 5(1) has points (a)–(h)"),
        ("EU AI Act Art. 5(1)(h)(iv)", "Art. 5(1)(h) has points (i)–(iii)"),
        ("EU AI Act Art. 3(69)", "Art. 3 has points (1)–(68)"),
        ("EU AI Act Recital 181", "180 recitals"),
        ("EU AI Act Chapter XIV", "Chapters I–XIII"),
        ("EU AI Act Annex VIII Section D", "Annex VIII has Sections A, B, C"),
        ("OMB M-24-10 §5(c)(iv)(J)", "M-24-10 §5(c)(iv) has (A), (B)"),
        ("OMB M-24-10 App. III", "M-24-10 has appendices I and II"),
        ("OMB M-25-21 §4(b)", "write 'OMB M-25-21 App. §4(b)'"),
        ("OMB M-25-21 App. §6", "appendix has sections 1–5"),
        ("OMB M-25-21 App. §4(b)(viii)", "M-25-21 App. §4(b) has (i), (ii), (iii), (iv), (v), (vi), (vii)"),
        ("OMB M-25-22 §3(b)", "by heading, not by letter"),
        ("OMB M-24-18 §2", "cite the memorandum without subsections"),
        ("OMB M-23-22", "no OMB memorandum M-23-22"),
    ])
    func knownWrongFormsSayWhatIsRight(text: String, expected: String) throws {
        guard case .unknown(let reason) = try outcome(text) else {
            Issue.record("\(text) should be rejected")
            return
        }
        #expect(reason.contains(expected), "\(reason)")
    }

    @Test func rescindedProvisionsNameTheirSuccessors() throws {
        let assessment = try registry.resolve("OMB M-24-10 §5(c)(iv)(A)").get()
        #expect(assessment.rescission?.date == CalendarDate(year: 2025, month: 4, day: 3))
        #expect(assessment.rescission?.replacedBy == "OMB M-25-21")
        #expect(assessment.rescission?.successor == "OMB M-25-21 App. §4(b)(ii)")

        let pairs = [
            ("OMB M-24-10 §5(c)(iv)(C)", "OMB M-25-21 App. §4(b)(ii)"),
            ("OMB M-24-10 §5(c)(iv)(D)", "OMB M-25-21 App. §4(b)(iii)"),
            ("OMB M-24-10 §5(c)(v)(B)", "OMB M-25-21 App. §4(b)(vii)"),
            ("OMB M-24-10 §5(c)(v)(E)", "OMB M-25-21 App. §4(b)(vi)"),
            ("OMB M-24-10 §5(c)(iii)", "OMB M-25-21 App. §4(a)(ii)"),
            ("OMB M-24-10 §6", "OMB M-25-21 App. §5"),
        ]
        for (old, successor) in pairs {
            #expect(try registry.resolve(old).get().rescission?.successor == successor, "\(old)")
        }
        let optOut = try registry.resolve("OMB M-24-10 §5(c)(v)(F)").get()
        #expect(optOut.rescission?.successor == nil)
        #expect(optOut.rescission?.noSuccessor?.contains("opt-out") == true)

        #expect(try registry.resolve("OMB M-24-18").get().rescission?.replacedBy == "OMB M-25-22")
        #expect(try registry.resolve("OMB M-25-21 App. §4(b)(ii)").get().rescission == nil)
    }

    @Test func everySuccessorIsItselfVerified() throws {
        for (key, provision) in registry.data.provisions {
            guard let successor = provision.successor else { continue }
            #expect(try registry.resolve(successor).get().outcome == .verified, "\(key) → \(successor)")
        }
    }

    @Test func nistCoreHasNineteenCategoriesAndSeventyTwoSubcategories() {
        let functions = registry.data.nistAIRMF.functions
        #expect(functions.values.map(\.count).reduce(0, +) == 19)
        #expect(functions.values.flatMap { $0 }.reduce(0, +) == 72)
    }

    @Test func everyListedProvisionKeyIsCanonical() throws {
        for key in registry.listedCitations {
            #expect(try CitationParser.parse(key).get().canonical == key)
        }
    }
}
