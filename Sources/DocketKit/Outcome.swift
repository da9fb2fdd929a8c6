import DocketSupport
import Foundation

/// What every command's workflow returns: the problems found in the files it used, what it read,
/// and what it built. `check`, `compose`, `package` and `library` all answer with this one type,
/// so the CLI (and a server) print and judge them the same way.
public struct Outcome<Value: Sendable>: Sendable {
    /// Problems in the files the command used, ordered by location.
    public var diagnostics: [Diagnostic]
    /// The files the command used, sorted.
    public var files: [String]
    /// The text of the files read, by display path, for quoting source lines.
    public var sources: [String: SourceFile]
    /// Errors in library files the command did not use: counted, not shown, not blocking.
    public var unrelatedErrorCount: Int
    /// Warnings in library files a plan merely searches (`docket check`): counted, not shown.
    public var hiddenWarningCount: Int
    /// One-line remarks that are not problems, such as a missing PDF converter.
    public var notes: [String]
    /// What was built, as far as it could be; present alongside errors when they did not stop it.
    public var value: Value?

    /// An outcome of `collector`'s problems.
    public init(
        _ collector: DiagnosticCollector, files: [String], sources: [String: SourceFile], unrelatedErrorCount: Int = 0, hiddenWarningCount: Int = 0, notes: [String] = [],
        value: Value? = nil
    ) {
        self.hiddenWarningCount = hiddenWarningCount
        diagnostics = collector.diagnostics
        self.files = files
        self.sources = sources
        self.unrelatedErrorCount = unrelatedErrorCount
        self.notes = notes
        self.value = value
    }

    /// Whether the command built its result with no error.
    public var succeeded: Bool { value != nil && !diagnostics.hasErrors }

    public var errorCount: Int { diagnostics.count { $0.severity == .error } }
    public var warningCount: Int { diagnostics.count { $0.severity == .warning } }
    public var noteCount: Int { diagnostics.count { $0.severity == .note } }
}

extension SourceFileReader {
    /// Reads and decodes the file at `path`, shown in diagnostics as `displayPath`.
    public static func read(path: String, displayPath: String? = nil, maximumSize: Int = maximumSize, salvaging: Bool = false) -> (SourceFile?, [Diagnostic]) {
        let shown = displayPath ?? path
        let whole = SourceRange.file(shown)
        // stat(2), not FileManager's attribute dictionary: this runs for every file checked.
        var status = stat()
        if stat(path, &status) == 0, Int(status.st_size) > maximumSize {
            let size = Int(status.st_size)
            return (nil, [.error(.fileTooLarge, "file is \(Wording.bytes(size)); library and plan files are limited to \(Wording.bytes(maximumSize))", at: whole)])
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            return (nil, [.error(.unreadableFile, "cannot read file", at: whole)])
        }
        return decode(data, path: shown, salvaging: salvaging)
    }
}
