import DocketKit
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Each request's context: where it came from, for limiting guesses per address, and the CSRF
/// value its pages embed and its forms must return.
public struct ReviewContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The peer's IP address, or "local" for a Unix socket or a test.
    public let address: String
    /// The CSRF value: the one the browser holds, or a new one `CSRFProtection` sets.
    public var csrf = ""

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        address = source.channel.remoteAddress?.ipAddress ?? "local"
    }

    /// No form this server takes is larger; anything bigger is refused unread.
    public var maxUploadSize: Int { ReviewHTTP.maximumBody }
}

/// Headers every response carries: nothing runs but our own stylesheet, no page can be framed,
/// and since the signer's secret is in the URL, no URL leaves in a Referer header. An error a
/// route throws becomes a one-line page with the same headers.
struct SecurityHeaders<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as HTTPError {
            response = ReviewHTTP.text(error.status, error.body ?? error.status.reasonPhrase)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            response = ReviewHTTP.text(.contentTooLarge, "The form is larger than any this server takes.")
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

/// Double-submit CSRF protection: every page's forms carry the value of the `docket_csrf`
/// cookie, set on the first page a browser asks for; a POST whose form does not carry the
/// cookie's value is refused before any route sees it. The form's body is collected once here
/// (refused unread past `maximumBody`) and stays readable for the route.
struct CSRFProtection: RouterMiddleware {
    static let cookie = "docket_csrf"
    let secure: Bool

    struct Token: Decodable {
        var csrf: String
    }

    func handle(_ request: Request, context: ReviewContext, next: (Request, ReviewContext) async throws -> Response) async throws -> Response {
        var request = request
        var context = context
        let held = request.cookies[Self.cookie].map(\.value).flatMap { $0.count >= 32 ? $0 : nil }
        if request.method == .post {
            if let length = request.headers[.contentLength].flatMap(Int.init), length > ReviewHTTP.maximumBody { return ReviewServer.tooLarge }
            let body = try await request.collectBody(upTo: ReviewHTTP.maximumBody)
            let sent = try? URLEncodedFormDecoder().decode(Token.self, from: String(buffer: body)).csrf
            guard let held, let sent, Secret.constantTimeEqual(held, sent) else { return ReviewServer.forbidden }
        }
        context.csrf = held ?? Secret.random()
        var response = try await next(request, context)
        if held == nil { response.setCookie(ReviewHTTP.cookie(Self.cookie, context.csrf, secure: secure)) }
        return response
    }
}

/// Small pieces of HTTP the routes share.
enum ReviewHTTP {
    static let maximumBody = 16 * 1024
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
    static let frameOptions = HTTPField.Name("X-Frame-Options")!
    static let contentTypeOptions = HTTPField.Name("X-Content-Type-Options")!

    static func html(_ status: HTTPResponse.Status = .ok, _ page: String) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: page)))
    }

    static func text(_ status: HTTPResponse.Status, _ text: String) -> Response {
        Response(status: status, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: text + "\n")))
    }

    static func redirect(_ location: String, cookies: [Cookie] = []) -> Response {
        var response = Response(status: .seeOther, headers: [.location: location])
        for cookie in cookies { response.setCookie(cookie) }
        return response
    }

    /// A cookie never readable by script and never sent from another site.
    static func cookie(_ name: String, _ value: String, secure: Bool, maxAge: Int? = nil) -> Cookie {
        Cookie(name: name, value: value, maxAge: maxAge, path: "/", secure: secure, httpOnly: true, sameSite: .strict)
    }

    /// The form a route takes, decoded from the body `CSRFProtection` collected; a form that
    /// does not decode is a 400 naming nothing of what was sent.
    static func form<Form: Decodable>(_ type: Form.Type, _ request: Request) async throws -> Form {
        var request = request
        let body = try await request.collectBody(upTo: maximumBody)
        do {
            return try URLEncodedFormDecoder().decode(Form.self, from: String(buffer: body))
        } catch {
            throw HTTPError(.badRequest, message: "The form could not be read; reload the page and send it again.")
        }
    }
}
