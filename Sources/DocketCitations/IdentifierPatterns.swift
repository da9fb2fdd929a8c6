import DocketSupport
import Foundation

/// Lenient patterns for identifiers no official grammar defines. They come from the research's
/// observed examples, so a mismatch is a warning, never a rejection.
public enum IdentifierPatterns {
    /// `OMB-2023-0020`, `EPA-HQ-OAR-2021-0317`, `ED-2021-OCR-0166`, `FDA-2009-N-0501`.
    static let docket = try! NSRegularExpression(pattern: #"^(?:[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*-(?:19|20)\d{2}(?:-[A-Z0-9]+)*-\d{4}|[A-Z]+_FRDOC_\d{4})$"#)
    /// The simple two-part form of the research's table: agency, year, sequence, optional document.
    static let simpleDocketOrDocument = try! NSRegularExpression(pattern: #"^[A-Z]+-\d{4}-\d{4}(-\d{4,})?$"#)
    static let dhsInventory = try! NSRegularExpression(pattern: #"^DHS-P?\d+$"#)
    static let frDocumentNumber = try! NSRegularExpression(pattern: #"^(?:19|20)\d{2}-\d{5,}$"#)

    static func matches(_ regex: NSRegularExpression, _ text: String) -> Bool {
        regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    /// Whether `text` has the shape of a Regulations.gov docket ID such as `OMB-2023-0020`.
    public static func isDocketID(_ text: String) -> Bool {
        if let groups = simpleGroups(text) { return !groups }
        return matches(docket, text) && !isDocumentID(text)
    }

    /// A document (or comment) ID is a docket ID followed by `-NNNN…`.
    public static func isDocumentID(_ text: String) -> Bool {
        if let groups = simpleGroups(text) { return groups }
        guard let dash = text.lastIndex(of: "-") else { return false }
        let sequence = text[text.index(after: dash)...]
        return sequence.count >= 4 && sequence.allSatisfy(\.isASCIIDigit) && matches(docket, String(text[..<dash]))
    }

    /// The docket a document ID belongs to: the ID without its last segment.
    public static func docketID(ofDocument document: String) -> String? {
        guard let dash = document.lastIndex(of: "-") else { return nil }
        return String(document[..<dash])
    }

    /// For IDs of the simple form: true if it has the document segment, false if not; nil if the
    /// simple form does not apply.
    private static func simpleGroups(_ text: String) -> Bool? {
        guard let match = simpleDocketOrDocument.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) else { return nil }
        return match.range(at: 1).location != NSNotFound
    }

    static func classify(_ token: String) -> Citation.Instrument? {
        if matches(dhsInventory, token) { return .dhsInventory }
        if isDocumentID(token) { return .regulationsGovDocument }
        if isDocketID(token) { return .regulationsGovDocket }
        // No official grammar exists, so an ID of an unseen shape is still taken as one; the
        // check warns that it matches no known pattern.
        if looksLikeRegulationsGovID(token) { return .regulationsGovDocket }
        return nil
    }

    /// Upper-case letters, digits, hyphens and underscores, with at least one hyphen or
    /// underscore and one digit: `EPA-HQ-2021`, `NPS_FRDOC_01`.
    public static func looksLikeRegulationsGovID(_ token: String) -> Bool {
        guard let first = token.first, first.isUppercase, first.isASCII else { return false }
        let allowed = token.allSatisfy { $0.isASCII && ($0.isUppercase || $0.isNumber || $0 == "-" || $0 == "_") }
        return allowed && token.contains(where: \.isNumber) && token.contains(where: { $0 == "-" || $0 == "_" })
    }

    /// Whether `token` has the shape of a docket or document ID seen in the research.
    public static func matchesKnownPattern(_ token: String) -> Bool {
        isDocketID(token) || isDocumentID(token)
    }
}

extension Character {
    package var isASCIIDigit: Bool { isASCII && isNumber }
}
