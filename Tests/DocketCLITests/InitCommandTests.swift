import DocketModel
import Foundation
import Testing

/// A new campaign, as a coalition lead starts one: `docket init`, fill in, write a local
/// recommendation, check until clean, compose with a shared library and the bundled one.
@Suite struct InitCommandTests {
    let cli = CLITests()

    @Test func fromInitToACleanCheckAndACompositionOverThreeLibraries() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("docket-init-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let coalition = root.appendingPathComponent("coalition/Templates/clauses")
        try FileManager.default.createDirectory(at: coalition, withIntermediateDirectories: true)
        try "---\nid: coalition-intro\nversion: 1\ntitle: Intro\n---\nThe coalition's members work with immigrant communities.\n"
            .write(to: coalition.appendingPathComponent("coalition-intro.md"), atomically: true, encoding: .utf8)

        let made = try cli.docket(
            "init", "campaign", "--docket", "TEST-2026-0042", "--library", "coalition", "--library", CLITests.packageRoot.path, in: root)
        #expect(made.status == 0, "\(made.stderr)")
        let campaign = root.appendingPathComponent("campaign")
        for name in ["docket.yml", "plan.yml", "README.md", "Recommendations", "Templates"] {
            #expect(FileManager.default.fileExists(atPath: campaign.appendingPathComponent(name).path), "\(name)")
        }
        // Freshly made, the check lists what is left to fill, each at its line.
        let fresh = try cli.docket("check", "campaign", in: root)
        #expect(fresh.status == 1)
        #expect(fresh.stdout.contains("campaign/docket.yml:9:1: error[DK010]: 'agency' is left to fill in docket"), "\(fresh.stdout)")
        #expect(fresh.stdout.contains("campaign/plan.yml:10:3: error[DK010]: 'organization' is left to fill"), "\(fresh.stdout)")
        // A second init never overwrites.
        #expect(try cli.docket("init", "campaign", "--docket", "TEST-2026-0042", in: root).status == 1)

        try """
        id: TEST-2026-0042
        document: TEST-2026-0042-0001
        agency: DHS
        agencyName: Department of Homeland Security
        title: Request for comment on biometric surveillance
        commentsClose: 2026-06-30T23:59:00-04:00
        confirmed:
          - id: TEST-2026-0042
            by: Alex Rivera
            on: 2026-01-14
            at: https://www.regulations.gov/docket/TEST-2026-0042
          - id: TEST-2026-0042-0001
            by: Alex Rivera
            on: 2026-01-14
            at: https://www.regulations.gov/document/TEST-2026-0042-0001
        """.write(to: campaign.appendingPathComponent("docket.yml"), atomically: true, encoding: .utf8)
        var plan = try String(contentsOf: campaign.appendingPathComponent("plan.yml"), encoding: .utf8)
        plan = plan.replacingOccurrences(of: "  organization:\n", with: "  organization: Example Coalition\n")
            .replacingOccurrences(of: "  organizationType:\n", with: "  organizationType: Nonprofit\n")
            .replacingOccurrences(
                of: "  - heading: Recommendations\n  - recommendations: []",
                with: "  - clause: coalition-intro\n  - heading: Recommendations\n  - recommendations: [appeal-every-score, public-impact-assessment]")
        try plan.write(to: campaign.appendingPathComponent("plan.yml"), atomically: true, encoding: .utf8)
        let recommendation = { (cite: String) in
            """
            ---
            id: appeal-every-score
            title: Let people appeal every risk score
            summary: DHS should let every person appeal a risk score used against them.
            authorities:
              - cite: OMB M-25-21 App. §4(b)(vi)
              - cite: \(cite)
            eu:
              - cite: EU AI Act Art. 86(1)
                requires: A right to an explanation of an individual decision.
            comparison: The EU gives a right to an explanation; the US memo asks for remedies.
            ---
            A score that can detain someone must be open to appeal.
            """
        }
        try recommendation("OMB M-25-21 App. §4(b)(xx)").write(to: campaign.appendingPathComponent("Recommendations/appeal-every-score.md"), atomically: true, encoding: .utf8)
        let wrong = try cli.docket("check", "campaign", in: root)
        #expect(wrong.status == 1)
        #expect(wrong.stdout.contains("campaign/Recommendations/appeal-every-score.md:7:11: error[DK101]"), "\(wrong.stdout)")

        try recommendation("NIST AI RMF MAP 5.1").write(to: campaign.appendingPathComponent("Recommendations/appeal-every-score.md"), atomically: true, encoding: .utf8)
        let clean = try cli.docket("check", "--werror", "campaign", in: root)
        #expect(clean.status == 0, "\(clean.stdout)")
        #expect(clean.stdout.contains("0 errors, 0 warnings"), "\(clean.stdout)")

        let composed = try cli.docket("compose", "campaign/plan.yml", "--stdout", "md", in: root)
        #expect(composed.status == 0, "\(composed.stderr)")
        #expect(composed.stdout.contains("The coalition's members work with immigrant communities."))
        #expect(composed.stdout.contains("### Recommendation 1: Let people appeal every risk score"))
        #expect(composed.stdout.contains("### Recommendation 2: Complete an independent AI impact assessment"))
        #expect(composed.stdout.contains("Submitted electronically through Regulations.gov to Docket No. TEST-2026-0042."))
    }

    @Test func initRefusesAnUnknownKind() throws {
        let run = try cli.docket("init", "/tmp/never-\(UUID().uuidString)", "--docket", "TEST-2026-0042", "--kind", "memo")
        #expect(run.status == 2)
    }
}
