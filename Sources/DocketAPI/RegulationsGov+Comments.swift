import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import DocketModel
import OpenAPIRuntime

/// The reads `docket comments pull` makes: a document's comments a page at a time, one
/// comment's detail with its attachments, and an attachment's bytes.
extension RegulationsGov {
    /// A comment as a list row shows it: no text, no submitter.
    public struct CommentRow: Sendable, Hashable {
        public var id: String
        public var title: String?
        public var postedDate: String?
        public var lastModified: Date?
        public var withdrawn: Bool
    }

    /// One page of a list query.
    public struct CommentPage: Sendable {
        public var rows: [CommentRow]
        public var hasNextPage: Bool
        public var totalElements: Int?
    }

    /// A comment's detail: the text, who filed it, and its attachments' files.
    public struct CommentDetail: Sendable, Hashable {
        public var id: String
        public var documentID: String?
        public var docketID: String?
        public var title: String?
        public var text: String?
        public var organization: String?
        public var firstName: String?
        public var lastName: String?
        public var governmentAgency: String?
        public var governmentAgencyType: String?
        public var category: String?
        public var postedDate: Date?
        public var receivedDate: Date?
        public var modified: Date?
        public var duplicateComments: Int?
        public var trackingNumber: String?
        public var withdrawn: Bool
        public var attachments: [Attachment]
    }

    /// One attachment and the formats it is offered in.
    public struct Attachment: Sendable, Hashable {
        public var title: String?
        public var order: Int?
        public var restricted: String?
        public var files: [File]
    }

    public struct File: Sendable, Hashable {
        public var url: URL
        public var format: String?
        public var size: Int?
    }

    /// The most a list query returns: 20 pages of 250.
    public static let pageSize = 250
    public static let lastPageNumber = 20

    /// One page of the comments on the document with internal id `objectID`, oldest change
    /// first, from `modifiedSince` (Eastern time, `yyyy-MM-dd HH:mm:ss`) when given.
    public func commentsPage(onObjectID objectID: String, modifiedSince: String?, page: Int) async throws(APIFailure) -> CommentPage {
        let output = try await call(notFound: "Regulations.gov has no comments endpoint at \(baseURL)") {
            try await client.getComments(
                query: .init(
                    filter_lbrack_commentOnId_rbrack_: objectID, filter_lbrack_lastModifiedDate_rbrack__lbrack_ge_rbrack_: modifiedSince,
                    sort: "lastModifiedDate,documentId", page_lbrack_number_rbrack_: page, page_lbrack_size_rbrack_: Self.pageSize))
        }
        switch output {
        case .ok(let ok):
            let body: Components.Schemas.CommentFindAllResponse
            do { body = try ok.body.applicationVnd_apiJson } catch { throw Self.sentence(for: error, host: baseURL.host ?? "", status: 200) }
            let rows = (body.data ?? []).compactMap { item -> CommentRow? in
                guard let id = item.id else { return nil }
                return CommentRow(
                    id: id, title: item.attributes?.title, postedDate: item.attributes?.postedDate, lastModified: item.attributes?.lastModifiedDate,
                    withdrawn: item.attributes?.withdrawn ?? false)
            }
            return CommentPage(rows: rows, hasNextPage: body.meta?.hasNextPage ?? false, totalElements: body.meta?.totalElements)
        case .badRequest(let error): throw failure(try? error.body.applicationVnd_apiJson, status: 400)
        case .forbidden(let error): throw failure(try? error.body.applicationVnd_apiJson, status: 403)
        case .undocumented(let status, let payload): throw await undocumented(status, payload)
        }
    }

    /// A comment's detail, with its attachments.
    public func comment(_ id: String) async throws(APIFailure) -> CommentDetail {
        let output = try await call(notFound: "Regulations.gov has no comment \(id)") {
            try await client.getCommentsCommentId(path: .init(commentId: id), query: .init(include: "attachments"))
        }
        switch output {
        case .ok(let ok):
            let body: Components.Schemas.CommentFindOneResponse
            do { body = try ok.body.applicationVnd_apiJson } catch { throw Self.sentence(for: error, host: baseURL.host ?? "", status: 200) }
            return Self.detail(body, id: id)
        case .notFound: throw APIFailure("Regulations.gov has no comment \(id)", status: 404)
        case .badRequest(let error): throw failure(try? error.body.applicationVnd_apiJson, status: 400)
        case .forbidden(let error): throw failure(try? error.body.applicationVnd_apiJson, status: 403)
        case .undocumented(let status, let payload): throw await undocumented(status, payload)
        }
    }

