import DocketKit
import DocketModel
import Foundation
import Hummingbird

/// `/s/<link>`: a signer's page, their decision and their proposed listing. A link's secret
/// names one signer; an unknown one counts against the address it came from.
struct SignerController {
    let campaign: ReviewCampaign

    func addRoutes(to group: RouterGroup<ReviewContext>) {
        group.get(":token", use: page)
        group.post(":token/decision", use: decide)
        group.post(":token/listing", use: propose)
    }

    /// The signer a link names; an unknown secret counts against the address, and an address
    /// past its limit learns nothing more, valid link or not.
    func signer(_ context: ReviewContext) async throws -> (Signatory, token: String) {
        guard await !campaign.isLimited(context.address) else { throw HTTPError(.tooManyRequests, message: "Too many wrong links from this address; wait a minute.") }
        let token = context.parameters.get("token") ?? ""
        if let signer = try await campaign.signer(forToken: token) { return (signer, token) }
        await campaign.recordFailure(from: context.address)
        throw HTTPError(.notFound, message: "Not found.")
    }

    @Sendable func page(_ request: Request, context: ReviewContext) async throws -> Response {
        let (signer, token) = try await signer(context)
        let notice =
            request.uri.queryParameters.get("saved").map { _ in "Your decision is saved." }
            ?? request.uri.queryParameters.get("listed").map { _ in "Your proposed listing is saved; the coalition will confirm it." }
        guard notice == nil else { return ReviewHTTP.html(.ok, await render(signer, token: token, context: context, messages: .init(notice: notice))) }
        let pieces = await campaign.signerPage(for: signer, token: token, slot: Self.csrfSlot) { request, approvers, letter, slot in
            ReviewPages.signer(request, letter: letter, approvers: approvers, token: token, csrf: slot)
        }
        return ReviewHTTP.html(.ok, pieces.joined(separator: context.csrf))
    }

    /// Stands where a cached page's CSRF value goes: random per process, so no text the page
    /// shows can contain it.
    static let csrfSlot = "csrf-slot-" + Secret.random()

    @Sendable func decide(_ request: Request, context: ReviewContext) async throws -> Response {
        let (signer, token) = try await signer(context)
        let form = try await ReviewHTTP.form(DecisionForm.self, request)
        guard let decision = form.decision.flatMap(Approval.Decision.init(rawValue:)) else {
            return ReviewHTTP.html(.badRequest, await render(signer, token: token, context: context, messages: .init(problem: "Choose approve, request changes or decline.")))
        }
        let comment = form.comment.trimmed
        do {
            _ = try await campaign.decide(signer.id, decision: decision, onVersion: form.version ?? "", comment: comment.isEmpty ? nil : comment)
            return ReviewHTTP.redirect("/s/\(token)?saved=1")
        } catch {
            switch error {
            case .staleVersion(let current):
                let problem = "The letter changed while you were reading it: nothing was recorded. Review what changed below and decide on version \(current.short)."
                let shown = await campaign.signOff.store.resolve(form.version ?? "")
                return ReviewHTTP.html(.conflict, await render(signer, token: token, context: context, messages: .init(problem: problem), shown: shown))
            case .invalid(let why):
                return ReviewHTTP.html(.badRequest, await render(signer, token: token, context: context, messages: .init(problem: why)))
            case .failed:
                return ReviewHTTP.text(.internalServerError, "The decision could not be saved; nothing was recorded.")
            }
        }
    }

    @Sendable func propose(_ request: Request, context: ReviewContext) async throws -> Response {
        let (signer, token) = try await signer(context)
        let form = try await ReviewHTTP.form(ListingForm.self, request)
        do {
            try await campaign.proposeCorrection(signer: signer.id, organization: form.organization.trimmed, city: form.city.trimmed, state: form.state.trimmed)
            return ReviewHTTP.redirect("/s/\(token)?listed=1")
        } catch {
            guard case .invalid(let why) = error else { return ReviewHTTP.text(.internalServerError, "The listing could not be saved.") }
            return ReviewHTTP.html(.badRequest, await render(signer, token: token, context: context, messages: .init(problem: why)))
        }
    }

    func render(_ signer: Signatory, token: String, context: ReviewContext, messages: ReviewPages.Messages, shown: DraftVersion? = nil) async -> String {
        let (request, approvers) = await campaign.reviewRequest(for: signer, shown: shown)
        return ReviewPages.signer(request, letter: await campaign.rendered.letter, approvers: approvers, token: token, csrf: context.csrf, messages: messages)
    }
}

/// `/join`: the public sign-on form, when the plan opens one.
struct SignOnController {
    let campaign: ReviewCampaign

    func addRoutes(to group: RouterGroup<ReviewContext>) {
        group.get(use: page)
        group.post(use: join)
    }

    @Sendable func page(_ request: Request, context: ReviewContext) async throws -> Response {
        guard await campaign.isOpenSignOn else { return ReviewServer.notFound }
        let notice = request.uri.queryParameters.get("thanks").map { _ in "Thank you: your request is saved. The coalition will review it before your organization is listed." }
        return ReviewHTTP.html(.ok, ReviewPages.join(await campaign.signOff, letter: await campaign.rendered.letter, csrf: context.csrf, messages: .init(notice: notice)))
    }

    @Sendable func join(_ request: Request, context: ReviewContext) async throws -> Response {
        guard await campaign.isOpenSignOn else { return ReviewServer.notFound }
        guard await campaign.admitJoin(from: context.address) else {
            return ReviewHTTP.text(.tooManyRequests, "Too many sign-on requests from this address; wait ten minutes.")
        }
        let form = try await ReviewHTTP.form(JoinForm.self, request)
        do {
            try await campaign.join(
                organization: form.organization.trimmed, city: form.city.trimmed, state: form.state.trimmed, contactName: form.contactName.trimmed,
                contactEmail: form.contactEmail.trimmed, version: form.version ?? "")
            return ReviewHTTP.redirect("/join?thanks=1")
        } catch {
            let problem: String
            switch error {
            case .staleVersion: problem = "The letter changed while you were reading it. Read the new version and sign again."
            case .invalid(let why): problem = why
            case .failed: return ReviewHTTP.text(.internalServerError, "The request could not be saved.")
            }
            let status: HTTPResponse.Status = if case .staleVersion = error { .conflict } else { .badRequest }
            return ReviewHTTP.html(status, ReviewPages.join(await campaign.signOff, letter: await campaign.rendered.letter, csrf: context.csrf, messages: .init(problem: problem)))
        }
    }
}
