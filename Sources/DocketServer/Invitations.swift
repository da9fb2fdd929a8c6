import DocketKit
import DocketModel
import DocketReview
import DocketSupport
import Foundation

/// `docket invite`: a personal link for every signer who holds none, written as a mail-merge
/// CSV and one RFC 5322 draft per signer for the lead to send from their own mail client.
/// The files hold contact data and live links, so they go to the lead's private output
/// folder (`out/<plan>/invitations/`), never into anything filed.
public struct Invitations {
    /// One signer's invitation as written.
    public struct Invitation: Sendable, Hashable {
        public var signer: Signatory
        public var link: String
        /// The draft's file name: `<signer id>.eml`.
        public var draftName: String
    }

    /// What one run wrote.
    public struct Result: Sendable {
        public var invited: [Invitation]
        /// Signers who already hold a live link, left as they were.
        public var alreadyInvited: [String]
        /// Signers with no email, who got a link in the CSV but no draft.
        public var withoutEmail: [String]
        public var folder: URL
    }

    let signOff: SignOff
    let store: SignOnStore
    let baseURL: String
    let respondBy: CalendarDate?

    /// Invitations for the plan `signOff` composed, with links under `baseURL` (the address
    /// signers reach `docket serve` at) and an answer asked for by `respondBy`.
    public init(signOff: SignOff, store: SignOnStore, baseURL: String, respondBy: CalendarDate?) {
        self.signOff = signOff
        self.store = store
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.respondBy = respondBy
    }

    /// Issues links for the signers who hold none and writes their drafts and `invitations.csv`
    /// (the links this run issued) into `folder`; an earlier run's drafts stay. When everyone
    /// already holds a link, nothing is written.
    public func write(into folder: URL, at date: Date = Date()) throws -> Result {
        let issued = try store.issueInvitations(toUninvited: signOff.signatories.map(\.id), at: date)
        let tokens = Dictionary(issued.map { ($0.signer, $0.token) }, uniquingKeysWith: { first, _ in first })
        var invited: [Invitation] = []
        var withoutEmail: [String] = []
        for signer in signOff.signatories {
            guard let token = tokens[signer.id] else { continue }
            invited.append(Invitation(signer: signer, link: "\(baseURL)/s/\(token)", draftName: "\(signer.id).eml"))
            if signer.contactEmail == nil { withoutEmail.append(signer.id) }
        }
        if !invited.isEmpty {
            var files: [(name: String, data: Data)] = [("invitations.csv", Data(mailMerge(invited).utf8))]
            for invitation in invited where invitation.signer.contactEmail != nil {
                files.append((invitation.draftName, Data(draft(for: invitation, at: date).utf8)))
            }
            _ = try AtomicWriter.write(files, into: folder)
        }
        return Result(invited: invited, alreadyInvited: signOff.signatories.map(\.id).filter { tokens[$0] == nil }, withoutEmail: withoutEmail, folder: folder)
    }

    /// `docket remind`: for each signer who has not decided on the current version and whose
    /// status is in `statuses`, a new personal link (the one sent before stops working, since
    /// only its hash was kept) and a reminder draft, with `reminders.csv` for a mail merge.
    public func writeReminders(into folder: URL, statuses: Set<SignerReport.Kind>, at date: Date = Date()) throws -> Result {
        let report = signOff.report()
        let due = report.rows.filter { row in
            statuses.contains(row.status.kind) && row.decision?.version != version
        }
        var reminded: [Invitation] = []
        var withoutEmail: [String] = []
        var reasons: [String: SignerReport.Status] = [:]
        for row in due {
            let token = try store.issueInvitation(for: row.signer.id, at: date)
            reminded.append(Invitation(signer: row.signer, link: "\(baseURL)/s/\(token)", draftName: "\(row.signer.id).eml"))
            reasons[row.signer.id] = row.status
            if row.signer.contactEmail == nil { withoutEmail.append(row.signer.id) }
        }
        if !reminded.isEmpty {
            var files: [(name: String, data: Data)] = [("reminders.csv", Data(mailMerge(reminded, statuses: reasons).utf8))]
            for invitation in reminded where invitation.signer.contactEmail != nil {
                files.append((invitation.draftName, Data(draft(for: invitation, at: date, reminding: reasons[invitation.signer.id]).utf8)))
            }
            _ = try AtomicWriter.write(files, into: folder)
        }
        return Result(invited: reminded, alreadyInvited: [], withoutEmail: withoutEmail, folder: folder)
    }

