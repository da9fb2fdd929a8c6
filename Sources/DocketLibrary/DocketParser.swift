import DocketCitations
import DocketModel
import DocketSupport
import Foundation
import Yams

/// Reads `docket.yml`.
public enum DocketParser {
    static let keys = FileFormats.docket.keys
    static let fetchedKeys = FileFormats.docket.keys(of: "fetched")
    static let confirmationKeys = FileFormats.docket.keys(of: "confirmed")
    static let questionKeys = FileFormats.docket.keys(of: "questions")

    /// A docket from `docket.yml`, with every problem located.
    public static func parse(_ file: SourceFile) -> (Docket?, [Diagnostic]) {
        let (root, reader) = LibraryFileParser.parseYAML(file, expected: "docket fields (key: value)")
        guard let mapping = root else { return (nil, reader.diagnostics) }
        let owner = SourceRange(file.location(line: 1))
        let context = "docket"
        reader.checkKeys(of: mapping, allowed: keys, in: context)

        let id = reader.string("id", in: mapping, required: true, context: context, at: owner)
        if let id, !IdentifierPatterns.isDocketID(id.value) {
            let hint =
                IdentifierPatterns.isDocumentID(id.value)
                ? "; it looks like a document ID: put it under 'document' and its docket '\(IdentifierPatterns.docketID(ofDocument: id.value) ?? "")' here" : ""
            reader.add(.warning(.identifierPatternMismatch, "'\(id.value)' does not look like a Regulations.gov docket ID such as 'OMB-2023-0020'\(hint)", at: id.range))
        }
        let document = reader.string("document", in: mapping, required: false, context: context, at: owner)
        if let document, let id {
            if IdentifierPatterns.isDocketID(document.value) {
                reader.add(
                    .error(
                        .docketIDForDocument,
                        "'\(document.value)' is a docket ID; 'document' takes the ID of the document the comment is filed on (commentOnDocumentId), a docket ID followed by '-NNNN' such as '\(document.value)-0001'",
                        at: document.range))
            } else if !IdentifierPatterns.isDocumentID(document.value) {
                reader.add(
                    .warning(
                        .identifierPatternMismatch,
                        "'\(document.value)' does not look like a Regulations.gov document ID: the docket ID followed by '-NNNN', e.g. '\(id.value)-0001'", at: document.range))
            } else if IdentifierPatterns.docketID(ofDocument: document.value) != id.value {
                reader.add(
                    .error(
                        .documentNotInDocket, "document '\(document.value)' does not belong to docket '\(id.value)': a document ID is its docket ID followed by '-NNNN'",
                        at: document.range))
            }
        }
        let agency = reader.string("agency", in: mapping, required: true, context: context, at: owner)
        let agencyName = reader.string("agencyName", in: mapping, required: false, context: context, at: owner)
        let title = reader.string("title", in: mapping, required: true, context: context, at: owner)
        let frCitation = reader.string("federalRegister", in: mapping, required: false, context: context, at: owner)
        let frDocument = reader.string("frDocument", in: mapping, required: false, context: context, at: owner)
        let rin = reader.string("rin", in: mapping, required: false, context: context, at: owner)
        let published = reader.string("published", in: mapping, required: false, context: context, at: owner)
        var publishedOn: CalendarDate?
        if let published {
            publishedOn = CalendarDate(iso: published.value)
            if publishedOn == nil { reader.add(.error(.invalidValue, "'published' must be a date written YYYY-MM-DD", at: published.range)) }
        }
        let closeText = reader.string("commentsClose", in: mapping, required: false, context: context, at: owner)
        var close: Located<Date>?
        if let closeText {
            if let date = Timestamp.date(from: closeText.value) {
                close = Located(date, at: closeText.range)
            } else {
                reader.add(
                    .error(
                        .invalidValue, "'commentsClose' must be a real date and time with its zone, e.g. 2023-12-05T23:59:00-05:00 (agencies usually close at 11:59 pm Eastern)",
                        at: closeText.range))
            }
        }
        let openText = reader.string("commentsOpen", in: mapping, required: false, context: context, at: owner)
        if let openText, Timestamp.date(from: openText.value) == nil {
            reader.add(.error(.invalidValue, "'commentsOpen' must be a real date and time with its zone, e.g. 2023-11-03T00:00:00-04:00", at: openText.range))
        }
        let objectID = reader.string("objectId", in: mapping, required: false, context: context, at: owner)
        checkFetched(in: mapping, reader: reader)
        let questions = parseQuestions(in: mapping, reader: reader)
        let confirmations = parseConfirmations(in: mapping, reader: reader)

        guard let id, let agency, let title, !reader.diagnostics.hasErrors else { return (nil, reader.diagnostics) }
        var docket = Docket(
            id: id, documentID: document, agency: agency.value, agencyName: agencyName?.value, title: title.value,
            federalRegisterCitation: frCitation.map { CitedAuthority(parsing: $0) },
            federalRegisterDocument: frDocument.map { CitedAuthority(parsing: Located("FR Doc. " + $0.value.replacingOccurrences(of: "FR Doc. ", with: ""), at: $0.range)) },
            rin: rin?.value, publishedOn: publishedOn, commentsClose: close, commentsCloseText: closeText?.value,
            questions: questions, source: owner)
        docket.confirmations = confirmations
        docket.commentsOpenText = openText?.value
        docket.objectID = objectID?.value
        return (docket, reader.diagnostics)
    }

