import DocketCitations
import DocketLibrary
import DocketModel
import DocketRender
import DocketReview
import DocketSubmission
import DocketSupport
import Foundation

/// `docket compose`: check a plan, compose it, and render the formats asked for. Nothing is
/// rendered for writing while any file the plan uses has an error.
public enum Composition {
    /// An output format of `docket compose`.
    public typealias Format = OutputFormat

    /// One rendered file, not yet written.
    public struct RenderedFile: Sendable {
        public var name: String
        public var format: Format
        public var data: Data

        /// The text of a text format.
        public var contents: String { String(decoding: data, as: UTF8.self) }
    }

    /// A composed plan: its draft, comment-box text, and the files rendered from it (none while
    /// the plan has errors).
    public struct Result: Sendable {
        public var draft: Draft
        public var box: BoxTextRenderer.BoxText
        public var rendered: [RenderedFile]
        /// The registry the draft was checked against: the bundled one and its libraries' own.
        public var registry: AuthorityRegistry
        /// The plan's campaign folder: where its versions are stored and its outputs go.
        public var campaign: Campaign
    }

    /// Composes the plan at `path` and renders `formats`: nil means the plan's `outputs`, or
    /// Markdown, HTML and box text when it names none. `now` judges the comment period.
    public static func compose(
        plan path: String, formats requested: [Format]? = nil, now: Date = Pipeline.clock(),
        baseDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath), registry: AuthorityRegistry = .shared, stamp: VersionStamp = .draft
    ) -> Outcome<Result> {
        let report = Checker.check(paths: [path], now: now, baseDirectory: baseDirectory, registry: registry, stamp: stamp)
        var all = DiagnosticCollector(report.diagnostics)
        guard let analysis = report.value, let planFile = analysis.workspace.plans.first, let checked = analysis.drafts[planFile.path] else {
            if !all.hasErrors { all.emit(.error(.outputNotWritten, "not a plan file: compose takes a plan.yml", at: .file(path))) }
            return Outcome(all, files: report.files, sources: report.sources)
        }
        let draft = checked.draft
        var (diagnostics, unrelated) = all.restricted(to: draft.usedFiles)
        var result = Result(draft: draft, box: checked.box, rendered: [], registry: checked.registry, campaign: Campaign(plan: planFile.plan, at: planFile.url))
        let outcome = { Outcome(diagnostics, files: draft.usedFiles.sorted(), sources: report.sources, unrelatedErrorCount: unrelated, value: result) }
        guard !diagnostics.hasErrors else { return outcome() }

        var seen: Set<Format> = []
        let named = planFile.plan.outputs.map(\.value).filter { seen.insert($0).inserted }
        let base = planFile.plan.name
        for format in requested ?? (named.isEmpty ? [.md, .html, .txt] : named) {
            switch format {
            case .md: result.rendered.append(RenderedFile(name: "\(base).md", format: .md, data: Data(draft.markdown.utf8)))
            case .html:
                result.rendered.append(RenderedFile(name: "\(base).html", format: .html, data: Data(HTMLRenderer.render(draft.document, version: draft.version).utf8)))
            case .txt: result.rendered.append(RenderedFile(name: "comment-box.txt", format: .txt, data: Data(checked.box.text.utf8)))
            case .docx:
                do {
                    result.rendered.append(RenderedFile(name: "\(base).docx", format: .docx, data: try DOCXRenderer.render(draft.document, version: draft.version)))
                } catch {
                    diagnostics.emit(.error(.outputNotWritten, "could not build the DOCX file: \(error)", at: .file(planFile.path)))
                    result.rendered = []
                    return outcome()
                }
            }
        }
        // Every file is scanned as a reader sees it: a value split by markup or DOCX runs is
        // still the value.
        let publicText = PublicTextCheck(draft, sources: report.sources)
        for file in result.rendered {
            publicText.check(file.data, reading: file.format.reading, describedAs: "'\(file.name)'", fallback: .file(planFile.path), into: &diagnostics)
        }
        if diagnostics.hasErrors { result.rendered = [] }
        return outcome()
    }
}

extension Composition {
    /// A plan composed once per supporter (`docket compose --each`).
    public struct PersonalizedResult: Sendable {
        /// The plan composed as written.
        public var base: Draft
        /// `<id>.md` for every supporter, in the file's order; none while anything has an error.
        public var rendered: [RenderedFile]
        /// The plan's campaign folder.
        public var campaign: Campaign
    }

