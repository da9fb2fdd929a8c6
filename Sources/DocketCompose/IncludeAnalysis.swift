import DocketLibrary
import DocketMarkdown
import DocketModel
import DocketSupport

/// What including clauses in one another would do, worked out on the include graph before
/// anything is rendered: a cycle (a clause that includes itself, or A → B → A) would recurse
/// until the stack overflows, a chain too deep likewise, and includes that fan out (A includes
/// B twice, B includes C twice, …) would render millions of copies. Each is an error at the
/// include that causes it, and the clauses involved are never rendered.
struct IncludeAnalysis: Sendable {
    /// Includes may chain this deep.
    static let maximumDepth = 16
    /// A body with its includes expanded may be this large; a whole filed comment is a few
    /// hundred kilobytes.
    static let maximumExpandedBytes = 1_000_000

    /// Why a clause cannot be rendered, by id.
    private(set) var unsafe: [String: Refusal] = [:]

    /// Why a clause is not rendered.
    struct Refusal: Sendable, Hashable {
        var code: DiagnosticCode
        var reason: String
    }
    private(set) var diagnostics: [Diagnostic] = []
    /// Where those diagnostics stand, so the composer does not report an include twice.
    private(set) var reportedIncludes: Set<SourceLocation> = []

    private var clauses: [String: Clause] = [:]
    private var state: [String: Visit] = [:]
    private var size: [String: Int] = [:]
    private var depth: [String: Int] = [:]
    private var stack: [String] = []

    private enum Visit { case inProgress, done }

    /// Analyses the clauses that partials resolve to: the newest version of each id.
    init(partials: [Clause]) {
        for clause in partials { clauses[clause.id] = clause }
        for id in clauses.keys.sorted() where state[id] == nil { visit(id) }
    }

    /// The partials `body` includes, and whether any of them cannot be rendered.
    func problem(including body: String) -> (name: String, offset: Int, code: DiagnosticCode, reason: String)? {
        var total = body.utf8.count
        for (name, offset) in MustachePartials.partialNames(in: body) {
            if let refusal = unsafe[name] { return (name, offset, refusal.code, refusal.reason) }
            total = min(Self.maximumExpandedBytes + 1, total + (size[name] ?? 0))
            if total > Self.maximumExpandedBytes {
                return (name, offset, .expansionTooLarge, "with its includes this text would be more than \(Self.maximumExpandedBytes) bytes")
            }
        }
        return nil
    }

    private mutating func visit(_ id: String) {
        guard let clause = clauses[id] else { return }
        state[id] = .inProgress
        stack.append(id)
        var total = clause.body.utf8.count
        var deepest = 0
        for (name, offset) in MustachePartials.partialNames(in: clause.body) where clauses[name] != nil {
            switch state[name] {
            case .inProgress?:
                let cycle = stack[stack.lastIndex(of: name)!...] + [name]
                let path = cycle.joined(separator: " → ")
                report(.includeCycle, "'{{> \(name)}}' closes an include cycle: \(path); a clause cannot include itself, directly or through others", in: clause, at: offset)
                for member in cycle where unsafe[member] == nil { unsafe[member] = Refusal(code: .includeCycle, reason: "it is part of the include cycle \(path)") }
                total = Self.maximumExpandedBytes + 1
                continue
            case nil:
                visit(name)
            case .done?:
                break
            }
            if let refusal = unsafe[name], unsafe[id] == nil {
                unsafe[id] = Refusal(code: refusal.code, reason: "it includes '\(name)', which cannot be rendered: \(refusal.reason)")
            }
            let childDepth = depth[name] ?? 0
            if childDepth + 1 > Self.maximumDepth, unsafe[name] == nil, unsafe[id] == nil {
                report(.nestingTooDeep, "'{{> \(name)}}' makes includes chain \(childDepth + 1) deep; DocketKit renders at most \(Self.maximumDepth)", in: clause, at: offset)
                unsafe[id] = Refusal(code: .nestingTooDeep, reason: "its includes chain more than \(Self.maximumDepth) deep")
            }
            deepest = max(deepest, childDepth + 1)
            let before = total
            total = min(Self.maximumExpandedBytes + 1, total + (size[name] ?? 0))
            if total > Self.maximumExpandedBytes, before <= Self.maximumExpandedBytes, unsafe[id] == nil, unsafe[name] == nil {
                report(
                    .expansionTooLarge,
                    "'{{> \(name)}}' makes clause '\(id)' expand to more than \(Self.maximumExpandedBytes) bytes with its includes (includes that repeat multiply); include less",
                    in: clause, at: offset)
                unsafe[id] = Refusal(code: .expansionTooLarge, reason: "with its includes it would be more than \(Self.maximumExpandedBytes) bytes")
            }
        }
        size[id] = total
        depth[id] = deepest
        stack.removeLast()
        state[id] = .done
    }

    private mutating func report(_ code: DiagnosticCode, _ message: String, in clause: Clause, at offset: Int) {
        let (line, column) = MustacheScan.location(of: offset, in: clause.body)
        let start = SourceLocation(file: clause.source.start.file, line: clause.bodyFirstLine + line - 1, column: column)
        diagnostics.append(.error(code, message, at: SourceRange(start, length: 1)))
        reportedIncludes.insert(start)
    }
}
