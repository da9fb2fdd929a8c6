import Foundation

// The forms the pages send, as `URLEncodedFormDecoder` reads them. Every field is optional so
// that a missing one is answered by the page's own sentence, not a decoding error.

struct DecisionForm: Decodable {
    var version: String?
    var decision: String?
    var comment: String?
}

struct ListingForm: Decodable {
    var organization: String?
    var city: String?
    var state: String?
}

struct JoinForm: Decodable {
    var version: String?
    var organization: String?
    var city: String?
    var state: String?
    var contactName: String?
    var contactEmail: String?

    enum CodingKeys: String, CodingKey {
        case version, organization, city, state
        case contactName = "contact_name"
        case contactEmail = "contact_email"
    }
}

struct LoginForm: Decodable {
    var token: String?
}

/// Accept or reject, for a newcomer or a correction.
struct ActionForm: Decodable {
    var action: String?
}

struct PublishForm: Decodable {
    var version: String?
}

extension Optional where Wrapped == String {
    /// The field as typed, without surrounding whitespace; empty when it was not sent.
    var trimmed: String { (self ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
}
