import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import HTTPTypes
import OpenAPIRuntime
import OpenAPIURLSession

/// Regulations.gov v4 through the client generated from GSA's spec: the calls `docket fetch`
/// and `docket submit` make, each answered as a value or one clear `APIFailure`.
public struct RegulationsGov: Sendable {
    public static let production = URL(string: "https://api.regulations.gov/v4")!

    let client: Client
    let key: APIKey
    public let baseURL: URL

    /// A client for `baseURL`, authenticated with `key`; `notify` hears of waits (a 429's
    /// `Retry-After`, a retried network error).
    /// `keepsReadLimit: false` leaves the hourly read budget to the caller (`docket comments
    /// pull` keeps it in its store, across runs).
    /// `deadline` bounds each request, body included (`Network`).
    public init(
        baseURL: URL = RegulationsGov.production, key: APIKey, keepsReadLimit: Bool = true, deadline: TimeInterval = Network.defaultDeadline,
        notify: @escaping @Sendable (String) -> Void = { _ in }
    ) {
        self.baseURL = baseURL
        self.key = key
        client = Client(
            serverURL: baseURL, transport: URLSessionTransport(configuration: .init(session: Network.keyed)),
            middlewares: [
                KeyMiddleware(key: key), RetryMiddleware(notify: notify, limiter: RateLimiter(limitsReads: keepsReadLimit), deadline: deadline, host: baseURL.host ?? "the server"),
            ])
    }

    /// A client whose requests go to `transport`, with the same middlewares: for reading
    /// answers that did not come over the network (`AnswerReading`).
    init(transport: any ClientTransport, key: APIKey) {
        baseURL = RegulationsGov.production
        self.key = key
        client = Client(
            serverURL: baseURL, transport: transport,
            middlewares: [
                KeyMiddleware(key: key),
                RetryMiddleware(notify: { _ in }, limiter: RateLimiter(limitsReads: false), deadline: Network.defaultDeadline, host: baseURL.host ?? "the server"),
            ])
    }

    /// The fields of a docket a docket file records.
    public struct DocketRecord: Sendable, Hashable {
        public var title: String?
        public var agencyID: String?
        public var rin: String?
        public var objectID: String?
    }

    /// The fields of a document a docket file records.
    public struct DocumentRecord: Sendable, Hashable {
        public var id: String
        public var title: String?
        public var objectID: String?
        public var type: String?
        public var openForComment: Bool
        public var commentStart: Date?
        public var commentEnd: Date?
        public var frDocumentNumber: String?
        public var posted: String?
        public var lastModified: Date?
    }

    /// The docket's own record.
    public func docket(_ id: String) async throws(APIFailure) -> DocketRecord {
        let output = try await call(notFound: "Regulations.gov has no docket \(id)") { try await client.getDocketsDocketId(path: .init(docketId: id)) }
        switch output {
        case .ok(let ok):
            let attributes = try? ok.body.applicationVnd_apiJson.data?.attributes
            return DocketRecord(title: attributes?.title, agencyID: attributes?.agencyId, rin: attributes?.rin, objectID: attributes?.objectId)
        case .notFound: throw APIFailure("Regulations.gov has no docket \(id)", status: 404)
        case .badRequest(let error): throw failure(try? error.body.applicationVnd_apiJson, status: 400)
        case .forbidden(let error): throw failure(try? error.body.applicationVnd_apiJson, status: 403)
        case .undocumented(let status, let payload): throw await undocumented(status, payload)
        }
    }

