import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Each request's context: where it came from, for limiting guesses per address.
public struct ReviewContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The peer's IP address, or "local" for a Unix socket or a test.
    public let address: String

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        address = source.channel.remoteAddress?.ipAddress ?? "local"
    }

    /// No form this server takes is larger; anything bigger is refused unread.
    public var maxUploadSize: Int { ReviewHTTP.maximumBody }
}

/// Headers every response carries: nothing runs but our own stylesheet, no page can be framed,
/// and since the signer's secret is in the URL, no URL leaves in a Referer header.
struct SecurityHeaders<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as HTTPError {
            response = ReviewHTTP.text(error.status, error.body ?? error.status.reasonPhrase)
        }
        response.headers[.contentSecurityPolicy] =
            "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
        response.headers[ReviewHTTP.referrerPolicy] = "no-referrer"
        response.headers[ReviewHTTP.frameOptions] = "DENY"
        response.headers[ReviewHTTP.contentTypeOptions] = "nosniff"
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
        return response
    }
}

/// Small pieces of HTTP the routes share.
enum ReviewHTTP {
    static let maximumBody = 16 * 1024
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
    static let frameOptions = HTTPField.Name("X-Frame-Options")!
    static let contentTypeOptions = HTTPField.Name("X-Content-Type-Options")!

    static func html(_ status: HTTPResponse.Status = .ok, _ page: String, cookies: [String] = []) -> Response {
        var headers: HTTPFields = [.contentType: "text/html; charset=utf-8"]
        for cookie in cookies { headers.append(HTTPField(name: .setCookie, value: cookie)) }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: page)))
    }

    static func text(_ status: HTTPResponse.Status, _ text: String) -> Response {
        Response(status: status, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: text + "\n")))
    }

    static func redirect(_ location: String, cookies: [String] = []) -> Response {
        var headers: HTTPFields = [.location: location]
        for cookie in cookies { headers.append(HTTPField(name: .setCookie, value: cookie)) }
        return Response(status: .seeOther, headers: headers)
    }

    /// A `Set-Cookie` value: never readable by script, never sent from another site.
    static func cookie(_ name: String, _ value: String, secure: Bool, maxAge: Int? = nil) -> String {
        var parts = ["\(name)=\(value)", "Path=/", "HttpOnly", "SameSite=Strict"]
        if let maxAge { parts.append("Max-Age=\(maxAge)") }
        if secure { parts.append("Secure") }
        return parts.joined(separator: "; ")
    }

    /// A cookie's value from the request, if sent.
    static func cookie(_ name: String, in request: Request) -> String? {
        for field in request.headers[values: .cookie] {
            for pair in field.split(separator: ";") {
                let parts = pair.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
                if parts.count == 2, parts[0] == name { return String(parts[1]) }
            }
        }
        return nil
    }

    /// The body of a form post, decoded; nil when it is larger than any form this server
    /// takes.
    static func form(_ request: Request) async -> [String: String]? {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > maximumBody { return nil }
        guard let buffer = try? await request.body.collect(upTo: maximumBody) else { return nil }
        return decodeForm(String(buffer: buffer))
    }

    /// `application/x-www-form-urlencoded`: `+` is a space, `%XX` a byte; a repeated name
    /// keeps its first value.
    static func decodeForm(_ text: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let decode = { (part: Substring) in (String(part).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "") }
            let name = decode(parts[0])
            if fields[name] == nil { fields[name] = parts.count > 1 ? decode(parts[1]) : "" }
        }
        return fields
    }
}
