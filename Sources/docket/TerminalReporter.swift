import DocketKit
import DocketSupport
import Foundation

/// The one place the CLI prints what the library found: diagnostics compiler-style (colour
/// only on a terminal that has not set `NO_COLOR`) or as JSON, on the stream the command says.
struct TerminalReporter {
    enum Stream {
        case standardOutput, standardError

        var descriptor: Int32 { self == .standardOutput ? STDOUT_FILENO : STDERR_FILENO }
    }

    var stream: Stream = .standardError

    var color: Bool { isatty(stream.descriptor) != 0 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil }

    /// Every diagnostic of `outcome` with its source line and the summary (always, unless
    /// `summary` is false and there is nothing to show), then what was counted but not shown.
    func text<Value>(_ outcome: Outcome<Value>, summary: Bool = true) {
        if !outcome.diagnostics.isEmpty || summary { write(DiagnosticFormatter.text(outcome, options: .init(color: color))) }
        if outcome.hiddenWarningCount > 0 {
            write("note: \(Wording.count(outcome.hiddenWarningCount, "warning")) in library files that no plan here uses; check a library itself to see them\n")
        }
        if outcome.unrelatedErrorCount > 0 {
            write("note: \(Wording.count(outcome.unrelatedErrorCount, "error")) in library files this plan does not use; run 'docket check'\n")
        }
        for note in outcome.notes { write("note: \(note)\n") }
    }

    /// `outcome`'s diagnostics as JSON.
    func json<Value>(_ outcome: Outcome<Value>) throws {
        write(try DiagnosticFormatter.json(outcome) + "\n")
    }

    /// Diagnostics that stopped a step, with whatever sources locate them.
    func diagnostics(_ diagnostics: [Diagnostic], files: [String] = [], sources: [String: SourceFile] = [:], unrelatedErrors: Int = 0) {
        guard !diagnostics.isEmpty || unrelatedErrors > 0 else { return }
        // A step that stopped names the files its diagnostics stand at.
        let named = files.isEmpty ? Array(Set(diagnostics.map(\.range.start.file))).sorted() : files
        text(Outcome<Never>(DiagnosticCollector(diagnostics), files: named, sources: sources, unrelatedErrorCount: unrelatedErrors), summary: !diagnostics.isEmpty)
    }

    func line(_ text: String) { write(text + "\n") }

    private func write(_ text: String) {
        (stream == .standardOutput ? FileHandle.standardOutput : FileHandle.standardError).write(Data(text.utf8))
    }
}

/// Prints diagnostics to standard error, as every command but `check` does.
func report(_ diagnostics: [Diagnostic], files: [String] = [], sources: [String: SourceFile] = [:], unrelatedErrors: Int = 0) {
    TerminalReporter().diagnostics(diagnostics, files: files, sources: sources, unrelatedErrors: unrelatedErrors)
}
