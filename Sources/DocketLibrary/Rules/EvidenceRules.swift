import DocketModel
import DocketSupport
import Foundation

/// Holds a recommendation's or clause's factual claims to their evidence: a paragraph that
/// states a fact cites an entry, every cited id is an entry, and every entry is cited.
public enum EvidenceRules {
    /// Reports each factual paragraph that cites no evidence (a warning at its first line), each
    /// `[^id]` that names no entry (an error at the marker) and each entry nothing cites (a
    /// warning at its id).
    public static func check(evidence: [Evidence], paragraphs: [TextParagraph], of what: String, into diagnostics: inout DiagnosticCollector) {
        let ids = Set(evidence.map(\.id.value))
        var cited: Set<String> = []
        for paragraph in paragraphs {
            for marker in paragraph.citedEvidence {
                cited.insert(marker.value)
                if !ids.contains(marker.value) {
                    let known = ids.isEmpty ? "it has no 'evidence:'" : "it has \(ids.sorted().joined(separator: ", "))"
                    diagnostics.emit(.error(.unknownEvidence, "[^\(marker.value)] names no evidence of \(what); \(known)", at: marker.range))
                }
            }
            if paragraph.citedEvidence.isEmpty, let fact = factualSign(in: paragraph.text) {
                diagnostics.emit(
                    .warning(
                        .factWithoutEvidence,
                        "this paragraph states a fact (\(fact)) but cites no evidence; add [^id] after the claim and an 'evidence:' entry with its source, publication date and passage",
                        at: paragraph.range))
            }
        }
        for entry in evidence where !cited.contains(entry.id.value) {
            diagnostics.emit(.warning(.unusedEvidence, "evidence '\(entry.id.value)' is cited by no paragraph of \(what); cite it with [^\(entry.id.value)] or remove it", at: entry.id.range))
        }
    }

    /// What makes a paragraph factual, in words for a message, or nil: an inventory ID, a year,
    /// a sum of money or a percentage, a count of ten or more, or a quotation of two words or
    /// more. Citations of law (`§5(c)`, `Art. 27`, `M-24-10`, `88 FR 75625`) and template tags
    /// are set aside first: they are checked against the registry, not here.
    public static func factualSign(in text: String) -> String? {
        // Every sign needs a digit or a quotation mark; most paragraphs of argument have
        // neither, and skip the expressions entirely.
        guard text.utf8.contains(where: { (0x30...0x39).contains($0) || $0 == 0x22 }) || text.contains("“") else { return nil }
        let whole = NSRange(text.startIndex..., in: text)
        let prose = setAsideExpression.stringByReplacingMatches(in: text, range: whole, withTemplate: " ")
        if let quotation = quotation(in: prose) { return "the quotation \"\(quotation.prefix(40))\"" }
        let range = NSRange(prose.startIndex..., in: prose)
        for (expression, label) in signExpressions {
            if let match = expression.firstMatch(in: prose, range: range), let found = Range(match.range, in: prose) {
                return "\(label) \(prose[found].trimmingCharacters(in: .whitespaces).prefix(40))"
            }
        }
        return nil
    }

    /// Compiled once: a check reads every paragraph of every library file.
    private static let setAsideExpression = try! NSRegularExpression(pattern: setAside.map { "(?:\($0))" }.joined(separator: "|"))
    private static let signExpressions = signs.map { (try! NSRegularExpression(pattern: $0.0), $0.1) }

    /// The first quotation of two words or more, scanned once: a pattern with two unbounded
    /// runs would backtrack without end on a long paragraph with an unclosed quote.
    private static func quotation(in text: String) -> Substring? {
        var rest = text[...]
        while let open = rest.firstIndex(where: { $0 == "\"" || $0 == "“" }) {
            let after = rest[rest.index(after: open)...]
            guard let close = after.firstIndex(where: { $0 == "\"" || $0 == "”" }) else { return nil }
            let quoted = after[..<close]
            if quoted.contains(where: \.isWhitespace), quoted.contains(where: \.isLetter) { return quoted }
            rest = after[after.index(after: close)...]
        }
        return nil
    }

    private static let setAside = [
        #"\{\{[^}]*\}\}"#,
        #"\]\([^)]*\)"#,
        #"https?://\S+"#,
        #"\bM-\d{2}-\d{2}\b"#,
        #"\b\d+ FR \d+(?:[–-]\d+)?"#,
        #"\bFR Doc\. \d{4}-\d+"#,
        #"\b[A-Z]{2,}(?:-[A-Z]+)?-\d{4}-\d{4}(?:-\d{4})?\b"#,
        #"(?:Art\.|Articles?|Recitals?|Annex(?:es)?|points?|Chapter|App\.|Appendix|§§?|No\.|Sections?|paragraphs?)\s*[0-9IVXLC]+[0-9A-Za-z().,–-]*"#,
        #"\b(?:GOVERN|MAP|MEASURE|MANAGE) \d+(?:\.\d+)?"#,
        #"\bNIST AI \d+-\d+"#,
        #"\b(?:EO|E\.O\.|Executive Order) \d+"#,
        #"\b\d+ U\.S\.C\."#,
        #"\b(?:OMB|the) (?:19|20)\d{2} (?:AI )?(?:Reporting )?Guidance"#,
        #"\bRegulation \(EU\) \d{4}/\d+"#,
    ]

    private static let signs: [(String, String)] = [
        (#"\bDHS-P?\d+\b"#, "the inventory ID"),
        (#"\$\s?\d"#, "the sum"),
        (#"\b\d+(?:\.\d+)?\s?(?:%|percent\b)"#, "the figure"),
        (#"\b(?:19|20)\d{2}\b"#, "the year"),
        (#"(?<![\w.(/-])\d{2,}(?:,\d{3})*(?![\w.)/-])"#, "the count"),
    ]
}
