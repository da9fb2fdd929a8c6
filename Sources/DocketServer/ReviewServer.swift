import DocketKit
import DocketModel
import DocketReview
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

    static let csrfCookie = "docket_csrf"
    static let sessionCookie = "docket_lead"

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

    /// The routes, for `run` and for tests that serve them themselves.
    public static func router(_ campaign: ReviewCampaign, options: Options) -> Router<ReviewContext> {
        let router = Router(context: ReviewContext.self)
        router.add(middleware: SecurityHeaders())
        let secure = options.secureCookies

        router.get("/assets/docket.css") { _, _ -> Response in
            let css = await campaign.rendered.stylesheet
            return Response(
                status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "public, max-age=300"], body: .init(byteBuffer: ByteBuffer(string: css)))
        }

        // MARK: Signers

        router.get("/s/:token") { request, context -> Response in
            let token = context.parameters.get("token") ?? ""
            guard let signer = try await signer(token, campaign: campaign, address: context.address) else { return notFound }
            let (csrf, cookies) = csrfToken(request, secure: secure)
            let notice =
                request.uri.queryParameters.get("saved").map { _ in "Your decision is saved." }
                ?? request.uri.queryParameters.get("listed").map { _ in "Your proposed listing is saved; the coalition will confirm it." }
            return ReviewHTTP.html(.ok, await signerPage(signer, token: token, campaign: campaign, csrf: csrf, notice: notice), cookies: cookies)
        }

        router.post("/s/:token/decision") { request, context -> Response in
            let token = context.parameters.get("token") ?? ""
            guard let signer = try await signer(token, campaign: campaign, address: context.address) else { return notFound }
            guard let form = await ReviewHTTP.form(request) else { return tooLarge }
            guard let csrf = checkedCSRF(request, form) else { return forbidden }
            guard let decision = form["decision"].flatMap(Approval.Decision.init(rawValue:)) else {
                return ReviewHTTP.html(
                    .badRequest, await signerPage(signer, token: token, campaign: campaign, csrf: csrf, problem: "Choose approve, request changes or decline."))
            }
            let comment = form["comment"].map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
            do {
                _ = try await campaign.decide(signer.id, decision: decision, onVersion: form["version"] ?? "", comment: comment)
                return ReviewHTTP.redirect("/s/\(token)?saved=1")
            } catch let refusal as ReviewCampaign.Refusal {
                switch refusal {
                case .staleVersion(let current):
                    let problem = "The letter changed while you were reading it: nothing was recorded. Review what changed below and decide on version \(current.short)."
                    return ReviewHTTP.html(.conflict, await signerPage(signer, token: token, campaign: campaign, csrf: csrf, problem: problem, since: form["version"]))
                case .invalid(let why):
                    return ReviewHTTP.html(.badRequest, await signerPage(signer, token: token, campaign: campaign, csrf: csrf, problem: why))
                case .failed:
                    return ReviewHTTP.text(.internalServerError, "The decision could not be saved; nothing was recorded.")
                }
            }
        }

        router.post("/s/:token/listing") { request, context -> Response in
            let token = context.parameters.get("token") ?? ""
            guard let signer = try await signer(token, campaign: campaign, address: context.address) else { return notFound }
            guard let form = await ReviewHTTP.form(request) else { return tooLarge }
            guard let csrf = checkedCSRF(request, form) else { return forbidden }
            do {
                try await campaign.proposeCorrection(
                    signer: signer.id, organization: trimmed(form["organization"]), city: trimmed(form["city"]), state: trimmed(form["state"]))
                return ReviewHTTP.redirect("/s/\(token)?listed=1")
            } catch let refusal as ReviewCampaign.Refusal {
                guard case .invalid(let why) = refusal else { return ReviewHTTP.text(.internalServerError, "The listing could not be saved.") }
                return ReviewHTTP.html(.badRequest, await signerPage(signer, token: token, campaign: campaign, csrf: csrf, problem: why))
            }
        }

        // MARK: Open sign-on

        router.get("/join") { request, _ -> Response in
            guard await campaign.isOpenSignOn else { return notFound }
            let (csrf, cookies) = csrfToken(request, secure: secure)
            let notice = request.uri.queryParameters.get("thanks").map { _ in "Thank you: your request is saved. The coalition will review it before your organization is listed." }
            return ReviewHTTP.html(.ok, ReviewPages.join(await campaign.signOff, letter: await campaign.rendered.letter, csrf: csrf, notice: notice), cookies: cookies)
        }

        router.post("/join") { request, _ -> Response in
            guard await campaign.isOpenSignOn else { return notFound }
            guard let form = await ReviewHTTP.form(request) else { return tooLarge }
            guard let csrf = checkedCSRF(request, form) else { return forbidden }
            do {
                try await campaign.join(
                    organization: trimmed(form["organization"]), city: trimmed(form["city"]), state: trimmed(form["state"]), contactName: trimmed(form["contact_name"]),
                    contactEmail: trimmed(form["contact_email"]), version: form["version"] ?? "")
                return ReviewHTTP.redirect("/join?thanks=1")
            } catch let refusal as ReviewCampaign.Refusal {
                switch refusal {
                case .staleVersion:
                    let problem = "The letter changed while you were reading it. Read the new version and sign again."
                    return ReviewHTTP.html(.conflict, ReviewPages.join(await campaign.signOff, letter: await campaign.rendered.letter, csrf: csrf, problem: problem))
                case .invalid(let why):
                    return ReviewHTTP.html(.badRequest, ReviewPages.join(await campaign.signOff, letter: await campaign.rendered.letter, csrf: csrf, problem: why))
                case .failed:
                    return ReviewHTTP.text(.internalServerError, "The request could not be saved.")
                }
            }
        }

        // MARK: The lead

        router.get("/lead") { request, _ -> Response in
            let (csrf, cookies) = csrfToken(request, secure: secure)
            guard await campaign.isLead(session: ReviewHTTP.cookie(sessionCookie, in: request)) else {
                return ReviewHTTP.html(.ok, ReviewPages.login(csrf: csrf), cookies: cookies)
            }
            let notice = request.uri.queryParameters.get("published").map { "Version \($0) is now the one signers see." }
            let status = request.uri.queryParameters.get("status").flatMap(SignerReport.Kind.init(rawValue:))
            let query = String((request.uri.queryParameters.get("q") ?? "").prefix(200))
            return ReviewHTTP.html(.ok, try await dashboard(campaign, csrf: csrf, notice: notice, status: status, query: query), cookies: cookies)
        }

        router.get("/lead/signers.csv") { request, _ -> Response in
            guard await campaign.isLead(session: ReviewHTTP.cookie(sessionCookie, in: request)) else { return ReviewHTTP.redirect("/lead") }
            let (dashboard, _) = await campaign.dashboard(status: nil, query: "")
            return Response(
                status: .ok,
                headers: [.contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"signers.csv\"", .cacheControl: "no-store"],
                body: .init(byteBuffer: ByteBuffer(string: LeadDashboard.csv(dashboard.rows))))
        }

        router.post("/lead/login") { request, context -> Response in
            guard await !campaign.isLimited(context.address) else { return tooMany }
            guard let form = await ReviewHTTP.form(request) else { return tooLarge }
            guard let csrf = checkedCSRF(request, form) else { return forbidden }
            guard let session = await campaign.logIn(presented: form["token"] ?? "", from: context.address) else {
                return ReviewHTTP.html(.unauthorized, ReviewPages.login(csrf: csrf, problem: "That token is not the lead's."))
            }
            return ReviewHTTP.redirect("/lead", cookies: [ReviewHTTP.cookie(sessionCookie, session, secure: secure, maxAge: Int(ReviewCampaign.sessionLength))])
        }

        router.post("/lead/logout") { request, _ -> Response in
            guard let form = await ReviewHTTP.form(request) else { return tooLarge }
            guard checkedCSRF(request, form) != nil else { return forbidden }
            await campaign.logOut(session: ReviewHTTP.cookie(sessionCookie, in: request))
            return ReviewHTTP.redirect("/lead", cookies: [ReviewHTTP.cookie(sessionCookie, "", secure: secure, maxAge: 0)])
        }

        router.post("/lead/newcomers/:id") { request, context -> Response in
            try await leadAction(request, campaign: campaign) { form in
                guard let id = context.parameters.get("id").flatMap(Int64.init) else { return "No such request." }
                try await campaign.resolveNewcomer(id, accept: form["action"] == "accept")
                return nil
            }
        }

        router.post("/lead/corrections/:id") { request, context -> Response in
            try await leadAction(request, campaign: campaign) { form in
                guard let id = context.parameters.get("id").flatMap(Int64.init) else { return "No such correction." }
                try await campaign.resolveCorrection(id, accept: form["action"] == "accept")
                return nil
            }
        }

        router.post("/lead/publish") { request, _ -> Response in
            guard await campaign.isLead(session: ReviewHTTP.cookie(sessionCookie, in: request)) else { return ReviewHTTP.redirect("/lead") }
            guard let form = await ReviewHTTP.form(request) else { return tooLarge }
            guard let csrf = checkedCSRF(request, form) else { return forbidden }
            do {
                let preview = try await campaign.previewPublish()
                let current = await campaign.signOff.draft.version
                return ReviewHTTP.html(
                    .ok, ReviewPages.publishPreview(current: current, next: preview.version, stale: preview.staleApprovals, changed: preview.changedParagraphs, csrf: csrf))
            } catch {
                return ReviewHTTP.html(.ok, try await dashboard(campaign, csrf: csrf, problem: "The files do not compose: \(error)"))
            }
        }

        router.post("/lead/publish/confirm") { request, _ -> Response in
            guard await campaign.isLead(session: ReviewHTTP.cookie(sessionCookie, in: request)) else { return ReviewHTTP.redirect("/lead") }
            guard let form = await ReviewHTTP.form(request) else { return tooLarge }
            guard let csrf = checkedCSRF(request, form) else { return forbidden }
            do {
                let version = try await campaign.publish(expected: form["version"] ?? "")
                return ReviewHTTP.redirect("/lead?published=\(version.short)")
            } catch let refusal as ReviewCampaign.Refusal {
                guard case .staleVersion = refusal else { return ReviewHTTP.html(.ok, try await dashboard(campaign, csrf: csrf, problem: "Not published: \(refusal)")) }
                return ReviewHTTP.html(.conflict, try await dashboard(campaign, csrf: csrf, problem: "The files changed again since the preview; preview again."))
            }
        }
        return router
    }

    // MARK: Shared steps

    static let notFound = ReviewHTTP.text(.notFound, "Not found.")
    static let forbidden = ReviewHTTP.text(.forbidden, "This form has expired or did not come from this site; reload the page and send it again.")
    static let tooLarge = ReviewHTTP.text(.contentTooLarge, "The form is larger than any this server takes.")
    static let tooMany = ReviewHTTP.text(.tooManyRequests, "Too many wrong links or passwords from this address; wait a minute.")

    /// The signer a link names; an unknown secret counts against the address, and an address
    /// past its limit learns nothing more, valid link or not.
    static func signer(_ token: String, campaign: ReviewCampaign, address: String) async throws -> Signatory? {
        guard await !campaign.isLimited(address) else { throw HTTPError(.tooManyRequests, message: "Too many wrong links from this address; wait a minute.") }
        if let signer = try await campaign.signer(forToken: token) { return signer }
        await campaign.recordFailure(from: address)
        return nil
    }

    /// The CSRF value a page embeds: the one the browser already holds, or a new one set with
    /// the page.
    static func csrfToken(_ request: Request, secure: Bool) -> (String, [String]) {
        if let held = ReviewHTTP.cookie(csrfCookie, in: request), held.count >= 32 { return (held, []) }
        let fresh = Secret.random()
        return (fresh, [ReviewHTTP.cookie(csrfCookie, fresh, secure: secure)])
    }

    /// The form's CSRF value when it matches the cookie sent with it (double submit).
    static func checkedCSRF(_ request: Request, _ form: [String: String]) -> String? {
        guard let held = ReviewHTTP.cookie(csrfCookie, in: request), let sent = form["csrf"], held.count >= 32, Secret.constantTimeEqual(held, sent) else { return nil }
        return held
    }

    static func trimmed(_ value: String?) -> String { (value ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }

    static func signerPage(
        _ signer: Signatory, token: String, campaign: ReviewCampaign, csrf: String, notice: String? = nil, problem: String? = nil, since: String? = nil
    ) async -> String {
        let report = await campaign.report()
        let row = report.rows.first { $0.signer.id == signer.id }
        let signOff = await campaign.signOff
        var redline = await campaign.redline(for: row)
        // A decision refused as stale shows what changed since the version its page showed.
        if let since, let version = signOff.store.resolve(since), version != signOff.draft.version, let diff = await campaign.redline(from: version) {
            redline = (diff, version)
        }
        return ReviewPages.signer(
            signer, token: token, signOff: signOff, letter: await campaign.rendered.letter, row: row, approvers: report.approvers, redline: redline, csrf: csrf,
            notice: notice, problem: problem)
    }

    static func dashboard(
        _ campaign: ReviewCampaign, csrf: String, notice: String? = nil, problem: String? = nil, status: SignerReport.Kind? = nil, query: String = ""
    ) async throws -> String {
        let (dashboard, byDay) = await campaign.dashboard(status: status, query: query)
        return ReviewPages.dashboard(
            await campaign.signOff, dashboard: dashboard, byDay: byDay, newcomers: try campaign.store.pendingNewcomers(),
            corrections: try campaign.store.pendingCorrections(), csrf: csrf, notice: notice, problem: problem)
    }

    /// A dashboard form: only for the lead, with a CSRF value; `act` returns a problem to show
    /// or nil, and the lead returns to the dashboard.
    static func leadAction(_ request: Request, campaign: ReviewCampaign, _ act: ([String: String]) async throws -> String?) async throws -> Response {
        guard await campaign.isLead(session: ReviewHTTP.cookie(sessionCookie, in: request)) else { return ReviewHTTP.redirect("/lead") }
        guard let form = await ReviewHTTP.form(request) else { return tooLarge }
        guard let csrf = checkedCSRF(request, form) else { return forbidden }
        do {
            if let problem = try await act(form) { return ReviewHTTP.html(.badRequest, try await dashboard(campaign, csrf: csrf, problem: problem)) }
        } catch {
            return ReviewHTTP.html(.ok, try await dashboard(campaign, csrf: csrf, problem: "\(error)"))
        }
        return ReviewHTTP.redirect("/lead")
    }
}
