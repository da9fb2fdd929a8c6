import DocketCompose
import DocketModel
import DocketRender
import DocketReview
import DocketSupport
import Foundation
import Testing

/// A whole plan built from values, composed with no file on disk: the API the review server
/// and any other Swift program use. Expected text is written out by hand here, and the version
/// is checked with the system's `sha256sum`, not with the code that computes it.
@Suite struct ComposeFromValuesTests {
    static let planFile = "memory/plan.yml"
    static let at = SourceRange.file(planFile)

    static func located(_ text: String) -> Located<String> { Located(text, at: at) }

    static let intro = Clause(
        id: "intro", version: 1, title: "Introduction", role: .clause,
        variables: [Variable(name: "coalition", type: .string, required: true, defaultValue: nil, description: nil, range: at)], tags: [],
        body: "{{coalition}} submits this letter on docket {{docket.id}}.", source: SourceRange.file("memory/intro.md"), bodyFirstLine: 6)

    static let recommendation = Recommendation(
        id: "stop-scraping", title: "Stop scraping faces", summary: "DHS should stop buying scraped face data.", tags: [], systems: [],
        authorities: [CitedAuthority(parsing: located("OMB M-24-10 §5(c)(iv)(A)"))], eu: [], comparison: "",
        body: "Raw <script>alert(1)</script> markup, a [bad link](javascript:alert(1)) and a [good link](https://example.org/report).\n\n<div onclick=\"steal()\">a block</div>",
        source: SourceRange.file("memory/stop-scraping.md"), bodyFirstLine: 8)

    static let docket = Docket(
        id: located("OMB-2023-0020"), documentID: located("OMB-2023-0020-0001"), agency: "OMB", agencyName: "Office of Management and Budget",
        title: "Draft AI memorandum", federalRegisterCitation: nil, federalRegisterDocument: nil, rin: nil, publishedOn: nil, commentsClose: nil,
        commentsCloseText: nil, questions: [], source: at)

    static let signers = [
        Signatory(id: "alpha", organization: "Alpha Rights Project", city: "Austin", state: "TX", contactName: nil, contactEmail: "a@alpha.example", contactPhone: nil, source: at),
        Signatory(id: "beta", organization: "Beta Legal Aid", city: "Oakland", state: "CA", contactName: nil, contactEmail: nil, contactPhone: nil, source: at),
    ]

    static let plan = Plan(
        name: "memory", title: "Letter on face recognition", kind: .signOnLetter, docket: located("docket.yml"), template: nil, library: nil,
        submitter: .organization(.init(name: "Example Coalition", organizationType: "Nonprofit")),
        variables: [PlanVariable(name: "coalition", value: .scalar("Example Coalition"), range: at)],
        sections: [
            .clause(ClauseReference(id: "intro", pinnedVersion: nil, range: at)), .heading(located("Recommendations")),
            .recommendations([located("stop-scraping")]),
        ],
        signatories: located("signatories.csv"), outputs: [], source: at)

    static func input() -> PlanInput {
        PlanInput(
            plan: plan, planPath: planFile, library: Library(recommendations: [recommendation], clauses: [intro]), docket: docket, signatories: signers)
    }

    @Test func aPlanMadeOnlyOfValuesComposesWithItsVersionAndSigners() throws {
        var first = DiagnosticCollector()
        let unsigned = Draft(composing: Self.input(), approvals: ApprovalLog(), diagnostics: &first)
        #expect(!first.hasErrors, "\(first.diagnostics)")
        #expect(unsigned.markdown.contains("Example Coalition submits this letter on docket OMB-2023-0020."))
        #expect(unsigned.markdown.contains("### Recommendation 1: Stop scraping faces"))
        #expect(unsigned.markdown.contains("No organization has approved this version yet."))
        #expect(try sha256sum(unsigned.canonicalMarkdown) == unsigned.version.hex)

        // Alpha approves this very version; Beta approved nothing: only Alpha signs.
        let log = ApprovalLog(approvals: [Approval(signer: "alpha", decision: .approve, version: unsigned.version, at: Date(timeIntervalSince1970: 0))])
        var second = DiagnosticCollector()
        let signed = Draft(composing: Self.input(), approvals: log, diagnostics: &second)
        #expect(signed.version == unsigned.version, "who approved is not part of what they approved")
        #expect(signed.document.signatories?.lines == ["Alpha Rights Project (Austin, TX)"])
        #expect(signed.markdown.contains("Signed by the following 1 organization:\n\n- Alpha Rights Project (Austin, TX)"))
        #expect(!signed.markdown.contains("Beta Legal Aid"))
        #expect(second.diagnostics.contains { $0.code == .signersOutstanding })
        // Contact data is in the values, never in the text.
        #expect(!signed.markdown.contains("a@alpha.example"))
    }

    @Test func aPlanNamingWhatTheLibraryLacksIsReportedAtThePlan() {
        var plan = Self.plan
        plan.sections.append(.recommendations([Located("stop-scrapping", at: SourceRange(SourceLocation(file: Self.planFile, line: 12, column: 7)))]))
        var input = Self.input()
        input.plan = plan
        var diagnostics = DiagnosticCollector()
        _ = Draft(composing: input, diagnostics: &diagnostics)
        let unknown = diagnostics.diagnostics.filter { $0.code == .unknownRecommendation }
        #expect(unknown.map(\.range.start) == [SourceLocation(file: Self.planFile, line: 12, column: 7)])
        #expect(unknown.first?.message.contains("did you mean 'stop-scraping'?") == true)
    }

    /// Raw HTML and `javascript:` links in a recommendation's text never reach the page, and an
    /// ordinary link does, checked through the renderer a filing uses.
    @Test func theHTMLRendererDropsRawHTMLAndScriptLinksFromARecommendation() {
        var diagnostics = DiagnosticCollector()
        let draft = Draft(composing: Self.input(), diagnostics: &diagnostics)
        let html = HTMLRenderer.render(draft.document, version: draft.version)
        #expect(!html.contains("<script"))
        #expect(!html.lowercased().contains("javascript:"))
        #expect(html.contains("<a href=\"https://example.org/report\">good link</a>"))
        #expect(html.contains("bad link"))
        #expect(!html.contains("<div onclick"))
        #expect(!html.contains("steal()"))
    }

    private func sha256sum(_ text: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(text.utf8))
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        let line = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        return String(line.prefix(64))
    }
}
