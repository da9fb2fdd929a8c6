import DocketCitations
import DocketLibrary
import DocketMarkdown
import DocketModel
import DocketSupport
import Foundation

/// Turns a plan into a `ComposedDocument`: renders each clause and recommendation through the
/// template engine with the plan's typed values, numbers the recommendations in plan order, and
/// builds the parts derived from them (summary, comparison table, authorities index, signatures).
///
/// Composing reads no file and no clock: everything comes in as values (`PlanInput`). What the
/// plan names that does not exist is reported by `PlanRules` and its section skipped; rendering
/// reports what only it reveals: `{{ref.x}}` naming no recommendation in the plan, and partials
/// naming no clause.
public struct Composer {
    /// The composed document and what it drew on.
    public struct Result: Sendable {
        /// The composed document.
        public var document: ComposedDocument
        /// Display paths of every file whose text the document uses.
        public var usedFiles: Set<String>
        /// What rendering this document produced that another composition of the same plan,
        /// with other variable values, can reuse.
        public var memo: CompositionMemo
    }

    let input: PlanInput
    let registry: AuthorityRegistry
    let memo: CompositionMemo?

    var plan: Plan { input.plan }
    var index: LibraryIndex { input.library.index }
    var docket: Docket? { input.docket }
    var signatories: [Signatory]? { input.signatories }
    var sources: [String: SourceFile] { input.sources }
    var planPath: String { input.planPath }

    /// A composer for `input`, resolving citations against `registry`.
    public init(_ input: PlanInput, registry: AuthorityRegistry = .shared) {
        self.init(input, registry: registry, reusing: nil)
    }

    /// A composer for `input` that takes from `memo` every render whose inputs are unchanged.
    /// `memo` must come from composing the same plan, library, docket and roster, with only the
    /// plan's variable values differing: everything else a body can read is assumed equal.
    public init(_ input: PlanInput, registry: AuthorityRegistry = .shared, reusing memo: CompositionMemo?) {
        self.input = input
        self.registry = registry
        self.memo = memo
    }

