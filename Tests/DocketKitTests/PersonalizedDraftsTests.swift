import Foundation
import Testing

@testable import DocketCompose
@testable import DocketKit
@testable import DocketModel
@testable import DocketReview
@testable import DocketSupport

/// One plan composed for many supporters renders again only what a supporter's values change.
/// Each personalized draft must be, byte for byte, the draft composed alone from the same values:
/// its Markdown, version, document and diagnostics.
@Suite struct PersonalizedDraftsTests {
    static func expectSameAsComposedAlone(_ drafts: PersonalizedDrafts, setting values: [PlanVariable], sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Draft {
        var batchDiagnostics = DiagnosticCollector()
        let personalized = drafts.draft(setting: values, diagnostics: &batchDiagnostics)
        var aloneDiagnostics = DiagnosticCollector()
        let alone = Draft(composing: drafts.input(setting: values), approvals: drafts.base.approvals, diagnostics: &aloneDiagnostics)
        #expect(personalized.markdown == alone.markdown, "\(Self.firstDifference(personalized.markdown, alone.markdown))", sourceLocation: sourceLocation)
        #expect(personalized.version == alone.version, sourceLocation: sourceLocation)
        #expect(personalized.document == alone.document, sourceLocation: sourceLocation)
        #expect(personalized.usedFiles == alone.usedFiles, sourceLocation: sourceLocation)
        #expect(batchDiagnostics.diagnostics == aloneDiagnostics.diagnostics, sourceLocation: sourceLocation)
        return personalized
    }

    /// Where two texts first differ, for a readable failure.
    static func firstDifference(_ actual: String, _ expected: String) -> String {
        let index = zip(actual.utf8, expected.utf8).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(actual.utf8.count, expected.utf8.count)
        return "at byte \(index): …\(String(decoding: actual.utf8.dropFirst(max(0, index - 40)).prefix(80), as: UTF8.self))… vs …\(String(decoding: expected.utf8.dropFirst(max(0, index - 40)).prefix(80), as: UTF8.self))…"
    }

    static func value(_ name: String, _ text: String) -> PlanVariable {
        PlanVariable(name: name, value: .scalar(text), range: .file("supporters.csv"))
    }

    /// Every bundled example, with its salutation changed: the clauses that read it are rendered
    /// again, the recommendations and the rest are reused, and nothing differs from composing alone.
    @Test(arguments: ExampleGoldenTests.examples)
    func eachExampleDraftIsTheDraftComposedAlone(example: String) throws {
        let outcome = Composition.compose(plan: "Examples/\(example)/plan.yml", now: fixedNow, baseDirectory: BundledLibraryTests.packageRoot)
        let composed = try #require(outcome.draft)
        var diagnostics = DiagnosticCollector()
        let drafts = PersonalizedDrafts(composed.input, approvals: composed.approvals, diagnostics: &diagnostics)
        #expect(drafts.base.markdown == composed.markdown)

        let plain = Self.expectSameAsComposedAlone(drafts, setting: [Self.value("salutation", "Dear Supporter Number 7")])
        #expect(plain.markdown.contains("Dear Supporter Number 7"))
        guard case .scalar(let written)? = composed.plan.variables.first(where: { $0.name == "salutation" })?.value else {
            Issue.record("\(example) has no salutation")
            return
        }
        #expect(composed.markdown.contains(written) && !plain.markdown.contains(written))
        #expect(plain.version != composed.version)

        // Markup in a value is escaped as it is when composed alone.
        let marked = Self.expectSameAsComposedAlone(drafts, setting: [Self.value("salutation", "Dear *Ünïcode* & [Co]")])
        #expect(marked.markdown.contains(#"Dear \*Ünïcode\* \& \[Co\]"#))

        // The plan's own value gives the plan's own draft, signers and all.
        let same = try #require(composed.plan.variables.first { $0.name == "salutation" })
        #expect(Self.expectSameAsComposedAlone(drafts, setting: [same]).markdown == composed.markdown)
    }

    static let at = SourceRange.file("memory/plan.yml")

    static func clause(_ id: String, variables: [String], body: String) -> Clause {
        Clause(
            id: id, version: 1, title: id, role: .clause,
            variables: variables.map { Variable(name: $0, type: .string, required: true, defaultValue: nil, description: nil, range: at) }, tags: [], body: body,
            source: .file("memory/\(id).md"), bodyFirstLine: 5)
    }

    /// A clause that reads no variable itself but includes one that does is rendered again.
    static let library = Library(
        recommendations: [],
        clauses: [
            clause("greeting", variables: [], body: "Friends, {{> signed-from}}"),
            clause("signed-from", variables: ["city"], body: "from {{city}}."),
            clause("story", variables: ["supporter"], body: "{{supporter}} writes."),
            clause("fixed", variables: [], body: "This paragraph is the same for everyone."),
        ])

    static func input() -> PlanInput {
        let plan = Plan(
            name: "memory", title: "A personal letter", kind: .letter, docket: nil, template: nil, library: nil, submitter: .anonymous,
            variables: [value("city", "Austin"), value("supporter", "Ana")],
            sections: ["greeting", "story", "fixed"].map { .clause(ClauseReference(id: $0, pinnedVersion: nil, range: at)) }, signatories: nil, outputs: [],
            source: at)
        return PlanInput(plan: plan, planPath: "memory/plan.yml", library: library)
    }

    @Test func aValueReadOnlyThroughAnIncludedClauseIsRenderedAgain() {
        var diagnostics = DiagnosticCollector()
        let drafts = PersonalizedDrafts(Self.input(), diagnostics: &diagnostics)
        #expect(drafts.base.markdown.contains("Friends, from Austin."))
        let draft = Self.expectSameAsComposedAlone(drafts, setting: [Self.value("city", "El Paso")])
        #expect(draft.markdown.contains("Friends, from El Paso.\n\nAna writes.\n\nThis paragraph is the same for everyone."))
        let other = Self.expectSameAsComposedAlone(drafts, setting: [Self.value("supporter", "Bo")])
        #expect(other.markdown.contains("Friends, from Austin.\n\nBo writes."))
    }

    /// A supporter's value is checked as the plan's own would be: a missing or unused variable
    /// is reported for that draft, with the same words and place as composing it alone.
    @Test func aSupportersValuesAreCheckedAsThePlansWouldBe() {
        var diagnostics = DiagnosticCollector()
        let drafts = PersonalizedDrafts(Self.input(), diagnostics: &diagnostics)
        #expect(!diagnostics.hasErrors, "\(diagnostics.diagnostics)")
        var unused = DiagnosticCollector()
        _ = drafts.draft(setting: [Self.value("cty", "Reno")], diagnostics: &unused)
        #expect(unused.diagnostics.map(\.code) == [.unusedPlanVariable])
        #expect(unused.diagnostics.first?.message.contains("did you mean 'city'?") == true)
        _ = Self.expectSameAsComposedAlone(drafts, setting: [Self.value("cty", "Reno")])
    }
}

/// `docket compose --each`: one draft per row of a supporters file, each set of values located
/// at its cell, nothing rendered while any row is wrong.
@Suite struct ComposeEachTests {
    static func composeEach(_ supporters: String) -> Outcome<Composition.PersonalizedResult> {
        Composition.composeEach(plan: "each/plan.yml", supporters: supporters, now: fixedNow, baseDirectory: fixtures)
    }

