import DocketModel
import Foundation
import Testing

@testable import DocketKit
@testable import DocketServer

/// The roster as the review server changes it: newcomers the lead accepts and listings the
/// lead confirms land in the file the plan names, and never in a form its parser rejects.
@Suite struct RosterChangeTests {
    /// The server test campaign with its roster moved to `lists/signatories.csv`.
    func campaign(in folder: URL) throws -> (ReviewCampaign, version: String) {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let campaign = folder.appendingPathComponent("campaign")
        try FileManager.default.copyItem(at: root.appendingPathComponent("Tests/server/campaign"), to: campaign)
        try FileManager.default.createSymbolicLink(at: folder.appendingPathComponent("library"), withDestinationURL: root)
        try FileManager.default.createDirectory(at: campaign.appendingPathComponent("lists"), withIntermediateDirectories: true)
        try FileManager.default.moveItem(at: campaign.appendingPathComponent("signatories.csv"), to: campaign.appendingPathComponent("lists/signatories.csv"))
        let plan = campaign.appendingPathComponent("plan.yml")
        let text = try String(contentsOf: plan, encoding: .utf8).replacingOccurrences(of: "signatories: signatories.csv", with: "signatories: lists/signatories.csv")
        try text.write(to: plan, atomically: true, encoding: .utf8)
        // The version read from a SignOff of its own, not from across the actor's isolation.
        let version = try SignOff(plan: "campaign/plan.yml", baseDirectory: folder).draft.version.description
        return (try ReviewCampaign(plan: "campaign/plan.yml", baseDirectory: folder, leadToken: "lead-token-for-tests"), version)
    }

    func roster(_ folder: URL) throws -> [Signatory] {
        try Roster.load(folder.appendingPathComponent("campaign/lists/signatories.csv"))
    }

    /// A scratch folder; async tests keep a plain URL rather than a noncopyable owner.
    func scratch() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("docket-roster-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func aNewcomerAcceptedJoinsTheRosterThePlanNames() async throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (review, version) = try campaign(in: folder)
        try await review.join(
            organization: "Valley Workers Center", city: "Fresno", state: "CA", contactName: "Jo Park", contactEmail: "jo@valley.example.org", version: version)
        let pending = try await review.store.pendingNewcomers()
        try await review.resolveNewcomer(try #require(pending.first?.id), accept: true)
        #expect(try roster(folder).map(\.organization).contains("Valley Workers Center"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("campaign/lists/lists").path))
        let log = try String(contentsOf: folder.appendingPathComponent("campaign/lists/approvals.jsonl"), encoding: .utf8)
        #expect(log.contains("\"signer\":\"valley-workers-center\""))
    }

    /// Each of these once passed the form, was accepted, and left a roster that did not load.
    @Test(arguments: [
        ("jo@gmail", "Valley Workers Center", "contact email 'jo@gmail' is not an address"),
        ("jo@valley.example.org", "🌵🌵", "which is empty"),
        ("jo@valley.example.org", String(repeating: "Valley ", count: 43), "bytes long"),
        ("jo@valley.example.org", "Valley\u{07}Workers", "control character U+0007"),
        ("jo@valley.example.org", "Valley\r\nWorkers", "control character U+000D"),
    ])
    func theFormRefusesWhatTheRosterCannotHold(email: String, organization: String, reason: String) async throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (review, version) = try campaign(in: folder)
        let before = try roster(folder)
        await #expect {
            try await review.join(organization: organization, city: "", state: "", contactName: "Jo Park", contactEmail: email, version: version)
        } throws: { error in
            "\(error)".lowercased().contains(reason.lowercased())
        }
        #expect(try await review.store.pendingNewcomers().isEmpty)
        #expect(try roster(folder).map(\.id) == before.map(\.id))
    }

    @Test func aCorrectionTheRosterCannotHoldIsRefused() async throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (review, _) = try campaign(in: folder)
        let signer = try #require(try roster(folder).first?.id)
        await #expect(throws: ReviewCampaign.Refusal.self) {
            try await review.proposeCorrection(signer: signer, organization: "Harbor\u{0}City", city: "", state: "")
        }
        #expect(try await review.store.pendingCorrections().isEmpty)
    }

    @Test func theRosterWriterQuotesEveryLineBreakAndRefusesARowItCannotReadBack() throws {
        // "\r\n" is one Character in Swift, neither "\r" nor "\n": the writer looks at scalars.
        #expect(Roster.csvField("a\r\nb") == "\"a\r\nb\"")
        let folder = try ScratchFolder()
        let url = folder.url.appendingPathComponent("signatories.csv")
        try "id,organization,city,state,contact_name,contact_email,contact_phone\nharbor,Harbor City,,,,,\n".write(to: url, atomically: true, encoding: .utf8)
        let newcomer = Signatory(
            id: "valley", organization: "Valley", city: "Fresno\r\nCA", state: nil, contactName: nil, contactEmail: nil, contactPhone: nil, source: .file("form"))
        #expect(throws: Roster.Failure.self) { try Roster.add(newcomer, to: url) }
        #expect(try Roster.load(url).map(\.id) == ["harbor"])
    }
}
