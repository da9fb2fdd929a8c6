import DocketCitations
import Foundation
import Testing

@testable import DocketKit

/// The registry a caller hands `docket check` is the one every rule judges by.
@Suite struct PipelineRegistryTests {
    func library(citing citation: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("docket-registry-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("Recommendations"), withIntermediateDirectories: true)
        let text = """
            ---
            id: cites-an-inventory-entry
            title: Cites an inventory entry
            summary: One citation.
            systems: [\(citation)]
            authorities:
              - OMB M-25-21 App. §4(b)(vi)
            eu:
              - cite: EU AI Act Art. 86(1)
                requires: A right to explanation.
            comparison: |
              The EU grants a right to explanation.
            ---
            Body text.

            """
        try text.write(to: folder.appendingPathComponent("Recommendations/cites.md"), atomically: true, encoding: .utf8)
        return folder
    }

    @Test func libraryEntriesAreCheckedAgainstTheCallersRegistry() throws {
        let folder = try library(citing: "DHS-9999")
        defer { try? FileManager.default.removeItem(at: folder) }
        let bundled = Checker.check(paths: ["Recommendations"], baseDirectory: folder)
        #expect(bundled.diagnostics.contains { $0.code == .unverifiedCitation }, "the bundled registry does not know DHS-9999: \(bundled.diagnostics)")
        let registry = AuthorityRegistry.shared.adding([
            .init(citation: "DHS-9999", title: "A test inventory entry", evidence: RegistryEvidence(kind: .primary, url: "https://example.org/inventory", passage: "DHS-9999"))
        ])
        let given = Checker.check(paths: ["Recommendations"], baseDirectory: folder, registry: registry)
        #expect(!given.diagnostics.contains { $0.code == .unverifiedCitation }, "\(given.diagnostics)")
    }
}

/// What `check` counts and does not show is warnings, kept apart from the errors `compose`
/// counts in files a plan does not use: one number once meant both.
@Suite struct HiddenCountsTests {
    @Test func checkCountsHiddenWarningsApartFromErrors() {
        let report = Checker.check(paths: ["Examples/omb-2023-0020"], now: fixedNow, baseDirectory: BundledLibraryTests.packageRoot)
        #expect(report.hiddenWarningCount > 0, "the shared library has warnings the example does not use")
        #expect(report.unrelatedErrorCount == 0)
        #expect(!report.diagnostics.contains { $0.severity == .warning && $0.range.start.file.hasPrefix("Recommendations/") })
    }
}