    /// `fetched:` records where `docket fetch` read each field: `key: { from: URL, at: time }`.
    private static func checkFetched(in mapping: Node.Mapping, reader: YAMLReader) {
        guard let node = mapping["fetched"], !reader.isNull(node), let entries = reader.mapping(node, expected: "fields with where they were fetched from") else { return }
        for (key, value) in entries {
            guard let field = reader.string(key, field: "fetched field") else { continue }
            guard let source = reader.mapping(value, expected: "'{ from: URL, at: time }'") else { continue }
            reader.checkKeys(of: source, allowed: fetchedKeys, in: "fetched '\(field.value)'")
            let range = reader.range(of: value)
            if let from = reader.string("from", in: source, required: true, context: "fetched '\(field.value)'", at: range), !from.value.hasPrefix("https://"), !from.value.hasPrefix("http://") {
                reader.add(.error(.invalidValue, "'from' must be the URL '\(field.value)' was read from", at: from.range))
            }
            if let at = reader.string("at", in: source, required: true, context: "fetched '\(field.value)'", at: range), Timestamp.date(from: at.value) == nil {
                reader.add(.error(.invalidValue, "'at' must be the time it was read, e.g. 2026-01-15T17:00:00Z", at: at.range))
            }
        }
    }

    /// `confirmed:` entries: `id`, `by`, `on` (a date), `at` (where it was checked), each
    /// required, so a confirmation always says who to ask.
    private static func parseConfirmations(in mapping: Node.Mapping, reader: YAMLReader) -> [Confirmation] {
        guard let sequence = reader.sequence("confirmed", in: mapping) else { return [] }
        return sequence.compactMap { item in
            guard let entry = reader.mapping(item, expected: "a confirmation: '- id: …' with 'by', 'on' and 'at'") else { return nil }
            reader.checkKeys(of: entry, allowed: confirmationKeys, in: "a confirmation")
            let range = reader.range(of: item)
            let id = reader.string("id", in: entry, required: true, context: "confirmation", at: range)
            let by = reader.string("by", in: entry, required: true, context: "confirmation", at: range)
            let on = reader.string("on", in: entry, required: true, context: "confirmation", at: range)
            let at = reader.string("at", in: entry, required: true, context: "confirmation", at: range)
            guard let id, let by, let on, let at else { return nil }
            guard let date = CalendarDate(iso: on.value) else {
                reader.add(.error(.invalidValue, "'on' must be the date it was confirmed, written YYYY-MM-DD", at: on.range))
                return nil
            }
            guard at.value.hasPrefix("https://") || at.value.hasPrefix("http://") else {
                reader.add(.error(.invalidValue, "'at' must be the address of the page where '\(id.value)' was checked", at: at.range))
                return nil
            }
            return Confirmation(identifier: id.value, confirmedBy: by.value, confirmedOn: date, source: at.value, range: id.range)
        }
    }

    private static func parseQuestions(in mapping: Node.Mapping, reader: YAMLReader) -> [DocketQuestion] {
        guard let sequence = reader.sequence("questions", in: mapping) else { return [] }
        var seen: [Int: SourceRange] = [:]
        return sequence.compactMap { item in
            guard let entry = reader.mapping(item, expected: "a question: '- number: 1' with 'text: …'") else { return nil }
            reader.checkKeys(of: entry, allowed: questionKeys, in: "a docket question")
            let range = reader.range(of: item)
            let number = reader.integer("number", in: entry, required: true, context: "question", at: range)
            let text = reader.string("text", in: entry, required: true, context: "question", at: range)
            guard let number, let text else { return nil }
            if let first = seen[number.value] {
                reader.add(.error(.duplicateID, "question \(number.value) is listed twice (first at line \(first.start.line))", at: number.range))
                return nil
            }
            seen[number.value] = number.range
            return DocketQuestion(number: number.value, text: text.value, range: number.range)
        }
    }
}
