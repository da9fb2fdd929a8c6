import Foundation

/// The result of `docket check`: every diagnostic, sorted, and what was read.
public struct CheckReport: Sendable {
    public var diagnostics: [Diagnostic]
    public var files: [String]
    public var sources: [String: SourceFile]

    public init(diagnostics: [Diagnostic], files: [String], sources: [String: SourceFile]) {
        self.diagnostics = diagnostics
        self.files = files
        self.sources = sources
    }

    public var errorCount: Int { diagnostics.count { $0.severity == .error } }
    public var warningCount: Int { diagnostics.count { $0.severity == .warning } }
    public var noteCount: Int { diagnostics.count { $0.severity == .note } }
}

/// Runs every rule over the files under the given paths.
public enum Checker {
    /// Everything one run learned: the report, and each plan composed as far as it could be.
    public struct Analysis: Sendable {
        public var report: CheckReport
        public var workspace: Workspace
        public var index: LibraryIndex
        /// By the plan's display path.
        public var drafts: [String: Draft]
    }

    public static func check(
        paths: [String], now: Date = Date(), baseDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath), registry: AuthorityRegistry = .shared
    ) -> CheckReport {
        analyze(paths: paths, now: now, baseDirectory: baseDirectory, registry: registry).report
    }

    /// Checks every file and composes every plan: whether a plan composes cleanly is part of
    /// whether it is right, so `docket check` and `docket compose` report the same problems.
    public static func analyze(
        paths: [String], now: Date = Date(), baseDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath), registry: AuthorityRegistry = .shared
    ) -> Analysis {
        var workspace = Workspace(loading: paths, baseDirectory: baseDirectory)
        let index = LibraryIndex(recommendations: workspace.recommendations, clauses: workspace.clauses)
        var diagnostics = index.diagnostics

        for recommendation in workspace.recommendations {
            diagnostics += CitationRules.check(recommendation, registry: registry)
            let file = recommendation.source.start.file
            let source = workspace.sources[file]
            _ = TemplateRules.check(body: recommendation.body, firstLine: recommendation.bodyFirstLine, file: file, lineText: { source?.lineText($0) ?? "" }, into: &diagnostics)
        }
        for clause in workspace.clauses {
            diagnostics += TemplateRules.check(clause, source: workspace.sources[clause.source.start.file])
        }
        diagnostics += ClauseLockRules.check(workspace.clauses, baseDirectory: baseDirectory)
        for planFile in workspace.plans {
            diagnostics += PlanRules.check(planFile, workspace: &workspace, index: index, now: now)
        }
        var drafts: [String: Draft] = [:]
        for planFile in workspace.plans {
            let draft = Draft(Composer(planFile: planFile, workspace: workspace, index: index, registry: registry).compose(), sources: workspace.sources)
            diagnostics += draft.diagnostics
            drafts[planFile.path] = draft
        }
        for docket in workspace.dockets.values {
            diagnostics += DocketRules.check(docket, now: now, registry: registry)
        }
        diagnostics += workspace.diagnostics
        let report = CheckReport(diagnostics: deduplicated(diagnostics).sortedByLocation(), files: workspace.files, sources: workspace.sources)
        return Analysis(report: report, workspace: workspace, index: index, drafts: drafts)
    }

    /// What `docket check` reads when given no paths: the library folders and examples that
    /// exist in `directory`, or the folder itself when it has none of them.
    public static func defaultPaths(in directory: String = FileManager.default.currentDirectoryPath) -> [String] {
        let found = ["Recommendations", "Templates", "Examples"].filter {
            FileManager.default.fileExists(atPath: (directory as NSString).appendingPathComponent($0))
        }
        return found.isEmpty ? ["."] : found
    }

    /// A file reached both directly and through a plan is read once, but keep the guarantee.
    private static func deduplicated(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        var seen: Set<Diagnostic> = []
        return diagnostics.filter { seen.insert($0).inserted }
    }
}
