import Foundation

/// `docket compose`: check a plan, compose it, and render the formats asked for. Nothing is
/// rendered for writing while any file the plan uses has an error.
public enum Composition {
    public enum Format: String, Sendable, CaseIterable, Codable {
        case md, html, txt, docx
    }

    public struct RenderedFile: Sendable {
        public var name: String
        public var format: Format
        public var data: Data

        /// The text of a text format.
        public var contents: String { String(decoding: data, as: UTF8.self) }
    }

    public struct Outcome: Sendable {
        /// Problems in the files the plan uses, sorted.
        public var diagnostics: [Diagnostic]
        public var sources: [String: SourceFile]
        /// The files the plan uses, sorted.
        public var files: [String]
        /// Errors in library files this plan does not use: not shown, not blocking.
        public var unrelatedErrorCount: Int
        public var draft: Draft?
        /// Empty when there are errors.
        public var rendered: [RenderedFile]

        public var succeeded: Bool { !rendered.isEmpty && !diagnostics.hasErrors }
    }

    /// `formats` nil means the plan's `outputs`, or all three when it names none.
    public static func compose(
        plan path: String, formats requested: [Format]? = nil, now: Date = Date(),
        baseDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath), registry: AuthorityRegistry = .shared
    ) -> Outcome {
        let analysis = Checker.analyze(paths: [path], now: now, baseDirectory: baseDirectory, registry: registry)
        let diagnostics = analysis.report.diagnostics
        guard let planFile = analysis.workspace.plans.first, let draft = analysis.drafts[planFile.path] else {
            var outcome = Outcome(diagnostics: diagnostics, sources: analysis.report.sources, files: analysis.report.files, unrelatedErrorCount: 0, draft: nil, rendered: [])
            if !diagnostics.hasErrors {
                outcome.diagnostics.append(.error(.outputNotWritten, "not a plan file: compose takes a plan.yml", at: .file(path)))
            }
            return outcome
        }
        let relevant = diagnostics.filter { draft.usedFiles.contains($0.range.start.file) }
        let unrelated = diagnostics.filter { !draft.usedFiles.contains($0.range.start.file) && $0.severity == .error }.count
        var outcome = Outcome(
            diagnostics: relevant, sources: analysis.report.sources, files: draft.usedFiles.sorted(), unrelatedErrorCount: unrelated, draft: draft, rendered: [])
        guard !relevant.hasErrors else { return outcome }

        let formats = requested ?? planFormats(planFile.plan)
        let base = planFile.plan.name
        for format in formats {
            switch format {
            case .md: outcome.rendered.append(RenderedFile(name: "\(base).md", format: .md, data: Data(draft.markdown.utf8)))
            case .html:
                outcome.rendered.append(RenderedFile(name: "\(base).html", format: .html, data: Data(HTMLRenderer.render(draft.document, version: draft.version).utf8)))
            case .txt: outcome.rendered.append(RenderedFile(name: "comment-box.txt", format: .txt, data: Data(draft.box.text.utf8)))
            case .docx:
                do {
                    outcome.rendered.append(RenderedFile(name: "\(base).docx", format: .docx, data: try DOCXRenderer.render(draft.document, version: draft.version)))
                } catch {
                    outcome.diagnostics.append(.error(.outputNotWritten, "could not build the DOCX file: \(error)", at: .file(planFile.path)))
                    outcome.rendered = []
                    return outcome
                }
            }
        }
        return outcome
    }

    private static func planFormats(_ plan: Plan) -> [Format] {
        let named = plan.outputs.compactMap { Format(rawValue: $0.value) }
        return named.isEmpty ? [.md, .html, .txt] : named
    }
}
