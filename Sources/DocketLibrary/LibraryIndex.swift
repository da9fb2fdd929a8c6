import DocketModel
import DocketSupport
/// The workspace's recommendations and clauses by id, built once so every plan and check looks
/// them up in constant time. Building it reports duplicate ids.
public struct LibraryIndex: Sendable {
    public private(set) var recommendations: [String: Recommendation] = [:]
    /// Every version of each clause, oldest first.
    public private(set) var clauseVersions: [String: [Clause]] = [:]
    /// Duplicate ids found while building the index.
    public private(set) var diagnostics: [Diagnostic] = []

    /// Indexes `recommendations` and every version of `clauses`; a repeated id is reported
    /// and the first definition kept.
    public init(recommendations: [Recommendation], clauses: [Clause]) {
        for recommendation in recommendations {
            if let first = self.recommendations[recommendation.id] {
                diagnostics.append(.error(.duplicateID, "recommendation id '\(recommendation.id)' is already used by \(first.source.start)", at: recommendation.source))
                continue
            }
            self.recommendations[recommendation.id] = recommendation
        }
        for clause in clauses {
            if let first = clauseVersions[clause.id]?.first(where: { $0.version == clause.version }) {
                diagnostics.append(
                    .error(
                        .duplicateID,
                        "\(clause.role == .document ? "document template" : "clause") '\(clause.id)' version \(clause.version) is already defined at \(first.source.start); give a new text a new version",
                        at: clause.source))
                continue
            }
            clauseVersions[clause.id, default: []].append(clause)
        }
        for id in clauseVersions.keys {
            clauseVersions[id]!.sort { $0.version < $1.version }
        }
    }

    /// The pinned version, or the newest when unpinned.
    public func clause(_ id: String, version: Int? = nil) -> Clause? {
        guard let versions = clauseVersions[id] else { return nil }
        guard let version else { return versions.last }
        return versions.first { $0.version == version }
    }

    /// The newest version of every clause and document template, by id.
    public var newestClauses: [Clause] { allClauseIDs.compactMap { clauseVersions[$0]?.last } }

    /// Every clause id, sorted.
    public var allClauseIDs: [String] { clauseVersions.keys.sorted() }
}
