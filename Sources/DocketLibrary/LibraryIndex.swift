import DocketModel
import DocketSupport
/// The workspace's recommendations and clauses by id, built once so every plan and check looks
/// them up in constant time. Building it reports duplicate ids.
public struct LibraryIndex: Sendable {
    /// Every recommendation, by id.
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

    /// One folder of a layered library: what it defines, and how messages name it.
    public struct Layer: Sendable {
        /// How messages name the folder.
        public var name: String
        /// The recommendations it defines.
        public var recommendations: [Recommendation]
        /// The clauses and templates it defines.
        public var clauses: [Clause]

        /// A layer called `name` defining these entries.
        public init(name: String, recommendations: [Recommendation], clauses: [Clause]) {
            self.name = name
            self.recommendations = recommendations
            self.clauses = clauses
        }
    }

    /// Layers searched in order: an id defined in an earlier layer hides the same id in later
    /// ones (every version of a clause goes with its id), with a note naming both files. Within
    /// one layer a repeated id is an error, as in a single library.
    public init(layers: [Layer]) {
        var recommendations: [Recommendation] = []
        var clauses: [Clause] = []
        var shadowing: [Diagnostic] = []
        var recommendationOwner: [String: Recommendation] = [:]
        var clauseOwner: [String: (layer: Int, clause: Clause)] = [:]
        for (number, layer) in layers.enumerated() {
            for recommendation in layer.recommendations {
                if let first = recommendationOwner[recommendation.id] {
                    if !layers[number].recommendations.contains(where: { $0.source == first.source }) {
                        shadowing.append(
                            .note(
                                .shadowedEntry,
                                "recommendation '\(recommendation.id)' here hides the one at \(recommendation.source.start) in a later library; this one is used",
                                at: first.source))
                        continue
                    }
                } else {
                    recommendationOwner[recommendation.id] = recommendation
                }
                recommendations.append(recommendation)
            }
            for clause in layer.clauses {
                if let first = clauseOwner[clause.id], first.layer != number {
                    shadowing.append(
                        .note(
                            .shadowedEntry, "clause '\(clause.id)' here hides the one at \(clause.source.start) in a later library; this one is used",
                            at: first.clause.source))
                    continue
                }
                if clauseOwner[clause.id] == nil { clauseOwner[clause.id] = (number, clause) }
                clauses.append(clause)
            }
        }
        self.init(recommendations: recommendations, clauses: clauses)
        diagnostics += shadowing
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