    /// Checks the plan against its library and docket, then composes it. Problems go into
    /// `diagnostics`; sections naming what does not exist are skipped.
    public func compose(into diagnostics: inout DiagnosticCollector) -> Result {
        // What the plan names is checked once; only the variables can differ in a composition
        // that has a memo.
        let structure = memo?.planStructure ?? PlanRules.checkStructure(plan, docket: docket, index: index, searched: input.searchedFolders)
        diagnostics.emit(contentsOf: structure.diagnostics)
        var variableDiagnostics: [Diagnostic] = []
        PlanRules.checkVariables(plan, clauses: structure.clauses, into: &variableDiagnostics)
        diagnostics.emit(contentsOf: variableDiagnostics)
        var state = State(engine: input.library.templates, references: ReferenceTable(labels: referenceLabels), builtins: builtinValues)
        state.usedFiles.insert(planPath)
        state.usedFiles.formUnion(input.referencedFiles)

        if let template = plan.template, let clause = index.clause(template.value), clause.role == .document {
            state.blocks.append(
                .prose(
                    Prose(
                        markdown: render(clause, state: &state),
                        provenance: Provenance(.documentTemplate(id: clause.id, version: clause.version), file: clause.source.start.file, line: clause.bodyFirstLine))))
        }
        let placed = Set(plan.sections.compactMap { if case .generated(let part) = $0 { part.value } else { nil } })
        let firstRecommendations = plan.sections.firstIndex { if case .recommendations = $0 { true } else { false } }
        // The summary conventionally opens the recommendations: before the heading that
        // introduces them, when the plan gives one.
        var summaryAt = firstRecommendations
        if let index = firstRecommendations, index > 0, case .heading = plan.sections[index - 1] { summaryAt = index - 1 }

        // Numbered before the walk, so parts placed ahead of the recommendations can list them.
        // They read no variable, so another composition of the plan has them already.
        let beforeRecommendations = state.diagnostics.count
        if let memo {
            state.recommendations = memo.recommendations
            state.diagnostics += memo.recommendationDiagnostics
            state.usedFiles.formUnion(memo.recommendations.map(\.provenance.file))
        } else {
            for id in plan.recommendationIDs {
                guard let recommendation = index.recommendations[id.value], !state.recommendations.contains(where: { $0.id == id.value }) else { continue }
                state.recommendations.append(compose(recommendation, number: state.recommendations.count + 1, state: &state))
            }
        }
        let recommendationDiagnostics = Array(state.diagnostics[beforeRecommendations...])
        for (position, section) in plan.sections.enumerated() {
            if position == summaryAt, !placed.contains(.summary) { appendGenerated(.summary, state: &state) }
            switch section {
            case .heading(let text):
                // Only the appendices start a page: a forced break in the body can leave a
                // page holding one paragraph.
                let startsPage = false
                state.blocks.append(.heading(Heading(text: text.value, level: 2, startsPage: startsPage, provenance: planProvenance(text.range))))
            case .clause(let reference):
                guard let clause = index.clause(reference.id, version: reference.pinnedVersion) else { continue }
                state.blocks.append(.prose(Prose(markdown: render(clause, state: &state), provenance: provenance(of: clause))))
            case .answer(let question, let reference):
                guard let clause = index.clause(reference.id, version: reference.pinnedVersion) else { continue }
                let text = docket?.questions.first { $0.number == question.value }?.text ?? ""
                state.blocks.append(.answer(Answer(question: question.value, questionText: text, markdown: render(clause, state: &state), provenance: provenance(of: clause))))
            case .recommendations(let ids):
                for id in ids {
                    guard let recommendation = state.recommendations.first(where: { $0.id == id.value }), state.placed.insert(id.value).inserted else { continue }
                    state.blocks.append(.recommendation(recommendation))
                }
            case .generated(let part):
                appendGenerated(part.value, state: &state)
            }
        }
        for part in [GeneratedPart.signatures, .comparison, .authorities] where !placed.contains(part) {
            appendGenerated(part, state: &state)
        }
        diagnostics.emit(contentsOf: state.diagnostics)
        let documentDate = input.documentDate
        var dateDiagnostics: [Diagnostic] = []
        if let memo, memo.documentDate == documentDate {
            dateDiagnostics = memo.dateDiagnostics
        } else if let documentDate {
            let recommendations = state.recommendations.compactMap { index.recommendations[$0.id] }
            let clauses = index.allClauseIDs.flatMap { index.clauseVersions[$0] ?? [] }.filter { state.usedFiles.contains($0.source.start.file) }
            var found = DiagnosticCollector()
            DateRules.check(recommendations: recommendations, clauses: clauses, as: documentDate, registry: registry, into: &found)
            dateDiagnostics = found.diagnostics
        }
        diagnostics.emit(contentsOf: dateDiagnostics)
        let document = ComposedDocument(planName: plan.name, kind: plan.kind, header: header, blocks: state.blocks)
        let memo = CompositionMemo(
            planStructure: structure, clauses: state.clauseRenders, generated: state.generated, recommendations: state.recommendations, recommendationDiagnostics: recommendationDiagnostics, documentDate: documentDate,
            dateDiagnostics: dateDiagnostics)
        return Result(document: document, usedFiles: state.usedFiles, memo: memo)
    }

    struct State {
        var engine: TemplateEngine
        var references: ReferenceTable
        /// `builtinValues`, built once per document rather than once per body.
        var builtins: [String: Any]
        var blocks: [Block] = []
        var diagnostics: [Diagnostic] = []
        var usedFiles: Set<String> = []
        var recommendations: [ComposedRecommendation] = []
        /// Ids of recommendations already placed, so a repeated id is placed once.
        var placed: Set<String> = []
        /// Each clause's render, by `CompositionMemo.key`.
        var clauseRenders: [String: CompositionMemo.ClauseRender] = [:]
        var generated: [GeneratedPart: [Block]] = [:]
    }

    /// "Recommendation N" for every recommendation the plan lists, numbered in plan order.
    private var referenceLabels: [String: String] {
        var labels: [String: String] = [:]
        for id in plan.recommendationIDs where labels[id.value] == nil && index.recommendations[id.value] != nil {
            labels[id.value] = "Recommendation \(labels.count + 1)"
        }
        return labels
    }

    private func compose(_ recommendation: Recommendation, number: Int, state: inout State) -> ComposedRecommendation {
        let file = recommendation.source.start.file
        state.usedFiles.insert(file)
        let body = render(recommendation.body, firstLine: recommendation.bodyFirstLine, file: file, state: &state)
        // The comparison is a front-matter field: its line is found by searching the file.
        let comparison = render(recommendation.comparison, firstLine: nil, file: file, state: &state)
        return ComposedRecommendation(
            number: number, id: recommendation.id, title: recommendation.title, summary: recommendation.summary, body: body,
            authorities: recommendation.authorities.map(entry), eu: recommendation.eu.map { EUEntry(authority: entry($0.authority), requires: $0.requires) },
            comparison: comparison, systems: recommendation.systems.map(entry),
            provenance: Provenance(.recommendation(id: recommendation.id), file: file, line: recommendation.bodyFirstLine))
    }