    @Test func eachRowIsADraftNamedByItsIDWithItsOwnValues() throws {
        let outcome = Self.composeEach("each/supporters.csv")
        #expect(!outcome.diagnostics.hasErrors, "\(outcome.diagnostics)")
        let files = try #require(outcome.value?.rendered)
        #expect(files.map(\.name) == ["ana.md", "bo.md"])
        #expect(files[0].contents.contains("Ana's Block Club and 3 organizations comment by December 5, 2023"))
        // An empty cell keeps the plan's value; markup in a value is escaped.
        #expect(files[1].contents.contains(#"Bo \& \*Co\* and 1 organizations"#))
        // The email column is read by no clause: reported once at its header, in no draft.
        let unused = outcome.diagnostics.filter { $0.code == .unusedPlanVariable }
        #expect(unused.map { "\($0.range.start)" } == ["each/supporters.csv:1:35"])
        #expect(files.allSatisfy { !$0.contents.contains("@example.org") })
    }

    @Test func aWrongRowStopsEveryDraftAndIsLocatedAtItsCell() {
        let outcome = Self.composeEach("each/bad-supporters.csv")
        #expect(outcome.value?.rendered.isEmpty ?? true)
        let errors = Set(outcome.diagnostics.filter { $0.severity == .error }.map { "\($0.code.rawValue)@\($0.range.start)" })
        #expect(
            errors == [
                "DK304@each/bad-supporters.csv:2:22",  // "three" is not an integer
                "DK018@each/bad-supporters.csv:3:1",  // "../up" is not a file name
                "DK013@each/bad-supporters.csv:4:1",  // "ana" again
            ], "\(outcome.diagnostics)")
    }

    @Test func aSignOnLetterIsNotPersonalized() {
        let outcome = Composition.composeEach(plan: "compose/plans/full/plan.yml", supporters: "each/supporters.csv", now: fixedNow, baseDirectory: fixtures)
        #expect(outcome.diagnostics.contains { $0.code == .outputNotWritten && $0.message.contains("sign-on letter") })
        #expect(outcome.value?.rendered.isEmpty ?? true)
    }
}
