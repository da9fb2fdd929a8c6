import DocketCitations
import DocketModel
import DocketReview
import DocketSupport

extension Filing {
    /// A note, before filing, naming what the document rests on that only secondary sources
    /// support: pinpoints whose registry evidence is secondary, and claims of the recommendations
    /// and clauses used whose evidence is a report. Nil when everything rests on primary texts
    /// (unverified pinpoints already draw their own warnings).
    static func secondaryEvidenceNote(_ draft: Draft, registry: AuthorityRegistry) -> Diagnostic? {
        var pinpoints: Set<String> = []
        for recommendation in draft.document.recommendations {
            for entry in recommendation.authorities + recommendation.systems + recommendation.eu.map(\.authority) {
                guard let citation = try? CitationParser.parse(entry.citation).get(), registry.evidence(of: citation)?.kind == .secondary else { continue }
                pinpoints.insert(citation.canonical)
            }
        }
        let index = draft.input.library.index
        var claims: [String] = []
        for recommendation in index.recommendations.values where draft.usedFiles.contains(recommendation.source.start.file) {
            claims += recommendation.evidence.filter { $0.kind == .secondary }.map { "\(recommendation.id) [^\($0.id.value)]" }
        }
        for clause in index.clauseVersions.values.flatMap({ $0 }) where draft.usedFiles.contains(clause.source.start.file) {
            claims += clause.evidence.filter { $0.kind == .secondary }.map { "\(clause.id) [^\($0.id.value)]" }
        }
        guard !pinpoints.isEmpty || !claims.isEmpty else { return nil }
        let listed = (pinpoints.sorted() + Set(claims).sorted()).joined(separator: ", ")
        return .note(
            .secondaryEvidenceOnly,
            "this filing rests on secondary sources only for \(listed); confirm each against its primary text before filing (docket library evidence ID lists the sources)",
            at: draft.plan.source)
    }
}
