import ArgumentParser
import DocketKit
import DocketLibrary
import DocketModel
import DocketSupport
import Foundation

extension Docket {
    struct Explain: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Explain a diagnostic code: its severity, what it means and what to do; or every file format's keys.",
            usage: "docket explain <code>\n       docket explain --all [--markdown]\n       docket explain --formats")

        @Argument(help: "A code such as DK613.")
        var code: String?

        @Flag(name: .long, help: "Every code, in order.")
        var all = false

        @Flag(name: .long, help: "As the Markdown table of docs/diagnostics.md.")
        var markdown = false

        @Flag(name: .long, help: "Every file format's keys (plan, docket, recommendation, clause, evidence, roster, approvals), as docs/reference/formats.md.")
        var formats = false

        func validate() throws {
            if formats {
                if all || markdown || code != nil { throw ValidationError("--formats prints the file formats alone") }
                return
            }
            if all == (code != nil) { throw ValidationError("give one code, such as DK613, or --all") }
            if markdown, !all { throw ValidationError("--markdown prints the whole table: give --all") }
        }

        func run() throws {
            if formats { return writeStandardOutput(FileFormats.markdown()) }
            if markdown { return writeStandardOutput(DiagnosticCatalog.markdown()) }
            if all {
                for entry in DiagnosticCatalog.entries {
                    writeStandardOutput("\(entry.code)  \(entry.severity.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0))  \(entry.title)\n")
                }
                return
            }
            let asked = DiagnosticCode(rawValue: (code ?? "").uppercased())
            guard let entry = asked.explanation else {
                let known = DiagnosticCatalog.entries.map(\.code.rawValue)
                let hint = Wording.closestMatch(to: asked.rawValue, in: known).map { "; did you mean \($0)?" } ?? ""
                writeStandardError("error: no diagnostic code '\(code ?? "")'\(hint) ('docket explain --all' lists them)")
                throw ExitCode.failure
            }
            writeStandardOutput("\(entry.code) (\(entry.severity.rawValue)): \(entry.title)\n\n\(entry.explanation)\n")
        }
    }
}
