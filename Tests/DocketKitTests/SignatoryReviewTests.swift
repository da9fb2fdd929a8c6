import Foundation
import Testing
import ZIPFoundation

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

/// A sign-on letter with its own small library and four signers, in a scratch folder.
struct LetterWorkspace: ~Copyable {
    let folder: TemporaryFolder
    var plan: String { "letter/plan.yml" }

    static let signers = """
        id,organization,city,state,contact_name,contact_email,contact_phone
        alpha,Alpha Rights Project,Austin,TX,Ana One,ana@alpha.example.org,512-555-0101
        beta,Beta Legal Aid,,,Bo Two,bo@beta.example.org,512-555-0102
        gamma,Gamma Justice Center,Miami,FL,Gil Three,gil@gamma.example.org,512-555-0103
        delta,Delta Immigrant Alliance,Chicago,IL,Di Four,di@delta.example.org,512-555-0104
        """

    init() throws {
        let folder = try TemporaryFolder()
        try Self.populate(folder)
        self.folder = folder
    }

    private static func populate(_ folder: borrowing TemporaryFolder) throws {
        try folder.write("Templates/clauses/opening.md", "---\nid: opening\nversion: 1\ntitle: Opening\n---\nWe write about DHS use of face recognition.\n")
        try folder.write("Templates/clauses/ask.md", "---\nid: ask\nversion: 1\ntitle: The ask\n---\nDHS should stop using Mobile Fortify until it is tested.\n")
        try folder.write("letter/signatories.csv", Self.signers)
        try folder.write(
            "letter/plan.yml",
            """
            name: letter
            title: Letter on face recognition
            kind: letter
            library: ..
            submitter: { type: organization, organization: Alpha Rights Project, organizationType: Nonprofit }
            sections:
              - clause: opening
              - clause: ask
            signatories: signatories.csv
            """)
    }

    func write(ask: String) throws {
        try folder.write("Templates/clauses/ask.md", "---\nid: ask\nversion: 1\ntitle: The ask\n---\n\(ask)\n")
    }

    /// Composes the current text and stores its version, as `docket compose` does.
    func compose() throws -> SignOff {
        let signOff = try SignOff(plan: plan, now: fixedNow, baseDirectory: folder.url)
        try signOff.store.store(signOff.draft, at: fixedNow)
        return signOff
    }
}

@Suite struct SignatoryReviewTests {
    /// Three versions: everyone but delta approves the first; the ask changes, alpha approves
    /// again, beta asks for changes and delta declines; a paragraph is added and only alpha
    /// approves the third.
    @Test func aLetterThroughThreeVersions() throws {
        let letter = try LetterWorkspace()
        let v1 = try letter.compose()
        for id in ["alpha", "beta", "gamma"] { _ = try v1.sign(signer: id, decision: .approve, version: nil, comment: nil, at: fixedNow) }
        #expect(try letter.compose().draft.document.signatories?.lines == ["Alpha Rights Project (Austin, TX)", "Beta Legal Aid", "Gamma Justice Center (Miami, FL)"])

        try letter.write(ask: "DHS should stop using Mobile Fortify until an independent lab has tested it.")
        let v2 = try letter.compose()
        #expect(v2.draft.version != v1.draft.version)
        _ = try v2.sign(signer: "alpha", decision: .approve, version: nil, comment: nil, at: fixedNow)
        _ = try v2.sign(signer: "beta", decision: .requestChanges, version: nil, comment: "Name the lab.", at: fixedNow)
        _ = try v2.sign(signer: "delta", decision: .decline, version: nil, comment: nil, at: fixedNow)

        try letter.write(ask: "DHS should stop using Mobile Fortify until an independent lab has tested it.\n\nIt should publish the results.")
        let v3 = try letter.compose()
        _ = try v3.sign(signer: "alpha", decision: .approve, version: nil, comment: nil, at: fixedNow)
        let current = try letter.compose()

        // The status table.
        let report = current.report()
        let statuses = Dictionary(uniqueKeysWithValues: report.rows.map { ($0.signer.id, $0.status) })
        #expect(statuses["alpha"] == .approvedCurrent)
        #expect(statuses["beta"] == .requestedChanges(version: v2.draft.version))
        #expect(statuses["gamma"] == .approvedOlder(version: v1.draft.version, changedParagraphs: 2))
        #expect(statuses["delta"] == .declined(version: v2.draft.version))
        #expect(report.counts.map(\.count) == [1, 1, 1, 1, 0])

        // The letter lists exactly the signers who approved the current version.
        #expect(current.draft.document.signatories?.lines == ["Alpha Rights Project (Austin, TX)"])
        #expect(current.draft.markdown.contains("Signed by the following 1 organization:"))
        #expect(!current.draft.markdown.contains("Gamma Justice Center"))
        #expect(current.composition.diagnostics.map(\.code).contains(.approvedOlderVersion))

        // The redline from the previous version: one paragraph added, with its source.
        let (redline, from, to) = try current.diff(from: nil, to: nil)
        #expect(from == v2.draft.version && to == v3.draft.version)
        #expect(redline.changedParagraphCount == 1)
        #expect(redline.entries.contains(.added("It should publish the results.", source: "clause ask v1 (Templates/clauses/ask.md:6)")))
        // From the first version: the ask changed word by word, and the paragraph added.
        let (sinceFirst, _, _) = try current.diff(from: v1.draft.version.short, to: nil)
        #expect(sinceFirst.changedParagraphCount == 2)
        let changed = sinceFirst.entries.compactMap { entry -> [Redline.Segment]? in
            if case .changed(_, _, let segments, _) = entry { segments } else { nil }
        }
        #expect(
            changed == [
                [
                    .same("DHS should stop using Mobile Fortify until "), .deleted("it is tested."), .inserted("an independent lab has tested it."),
                ]
            ])

