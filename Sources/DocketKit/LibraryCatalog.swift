import DocketCitations
import DocketCompose
import DocketLibrary
import DocketModel
import DocketSupport
import Foundation

/// What a library holds, for `docket library list` and `docket library show`.
public struct LibraryCatalog: Sendable {
    /// One listed entry.
    public struct Entry: Sendable, Encodable, Hashable {
        public var id: String
        public var kind: Kind
        public var version: Int?
        public var title: String
        public var tags: [String]
        public var file: String
    }

    /// What a library entry is.
    public enum Kind: String, Sendable, CaseIterable, Encodable, Comparable {
        case recommendation, clause, template

        /// Alphabetical by name, as listings sort.
        public static func < (lhs: Kind, rhs: Kind) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    public let workspace: Workspace
    public let index: LibraryIndex
    private let registry: AuthorityRegistry

    /// Loads `Recommendations/` and `Templates/` under `root`.
    public init(root: String, registry: AuthorityRegistry = .shared) {
        self.init(roots: [root], registry: registry)
    }

    /// Loads the library folders `roots` as layers, in order, as a plan that names them sees
    /// them: an id in an earlier folder hides the same id in a later one.
    public init(roots: [String], registry: AuthorityRegistry = .shared) {
        let folders = roots.flatMap { root in
            ["Recommendations", "Templates"].map { (root as NSString).appendingPathComponent($0) }.filter { FileManager.default.fileExists(atPath: $0) }
        }
        workspace = Workspace(loading: folders)
        index = LibraryIndex(layers: Self.layers(of: workspace, roots: roots))
        self.registry = registry
    }

    /// The library folders a campaign's plan searches, when `folder` holds a `plan.yml`: what
    /// `docket library` commands run inside a campaign use.
    public static func roots(ofCampaignIn folder: String) -> [String]? {
        let plan = (folder as NSString).appendingPathComponent("plan.yml")
        guard FileManager.default.fileExists(atPath: plan) else { return nil }
        let workspace = Workspace(loading: [plan])
        guard let planFile = workspace.plans.first else { return nil }
        return workspace.libraryRoots(for: planFile).map(\.path)
    }

    /// Each root folder's entries, as a layer of a library.
    public static func layers(of workspace: Workspace, roots: [String]) -> [LibraryIndex.Layer] {
        roots.map { root in
            let absolute = workspace.baseDirectory.resolving(root).path
            let prefix = absolute.hasSuffix("/") ? absolute : absolute + "/"
            let inLayer = { (file: String) in
                let path = workspace.baseDirectory.resolving(file).path
                return path.hasPrefix(prefix + "Recommendations/") || path.hasPrefix(prefix + "Templates/")
            }
            return LibraryIndex.Layer(
                name: root, recommendations: workspace.recommendations.filter { inLayer($0.source.start.file) }, clauses: workspace.clauses.filter { inLayer($0.source.start.file) }
            )
        }
    }

    /// Problems loading the library, ordered by location.
    public var diagnostics: [Diagnostic] { DiagnosticCollector(workspace.diagnostics + Library(index: index).diagnostics).diagnostics }

    /// One line for standard error when files were left out because they do not load, so a
    /// listing never silently omits part of the library.
    public var skippedFilesWarning: String? {
        let broken = Set(diagnostics.filter { $0.severity == .error }.map(\.range.start.file))
        guard !broken.isEmpty else { return nil }
        return "warning: \(Wording.count(broken.count, "library file")) with errors left out (\(broken.sorted().joined(separator: ", "))); run 'docket check' for details"
    }

    /// The entries, optionally of one kind or tag, sorted by kind, id and version.
    public func entries(kind: Kind? = nil, tag: String? = nil) -> [Entry] {
        var entries: [Entry] = []
        if kind == nil || kind == .recommendation {
            entries += index.recommendations.values.map {
                Entry(id: $0.id, kind: .recommendation, version: nil, title: $0.title, tags: $0.tags, file: $0.source.start.file)
            }
        }
        for clause in index.clauseVersions.values.flatMap({ $0 }) {
            let clauseKind: Kind = clause.role == .document ? .template : .clause
            guard kind == nil || kind == clauseKind else { continue }
            entries.append(Entry(id: clause.id, kind: clauseKind, version: clause.version, title: clause.title, tags: clause.tags, file: clause.source.start.file))
        }
        if let tag { entries = entries.filter { $0.tags.contains(tag) } }
        return entries.sorted { ($0.kind, $0.id, $0.version ?? 0) < ($1.kind, $1.id, $1.version ?? 0) }
    }

