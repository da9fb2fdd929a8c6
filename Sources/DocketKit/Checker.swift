import DocketCitations
import DocketCompose
import DocketLibrary
import DocketModel
import DocketRender
import DocketReview
import DocketSubmission
import DocketSupport
import Foundation

/// What `docket check` returns: every problem, what was read, and each plan as composed.
public typealias CheckReport = Outcome<Checker.Analysis>

/// `docket check`: loads the files under the given paths, runs every rule, and composes every
/// plan, since whether a plan composes cleanly is part of whether it is right. `docket compose`
/// and `docket package` start from the same analysis, so all three report the same problems.
public enum Checker {
    /// Everything one run learned besides its diagnostics.
    public struct Analysis: Sendable {
        /// The files loaded.
        public var workspace: Workspace

        /// Each plan composed as far as it could be, by the plan's display path.
        public var drafts: [String: CheckedDraft]
    }

    /// One plan's draft with its comment-box text and the problems in the files it uses.
    public struct CheckedDraft: Sendable {
        public var draft: Draft
        public var box: BoxTextRenderer.BoxText
        /// The registry the plan was checked against: the bundled one and its libraries' own.
        public var registry: AuthorityRegistry
    }

    /// Checks the files under `paths`, judging comment periods at `now`.
    public static func check(
        paths: [String], now: Date = Pipeline.clock(), baseDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath), registry: AuthorityRegistry = .shared,
        stamp: VersionStamp = .draft
    ) -> CheckReport {
        var diagnostics = DiagnosticCollector()
        // The caller's registry is the one every rule judges by: library entries, local
        // registries and dockets as well as plans.
        var workspace = Workspace(loading: paths, baseDirectory: baseDirectory, registry: registry)
        // Each library folder on its own: an id repeated within one is an error; the same id
        // in two folders is how one library layers over another.
        for (_, entries) in workspace.entriesByLibraryFolder() {
            diagnostics.emit(contentsOf: Library(recommendations: entries.recommendations, clauses: entries.clauses).diagnostics)
        }

        // A shared library speaks for today; a campaign's own entries speak for its document's
        // date, and are judged as of it when its plan is composed below.
        let today = CommentPeriod.easternDay(of: now)
        let campaignFolders = Set(workspace.plans.map { ($0.path as NSString).deletingLastPathComponent })
        // Each entry is checked on its own, so entries are checked on every core; what they
        // report is added in the entries' order, as if checked one by one.
        let loaded = workspace
        let recommendationFindings = loaded.recommendations.concurrentMap { recommendation in
            var found = DiagnosticCollector()
            let folder = Workspace.libraryFolder(of: recommendation.source.start.file)
            // A library's own registry entries count for its own recommendations.
            CitationRules.check(
                recommendation, registry: loaded.registry(forLibraryFolder: folder), rescissionsAsOf: campaignFolders.contains(folder) ? nil : today, into: &found)
            let file = recommendation.source.start.file
            let source = loaded.sources[file]
            TemplateRules.check(body: recommendation.body, firstLine: recommendation.bodyFirstLine, file: file, lineText: { source?.lineText($0) ?? "" }, into: &found)
            EvidenceRules.check(evidence: recommendation.evidence, paragraphs: recommendation.paragraphs, of: "recommendation '\(recommendation.id)'", into: &found)
            return found.emitted
        }
        let clauseFindings = loaded.clauses.concurrentMap { clause in
            var found = DiagnosticCollector()
            TemplateRules.check(clause, source: loaded.sources[clause.source.start.file], into: &found)
            EvidenceRules.check(evidence: clause.evidence, paragraphs: clause.paragraphs, of: "clause '\(clause.id)'", into: &found)
            return found.emitted
        }
        for findings in recommendationFindings + clauseFindings { diagnostics.emit(contentsOf: findings) }
        ClauseLockRules.check(workspace.clauses, locks: workspace.clauseLocks(into: &diagnostics), into: &diagnostics)
        var drafts: [String: CheckedDraft] = [:]
        for planFile in workspace.plans {
            let (library, searched) = workspace.layeredLibrary(for: planFile)
            diagnostics.emit(contentsOf: library.diagnostics)
            var (input, approvals) = workspace.input(for: planFile, library: library, now: now, into: &diagnostics)
            input.searchedFolders = searched
            let layered = workspace.registry(searching: searched, over: registry)
            let draft = Draft(composing: input, approvals: approvals, registry: layered, diagnostics: &diagnostics)
            // Rendered once, with the stamp of what the command makes: `package` files it.
            let box = BoxTextRenderer.render(draft.document, version: draft.version, stamp: stamp)
            SubmissionRules.commentBox(box, of: draft, into: &diagnostics)
            // The box text, HTML and DOCX are all rendered from the same document as the Markdown.
            PublicTextCheck(draft, sources: workspace.sources).check(
                Data(draft.markdown.utf8), reading: .markdown, describedAs: "the composed text", fallback: .file(planFile.path), into: &diagnostics)
            drafts[planFile.path] = CheckedDraft(draft: draft, box: box, registry: layered)
            if let log = approvals {
                // A decision on a version never composed here names nothing a signer could read.
                let store = Campaign(plan: planFile.plan, at: planFile.url).versions
                for record in log.records where record.approval.version != draft.version && !store.contains(record.approval.version) {
                    diagnostics.emit(
                        .warning(
                            .approvalUnknownVersion,
                            "line \(record.line): '\(record.approval.signer)' decided on version \(record.approval.version.short), which was never composed from this plan; the decision counts for nobody",
                            at: SourceRange(SourceLocation(file: log.path, line: record.line, column: 1))))
                }
            }
        }
        checkDisplayNames(workspace, into: &diagnostics)
        for docket in workspace.dockets.values {
            let campaign = (docket.source.start.file as NSString).deletingLastPathComponent
            DocketRules.check(docket, now: now, registry: workspace.registry(forLibraryFolder: campaign), into: &diagnostics)
        }
        diagnostics.emit(contentsOf: workspace.diagnostics)
        // Checking a campaign shows the problems of what it asked about and what its plans use;
        // the warnings of the rest of a library a plan merely searches are counted, not shown.
        let used = drafts.values.reduce(into: workspace.requestedFiles) { $0.formUnion($1.draft.usedFiles) }
        let loadedForPlans = Set(workspace.files).subtracting(used)
        // An error stays shown wherever it is: a library file that does not load may be the one
        // a plan needs.
        let hidden = { (diagnostic: Diagnostic) in loadedForPlans.contains(diagnostic.range.start.file) && diagnostic.severity != .error }
        let shown = DiagnosticCollector(diagnostics.diagnostics.filter { !hidden($0) })
        let elsewhere = diagnostics.diagnostics.count { hidden($0) && $0.severity == .warning }
        return CheckReport(
            shown, files: workspace.files, sources: workspace.sources, hiddenWarningCount: elsewhere, value: Analysis(workspace: workspace, drafts: drafts))
    }

    /// An organization is one name everywhere: two rosters that give the same signer id
    /// different display names would print one of them wrongly.
    static func checkDisplayNames(_ workspace: Workspace, into diagnostics: inout DiagnosticCollector) {
        var first: [String: Signatory] = [:]
        for list in workspace.signatoryLists.keys.sorted() {
            for signer in workspace.signatoryLists[list] ?? [] {
                guard let earlier = first[signer.id] else {
                    first[signer.id] = signer
                    continue
                }
                guard earlier.organization != signer.organization else { continue }
                let message =
                    "signer '\(signer.id)' is '\(earlier.organization)' at \(earlier.source.start) and '\(signer.organization)' at \(signer.source.start); one organization must have one name"
                diagnostics.emit(.error(.conflictingDisplayName, message, at: earlier.source))
                diagnostics.emit(.error(.conflictingDisplayName, message, at: signer.source))
            }
        }
    }

    /// What `docket check` reads when given no paths: the library folders and examples that
    /// exist in `directory`, or the folder itself when it has none of them.
    public static func defaultPaths(in directory: String = FileManager.default.currentDirectoryPath) -> [String] {
        let found = ["Recommendations", "Templates", "Examples"].filter {
            FileManager.default.fileExists(atPath: (directory as NSString).appendingPathComponent($0))
        }
        return found.isEmpty ? ["."] : found
    }
}