    /// Composes the plan at `path` once for every row of the supporters file at `supporters`:
    /// each row's cells set the plan's variables of the column names, an empty cell keeps the
    /// plan's value, and the row's `id` names its draft. A column no clause of the plan reads is
    /// left out of every draft (an address or phone number kept in the same file never reaches
    /// the text) and reported. Nothing is rendered while the plan, the file or any row has an
    /// error.
    public static func composeEach(
        plan path: String, supporters: String, now: Date = Pipeline.clock(),
        baseDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath), registry: AuthorityRegistry = .shared
    ) -> Outcome<PersonalizedResult> {
        let composed = compose(plan: path, formats: [.md], now: now, baseDirectory: baseDirectory, registry: registry)
        var diagnostics = DiagnosticCollector(composed.diagnostics)
        var sources = composed.sources
        guard composed.succeeded, let base = composed.draft, let campaign = composed.value?.campaign else {
            return Outcome(diagnostics, files: composed.files, sources: sources, unrelatedErrorCount: composed.unrelatedErrorCount)
        }
        let finish = { (result: PersonalizedResult?) in
            Outcome(diagnostics, files: composed.files + [supporters], sources: sources, unrelatedErrorCount: composed.unrelatedErrorCount, value: result)
        }
        if base.signatories != nil {
            // Each supporter's draft would be a new version that no organization approved.
            diagnostics.emit(
                .error(
                    .outputNotWritten, "a sign-on letter is signed by the organizations that approve its one text; --each composes letters each supporter sends alone",
                    at: base.plan.signatories?.range ?? base.plan.source))
            return finish(nil)
        }
        let (source, readDiagnostics) = SourceFileReader.read(path: baseDirectory.resolving(supporters).path, displayPath: supporters)
        diagnostics.emit(contentsOf: readDiagnostics)
        guard let source else { return finish(nil) }
        // Its problems are printed with the line they are on, as every file's are.
        sources[supporters] = source
        let (parsed, found) = SupportersParser.parse(source)
        diagnostics.emit(contentsOf: found)
        guard let table = parsed else { return finish(nil) }

        let clauses = base.input.library.index.clauseVersions.values.joined().filter { base.usedFiles.contains($0.source.start.file) }
        let read = Set(clauses.flatMap { $0.variables.map(\.name) })
        for column in table.columns where !read.contains(column.value) {
            let suggestion = Wording.closestMatch(to: column.value, in: Array(read))
            diagnostics.emit(
                .warning(
                    .unusedPlanVariable,
                    "no clause in this plan reads '\(column.value)': the column is left out of every draft" + (suggestion.map { "; did you mean '\($0)'?" } ?? ""),
                    at: column.range, fixIt: suggestion))
        }
        var scratch = DiagnosticCollector()
        // Composed against the registry the plan was checked against, its libraries' own entries included.
        let drafts = PersonalizedDrafts(base.input, approvals: base.approvals, registry: composed.value?.registry ?? registry, diagnostics: &scratch)
        var rendered: [RenderedFile] = []
        for row in table.rows {
            var rowDiagnostics = DiagnosticCollector()
            let draft = drafts.draft(setting: row.values.filter { read.contains($0.name) }, diagnostics: &rowDiagnostics)
            diagnostics.emit(contentsOf: rowDiagnostics.emitted)
            let name = "\(row.id.value).md"
            PublicTextCheck(draft, sources: sources).check(Data(draft.markdown.utf8), reading: .markdown, describedAs: "'\(name)'", fallback: row.id.range, into: &diagnostics)
            rendered.append(RenderedFile(name: name, format: .md, data: Data(draft.markdown.utf8)))
        }
        return finish(PersonalizedResult(base: base, rendered: diagnostics.hasErrors ? [] : rendered, campaign: campaign))
    }

}

extension Outcome where Value == Composition.Result {
    /// The draft, when the plan composed at all.
    public var draft: Draft? { value?.draft }
    /// The files rendered; empty when there are errors.
    public var rendered: [Composition.RenderedFile] { value?.rendered ?? [] }
}

extension OutputFormat {
    /// How the public-text check reads a file of this format.
    var reading: PublicTextCheck.Reading {
        switch self {
        case .md: .markdown
        case .html: .html
        case .docx: .docx
        case .txt: .plain
        }
    }
}