    func entry(_ cited: CitedAuthority) -> CitedEntry {
        guard let citation = cited.citation else {
            return CitedEntry(citation: cited.text.value, title: nil, note: cited.note, verified: false, group: .other)
        }
        let resolution = registry.resolve(citation)
        let verified = if case .verified = resolution.outcome { true } else { false }
        return CitedEntry(citation: citation.canonical, title: resolution.title, note: cited.note, verified: verified, group: AuthorityGroup.Kind(citation.instrument))
    }

    private func render(_ clause: Clause, state: inout State) -> String {
        state.usedFiles.insert(clause.source.start.file)
        let key = CompositionMemo.key(clause)
        let kept = memo?.clauses[key]
        let read = kept?.read ?? clausesRead(by: clause)
        let values = values(reading: read, state: &state)
        // A clause whose values did not change renders as it did: only the supporter's own
        // words are rendered again.
        if let kept, kept.values == values {
            state.diagnostics += kept.checks.diagnostics + kept.renderDiagnostics
            state.clauseRenders[key] = kept
            return kept.text
        }
        let file = clause.source.start.file
        // What the body's text alone decides, found once per clause however many drafts.
        let checks = kept?.checks ?? check(clause.body, firstLine: clause.bodyFirstLine, file: file)
        state.diagnostics += checks.diagnostics
        let before = state.diagnostics.count
        let text = checks.renderable ? render(clause.body, firstLine: clause.bodyFirstLine, file: file, values: values.mapValues(\.templateValue), state: &state) : ""
        state.clauseRenders[key] = CompositionMemo.ClauseRender(
            read: read, values: values, checks: checks, text: text, renderDiagnostics: Array(state.diagnostics[before...]))
        return text
    }

    /// A recommendation's body or comparison, checked and rendered.
    private func render(_ body: String, firstLine: Int?, file: String, state: inout State) -> String {
        let checks = check(body, firstLine: firstLine, file: file)
        state.diagnostics += checks.diagnostics
        return checks.renderable ? render(body, firstLine: firstLine, file: file, values: [:], state: &state) : ""
    }

    /// What can be told of a body before rendering it: whether it can be rendered safely, and
    /// partials naming no clause. `firstLine` is where `body` starts in `file`, or nil when unknown.
    private func check(_ body: String, firstLine: Int?, file: String) -> CompositionMemo.BodyChecks {
        // What cannot be rendered safely is reported by `docket check` at its source; here it
        // is reported where this plan uses it, and left out.
        if let problem = MustacheScan.problem(in: body) {
            // Worded and placed as `TemplateRules` reports it, so a check that runs both says it once.
            let diagnostic = Diagnostic.error(
                problem.kind == .unclosedTag ? .unclosedTag : .nestingTooDeep, "template error: \(problem.message)",
                at: SourceRange(locate("", offset: problem.utf8Offset, in: body, firstLine: firstLine, file: file)))
            return .init(diagnostics: [diagnostic], renderable: false)
        }
        if let problem = input.library.includes.problem(including: body) {
            let location = locate("{{> \(problem.name)", offset: problem.offset, in: body, firstLine: firstLine, file: file)
            // The include that closes a cycle or crosses a limit is reported once, by the analysis.
            guard !input.library.includes.reportedIncludes.contains(location) else { return .init(diagnostics: [], renderable: false) }
            let diagnostic = Diagnostic.error(
                problem.code, "'{{> \(problem.name)}}' is not rendered: \(problem.reason)", at: SourceRange(location, length: problem.name.utf8.count))
            return .init(diagnostics: [diagnostic], renderable: false)
        }
        var diagnostics: [Diagnostic] = []
        for (name, offset) in MustachePartials.partialNames(in: body) where index.clause(name) == nil {
            let suggestion = Wording.closestMatch(to: name, in: index.allClauseIDs)
            diagnostics.append(
                .error(
                    .unknownPartial, "'{{> \(name)}}' includes no clause: the library has no clause '\(name)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? ""),
                    at: SourceRange(locate("{{> \(name)", offset: offset, in: body, firstLine: firstLine, file: file), length: name.utf8.count), fixIt: suggestion))
        }
        return .init(diagnostics: diagnostics, renderable: true)
    }

