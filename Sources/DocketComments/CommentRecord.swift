import Foundation

/// A posted comment as the store keeps it, from whichever source brought it in.
public struct CommentRecord: Sendable, Hashable, Codable {
    public var id: String
    public var docketID: String?
    /// The document commented on (`commentOnDocumentId`).
    public var documentID: String?
    public var title: String?
    /// The comment box's text; nil when only a list row has been seen.
    public var text: String?
    public var organization: String?
    public var firstName: String?
    public var lastName: String?
    public var governmentAgency: String?
    public var governmentAgencyType: String?
    /// The agency's own category of commenter (`Academia - E0007`, `Individual`).
    public var category: String?
    /// ISO 8601 instants, as Regulations.gov gives them.
    public var posted: String?
    public var received: String?
    public var modified: String?
    /// The agency's count of duplicates it folded into this comment.
    public var duplicateComments: Int?
    public var trackingNumber: String?
    public var withdrawn: Bool
    /// Where it came from: `api`, `bulk-csv`, `mirrulations`, `json`.
    public var source: String
    public var attachments: [AttachmentRecord]

    public init(
        id: String, docketID: String? = nil, documentID: String? = nil, title: String? = nil, text: String? = nil, organization: String? = nil,
        firstName: String? = nil, lastName: String? = nil, governmentAgency: String? = nil, governmentAgencyType: String? = nil, category: String? = nil,
        posted: String? = nil, received: String? = nil, modified: String? = nil, duplicateComments: Int? = nil, trackingNumber: String? = nil,
        withdrawn: Bool = false, source: String, attachments: [AttachmentRecord] = []
    ) {
        self.id = id
        self.docketID = docketID
        self.documentID = documentID
        self.title = title
        self.text = text
        self.organization = organization
        self.firstName = firstName
        self.lastName = lastName
        self.governmentAgency = governmentAgency
        self.governmentAgencyType = governmentAgencyType
        self.category = category
        self.posted = posted
        self.received = received
        self.modified = modified
        self.duplicateComments = duplicateComments
        self.trackingNumber = trackingNumber
        self.withdrawn = withdrawn
        self.source = source
        self.attachments = attachments
    }

    /// Who filed it, as the docket shows it: the organization, else the person, else nobody.
    public var submitter: String? {
        if let organization, !organization.isEmpty { return organization }
        let name = [firstName, lastName].compactMap { $0 }.filter { !$0.isEmpty && $0 != "Anonymous" }.joined(separator: " ")
        return name.isEmpty ? nil : name
    }
}

/// One attachment of a comment and what became of its text.
public struct AttachmentRecord: Sendable, Hashable, Codable {
    public enum Status: String, Sendable, Codable, CaseIterable {
        /// Text was read from the file.
        case text
        /// The file was read and holds no text: a scan without a text layer, a file that is
        /// not what its name says.
        case noText = "no text"
        /// Not downloaded: over the size limit, or restricted by the agency.
        case skipped
        /// Not asked for (`--attachments` not given) or not yet fetched.
        case notFetched = "not fetched"
    }

    /// 1-based, in the order the agency lists them.
    public var position: Int
    public var title: String?
    public var format: String?
    public var url: String?
    public var size: Int?
    /// The downloaded file, relative to the campaign's private folder.
    public var file: String?
    public var text: String?
    public var status: Status
    /// Why there is no text, when there is none.
    public var note: String?

    public init(position: Int, title: String? = nil, format: String? = nil, url: String? = nil, size: Int? = nil, file: String? = nil, text: String? = nil, status: Status, note: String? = nil) {
        self.position = position
        self.title = title
        self.format = format
        self.url = url
        self.size = size
        self.file = file
        self.text = text
        self.status = status
        self.note = note
    }
}

/// A document of the docket, which comments hang off.
public struct DocumentRow: Sendable, Hashable {
    public var id: String
    public var docketID: String
    public var objectID: String?
    public var title: String?
    public var type: String?
    public var posted: String?
    public var commentEnd: String?
    public var open: Bool

    public init(id: String, docketID: String, objectID: String?, title: String?, type: String?, posted: String?, commentEnd: String?, open: Bool) {
        self.id = id
        self.docketID = docketID
        self.objectID = objectID
        self.title = title
        self.type = type
        self.posted = posted
        self.commentEnd = commentEnd
        self.open = open
    }
}
