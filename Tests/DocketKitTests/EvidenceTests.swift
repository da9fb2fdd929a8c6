import DocketCitations
import DocketCompose
import DocketLibrary
import DocketModel
import DocketSupport
import Foundation
import Testing

@testable import DocketKit

/// Evidence as data: a registry entry is verified only with a primary passage, and a library's
/// factual claims cite evidence whose publication dates the text's facts.
@Suite struct EvidenceTests {
    static let source = "https://www.dhs.gov/sites/default/files/2026-01/inventory.xlsx"

    /// A recommendation with `evidence:` and a body of the caller's.
    static func recommendation(evidence: String, body: String, extra: String = "") -> String {
        """
        ---
        id: r
        title: R
        summary: R.
        authorities:
          - cite: OMB M-25-21 App. §4(b)(vi)
        eu:
          - cite: EU AI Act Art. 86(1)
            requires: An explanation.
        comparison: The EU explains.
        \(extra)evidence:
        \(evidence)
        ---
        \(body)

        """
    }

    static let inventoryEntry = """
          inventory:
            kind: primary
            source: \(source)
            published: 2026-01-28
            passage: "DHS-2408, Hurricane Score, ICE, Deployed, High-impact"
        """

    @Test func aFactualParagraphWithoutEvidenceIsLocatedAndMarkersAreChecked() throws {
        let folder = try TemporaryFolder()
        try folder.write(
            "lib/Recommendations/r.md",
            Self.recommendation(
                evidence: Self.inventoryEntry + "\n  unused:\n    kind: secondary\n    source: https://example.org/report\n    published: 2025-04-18\n    passage: \"a report\"",
                body: "ICE reports the Hurricane Score (DHS-2408)[^inventory] as high-impact.\n\nIn 2024 the inventory listed 183 uses.\n\nThe report says so[^nowhere].\n\nDHS should publish its assessments."))
        let report = Checker.check(paths: ["lib"], now: fixedNow, baseDirectory: folder.url)
        // Line 25 states a year and a count with no marker; line 27 cites an id with no entry.
        #expect(report.found(.factWithoutEvidence) == [Found("DK111", 25, 1)], "\(report.diagnostics)")
        #expect(report.found(.unknownEvidence) == [Found("DK112", 27, 19)], "\(report.diagnostics)")
        #expect(report.found(.unusedEvidence) == [Found("DK113", 17, 3)], "\(report.diagnostics)")
        #expect(report.messages(.factWithoutEvidence).first?.contains("the year 2024") == true)
    }

    @Test func markersLeaveTheComposedTextAndTheFactsDateIsTheNewestPublication() throws {
        let file = SourceFile(
            path: "r.md",
            text: Self.recommendation(
                evidence: Self.inventoryEntry
                    + "\n  press:\n    kind: secondary\n    source: https://example.org/report\n    published: 2026-02-01\n    passage: \"a confidence score\"",
                body: "ICE reports the Hurricane Score (DHS-2408) [^inventory]. Press reports describe a score[^press]."))
        let (parsed, diagnostics) = RecommendationParser.parse(file)
        let recommendation = try #require(parsed, "\(diagnostics)")
        #expect(recommendation.body.trimmingCharacters(in: .whitespacesAndNewlines) == "ICE reports the Hurricane Score (DHS-2408). Press reports describe a score.")
        #expect(recommendation.factsAsOf?.value == CalendarDate(iso: "2026-02-01"))
        #expect(recommendation.factsAsOf?.range.start.line == 20)
        #expect(recommendation.evidence.map(\.kind) == [.primary, .secondary])
    }

    @Test func aHandWrittenFactsDateBesideEvidenceIsAWarningAndTheEvidenceWins() throws {
        let file = SourceFile(path: "r.md", text: Self.recommendation(evidence: Self.inventoryEntry, body: "DHS-2408[^inventory].", extra: "facts-as-of: 2025-12-22\n"))
        let (parsed, diagnostics) = RecommendationParser.parse(file)
        #expect(diagnostics.map(\.code) == [.factsDateWrittenByHand], "\(diagnostics)")
        #expect(parsed?.factsAsOf?.value == CalendarDate(iso: "2026-01-28"))
    }

    @Test func evidenceWithoutASourceAddressOrPassageIsRefused() throws {
        let file = SourceFile(
            path: "r.md",
            text: Self.recommendation(evidence: "  a:\n    kind: primary\n    source: the inventory\n    published: 2026-01-28\n    passage: \"x\"\n  b:\n    kind: verified\n    source: https://example.org\n    published: 2026-01-28\n    passage: \"x\"", body: "Text."))
        let (parsed, diagnostics) = RecommendationParser.parse(file)
        #expect(parsed == nil)
        #expect(diagnostics.filter { $0.code == .invalidValue }.map(\.range.start.line) == [14, 18], "\(diagnostics)")
    }

