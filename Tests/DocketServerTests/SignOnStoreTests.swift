import DocketModel
import DocketSupport
import Foundation
import Testing

@testable import DocketKit
@testable import DocketServer

/// A scratch folder removed when the test ends.
struct ScratchFolder: ~Copyable {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("docketserver-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }
}

@Suite struct SignOnStoreTests {
    @Test func onlyTheHashOfALinksSecretIsStored() async throws {
        let folder = try ScratchFolder()
        let store = try SignOnStore(campaign: .inFolder(folder.url))
        let token = try store.issueInvitation(for: "harbor")
        #expect(token.utf8.count >= 43, "at least 256 bits, base64url")
        #expect(try await store.signer(forToken: token) == "harbor")
        #expect(try await store.signer(forToken: token + "x") == nil)
        let database = try Data(contentsOf: folder.url.appendingPathComponent(".docket/store.sqlite"))
        #expect(database.range(of: Data(token.utf8)) == nil)
        #expect(database.range(of: Secret.hash(token)) != nil)
    }

    @Test func aNewLinkEndsTheOldOneAndRevokingEndsAny() async throws {
        let folder = try ScratchFolder()
        let store = try SignOnStore(campaign: .inFolder(folder.url))
        let first = try store.issueInvitation(for: "harbor")
        let second = try store.issueInvitation(for: "harbor")
        #expect(first != second)
        #expect(try await store.signer(forToken: first) == nil)
        #expect(try await store.signer(forToken: second) == "harbor")
        #expect(try store.revokeInvitation(for: "harbor"))
        #expect(try await store.signer(forToken: second) == nil)
        #expect(try !store.revokeInvitation(for: "harbor"))
    }

    @Test func theStoreKeepsItsRecordsAcrossOpenings() async throws {
        let folder = try ScratchFolder()
        let token = try SignOnStore(campaign: .inFolder(folder.url)).issueInvitation(for: "lakes")
        try await SignOnStore(campaign: .inFolder(folder.url)).addNewcomer(
            organization: "Prairie Legal Aid", city: "Omaha", state: "NE", contactName: "Jo", contactEmail: "jo@p.example.org",
            version: "sha256:" + String(repeating: "a", count: 64))
        let reopened = try SignOnStore(campaign: .inFolder(folder.url))
        #expect(try await reopened.signer(forToken: token) == "lakes")
        #expect(try await reopened.pendingNewcomers().map(\.organization) == ["Prairie Legal Aid"])
    }

    @Test func aRosterWriteThatFailsLeavesTheNewcomerPending() async throws {
        let folder = try ScratchFolder()
        let store = try SignOnStore(campaign: .inFolder(folder.url))
        let id = try await store.addNewcomer(organization: "X", city: "", state: "", contactName: "Y", contactEmail: "y@x.example.org", version: "v")
        struct DiskFull: Error {}
        #expect(throws: DiskFull.self) { try store.resolveNewcomer(id, accept: true) { _ in throw DiskFull() } }
        #expect(try await store.pendingNewcomers().count == 1)
    }

    @Test func secretsCompareByContentOnly() {
        #expect(Secret.constantTimeEqual("abc", "abc"))
        #expect(!Secret.constantTimeEqual("abc", "abd"))
        #expect(!Secret.constantTimeEqual("abc", "abcd"))
    }
}

@Suite struct RosterTests {
    @Test func anAcceptedNewcomerGetsAFreeIdAndEveryFieldReadsBack() async throws {
        let folder = try ScratchFolder()
        let url = folder.url.appendingPathComponent("signatories.csv")
        try Data("id,organization,city,state,contact_name,contact_email,contact_phone\nprairie-legal-aid,Prairie Legal Aid,Omaha,NE,Jo,jo@p.example.org,\n".utf8).write(to: url)
        let newcomer = Signatory(
            id: "prairie-legal-aid", organization: "Prairie Legal Aid, \"West\"", city: "Lincoln", state: "NE", contactName: "Ana", contactEmail: "ana@w.example.org",
            contactPhone: nil, source: .file("x"))
        #expect(try Roster.add(newcomer, to: url) == "prairie-legal-aid-2")
        let roster = try Roster.load(url)
        #expect(roster.map(\.id) == ["prairie-legal-aid", "prairie-legal-aid-2"])
        #expect(roster[1].organization == "Prairie Legal Aid, \"West\"")
        #expect(roster[1].contactEmail == "ana@w.example.org")
    }

