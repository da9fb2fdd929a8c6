import DocketCitations
import DocketCompose
import DocketLibrary
import DocketModel
import DocketReview
import DocketSupport
import Foundation

/// Everything loaded for one run: the library files, dockets, plans and signatory lists found
/// under the paths given, each parsed once, with every loading diagnostic.
public struct Workspace: Sendable {
    /// A plan and where it was read.
    public struct PlanFile: Sendable {
        /// The display path.
        public var path: String
        public var url: URL
        public var plan: Plan

        /// A plan read from `url`, shown as `path`.
        public init(path: String, url: URL, plan: Plan) {
            self.path = path
            self.url = url
            self.plan = plan
        }
    }

    public private(set) var recommendations: [Recommendation] = []
    public private(set) var clauses: [Clause] = []
    public private(set) var dockets: [String: Docket] = [:]
    public private(set) var plans: [PlanFile] = []
    public private(set) var signatoryLists: [String: [Signatory]] = [:]
    /// Each library folder's own registry entries, by the library folder's display path.
    public private(set) var localRegistries: [String: [AuthorityRegistry.LocalEntry]] = [:]
    private let registry: AuthorityRegistry

    /// The registry for entries of the library folder `folder` (a display path): the bundled
    /// one and that library's own `authorities.yml`.
    public func registry(forLibraryFolder folder: String) -> AuthorityRegistry {
        registry.adding(localRegistries[folder] ?? [])
    }

    /// The registry a plan's entries are checked against: `base` and the own entries of each
    /// library folder the plan searches (`searched`, as `layeredLibrary` names them).
    public func registry(searching searched: [String], over base: AuthorityRegistry) -> AuthorityRegistry {
        searched.reduce(base) { $0.adding(localRegistries[$1 == "." ? "" : $1] ?? []) }
    }

    /// Display paths of the files under the paths asked for, as opposed to library files
    /// loaded because a plan searches them.
    public private(set) var requestedFiles: Set<String> = []
    /// Display paths of every file read, in the order read.
    public private(set) var files: [String] = []
    public private(set) var diagnostics: [Diagnostic] = []
    /// The text of every file read, by display path, for checks that quote or re-scan it.
    public private(set) var sources: [String: SourceFile] = [:]

    private var loaded: Set<String> = []
    /// The folder display paths are relative to.
    public let baseDirectory: URL

