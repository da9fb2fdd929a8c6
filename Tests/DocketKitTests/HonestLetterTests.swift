import DocketModel
import DocketReview
import DocketSubmission
import Foundation
import Testing

@testable import DocketKit

/// Five organizations are asked to sign: three approve the current version, one approved an
/// earlier one, one declines. Every output must say three and list those three.
final class FiveSignerLetter {
    let folder: TemporaryFolder
    static let roster = """
        id,organization,city,state,contact_email
        alpha,Alpha Rights Project,Austin,TX,alpha@alpha.example
        beta,Beta Legal Aid,Oakland,CA,beta@beta.example
        gamma,Gamma Justice Center,Tucson,AZ,gamma@gamma.example
        delta,Delta Privacy Lab,Newark,NJ,delta@delta.example
        epsilon,Epsilon Immigrant Alliance,Miami,FL,epsilon@epsilon.example
        """

    init() throws {
        folder = try TemporaryFolder()
        try folder.write(
            "Templates/clauses/intro.md",
            "---\nid: intro\nversion: 1\ntitle: Intro\n---\nWe, the {{signers.count}} undersigned organizations ({{signers.organizations}}), ask {{docket.agency}} to act.\n")
        try folder.write(
            "Templates/clauses/ask.md", "---\nid: ask\nversion: 1\ntitle: Ask\nvariables:\n  ask: { type: string, required: true }\n---\n{{ask}}\n")
        try folder.write(
            "letter/docket.yml",
            "id: TEST-2026-0001\ndocument: TEST-2026-0001-0001\nagency: DHS\ntitle: Test notice\ncommentsClose: 2026-03-02T23:59:00-05:00\n")
        try folder.write("letter/signatories.csv", Self.roster)
        try write(ask: "DHS should stop using Mobile Fortify.")
    }

    func write(ask: String) throws {
        try folder.write(
            "letter/plan.yml",
            """
            title: Letter on face recognition
            kind: sign-on-letter
            docket: docket.yml
            library: ..
            submitter: { type: organization, organization: Example Coalition, organizationType: Nonprofit }
            variables:
              ask: "\(ask)"
            sections:
              - clause: intro
              - clause: ask
            signatories: signatories.csv
            """)
    }

    func signOff() throws -> SignOff { try SignOff(plan: "letter/plan.yml", now: fixedNow, baseDirectory: folder.url) }

    func package(allowUnapproved: Bool) -> Outcome<Filing.Package> {
        var options = Filing.Options()
        options.converter = nil
        options.formats = [.docx]
        options.allowUnapproved = allowUnapproved
        return Filing.package(plan: "letter/plan.yml", options: options, now: fixedNow, baseDirectory: folder.url)
    }

    /// v1 approved by gamma; v2 approved by alpha, beta and delta, declined by epsilon.
    static func signed() throws -> FiveSignerLetter {
        let letter = try FiveSignerLetter()
        let v1 = try letter.signOff()
        _ = try v1.sign(signer: "gamma", decision: .approve, version: nil, comment: nil, at: fixedNow)
        try letter.write(ask: "DHS should stop using Mobile Fortify until an independent lab has tested it.")
        let v2 = try letter.signOff()
        for id in ["alpha", "beta", "delta"] { _ = try v2.sign(signer: id, decision: .approve, version: nil, comment: nil, at: fixedNow) }
        _ = try v2.sign(signer: "epsilon", decision: .decline, version: nil, comment: nil, at: fixedNow)
        return letter
    }
}

@Suite struct HonestLetterTests {
    static let approvers = ["Alpha Rights Project (Austin, TX)", "Beta Legal Aid (Oakland, CA)", "Delta Privacy Lab (Newark, NJ)"]

