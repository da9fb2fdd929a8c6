import Foundation
import Testing

@testable import DocketAPI
import OpenAPIRuntime

/// The generated client's types decode what the live API sends: real responses Mirrulations
/// recorded (`Tests/api/recorded/`), not only the spec's shapes.
@Suite struct RecordedResponsesTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("api/recorded")

    static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }

    /// A real list response. The client generates only the lists it calls, so the recorded
    /// dockets list is read as a comments list: the envelope, `links` and `meta` are the same
    /// JSON:API shapes, and every attribute is optional.
    @Test func aRealListDecodesWithLinksAsAnObject() throws {
        let data = try Data(contentsOf: Self.folder.appendingPathComponent("dockets_listing.json"))
        let type = DocketAPI.Components.Schemas.CommentFindAllResponse.self
        let listing: DocketAPI.Components.Schemas.CommentFindAllResponse = try Self.decoder().decode(type, from: data)
        #expect(listing.data?.count == 10)
        #expect(listing.data?.first?.id == "ED-2021-SCC-0032")
        #expect(listing.data?.first?.links?._self == "https://api.regulations.gov/v4/dockets/ED-2021-SCC-0032")
        #expect(listing.data?.first?.attributes?.lastModifiedDate == Date(timeIntervalSince1970: 1_620_632_904))  // 2021-05-10T07:48:24Z
        #expect(listing.meta?.totalElements == 2028 && listing.meta?.hasNextPage == true && listing.meta?.pageSize == 10)
    }

    @Test(arguments: [
        ("USTR-2015-0010-0002", "US-China Business Council", "1jz-8l73-5qbv"),
        ("USTR-2015-0010-0005", "American Iron and Steel Institute", nil),
    ])
    func realCommentsDecode(_ id: String, _ organization: String, _ tracking: String?) throws {
        let data = try Data(contentsOf: Self.folder.appendingPathComponent("\(id).json"))
        let comment = try RegulationsGov.commentDetail(fromJSON: data)
        #expect(comment.id == id && comment.organization == organization && comment.documentID == "USTR-2015-0010-0001")
        if let tracking { #expect(comment.trackingNumber == tracking) }
        #expect(comment.postedDate == Date(timeIntervalSince1970: 1_443_585_600))  // 2015-09-30T04:00:00Z
        #expect(comment.attachments.isEmpty)
    }

    @Test func aNetworkFailureIsOneSentenceNamingTheHost() {
        let refused = RegulationsGov.sentence(for: URLError(.cannotConnectToHost), host: "api.regulations.gov", status: nil)
        #expect(refused.description == "could not reach api.regulations.gov: the connection was refused")
        let nsError = NSError(domain: NSURLErrorDomain, code: URLError.timedOut.rawValue, userInfo: [NSLocalizedDescriptionKey: "long internals"])
        #expect(RegulationsGov.sentence(for: nsError, host: "api.regulations.gov", status: nil).description == "could not reach api.regulations.gov: the request timed out")
        let data = Data(#"{"data": [{"id": "X", "links": ["not", "an", "object"]}]}"#.utf8)
        do {
            _ = try JSONDecoder().decode(DocketAPI.Components.Schemas.DocumentFindAllResponse.self, from: data)
            Issue.record("an array of links decoded")
        } catch {
            let sentence = RegulationsGov.sentence(for: error, host: "api.regulations.gov", status: 200).description
            #expect(sentence == "api.regulations.gov answered in a form DocketKit does not read: a value of another type at data[0].links")
        }
    }
}