    /// Loads the files at `paths` (files or folders, walked recursively). Each plan's library is
    /// loaded too, so its clause and recommendation references can be resolved.
    public init(
        loading paths: [String], baseDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath), registry: AuthorityRegistry = .shared
    ) {
        self.baseDirectory = baseDirectory.standardizedFileURL
        self.registry = registry
        for path in paths {
            let url = self.baseDirectory.resolving(path)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
                diagnostics.append(.error(.unreadableFile, "no such file or folder", at: .file(path)))
                continue
            }
            if isDirectory.boolValue {
                loadFolder(url)
            } else {
                loadFile(url, explicitly: true)
            }
        }
        requestedFiles = Set(files)
        var planIndex = 0
        while planIndex < plans.count {
            let planFile = plans[planIndex]
            for root in libraryRoots(for: planFile) {
                for folder in ["Recommendations", "Templates"] {
                    loadFolder(root.appendingPathComponent(folder))
                }
                let local = root.appendingPathComponent(LocalRegistryParser.fileName)
                if FileManager.default.fileExists(atPath: local.path) { loadFile(local.standardizedFileURL, explicitly: true) }
            }
            planIndex += 1
        }
    }

    /// `url` relative to the base folder when inside it.
    public func displayPath(_ url: URL) -> String {
        Self.displayPath(url, base: baseDirectory)
    }

    /// `url` relative to `baseDirectory` when inside it.
    public static func displayPath(_ url: URL, base baseDirectory: URL) -> String {
        let path = url.standardizedFileURL.path
        let base = baseDirectory.path.hasSuffix("/") ? baseDirectory.path : baseDirectory.path + "/"
        return path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path
    }

    /// The folders a plan's clauses and recommendations are looked up in, in order: the
    /// campaign's own folder when it holds `Recommendations/` or `Templates/`, then each library
    /// the plan names; a plan naming none uses the nearest enclosing folder that holds a library.
    public func libraryRoots(for planFile: PlanFile) -> [URL] {
        let folder = planFile.url.deletingLastPathComponent().standardizedFileURL
        var roots: [URL] = []
        func add(_ url: URL) { if !roots.contains(url.standardizedFileURL) { roots.append(url.standardizedFileURL) } }
        if Self.holdsLibrary(folder) { add(folder) }
        for library in planFile.plan.libraries { add(folder.resolving(library.value)) }
        if planFile.plan.libraries.isEmpty {
            // No library named: the nearest one above the campaign, added after its own entries.
            var candidate = folder.deletingLastPathComponent()
            while true {
                if Self.holdsLibrary(candidate) {
                    add(candidate)
                    break
                }
                if candidate.path == "/" { break }
                candidate = candidate.deletingLastPathComponent()
            }
        }
        return roots
    }

    /// The library folder a library file belongs to: the folder above its `Recommendations/` or
    /// `Templates/`, as a display path ("" for the base folder).
    public static func libraryFolder(of file: String) -> String {
        let components = file.split(separator: "/", omittingEmptySubsequences: false)
        guard let index = components.lastIndex(where: { $0 == "Recommendations" || $0 == "Templates" }) else { return "" }
        return components[..<index].joined(separator: "/")
    }

    /// The loaded entries grouped by the library folder that holds them (the folder above
    /// their `Recommendations/` or `Templates/`), by display path.
    public func entriesByLibraryFolder() -> [String: (recommendations: [Recommendation], clauses: [Clause])] {
        let folder = Self.libraryFolder(of:)
        var groups: [String: (recommendations: [Recommendation], clauses: [Clause])] = [:]
        for recommendation in recommendations { groups[folder(recommendation.source.start.file), default: ([], [])].recommendations.append(recommendation) }
        for clause in clauses { groups[folder(clause.source.start.file), default: ([], [])].clauses.append(clause) }
        return groups
    }

    /// Whether `folder` has a `Recommendations/` or `Templates/` folder.
    static func holdsLibrary(_ folder: URL) -> Bool {
        ["Recommendations", "Templates"].contains { FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).path) }
    }

    /// The library a plan composes from: its layers' entries, the first layer that defines an
    /// id providing it, and a note where a later layer's entry is shadowed.
    public func layeredLibrary(for planFile: PlanFile) -> (Library, searched: [String]) {
        let roots = libraryRoots(for: planFile)
        let layers = roots.map { root -> LibraryIndex.Layer in
            let prefix = root.path.hasSuffix("/") ? root.path : root.path + "/"
            let inLayer = { (file: String) in
                let path = self.baseDirectory.resolving(file).path
                return path.hasPrefix(prefix + "Recommendations/") || path.hasPrefix(prefix + "Templates/")
            }
            return LibraryIndex.Layer(
                name: displayPath(root).isEmpty ? "." : displayPath(root), recommendations: recommendations.filter { inLayer($0.source.start.file) },
                clauses: clauses.filter { inLayer($0.source.start.file) })
        }
        return (Library(index: LibraryIndex(layers: layers)), layers.map(\.name))
    }

    /// Loads a file referenced by a plan (docket, signatories) if not loaded yet.
    mutating func loadReferenced(_ url: URL) {
        loadFile(url.standardizedFileURL, explicitly: true)
    }

    /// Loads what `planFile` names besides its library (docket, signatories, approvals log) and
    /// returns them as the values a draft is composed from, with the problems of missing files.
    mutating func input(for planFile: PlanFile, library: Library, now: Date, into diagnostics: inout DiagnosticCollector) -> (PlanInput, ApprovalLog?) {
        let plan = planFile.plan
        let folder = planFile.url.deletingLastPathComponent()
        if libraryRoots(for: planFile).isEmpty {
            diagnostics.emit(
                .error(.noLibrary, "no library found for this plan: add 'library: PATH' pointing at the folder with Recommendations/ and Templates/", at: plan.source))
        }
        for library in plan.libraries {
            let root = folder.resolving(library.value)
            if !FileManager.default.fileExists(atPath: root.path) {
                diagnostics.emit(.error(.missingReferencedFile, "library folder '\(library.value)' does not exist", at: library.range))
            } else if !["Recommendations", "Templates"].contains(where: { FileManager.default.fileExists(atPath: root.appendingPathComponent($0).path) }) {
                diagnostics.emit(
                    .error(
                        .noLibrary,
                        "library folder '\(library.value)' (\(displayPath(root))) holds no Recommendations/ or Templates/ folder, so no clause or recommendation can be found in it",
                        at: library.range))
            }
        }
        var referenced: [String] = []
        var docket: Docket?
        if let path = plan.docket {
            let url = folder.resolving(path.value)
            referenced.append(displayPath(url))
            if FileManager.default.fileExists(atPath: url.path) {
                loadReferenced(url)
                docket = self.docket(at: url)
                if docket == nil {
                    diagnostics.emit(
                        .error(
                            .missingReferencedFile, "'\(path.value)' did not load as a docket (a docket.yml with id, agency and title); its own problems are listed at it",
                            at: path.range))
                }
            } else {
                diagnostics.emit(.error(.missingReferencedFile, "docket file '\(path.value)' does not exist", at: path.range))
            }
        }
        var signers: [Signatory]?
        var approvals: ApprovalLog?
        if let path = plan.signatories {
            let url = folder.resolving(path.value)
            referenced.append(displayPath(url))
            if FileManager.default.fileExists(atPath: url.path) {
                loadReferenced(url)
                signers = signatories(at: url)
                if signers == nil {
                    diagnostics.emit(
                        .error(
                            .missingReferencedFile, "'\(path.value)' did not load as a signatories list (a CSV file with an 'organization' column)",
                            at: path.range))
                }
            } else {
                diagnostics.emit(.error(.missingReferencedFile, "signatories file '\(path.value)' does not exist", at: path.range))
            }
            let log = Campaign(plan: plan, at: planFile.url).approvalsURL ?? url
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: log.path, isDirectory: &isFolder) {
                referenced.append(displayPath(log))
                if !isFolder.boolValue, let data = FileManager.default.contents(atPath: log.path) {
                    approvals = ApprovalLog(parsing: data, path: displayPath(log))
                } else {
                    // A log that cannot be read must not become a letter signed by no one.
                    let why = isFolder.boolValue ? "is a folder" : "cannot be read (check its permissions)"
                    diagnostics.emit(
                        .error(.unreadableApprovals, "the approvals log '\(displayPath(log))' \(why); nobody's decision can be counted until it is a readable file", at: path.range)
                    )
                }
            }
        }
        let input = PlanInput(
            plan: plan, planPath: planFile.path, library: library, docket: docket, signatories: signers, date: CommentPeriod.easternDay(of: now),
            referencedFiles: referenced, sources: sources)
        return (input, approvals)
    }

    /// Every `clause-versions.json` beside the clauses loaded, by display path; a file that is
    /// not a lock is reported.
    func clauseLocks(into diagnostics: inout DiagnosticCollector) -> [String: ClauseLock] {
        var locks: [String: ClauseLock] = [:]
        let folders = Set(clauses.compactMap { ClauseLockRules.templatesFolder(of: $0.source.start.file) })
        for folder in folders.sorted() {
            let path = ClauseLockRules.lockPath(inTemplatesFolder: folder)
            guard let data = FileManager.default.contents(atPath: baseDirectory.resolving(path).path) else { continue }
            do {
                locks[path] = try ClauseLock(decoding: data, displayPath: path)
            } catch {
                diagnostics.emit(error.diagnostic)
            }
        }
        return locks
    }

    // MARK: Loading

    private mutating func loadFolder(_ folder: URL) {
        guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles]) else { return }
        var urls: [URL] = []
        for case let url as URL in enumerator {
            // Golden outputs, build products and stored draft versions are not library input.
            if Campaign.generatedFolderNames.contains(url.lastPathComponent) {
                enumerator.skipDescendants()
                continue
            }
            if LibraryFileKind.classify(url) != nil { urls.append(url.standardizedFileURL) }
        }
        let sorted = urls.map { ($0.path, $0) }.sorted { $0.0 < $1.0 }.map(\.1)
        // Files are independent until they are indexed: read and parse them on every core, then
        // add them in path order, so the workspace is the same as one loaded file by file.
        let keys = sorted.concurrentMap { $0.resolvingSymlinksInPath().path }
        var pending: [(url: URL, key: String)] = []
        for (url, key) in zip(sorted, keys) where loaded.insert(key).inserted { pending.append((url, key)) }
        let base = baseDirectory
        let registry = registry
        let parsed = pending.map { ($0.url, $0.key) }.concurrentMap { url, key in
            Self.read(url, key: key, displayPath: Self.displayPath(url, base: base), explicitly: false, registry: registry)
        }
        for file in parsed { add(file) }
    }

    private mutating func loadFile(_ url: URL, explicitly: Bool) {
        let key = url.resolvingSymlinksInPath().path
        guard loaded.insert(key).inserted else { return }
        add(Self.read(url, key: key, displayPath: displayPath(url), explicitly: explicitly, registry: registry))
    }

    /// One file read and parsed, before it joins the workspace.
    private struct LoadedFile: Sendable {
        enum Content: Sendable {
            case recommendation(Recommendation?)
            case clause(Clause?)
            case docket(Docket?)
            case plan(Plan?)
            case registry([AuthorityRegistry.LocalEntry])
            case signatories([Signatory])
        }

        var url: URL
        var key: String
        var path: String
        /// Nil when the file was not read: not a kind DocketKit checks, or unreadable.
        var source: SourceFile?
        var wasRead = false
        var content: Content?
        var diagnostics: [Diagnostic] = []
    }

    /// Reads and parses the file at `url`: no workspace state, so files can be read at once.
    private static func read(_ url: URL, key: String, displayPath path: String, explicitly: Bool, registry: AuthorityRegistry) -> LoadedFile {
        var file = LoadedFile(url: url, key: key, path: path)
        let kind = LibraryFileKind.classify(url)
        if kind == nil, !(explicitly && LibraryFileKind.sniffableExtensions.contains(url.pathExtension.lowercased())) {
            if explicitly {
                file.diagnostics.append(
                    .warning(.unknownFileKind, "not a file DocketKit checks: expected a library Markdown file, docket.yml, plan.yml or signatories.csv", at: .file(path)))
            }
            return file
        }
        let (source, readDiagnostics) = SourceFileReader.read(path: url.path, displayPath: path, salvaging: true)
        file.wasRead = true
        file.diagnostics += readDiagnostics
        guard let source else { return file }
        file.source = source
        guard let kind = kind ?? LibraryFileKind.sniff(source, url: url) else { return file }
        let found: [Diagnostic]
        switch kind {
        case .recommendation:
            let parsed = RecommendationParser.parse(source)
            (file.content, found) = (.recommendation(parsed.0), parsed.1)
        case .clause, .documentTemplate:
            let parsed = ClauseParser.parse(source, role: kind == .clause ? .clause : .document)
            (file.content, found) = (.clause(parsed.0), parsed.1)
        case .docket:
            let parsed = DocketParser.parse(source)
            (file.content, found) = (.docket(parsed.0), parsed.1)
        case .plan:
            let parsed = PlanParser.parse(source)
            (file.content, found) = (.plan(parsed.0), parsed.1)
        case .registry:
            let parsed = LocalRegistryParser.parse(source, registry: registry)
            (file.content, found) = (.registry(parsed.0), parsed.1)
        case .signatories:
            let parsed = SignatoriesParser.parse(source)
            (file.content, found) = (.signatories(parsed.0), parsed.1)
        }
        file.diagnostics += found
        return file
    }

    /// Adds a file read by `read` to the workspace.
    private mutating func add(_ file: LoadedFile) {
        if file.wasRead { files.append(file.path) }
        diagnostics += file.diagnostics
        guard let source = file.source else { return }
        sources[file.path] = source
        guard let content = file.content else { return }
        switch content {
        case .recommendation(let recommendation):
            if let recommendation { recommendations.append(recommendation) }
        case .clause(let clause):
            if let clause { clauses.append(clause) }
        case .docket(let docket):
            if let docket { dockets[file.key] = docket }
        case .plan(let plan):
            if let plan { plans.append(PlanFile(path: file.path, url: file.url, plan: plan)) }
        case .registry(let entries):
            let folder = (file.path as NSString).deletingLastPathComponent
            localRegistries[folder, default: []] += entries
        case .signatories(let signatories):
            signatoryLists[file.key] = signatories
        }
    }

    /// The docket loaded from `url`, if it loaded.
    public func docket(at url: URL) -> Docket? { dockets[url.resolvingSymlinksInPath().path] }
    /// The signatories loaded from `url`, if they loaded.
    public func signatories(at url: URL) -> [Signatory]? { signatoryLists[url.resolvingSymlinksInPath().path] }
}

extension URL {
    /// `path` taken relative to this folder unless it is absolute. Foundation's `relativeTo:`
    /// drops the last component of a base without a trailing slash, so it is not used.
    package func resolving(_ path: String) -> URL {
        let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : appendingPathComponent(path)
        return url.standardizedFileURL
    }
}
