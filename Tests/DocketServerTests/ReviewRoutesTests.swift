import DocketModel
import DocketReview
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import DocketKit
@testable import DocketServer

/// Every route's security rule, in process: the server's own router driven by Hummingbird's
/// test client, over a copy of the server test campaign. The Python tests keep the real
/// browser, axe and kill -9.
@Suite struct ReviewRoutesTests {
    static let leadToken = "lead-token-for-route-tests-0123456789"

    /// The campaign, its router, and links for two signers.
    struct Setup {
        var folder: URL
        var app: Application<RouterResponder<ReviewContext>>
        var harbor: String
        var desert: String
        var log: URL { folder.appendingPathComponent("campaign/approvals.jsonl") }
    }

    func setup() throws -> Setup {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("docket-routes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: root.appendingPathComponent("Tests/server/campaign"), to: folder.appendingPathComponent("campaign"))
        try FileManager.default.createSymbolicLink(at: folder.appendingPathComponent("library"), withDestinationURL: root)
        let campaign = try ReviewCampaign(plan: "campaign/plan.yml", baseDirectory: folder, leadToken: Self.leadToken)
        let harbor = try campaign.store.issueInvitation(for: "harbor")
        let desert = try campaign.store.issueInvitation(for: "desert")
        let app = Application(router: ReviewServer.router(campaign, options: .init()))
        return Setup(folder: folder, app: app, harbor: harbor, desert: desert)
    }

    /// A page's CSRF value and the cookie that carries it.
    struct Page {
        var status: HTTPResponse.Status
        var body: String
        var cookie: String?
        var location: String?

        var csrf: String? { field("csrf") }
        var version: String? { field("version") }

        func field(_ name: String) -> String? {
            guard let start = body.range(of: "name=\"\(name)\" value=\"") else { return nil }
            return String(body[start.upperBound...].prefix { $0 != "\"" })
        }
    }

    static func send(_ client: some TestClientProtocol, _ method: HTTPRequest.Method, _ uri: String, cookie: String? = nil, form: [String: String]? = nil, body: String? = nil)
        async throws -> Page
    {
        var headers: HTTPFields = [:]
        if let cookie { headers[.cookie] = cookie }
        var buffer: ByteBuffer?
        if let form {
            headers[.contentType] = "application/x-www-form-urlencoded"
            let encoded = form.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&")
            buffer = ByteBuffer(string: encoded)
        } else if let body {
            headers[.contentType] = "application/x-www-form-urlencoded"
            buffer = ByteBuffer(string: body)
        }
        return try await client.execute(uri: uri, method: method, headers: headers, body: buffer) { response in
            let set = response.headers[values: .setCookie].first.map { String($0.prefix { $0 != ";" }) }
            return Page(status: response.status, body: String(buffer: response.body), cookie: set, location: response.headers[.location])
        }
    }

    @Test func aDecisionNeedsTheSignersOwnLinkAndAMatchingCSRFValue() async throws {
        let setup = try setup()
        defer { try? FileManager.default.removeItem(at: setup.folder) }
        try await setup.app.test(.router) { client in
            let page = try await Self.send(client, .get, "/s/\(setup.harbor)")
            #expect(page.status == .ok)
            let cookie = try #require(page.cookie)
            let csrf = try #require(page.csrf)
            let version = try #require(page.version)
            let decision = ["decision": "approve", "version": version]

            // No CSRF value, a value from another cookie, and no cookie at all: refused, nothing logged.
            let response1 = try await Self.send(client, .post, "/s/\(setup.harbor)/decision", cookie: cookie, form: decision)
            #expect(response1.status == .forbidden)
            let foreign = String(repeating: "f", count: 43)
            let response2 = try await Self.send(client, .post, "/s/\(setup.harbor)/decision", cookie: "docket_csrf=\(foreign)", form: decision.merging(["csrf": csrf]) { $1 })
            #expect(response2.status == .forbidden)
            let response3 = try await Self.send(client, .post, "/s/\(setup.harbor)/decision", form: decision.merging(["csrf": csrf]) { $1 })
            #expect(response3.status == .forbidden)
            #expect(!FileManager.default.fileExists(atPath: setup.log.path))

            // A wrong link is not found; a link decides for its own signer only.
            let response4 = try await Self.send(client, .post, "/s/not-a-link/decision", cookie: cookie, form: decision.merging(["csrf": csrf]) { $1 })
            #expect(response4.status == .notFound)
            let saved = try await Self.send(client, .post, "/s/\(setup.desert)/decision", cookie: cookie, form: decision.merging(["csrf": csrf, "signer": "harbor"]) { $1 })
            #expect(saved.status == .seeOther)
            let log = try String(contentsOf: setup.log, encoding: .utf8)
            #expect(log.contains("\"signer\":\"desert\"") && !log.contains("\"signer\":\"harbor\""))
            // The desert page names no other signer's contact details.
            let desertPage = try await Self.send(client, .get, "/s/\(setup.desert)", cookie: cookie)
            #expect(!desertPage.body.contains("rosa@harbor.example.org") && !desertPage.body.contains("510-555-0101"))
        }
    }

    /// A signer's page is kept between requests, yet each browser gets its own CSRF value in it,
    /// and a decision (here, or appended to the log by `docket sign`) shows on the next load.
    @Test func aKeptPageCarriesEachBrowsersOwnCSRFValueAndEveryNewDecision() async throws {
        let setup = try setup()
        defer { try? FileManager.default.removeItem(at: setup.folder) }
        try await setup.app.test(.router) { client in
            let first = try await Self.send(client, .get, "/s/\(setup.harbor)")
            let second = try await Self.send(client, .get, "/s/\(setup.harbor)")
            let (firstCSRF, secondCSRF) = (try #require(first.csrf), try #require(second.csrf))
            #expect(firstCSRF != secondCSRF)
            #expect(first.cookie == "docket_csrf=\(firstCSRF)" && second.cookie == "docket_csrf=\(secondCSRF)")
            #expect(!first.body.contains("csrf-slot-") && !second.body.contains("csrf-slot-"))
            // The same browser, its cookie sent back, sees its own value again.
            let again = try await Self.send(client, .get, "/s/\(setup.harbor)", cookie: try #require(first.cookie))
            #expect(again.csrf == firstCSRF)

            let version = try #require(first.version)
            let request = ["decision": "request-changes", "version": version, "comment": "Name the deadline.", "csrf": firstCSRF]
            let saved = try await Self.send(client, .post, "/s/\(setup.harbor)/decision", cookie: first.cookie, form: request)
            #expect(saved.status == .seeOther)
            let afterDecision = try await Self.send(client, .get, "/s/\(setup.harbor)", cookie: first.cookie)
            #expect(afterDecision.body.contains("Name the deadline."), "\(afterDecision.body.prefix(2000))")

            // A decision another process appends to the log: the next load shows it.
            #expect(afterDecision.body.contains("No organization has approved this version yet."))
            try ApprovalLog.append(Approval(signer: "harbor", decision: .approve, version: try #require(DraftVersion(parsing: version)), at: Date()), to: setup.log)
            let afterSign = try await Self.send(client, .get, "/s/\(setup.harbor)", cookie: first.cookie)
            #expect(!afterSign.body.contains("Name the deadline."))
            #expect(afterSign.body.contains("1 organization has approved this version"))
        }
    }

    @Test func anOversizedBodyIsRefusedUnread() async throws {
        let setup = try setup()
        defer { try? FileManager.default.removeItem(at: setup.folder) }
        try await setup.app.test(.router) { client in
            let page = try await Self.send(client, .get, "/s/\(setup.harbor)")
            let big = "csrf=\(page.csrf ?? "")&comment=" + String(repeating: "a", count: 20_000)
            let refused = try await Self.send(client, .post, "/s/\(setup.harbor)/decision", cookie: page.cookie, body: big)
            #expect(refused.status == .contentTooLarge)
            #expect(!FileManager.default.fileExists(atPath: setup.log.path))
        }
    }

    @Test func wrongLinksFromOneAddressAreLimitedEvenBeforeARightOne() async throws {
        let setup = try setup()
        defer { try? FileManager.default.removeItem(at: setup.folder) }
        try await setup.app.test(.router) { client in
            for attempt in 0..<ReviewCampaign.failureLimit {
                let response5 = try await Self.send(client, .get, "/s/guess-\(attempt)")
                #expect(response5.status == .notFound)
            }
            let response6 = try await Self.send(client, .get, "/s/guess-last")
            #expect(response6.status == .tooManyRequests)
            // Past the limit the address learns nothing, a valid link included.
            let response7 = try await Self.send(client, .get, "/s/\(setup.harbor)")
            #expect(response7.status == .tooManyRequests)
        }
    }

    @Test func leadPagesNeedTheLeadsSession() async throws {
        let setup = try setup()
        defer { try? FileManager.default.removeItem(at: setup.folder) }
        try await setup.app.test(.router) { client in
            let login = try await Self.send(client, .get, "/lead")
            #expect(login.status == .ok && login.body.contains("Lead token") && !login.body.contains("table class=\"signers\""))
            let cookie = try #require(login.cookie)
            let csrf = try #require(login.csrf)
            for (method, uri) in [(HTTPRequest.Method.get, "/lead/signers.csv"), (.post, "/lead/publish"), (.post, "/lead/publish/confirm"), (.post, "/lead/newcomers/1"), (.post, "/lead/corrections/1")] {
                let refused = try await Self.send(client, method, uri, cookie: cookie, form: ["csrf": csrf])
                #expect(refused.status == .seeOther && refused.location == "/lead", "\(uri)")
            }
            let wrong = try await Self.send(client, .post, "/lead/login", cookie: cookie, form: ["csrf": csrf, "token": "not-the-token"])
            #expect(wrong.status == .unauthorized)
            let response8 = try await Self.send(client, .post, "/lead/login", form: ["csrf": csrf, "token": Self.leadToken])
            #expect(response8.status == .forbidden)
            let right = try await Self.send(client, .post, "/lead/login", cookie: cookie, form: ["csrf": csrf, "token": Self.leadToken])
            #expect(right.status == .seeOther)
            let session = try #require(right.cookie)
            #expect(session.hasPrefix("docket_lead=") && !session.contains(Self.leadToken))
            let both = "\(cookie); \(session)"
            let dashboard = try await Self.send(client, .get, "/lead", cookie: both)
            #expect(dashboard.body.contains("table class=\"signers\""))
            let csv = try await Self.send(client, .get, "/lead/signers.csv", cookie: both)
            #expect(csv.status == .ok && csv.body.hasPrefix("id,organization,city,state,status,version,decided_at,comment\r\n"))
            #expect(!csv.body.contains("@") && !csv.body.contains("555-01"))
            // Logging out ends the session.
            let response9 = try await Self.send(client, .post, "/lead/logout", cookie: both, form: ["csrf": csrf])
            #expect(response9.status == .seeOther)
            let response10 = try await Self.send(client, .get, "/lead/signers.csv", cookie: both)
            #expect(response10.status == .seeOther)
        }
    }

    /// 500 requests from one address once filled the lead's queue in a second.
    @Test func theOpenSignOnFormIsLimitedPerAddress() async throws {
        let setup = try setup()
        defer { try? FileManager.default.removeItem(at: setup.folder) }
        let queued = try await setup.app.test(.router) { client in
            let page = try await Self.send(client, .get, "/join")
            let cookie = try #require(page.cookie)
            var statuses: [HTTPResponse.Status] = []
            for index in 0..<(ReviewCampaign.joinLimit + 5) {
                let form = [
                    "csrf": page.csrf ?? "", "version": page.version ?? "", "organization": "Flood \(index)", "city": "", "state": "", "contact_name": "F",
                    "contact_email": "f\(index)@flood.example.org",
                ]
                statuses.append(try await Self.send(client, .post, "/join", cookie: cookie, form: form).status)
            }
            #expect(statuses.prefix(ReviewCampaign.joinLimit).allSatisfy { $0 == .seeOther })
            #expect(statuses.dropFirst(ReviewCampaign.joinLimit).allSatisfy { $0 == .tooManyRequests })
            return try await SignOnStore(campaign: .inFolder(setup.folder.appendingPathComponent("campaign"))).pendingNewcomers().count
        }
        #expect(queued == ReviewCampaign.joinLimit)
    }
}
