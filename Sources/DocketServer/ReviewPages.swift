import DocketKit
import DocketLibrary
import DocketModel
import DocketReview
import DocketSupport
import Foundation

/// The review server's pages. Every value a person typed or a file holds goes through
/// `XML.escape`; the pages carry no script, and their one stylesheet is served by the server.
enum ReviewPages {
    /// The stylesheet: the letter's own, the redline's, and the page around them.
    static func stylesheet(_ html: String) -> String {
        let letter = html.range(of: "<style>\n").flatMap { start in
            html.range(of: "</style>", range: start.upperBound..<html.endIndex).map { html[start.upperBound..<$0.lowerBound] }
        }
        return String(letter ?? "") + RedlineRenderer.styles + page
    }

    private static let page = """
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

    static func shell(title: String, _ body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(XML.escape(title))</title>
        <link rel="stylesheet" href="/assets/docket.css">
        </head>
        <body class="review">
        <main>
        \(body)</main>
        </body>
        </html>

        """
    }

    /// The composed letter, set inside a page: its own landmarks become plain sections.
    static func letter(_ html: String) -> String {
        guard let start = html.range(of: "<body>\n"), let end = html.range(of: "</body>") else { return "" }
        let body = html[start.upperBound..<end.lowerBound]
            .replacingOccurrences(of: "<main>", with: "<div class=\"letter-body\">").replacingOccurrences(of: "</main>", with: "</div>")
            .replacingOccurrences(of: "<header class=\"document-header\">", with: "<div class=\"document-header\">")
            .replacingOccurrences(of: "</header>", with: "</div>")
            .replacingOccurrences(of: "<footer class=\"draft-version\">", with: "<div class=\"draft-version\">").replacingOccurrences(of: "</footer>", with: "</div>")
            // The page has its own h1; the letter's title is the section's heading.
            .replacingOccurrences(of: "<h1>", with: "<h2 class=\"letter-title\">").replacingOccurrences(of: "</h1>", with: "</h2>")
        return "<section class=\"letter\" aria-label=\"The letter\">\n\(body)</section>\n"
    }

    static func hidden(_ name: String, _ value: String) -> String {
        "<input type=\"hidden\" name=\"\(name)\" value=\"\(XML.escape(value))\">"
    }

    /// The signer's page, in the order a signer reads it: what the letter is and who asks; what
    /// is asked and by when; what changed since their last decision; the changes or the whole
    /// letter; their decision; then who has signed, collapsed behind its count, and how their
    /// organization is listed.
    static func signer(
        _ signer: Signatory, token: String, signOff: SignOff, letter: String, row: SignerReport.Row?, approvers: [Signatory], redline: (redline: Redline, from: DraftVersion)?,
        csrf: String, notice: String? = nil, problem: String? = nil
    ) -> String {
        let e = XML.escape
        let version = signOff.draft.version
        let header = signOff.draft.document.header
        var body = "<h1>\(e(header.title))</h1>\n"
        let coalition = header.from ?? "The coalition"
        let docket = header.docketID.map { " on docket <code>\(e($0))</code>" } ?? ""
        body += "<p class=\"asker\">\(e(coalition)) asks <strong>\(e(signer.organization))</strong> to review this letter\(docket).</p>\n"
        if let notice { body += "<p class=\"notice\" role=\"status\">\(e(notice))</p>\n" }
        if let problem { body += "<p class=\"problem\" role=\"alert\">\(e(problem))</p>\n" }
        body += "<h2 id=\"asked\">What we ask</h2>\n<ul class=\"asked\">\n"
        if let respondBy = Invitations.defaultRespondBy(signOff.draft) {
            body += "<li>Please answer by <strong>\(e(respondBy.longForm))</strong>.</li>\n"
        }
        if let close = signOff.draft.docket?.commentsClose?.value {
            body += "<li>The comment period closes \(e(CommentPeriod.eastern(close))).</li>\n"
        }
        body += "</ul>\n"
        let changed = redline?.redline.changedParagraphCount
        body += "<p class=\"since\">\(e(SignOff.ask(for: row?.status ?? .pending, version: version, changed: changed)))</p>\n"
        if case .requestedChanges? = row?.status, let comment = row?.decision?.comment {
            body += "<h2>Your request</h2>\n<blockquote class=\"your-comment\"><p>\(e(comment))</p></blockquote>\n"
        }
        // The changes open and the whole letter closed when there is something to compare;
        // both are plain <details>, so the page needs no script to switch.
        if let redline {
            body += """
                <details class="changes" open>
                <summary><h2>What changed since version <code>\(redline.from.short)</code></h2></summary>
                \(RedlineRenderer.section(redline.redline))</details>
                <details class="whole-letter">
                <summary><h2>The whole letter, version <code>\(version.short)</code></h2></summary>
                \(letter)</details>

                """
        } else {
            body += letter
        }
        body += """
            <h2 id="decide">Your decision on version <code>\(version.short)</code></h2>
            <form method="post" action="/s/\(e(token))/decision" aria-labelledby="decide">
            \(hidden("csrf", csrf))
            \(hidden("version", version.description))
            <fieldset>
            <legend>Decision</legend>
            <input type="radio" id="approve" name="decision" value="approve" required><label for="approve">Approve this version</label>
            <input type="radio" id="request-changes" name="decision" value="request-changes"><label for="request-changes">Request changes</label>
            <input type="radio" id="decline" name="decision" value="decline"><label for="decline">Decline</label>
            </fieldset>
            <label for="comment">Comment (needed to request changes)</label>
            <textarea id="comment" name="comment" rows="4" maxlength="4000"></textarea>
            <button type="submit">Send decision</button>
            </form>

            """
        if approvers.isEmpty {
            body += "<p class=\"signed-count\">No organization has approved this version yet.</p>\n"
        } else {
            body += "<details class=\"signed\">\n<summary>\(Wording.count(approvers.count, "organization")) \(approvers.count == 1 ? "has" : "have") approved this version</summary>\n<ul>\n"
            body += approvers.map { "<li>\(e($0.organization))</li>\n" }.joined() + "</ul>\n</details>\n"
        }
        body += """
            <h2 id="listing">How your organization is listed</h2>
            <p>Only the name, city and state are published. A change waits for the coalition to confirm it.</p>
            <form method="post" action="/s/\(e(token))/listing" aria-labelledby="listing">
            \(hidden("csrf", csrf))
            <label for="organization">Organization</label><input type="text" id="organization" name="organization" value="\(e(signer.organization))" required maxlength="200">
            <label for="city">City</label><input type="text" id="city" name="city" value="\(e(signer.city ?? ""))" maxlength="100">
            <label for="state">State</label><input type="text" id="state" name="state" value="\(e(signer.state ?? ""))" maxlength="100">
            <button type="submit">Propose this listing</button>
            </form>

            """
        return shell(title: "Review: \(header.title)", body)
    }

    /// The public sign-on form, with the text it signs.
    static func join(_ signOff: SignOff, letter: String, csrf: String, notice: String? = nil, problem: String? = nil) -> String {
        var body = "<h1>Sign: \(XML.escape(signOff.draft.document.header.title))</h1>\n"
        if let notice { body += "<p class=\"notice\" role=\"status\">\(XML.escape(notice))</p>\n" }
        if let problem { body += "<p class=\"problem\" role=\"alert\">\(XML.escape(problem))</p>\n" }
        body += """
            <p>Read the letter below. To add your organization, fill in this form: the coalition reviews each request before the organization is listed. Only the organization's name, city and state are published.</p>
            <form method="post" action="/join" aria-label="Sign the letter">
            \(hidden("csrf", csrf))
            \(hidden("version", signOff.draft.version.description))
            <label for="organization">Organization</label><input type="text" id="organization" name="organization" required maxlength="200">
            <label for="city">City</label><input type="text" id="city" name="city" maxlength="100">
            <label for="state">State</label><input type="text" id="state" name="state" maxlength="100">
            <label for="contact_name">Contact name (not published)</label><input type="text" id="contact_name" name="contact_name" required maxlength="200">
            <label for="contact_email">Contact email (not published)</label><input type="email" id="contact_email" name="contact_email" required maxlength="200">
            <button type="submit">Approve version \(signOff.draft.version.short) and ask to sign</button>
            </form>

            """
        body += letter
        return shell(title: "Sign: \(signOff.draft.document.header.title)", body)
    }

    static func login(csrf: String, problem: String? = nil) -> String {
        var body = "<h1>Coalition lead</h1>\n"
        if let problem { body += "<p class=\"problem\" role=\"alert\">\(XML.escape(problem))</p>\n" }
        body += """
            <form method="post" action="/lead/login" aria-label="Log in">
            \(hidden("csrf", csrf))
            <label for="token">Lead token</label><input type="password" id="token" name="token" required autocomplete="current-password">
            <button type="submit">Log in</button>
            </form>

            """
        return shell(title: "Coalition lead: log in", body)
    }

    /// The lead's dashboard: progress at a glance, the signers who need the lead first (with
    /// filters and a search that work as plain links and a GET form), approvals over time, the
    /// queue of newcomers and corrections, and publishing.
    static func dashboard(
        _ signOff: SignOff, dashboard: LeadDashboard, byDay: [(day: CalendarDate, total: Int)], newcomers: [SignOnStore.Newcomer], corrections: [SignOnStore.Correction],
        csrf: String, notice: String? = nil, problem: String? = nil
    ) -> String {
        let e = XML.escape
        let report = dashboard.report
        var body = "<h1>\(e(signOff.draft.document.header.title))</h1>\n"
        if let notice { body += "<p class=\"notice\" role=\"status\">\(e(notice))</p>\n" }
        if let problem { body += "<p class=\"problem\" role=\"alert\">\(e(problem))</p>\n" }
        let (approved, total) = dashboard.progress
        body += """
            <p><label for="progress">\(approved) of \(total) approved version <code>\(report.version.short)</code></label>
            <progress id="progress" max="\(max(total, 1))" value="\(approved)">\(approved) of \(total)</progress></p>
            <p>\(e(report.countsLine)).</p>

            """
        body += timeline(byDay, total: total)
        body += "<h2 id=\"signers\">Signers</h2>\n<nav aria-label=\"Filter signers by status\"><ul class=\"filters\">\n"
        let counts = Dictionary(uniqueKeysWithValues: report.counts.map { ($0.kind, $0.count) })
        let all = dashboard.status == nil
        body += "<li><a href=\"/lead#signers\"\(all ? " aria-current=\"page\"" : "")>All (\(report.rows.count))</a></li>\n"
        for kind in LeadDashboard.attentionOrder {
            let current = dashboard.status == kind ? " aria-current=\"page\"" : ""
            body += "<li><a href=\"/lead?status=\(kind.rawValue)#signers\"\(current)>\(e(kind.label.prefix(1).uppercased() + kind.label.dropFirst())) (\(counts[kind] ?? 0))</a></li>\n"
        }
        body += "</ul></nav>\n"
        body += """
            <form method="get" action="/lead" role="search" aria-label="Search signers">
            \(dashboard.status.map { hidden("status", $0.rawValue) } ?? "")
            <label for="q">Organization name contains</label><input type="text" id="q" name="q" value="\(e(dashboard.query))">
            <button type="submit">Search</button>
            </form>
            <p><a href="/lead/signers.csv" download>Download this table as CSV</a> (every signer, no contact details)</p>

            """
        body += "<p class=\"shown\">Showing \(Wording.count(dashboard.rows.count, "signer")), those needing you first.</p>\n"
        body +=
            "<table class=\"signers\">\n<thead><tr><th scope=\"col\">Organization</th><th scope=\"col\">Status</th><th scope=\"col\">Version</th><th scope=\"col\">Comment</th></tr></thead>\n<tbody>\n"
        for row in dashboard.rows {
            body +=
                "<tr data-status=\"\(row.status.kind.rawValue)\"><td>\(e(row.signer.organization))</td><td>\(row.status.kind.label)</td><td><code>\(row.decision?.version.short ?? "")</code></td><td>\(e(row.decision?.comment ?? ""))</td></tr>\n"
        }
        body += "</tbody>\n</table>\n"
        let roster = signOff.signatories.map(\.organization)
        return dashboardQueue(signOff, body: body, newcomers: newcomers, corrections: corrections, roster: roster, csrf: csrf)
    }

    /// Approvals of the current version by day, as a step line with its numbers in the text
    /// beside it, so a screen reader gets what the chart shows.
    static func timeline(_ byDay: [(day: CalendarDate, total: Int)], total: Int) -> String {
        guard let first = byDay.first, let last = byDay.last else { return "<p>No organization has approved this version yet.</p>\n" }
        let width = 480.0
        let height = 120.0
        let days = max(1, last.day.daysSince1970 - first.day.daysSince1970)
        func x(_ day: CalendarDate) -> Double {
            let offset = Double(day.daysSince1970 - first.day.daysSince1970)
            return 40 + (width - 60) * offset / Double(days)
        }
        func y(_ count: Int) -> Double {
            let share = Double(count) / Double(max(total, 1))
            return height - 20 - (height - 40) * share
        }
        var points = "\(x(first.day)),\(y(0))"
        for entry in byDay { points += " \(x(entry.day)),\(y(entry.total))" }
        let summary = "\(last.total) of \(total) approved by \(last.day.longForm), from \(first.total) on \(first.day.longForm)"
        return """
            <figure class="timeline">
            <svg viewBox="0 0 \(Int(width)) \(Int(height))" width="\(Int(width))" height="\(Int(height))" role="img" aria-label="\(XML.escape(summary))">
            <line x1="40" y1="\(y(0))" x2="\(width - 20)" y2="\(y(0))" stroke="#767676"/>
            <line x1="40" y1="\(y(total))" x2="\(width - 20)" y2="\(y(total))" stroke="#767676" stroke-dasharray="4 3"/>
            <text x="36" y="\(y(total) + 4)" text-anchor="end" font-size="11">\(total)</text>
            <text x="36" y="\(y(0) + 4)" text-anchor="end" font-size="11">0</text>
            <polyline points="\(points)" fill="none" stroke="#0b4f8a" stroke-width="2"/>
            <text x="40" y="\(height - 4)" font-size="11">\(first.day.description)</text>
            <text x="\(width - 20)" y="\(height - 4)" font-size="11" text-anchor="end">\(last.day.description)</text>
            </svg>
            <figcaption>Approvals of this version over time: \(XML.escape(summary)).</figcaption>
            </figure>

            """
    }

    static func dashboardQueue(
        _ signOff: SignOff, body start: String, newcomers: [SignOnStore.Newcomer], corrections: [SignOnStore.Correction], roster: [String], csrf: String
    ) -> String {
        var body = start
        body += "<h2>Waiting to sign</h2>\n"
        if newcomers.isEmpty { body += "<p>No organization is waiting.</p>\n" }
        for newcomer in newcomers {
            let id = newcomer.id ?? 0
            body += """
                <form method="post" action="/lead/newcomers/\(id)" aria-label="Request from \(XML.escape(newcomer.organization))">
                \(LeadDashboard.similarOrganization(to: newcomer.organization, in: roster).map { "<p class=\"problem similar\">Close to <strong>\(XML.escape($0))</strong>, already on the roster: check this is not the same organization.</p>" } ?? "")
                <p><strong>\(XML.escape(newcomer.organization))</strong> (\(XML.escape([newcomer.city, newcomer.state].filter { !$0.isEmpty }.joined(separator: ", ")))), contact \(XML.escape(newcomer.contactName)) &lt;\(XML.escape(newcomer.contactEmail))&gt;, approved version <code>\(XML.escape(String(newcomer.version.dropFirst(7).prefix(12))))</code></p>
                \(hidden("csrf", csrf))
                <button type="submit" name="action" value="accept">Accept \(XML.escape(newcomer.organization))</button>
                <button type="submit" name="action" value="reject">Reject</button>
                </form>

                """
        }
        body += "<h2>Listing corrections</h2>\n"
        if corrections.isEmpty { body += "<p>No correction is waiting.</p>\n" }
        for correction in corrections {
            let id = correction.id ?? 0
            let listing = [correction.organization, correction.city, correction.state].filter { !$0.isEmpty }.joined(separator: ", ")
            body += """
                <form method="post" action="/lead/corrections/\(id)" aria-label="Correction for \(XML.escape(correction.signer))">
                <p>Signer <code>\(XML.escape(correction.signer))</code> asks to be listed as <strong>\(XML.escape(listing))</strong></p>
                \(hidden("csrf", csrf))
                <button type="submit" name="action" value="accept">Confirm</button>
                <button type="submit" name="action" value="reject">Reject</button>
                </form>

                """
        }
        body += """
            <h2>Publish</h2>
            <p>Publishing composes the campaign's files as they are now and makes that the version signers see.</p>
            <form method="post" action="/lead/publish" aria-label="Publish">
            \(hidden("csrf", csrf))
            <button type="submit">Preview publishing the current files</button>
            </form>
            <form method="post" action="/lead/logout" aria-label="Log out">
            \(hidden("csrf", csrf))
            <button type="submit">Log out</button>
            </form>

            """
        return shell(title: "Coalition lead: \(signOff.draft.document.header.title)", body)
    }

    static func publishPreview(current: DraftVersion, next: DraftVersion, stale: Int, changed: Int, csrf: String) -> String {
        var body = "<h1>Publish a new version</h1>\n"
        guard next != current else {
            body +=
                "<p>The files compose to the current version, <code>\(current.short)</code>: there is nothing to publish.</p>\n<p><a href=\"/lead\">Back to the dashboard</a></p>\n"
            return shell(title: "Publish", body)
        }
        body += """
            <p>The files now compose to version <code>\(next.short)</code>, changing \(Wording.count(changed, "paragraph")) of <code>\(current.short)</code>.</p>
            <p class="problem">Publishing it makes \(Wording.count(stale, "approval")) of the current version stale: those organizations leave the letter until they approve the new version.</p>
            <form method="post" action="/lead/publish/confirm" aria-label="Confirm publishing">
            \(hidden("csrf", csrf))
            \(hidden("version", next.description))
            <button type="submit">Publish version \(next.short)</button>
            </form>
            <p><a href="/lead">Back to the dashboard</a></p>

            """
        return shell(title: "Publish", body)
    }
}
