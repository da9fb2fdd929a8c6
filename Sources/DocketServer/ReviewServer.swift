import DocketKit
import DocketModel
import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// `docket serve`: the pages signatories review and sign on, the public sign-on form when the
/// plan opens one, and the lead's dashboard, over one campaign on disk.
public enum ReviewServer {
    public struct Options: Sendable {
        public var host: String
        public var port: Int
        /// Whether cookies are marked `Secure`: set when a TLS proxy fronts the server.
        public var secureCookies: Bool

        public init(host: String = "127.0.0.1", port: Int = 8080, secureCookies: Bool = false) {
            self.host = host
            self.port = port
            self.secureCookies = secureCookies
        }
    }

    /// Serves `campaign` until SIGTERM or SIGINT; `onRunning` receives the bound port.
    public static func run(_ campaign: ReviewCampaign, options: Options, onRunning: @escaping @Sendable (Int) -> Void = { _ in }) async throws {
        var logger = Logger(label: "docket-serve")
        // Request lines carry signers' secrets: nothing below an error is logged.
        logger.logLevel = .error
        let app = Application(
            router: router(campaign, options: options),
            configuration: .init(address: .hostname(options.host, port: options.port), serverName: nil),
            onServerRunning: { channel in onRunning(channel.localAddress?.port ?? options.port) },
            logger: logger)
        try await app.runService()
    }

    /// The routes, for `run` and for tests that serve them themselves: the stylesheet, then
    /// the signers', the open sign-on's and the lead's, each a controller on its own group
    /// behind CSRF protection.
    public static func router(_ campaign: ReviewCampaign, options: Options) -> Router<ReviewContext> {
        let router = Router(context: ReviewContext.self)
        router.add(middleware: SecurityHeaders())
        router.get("/assets/docket.css") { _, _ -> Response in
            let css = await campaign.rendered.stylesheet
            return Response(
                status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "public, max-age=300"], body: .init(byteBuffer: ByteBuffer(string: css)))
        }
        let csrf = CSRFProtection(secure: options.secureCookies)
        SignerController(campaign: campaign).addRoutes(to: router.group("s").add(middleware: csrf))
        SignOnController(campaign: campaign).addRoutes(to: router.group("join").add(middleware: csrf))
        LeadController(campaign: campaign, secure: options.secureCookies).addRoutes(to: router.group("lead").add(middleware: csrf))
        return router
    }

    // MARK: Shared answers

    static let notFound = ReviewHTTP.text(.notFound, "Not found.")
    static let forbidden = ReviewHTTP.text(.forbidden, "This form has expired or did not come from this site; reload the page and send it again.")
    static let tooLarge = ReviewHTTP.text(.contentTooLarge, "The form is larger than any this server takes.")
    static let tooMany = ReviewHTTP.text(.tooManyRequests, "Too many wrong links or passwords from this address; wait a minute.")
}