    @Test func evidencePublishedAfterTheDocumentsDateIsAnErrorAtItsDate() throws {
        let folder = try TemporaryFolder()
        try folder.write("c/Recommendations/r.md", Self.recommendation(evidence: Self.inventoryEntry, body: "The Hurricane Score[^inventory] is high-impact."))
        try folder.write("c/plan.yml", "date: 2026-01-20\nkind: letter\nsubmitter: { type: anonymous }\nsections:\n  - recommendations: [r]\n")
        let report = Checker.check(paths: ["c"], now: fixedNow, baseDirectory: folder.url)
        #expect(report.found(.factsAfterDocumentDate) == [Found("DK109", 15, 16)], "\(report.diagnostics)")
        #expect(report.messages(.factsAfterDocumentDate).first?.contains("evidence 'inventory', published 2026-01-28") == true)
        try folder.write("c/plan.yml", "date: 2026-01-28\nkind: letter\nsubmitter: { type: anonymous }\nsections:\n  - recommendations: [r]\n")
        #expect(Checker.check(paths: ["c"], now: fixedNow, baseDirectory: folder.url).found(.factsAfterDocumentDate).isEmpty)
    }

    /// The bundled library and examples: no factual paragraph without evidence.
    @Test func theBundledLibraryStatesNoFactWithoutEvidence() {
        let report = Checker.check(paths: ["Recommendations", "Templates", "Examples"], baseDirectory: BundledLibraryTests.packageRoot)
        #expect(report.errorCount == 0, "\(report.diagnostics.filter { $0.severity == .error })")
        #expect(report.found(.factWithoutEvidence).isEmpty, "\(report.messages(.factWithoutEvidence))")
        #expect(report.found(.unusedEvidence).isEmpty && report.found(.unknownEvidence).isEmpty)
    }

    /// "Verified" means a primary text was read: the registry will not load a verified entry
    /// without the address and passage of what was read.
    @Test func theRegistryRefusesPrimaryEvidenceWithoutAPassage() throws {
        let original = try String(contentsOf: BundledLibraryTests.packageRoot.appendingPathComponent("Sources/DocketCitations/Resources/authorities.yml"), encoding: .utf8)
        let folder = try TemporaryFolder()
        let broken = original.replacingOccurrences(of: #"passage: "1. OVERVIEW", "#, with: "")
        #expect(broken != original)
        try folder.write("authorities.yml", broken)
        #expect(throws: (any Error).self) { try AuthorityRegistry(contentsOf: folder.url.appendingPathComponent("authorities.yml")) }
        // Every provision the bundled registry calls verified has primary evidence with both.
        for citation in AuthorityRegistry.shared.listedCitations {
            let resolved = try AuthorityRegistry.shared.resolve(citation).get()
            guard resolved.outcome == .verified else { continue }
            let evidence = try #require(AuthorityRegistry.shared.evidence(of: resolved.citation))
            #expect(evidence.kind == .primary && evidence.url?.hasPrefix("http") == true && evidence.passage?.isEmpty == false, "\(citation)")
        }
    }
}

/// Before filing, the lead is told what rests on reports rather than primary texts.
@Suite struct SecondaryEvidenceNoteTests {
    func package(recommendations: String) throws -> [Diagnostic] {
        let folder = try TemporaryFolder()
        let root = BundledLibraryTests.packageRoot.path
        try folder.write(
            "c/plan.yml",
            """
            name: c
            date: 2026-03-01
            kind: comment
            docket: \(root)/Examples/omb-2023-0020/docket.yml
            library: \(root)
            submitter: { type: anonymous }
            sections:
              - recommendations: [\(recommendations)]
            """)
        var options = Filing.Options()
        options.allowLate = true
        return Filing.package(plan: "c/plan.yml", options: options, now: fixedNow, baseDirectory: folder.url).diagnostics
    }

    @Test func aPackagedDocumentListsTheClaimsThatRestOnReportsOnly() throws {
        let targeting = try package(recommendations: "limit-targeting-platforms")
        let note = try #require(targeting.first { $0.code == .secondaryEvidenceOnly }, "\(targeting)")
        #expect(note.severity == .note)
        // The two press reports the file cites, and nothing it reads in DHS's own inventory.
        #expect(note.message.contains("limit-targeting-platforms [^elite-press], limit-targeting-platforms [^immigrationos-contract]"), "\(note.message)")
        #expect(!note.message.contains("inventory-dhs-2578"))
        let primaryOnly = try package(recommendations: "public-impact-assessment")
        #expect(!primaryOnly.contains { $0.code == .secondaryEvidenceOnly }, "\(primaryOnly)")
    }
}
