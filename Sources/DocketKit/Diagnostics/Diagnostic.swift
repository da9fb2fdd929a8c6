/// A problem found in user input. Diagnostics are collected, never thrown, so one pass can
/// report every problem in every file.
public struct Diagnostic: Hashable, Sendable, Codable {
    public enum Severity: String, Hashable, Sendable, Codable, Comparable {
        case error, warning, note

        private var rank: Int {
            switch self {
            case .error: 0
            case .warning: 1
            case .note: 2
            }
        }

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    public var severity: Severity
    public var code: DiagnosticCode
    public var message: String
    public var range: SourceRange
    /// Replacement text that would fix the problem, when the fix is unambiguous.
    public var fixIt: String?

    public init(_ severity: Severity, _ code: DiagnosticCode, _ message: String, at range: SourceRange, fixIt: String? = nil) {
        self.severity = severity
        self.code = code
        self.message = message
        self.range = range
        self.fixIt = fixIt
    }

    public static func error(_ code: DiagnosticCode, _ message: String, at range: SourceRange, fixIt: String? = nil) -> Diagnostic {
        Diagnostic(.error, code, message, at: range, fixIt: fixIt)
    }

    public static func warning(_ code: DiagnosticCode, _ message: String, at range: SourceRange, fixIt: String? = nil) -> Diagnostic {
        Diagnostic(.warning, code, message, at: range, fixIt: fixIt)
    }

    public static func note(_ code: DiagnosticCode, _ message: String, at range: SourceRange, fixIt: String? = nil) -> Diagnostic {
        Diagnostic(.note, code, message, at: range, fixIt: fixIt)
    }
}

extension Diagnostic: CustomStringConvertible {
    /// Compiler style: `path:line:column: severity[CODE]: message`.
    public var description: String {
        "\(range.start): \(severity.rawValue)[\(code.rawValue)]: \(message)"
    }
}

extension Array where Element == Diagnostic {
    public var hasErrors: Bool { contains { $0.severity == .error } }

    /// Ordered by file, then position, then severity, so output is stable across runs.
    public func sortedByLocation() -> [Diagnostic] {
        sorted { lhs, rhs in
            if lhs.range.start != rhs.range.start { return lhs.range.start < rhs.range.start }
            if lhs.severity != rhs.severity { return lhs.severity < rhs.severity }
            return lhs.code.rawValue < rhs.code.rawValue
        }
    }
}
