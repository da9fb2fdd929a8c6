import DocketAPI
import Foundation

/// What an API answers is data, not trust: before a fetched value is written into `docket.yml`
/// it must be what its key says. An identifier that does not match its pattern stops the
/// fetch; free text loses any control character (which YAML and the docket file refuse) and is
/// cut to a length no real title reaches, and the fetch says so.
enum FetchedText {
    /// The forms identifiers take on Regulations.gov and the Federal Register.
    static let patterns: [String: String] = [
        "id": #"^[A-Z][A-Za-z0-9]{1,15}(-[A-Za-z0-9]{1,20}){1,6}$"#,
        "document": #"^[A-Z][A-Za-z0-9]{1,15}(-[A-Za-z0-9]{1,20}){2,7}$"#,
        "objectId": #"^[0-9a-f]{16}$"#,
        "agency": #"^[A-Z][A-Z0-9]{0,15}$"#,
        "rin": #"^[0-9]{4}-[A-Z0-9]{4}$"#,
        // 2023-24269, and the older E9-12345 and C1-2023-1234.
        "frDocument": #"^[A-Z0-9]{1,4}(-[A-Z0-9]{1,8}){1,3}$"#,
        "federalRegister": #"^[0-9]{1,3} FR [0-9]{1,6}$"#,
        "published": #"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"#,
    ]
    /// The docket and notice titles and the agency's name: the API documents no limit, and the
    /// longest titles on Regulations.gov run to a few hundred characters.
    static let longestText = 2_000
    /// A numbered question of the notice.
    static let longestQuestion = 5_000

    /// `fields` as they may be written, and a sentence for each value that had to change.
    static func checked(_ fields: [DocketFetch.Field], docketID: String) throws(APIFailure) -> (fields: [DocketFetch.Field], notes: [String]) {
        var notes: [String] = []
        var result: [DocketFetch.Field] = []
        for var field in fields {
            if let pattern = patterns[field.key] {
                guard field.value.range(of: pattern, options: .regularExpression) != nil else {
                    throw APIFailure("\(field.source.host ?? "the API") sent \(shown(field.value)) as the \(field.key) of \(docketID), which is not one; nothing was written")
                }
            } else if field.key != "commentsOpen" && field.key != "commentsClose" {
                let (clean, note) = cleaned(field.value, limit: longestText)
                if let note { notes.append("the \(field.key) \(field.source.host ?? "the API") sent \(note)") }
                field.value = clean
            }
            result.append(field)
        }
        return (result, notes)
    }

    /// `text` without control characters (each a space, runs of spaces one) and cut to
    /// `limit` characters; the note says what changed.
    static func cleaned(_ text: String, limit: Int) -> (String, String?) {
        var changes: [String] = []
        var scalars = String.UnicodeScalarView()
        var controls = 0
        for scalar in text.unicodeScalars {
            if scalar.properties.generalCategory == .control || scalar == "\u{2028}" || scalar == "\u{2029}" || scalar == "\u{FEFF}" {
                controls += 1
                if scalars.last != " " { scalars.append(" ") }
            } else {
                scalars.append(scalar)
            }
        }
        var clean = String(scalars)
        // A control beside a space leaves two; one is what was meant.
        if controls > 0 { clean = clean.replacingOccurrences(of: " {2,}", with: " ", options: .regularExpression) }
        clean = clean.trimmingCharacters(in: .whitespaces)
        if controls > 0 { changes.append("held \(controls == 1 ? "a control character" : "\(controls) control characters"), each written as a space") }
        if clean.count > limit {
            changes.append("was \(clean.count) characters long, cut to \(limit)")
            clean = String(clean.prefix(limit))
        }
        return (clean, changes.isEmpty ? nil : changes.joined(separator: " and "))
    }

    /// A value as a message shows it: its first characters, control characters visible.
    static func shown(_ value: String) -> String {
        let visible = value.unicodeScalars.prefix(40).map { $0.properties.generalCategory == .control ? "U+\(String($0.value, radix: 16, uppercase: true))" : String($0) }.joined()
        return "'" + visible + (value.unicodeScalars.count > 40 ? "…" : "") + "'"
    }
}