    /// The docket's documents, every page of them.
    public func documents(inDocket id: String) async throws(APIFailure) -> [DocumentRecord] {
        var records: [DocumentRecord] = []
        for page in 1...20 {
            let output = try await call(notFound: "Regulations.gov has no documents for docket \(id)") {
                try await client.getDocuments(query: .init(filter_lbrack_docketId_rbrack_: id, page_lbrack_number_rbrack_: page, page_lbrack_size_rbrack_: 250))
            }
            switch output {
            case .ok(let ok):
                let body = try? ok.body.applicationVnd_apiJson
                for item in body?.data ?? [] {
                    guard let id = item.id, let document = item.attributes else { continue }
                    records.append(
                        DocumentRecord(
                            id: id, title: document.title, objectID: document.objectId, type: document.documentType?.rawValue, openForComment: document.openForComment ?? false,
                            commentStart: document.commentStartDate, commentEnd: document.commentEndDate, frDocumentNumber: document.frDocNum, posted: document.postedDate,
                            lastModified: document.lastModifiedDate))
                }
                if body?.meta?.hasNextPage != true { return records }
            case .badRequest(let error): throw failure(try? error.body.applicationVnd_apiJson, status: 400)
            case .forbidden(let error): throw failure(try? error.body.applicationVnd_apiJson, status: 403)
            case .undocumented(let status, let payload): throw await undocumented(status, payload)
            }
        }
        return records
    }

    // MARK: Filing

    /// A new submission key, which ties the uploads and the comment of one filing together.
    public func submissionKey() async throws(APIFailure) -> String {
        let output = try await call(notFound: "Regulations.gov has no submission-keys endpoint at \(baseURL)") {
            try await client.getSubmitterKey(body: .applicationVnd_apiJson(.init(data: .init(_type: "submission-keys"))))
        }
        guard case .created(let created) = output, let key = try? created.body.applicationVnd_apiJson.data?.id else {
            if case .forbidden(let error) = output { throw failure(try? error.body.applicationVnd_apiJson, status: 403) }
            throw APIFailure("Regulations.gov did not issue a submission key")
        }
        return key
    }

    /// A pre-signed address to upload one attachment of the filing to.
    public func uploadURL(submissionKey: String, fileName: String, contentType: String) async throws(APIFailure) -> URL {
        let output = try await call(notFound: "Regulations.gov has no file-upload-urls endpoint at \(baseURL)") {
            try await client.postFileUploadUrls(
                body: .applicationVnd_apiJson(
                    .init(data: .init(_type: "file-upload-urls", attributes: .init(submissionKey: submissionKey, fileName: fileName, contentType: contentType)))))
        }
        switch output {
        case .created(let created):
            guard let text = try? created.body.applicationVnd_apiJson.data?.id, let url = URL(string: text) else {
                throw APIFailure("Regulations.gov gave no upload address for \(fileName)")
            }
            return url
        case .badRequest(let error): throw failure(try? error.body.applicationVnd_apiJson, status: 400)
        case .forbidden(let error): throw failure(try? error.body.applicationVnd_apiJson, status: 403)
        case .undocumented(let status, let payload): throw await undocumented(status, payload)
        }
    }

    /// Puts an attachment's bytes at its pre-signed address. The same bytes to the same address
    /// is safe to repeat, so a network error or a 5xx is tried again, up to three times.
    public func upload(_ data: Data, to url: URL, contentType: String, notify: @Sendable (String) -> Void = { _ in }) async throws(APIFailure) {
        var request = URLRequest(url: url)
        request.httpMethod = "PUT"
        request.setValue(contentType, forHTTPHeaderField: "Content-Type")
        var problem = ""
        for attempt in 1...3 {
            do {
                let (_, response) = try await Network.keyed.upload(for: request, from: data)
                let status = (response as? HTTPURLResponse)?.statusCode ?? 0
                if (200..<300).contains(status) { return }
                problem = "the upload was refused (\(status))"
                if status < 500 { break }
            } catch {
                problem = "the upload failed: \(error.localizedDescription)"
            }
            if attempt < 3 {
                notify("\(problem); trying again in \(attempt) s")
                try? await Task.sleep(nanoseconds: UInt64(attempt) * 1_000_000_000)
            }
        }
        throw APIFailure(problem)
    }

