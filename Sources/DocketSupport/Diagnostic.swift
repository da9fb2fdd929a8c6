/// A problem found in user input, or a step that could not be done. Parsers and rules collect
/// them, so one pass reports every problem in every file; a step that stops (a write, a
/// filing) throws one, so every failure a command prints has a code and a place.
public struct Diagnostic: Error, Hashable, Sendable, Codable {
    /// How serious a problem is; errors sort first.
    public enum Severity: String, Hashable, Sendable, Codable, Comparable {
        case error, warning, note

        private var rank: Int {
            switch self {
            case .error: 0
            case .warning: 1
            case .note: 2
            }
        }

        /// Errors before warnings before notes.
        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    /// Errors stop a command from writing; warnings and notes do not.
    public var severity: Severity
    /// The stable code, e.g. `DK101`.
    public var code: DiagnosticCode
    /// What is wrong and, where it can, how to fix it.
    public var message: String
    /// Where the problem is written.
    public var range: SourceRange
    /// Replacement text that would fix the problem, when the fix is unambiguous.
    public var fixIt: String?

    /// A problem of `severity` at `range`.
    public init(_ severity: Severity, _ code: DiagnosticCode, _ message: String, at range: SourceRange, fixIt: String? = nil) {
        self.severity = severity
        self.code = code
        self.message = message
        self.range = range
        self.fixIt = fixIt
    }

    /// An error: the command that found it writes nothing.
    public static func error(_ code: DiagnosticCode, _ message: String, at range: SourceRange, fixIt: String? = nil) -> Diagnostic {
        Diagnostic(.error, code, message, at: range, fixIt: fixIt)
    }

    /// A warning: the output is written, and `--werror` fails on it.
    public static func warning(_ code: DiagnosticCode, _ message: String, at range: SourceRange, fixIt: String? = nil) -> Diagnostic {
        Diagnostic(.warning, code, message, at: range, fixIt: fixIt)
    }

    /// A note: information, never a failure.
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
