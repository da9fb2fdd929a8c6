import DocketSupport
import Foundation

/// Prints a check report the way compilers do, or as JSON for scripts and editors.
public enum DiagnosticFormatter {
    /// How diagnostics are printed.
    public struct Options: Sendable {
        /// ANSI colour, for terminals only.
        public var color: Bool
        /// Quote the offending source line under each diagnostic.
        public var showSource: Bool

        /// Plain text with source lines quoted, unless told otherwise.
        public init(color: Bool = false, showSource: Bool = true) {
            self.color = color
            self.showSource = showSource
        }
    }

    /// Every diagnostic compiler-style, with the source line and a caret, then a summary line.
    public static func text<Value>(_ report: Outcome<Value>, options: Options = Options()) -> String {
        var output = ""
        for diagnostic in report.diagnostics {
            output += line(for: diagnostic, options: options) + "\n"
            if options.showSource, let source = report.sources[diagnostic.range.start.file], diagnostic.range.start.line <= source.lineCount {
                let number = String(diagnostic.range.start.line)
                let gutter = String(repeating: " ", count: number.count)
                let text = source.lineText(diagnostic.range.start.line)
                output += " \(number) | \(text)\n"
                output += " \(gutter) | \(caretPadding(text, column: diagnostic.range.start.column))^\n"
            }
            if let fixIt = diagnostic.fixIt {
                output += "  fix-it: \(fixIt)\n"
            }
        }
        output += summary(report) + "\n"
        return output
    }

    /// "2 errors, 1 warning, 0 notes in 14 files".
    public static func summary<Value>(_ report: Outcome<Value>) -> String {
        let counts = [
            Wording.count(report.errorCount, "error"),
            Wording.count(report.warningCount, "warning"),
            Wording.count(report.noteCount, "note"),
        ]
        return "\(counts.joined(separator: ", ")) in \(Wording.count(report.files.count, "file"))"
    }

    /// The counts and every diagnostic as JSON, for scripts and editors.
    public static func json<Value>(_ report: Outcome<Value>) throws -> String {
        let document = JSONDocument(
            files: report.files.count, errors: report.errorCount, warnings: report.warningCount, notes: report.noteCount,
            diagnostics: report.diagnostics.map {
                JSONEntry(
                    severity: $0.severity.rawValue, code: $0.code.rawValue, message: $0.message, file: $0.range.start.file,
                    line: $0.range.start.line, column: $0.range.start.column, endLine: $0.range.end.line, endColumn: $0.range.end.column, fixIt: $0.fixIt)
            })
        return try StableJSON.string(document)
    }

    static func line(for diagnostic: Diagnostic, options: Options) -> String {
        let label = "\(diagnostic.severity.rawValue)[\(diagnostic.code.rawValue)]"
        guard options.color else { return "\(diagnostic.range.start): \(label): \(diagnostic.message)" }
        let colour =
            switch diagnostic.severity {
            case .error: "\u{1B}[1;31m"
            case .warning: "\u{1B}[1;33m"
            case .note: "\u{1B}[1;36m"
            }
        return "\u{1B}[1m\(diagnostic.range.start):\u{1B}[0m \(colour)\(label):\u{1B}[0m \(diagnostic.message)"
    }

    /// Tabs are kept so the caret lines up under tab-indented text.
    private static func caretPadding(_ line: Substring, column: Int) -> String {
        let prefix = line.utf8.prefix(max(0, column - 1))
        return String(decoding: prefix, as: UTF8.self).map { $0 == "\t" ? "\t" : " " }.joined()
    }

    private struct JSONEntry: Encodable {
        var severity: String
        var code: String
        var message: String
        var file: String
        var line: Int
        var column: Int
        var endLine: Int
        var endColumn: Int
        var fixIt: String?
    }
    private struct JSONDocument: Encodable {
        var files: Int
        var errors: Int
        var warnings: Int
        var notes: Int
        var diagnostics: [JSONEntry]
    }
}
