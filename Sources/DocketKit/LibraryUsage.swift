import DocketLibrary
import DocketMarkdown
import DocketModel
import DocketSupport
import Foundation

/// Answers the questions of a library reused across dockets: where is this clause or
/// recommendation used, what mentions a phrase, which plans lag behind the library.
public struct LibraryUsage: Sendable {
    /// How a plan uses an entry.
    public enum How: String, Sendable, Encodable, Hashable {
        case section, answer, template, recommendation, partial
    }

    /// Why a pinned clause reference lags behind the library.
    public enum LagReason: String, Sendable, Encodable, Hashable {
        case newerVersion = "newer version"
        case textChanged = "text changed since recorded"
    }

    /// One place a plan uses an entry.
    public struct Use: Sendable, Encodable, Hashable {
        public var plan: String
        public var line: Int
        public var column: Int
        public var how: How
        /// The version the plan gets; nil for recommendations.
        public var version: Int?
        public var pinned: Bool
        /// For a partial: the clause that includes it.
        public var via: String?
    }

    /// An entry that mentions every word searched for.
    public struct Hit: Sendable, Encodable, Hashable {
        public var id: String
        public var kind: LibraryCatalog.Kind
        public var version: Int?
        public var title: String
        public var file: String
        public var line: Int
        public var excerpt: String
    }

    /// A pinned clause reference behind the library.
    public struct Lag: Sendable, Encodable, Hashable {
        public var plan: String
        public var line: Int
        public var column: Int
        public var clause: String
        public var pinned: Int
        public var newest: Int
        public var reason: LagReason
    }

    public let workspace: Workspace
    public let index: LibraryIndex
    let baseDirectory: URL

    /// Loads the library at `root` and the plans under `paths` (default: the library's `Examples`).
    public init(root: String, paths: [String] = [], baseDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) {
        self.init(roots: [root], paths: paths, baseDirectory: baseDirectory)
    }

    /// Loads the library folders `roots` as layers, their `Examples`, and the plans under
    /// `paths`.
    public init(roots: [String], paths: [String] = [], baseDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) {
        self.baseDirectory = baseDirectory
        var folders: [String] = []
        for root in roots {
            let folder = baseDirectory.resolving(root)
            folders += ["Recommendations", "Templates", "Examples"].map { folder.appendingPathComponent($0) }.filter { FileManager.default.fileExists(atPath: $0.path) }.map(\.path)
        }
        // The libraries' own campaigns always count; paths given add to them.
        workspace = Workspace(loading: folders + paths, baseDirectory: baseDirectory)
        index = LibraryIndex(layers: LibraryCatalog.layers(of: workspace, roots: roots))
    }

    /// Whether any recommendation or clause has this id.
    public func knows(_ id: String) -> Bool { index.recommendations[id] != nil || index.clauseVersions[id] != nil }

    /// Every place a plan uses the entry: as a section, an answer, the template, a recommendation, or through a partial.
    public func uses(of id: String) -> [Use] {
        var uses: [Use] = []
        for planFile in workspace.plans.sorted(by: { $0.path < $1.path }) {
            let plan = planFile.plan
            func add(_ range: SourceRange, _ how: How, _ version: Int?, pinned: Bool, via: String? = nil) {
                uses.append(Use(plan: planFile.path, line: range.start.line, column: range.start.column, how: how, version: version, pinned: pinned, via: via))
            }
            if let template = plan.template, template.value == id { add(template.range, .template, index.clause(id)?.version, pinned: false) }
            var used: [(ClauseReference, Clause)] = []
            for section in plan.sections {
                switch section {
                case .clause(let reference), .answer(_, let reference):
                    let clause = index.clause(reference.id, version: reference.pinnedVersion)
                    if reference.id == id {
                        let how: How = if case .answer = section { .answer } else { .section }
                        add(reference.range, how, clause?.version ?? reference.pinnedVersion, pinned: reference.pinnedVersion != nil)
                    }
                    if let clause { used.append((reference, clause)) }
                case .recommendations(let ids):
                    for recommendation in ids where recommendation.value == id { add(recommendation.range, .recommendation, nil, pinned: false) }
                case .heading, .generated:
                    break
                }
            }
            if let template = plan.template, let clause = index.clause(template.value) {
                used.append((ClauseReference(id: clause.id, pinnedVersion: nil, range: template.range), clause))
            }
            for (reference, clause) in used where MustachePartials.partialNames(in: clause.body).contains(where: { $0.name == id }) {
                add(reference.range, .partial, index.clause(id)?.version, pinned: false, via: "\(clause.id)@\(clause.version)")
            }
        }
        return uses
    }