    /// Posts the comment: the package's `submission.json` with the submission key and the
    /// uploaded files' names added. Sent as the package holds it, in the `data` envelope GSA's
    /// own examples use (its spec's request object leaves the envelope out), and never sent
    /// twice: the caller records that it was sent before sending it. Returns the tracking number.
    public func postComment(_ payload: Data) async throws(APIFailure) -> String {
        var request = URLRequest(url: baseURL.appendingPathComponent("comments"))
        request.httpMethod = "POST"
        request.setValue("application/vnd.api+json", forHTTPHeaderField: "Content-Type")
        request.setValue(key.value, forHTTPHeaderField: "X-Api-Key")
        let data: Data
        let response: URLResponse
        do {
            (data, response) = try await Network.keyed.upload(for: request, from: payload)
        } catch {
            throw APIFailure("the comment may or may not have reached Regulations.gov (\(error.localizedDescription)); check the docket before filing again")
        }
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        let text = String(decoding: data, as: UTF8.self)
        guard status == 201 || status == 200 else {
            if let error = try? JSONDecoder().decode(Components.Schemas.JSONError.self, from: data), error.errors?.isEmpty == false {
                throw failure(error, status: status)
            }
            throw Self.gatewayFailure(status: status, text: text)
        }
        // The created comment's id is its tracking number, with or without the envelope.
        let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
        let resource = (object?["data"] as? [String: Any]) ?? object
        guard let tracking = resource?["id"] as? String, !tracking.isEmpty else { throw APIFailure("Regulations.gov accepted the comment but returned no tracking number: \(text.prefix(200))") }
        return tracking
    }

    /// Runs a generated call, turning transport and decoding errors into one sentence. A 404
    /// whose body is not in the documented form is still a 404: `notFound` says what is missing.
    func call<Output>(notFound: String, _ body: () async throws -> Output) async throws(APIFailure) -> Output {
        do {
            return try await body()
        } catch let failure as APIFailure {
            throw failure
        } catch let error as ClientError {
            if let failure = error.underlyingError as? APIFailure { throw failure }
            if error.response?.status.code == 404 { throw APIFailure(notFound, status: 404) }
            throw Self.sentence(for: error.underlyingError, host: baseURL.host ?? baseURL.absoluteString, status: error.response?.status.code)
        } catch {
            throw Self.sentence(for: error, host: baseURL.host ?? baseURL.absoluteString, status: nil)
        }
    }

    /// One sentence for a failed request: the host, and the cause in words, never the
    /// NSError or OpenAPI runtime description.
    public static func sentence(for error: any Error, host: String, status: Int?) -> APIFailure {
        if let failure = error as? APIFailure { return failure }
        if let client = error as? ClientError { return sentence(for: client.underlyingError, host: host, status: client.response?.status.code ?? status) }
        if let decoding = error as? DecodingError {
            let (path, what): ([any CodingKey], String) =
                switch decoding {
                case .typeMismatch(_, let context): (context.codingPath, "a value of another type")
                case .valueNotFound(_, let context): (context.codingPath, "a missing value")
                case .keyNotFound(let key, let context): (context.codingPath + [key], "a missing field")
                case .dataCorrupted(let context): (context.codingPath, "text that is not the JSON expected")
                @unknown default: ([], "an unexpected form")
                }
            let joined: String = path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            let at = joined.hasPrefix(".") ? String(joined.dropFirst()) : joined
            return APIFailure("\(host) answered in a form DocketKit does not read: \(what)" + (at.isEmpty ? "" : " at \(at)"), status: status)
        }
        if let url = error as? URLError {
            let cause =
                switch url.code {
                case .cannotConnectToHost: "the connection was refused"
                case .cannotFindHost, .dnsLookupFailed: "the host name was not found"
                case .timedOut: "the request timed out"
                case .notConnectedToInternet, .networkConnectionLost: "the network is down"
                case .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate, .serverCertificateNotYetValid: "the secure connection failed"
                case .badServerResponse, .cannotParseResponse: "the answer was not HTTP"
                default: "the network request failed (\(url.code.rawValue))"
                }
            return APIFailure("could not reach \(host): \(cause)")
        }
        let nsError = error as NSError
        if nsError.domain == NSURLErrorDomain, let code = URLError.Code(rawValue: nsError.code) as URLError.Code? {
            return sentence(for: URLError(code), host: host, status: status)
        }
        if let status { return APIFailure("\(host) answered \(status) in a form DocketKit does not read", status: status) }
        return APIFailure("could not reach \(host): the request failed")
    }

