import Foundation
import HTTPTypes
import OpenAPIRuntime

/// One answer read the way every call reads it: the generated decoders, the middlewares (the
/// deadline, the size cap, redirects, `Retry-After`) and the failure sentences, over an
/// in-memory transport that returns `status`, `headers` and `body` to every request. The fuzz
/// driver feeds it arbitrary bytes; whatever they are, the answer is a value or one sentence.
public enum AnswerReading {
    struct FixedAnswer: ClientTransport {
        let status: Int
        let headers: HTTPFields
        let body: Data

        func send(_ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String) async throws -> (HTTPResponse, HTTPBody?) {
            (HTTPResponse(status: .init(code: status), headerFields: headers), HTTPBody(self.body))
        }
    }

    /// What each read made of the answer: a short summary or the failure's sentence, in the
    /// order docket, documents, comment page, comment.
    public static func read(status: Int, headers: [(name: String, value: String)], body: Data) async -> [String] {
        var fields = HTTPFields()
        for header in headers {
            if let name = HTTPField.Name(header.name) { fields.append(HTTPField(name: name, value: header.value)) }
        }
        // A 429 would wait for real; an answer read here is never retried.
        let code = status == 429 ? 430 : max(100, min(599, status))
        let client = RegulationsGov(
            transport: FixedAnswer(status: code, headers: fields, body: body), key: APIKey("fuzz-key-0123456789abcdef0123456789")!)
        var results: [String] = []
        do { results.append(try await client.docket("EPA-HQ-OAR-2026-0001").title ?? "no title") } catch { results.append(error.description) }
        do { results.append("\(try await client.documents(inDocket: "EPA-HQ-OAR-2026-0001").count) documents") } catch { results.append(error.description) }
        do {
            results.append("\(try await client.commentsPage(onObjectID: "0900006486000001", modifiedSince: nil, page: 1).rows.count) comments")
        } catch {
            results.append(error.description)
        }
        do { results.append(try await client.comment("EPA-HQ-OAR-2026-0001-0002").id) } catch { results.append(error.description) }
        _ = Network.retryAfter(String(decoding: body.prefix(64), as: UTF8.self))
        if let document = try? JSONDecoder().decode(FederalRegister.Document.self, from: body) { results.append(document.documentNumber) }
        return results
    }
}
