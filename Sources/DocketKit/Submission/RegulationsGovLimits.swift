import Foundation

/// What Regulations.gov accepts, from GSA's v4 API documentation and FederalRegister.gov's
/// production comment form (see the research notes for sources). Where the two disagree the
/// stricter value is used, so a package that passes here passes there.
public enum RegulationsGovLimits {
    /// The comment box and the API's `comment` field: characters and UTF-8 bytes, each.
    public static let commentLength = 5_000
    public static let maxAttachments = 20
    /// FederalRegister.gov allows 10,485,760; Regulations.gov says "10MB". Which one it means
    /// is unconfirmed, so the smaller.
    public static let maxAttachmentBytes = 10_000_000
    /// FederalRegister.gov's `ALLOWED_EXTENSIONS`; `html`, `md`, `doc`, `odt`, `zip` and `csv` are
    /// absent on purpose.
    public static let allowedExtensions: Set<String> = [
        "bmp", "docx", "gif", "jpg", "jpeg", "pdf", "png", "pptx", "rtf", "sgml", "tif", "tiff", "txt", "wpd", "xlsx", "xml",
    ]
    /// Days before the close at which `docket check` and `docket package` start warning.
    public static let closingSoonDays = 3

    /// A submitter field's API name, its name in plan files, and its maximum length.
    public struct Field: Sendable, Hashable {
        public var apiName: String
        public var planKey: String
        public var label: String
        public var maxLength: Int
    }

    public static let fields: [Field] = [
        Field(apiName: "firstName", planKey: "firstName", label: "First name", maxLength: 25),
        Field(apiName: "lastName", planKey: "lastName", label: "Last name", maxLength: 25),
        Field(apiName: "organization", planKey: "organization", label: "Organization name", maxLength: 120),
        Field(apiName: "email", planKey: "email", label: "Email", maxLength: 100),
        Field(apiName: "city", planKey: "city", label: "City", maxLength: 50),
        Field(apiName: "stateProvinceRegion", planKey: "state", label: "State or province", maxLength: 50),
        Field(apiName: "phone", planKey: "phone", label: "Phone", maxLength: 50),
        Field(apiName: "country", planKey: "country", label: "Country", maxLength: 50),
        Field(apiName: "zip", planKey: "zip", label: "ZIP code", maxLength: 10),
    ]

    public static func field(planKey: String) -> Field? { fields.first { $0.planKey == planKey } }

    /// Regulations.gov applies every length limit "to both, the number of characters and the
    /// number of bytes", so a name in Vietnamese or Amharic can be refused well under the count.
    public static func lengthProblem(_ value: String, limit: Int) -> String? {
        let characters = value.count
        let bytes = value.utf8.count
        if characters > limit { return "\(characters) characters; the limit is \(limit)" }
        if bytes > limit { return "\(characters) characters but \(bytes) UTF-8 bytes; the limit of \(limit) applies to both" }
        return nil
    }

    /// The extension Regulations.gov would see, lower-cased, or nil for a name without one.
    public static func fileExtension(of name: String) -> String? {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex, name.index(after: dot) != name.endIndex else { return nil }
        return name[name.index(after: dot)...].lowercased()
    }
}
