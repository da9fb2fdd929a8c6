/// Where every stage reports the problems it finds. A problem reported twice (a file reached
/// both directly and through a plan) is kept once; the order is fixed once, when read, by file,
/// position, severity and code, so output is stable across runs.
///
/// Stages take a collector `inout` and emit into it instead of returning arrays that each caller
/// would filter, sort and de-duplicate again.
public struct DiagnosticCollector: Sendable {
    private var seen: Set<Diagnostic> = []
    private var collected: [Diagnostic] = []

    /// An empty collector.
    public init() {}

    /// A collector holding `diagnostics`.
    public init(_ diagnostics: some Sequence<Diagnostic>) {
        emit(contentsOf: diagnostics)
    }

    /// Records one problem.
    public mutating func emit(_ diagnostic: Diagnostic) {
        if seen.insert(diagnostic).inserted { collected.append(diagnostic) }
    }

    /// Records several problems in order.
    public mutating func emit(contentsOf diagnostics: some Sequence<Diagnostic>) {
        for diagnostic in diagnostics { emit(diagnostic) }
    }

    /// Every problem, ordered by location, then severity, then code.
    public var diagnostics: [Diagnostic] {
        collected.sorted { lhs, rhs in
            if lhs.range.start != rhs.range.start { return lhs.range.start < rhs.range.start }
            if lhs.severity != rhs.severity { return lhs.severity < rhs.severity }
            return lhs.code.rawValue < rhs.code.rawValue
        }
    }

    /// Every problem in the order first emitted: for merging what several collectors found, in
    /// order, into one.
    package var emitted: [Diagnostic] { collected }

    /// Whether any problem is an error.
    public var hasErrors: Bool { collected.contains { $0.severity == .error } }

    /// Whether nothing was reported.
    public var isEmpty: Bool { collected.isEmpty }

    /// How many problems have `severity`.
    public func count(_ severity: Diagnostic.Severity) -> Int {
        collected.count { $0.severity == severity }
    }

    /// Drops the problems `shouldRemove` selects: a later stage may judge a condition anew, as
    /// filing judges a closed comment period more strictly than checking does.
    public mutating func removeAll(where shouldRemove: (Diagnostic) -> Bool) {
        collected.removeAll { diagnostic in
            guard shouldRemove(diagnostic) else { return false }
            seen.remove(diagnostic)
            return true
        }
    }

    /// The problems located in `files`, and how many errors lie elsewhere: a plan's composition
    /// shows problems in what it uses and counts the rest of the library's errors in one line.
    public func restricted(to files: Set<String>) -> (collector: DiagnosticCollector, unrelatedErrorCount: Int) {
        var kept = DiagnosticCollector()
        var unrelated = 0
        for diagnostic in collected {
            if files.contains(diagnostic.range.start.file) {
                kept.emit(diagnostic)
            } else if diagnostic.severity == .error {
                unrelated += 1
            }
        }
        return (kept, unrelated)
    }
}

extension Array where Element == Diagnostic {
    /// Whether any problem is an error.
    public var hasErrors: Bool { contains { $0.severity == .error } }
}
