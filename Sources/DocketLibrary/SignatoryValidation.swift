import DocketModel
import DocketSupport

/// The one set of rules a signatory row must meet, whether it is read from `signatories.csv`,
/// typed into the open sign-on form, or proposed as a correction the lead confirms. A row that
/// passes here is one the roster's parser reads back unchanged, so no form can write a roster
/// that stops every later check, compose and package.
public enum SignatoryValidation {
    /// A field of a row.
    public enum Field: String, Sendable, CaseIterable {
        case id, organization, city, state
        case contactName = "contact_name"
        case contactEmail = "contact_email"
        case contactPhone = "contact_phone"
    }

    /// One broken rule: which field, its code and a sentence saying what to do.
    public struct Problem: Sendable, Hashable {
        /// The field that breaks it.
        public var field: Field
        /// The diagnostic code it is reported with.
        public var code: DiagnosticCode
        /// What is wrong, and what to do.
        public var message: String
    }

    /// The longest value a field may hold, in UTF-8 bytes: a signer id names a folder, and a
    /// file system takes 255.
    public static let maximumFieldBytes = 255

    /// Every problem of a row whose id is `id` (nil: made from the organization's name).
    public static func problems(
        id: String?, organization: String, city: String? = nil, state: String? = nil, contactName: String? = nil, contactEmail: String? = nil,
        contactPhone: String? = nil
    ) -> [Problem] {
        var problems: [Problem] = []
        let fields: [(Field, String?)] = [
            (.organization, organization), (.city, city), (.state, state), (.contactName, contactName), (.contactEmail, contactEmail), (.contactPhone, contactPhone),
        ]
        for (field, value) in fields {
            guard let value else { continue }
            // A roster line holds one row: line breaks, tabs and every other control character
            // are refused, as the file reader refuses them outside quoted fields.
            if let scalar = value.unicodeScalars.first(where: { $0.properties.generalCategory == .control }) {
                let name = String(scalar.value, radix: 16, uppercase: true)
                problems.append(
                    Problem(
                        field: field, code: .controlCharacter,
                        message: "the \(field.label) holds the control character U+\(String(repeating: "0", count: max(0, 4 - name.count)) + name); write it on one line without it"
                    ))
            } else if value.utf8.count > maximumFieldBytes {
                problems.append(
                    Problem(field: field, code: .invalidValue, message: "the \(field.label) is \(value.utf8.count) bytes long; \(maximumFieldBytes) is the most a roster takes"))
            }
        }
        if organization.allSatisfy(\.isWhitespace) {
            problems.append(Problem(field: .organization, code: .missingOrganization, message: "give the organization's name as it should be listed"))
        }
        let signerID = id ?? Signatory.slug(organization)
        if !organization.allSatisfy(\.isWhitespace), problems.allSatisfy({ $0.field != .organization }), let problem = PathComponent.problem(signerID) {
            let why =
                id == nil
                ? "the organization's name makes the signer id '\(signerID)', which \(problem); a name needs letters or digits"
                : "signer id '\(signerID)' \(problem); it names the signer's review folder, so it must be one plain name"
            problems.append(Problem(field: id == nil ? .organization : .id, code: .unsafeName, message: why))
        }
        if let contactEmail, !contactEmail.isEmpty, !isPlausibleEmail(contactEmail) {
            problems.append(Problem(field: .contactEmail, code: .malformedEmail, message: "contact email '\(contactEmail)' is not an address like name@example.org"))
        }
        return problems
    }

    /// Catches typos (missing '@', spaces, no dotted domain), not every RFC 5322 corner.
    public static func isPlausibleEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !text.contains(where: \.isWhitespace) else { return false }
        let labels = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        return labels.count >= 2 && labels.allSatisfy { !$0.isEmpty }
    }
}

extension SignatoryValidation.Field {
    /// The field as a sentence names it.
    public var label: String {
        switch self {
        case .id: "signer id"
        case .organization: "organization's name"
        case .city: "city"
        case .state: "state"
        case .contactName: "contact name"
        case .contactEmail: "contact email"
        case .contactPhone: "contact phone"
        }
    }
}
