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

/// Plans against a library: clause and recommendation references, variables, questions.
@Suite struct PlanCheckTests {
    @Test func goodPlanHasNoErrorsAndReportsQuestionCoverage() throws {
        let report = check("workspace/plans/good/plan.yml")
        #expect(report.errorCount == 0, "\(report.diagnostics)")
        #expect(report.messages(.questionCoverage) == ["the plan answers 1 of 2 docket questions; unanswered: 2"])
        #expect(report.files.contains("workspace/Recommendations/notice.md"), "the plan's library is loaded with it")
        #expect(report.files.contains("workspace/plans/good/signatories.csv"))
    }

    @Test func brokenPlanReportsEveryProblemWithItsLocation() {
        let report = check("workspace/plans/broken/plan.yml")
        let plan = report.diagnostics.filter { $0.range.start.file == "workspace/plans/broken/plan.yml" && $0.severity != .note }
        let found = Set(plan.map { Found($0.code.rawValue, $0.range.start.line, $0.range.start.column) })
        #expect(
            found == [
                Found("DK304", 7, 20), Found("DK304", 8, 13), Found("DK304", 9, 12), Found("DK306", 10, 11),
                Found("DK301", 12, 13), Found("DK305", 13, 13), Found("DK307", 14, 13), Found("DK302", 15, 31),
                Found("DK013", 15, 39), Found("DK308", 16, 13), Found("DK305", 17, 13), Found("DK303", 18, 14),
                Found("DK312", 13, 13),
            ])
    }

    @Test func submitterMustNotMixPersonAndOrganization() {
        #expect(check("workspace/plans/submitter/plan.yml").found() == [Found("DK309", 5, 3)])
    }

    @Test func pinnedClauseReferences() {
        #expect(ClauseReference(parsing: "intro.coalition@3", range: .file(""))?.pinnedVersion == 3)
        #expect(ClauseReference(parsing: "intro.coalition", range: .file(""))?.pinnedVersion == nil)
        #expect(ClauseReference(parsing: "intro.coalition@x", range: .file("")) == nil)
        #expect(ClauseReference(parsing: "@2", range: .file("")) == nil)
    }

    @Test func planValuesAreTypedByTheClauseDeclaration() {
        let range = SourceRange.file("")
        #expect(PlanVariable(name: "n", value: .scalar("35"), range: range).typed(as: .integer) == .integer(35))
        #expect(PlanVariable(name: "n", value: .scalar("thirty"), range: range).typed(as: .integer) == nil)
        #expect(PlanVariable(name: "d", value: .scalar("2024-12-01"), range: range).typed(as: .date) == .date(CalendarDate(year: 2024, month: 12, day: 1)!))
        #expect(PlanVariable(name: "d", value: .scalar("2023-02-29"), range: range).typed(as: .date) == nil)
        #expect(PlanVariable(name: "d", value: .scalar("2024-02-29"), range: range).typed(as: .date) != nil)
        #expect(PlanVariable(name: "l", value: .list(["a"]), range: range).typed(as: .string) == nil)
    }
}