    @Test func everyOutputSaysThreeAndListsThoseThree() throws {
        let letter = try FiveSignerLetter.signed()
        let outcome = Composition.compose(plan: "letter/plan.yml", formats: [.md, .html, .txt, .docx], now: fixedNow, baseDirectory: letter.folder.url)
        #expect(outcome.succeeded, "\(outcome.diagnostics)")
        let markdown = try #require(outcome.rendered.first { $0.format == .md }).contents
        let html = try #require(outcome.rendered.first { $0.format == .html }).contents
        let box = try #require(outcome.rendered.first { $0.format == .txt }).contents
        let docx = PublicText.docx(try #require(outcome.rendered.first { $0.format == .docx }).data)
        for text in [markdown, html, box, docx] {
            #expect(text.contains("We, the 3 undersigned organizations (Alpha Rights Project, Beta Legal Aid and Delta Privacy Lab)"), "\(text.prefix(300))")
            #expect(text.contains("Signed by the following 3 organizations:"))
            for line in Self.approvers { #expect(text.contains(line)) }
            for absent in ["Gamma Justice Center", "Epsilon Immigrant Alliance", "undersigned 5", "the 5 undersigned"] { #expect(!text.contains(absent), "\(absent)") }
            #expect(text.contains("Respectfully submitted,"))
            #expect(text.contains("January 15, 2026"))
        }
    }

    @Test func packageRefusesAndNamesTheTwoWhoHaveNotApproved() throws {
        let letter = try FiveSignerLetter.signed()
        let refused = letter.package(allowUnapproved: false)
        #expect(!refused.succeeded)
        #expect(refused.value?.files.isEmpty ?? true)
        let message = try #require(refused.messages(.unapprovedSigners).first)
        #expect(message.contains("2 listed organizations have not approved"))
        #expect(message.contains("gamma (approved an older version)") && message.contains("epsilon (declined)"))
        #expect(!message.contains("alpha") && !message.contains("beta (") && !message.contains("delta ("))
    }

    @Test func allowUnapprovedPackagesTheThreeAndTheChecklistSaysSoFirst() throws {
        let letter = try FiveSignerLetter.signed()
        let outcome = letter.package(allowUnapproved: true)
        #expect(outcome.succeeded, "\(outcome.diagnostics)")
        let files = try #require(outcome.value?.files)
        let checklist = String(decoding: try #require(files.first { $0.name == "checklist.md" }).data, as: UTF8.self)
        #expect(checklist.hasPrefix("**Warning: packaged with --allow-unapproved. 2 listed organizations did not approve this version"))
        #expect(checklist.contains("**Signed by:** 3 organizations"))
        #expect(!checklist.contains("Draft"))
        let box = String(decoding: try #require(files.first { $0.name == "comment-box.txt" }).data, as: UTF8.self)
        #expect(box.contains("We, the 3 undersigned"))
        // Filed documents carry no draft label.
        let docx = PublicText.docx(try #require(files.first { $0.name.hasSuffix(".docx") }).data)
        for text in [box, docx] {
            #expect(!text.contains("Draft"), "\(text.suffix(200))")
            #expect(text.contains("Version \(try #require(outcome.value?.draft.version.short)) · Docket TEST-2026-0001"))
        }
    }

    @Test func aLetterWithNoApprovalsLogHasNoSigners() throws {
        let letter = try FiveSignerLetter()
        let outcome = Composition.compose(plan: "letter/plan.yml", formats: [.md], now: fixedNow, baseDirectory: letter.folder.url)
        let markdown = try #require(outcome.rendered.first).contents
        #expect(markdown.contains("We, the 0 undersigned organizations ()"))
        #expect(markdown.contains("No organization has approved this version yet."))
        #expect(!markdown.contains("Alpha Rights Project"))
    }

    @Test func aClauseCannotCountTheRoster() throws {
        let letter = try FiveSignerLetter()
        try letter.folder.write("Templates/clauses/intro.md", "---\nid: intro\nversion: 1\ntitle: Intro\n---\nWe, the {{signatories.count}} undersigned.\n")
        let outcome = Composition.compose(plan: "letter/plan.yml", formats: [.md], now: fixedNow, baseDirectory: letter.folder.url)
        #expect(outcome.messages(.undeclaredVariable).first?.contains("write 'signers.count'") == true, "\(outcome.diagnostics)")
        #expect(outcome.rendered.isEmpty)
    }

    /// The redline a signer reads is the text as printed: the words inside `<ins>` and `<del>`,
    /// no Markdown.
    @Test func theRedlineShowsRenderedWords() throws {
        let letter = try FiveSignerLetter.signed()
        let packet = try letter.signOff().packet(for: "gamma", at: fixedNow)
        let html = String(decoding: packet[0].data, as: UTF8.self)
        let redline = try #require(html.components(separatedBy: "<div class=\"redline\">").dropFirst().first?.components(separatedBy: "</div>\n</section>").first)
        #expect(redline.contains("<p>DHS should stop using Mobile <del>Fortify.</del><ins>Fortify until an independent lab has tested it.</ins></p>"), "\(redline)")
        #expect(!redline.contains("##") && !redline.contains("**"))
    }

    @Test func aSignerWhoAskedForChangesSeesTheirCommentAndWhatChanged() throws {
        let letter = try FiveSignerLetter()
        let v1 = try letter.signOff()
        _ = try v1.sign(signer: "beta", decision: .requestChanges, version: nil, comment: "Name the lab.", at: fixedNow)
        try letter.write(ask: "DHS should stop using Mobile Fortify until NIST has tested it.")
        let packet = try letter.signOff().packet(for: "beta", at: fixedNow)
        let html = String(decoding: packet[0].data, as: UTF8.self)
        #expect(html.contains("“Name the lab.”"))
        #expect(html.contains("What changed since your request"))
        #expect(html.contains("<ins>"))
        #expect(!html.contains(letter.folder.url.path), "no local path")
        for email in ["alpha@alpha.example", "beta@beta.example", "gamma@gamma.example"] { #expect(!html.contains(email)) }
    }

    @Test func anApprovalOfAVersionNeverComposedCountsForNobody() throws {
        let letter = try FiveSignerLetter()
        try letter.folder.write(
            "letter/approvals.jsonl",
            #"{"at":"2026-01-01T00:00:00Z","decision":"approve","signer":"alpha","version":"sha256:\#(String(repeating: "b", count: 64))"}"# + "\n"
                + #"{"at":"2026-01-01T00:00:00Z","decision":"approve","signer":"nobody","version":"sha256:\#(String(repeating: "b", count: 64))"}"# + "\n")
        let report = Checker.check(paths: ["letter/plan.yml"], now: fixedNow, baseDirectory: letter.folder.url)
        #expect(report.found(.approvalUnknownVersion).contains(Found("DK510", 1, 1)), "\(report.diagnostics)")
        #expect(report.found(.approvalUnknownSigner).contains(Found("DK508", 2, 1)))
        let draft = try #require(report.value?.drafts["letter/plan.yml"]?.draft)
        #expect(draft.signers.isEmpty)
    }

    @Test func twoRostersThatNameAnOrganizationDifferentlyAreAnErrorAtBoth() throws {
        let folder = try TemporaryFolder()
        try folder.write("a/signatories.csv", "id,organization\nalpha,Alpha Rights Project\n")
        try folder.write("b/signatories.csv", "id,organization\nzeta,Zeta Org\nalpha,Alpha Rights Projects\n")
        let report = Checker.check(paths: ["a", "b"], now: fixedNow, baseDirectory: folder.url)
        #expect(Set(report.found(.conflictingDisplayName)) == [Found("DK512", 2, 7), Found("DK512", 3, 7)], "\(report.diagnostics)")
    }
}

@Suite struct VersionPrefixTests {
    @Test func aPrefixShorterThanSevenDigitsSaysSo() throws {
        let letter = try FiveSignerLetter()
        let signOff = try letter.signOff()
        do {
            _ = try signOff.sign(signer: "alpha", decision: .approve, version: "8bca", comment: nil, at: fixedNow)
            Issue.record("a four-digit prefix was accepted")
        } catch {
            #expect(error.diagnostics.first?.message.contains("too short to name a version: give the full hash or a unique prefix of at least 7 digits") == true, "\(error)")
        }
    }

    @Test func aDocketConfirmationSilencesOnlyWhatItNames() throws {
        let folder = try TemporaryFolder()
        try folder.write(
            "c/docket.yml",
            """
            id: TEST-2026-0077
            document: TEST-2026-0077-0001
            agency: DHS
            title: t
            confirmed:
              - id: TEST-2026-0077
                by: Alex Rivera
                on: 2026-01-14
                at: https://www.regulations.gov/docket/TEST-2026-0077
            """)
        let report = Checker.check(paths: ["c/docket.yml"], now: fixedNow, baseDirectory: folder.url)
        // The docket ID was confirmed; the document ID was not.
        #expect(report.found(.unverifiedCitation) == [Found("DK102", 2, 11)], "\(report.diagnostics)")
    }
}
