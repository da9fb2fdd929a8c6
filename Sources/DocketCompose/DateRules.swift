import DocketCitations
import DocketLibrary
import DocketModel
import DocketSupport

/// The date a document bears, as of which its authorities and facts are judged: a comment filed
/// in 2023 cannot cite a memorandum of 2025, nor state what a 2025 inventory reported.
public struct DocumentDate: Sendable, Hashable {
    /// The date itself.
    public var date: CalendarDate
    /// How messages name it: "this comment's date".
    public var name: String
    /// Where the date is set: the plan's `date:`, its `letter_date`, or the docket's deadline.
    public var range: SourceRange

    /// A date and how messages name it.
    public init(date: CalendarDate, name: String, range: SourceRange) {
        self.date = date
        self.name = name
        self.range = range
    }
}

extension PlanInput {
    /// The plan's `date:`; else a letter's `letter_date`; else, for a comment, the last day of
    /// its comment period in the agency's calendar. Nil when none is known.
    public var documentDate: DocumentDate? {
        let name = plan.kind == .comment ? "this comment's date" : "this letter's date"
        if let date = plan.date { return DocumentDate(date: date.value, name: name, range: date.range) }
        if let letterDate = plan.variables.first(where: { $0.name == "letter_date" }), case .date(let date)? = letterDate.typed(as: .date) {
            return DocumentDate(date: date, name: name, range: letterDate.range)
        }
        // The close as the agency wrote it, in its own zone: a comment is due on that day.
        if let docket, let text = docket.commentsCloseText, let close = CalendarDate(iso: String(text.prefix(10))) {
            return DocumentDate(date: close, name: name, range: docket.commentsClose?.range ?? docket.source)
        }
        return nil
    }
}

/// Checks what a document uses against its date: every cited instrument issued by then, no
/// stated fact newer than it, and no reliance on an instrument already rescinded.
public enum DateRules {
    /// Reports, for the recommendations and clauses a document uses, each citation of an
    /// instrument issued after `documentDate` (an error at the citation), each recommendation or
    /// clause whose `facts-as-of` is later (an error at that field), and each provision already
    /// rescinded by then without its successor cited (a warning naming the successor).
    public static func check(
        recommendations: [Recommendation], clauses: [Clause], as documentDate: DocumentDate, registry: AuthorityRegistry, into diagnostics: inout DiagnosticCollector
    ) {
        for recommendation in recommendations {
            for cited in recommendation.allCitations {
                guard let citation = cited.citation, let dates = registry.dates(of: citation), documentDate.date < dates.issued else { continue }
                diagnostics.emit(
                    .error(
                        .citedBeforeIssued,
                        "\(shortName(dates.instrument)) was issued \(dates.issued.written), after \(documentDate.name), \(documentDate.date) (\(documentDate.range.start)); \"\(citation.canonical)\" cannot support a document of that date",
                        at: cited.text.range))
            }
            CitationRules.checkRescissions(of: recommendation, registry: registry, asOf: documentDate.date, into: &diagnostics)
            checkFacts(recommendation.evidence, written: recommendation.factsAsOf, of: "recommendation '\(recommendation.id)'", against: documentDate, into: &diagnostics)
        }
        for clause in clauses {
            checkFacts(clause.evidence, written: clause.factsAsOf, of: "clause '\(clause.id)'", against: documentDate, into: &diagnostics)
        }
    }

    /// Each piece of evidence published after the document's date is an error at its
    /// `published:` line; a file without evidence is judged by its `facts-as-of:`.
    private static func checkFacts(_ evidence: [Evidence], written: Located<CalendarDate>?, of what: String, against documentDate: DocumentDate, into diagnostics: inout DiagnosticCollector) {
        guard !evidence.isEmpty else {
            if let written { checkFacts(written, of: what, against: documentDate, into: &diagnostics) }
            return
        }
        for entry in evidence where documentDate.date < entry.published.value {
            diagnostics.emit(
                .error(
                    .factsAfterDocumentDate,
                    "\(what) rests on evidence '\(entry.id.value)', published \(entry.published.value), after \(documentDate.name), \(documentDate.date) (\(documentDate.range.start)); use text written for that date",
                    at: entry.published.range))
        }
    }

    private static func checkFacts(_ facts: Located<CalendarDate>, of what: String, against documentDate: DocumentDate, into diagnostics: inout DiagnosticCollector) {
        guard documentDate.date < facts.value else { return }
        diagnostics.emit(
            .error(
                .factsAfterDocumentDate,
                "\(what) states facts as of \(facts.value), after \(documentDate.name), \(documentDate.date) (\(documentDate.range.start)); use text written for that date",
                at: facts.range))
    }

    /// "M-25-21" for "OMB M-25-21": how people name a memorandum.
    private static func shortName(_ instrument: String) -> String {
        instrument.hasPrefix("OMB M-") ? String(instrument.dropFirst(4)) : instrument
    }
}