    func failure(_ error: Components.Schemas.JSONError?, status: Int) -> APIFailure {
        let first = error?.errors?.first
        let words = [first?.title, first?.detail].compactMap { $0 }.joined(separator: ": ")
        if status == 403 { return APIFailure("Regulations.gov refused the API key" + (words.isEmpty ? "" : " (\(words))"), status: status) }
        return APIFailure("Regulations.gov refused the request (\(status))" + (words.isEmpty ? "" : ": \(words)"), status: status)
    }

    func undocumented(_ status: Int, _ payload: UndocumentedPayload) async -> APIFailure {
        var text = ""
        if let body = payload.body, let data = try? await Data(collecting: body, upTo: 64 * 1024) { text = String(decoding: data, as: UTF8.self) }
        return Self.gatewayFailure(status: status, text: text)
    }

    /// The gateway in front of the API answers with its own shape, `{"error": {"code", "message"}}`,
    /// in `application/json`: one sentence per code.
    static func gatewayFailure(status: Int, text: String) -> APIFailure {
        for code in ["OVER_RATE_LIMIT", "API_KEY_MISSING", "API_KEY_INVALID", "API_KEY_DISABLED", "API_KEY_UNAUTHORIZED"] where text.contains(code) {
            let why =
                switch code {
                case "OVER_RATE_LIMIT": "the API key is over its rate limit; try again later"
                case "API_KEY_MISSING": "no API key was sent"
                default: "the API key was refused (\(code))"
                }
            return APIFailure("Regulations.gov: \(why)", status: status)
        }
        return APIFailure("Regulations.gov answered \(status)", status: status)
    }
}

/// Sends the key in `X-Api-Key` on every request, and nowhere else.
struct KeyMiddleware: ClientMiddleware {
    let key: APIKey

    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        var request = request
        request.headerFields[HTTPField.Name("X-Api-Key")!] = key.value
        return try await next(request, body, baseURL)
    }
}