    /// One line per entry: id (with version), kind, title, in aligned columns.
    public static func table(_ entries: [Entry]) -> String {
        guard !entries.isEmpty else { return "no entries\n" }
        let idWidth = entries.map { $0.id.count + ($0.version.map { "@\($0)".count } ?? 0) }.max()!
        let kindWidth = entries.map(\.kind.rawValue.count).max()!
        return entries.map { entry in
            let id = entry.id + (entry.version.map { "@\($0)" } ?? "")
            return id.padding(toLength: idWidth, withPad: " ", startingAt: 0) + "  "
                + entry.kind.rawValue.padding(toLength: kindWidth, withPad: " ", startingAt: 0) + "  " + entry.title
        }.joined(separator: "\n") + "\n"
    }

    /// A readable description of one recommendation or clause, nil if no entry has that id.
    /// `id@N` shows a specific clause version.
    public func describe(_ reference: String) -> String? {
        if let recommendation = index.recommendations[reference] { return describe(recommendation) }
        let parsed = ClauseReference(parsing: reference, range: .file(""))
        if let parsed, let clause = index.clause(parsed.id, version: parsed.pinnedVersion) { return describe(clause) }
        return nil
    }

    /// The id closest to a mistyped one, if any is close.
    public func suggestion(for reference: String) -> String? {
        Wording.closestMatch(to: reference, in: Array(index.recommendations.keys) + index.allClauseIDs)
    }

    private func describe(_ recommendation: Recommendation) -> String {
        var text = "\(recommendation.id): \(recommendation.title)\n"
        text += "file: \(recommendation.source.start.file)\n"
        if !recommendation.tags.isEmpty { text += "tags: \(recommendation.tags.joined(separator: ", "))\n" }
        text += "\n\(recommendation.summary)\n\nUS authorities:\n"
        for authority in recommendation.authorities { text += "  " + describe(authority) + "\n" }
        if !recommendation.systems.isEmpty {
            text += "\nDHS systems:\n"
            for system in recommendation.systems { text += "  " + describe(system) + "\n" }
        }
        text += "\nEU AI Act:\n"
        for point in recommendation.eu {
            text += "  " + describe(point.authority) + "\n    requires: \(point.requires)\n"
        }
        text += "\nComparison:\n\(indent(recommendation.comparison))\n\nText:\n\(indent(recommendation.body))\n"
        return text
    }

    private func describe(_ authority: CitedAuthority) -> String {
        guard let citation = authority.citation else { return "\(authority.text.value) [malformed]" }
        let resolution = registry.resolve(citation)
        var status: String
        switch resolution.outcome {
        case .verified: status = "verified"
        case .unverified: status = "unverified"
        case .unknown(let reason): status = "unknown: \(reason)"
        }
        if let rescission = resolution.rescission {
            status += "; rescinded \(rescission.date)" + (rescission.successor.map { ", succeeded by \($0)" } ?? ", replaced by \(rescission.replacedBy)")
        }
        let title = resolution.title.map { " — \($0)" } ?? ""
        return "\(citation.canonical)\(title) [\(status)]"
    }

    private func describe(_ clause: Clause) -> String {
        var text = "\(clause.id)@\(clause.version): \(clause.title)\n"
        text += "kind: \(clause.role == .document ? "template" : "clause")\nfile: \(clause.source.start.file)\n"
        if let versions = index.clauseVersions[clause.id], versions.count > 1 {
            text += "versions: \(versions.map { String($0.version) }.joined(separator: ", "))\n"
        }
        if !clause.tags.isEmpty { text += "tags: \(clause.tags.joined(separator: ", "))\n" }
        if !clause.variables.isEmpty {
            text += "\nVariables:\n"
            for variable in clause.variables {
                var line = "  \(variable.name): \(variable.type.rawValue)"
                if variable.required { line += ", required" }
                if let value = variable.defaultValue { line += ", default \(display(value))" }
                if let description = variable.description { line += " — \(description)" }
                text += line + "\n"
            }
        }
        text += "\nText:\n\(indent(clause.body))\n"
        return text
    }

    private func display(_ value: VariableValue) -> String {
        switch value {
        case .string(let text): "\"\(text)\""
        case .integer(let number): String(number)
        case .date(let date): date.description
        case .list(let items): "[\(items.joined(separator: ", "))]"
        }
    }

    private func indent(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.isEmpty ? "" : "  \($0)" }.joined(separator: "\n")
    }
}

extension LibraryCatalog {
    /// The entries as JSON.
    public static func json(_ entries: [Entry]) throws -> String { try StableJSON.string(entries) }
}
