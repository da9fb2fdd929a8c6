import Foundation

/// Checks a docket's citations and whether it still takes comments.
enum DocketRules {
    static func check(_ docket: Docket, now: Date, registry: AuthorityRegistry) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let identifier = CitedAuthority(parsing: docket.id)
        for authority in [identifier, docket.federalRegisterCitation, docket.federalRegisterDocument].compactMap({ $0 }) {
            _ = CitationRules.check(authority, field: .docket, registry: registry, into: &diagnostics)
        }
        if let close = docket.commentsClose, now > close.value {
            diagnostics.append(
                .warning(
                    .commentPeriodClosed,
                    "the comment period for \(docket.id.value) closed at \(docket.commentsCloseText ?? "\(close.value)"); Regulations.gov takes late comments only where the agency allows them",
                    at: close.range))
        }
        return diagnostics
    }
}
