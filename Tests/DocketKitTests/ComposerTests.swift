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

/// Composes the plans under `Fixtures/compose/plans`.
func compose(_ plan: String, formats: [Composition.Format]? = nil) -> Outcome<Composition.Result> {
    Composition.compose(plan: "compose/plans/\(plan)/plan.yml", formats: formats, now: fixedNow, baseDirectory: fixtures)
}

/// The formats a plan gets when it names none.
let textFormats: [Composition.Format] = [.md, .html, .txt]

extension Outcome where Value == Composition.Result {
    func file(_ format: Composition.Format) throws -> String {
        try #require(rendered.first { $0.format == format }).contents
    }
}

@Suite struct ComposerTests {
    @Test func blocksComeInPlanOrderWithGeneratedPartsInTheirConventionalPlaces() throws {
        let outcome = compose("full")
        let document = try #require(outcome.draft?.document)
        let kinds = document.blocks.map { block -> String in
            switch block {
            case .heading(let heading): "h:\(heading.text)"
            case .prose(let prose): "prose:\(prose.provenance.origin)"
            case .recommendation(let recommendation): "rec:\(recommendation.number):\(recommendation.id)"
            case .summary: "summary"
            case .answer(let answer): "answer:\(answer.question)"
            case .comparisonTable: "comparison"
            case .authoritiesIndex: "authorities"
            case .signatories: "signatories"
            }
        }
        #expect(
            kinds == [
                "prose:documentTemplate(id: \"letter\", version: 1)", "prose:clause(id: \"intro\", version: 1)", "h:Summary of recommendations", "summary", "h:Recommendations",
                "rec:1:first", "rec:2:second", "answer:1", "h:Signatories", "signatories", "h:Comparison with the EU AI Act", "comparison", "h:Authorities cited", "authorities",
            ])
        #expect(document.header.docketLine == "TEST-2023-0001 · FR Doc. 2023-24269 · 88 FR 75625 (November 3, 2023)")
        #expect(document.header.addressee == "Office of Management and Budget (OMB)")
    }

    @Test func everyBlockKnowsTheFileItCameFrom() throws {
        let document = try #require(compose("full").draft?.document)
        let recommendation = try #require(document.recommendations.first)
        #expect(recommendation.provenance.file == "compose/Recommendations/first.md")
        #expect(recommendation.provenance.line == 15)
        let intro = try #require(
            document.blocks.lazy.compactMap { block -> Prose? in if case .prose(let prose) = block, case .clause = prose.provenance.origin { prose } else { nil } }.first)
        #expect(intro.provenance == Provenance(.clause(id: "intro", version: 1), file: "compose/Templates/clauses/intro.md", line: 11))
    }

    @Test func typedValuesDefaultsPartialsAndBuiltinsRender() throws {
        let markdown = try compose("full").file(.md)
        // Plan values are escaped for Markdown: the asterisks stay literal text.
        // The plan's deadline overrides the clause default of 2023-12-05.
        #expect(markdown.contains("Legal Aid \\& \\*Defense\\* and 2 organizations comment by January 31, 2024 (2024-01-31)."))
        #expect(markdown.contains("Members: One, Two and Three. Agency: Office of Management and Budget."))
        // The partial renders with its own default.
        #expect(markdown.contains("Signed for the coalition."))
        #expect(markdown.contains("Dear Secretary:"))
    }

    @Test func referencesBecomeRecommendationNumbers() throws {
        let document = try #require(compose("full").draft?.document)
        #expect(document.recommendations[0].body == "Assessments come first. This builds on Recommendation 2 of this comment.")
        #expect(document.recommendations[0].comparison == "The EU requires a fundamental rights impact assessment; see Recommendation 2.")
    }

    @Test func unknownReferencesAndPartialsAreLocatedErrors() {
        let badReference = compose("bad-ref")
        #expect(badReference.rendered.isEmpty)
        #expect(Set(badReference.found(.unknownReference)) == [Found("DK207", 12, 6), Found("DK207", 12, 75), Found("DK207", 15, 42)])
        let brokenPartial = compose("broken-partial")
        #expect(brokenPartial.rendered.isEmpty)
        #expect(brokenPartial.found(.unknownPartial) == [Found("DK206", 8, 5)])
    }

    @Test func missingVariableStopsCompositionAtThePlanLine() throws {
        let outcome = compose("missing-variable")
        #expect(!outcome.succeeded)
        #expect(outcome.rendered.isEmpty)
        let diagnostic = try #require(outcome.diagnostics.first { $0.code == .missingVariable })
        #expect(diagnostic.range.start == SourceLocation(file: "compose/plans/missing-variable/plan.yml", line: 8, column: 13))
        #expect(diagnostic.message.contains("'coalition_name'"))
    }

    @Test(arguments: [
        ("wrong-type", "DK304", "compose/plans/wrong-type/plan.yml", 7, 20),
        ("undeclared", "DK202", "compose/Templates/clauses/undeclared.md", 6, 9),
        ("unknown-clause", "DK301", "compose/plans/unknown-clause/plan.yml", 6, 13),
        ("unknown-recommendation", "DK302", "compose/plans/unknown-recommendation/plan.yml", 6, 31),
    ])
    func planErrorsStopCompositionWithALocatedDiagnostic(plan: String, code: String, file: String, line: Int, column: Int) {
        let outcome = compose(plan)
        #expect(outcome.rendered.isEmpty)
        let errors = outcome.diagnostics.filter { $0.severity == .error }
        #expect(errors.map { "\($0.code) \($0.range.start)" } == ["\(code) \(file):\(line):\(column)"])
    }

    @Test func errorsInFilesThePlanDoesNotUseAreCountedNotBlocking() {
        let outcome = compose("full")
        #expect(outcome.succeeded)
        // undeclared.md reads a variable it does not declare; "full" does not use it.
        #expect(outcome.unrelatedErrorCount == 1)
        #expect(!outcome.files.contains("compose/Recommendations/dangling.md"))
    }

    @Test func composingTwiceGivesIdenticalBytes() throws {
        let first = compose("full")
        let second = compose("full")
        for format in textFormats {
            #expect(try first.file(format) == second.file(format))
        }
    }

    @Test func theVersionIsTheHashOfTheCanonicalMarkdownAndEveryFooterCarriesIt() throws {
        let outcome = compose("full")
        let draft = try #require(outcome.draft)
        #expect(draft.version == DraftVersion(canonicalMarkdown: MarkdownRenderer.canonicalBody(draft.document)))
        #expect(draft.version.hex.count == 64)
        for format in textFormats {
            #expect(try outcome.file(format).contains("sha256:\(draft.version.hex)"), "\(format)")
        }
        // A one-word change to a value is a new version.
        var changed = draft.document
        changed.header.title += "."
        #expect(MarkdownRenderer.version(of: changed) != draft.version)
    }

    @Test func publicOutputsNeverCarryContactDetails() throws {
        let outcome = compose("full")
        for format in textFormats {
            let text = try outcome.file(format)
            for secret in ["pat@one.example.org", "512-555-0100", "lead@example.org", "202-555-0199", "Pat Doe"] {
                #expect(!text.contains(secret), "\(format) contains \(secret)")
            }
            #expect(text.contains("First & Best Org (Austin, TX)") || text.contains("First &amp; Best Org (Austin, TX)") || text.contains("First \\& Best Org (Austin, TX)"))
        }
    }
}
