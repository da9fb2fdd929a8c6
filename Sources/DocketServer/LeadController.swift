import DocketKit
import DocketModel
import DocketReview
import Foundation
import Hummingbird

/// `/lead`: the coalition lead's dashboard, behind the lead's token. Logging in and the login
/// page are open; every other route is behind `RequireLead`.
struct LeadController {
    static let sessionCookie = "docket_lead"
    let campaign: ReviewCampaign
    let secure: Bool

    func addRoutes(to group: RouterGroup<ReviewContext>) {
        group.get(use: dashboard)
        group.post("login", use: logIn)
        group.post("logout", use: logOut)
        let lead = group.group().add(middleware: RequireLead(campaign: campaign))
        lead.get("signers.csv", use: signersCSV)
        lead.post("newcomers/:id", use: resolveNewcomer)
        lead.post("corrections/:id", use: resolveCorrection)
        lead.post("publish", use: preview)
        lead.post("publish/confirm", use: publish)
    }

    /// Sends anyone without a live lead session to the login page.
    struct RequireLead: RouterMiddleware {
        let campaign: ReviewCampaign

        func handle(_ request: Request, context: ReviewContext, next: (Request, ReviewContext) async throws -> Response) async throws -> Response {
            guard await campaign.isLead(session: request.cookies[LeadController.sessionCookie]?.value) else { return ReviewHTTP.redirect("/lead") }
            return try await next(request, context)
        }
    }

    @Sendable func dashboard(_ request: Request, context: ReviewContext) async throws -> Response {
        guard await campaign.isLead(session: request.cookies[Self.sessionCookie]?.value) else { return ReviewHTTP.html(.ok, ReviewPages.login(csrf: context.csrf)) }
        let notice = request.uri.queryParameters.get("published").map { "Version \($0) is now the one signers see." }
        let status = request.uri.queryParameters.get("status").flatMap(SignerReport.Kind.init(rawValue:))
        let query = String((request.uri.queryParameters.get("q") ?? "").prefix(200))
        return ReviewHTTP.html(.ok, try await page(context, messages: .init(notice: notice), status: status, query: query))
    }

    @Sendable func logIn(_ request: Request, context: ReviewContext) async throws -> Response {
        guard await !campaign.isLimited(context.address) else { return ReviewServer.tooMany }
        let form = try await ReviewHTTP.form(LoginForm.self, request)
        guard let session = await campaign.logIn(presented: form.token ?? "", from: context.address) else {
            return ReviewHTTP.html(.unauthorized, ReviewPages.login(csrf: context.csrf, problem: "That token is not the lead's."))
        }
        return ReviewHTTP.redirect("/lead", cookies: [ReviewHTTP.cookie(Self.sessionCookie, session, secure: secure, maxAge: Int(ReviewCampaign.sessionLength))])
    }

    @Sendable func logOut(_ request: Request, context: ReviewContext) async throws -> Response {
        await campaign.logOut(session: request.cookies[Self.sessionCookie]?.value)
        return ReviewHTTP.redirect("/lead", cookies: [ReviewHTTP.cookie(Self.sessionCookie, "", secure: secure, maxAge: 0)])
    }

    @Sendable func signersCSV(_ request: Request, context: ReviewContext) async throws -> Response {
        let (dashboard, _) = await campaign.dashboard(status: nil, query: "")
        return Response(
            status: .ok, headers: [.contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"signers.csv\"", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: LeadDashboard.csv(dashboard.rows))))
    }

    @Sendable func resolveNewcomer(_ request: Request, context: ReviewContext) async throws -> Response {
        let form = try await ReviewHTTP.form(ActionForm.self, request)
        guard let id = context.parameters.get("id").flatMap(Int64.init) else { return ReviewHTTP.html(.badRequest, try await page(context, messages: .init(problem: "No such request."))) }
        return try await act(context) { try await campaign.resolveNewcomer(id, accept: form.action == "accept") }
    }

    @Sendable func resolveCorrection(_ request: Request, context: ReviewContext) async throws -> Response {
        let form = try await ReviewHTTP.form(ActionForm.self, request)
        guard let id = context.parameters.get("id").flatMap(Int64.init) else { return ReviewHTTP.html(.badRequest, try await page(context, messages: .init(problem: "No such correction."))) }
        return try await act(context) { try await campaign.resolveCorrection(id, accept: form.action == "accept") }
    }

    @Sendable func preview(_ request: Request, context: ReviewContext) async throws -> Response {
        do {
            let preview = try await campaign.previewPublish()
            let current = await campaign.signOff.draft.version
            return ReviewHTTP.html(
                .ok, ReviewPages.publishPreview(current: current, next: preview.version, stale: preview.staleApprovals, changed: preview.changedParagraphs, csrf: context.csrf))
        } catch {
            return ReviewHTTP.html(.ok, try await page(context, messages: .init(problem: "The files do not compose: \(error)")))
        }
    }

    @Sendable func publish(_ request: Request, context: ReviewContext) async throws -> Response {
        let form = try await ReviewHTTP.form(PublishForm.self, request)
        do {
            let version = try await campaign.publish(expected: form.version ?? "")
            return ReviewHTTP.redirect("/lead?published=\(version.short)")
        } catch {
            guard case .staleVersion = error else { return ReviewHTTP.html(.ok, try await page(context, messages: .init(problem: "Not published: \(error)"))) }
            return ReviewHTTP.html(.conflict, try await page(context, messages: .init(problem: "The files changed again since the preview; preview again.")))
        }
    }

    /// A lead's action on the queue; the lead returns to the dashboard, or sees what failed.
    func act(_ context: ReviewContext, _ action: () async throws -> Void) async throws -> Response {
        do {
            try await action()
        } catch {
            return ReviewHTTP.html(.ok, try await page(context, messages: .init(problem: "\(error)")))
        }
        return ReviewHTTP.redirect("/lead")
    }

    func page(_ context: ReviewContext, messages: ReviewPages.Messages, status: SignerReport.Kind? = nil, query: String = "") async throws -> String {
        let (dashboard, byDay) = await campaign.dashboard(status: status, query: query)
        return ReviewPages.dashboard(
            await campaign.signOff, dashboard: dashboard, byDay: byDay, newcomers: try await campaign.store.pendingNewcomers(),
            corrections: try await campaign.store.pendingCorrections(), csrf: context.csrf, messages: messages)
    }
}
