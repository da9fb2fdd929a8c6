import DocketLibrary
import DocketModel
import DocketReview
import DocketSupport
import DocketMarkdown
import Foundation

/// The body of `POST /v4/comments` (GSA's v4 API): a JSON:API document whose attributes follow
/// the `IndividualComment`, `OrganizationComment` or `AnonymousComment` schema.
///
/// Two choices depart from the letter of GSA's OpenAPI file, deliberately:
/// - `submitterType` is upper case. The spec's enum says `Individual`, but GSA's own
///   validation text and examples, and FederalRegister.gov's production client, send
///   `INDIVIDUAL`.
/// - An organization's payload carries only the fields `OrganizationComment` declares. Name
///   fields are never sent with organization fields: a form that sent both got comments
///   attributed to the wrong filer.
public struct SubmissionPayload: Encodable, Sendable {
    /// The comment's attributes, as GSA's comment schemas name them.
    public struct Attributes: Encodable, Sendable {
        public var commentOnDocumentId: String
        public var comment: String
        public var submissionType = "API"
        public var submitterType: String
        public var firstName: String?
        public var lastName: String?
        public var city: String?
        public var stateProvinceRegion: String?
        public var zip: String?
        public var country: String?
        public var phone: String?
        public var organization: String?
        public var organizationType: String?
        public var email: String?
        public var sendEmailReceipt: Bool?
        public var files: [String]?
    }

    /// The JSON:API resource: type `comments` and its attributes.
    public struct Resource: Encodable, Sendable {
        public var type = "comments"
        public var attributes: Attributes
    }

    public var data: Resource

    /// The payload filing `comment` on `documentID` for `submitter`, naming the uploaded `files`.
    public init(documentID: String, comment: String, submitter: Submitter, sendEmailReceipt: Bool, files: [String]) {
        var attributes = Attributes(commentOnDocumentId: documentID, comment: comment, submitterType: "ANONYMOUS")
        switch submitter {
        case .individual(let person):
            attributes.submitterType = "INDIVIDUAL"
            attributes.firstName = person.firstName
            attributes.lastName = person.lastName
            attributes.city = person.city
            attributes.stateProvinceRegion = person.state
            attributes.zip = person.zip
            attributes.country = person.country
            attributes.phone = person.phone
            attributes.email = person.email
        case .organization(let organization):
            attributes.submitterType = "ORGANIZATION"
            attributes.organization = organization.name
            attributes.organizationType = organization.organizationType
            attributes.email = organization.email
        case .anonymous:
            break
        }
        if sendEmailReceipt { attributes.sendEmailReceipt = true }
        if !files.isEmpty { attributes.files = files }
        data = Resource(attributes: attributes)
    }

    /// Sorted keys and no escaped slashes, so two packages of the same draft diff cleanly.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(self)
        data.append(0x0A)
        return data
    }
}
