import DocketSupport
import Foundation

/// Reads the citation forms of the research's identifier table. The grammar is ours, small and
/// fixed, so a hand-written scanner gives exact error offsets and costs no regex engine per call.
///
/// Grammar (spaces flexible, canonical spelling shown):
/// - `OMB M-24-10 §5(c)(iv)(A)`, `OMB M-24-10 App. I`, `OMB M-25-21 App. §4(b)(vi)`,
///   `OMB M-25-22 §3 "Protect Privacy"`, `OMB M-24-18`
/// - `OMB 2025 AI Reporting Guidance §1(b)`, `OMB 2024 AI Reporting Guidance §III(c)`
/// - `OMB 2023 Draft AI Memorandum` (a draft posted for comment; sections only where recorded)
/// - `EU AI Act Art. 5(1)(e)`, `EU AI Act Annex III point 7(b)`, `EU AI Act Annex VIII Section A`,
///   `EU AI Act Recital 60`, `EU AI Act Chapter III Section 4`
/// - `NIST AI RMF MAP 5.1` (or `NIST AI 100-1 MAP 5.1`), `NIST AI RMF GOVERN 1`
/// - `88 FR 75625`, `FR Doc. 2023-24269`, `OMB-2023-0020`, `OMB-2023-0020-0198`, `DHS-2408`
public enum CitationParser {
    /// One citation of each form the grammar reads, for messages and tests.
    public static let examples = [
        "OMB M-24-10 §5(c)(iv)(A)", "OMB M-25-21 App. §4(b)(vi)", "EU AI Act Art. 5(1)(e)", "EU AI Act Annex III point 7(b)", "NIST AI RMF MAP 5.1", "88 FR 75625", "DHS-2408",
    ]

    /// Parses a citation as a person writes it; the error says what is wrong and at which UTF-8 offset.
    public static func parse(_ text: String) -> Result<Citation, CitationSyntaxError> {
        var cursor = Cursor(text)
        cursor.skipSpaces()
        do {
            let citation: Citation
            if cursor.consume("OMB ") {
                citation = try parseOMB(&cursor)
            } else if cursor.consume("EU AI Act") {
                citation = try parseEUAIAct(&cursor)
            } else if cursor.consume("NIST AI RMF") || cursor.consume("NIST AI 100-1") {
                citation = try parseNIST(&cursor)
            } else if cursor.consume("FR Doc.") || cursor.consume("FR Doc") {
                citation = try parseFRDocument(&cursor)
            } else if let pageCitation = try parseFederalRegisterPage(&cursor) {
                citation = pageCitation
            } else if let identifier = parseIdentifier(&cursor) {
                citation = identifier
            } else {
                throw cursor.error("not a citation form DocketKit knows; write it like \(examples.prefix(4).map { "'\($0)'" }.joined(separator: ", "))")
            }
            cursor.skipSpaces()
            guard cursor.atEnd else { throw cursor.error("unexpected text '\(cursor.rest)' after the citation") }
            return .success(citation)
        } catch let error as CitationSyntaxError {
            return .failure(error)
        } catch {
            return .failure(CitationSyntaxError(message: "\(error)", offset: 0))
        }
    }

    // MARK: OMB memoranda

