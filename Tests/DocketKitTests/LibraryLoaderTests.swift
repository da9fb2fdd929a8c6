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

/// Library files, good and broken: every problem a located diagnostic with a stable code.
@Suite struct LibraryLoaderTests {
    @Test func validRecommendationLoadsEveryField() throws {
        let report = check("files/valid-recommendation.md")
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics)")
        let source = SourceFile(path: "x.md", text: try String(contentsOf: fixtures.appendingPathComponent("files/valid-recommendation.md"), encoding: .utf8))
        let recommendation = try #require(RecommendationParser.parse(source).0)
        #expect(recommendation.id == "valid-recommendation")
        #expect(recommendation.tags == ["a", "b"])
        #expect(recommendation.systems.map(\.text.value) == ["DHS-2408"])
        #expect(recommendation.authorities.map(\.citation?.canonical) == ["OMB M-24-10 §5(c)(v)(E)", "OMB M-25-21 App. §4(b)(vi)"])
        #expect(recommendation.authorities.first?.note == "Human consideration and remedy.")
        #expect(recommendation.eu.first?.requires == "A right to explanation.")
        #expect(recommendation.comparison == "The EU grants a right to explanation.")
        #expect(recommendation.body == "Body text.\n")
        #expect(recommendation.bodyFirstLine == 17)
        #expect(recommendation.source.start == SourceLocation(file: "x.md", line: 2, column: 5))
    }

    @Test func unknownCitationIsAnErrorAtItsLineAndColumn() {
        let report = check("files/unknown-citation.md")
        #expect(report.found() == [Found("DK101", 7, 11), Found("DK101", 9, 11)])
        #expect(report.messages(.unknownCitation).contains("unknown citation \"OMB M-24-10 §7\": M-24-10 has sections 1–6"))
        #expect(report.messages(.unknownCitation).contains("unknown citation \"EU AI Act Art. 114\": the EU AI Act has 113 articles"))
    }

    @Test func missingAndMistypedFieldsAreAllReportedInOnePass() {
        let report = check("files/missing-fields.md")
        #expect(report.found() == [Found("DK010", 1, 1), Found("DK014", 2, 5), Found("DK011", 4, 14), Found("DK010", 6, 5)])
        #expect(report.messages(.missingField).contains("recommendation is missing required field 'title'"))
    }

    @Test func malformedYAMLPointsAtTheProblem() {
        // At the quote that is never closed, not where the file ends.
        #expect(check("files/malformed-yaml.md").found() == [Found("DK007", 3, 8)])
        #expect(check("files/duplicate-key.md").found() == [Found("DK007", 4, 1)])
    }

    @Test func frontMatterMustOpenAndClose() {
        #expect(check("files/unterminated.md").found() == [Found("DK006", 1, 1)])
        #expect(check("files/no-front-matter.md").found() == [Found("DK005", 1, 1)])
    }

    @Test func unknownKeysWarnWithADidYouMean() throws {
        let report = check("files/unknown-key.md")
        #expect(report.found() == [Found("DK012", 4, 1), Found("DK012", 11, 1)])
        #expect(report.errorCount == 0)
        let typo = try #require(report.diagnostics.first { $0.range.start.line == 4 })
        #expect(typo.message.contains("did you mean 'summary'?"))
        #expect(typo.fixIt == "summary")
    }

    @Test func clauseVariablesMustBeDeclaredAndUsed() throws {
        let report = check("files/clause-undeclared.md")
        #expect(report.found() == [Found("DK203", 7, 3), Found("DK202", 9, 32)])
        let undeclared = try #require(report.diagnostics.first { $0.code == .undeclaredVariable })
        #expect(undeclared.message.contains("'agencey'"))
    }

    @Test func regulationsGovIDsOfAnUnseenShapeWarnInsteadOfFailing() throws {
        let folder = try TemporaryFolder()
        try folder.write(
            "Recommendations/ids.md",
            """
            ---
            id: ids
            title: t
            summary: s
            authorities:
              - cite: OMB M-25-21
              - cite: EPA-HQ-21
              - cite: OMB-2023-0020-0198
            eu:
              - cite: EU AI Act Art. 49(4)
                requires: r
            comparison: c
            ---
            Body.
            """)
        let report = Checker.check(paths: ["Recommendations"], baseDirectory: folder.url)
        #expect(report.found() == [Found("DK105", 7, 11), Found("DK102", 8, 11)])
        #expect(IdentifierPatterns.looksLikeRegulationsGovID("NPS_FRDOC_01"))
        #expect(!IdentifierPatterns.looksLikeRegulationsGovID("Clearview"))
    }

    @Test func brokenMustacheIsLocatedInTheFile() {
        #expect(check("files/clause-bad-template.md").found() == [Found("DK201", 7, 18)])
    }

    @Test func badVariableDeclarations() {
        let report = check("files/clause-bad-variables.md")
        #expect(report.found() == [Found("DK015", 3, 10), Found("DK204", 6, 18), Found("DK205", 7, 32), Found("DK014", 8, 3)])
    }

    @Test func dockets() {
        // The docket and document IDs are well formed, but no primary source confirms either
        // (OMB's reporting guidance does not cite the docket): a warning at each to look it up.
        #expect(check("files/docket-valid.yml").found() == [Found("DK102", 1, 5), Found("DK102", 2, 11), Found("DK401", 8, 16)])
        #expect(check("files/docket-broken.yml").found() == [Found("DK402", 2, 11), Found("DK015", 5, 12), Found("DK015", 6, 16), Found("DK013", 10, 13)])
    }

    @Test func docketIsOpenUntilItsCloseInstant() throws {
        let source = SourceFile(path: "docket.yml", text: try String(contentsOf: fixtures.appendingPathComponent("files/docket-valid.yml"), encoding: .utf8))
        let docket = try #require(DocketParser.parse(source).0)
        #expect(docket.isOpen(at: Timestamp.date(from: "2023-12-05T23:58:59-05:00")!))
        #expect(!docket.isOpen(at: Timestamp.date(from: "2023-12-06T05:00:01Z")!))
        #expect(docket.questions.map(\.number) == [1, 2])
        #expect(docket.federalRegisterDocument?.citation?.canonical == "FR Doc. 2023-24269")
    }

    @Test func signatories() throws {
        let report = check("files/signatories-broken.csv")
        #expect(report.found() == [Found("DK012", 1, 39), Found("DK503", 3, 1), Found("DK504", 4, 1), Found("DK505", 5, 21), Found("DK501", 6, 1)])
        let source = SourceFile(path: "s.csv", text: try String(contentsOf: fixtures.appendingPathComponent("files/signatories-broken.csv"), encoding: .utf8))
        let signatories = SignatoriesParser.parse(source).0
        #expect(signatories.map(\.organization) == ["Quoted, Inc.", "Third Org"])
        #expect(signatories.first?.id == "quoted-inc")
        #expect(signatories.first?.publicLine == "Quoted, Inc. (Austin, TX)")
    }
}