    /// A comment detail as a v4 JSON file holds it (`GET /comments/{id}`, saved as Mirrulations
    /// and others keep them), read with the same generated types the client uses.
    public static func commentDetail(fromJSON data: Data) throws -> CommentDetail {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            guard let date = Timestamp.date(from: text) else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not an ISO 8601 date: \(text)"))
            }
            return date
        }
        let body = try decoder.decode(Components.Schemas.CommentFindOneResponse.self, from: data)
        guard let id = body.data?.id else {
            throw DecodingError.keyNotFound(Components.Schemas.CommentFindOneResponse.CodingKeys.data, .init(codingPath: [], debugDescription: "no data.id"))
        }
        return detail(body, id: id)
    }

    static func detail(_ body: Components.Schemas.CommentFindOneResponse, id: String) -> CommentDetail {
        let basic = body.data?.attributes?.value1
        let extra = body.data?.attributes?.value2
        let attachments = (body.included ?? []).map { item in
            Attachment(
                title: item.attributes?.title, order: item.attributes?.docOrder, restricted: item.attributes?.restrictReason,
                files: (item.attributes?.fileFormats ?? []).compactMap { format in
                    guard let text = format.fileUrl, let url = URL(string: text) else { return nil }
                    return File(url: url, format: format.format, size: format.size)
                })
        }
        return CommentDetail(
            id: body.data?.id ?? id, documentID: extra?.commentOnDocumentId, docketID: basic?.docketId, title: basic?.title, text: basic?.comment,
            organization: basic?.organization, firstName: basic?.firstName, lastName: basic?.lastName, governmentAgency: basic?.govAgency,
            governmentAgencyType: basic?.govAgencyType, category: basic?.category, postedDate: basic?.postedDate, receivedDate: basic?.receiveDate,
            modified: basic?.modifyDate, duplicateComments: extra?.duplicateComments, trackingNumber: basic?.trackingNbr, withdrawn: basic?.withdrawn ?? false,
            attachments: attachments)
    }

    /// An attachment's bytes, refused past `limit` bytes. Sent without the API key: the
    /// files are public, and the key goes to the API host only.
    /// `deadline` bounds the whole download, as it bounds an API request.
    public static func download(_ url: URL, limit: Int, deadline: TimeInterval = Network.defaultDeadline) async throws(APIFailure) -> Data {
        let host = url.host ?? url.absoluteString
        let request = URLRequest(url: url)
        do {
            let (bytes, response) = try await Network.within(deadline) { try await Network.open.data(for: request) }
            let status = (response as? HTTPURLResponse)?.statusCode ?? 0
            guard (200..<300).contains(status) else { throw APIFailure("\(host) answered \(status) for \(url.lastPathComponent)", status: status) }
            guard bytes.count <= limit else { throw APIFailure("\(url.lastPathComponent) is larger than \(limit / 1_000_000) MB", status: 413) }
            return bytes
        } catch let failure as APIFailure {
            throw failure
        } catch let late as Network.DeadlinePassed {
            throw APIFailure("\(host) did not send \(url.lastPathComponent) within \(Int(late.seconds)) s")
        } catch {
            throw sentence(for: error, host: host, status: nil)
        }
    }

    /// The size a server declares for `url` before it is fetched, when it declares one.
    public static func declaredSize(_ url: URL) async -> Int? {
        var request = URLRequest(url: url)
        request.httpMethod = "HEAD"
        guard let (_, response) = try? await Network.within(Network.idle, { [request] in try await Network.open.data(for: request) }), let http = response as? HTTPURLResponse else { return nil }
        return http.value(forHTTPHeaderField: "Content-Length").flatMap(Int.init)
    }
}
