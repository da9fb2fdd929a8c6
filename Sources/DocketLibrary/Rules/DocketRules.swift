import DocketCitations
import DocketModel
import DocketSupport
import Foundation

/// Checks a docket's citations and whether it still takes comments.
public enum DocketRules {
    /// `now` decides whether the comment period is open; it is passed in, never read here.
    public static func check(_ docket: Docket, now: Date, registry: AuthorityRegistry, into diagnostics: inout DiagnosticCollector) {
        let identifier = CitedAuthority(parsing: docket.id)
        // What a person confirmed needs no registry entry: its "unverified" warning is dropped.
        let confirmed = Set(docket.confirmations.map(\.identifier))
        for authority in [identifier, docket.federalRegisterCitation, docket.federalRegisterDocument].compactMap({ $0 }) {
            var found = DiagnosticCollector()
            CitationRules.check(authority, field: .docket, registry: registry, into: &found)
            let isConfirmed = confirmed.contains(authority.text.value) || authority.citation.map { confirmed.contains($0.canonical) } == true
            diagnostics.emit(contentsOf: found.diagnostics.filter { !(isConfirmed && $0.code == .unverifiedCitation) })
        }
        if let document = docket.documentID, !confirmed.contains(document.value), IdentifierPatterns.isDocumentID(document.value),
            case .success(let resolution) = registry.resolve(document.value)
        {
            // Document IDs are per notice, and the registry holds few: an unknown one is a
            // reason to look it up before filing, not an error.
            switch resolution.outcome {
            case .verified: break
            case .unverified, .unknown:
                diagnostics.emit(
                    .warning(
                        .unverifiedCitation,
                        "unverified document ID \"\(document.value)\": not among the identifiers the registry confirms; open \(commentPage(document.value)) and check it is the notice before filing",
                        at: document.range))
            }
        }
        diagnostics.emit(contentsOf: CommentPeriod.diagnostics(for: docket, now: now))
    }

    /// Where Regulations.gov takes comments on a document (FederalRegister.gov's `comment_url`).
    public static func commentPage(_ documentID: String) -> String { "https://www.regulations.gov/commenton/\(documentID)" }
}