    /// Renders a checked body and reports what only rendering can tell: references to
    /// recommendations the plan does not list.
    private func render(_ body: String, firstLine: Int?, file: String, values: [String: Any], state: inout State) -> String {
        state.references.resetMisses()
        let context = TemplateContext(values: values.isEmpty ? state.builtins : state.builtins.merging(values) { _, own in own }, references: state.references)
        let rendered = state.engine.render(body, context: context)
        for miss in state.references.misses {
            let needle = "ref.\(miss)"
            let offset = body.range(of: needle).map { body.utf8.distance(from: body.startIndex, to: $0.lowerBound) }
            let location = locate(needle, offset: offset, in: body, firstLine: firstLine, file: file)
            let listed = index.recommendations[miss] != nil
            let message =
                listed
                ? "'{{ref.\(miss)}}' refers to recommendation '\(miss)', which this plan does not include; add it to the plan or reword the text"
                : "'{{ref.\(miss)}}' names no recommendation" + (Wording.closestMatch(to: miss, in: Array(referenceLabels.keys)).map { "; did you mean '\($0)'?" } ?? "")
            state.diagnostics.append(.error(.unknownReference, message, at: SourceRange(location, length: needle.utf8.count)))
        }
        return rendered.trimmingWhitespaceAndNewlines()
    }

    /// Where text at `offset` in `body` stands in `file`: computed from the body's first line when
    /// known, else found by searching the file for `needle`.
    private func locate(_ needle: String, offset: Int?, in body: String, firstLine: Int?, file: String) -> SourceLocation {
        if let firstLine, let offset {
            let prefix = body.utf8.prefix(offset)
            let newlines = prefix.count { $0 == UInt8(ascii: "\n") }
            let column = prefix.count - (prefix.lastIndex(of: UInt8(ascii: "\n")).map { prefix.distance(from: prefix.startIndex, to: $0) + 1 } ?? 0) + 1
            return SourceLocation(file: file, line: firstLine + newlines, column: column)
        }
        if let location = sources[file]?.location(ofFirst: needle) {
            // Point at the name, past "{{> " when the needle carries it.
            return needle.hasPrefix("{{> ") ? SourceLocation(file: file, line: location.line, column: location.column + 4) : location
        }
        return SourceLocation(file: file, line: firstLine ?? 1, column: 1)
    }

    private func provenance(of clause: Clause) -> Provenance {
        Provenance(.clause(id: clause.id, version: clause.version), file: clause.source.start.file, line: clause.bodyFirstLine)
    }

    func planProvenance(_ range: SourceRange) -> Provenance {
        Provenance(.plan, file: planPath, line: range.start.line)
    }
}

extension AuthorityGroup.Kind {
    init(_ instrument: Citation.Instrument) {
        switch instrument {
        case .ombMemo: self = .omb
        case .ombReportingGuidance: self = .ombGuidance
        case .ombDraftMemorandum: self = .omb
        case .euAIAct: self = .euAIAct
        case .nistAIRMF: self = .nist
        case .federalRegister, .federalRegisterDocument: self = .federalRegister
        case .dhsInventory: self = .dhsInventory
        case .regulationsGovDocket, .regulationsGovDocument: self = .regulationsGov
        }
    }
}

/// What composing a plan rendered, for composing the same plan again with other variable values
/// (one draft per supporter): the recommendations, which read no variable, and each clause's
/// text with the values it was rendered from. A clause is rendered again only when one of its
/// values differs, so the result is the same as composing from scratch.
public struct CompositionMemo: Sendable {
    /// What a body's text alone decides: the problems found before rendering it, and whether
    /// it can be rendered at all.
    struct BodyChecks: Sendable {
        var diagnostics: [Diagnostic]
        var renderable: Bool
    }

    /// One clause's rendered text and what rendering it reported.
    struct ClauseRender: Sendable {
        /// The clause and the clauses it includes, whose variables it reads.
        var read: [Clause]
        var values: [String: VariableValue]
        var checks: BodyChecks
        var text: String
        /// What rendering reported past `checks`: references to recommendations not listed.
        var renderDiagnostics: [Diagnostic]
    }

    /// What `PlanRules` found that no variable value changes, and the clauses whose variables
    /// the plan gives.
    var planStructure: (diagnostics: [Diagnostic], clauses: [(ClauseReference, Clause)])
    var clauses: [String: ClauseRender]
    /// The blocks of each generated part: built from the recommendations and the roster alone.
    var generated: [GeneratedPart: [Block]]
    var recommendations: [ComposedRecommendation]
    var recommendationDiagnostics: [Diagnostic]
    /// The date the date rules judged the document as of, and what they found.
    var documentDate: DocumentDate?
    var dateDiagnostics: [Diagnostic]

    /// A pinned version is a different text from the newest, so the version is part of the key.
    static func key(_ clause: Clause) -> String { "\(clause.id)@\(clause.version)" }
}
