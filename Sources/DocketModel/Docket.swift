import DocketCitations
import DocketSupport
import Foundation

/// A Regulations.gov docket and the Federal Register document a comment answers.
public struct Docket: Sendable {
    /// The docket ID, e.g. `OMB-2023-0020`, and where it was written.
    public var id: Located<String>
    /// The Regulations.gov document the comment is filed on (`commentOnDocumentId`).
    public var documentID: Located<String>?
    /// The agency's acronym, e.g. `OMB`.
    public var agency: String
    /// The agency's name as the notice prints it.
    public var agencyName: String?
    /// The docket's title.
    public var title: String
    /// The notice's Federal Register citation, e.g. `88 FR 75625`.
    public var federalRegisterCitation: CitedAuthority?
    /// The notice's Federal Register document number, e.g. `FR Doc. 2023-24269`.
    public var federalRegisterDocument: CitedAuthority?
    /// The Regulation Identifier Number, when there is one.
    public var rin: String?
    /// The notice's publication date.
    public var publishedOn: CalendarDate?
    /// The close of the comment period, an instant: agencies close at a time of day in a zone.
    public var commentsClose: Located<Date>?
    /// The close as written, to show the author's own zone back to them.
    public var commentsCloseText: String?
    /// When the comment period opened, as written (`commentsOpen`), if recorded.
    public var commentsOpenText: String?
    /// Regulations.gov's internal id of the document commented on (`objectId`), if recorded.
    public var objectID: String?
    /// The notice's numbered questions.
    public var questions: [DocketQuestion]
    /// Identifiers a person confirmed that the registry cannot know (a new docket, its
    /// document, its Federal Register citation): who, when, where.
    public var confirmations: [Confirmation] = []
    /// Where the docket file starts, for diagnostics about it as a whole.
    public var source: SourceRange

    /// A docket as loaded, or as a client builds one.
    public init(
        id: Located<String>, documentID: Located<String>?, agency: String, agencyName: String?, title: String, federalRegisterCitation: CitedAuthority?,
        federalRegisterDocument: CitedAuthority?, rin: String?, publishedOn: CalendarDate?, commentsClose: Located<Date>?, commentsCloseText: String?, questions: [DocketQuestion],
        source: SourceRange
    ) {
        self.id = id
        self.documentID = documentID
        self.agency = agency
        self.agencyName = agencyName
        self.title = title
        self.federalRegisterCitation = federalRegisterCitation
        self.federalRegisterDocument = federalRegisterDocument
        self.rin = rin
        self.publishedOn = publishedOn
        self.commentsClose = commentsClose
        self.commentsCloseText = commentsCloseText
        self.questions = questions
        self.source = source
    }

    /// Whether comments are still accepted at `date`. A docket without a close date is open.
    public func isOpen(at date: Date) -> Bool {
        guard let close = commentsClose?.value else { return true }
        return date <= close
    }
}

/// A numbered question the notice asks commenters to answer.
public struct DocketQuestion: Sendable, Hashable {
    /// The number the notice gives it.
    public var number: Int
    /// The question.
    public var text: String
    /// Where it was written.
    public var range: SourceRange

    /// A docket as loaded, or as a client builds one.
    public init(number: Int, text: String, range: SourceRange) {
        self.number = number
        self.text = text
        self.range = range
    }
}

/// A record that a person checked an identifier against its source: the registry cannot know
/// every new docket, so the lead's confirmation stands in for it, and says who to ask.
public struct Confirmation: Sendable, Hashable {
    /// The identifier as written, e.g. `TEST-2026-0042-0001` or `91 FR 1234`.
    public var identifier: String
    /// Who checked it.
    public var confirmedBy: String
    /// When.
    public var confirmedOn: CalendarDate
    /// Where it was checked: the page that shows it.
    public var source: String
    /// Where the confirmation was written.
    public var range: SourceRange

    /// A confirmation of `identifier` by `confirmedBy` on `confirmedOn` at `source`.
    public init(identifier: String, confirmedBy: String, confirmedOn: CalendarDate, source: String, range: SourceRange) {
        self.identifier = identifier
        self.confirmedBy = confirmedBy
        self.confirmedOn = confirmedOn
        self.source = source
        self.range = range
    }
}
