import DocketMarkdown
import DocketModel
import DocketSupport
import Foundation
import Testing

@testable import DocketKit

/// A version is the hash of the canonical text: cosmetic Markdown does not change it, and
/// every version stored with the examples still is what its name says.
@Suite struct VersionIdentityTests {
    @Test func cosmeticVariantsOfAClauseComposeToOneVersion() throws {
        let bodies = [
            "DHS should *stop* using Mobile Fortify.\n\n- one\n- two\n",
            "DHS should _stop_ using\nMobile Fortify.\n\n* one\n* two\n",
            "DHS should *stop* using \nMobile Fortify.\n\n+ one\n+ two\n",
        ]
        var versions: Set<DraftVersion> = []
        for body in bodies {
            let folder = try TemporaryFolder()
            try folder.write("Templates/clauses/ask.md", "---\nid: ask\nversion: 1\ntitle: The ask\n---\n" + body)
            try folder.write("letter/plan.yml", "name: letter\nkind: letter\nlibrary: ..\nsubmitter: { type: anonymous }\nsections:\n  - clause: ask\n")
            let outcome = Composition.compose(plan: "letter/plan.yml", formats: [.md], now: fixedNow, baseDirectory: folder.url)
            versions.insert(try #require(outcome.draft?.version, "\(outcome.diagnostics)"))
        }
        #expect(versions.count == 1)
    }

    /// Each `versions/<hex>.md` of the examples hashes to its name and is already canonical,
    /// so the approvals that name those versions still name these texts.
    @Test(arguments: ExampleGoldenTests.examples)
    func storedVersionsStillVerify(example: String) throws {
        let folder = BundledLibraryTests.packageRoot.appendingPathComponent("Examples/\(example)/versions")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".md") && !$0.hasSuffix(".sources.json") }
        #expect(!names.isEmpty)
        for name in names {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            #expect(ContentHash.sha256Hex(text) + ".md" == name)
            #expect(CanonicalText.normalize(text) == text, "\(name) is not canonical")
        }
    }
}