    @Test func aCorrectionChangesTheListingAndKeepsTheContact() async throws {
        let folder = try ScratchFolder()
        let url = folder.url.appendingPathComponent("signatories.csv")
        try Data("id,organization,city,state,contact_name,contact_email,contact_phone\nharbor,Harbor,Oakland,CA,Rosa,rosa@h.example.org,510-555-0101\n".utf8).write(to: url)
        try Roster.update("harbor", organization: "Harbor City Network", city: "Berkeley", state: nil, in: url)
        let signer = try #require(try Roster.load(url).first)
        #expect([signer.organization, signer.city, signer.state] == ["Harbor City Network", "Berkeley", nil])
        #expect([signer.contactName, signer.contactEmail, signer.contactPhone] == ["Rosa", "rosa@h.example.org", "510-555-0101"])
        #expect(throws: Roster.Failure.self) { try Roster.update("nobody", organization: "X", city: nil, state: nil, in: url) }
    }
}

@Suite struct InvitationTests {
    @Test func draftsAreRFC5322WithEncodedWordsAndOnlyNewSignersGetLinks() async throws {
        let folder = try ScratchFolder()
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let campaign = folder.url.appendingPathComponent("campaign")
        try FileManager.default.copyItem(at: root.appendingPathComponent("Tests/server/campaign"), to: campaign)
        try FileManager.default.createSymbolicLink(at: folder.url.appendingPathComponent("library"), withDestinationURL: root)
        let signOff = try SignOff(plan: "campaign/plan.yml", baseDirectory: folder.url)
        let store = try SignOnStore(campaign: .inFolder(campaign))
        let out = folder.url.appendingPathComponent("invitations")
        let invitations = Invitations(signOff: signOff, store: store, baseURL: "https://sign.example.org/", respondBy: CalendarDate(iso: "2026-02-01"))
        let first = try invitations.write(into: out, at: Date(timeIntervalSince1970: 1_768_000_000))
        #expect(first.invited.map(\.signer.id) == ["harbor", "desert", "lakes"])
        let eml = try String(contentsOf: out.appendingPathComponent("harbor.eml"), encoding: .utf8)
        let (head, body) = try #require(eml.range(of: "\r\n\r\n").map { (eml[..<$0.lowerBound], eml[$0.upperBound...]) })
        // Rosa Díaz is not ASCII: the header carries her name as an RFC 2047 encoded word.
        #expect(head.split(separator: "\r\n").contains("To: =?UTF-8?B?\(Data("Rosa Díaz".utf8).base64EncodedString())?= <rosa@harbor.example.org>"))
        #expect(head.contains("From: Coalition for Accountable Immigration Technology <lead@cait.example.org>"))
        // date -u -d @1768000000 "+%a, %d %b %Y %H:%M:%S +0000"
        #expect(head.contains("Date: Fri, 09 Jan 2026 23:06:40 +0000"))
        #expect(!head.contains("\n\n") && !eml.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(body.contains("by February 1, 2026"))
        #expect(body.contains(first.invited[0].link))
        #expect(first.invited[0].link.hasPrefix("https://sign.example.org/s/"))
        let token = String(first.invited[0].link.split(separator: "/").last!)
        #expect(try await store.signer(forToken: token) == "harbor")

        let second = try invitations.write(into: out)
        #expect(second.invited.isEmpty)
        // Nothing new to send: the first run's drafts and links stay as they were.
        #expect(try String(contentsOf: out.appendingPathComponent("harbor.eml"), encoding: .utf8) == eml)
        #expect(second.alreadyInvited == ["harbor", "desert", "lakes"])
        #expect(try await store.signer(forToken: token) == "harbor")
    }
}

extension Campaign {
    /// A campaign whose plan would be `plan.yml` in `folder`.
    static func inFolder(_ folder: URL) -> Campaign {
        Campaign(planURL: folder.appendingPathComponent("plan.yml"), planName: "plan", signatories: nil)
    }
}
