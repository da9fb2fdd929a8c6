import DocketKit
import DocketLibrary
import DocketModel
import DocketRender
import DocketReview
import DocketSupport
import Foundation
import Mustache

/// The review server's pages: Mustache templates (`Templates/*.mustache`, HTML-escaping every
/// `{{value}}`) filled from plain values. Only HTML this project rendered itself (the letter,
/// the redline) goes in unescaped, through `{{{…}}}`. The pages carry no script; their one
/// stylesheet is served by the server.
enum ReviewPages {
    /// The templates, parsed once. A template that does not parse is a build defect, which the
    /// route tests catch on the first page they ask for.
    static let library: MustacheLibrary = {
        var library = MustacheLibrary()
        let folder = Bundle.module.resourceURL!.appendingPathComponent("Templates")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        for name in names where name.hasSuffix(".mustache") {
            guard let text = try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8) else { continue }
            try? library.register(text, named: String(name.dropLast(".mustache".count)))
        }
        return library
    }()

    /// `template` filled from `view`; each page template extends `layout`, so a page is
    /// rendered in one pass.
    static func page(_ template: String, _ view: Any) -> String {
        library.render(view, withTemplate: template) ?? ""
    }

    /// The stylesheet: the letter's own, the redline's, and the page around them.
    static func stylesheet(letter: String) -> String { letter + RedlineRenderer.styles + pageStyle }

    private static let pageStyle = """
        .review { font-family: system-ui, sans-serif; font-size: 1rem; }
        .review form { margin: 1rem 0 2rem; }
        .review fieldset { border: 1px solid #767676; padding: 0.5rem 1rem; }
        .review label { display: block; margin: 0.5rem 0 0.25rem; }
        .review fieldset label { display: inline; margin-right: 1.5rem; }
        .review input[type=text], .review input[type=email], .review input[type=password], .review textarea { width: 100%; max-width: 32rem; font-size: 1rem; padding: 0.4rem; border: 1px solid #767676; }
        .review button { font-size: 1rem; padding: 0.5rem 1.25rem; margin-top: 0.75rem; background: #0b4f8a; color: #fff; border: 0; border-radius: 3px; }
        .review .notice { background: #e7f4ea; border-left: 4px solid #00611c; padding: 0.5rem 1rem; }
        .review .problem { background: #fbeaea; border-left: 4px solid #a40000; padding: 0.5rem 1rem; }
        .review table { border-collapse: collapse; }
        .review th, .review td { border: 1px solid #767676; padding: 0.3rem 0.6rem; text-align: left; vertical-align: top; }
        .review progress { width: 100%; max-width: 32rem; height: 1.25rem; }
        .review .filters { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; }
        .review a[aria-current] { font-weight: bold; }
        .letter { border-top: 2px solid #111; margin-top: 2rem; padding-top: 1rem; }
        .review details > summary { cursor: pointer; }
        .review details > summary h2 { display: inline; }
        .review details { margin: 1rem 0; }

        """

    /// The composed letter set inside a page, from the renderer's embedded pieces.
    static func letter(_ page: HTMLRenderer.Page) -> String {
        "<section class=\"letter\" aria-label=\"The letter\">\n\(page.header)<div class=\"letter-body\">\n\(page.content)</div>\n<div class=\"draft-version\">\(page.stamp)</div>\n</section>\n"
    }

    /// Notices and problems every page can show.
    struct Messages {
        var notice: String?
        var problem: String?
    }

    // MARK: The signer

    // The signer's page is the one every signer opens, so its values answer the template by
    // name (`MustacheParent`) rather than through `Mirror`, which reflects every field on every
    // lookup and was half the page's time.
    struct SignerView: MustacheParent {
        struct Changes: MustacheParent {
            var from: String
            var redline: String
            var letter: String
            var version: String

            func child(named name: String) -> Any? {
                switch name {
                case "from": from
                case "redline": redline
                case "letter": letter
                case "version": version
                default: nil
                }
            }
        }

        struct Signed: MustacheParent {
            var summary: String
            var names: [String]

            func child(named name: String) -> Any? {
                switch name {
                case "summary": summary
                case "names": names
                default: nil
                }
            }
        }

        var title: String
        var coalition: String
        var organization: String
        var city: String
        var state: String
        var docketID: String?
        var notice: String?
        var problem: String?
        var respondBy: String?
        var commentsClose: String?
        var ask: String
        var request: String?
        var changes: Changes?
        var letter: String
        var version: String
        var fullVersion: String
        var token: String
        var csrf: String
        var signed: Signed?

        func child(named name: String) -> Any? {
            switch name {
            case "title": title
            case "coalition": coalition
            case "organization": organization
            case "city": city
            case "state": state
            case "docketID": docketID as Any?
            case "notice": notice as Any?
            case "problem": problem as Any?
            case "respondBy": respondBy as Any?
            case "commentsClose": commentsClose as Any?
            case "ask": ask
            case "request": request as Any?
            case "changes": changes as Any?
            case "letter": letter
            case "version": version
            case "fullVersion": fullVersion
            case "token": token
            case "csrf": csrf
            case "signed": signed as Any?
            default: nil
            }
        }
    }

    /// The signer's page, in the order a signer reads it: what the letter is and who asks; what
    /// is asked and by when; what changed since their last decision; the changes or the whole
    /// letter; their decision; then who has signed, collapsed behind its count, and how their
    /// organization is listed.
    static func signer(_ request: ReviewRequest, letter: String, approvers: [Signatory], token: String, csrf: String, messages: Messages = .init()) -> String {
        let version = request.version
        let view = SignerView(
            title: request.title, coalition: request.coalition, organization: request.signer.organization, city: request.signer.city ?? "",
            state: request.signer.state ?? "", docketID: request.docketID, notice: messages.notice, problem: messages.problem,
            respondBy: request.respondBy?.longForm, commentsClose: request.commentsClose.map(CommentPeriod.eastern), ask: request.ask, request: request.request,
            changes: request.changes.map { SignerView.Changes(from: $0.from.short, redline: RedlineRenderer.section($0.redline), letter: letter, version: version.short) },
            letter: letter, version: version.short, fullVersion: version.description, token: token, csrf: csrf,
            signed: approvers.isEmpty
                ? nil
                : SignerView.Signed(
                    summary: "\(Wording.count(approvers.count, "organization")) \(approvers.count == 1 ? "has" : "have") approved this version", names: approvers.map(\.organization)))
        return page("signer", view)
    }

    // MARK: Open sign-on

    struct JoinView {
        var title: String
        var notice: String?
        var problem: String?
        var csrf: String
        var version: String
        var fullVersion: String
        var letter: String
    }

    /// The public sign-on form, with the text it signs.
    static func join(_ signOff: SignOff, letter: String, csrf: String, messages: Messages = .init()) -> String {
        let title = signOff.draft.document.header.title
        let version = signOff.draft.version
        let view = JoinView(
            title: title, notice: messages.notice, problem: messages.problem, csrf: csrf, version: version.short, fullVersion: version.description, letter: letter)
        return page("join", view)
    }

    // MARK: The lead

    struct LoginView {
        var csrf: String
        var notice: String?
        var problem: String?
    }

    static func login(csrf: String, problem: String? = nil) -> String {
        page("login", LoginView(csrf: csrf, notice: nil, problem: problem))
    }

    struct DashboardView {
        struct Filter {
            var href: String
            var label: String
            var count: Int
            var current: Bool
        }

        struct Row {
            var key: String
            var organization: String
            var label: String
            var version: String
            var comment: String
        }

        struct Newcomer {
            var id: Int64
            var organization: String
            var place: String
            var contactName: String
            var contactEmail: String
            var version: String
            var similar: String?
        }

        struct Correction {
            var id: Int64
            var signer: String
            var listing: String
        }

        struct Chart {
            var summary: String
            var baseline: String
            var baselineLabel: String
            var top: String
            var topLabel: String
            var total: Int
            var points: String
            var firstDay: String
            var lastDay: String
        }

        var title: String
        var notice: String?
        var problem: String?
        var approved: Int
        var total: Int
        var progressMax: Int
        var version: String
        var counts: String
        var chart: Chart?
        var filters: [Filter]
        var status: String?
        var query: String
        var shown: String
        var rows: [Row]
        var newcomers: [Newcomer]
        var corrections: [Correction]
        var csrf: String
    }

    /// The lead's dashboard: progress at a glance, the signers who need the lead first (with
    /// filters and a search that work as plain links and a GET form), approvals over time, the
    /// queue of newcomers and corrections, and publishing.
    static func dashboard(
        _ signOff: SignOff, dashboard: LeadDashboard, byDay: [(day: CalendarDate, total: Int)], newcomers: [SignOnStore.Newcomer], corrections: [SignOnStore.Correction],
        csrf: String, messages: Messages = .init()
    ) -> String {
        let report = dashboard.report
        let (approved, total) = dashboard.progress
        let counts = Dictionary(uniqueKeysWithValues: report.counts.map { ($0.kind, $0.count) })
        let filters =
            [DashboardView.Filter(href: "/lead#signers", label: "All", count: report.rows.count, current: dashboard.status == nil)]
            + LeadDashboard.attentionOrder.map { kind in
                DashboardView.Filter(
                    href: "/lead?status=\(kind.rawValue)#signers", label: kind.label.prefix(1).uppercased() + kind.label.dropFirst(), count: counts[kind] ?? 0,
                    current: dashboard.status == kind)
            }
        let roster = signOff.signatories.map(\.organization)
        let title = signOff.draft.document.header.title
        let view = DashboardView(
            title: title, notice: messages.notice, problem: messages.problem, approved: approved, total: total, progressMax: max(total, 1), version: report.version.short,
            counts: report.countsLine, chart: chart(byDay, total: total), filters: filters, status: dashboard.status?.rawValue, query: dashboard.query,
            shown: Wording.count(dashboard.rows.count, "signer"),
            rows: dashboard.rows.map { row in
                DashboardView.Row(
                    key: row.status.kind.rawValue, organization: row.signer.organization, label: row.status.kind.label, version: row.decision?.version.short ?? "",
                    comment: row.decision?.comment ?? "")
            },
            newcomers: newcomers.map { newcomer in
                DashboardView.Newcomer(
                    id: newcomer.id ?? 0, organization: newcomer.organization, place: [newcomer.city, newcomer.state].filter { !$0.isEmpty }.joined(separator: ", "),
                    contactName: newcomer.contactName, contactEmail: newcomer.contactEmail, version: String(newcomer.version.dropFirst(7).prefix(12)),
                    similar: LeadDashboard.similarOrganization(to: newcomer.organization, in: roster))
            },
            corrections: corrections.map { correction in
                DashboardView.Correction(
                    id: correction.id ?? 0, signer: correction.signer,
                    listing: [correction.organization, correction.city, correction.state].filter { !$0.isEmpty }.joined(separator: ", "))
            },
            csrf: csrf)
        return page("dashboard", view)
    }

    /// Approvals of the current version by day as a step line, its numbers in the caption and
    /// the label, so a screen reader gets what the chart shows.
    static func chart(_ byDay: [(day: CalendarDate, total: Int)], total: Int) -> DashboardView.Chart? {
        guard let first = byDay.first, let last = byDay.last else { return nil }
        let days = max(1, last.day.daysSince1970 - first.day.daysSince1970)
        func x(_ day: CalendarDate) -> Int { 40 + 420 * (day.daysSince1970 - first.day.daysSince1970) / days }
        func y(_ count: Int) -> Int { 100 - 80 * count / max(total, 1) }
        let points = ["\(x(first.day)),\(y(0))"] + byDay.map { "\(x($0.day)),\(y($0.total))" }
        return DashboardView.Chart(
            summary: "\(last.total) of \(total) approved by \(last.day.longForm), from \(first.total) on \(first.day.longForm)", baseline: "\(y(0))",
            baselineLabel: "\(y(0) + 4)", top: "\(y(total))", topLabel: "\(y(total) + 4)", total: total, points: points.joined(separator: " "),
            firstDay: first.day.description, lastDay: last.day.description)
    }

    struct PublishView {
        var unchanged: Bool
        var current: String
        var next: String
        var nextFull: String
        var changed: String
        var stale: String
        var csrf: String
    }

    static func publishPreview(current: DraftVersion, next: DraftVersion, stale: Int, changed: Int, csrf: String) -> String {
        let view = PublishView(
            unchanged: next == current, current: current.short, next: next.short, nextFull: next.description, changed: Wording.count(changed, "paragraph"),
            stale: Wording.count(stale, "approval"), csrf: csrf)
        return page("publish", view)
    }
}
