import ArgumentParser
import DocketKit
import Foundation

extension Docket {
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check library files, dockets and plans, and print every problem found.",
            discussion: "Exits 0 when there are no errors, 1 when there are, 2 on bad usage.")

        @Argument(help: "Files or folders to check (default: Recommendations, Templates and Examples in the current folder).")
        var paths: [String] = []

        @OptionGroup var output: OutputFormatOption

        @Flag(name: .long, help: "Treat warnings as errors.")
        var werror = false

        func run() throws {
            let report = commandPipeline.check(paths.isEmpty ? Checker.defaultPaths() : paths)
            switch output.format {
            case .json:
                writeStandardOutput(try DiagnosticFormatter.json(report) + "\n")
            case .text:
                let color = isatty(STDOUT_FILENO) != 0 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
                writeStandardOutput(DiagnosticFormatter.text(report, options: .init(color: color)))
                if report.hiddenWarningCount > 0 {
                    writeStandardOutput(
                        "note: \(Wording.count(report.hiddenWarningCount, "warning")) in library files that no plan here uses; check a library itself to see them\n")
                }
            }
            if report.errorCount > 0 || (werror && report.warningCount > 0) {
                throw ExitCode.failure
            }
        }
    }
}
