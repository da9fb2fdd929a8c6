import DocketAPI
import DocketLibrary
import DocketModel
import DocketSupport
import Foundation

/// `docket fetch`: a docket's fields from their sources, Regulations.gov for the docket and the
/// document open for comment, the Federal Register for the notice, each recorded in `docket.yml`
/// with the URL it came from and when. Fetched identifiers count as confirmed.
public enum DocketFetch {
    /// One field as fetched.
    public struct Field: Sendable, Hashable {
        /// The `docket.yml` key.
        public var key: String
        public var value: String
        public var source: URL
    }

    /// Everything one fetch learned.
    public struct Fetched: Sendable {
        public var docketID: String
        public var fields: [Field]
        public var questions: [(number: Int, text: String)]
        public var questionsSource: URL?
        /// The notice's own text, which `docket comments campaigns` strikes from the comments
        /// it compares (commenters quote the rule).
        public var noticeText: String?
        /// Whether Regulations.gov says the document is open for comment now.
        public var isOpen: Bool
        public var retrievedAt: Date
        /// What had to change in the values fetched before they could be written: a control
        /// character dropped, a title cut.
        public var notes: [String] = []

        public func value(_ key: String) -> String? { fields.first { $0.key == key }?.value }
    }

    /// A field whose fetched value differs from the docket file's.
    public struct Change: Sendable, Hashable {
        public var key: String
        public var old: String?
        public var new: String
    }

    /// Fetches `docketID` from Regulations.gov and, when the open document names one, its
    /// Federal Register notice.
    public static func fetch(_ docketID: String, from regulations: RegulationsGov, federalRegister: FederalRegister, now: Date) async throws(APIFailure) -> Fetched {
        let docketURL = regulations.baseURL.appendingPathComponent("dockets/\(docketID)")
        let documentsURL = URL(string: regulations.baseURL.absoluteString + "/documents?filter%5BdocketId%5D=\(docketID)")!
        let docket = try await regulations.docket(docketID)
        let documents = try await regulations.documents(inDocket: docketID)
        // The document comments are filed on: the one open now, else the latest with a period.
        let open = documents.filter(\.openForComment)
        let withPeriod = documents.filter { $0.commentEnd != nil }.sorted { ($0.commentEnd ?? .distantPast) < ($1.commentEnd ?? .distantPast) }
        guard let document = open.last ?? withPeriod.last ?? documents.last else {
            throw APIFailure("Regulations.gov lists no document in docket \(docketID) to comment on")
        }
        var fields: [Field] = [Field(key: "id", value: docketID, source: docketURL)]
        fields.append(Field(key: "document", value: document.id, source: documentsURL))
        if let objectID = document.objectID { fields.append(Field(key: "objectId", value: objectID, source: documentsURL)) }
        if let agency = docket.agencyID ?? agency(ofDocket: docketID) { fields.append(Field(key: "agency", value: agency, source: docketURL)) }
        if let title = docket.title ?? document.title { fields.append(Field(key: "title", value: title, source: docket.title != nil ? docketURL : documentsURL)) }
        if let rin = docket.rin, !rin.isEmpty, rin != "Not Assigned" { fields.append(Field(key: "rin", value: rin, source: docketURL)) }
        if let start = document.commentStart { fields.append(Field(key: "commentsOpen", value: Timestamp.easternString(from: start), source: documentsURL)) }
        if let end = document.commentEnd { fields.append(Field(key: "commentsClose", value: Timestamp.easternString(from: end), source: documentsURL)) }

        var questions: [(number: Int, text: String)] = []
        var questionsSource: URL?
        var noticeText: String?
        if let number = document.frDocumentNumber, !number.isEmpty {
            let (notice, noticeURL) = try await federalRegister.document(number)
            fields.append(Field(key: "frDocument", value: notice.documentNumber, source: noticeURL))
            if let citation = notice.citation { fields.append(Field(key: "federalRegister", value: citation, source: noticeURL)) }
            if let published = notice.publicationDate { fields.append(Field(key: "published", value: published, source: noticeURL)) }
            if let name = notice.agencies?.first?.name { fields.append(Field(key: "agencyName", value: name, source: noticeURL)) }
            noticeText = await federalRegister.rawText(of: notice)
            questions = noticeText.map(FederalRegister.numberedQuestions) ?? []
            if !questions.isEmpty { questionsSource = notice.rawTextURL.flatMap(URL.init(string:)) }
        }
        let (checked, notes) = try FetchedText.checked(fields, docketID: docketID)
        var questionNotes: [String] = []
        let cleanQuestions = questions.map { question in
            let (text, note) = FetchedText.cleaned(question.text, limit: FetchedText.longestQuestion)
            if let note { questionNotes.append("question \(question.number) of the notice \(note)") }
            return (number: question.number, text: text)
        }
        // The notice's text keeps its lines; only NUL and the other controls that no text file
        // holds go.
        let cleanNotice = noticeText.map { text in
            String(String.UnicodeScalarView(text.unicodeScalars.filter { $0 == "\n" || $0 == "\t" || $0.properties.generalCategory != .control }))
        }
        return Fetched(
            docketID: docketID, fields: checked, questions: cleanQuestions, questionsSource: questionsSource, noticeText: cleanNotice, isOpen: document.openForComment,
            retrievedAt: now, notes: notes + questionNotes)
    }

    /// The agency part of a docket ID, `OMB` of `OMB-2023-0020`, when the API gives none.
    static func agency(ofDocket id: String) -> String? {
        id.split(separator: "-").first.map(String.init)
    }