/// The file-level guards: encoding, emptiness, size.
@Suite struct SourceFileTests {
    @Test func invalidUTF8IsReportedAtTheFirstBadByte() throws {
        let folder = try TemporaryFolder()
        try folder.write("Templates/clauses/latin1.md", Data("---\nid: x\nversion: 1\ntitle: caf".utf8) + Data([0xE9]) + Data("\n---\nbody\n".utf8))
        let report = Checker.check(paths: ["Templates"], baseDirectory: folder.url)
        #expect(report.found() == [Found("DK002", 4, 11)])
        #expect(report.diagnostics.first?.range.start.file == "Templates/clauses/latin1.md")
    }

    @Test func truncatedMultibyteSequenceIsInvalid() {
        #expect(SourceFileReader.firstInvalidUTF8Offset(in: Data([0x61, 0xE2, 0x82])) == 1)
        #expect(SourceFileReader.firstInvalidUTF8Offset(in: Data([0xED, 0xA0, 0x80])) == 0, "UTF-16 surrogates are not UTF-8")
        #expect(SourceFileReader.firstInvalidUTF8Offset(in: Data("§ café 😀".utf8)) == nil)
    }

    @Test func emptyAndOversizedFiles() throws {
        let folder = try TemporaryFolder()
        try folder.write("Recommendations/empty.md", "  \n\n")
        try folder.write("Recommendations/huge.md", Data(repeating: UInt8(ascii: "a"), count: 30_000_000))
        let report = Checker.check(paths: ["Recommendations"], baseDirectory: folder.url)
        #expect(Set(report.diagnostics.map(\.code)) == [.emptyFile, .fileTooLarge])
        #expect(report.messages(.fileTooLarge).first?.contains("30.0 MB") == true)
    }

    @Test func byteOrderMarkIsIgnored() throws {
        let (file, diagnostics) = SourceFileReader.decode(Data([0xEF, 0xBB, 0xBF]) + Data("---\n".utf8), path: "x")
        #expect(diagnostics.isEmpty)
        #expect(file?.lineText(1) == "---")
    }

    @Test func columnsCountUTF8Bytes() {
        let file = SourceFile(path: "x", text: "a: §é\nb")
        #expect(file.utf8Column(line: 1, scalarColumn: 5) == 6, "'§' takes two bytes")
        #expect(file.utf8Column(line: 1, scalarColumn: 6) == 8)
        #expect(file.location(ofUTF8Offset: 8) == SourceLocation(file: "x", line: 2, column: 1))
    }
}
