import DocketSupport
/// An organization that signs a letter or comment. Contact fields are private: they exist so
/// the coalition lead can reach the signer, and never appear in anything filed publicly.
public struct Signatory: Sendable, Hashable, Identifiable {
    /// Stable handle for approvals and review: the `id` column, or a slug of the organization.
    public var id: String
    /// The name printed on the letter once the organization approves.
    public var organization: String
    /// Printed after the name.
    public var city: String?
    /// Printed after the city.
    public var state: String?
    /// Private: who invitations go to; never in a public output.
    public var contactName: String?
    /// Private: where invitations go; never in a public output.
    public var contactEmail: String?
    /// Private; never in a public output.
    public var contactPhone: String?
    /// Where the signer's row is, for diagnostics.
    public var source: SourceRange

    /// A signer as loaded from `signatories.csv`, or as a client builds one.
    public init(id: String, organization: String, city: String?, state: String?, contactName: String?, contactEmail: String?, contactPhone: String?, source: SourceRange) {
        self.id = id
        self.organization = organization
        self.city = city
        self.state = state
        self.contactName = contactName
        self.contactEmail = contactEmail
        self.contactPhone = contactPhone
        self.source = source
    }

    /// How the signer appears in a public signature block: organization and place only.
    public var publicLine: String {
        let place = [city, state].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", ")
        return place.isEmpty ? organization : "\(organization) (\(place))"
    }

    /// `Just Futures Law` → `just-futures-law`.
    public static func slug(_ text: String) -> String {
        var slug = ""
        var pendingDash = false
        for scalar in text.lowercased().unicodeScalars {
            if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                if pendingDash, !slug.isEmpty { slug += "-" }
                slug.unicodeScalars.append(scalar)
                pendingDash = false
            } else {
                pendingDash = true
            }
        }
        return slug
    }
}