/// A 429 waits for its `Retry-After` (at most a minute) and tries again, up to three times,
/// saying so: the request was not processed. A network error is retried with backoff only for
/// reads; a write that may have reached the server is never sent twice.
struct RetryMiddleware: ClientMiddleware {
    let notify: @Sendable (String) -> Void
    let limiter: RateLimiter
    let deadline: TimeInterval
    let host: String
    static let attempts = 3
    /// The longest `Retry-After` honoured by waiting; a longer one stops the command.
    static let longestWait: Double = 60

    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        // A body can be sent once; buffering it lets a refused request go again unchanged.
        let buffered: Data? = if let body { try await Data(collecting: body, upTo: 20 * 1024 * 1024) } else { nil }
        var attempt = 1
        while true {
            if let wait = limiter.reserve(isRead: request.method == .get) {
                notify("keeping within Regulations.gov's documented limits; waiting \(Int(wait.rounded(.up))) s")
                try await Task.sleep(nanoseconds: UInt64(wait * 1e9))
            }
            let response: HTTPResponse
            let responseBody: HTTPBody?
            do {
                // The whole answer, body included, within the deadline and the size cap: the
                // generated decoder then reads it from memory.
                let (head, data) = try await Network.bounded(deadline) { [host] in
                    let (head, body) = try await next(request, buffered.map { HTTPBody($0) }, baseURL)
                    guard let body else { return (head, Data?.none) }
                    do {
                        return (head, Optional(try await Data(collecting: body, upTo: Network.largestBody)))
                    } catch {
                        throw APIFailure("\(host) sent an answer larger than \(Network.largestBody / 1_048_576) MB; nothing was written", status: head.status.code)
                    }
                }
                (response, responseBody) = (head, data.map { HTTPBody($0) })
            } catch let failure as APIFailure {
                throw failure
            } catch let late as Network.DeadlinePassed {
                throw APIFailure("\(host) did not answer within \(Int(late.seconds)) s; nothing was written")
            } catch {
                guard request.method == .get, attempt < Self.attempts else { throw error }
                let wait = Double(1 << (attempt - 1))
                let host = request.authority ?? baseURL.host ?? "the server"
                notify("\(RegulationsGov.sentence(for: error, host: host, status: nil).description); trying again in \(Int(wait)) s")
                try await Task.sleep(nanoseconds: UInt64(wait * 1e9))
                attempt += 1
                continue
            }
            if (300..<400).contains(response.status.code) {
                // Followed only within the origin named (`Network.keyed`): one that points
                // elsewhere comes back here, and the key went nowhere else.
                throw APIFailure("\(host) redirected the request to another host; DocketKit follows redirects only within \(host), so the API key was sent nowhere else", status: response.status.code)
            }
            guard response.status.code == 429, attempt < Self.attempts else {
                // The gateway's refusals are not in GSA's spec; read them here, before the
                // generated decoder rejects their content type.
                if response.status.code >= 400, response.headerFields[.contentType]?.hasPrefix("application/json") == true {
                    let text = if let responseBody { String(decoding: try await Data(collecting: responseBody, upTo: 64 * 1024), as: UTF8.self) } else { "" }
                    throw RegulationsGov.gatewayFailure(status: response.status.code, text: text)
                }
                return (response, responseBody)
            }
            let asked = Network.retryAfter(response.headerFields[HTTPField.Name("Retry-After")!]) ?? 10
            guard asked <= Self.longestWait else {
                throw APIFailure("Regulations.gov asked to wait \(Int(asked)) s before the next request (429), longer than DocketKit waits (\(Int(Self.longestWait)) s); run the command again later", status: 429)
            }
            let wait = asked
            notify("Regulations.gov asked to slow down (429); waiting \(Int(wait)) s as its Retry-After says")
            try await Task.sleep(nanoseconds: UInt64(wait * 1e9))
            attempt += 1
        }
    }
}

/// GSA's documented limits, kept by this process: 50 writes a minute and 500 an hour, 1,000
/// reads an hour. `reserve` records a request and says how long to wait first, if at all.
final class RateLimiter: @unchecked Sendable {
    private let lock = NSLock()
    private let limitsReads: Bool

    init(limitsReads: Bool = true) { self.limitsReads = limitsReads }
    private var writes: [Date] = []
    private var reads: [Date] = []

    func reserve(isRead: Bool, now: Date = Date()) -> TimeInterval? {
        if isRead && !limitsReads { return nil }
        return lock.withLock {
            let windows: [(count: Int, seconds: TimeInterval)] = isRead ? [(1000, 3600)] : [(50, 60), (500, 3600)]
            var history = isRead ? reads : writes
            history.removeAll { $0 < now.addingTimeInterval(-3600) }
            var start = now
            for window in windows {
                let recent = history.filter { $0 > now.addingTimeInterval(-window.seconds) }
                if recent.count >= window.count { start = max(start, recent[recent.count - window.count].addingTimeInterval(window.seconds)) }
            }
            history.append(start)
            if isRead { reads = history } else { writes = history }
            let wait = start.timeIntervalSince(now)
            return wait > 0 ? wait : nil
        }
    }
}