    /// The docket file for `fetched`, keeping from `existing` what a fetch does not supply: the
    /// lead's own confirmations, and questions when the notice numbered none.
    public static func yaml(_ fetched: Fetched, keeping existing: Docket?) -> String {
        let at = Timestamp.string(from: fetched.retrievedAt)
        var lines = [
            "# Fetched by 'docket fetch \(fetched.docketID)' at \(at); 'fetched' below says where each field came from.",
            "# The document was \(fetched.isOpen ? "open" : "closed") for comment then.",
        ]
        for field in fetched.fields { lines.append("\(field.key): \(quoted(field.value))") }
        if !fetched.questions.isEmpty {
            lines.append("# The notice's numbered questions, as printed.")
            lines.append("questions:")
            for question in fetched.questions { lines += ["  - number: \(question.number)", "    text: \(quoted(question.text))"] }
        } else if let existing, !existing.questions.isEmpty {
            lines.append("questions:")
            for question in existing.questions { lines += ["  - number: \(question.number)", "    text: \(quoted(question.text))"] }
        }
        lines.append("fetched:")
        for field in fetched.fields { lines.append("  \(field.key): { from: \(quoted(field.source.absoluteString)), at: \(quoted(at)) }") }
        if let source = fetched.questionsSource { lines.append("  questions: { from: \(quoted(source.absoluteString)), at: \(quoted(at)) }") }
        // Identifiers read from their source need no person to confirm them.
        let day = Timestamp.string(from: fetched.retrievedAt).prefix(10)
        var confirmations = fetched.fields.filter { ["id", "document", "federalRegister", "frDocument"].contains($0.key) }.map { field in
            (id: field.key == "frDocument" ? "FR Doc. \(field.value)" : field.value, by: "docket fetch", on: String(day), at: field.source.absoluteString)
        }
        let fetchedIDs = Set(confirmations.map(\.id))
        for kept in existing?.confirmations ?? [] where !fetchedIDs.contains(kept.identifier) && kept.confirmedBy != "docket fetch" {
            confirmations.append((kept.identifier, kept.confirmedBy, kept.confirmedOn.description, kept.source))
        }
        lines.append("confirmed:")
        for entry in confirmations {
            lines += ["  - id: \(quoted(entry.id))", "    by: \(quoted(entry.by))", "    on: \(entry.on)", "    at: \(quoted(entry.at))"]
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// How the fetched fields differ from `existing`'s.
    public static func changes(from existing: Docket, to fetched: Fetched) -> [Change] {
        let current: [String: String?] = [
            "document": existing.documentID?.value, "agency": existing.agency, "agencyName": existing.agencyName, "title": existing.title,
            "federalRegister": existing.federalRegisterCitation?.text.value,
            "frDocument": existing.federalRegisterDocument?.citation?.canonical.replacingOccurrences(of: "FR Doc. ", with: ""),
            "rin": existing.rin, "published": existing.publishedOn?.description, "commentsClose": existing.commentsCloseText, "commentsOpen": existing.commentsOpenText,
            "objectId": existing.objectID,
        ]
        return fetched.fields.compactMap { field in
            guard let old = current[field.key] else { return nil }
            return old == field.value ? nil : Change(key: field.key, old: old, new: field.value)
        }
    }

    /// A YAML scalar that reads back as the same string.
    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "\n", with: " ") + "\""
    }
}

extension DocketFetch {
    /// What `docket fetch` did to a campaign's `docket.yml`.
    public struct Update: Sendable {
        /// The fields whose fetched value differs from the file's; empty for a new file.
        public var changes: [Change]
        /// Whether the file was written: it was new, or the changes were applied.
        public var wrote: Bool
    }

    /// The campaign's `docket.yml` as it is, before anything is fetched: nil when there is
    /// none; its own diagnostics when it does not load, so a broken file stops the fetch
    /// before any request is made.
    public static func existingDocket(at url: URL, displayPath: String) -> Outcome<Docket> {
        guard FileManager.default.fileExists(atPath: url.path) else { return Outcome(DiagnosticCollector(), files: [], sources: [:]) }
        let (file, problems) = SourceFileReader.read(path: url.path, displayPath: displayPath)
        guard let file else { return Outcome(DiagnosticCollector(problems), files: [displayPath], sources: [:]) }
        let (docket, diagnostics) = DocketParser.parse(file)
        var collected = DiagnosticCollector(diagnostics)
        if docket == nil, !collected.hasErrors { collected.emit(.error(.unreadableFile, "does not load as a docket", at: .file(displayPath))) }
        return Outcome(collected, files: [displayPath], sources: [displayPath: file], value: docket)
    }

    /// Writes `fetched` into the `docket.yml` at `url`: a new file at once; an existing one
    /// (`existing`) only when `apply` says so, keeping what the lead wrote by hand.
    public static func update(_ url: URL, existing: Docket?, with fetched: Fetched, apply: Bool) throws(Diagnostic) -> Update {
        let changes = existing.map { Self.changes(from: $0, to: fetched) } ?? []
        guard existing == nil || (apply && !changes.isEmpty) else { return Update(changes: changes, wrote: false) }
        do {
            try AtomicWriter.write([(url.lastPathComponent, Data(yaml(fetched, keeping: existing).utf8))], into: url.deletingLastPathComponent())
        } catch {
            throw error.diagnostic
        }
        return Update(changes: changes, wrote: true)
    }
}