        // Gamma's packet: what to do, the changes since v1, the draft, and nobody's contact data.
        let packet = try current.packet(for: "gamma", at: fixedNow)
        #expect(packet.map(\.name) == ["review.html", "changes.docx"])
        let html = String(decoding: packet[0].data, as: UTF8.self)
        #expect(html.contains("You approved version \(v1.draft.version.short). The text has changed since in 2 paragraphs"))
        #expect(html.contains("<del>it is tested.</del><ins>an independent lab has tested it.</ins>"))
        #expect(html.contains("<ins class=\"block\"><p>It should publish the results.</p>\n</ins>"))
        #expect(html.contains("Letter on face recognition"))
        for line in LetterWorkspace.signers.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            #expect(!html.contains(fields[5]) && !html.contains(fields[6]) && !html.contains(fields[4]))
        }
        let document = try docxXML(packet[1].data)
        #expect(document.contains("<w:ins w:id=") && document.contains("w:author=\"Alpha Rights Project\""))
        #expect(document.contains("<w:delText xml:space=\"preserve\">it is tested.</w:delText>"))

        // Delta declined v2: the packet shows what changed since that decision, as the
        // server's page does.
        let delta = try current.packet(for: "delta", at: fixedNow)
        #expect(delta.map(\.name) == ["review.html", "changes.docx"])
        #expect(String(decoding: delta[0].data, as: UTF8.self).contains("What changed since your last decision (\(v2.draft.version.short))"))
    }

    @Test func unknownSignerAndUnstoredVersionAreRefused() throws {
        let letter = try LetterWorkspace()
        let signOff = try letter.compose()
        #expect(throws: SignOff.Failure.self) { try signOff.sign(signer: "omega", decision: .approve, version: nil, comment: nil) }
        #expect(throws: SignOff.Failure.self) { try signOff.sign(signer: "alpha", decision: .approve, version: String(repeating: "0", count: 64), comment: nil) }
        #expect(!FileManager.default.fileExists(atPath: signOff.logURL.path))
    }

    @Test func aTruncatedLastLineIsReportedAndEveryCompleteLineLoads() throws {
        let letter = try LetterWorkspace()
        let signOff = try letter.compose()
        for id in ["alpha", "beta", "gamma"] { _ = try signOff.sign(signer: id, decision: .approve, version: nil, comment: nil, at: fixedNow) }
        let complete = try Data(contentsOf: signOff.logURL)
        // A crash mid-write leaves half a line.
        try (complete + Data(#"{"at":"2026-01-15T17:00:00Z","decision":"appr"#.utf8)).write(to: signOff.logURL)
        let log = ApprovalLog.load(signOff.logURL, displayPath: "approvals.jsonl")
        #expect(log.records.map(\.approval.signer) == ["alpha", "beta", "gamma"])
        #expect(log.diagnostics.map { "\($0.code):\($0.range.start.line)" } == ["DK506:4"])
        #expect(log.diagnostics.first?.message.contains("truncated") == true)

        // The next decision gets its own line; the broken one stays where it was, reported.
        _ = try signOff.sign(signer: "delta", decision: .decline, version: nil, comment: nil, at: fixedNow)
        let after = ApprovalLog.load(signOff.logURL, displayPath: "approvals.jsonl")
        #expect(after.records.map(\.line) == [1, 2, 3, 5])
        #expect(after.diagnostics.map(\.range.start.line) == [4])
        #expect(try Data(contentsOf: signOff.logURL).prefix(complete.count) == complete)
    }

    @Test func aCorruptMiddleLineDoesNotHideTheLinesAfterIt() throws {
        let folder = try TemporaryFolder()
        let good = #"{"at":"2026-01-15T17:00:00Z","decision":"approve","signer":"a","version":"sha256:\#(String(repeating: "a", count: 64))"}"#
        try folder.write(
            "approvals.jsonl", Data((good + "\n").utf8) + Data([0xFF, 0xFE, 0x0A]) + Data("{not json}\n\(good.replacingOccurrences(of: "\"a\"", with: "\"b\""))\n".utf8))
        let log = ApprovalLog.load(folder.url.appendingPathComponent("approvals.jsonl"), displayPath: "approvals.jsonl")
        #expect(log.records.map(\.approval.signer) == ["a", "b"])
        #expect(log.records.map(\.line) == [1, 4])
        #expect(log.diagnostics.map(\.range.start.line) == [2, 3])
    }

    @Test func redlineAlignsParagraphsAndPairsEditedOnes() {
        let redline = Redline(from: "One two three.\n\nKept.\n\nGone entirely here.", to: "One two four.\n\nKept.\n\nBrand new words.")
        #expect(
            redline.entries == [
                .changed(old: "One two three.", new: "One two four.", segments: [.same("One two "), .deleted("three."), .inserted("four.")], source: nil),
                .unchanged("Kept."),
                .removed("Gone entirely here."),
                .added("Brand new words.", source: nil),
            ])
    }

    private func docxXML(_ data: Data) throws -> String {
        let archive = try Archive(data: data, accessMode: .read)
        var xml = Data()
        _ = try archive.extract(try #require(archive["word/document.xml"])) { xml.append($0) }
        return String(decoding: xml, as: UTF8.self)
    }
}