    private static func parseOMB(_ cursor: inout Cursor) throws -> Citation {
        cursor.skipSpaces()
        if let year = cursor.digits(count: 4) { return try parseReportingGuidance(&cursor, year: Int(year)!) }
        guard cursor.consume("M-"), let year = cursor.digits(count: 2), cursor.consume("-"), let number = cursor.digits(count: 2) else {
            throw cursor.error("an OMB memorandum is written 'OMB M-YY-NN', e.g. 'OMB M-24-10'")
        }
        let instrument = Citation.Instrument.ombMemo("M-\(year)-\(number)")
        cursor.skipSpaces()
        if cursor.atEnd { return Citation(instrument: instrument, pinpoint: .whole) }
        if cursor.consume("App.") || cursor.consume("Appendix") {
            cursor.skipSpaces()
            if cursor.consume("§") || cursor.consume("Section ") {
                let (section, parts) = try sectionNumber(&cursor)
                return Citation(instrument: instrument, pinpoint: .appendixSection(section, parts))
            }
            guard let numeral = cursor.romanNumeral() else {
                throw cursor.error("write an appendix as 'App. I' or an appendix section as 'App. §4(b)'")
            }
            return Citation(instrument: instrument, pinpoint: .appendix(numeral))
        }
        guard cursor.consume("§") || cursor.consume("Section ") || cursor.consume("Sec. ") else {
            throw cursor.error("expected '§' and a section number, or 'App.', after the memorandum number")
        }
        let (section, parts) = try sectionNumber(&cursor)
        cursor.skipSpaces()
        if let heading = try quotedHeading(&cursor) {
            guard parts.isEmpty else { throw cursor.error("cite an item either by letter or by heading, not both") }
            return Citation(instrument: instrument, pinpoint: .sectionHeading(section, heading))
        }
        return Citation(instrument: instrument, pinpoint: .section(section, parts))
    }

    /// `2025 AI Reporting Guidance §1(b)`: sections are numbered in digits or Roman numerals.
    private static func parseReportingGuidance(_ cursor: inout Cursor, year: Int) throws -> Citation {
        cursor.skipSpaces()
        if cursor.consume("Draft AI Memorandum") {
            let instrument = Citation.Instrument.ombDraftMemorandum(year: year)
            cursor.skipSpaces()
            if cursor.atEnd { return Citation(instrument: instrument, pinpoint: .whole) }
            guard cursor.consume("§") || cursor.consume("Section ") else { throw cursor.error("expected '§' and a section number after the draft's name") }
            let (section, parts) = try sectionNumber(&cursor)
            return Citation(instrument: instrument, pinpoint: .section(section, parts))
        }
        guard cursor.consume("AI Reporting Guidance") else {
            throw cursor.error("OMB's inventory guidance is written 'OMB \(year) AI Reporting Guidance', e.g. 'OMB 2025 AI Reporting Guidance §1(b)'; a draft memorandum 'OMB \(year) Draft AI Memorandum'")
        }
        let instrument = Citation.Instrument.ombReportingGuidance(year: year)
        cursor.skipSpaces()
        if cursor.atEnd { return Citation(instrument: instrument, pinpoint: .whole) }
        guard cursor.consume("§") || cursor.consume("Section ") else { throw cursor.error("expected '§' and a section number after the guidance's name") }
        cursor.skipSpaces()
        if let numeral = cursor.romanNumeral() {
            return Citation(instrument: instrument, pinpoint: .romanSection(numeral, try subdivisions(&cursor)))
        }
        let (section, parts) = try sectionNumber(&cursor)
        return Citation(instrument: instrument, pinpoint: .section(section, parts))
    }

    private static func sectionNumber(_ cursor: inout Cursor) throws -> (Int, [String]) {
        cursor.skipSpaces()
        guard let section = cursor.integer() else { throw cursor.error("expected a section number after '§'") }
        return (section, try subdivisions(&cursor))
    }

    /// `(c)(iv)(A)` → ["c", "iv", "A"]. Parenthesized groups must be letters or digits.
    private static func subdivisions(_ cursor: inout Cursor) throws -> [String] {
        var parts: [String] = []
        while cursor.consume("(") {
            let token = cursor.take { $0.properties.isAlphabetic || ("0"..."9").contains($0) }
            guard !token.isEmpty else { throw cursor.error("expected a letter, numeral or number inside '( )'") }
            guard cursor.consume(")") else { throw cursor.error("expected ')' to close '(\(token)'") }
            parts.append(token)
        }
        return parts
    }

