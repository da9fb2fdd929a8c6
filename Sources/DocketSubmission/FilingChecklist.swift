import DocketLibrary
import DocketModel
import DocketReview
import DocketSupport
import DocketMarkdown
import Foundation

/// `checklist.md`: filing by hand through the Regulations.gov web form, step by step. It holds
/// the submitter's contact details to type into private fields, so it is for the coalition
/// lead and is never uploaded.
struct FilingChecklist {
    var markdown: String

    /// The first line of any checklist for a letter packaged before all its signers approved.
    static func unapprovedWarning(_ draft: Draft) -> [String] {
        guard let roster = draft.signatories, draft.plan.approvalsRequired, draft.signers.count < roster.count else { return [] }
        let missing = roster.count - draft.signers.count
        return [
            "**Warning: packaged with --allow-unapproved. \(Wording.count(missing, "listed organization")) did not approve this version and \(missing == 1 ? "is" : "are") left off; the letter names the \(Wording.count(draft.signers.count, "organization")) that did.**",
            "",
        ]
    }

    static let userNotice = "https://www.regulations.gov/user-notice"
    static let privacyNotice = "https://www.regulations.gov/privacy-notice"

    init(draft: Draft, docket: Docket, documentID: String, comment: SubmissionPackager.PackagedFile, attachments: [SubmissionPackager.PackagedFile], now: Date) {
        let e = MarkdownText.escape
        var lines = Self.unapprovedWarning(draft)
        lines.append("# Filing checklist: \(e(draft.document.header.title))")
        lines.append("")
        lines.append("Version `\(draft.version)`. This checklist holds contact details for private form fields: keep it, do not upload it.")
        lines.append("")
        lines.append("- **Docket:** \(e(docket.id.value)), \(e(docket.title))")
        lines.append("- **Document commented on:** \(e(documentID))")
        if draft.signatories != nil {
            lines.append("- **Signed by:** \(Wording.count(draft.signers.count, "organization")), each of which approved version \(draft.version.short)")
        }
        if let close = docket.commentsClose?.value {
            lines.append("- **Deadline:** \(CommentPeriod.eastern(close)) (Eastern), \(Self.timeLeft(until: close, now: now))")
        } else {
            lines.append("- **Deadline:** none recorded in the docket file; check the notice's DATES section")
        }
        lines.append("")
        lines.append("## 1. Open the comment form")
        lines.append("")
        lines.append("- [ ] Open <\(DocketRules.commentPage(documentID))> and check that it names \(e(docket.title)).")
        var reading = ["the [Regulations.gov user notice](\(Self.userNotice))", "the [privacy notice](\(Self.privacyNotice))"]
        if let link = Self.federalRegisterLink(docket) { reading.append("the [Federal Register document \(e(link.number))](\(link.url))") }
        lines.append("- [ ] Read \(Wording.series(reading)): they are the terms under which the comment is filed.")
        lines.append("")
        lines.append("## 2. Paste the comment")
        lines.append("")
        let (characters, bytes) = RegulationsGovLimits.measure(String(decoding: comment.data, as: UTF8.self))
        lines.append(
            "- [ ] Paste the whole of `\(comment.name)` into the Comment box: \(characters) characters and \(bytes) bytes of the \(RegulationsGovLimits.commentLength) allowed, line breaks counted as the form sends them."
        )
        lines.append("")
        lines.append("## 3. Attach the files")
        lines.append("")
        for file in attachments {
            lines.append("- [ ] `\(file.name)` (\(file.data.count) bytes, sha256 `\(ContentHash.sha256Hex(file.data).prefix(16))…`)")
        }
        if attachments.count > 1 {
            lines.append("")
            lines.append("The files carry the same text; attach the PDF alone if the agency asks for one file.")
        }
        lines.append("")
        lines.append("## 4. Say who is commenting")
        lines.append("")
        lines.append(contentsOf: Self.submitterSteps(draft.plan))
        lines.append("")
        lines.append("## 5. Submit")
        lines.append("")
        lines.append(
            "- [ ] Everything in the comment box and the attachments may be published. Only the email, phone and address fields stay private. Check that no signer's contact details are in the text."
        )
        lines.append("- [ ] Submit, then write down the tracking number Regulations.gov shows (it looks like `klb-dy99-pl2c`); the agency posts comments only after review.")
        lines.append("")
        markdown = lines.joined(separator: "\n")
    }

    /// The submitter fields to type, with their limits; the form's required fields vary by agency.
    static func submitterSteps(_ plan: Plan) -> [String] {
        let e = MarkdownText.escape
        var lines: [String] = []
        var rows: [(label: String, value: String?, limit: String)] = []
        let field = { (key: String, value: String?) -> (String, String?, String) in
            let known = RegulationsGovLimits.field(planKey: key)
            let label = (known?.label ?? key) + (key == "email" || key == "phone" ? " (private)" : "")
            return (label, value, known.map { String($0.maxLength) } ?? "")
        }
        switch plan.submitter {
        case .individual(let person):
            lines.append("- [ ] Choose **An Individual**, and fill in:")
            rows = [
                field("firstName", person.firstName), field("lastName", person.lastName), field("city", person.city), field("state", person.state), field("zip", person.zip),
                field("country", person.country), field("email", person.email), field("phone", person.phone),
            ]
        case .organization(let organization):
            lines.append("- [ ] Choose **An Organization**, and fill in:")
            rows = [
                field("organization", organization.name), ("Organization type", organization.organizationType, "the agency's list"), field("city", organization.city),
                field("state", organization.state), field("country", organization.country), field("email", organization.email), field("phone", organization.phone),
            ]
        case .anonymous:
            lines.append("- [ ] Choose **Anonymous**. Leave the name and organization fields empty.")
        }
        let filled = rows.compactMap { row in row.value.map { (row.label, $0, row.limit) } }
        if !filled.isEmpty {
            lines += ["", "  | Field | Value | Limit |", "  |---|---|---|"]
            lines += filled.map { "  | \($0.0) | \(e($0.1)) | \($0.2) |" }
            lines.append("")
        }
        if plan.sendEmailReceipt {
            lines.append("- [ ] Ask for an email receipt.")
        }
        lines.append("- [ ] Fill in any other field this agency marks required; required fields differ between agencies.")
        return lines
    }

    static func timeLeft(until close: Date, now: Date) -> String {
        let remaining = close.timeIntervalSince(now)
        if remaining < 0 { return "**closed \(CommentPeriod.timeSpan(-remaining)) ago**: file only if the agency accepts late comments" }
        let warning = CommentPeriod.isClosingSoon(remaining: remaining) ? ": file now" : ""
        return "\(CommentPeriod.timeSpan(remaining)) left\(warning)"
    }

    /// The notice on FederalRegister.gov, from its document number and publication date.
    static func federalRegisterLink(_ docket: Docket) -> (number: String, url: String)? {
        guard let text = docket.federalRegisterDocument?.text.value, let range = text.range(of: #"\d{4}-\d{5,}"#, options: .regularExpression) else { return nil }
        let number = String(text[range])
        guard let date = docket.publishedOn else { return (number, "https://www.federalregister.gov/documents/search?conditions%5Bterm%5D=\(number)") }
        let path = String(format: "%04d/%02d/%02d", date.year, date.month, date.day)
        return (number, "https://www.federalregister.gov/documents/\(path)/\(number)")
    }

}
