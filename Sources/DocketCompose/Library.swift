import DocketSupport
import DocketLibrary
import DocketMarkdown
import DocketModel

/// A library ready to compose from: its entries indexed by id, and one template engine that
/// parses each clause once however many plans or drafts use it.
public struct Library: Sendable {
    /// Recommendations and clause versions by id, with any duplicate-id problems.
    public let index: LibraryIndex
    let templates: TemplateEngine
    let includes: IncludeAnalysis

    /// Indexes `recommendations` and `clauses` (every version of each).
    public init(recommendations: [Recommendation], clauses: [Clause]) {
        self.init(index: LibraryIndex(recommendations: recommendations, clauses: clauses))
    }

    /// A library over an index already built.
    public init(index: LibraryIndex) {
        self.index = index
        includes = IncludeAnalysis(partials: index.newestClauses)
        // A clause that cannot be rendered safely never reaches the template engine.
        let includes = self.includes
        templates = TemplateEngine(partials: index.newestClauses.filter { includes.problem(including: $0.body) == nil && MustacheScan.problem(in: $0.body) == nil })
    }

    /// Problems building the library: duplicate ids, include cycles, includes chained too deep
    /// or expanding too far.
    public var diagnostics: [Diagnostic] { index.diagnostics + includes.diagnostics }
}

/// Everything one plan is composed from, as values. Nothing here is a path to open: the
/// workflow layer (or a server, or a test) loads the files and passes what they hold.
public struct PlanInput: Sendable {
    /// The plan to compose.
    public var plan: Plan
    /// How diagnostics and provenance name the plan file, e.g. `Examples/x/plan.yml`.
    public var planPath: String
    /// The recommendations and clauses the plan can use.
    public var library: Library
    /// The docket the plan's `docket:` names, when it loaded.
    public var docket: Docket?
    /// The organizations the plan's `signatories:` lists, when it loaded.
    public var signatories: [Signatory]?
    /// How messages name the library folders searched, in order, for "unknown clause" errors.
    public var searchedFolders: [String] = []
    /// The date the document bears, in the agency's calendar; none prints no date line.
    public var date: CalendarDate?
    /// Display paths of the files the plan names besides the library (docket, signatories,
    /// approvals): their problems belong to this plan even when they kept a file from loading.
    public var referencedFiles: [String]
    /// The text of the files read, by display path, for locating text the model holds without
    /// a position (a recommendation's `comparison`, a private value). Optional.
    public var sources: [String: SourceFile]

    /// A plan and the values it names.
    public init(
        plan: Plan, planPath: String, library: Library, docket: Docket? = nil, signatories: [Signatory]? = nil, date: CalendarDate? = nil,
        referencedFiles: [String] = [], sources: [String: SourceFile] = [:]
    ) {
        self.date = date
        self.plan = plan
        self.planPath = planPath
        self.library = library
        self.docket = docket
        self.signatories = signatories
        self.referencedFiles = referencedFiles
        self.sources = sources
    }
}
