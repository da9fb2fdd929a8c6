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
        /// The document the comment is filed on, e.g. `OMB-2023-0020-0001`.
        public var commentOnDocumentId: String
        /// The comment box's text.
        public var comment: String
        /// Always `API`.
        public var submissionType = "API"
        /// `INDIVIDUAL`, `ORGANIZATION` or `ANONYMOUS`.
        public var submitterType: String
        /// An individual's first name.
        public var firstName: String?
        /// An individual's last name.
        public var lastName: String?
        /// The submitter's city.
        public var city: String?
        /// The submitter's state, province or region.
        public var stateProvinceRegion: String?
        /// The submitter's ZIP or postal code.
        public var zip: String?
        /// The submitter's country.
        public var country: String?
        /// The submitter's phone, which Regulations.gov does not publish.
        public var phone: String?
        /// An organization's name.
        public var organization: String?
        /// The agency's category for the organization.
        public var organizationType: String?
        /// Where the receipt goes, which Regulations.gov does not publish.
        public var email: String?
        /// Whether Regulations.gov emails a receipt.
        public var sendEmailReceipt: Bool?
        /// The names of the uploaded attachments.
        public var files: [String]?
    }

    /// The JSON:API resource: type `comments` and its attributes.
    public struct Resource: Encodable, Sendable {
        /// Always `comments`.
        public var type = "comments"
        /// The comment's attributes.
        public var attributes: Attributes
    }

    /// The JSON:API envelope's one resource.
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
