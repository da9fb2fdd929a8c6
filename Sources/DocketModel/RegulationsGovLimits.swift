import Foundation

/// What Regulations.gov accepts, from GSA's v4 API documentation and FederalRegister.gov's
/// production comment form (see the research notes for sources). Where the two disagree the
/// stricter value is used, so a package that passes here passes there.
public enum RegulationsGovLimits {
    /// The comment box and the API's `comment` field: characters and UTF-8 bytes, each.
    public static let commentLength = 5_000
    /// Attachments per comment.
    public static let maxAttachments = 20
    /// FederalRegister.gov allows 10,485,760; Regulations.gov says "10MB". Which one it means
    /// is unconfirmed, so the smaller.
    public static let maxAttachmentBytes = 10_000_000
    /// FederalRegister.gov's `ALLOWED_EXTENSIONS`; `html`, `md`, `doc`, `odt`, `zip` and `csv` are
    /// absent on purpose.
    public static let allowedExtensions: Set<String> = [
        "bmp", "docx", "gif", "jpg", "jpeg", "pdf", "png", "pptx", "rtf", "sgml", "tif", "tiff", "txt", "wpd", "xlsx", "xml",
    ]

    /// A submitter field's API name, its name in plan files, and its maximum length.
    public struct Field: Sendable, Hashable {
        /// The attribute's name in `POST /v4/comments`.
        public var apiName: String
        /// The key under a plan's `submitter:`.
        public var planKey: String
        /// The form's label.
        public var label: String
        /// The limit, in characters and in bytes.
        public var maxLength: Int
    }

    /// Every submitter field with a published limit.
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

    /// The field a plan writes as `planKey`.
    public static func field(planKey: String) -> Field? { fields.first { $0.planKey == planKey } }

    /// A text's length as Regulations.gov counts it, the one definition every check and
    /// message uses. A character is a Unicode scalar (an accented letter typed as a letter and
    /// a combining accent is two, as the API's own length check sees them), and each line break
    /// counts as the CR LF a browser form submits: two characters and two bytes.
    public static func measure(_ text: String) -> (characters: Int, bytes: Int) {
        let lineBreaks = text.utf8.count { $0 == UInt8(ascii: "\n") }
        return (text.unicodeScalars.count + lineBreaks, text.utf8.count + lineBreaks)
    }

    /// Regulations.gov applies every length limit "to both, the number of characters and the
    /// number of bytes", so a name in Vietnamese or Amharic can be refused well under the count.
    public static func lengthProblem(_ value: String, limit: Int) -> String? {
        let (characters, bytes) = measure(value)
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