    /// Entries whose title, tags, body, citations or EU text contain every word of `text`,
    /// ignoring case and diacritics.
    public func search(_ text: String) -> [Hit] {
        let terms = text.split(whereSeparator: \.isWhitespace).map { Self.fold(String($0)) }
        guard !terms.isEmpty else { return [] }
        var hits: [Hit] = []
        for recommendation in workspace.recommendations.sorted(by: { $0.id < $1.id }) {
            let citations = recommendation.allCitations.flatMap { [$0.text.value, $0.citation?.canonical ?? "", $0.note ?? ""] }
            let fields =
                [recommendation.id, recommendation.title, recommendation.summary, recommendation.body, recommendation.comparison] + recommendation.tags + citations
                + recommendation.eu.map(\.requires)
            if let hit = hit(terms, fields, id: recommendation.id, kind: .recommendation, version: nil, title: recommendation.title, file: recommendation.source.start.file) {
                hits.append(hit)
            }
        }
        for clause in workspace.clauses.sorted(by: { ($0.id, $0.version) < ($1.id, $1.version) }) {
            let fields = [clause.id, clause.title, clause.body] + clause.tags + clause.variables.map(\.name)
            let kind: LibraryCatalog.Kind = clause.role == .document ? .template : .clause
            if let hit = hit(terms, fields, id: clause.id, kind: kind, version: clause.version, title: clause.title, file: clause.source.start.file) { hits.append(hit) }
        }
        return hits
    }

    /// Pinned clause references that are behind the library, in every plan loaded.
    public func outdated() -> [Lag] {
        var lockProblems = DiagnosticCollector()
        ClauseLockRules.check(workspace.clauses, locks: workspace.clauseLocks(into: &lockProblems), into: &lockProblems)
        let changed = Set(lockProblems.diagnostics.filter { $0.code == .clauseTextChanged }.map(\.range))
        var lags: [Lag] = []
        for planFile in workspace.plans.sorted(by: { $0.path < $1.path }) {
            for reference in planFile.plan.clauseReferences {
                guard let pinned = reference.pinnedVersion, let newest = index.clause(reference.id), let clause = index.clause(reference.id, version: pinned) else { continue }
                let start = reference.range.start
                if newest.version > pinned {
                    lags.append(
                        Lag(plan: planFile.path, line: start.line, column: start.column, clause: reference.id, pinned: pinned, newest: newest.version, reason: .newerVersion))
                }
                if changed.contains(clause.source) {
                    lags.append(
                        Lag(
                            plan: planFile.path, line: start.line, column: start.column, clause: reference.id, pinned: pinned, newest: newest.version,
                            reason: .textChanged))
                }
            }
        }
        return lags
    }

    private func hit(_ terms: [String], _ fields: [String], id: String, kind: LibraryCatalog.Kind, version: Int?, title: String, file: String) -> Hit? {
        let haystack = Self.fold(fields.joined(separator: "\n"))
        guard terms.allSatisfy(haystack.contains) else { return nil }
        // Point at the first line of the file that holds a term, so an editor can open it there.
        var line = 1
        var excerpt = title
        if let source = workspace.sources[file] {
            let lines = (1...max(1, source.lineCount)).map { ($0, Self.fold(String(source.lineText($0)))) }
            let best = lines.first { entry in terms.allSatisfy(entry.1.contains) } ?? lines.max { a, b in terms.count(where: a.1.contains) < terms.count(where: b.1.contains) }
            if let best {
                line = best.0
                excerpt = source.lineText(best.0).trimmingCharacters(in: .whitespaces)
            }
        }
        if excerpt.count > 120 { excerpt = String(excerpt.prefix(117)) + "..." }
        return Hit(id: id, kind: kind, version: version, title: title, file: file, line: line, excerpt: excerpt)
    }

    static func fold(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    }
}