    private static func quotedHeading(_ cursor: inout Cursor) throws -> String? {
        let closers: [Character: Character] = ["\"": "\"", "“": "”"]
        guard let opener = cursor.peek, let closer = closers[opener] else { return nil }
        let start = cursor
        cursor.advance()
        let heading = cursor.take { $0 != Unicode.Scalar(String(closer))! }
        guard cursor.consume(String(closer)) else { throw start.error("heading opened here is never closed with \(closer)") }
        let trimmed = heading.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw start.error("heading must not be empty") }
        return trimmed
    }

    // MARK: EU AI Act

    private static func parseEUAIAct(_ cursor: inout Cursor) throws -> Citation {
        cursor.skipSpaces()
        if cursor.atEnd { return Citation(instrument: .euAIAct, pinpoint: .whole) }
        if cursor.consume("Art.") || cursor.consume("Article") {
            cursor.skipSpaces()
            guard let article = cursor.integer() else { throw cursor.error("expected an article number after 'Art.'") }
            return Citation(instrument: .euAIAct, pinpoint: .article(article, try subdivisions(&cursor)))
        }
        if cursor.consume("Annex") {
            cursor.skipSpaces()
            guard let annex = cursor.romanNumeral() else { throw cursor.error("annexes are numbered in Roman numerals, e.g. 'Annex III'") }
            cursor.skipSpaces()
            var point: Int?
            var letter: String?
            var section: String?
            if cursor.consume("point") {
                cursor.skipSpaces()
                guard let number = cursor.integer() else { throw cursor.error("expected a point number after 'point'") }
                point = number
                let parts = try subdivisions(&cursor)
                if parts.count > 1 { throw cursor.error("a point takes at most one letter, e.g. 'point 7(b)'") }
                letter = parts.first
            } else if cursor.consume("Section") {
                cursor.skipSpaces()
                let name = cursor.take { $0.properties.isUppercase }
                guard !name.isEmpty else { throw cursor.error("expected a section letter, e.g. 'Section A'") }
                section = name
            }
            return Citation(instrument: .euAIAct, pinpoint: .annex(annex, point: point, letter: letter, section: section))
        }
        if cursor.consume("Recital") {
            cursor.skipSpaces()
            guard let number = cursor.integer() else { throw cursor.error("expected a recital number") }
            return Citation(instrument: .euAIAct, pinpoint: .recital(number))
        }
        if cursor.consume("Chapter") {
            cursor.skipSpaces()
            guard let chapter = cursor.romanNumeral() else { throw cursor.error("chapters are numbered in Roman numerals, e.g. 'Chapter III'") }
            cursor.skipSpaces()
            var section: Int?
            if cursor.consume("Section") {
                cursor.skipSpaces()
                guard let number = cursor.integer() else { throw cursor.error("expected a section number") }
                section = number
            }
            return Citation(instrument: .euAIAct, pinpoint: .chapter(chapter, section: section))
        }
        throw cursor.error("expected 'Art.', 'Annex', 'Recital' or 'Chapter' after 'EU AI Act'")
    }

    // MARK: NIST AI RMF

    private static func parseNIST(_ cursor: inout Cursor) throws -> Citation {
        cursor.skipSpaces()
        if cursor.atEnd { return Citation(instrument: .nistAIRMF, pinpoint: .whole) }
        let functionStart = cursor
        let function = cursor.take { $0.properties.isAlphabetic }
        guard ["GOVERN", "MAP", "MEASURE", "MANAGE"].contains(function) else {
            throw functionStart.error("expected a function in upper case: GOVERN, MAP, MEASURE or MANAGE")
        }
        cursor.skipSpaces()
        guard let category = cursor.integer() else { throw cursor.error("expected a category number, e.g. '\(function) 1'") }
        var subcategory: Int?
        if cursor.consume(".") {
            guard let number = cursor.integer() else { throw cursor.error("expected a subcategory number after '.'") }
            subcategory = number
        }
        return Citation(instrument: .nistAIRMF, pinpoint: .nist(function: function, category: category, subcategory: subcategory))
    }

    // MARK: Federal Register and identifiers

    private static func parseFRDocument(_ cursor: inout Cursor) throws -> Citation {
        cursor.skipSpaces()
        guard let year = cursor.digits(count: 4), cursor.consume("-") else {
            throw cursor.error("an FR document number is written 'YYYY-NNNNN', e.g. 'FR Doc. 2023-24269'")
        }
        let serialStart = cursor
        let serial = cursor.take { ("0"..."9").contains($0) }
        guard serial.count >= 5 else { throw serialStart.error("an FR document number ends in at least five digits, e.g. '2023-24269'") }
        return Citation(instrument: .federalRegisterDocument, pinpoint: .identifier("\(year)-\(serial)"))
    }

    private static func parseFederalRegisterPage(_ cursor: inout Cursor) throws -> Citation? {
        var lookahead = cursor
        guard let volume = lookahead.integer() else { return nil }
        lookahead.skipSpaces()
        guard lookahead.consume("FR") else { return nil }
        lookahead.skipSpaces()
        guard let page = lookahead.integer() else { throw lookahead.error("expected a page number, e.g. '88 FR 75625'") }
        cursor = lookahead
        return Citation(instrument: .federalRegister, pinpoint: .page(volume: volume, page: page))
    }

    private static func parseIdentifier(_ cursor: inout Cursor) -> Citation? {
        let token = String(cursor.rest).trimmingCharacters(in: .whitespaces)
        guard let kind = IdentifierPatterns.classify(token) else { return nil }
        cursor.skipToEnd()
        return Citation(instrument: kind, pinpoint: .identifier(token))
    }
}

