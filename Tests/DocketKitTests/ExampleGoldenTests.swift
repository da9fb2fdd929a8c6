import Foundation
import Testing

@testable import DocketKit

/// The bundled example composed and compared byte for byte with its committed outputs in
/// `Examples/<name>/expected/`. After an intended change, re-record with `RECORD=1 swift test`
/// and review the diff before committing it.
@Suite struct ExampleGoldenTests {
    static let examples = ["omb-2023-0020"]

    @Test(arguments: examples) func composedOutputMatchesTheCommittedFiles(example: String) throws {
        let folder = BundledLibraryTests.packageRoot.appendingPathComponent("Examples/\(example)")
        let outcome = Composition.compose(plan: "Examples/\(example)/plan.yml", now: fixedNow, baseDirectory: BundledLibraryTests.packageRoot)
        #expect(!outcome.diagnostics.hasErrors, "\(outcome.diagnostics.filter { $0.severity == .error })")
        #expect(outcome.rendered.count == 3)
        let expected = folder.appendingPathComponent("expected")
        if ProcessInfo.processInfo.environment["RECORD"] == "1" {
            try AtomicWriter.write(outcome.rendered.map { ($0.name, Data($0.contents.utf8)) }, into: expected)
            return
        }
        for file in outcome.rendered {
            let url = expected.appendingPathComponent(file.name)
            let golden = try #require(try? Data(contentsOf: url), "missing \(url.path); run RECORD=1 swift test")
            #expect(Data(file.contents.utf8) == golden, "\(file.name) differs from \(url.path):\n\(firstDifference(file.contents, String(decoding: golden, as: UTF8.self)))")
        }
    }

    @Test func exampleHasNineRecommendationsEachWithAnEUComparison() throws {
        let outcome = Composition.compose(plan: "Examples/omb-2023-0020/plan.yml", now: fixedNow, baseDirectory: BundledLibraryTests.packageRoot)
        let document = try #require(outcome.draft?.document)
        #expect(document.recommendations.count == 9)
        #expect(document.recommendations.allSatisfy { !$0.eu.isEmpty && !$0.comparison.isEmpty })
        #expect(document.signatories?.lines.count == 35)
        #expect(outcome.draft?.box.fits == true)
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