    var title: String { signOff.draft.document.header.title }
    var version: DraftVersion { signOff.draft.version }

    /// The mail-merge file: one row a signer, the columns a mail client's merge asks for.
    func mailMerge(_ invitations: [Invitation], statuses: [String: SignerReport.Status]? = nil) -> String {
        let header = ["id", "organization", "contact_name", "contact_email", "link", "version", "respond_by"] + (statuses == nil ? [] : ["status"])
        let rows = invitations.map { invitation in
            [
                invitation.signer.id, invitation.signer.organization, invitation.signer.contactName ?? "", invitation.signer.contactEmail ?? "", invitation.link,
                version.short, respondBy?.description ?? "",
            ] + (statuses.map { [$0[invitation.signer.id]?.kind.rawValue ?? ""] } ?? [])
        }
        return ([header] + rows).map { $0.map(Roster.csvField).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    /// An RFC 5322 message with CRLF line ends; headers that are not ASCII are RFC 2047
    /// encoded words, the body UTF-8.
    func draft(for invitation: Invitation, at date: Date, reminding status: SignerReport.Status? = nil) -> String {
        let signer = invitation.signer
        let from = signOff.draft.document.header.from ?? "The coalition"
        let recipient = signer.contactName.map { "\(Self.encodedWord($0)) <\(signer.contactEmail!)>" } ?? "<\(signer.contactEmail!)>"
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        let by = respondBy.map { " by \($0.longForm)" } ?? ""
        // The lead's own address when the plan gives one; otherwise their mail client fills it.
        let sender: String? =
            switch signOff.draft.plan.submitter {
            case .organization(let organization): organization.email
            case .individual(let person): person.email
            case .anonymous: nil
            }
        let headers = sender.map { ["From: \(Self.encodedWord(from)) <\($0)>"] } ?? []
        let fields = [
            "To: \(recipient)",
            "Subject: \(Self.encodedWord("\(status == nil ? "Please review and sign" : "Reminder: please review and sign"): \(title)"))",
            "Date: \(formatter.string(from: date))",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: 8bit",
        ]
        let opening: [String]
        switch status {
        case nil:
            opening = ["\(from) asks \(signer.organization) to review \"\(title)\" and to approve it, ask for changes, or decline\(by)."]
        case .approvedOlder(let old, _)?:
            opening = [
                "\(signer.organization) approved version \(old.short) of \"\(title)\". The text has changed since, and your organization is not listed on the letter until you approve the current version (\(version.short)) or tell us what to change\(by).",
                "",
                "This link replaces the one we sent before, which no longer works.",
            ]
        case .requestedChanges(let old)?:
            opening = [
                "\(signer.organization) asked for changes to version \(old.short) of \"\(title)\". Please read the current version (\(version.short)) and approve it, or tell us what still needs to change\(by).",
                "",
                "This link replaces the one we sent before, which no longer works.",
            ]
        case .declined(let old)?:
            opening = [
                "\(signer.organization) declined version \(old.short) of \"\(title)\". The text has changed since; if the current version (\(version.short)) changes your mind, approve it\(by).",
                "",
                "This link replaces the one we sent before, which no longer works.",
            ]
        case .some:
            opening = [
                "\(signer.organization) has not yet answered on \"\(title)\". Please approve it, ask for changes, or decline\(by).",
                "",
                "This link replaces the one we sent before, which no longer works.",
            ]
        }
        let body = [
            "Dear \(signer.contactName ?? signer.organization),",
            "",
        ] + opening + [
            "",
            "Your organization's personal link (do not forward it; anyone with it can answer for you):",
            invitation.link,
            "",
            "The page shows the current text (version \(version.short)) and what changed since you last approved it. Only your organization's name, city and state are ever published; your contact details are not.",
        ]
        return (headers + fields + [""] + body).joined(separator: "\r\n") + "\r\n"
    }

    /// RFC 2047: ASCII text as is, anything else as `=?UTF-8?B?…?=`.
    static func encodedWord(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { !$0.isASCII || $0.value < 0x20 }) else { return text }
        return "=?UTF-8?B?\(Data(text.utf8).base64EncodedString())?="
    }
}
