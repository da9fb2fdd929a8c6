import DocketCitations
import DocketModel
import DocketSupport
/// Checks every citation a recommendation or docket makes against the authority registry.
public enum CitationRules {
    /// Where a citation is written, which decides the instruments it may name.
    public enum Field: Sendable {
        case authorities, eu, systems, docket

        /// Which instruments belong in the field; nil accepts any.
        public func accepts(_ instrument: Citation.Instrument) -> Bool {
            switch self {
            case .authorities, .docket: true
            case .eu: instrument == .euAIAct
            case .systems: instrument == .dhsInventory
            }
        }

        var expectation: String {
            switch self {
            case .eu: "'eu' compares with EU AI Act provisions, e.g. 'EU AI Act Art. 27(1)'"
            case .systems: "'systems' lists DHS AI inventory IDs, e.g. 'DHS-2408'"
            case .authorities, .docket: ""
            }
        }
    }

    /// Diagnostics for one citation; returns the resolution when the citation parsed.
    @discardableResult
    public static func check(_ authority: CitedAuthority, field: Field, registry: AuthorityRegistry, into diagnostics: inout DiagnosticCollector) -> CitationResolution? {
        let text = authority.text
        // Loading already parsed the text; only a failed parse is repeated, for its error offset.
        let parsed = authority.citation.map { Result<Citation, CitationSyntaxError>.success($0) } ?? CitationParser.parse(text.value)
        switch parsed {
        case .failure(let error):
            var start = text.range.start
            // Only a plain one-line scalar maps offsets to columns one to one.
            if text.range.end.column - text.range.start.column == text.value.utf8.count { start.column += error.offset }
            diagnostics.emit(.error(.malformedCitation, "malformed citation \"\(text.value)\": \(error.message)", at: SourceRange(start)))
            return nil
        case .success(let citation):
            guard field.accepts(citation.instrument) else {
                diagnostics.emit(.error(.wrongInstrumentForField, "\"\(text.value)\" cites \(citation.instrument.name) here: \(field.expectation)", at: text.range))
                return nil
            }
            if citation.instrument == .regulationsGovDocket, !IdentifierPatterns.matchesKnownPattern(citation.canonical) {
                diagnostics.emit(
                    .warning(
                        .identifierPatternMismatch,
                        "\"\(text.value)\" does not look like a Regulations.gov docket ID such as 'OMB-2023-0020' or a document ID such as 'OMB-2023-0020-0001'", at: text.range))
                return nil
            }
            let resolution = registry.resolve(citation)
            switch resolution.outcome {
            case .verified:
                break
            case .unverified(let reason):
                diagnostics.emit(.warning(.unverifiedCitation, "unverified citation \"\(citation.canonical)\": \(reason); confirm it before filing", at: text.range))
            case .unknown(let reason):
                diagnostics.emit(.error(.unknownCitation, "unknown citation \"\(text.value)\": \(reason)", at: text.range))
            }
            if citation.canonical != text.value, resolution.isKnown {
                diagnostics.emit(
                    .note(.nonCanonicalCitation, "write \"\(text.value)\" as \"\(citation.canonical)\" so it reads the same everywhere", at: text.range, fixIt: citation.canonical))
            }
            return resolution
        }
    }

    /// Checks a recommendation's citations and, when `rescissionsAsOf` is given, that no
    /// provision rescinded by that date is cited without its successor (see `checkRescissions`).
    /// A campaign's own recommendations are judged as of its document's date instead, when its
    /// plan is composed, so they pass nil here.
    public static func check(_ recommendation: Recommendation, registry: AuthorityRegistry, rescissionsAsOf: CalendarDate?, into diagnostics: inout DiagnosticCollector) {
        for authority in recommendation.authorities {
            check(authority, field: .authorities, registry: registry, into: &diagnostics)
        }
        for point in recommendation.eu {
            check(point.authority, field: .eu, registry: registry, into: &diagnostics)
        }
        for system in recommendation.systems {
            check(system, field: .systems, registry: registry, into: &diagnostics)
        }
        // Only text written before the EU AI Act existed may leave out the comparison with it.
        if recommendation.eu.isEmpty, let euDates = registry.dates(of: Citation(instrument: .euAIAct, pinpoint: .whole)),
            recommendation.factsAsOf.map({ $0.value >= euDates.issued }) ?? true
        {
            diagnostics.emit(
                .error(
                    .missingEUComparison,
                    "recommendation '\(recommendation.id)' has no 'eu' comparison and 'comparison'; only one written before the EU AI Act (issued \(euDates.issued)) may leave them out",
                    at: recommendation.factsAsOf?.range ?? recommendation.source))
        }
        if let date = rescissionsAsOf { checkRescissions(of: recommendation, registry: registry, asOf: date, into: &diagnostics) }
    }

    /// Asks of every provision rescinded on or before `date` that its successor be cited
    /// beside it: a comment that leans on M-24-10 alone after April 3, 2025 argues from a memo
    /// no longer in force. Before the rescission there is nothing to ask.
    public static func checkRescissions(of recommendation: Recommendation, registry: AuthorityRegistry, asOf date: CalendarDate, into diagnostics: inout DiagnosticCollector) {
        let resolved: [(CitedAuthority, CitationResolution)] = recommendation.authorities.compactMap { authority in
            guard let citation = authority.citation else { return nil }
            let resolution = registry.resolve(citation)
            return resolution.isKnown ? (authority, resolution) : nil
        }
        let cited = Set(resolved.map(\.1.citation.canonical))
        let citedInstruments = Set(resolved.map(\.1.citation.wholeInstrument.canonical))
        // Provisions with no successor ask one thing of the author, once per recommendation.
        var withoutSuccessor: [(authority: CitedAuthority, name: String, why: String, date: CalendarDate, by: String)] = []
        for (authority, resolution) in resolved {
            guard let rescission = resolution.rescission, rescission.date <= date else { continue }
            let name = resolution.citation.canonical
            if let successor = rescission.successor {
                guard !cited.contains(successor) else { continue }
                let note = rescission.successorNote.map { " (\($0))" } ?? ""
                diagnostics.emit(
                    .warning(
                        .rescindedWithoutSuccessor, "\"\(name)\" was rescinded on \(rescission.date); cite its successor \"\(successor)\" in this recommendation too\(note)",
                        at: authority.text.range, fixIt: successor))
            } else if let why = rescission.noSuccessor {
                withoutSuccessor.append((authority, name, why, rescission.date, rescission.replacedBy))
            } else if !citedInstruments.contains(rescission.replacedBy) {
                diagnostics.emit(
                    .warning(
                        .rescindedWithoutSuccessor,
                        "\"\(name)\" was rescinded on \(rescission.date) and replaced by \(rescission.replacedBy); cite the \(rescission.replacedBy) provision now in force too",
                        at: authority.text.range, fixIt: rescission.replacedBy))
            }
        }
        if let first = withoutSuccessor.first, !recommendation.addressed.contains(DiagnosticCode.rescindedWithoutReplacement.rawValue) {
            let each = withoutSuccessor.map { "\"\($0.name)\" (\($0.why))" }
            diagnostics.emit(
                .note(
                    .rescindedWithoutReplacement,
                    "\(Wording.series(each)) \(withoutSuccessor.count == 1 ? "was" : "were") rescinded on \(first.date) and \(first.by) has no successor for \(withoutSuccessor.count == 1 ? "it" : "them"); say so in the text, then add 'addressed: [DK104]' to this recommendation's front matter",
                    at: first.authority.text.range))
        }
    }
}