/// A position in the text being parsed. Small and copyable so a parse can look ahead and back off.
struct Cursor {
    let text: String
    private(set) var index: String.UnicodeScalarView.Index

    init(_ text: String) {
        self.text = text
        self.index = text.unicodeScalars.startIndex
    }

    var atEnd: Bool { index == text.unicodeScalars.endIndex }
    var rest: Substring { text.unicodeScalars[index...].isEmpty ? "" : Substring(text.unicodeScalars[index...]) }
    var offset: Int { text.utf8.distance(from: text.utf8.startIndex, to: index) }
    var peek: Character? { atEnd ? nil : Character(text.unicodeScalars[index]) }

    mutating func advance() { index = text.unicodeScalars.index(after: index) }
    mutating func skipToEnd() { index = text.unicodeScalars.endIndex }

    mutating func skipSpaces() {
        while !atEnd, text.unicodeScalars[index].properties.isWhitespace { advance() }
    }

    mutating func consume(_ literal: String) -> Bool {
        guard text.unicodeScalars[index...].starts(with: literal.unicodeScalars) else { return false }
        index = text.unicodeScalars.index(index, offsetBy: literal.unicodeScalars.count)
        return true
    }

    mutating func take(while predicate: (Unicode.Scalar) -> Bool) -> String {
        var scalars = String.UnicodeScalarView()
        while !atEnd, predicate(text.unicodeScalars[index]) {
            scalars.append(text.unicodeScalars[index])
            advance()
        }
        return String(scalars)
    }

    mutating func integer() -> Int? {
        let digits = take { ("0"..."9").contains($0) }
        return digits.isEmpty || digits.count > 9 ? nil : Int(digits)
    }

    mutating func digits(count: Int) -> String? {
        var lookahead = self
        let digits = lookahead.take { ("0"..."9").contains($0) }
        guard digits.count == count else { return nil }
        self = lookahead
        return digits
    }

    mutating func romanNumeral() -> String? {
        let numeral = take { "IVXLC".unicodeScalars.contains($0) }
        return numeral.isEmpty ? nil : numeral
    }

    func error(_ message: String) -> CitationSyntaxError {
        CitationSyntaxError(message: message, offset: offset)
    }
}
