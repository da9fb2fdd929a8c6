import ArgumentParser
import DocketKit
import DocketModel
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
            let terminal = TerminalReporter(stream: .standardOutput)
            switch output.format {
            case .json: try terminal.json(report)
            case .text: terminal.text(report)
            }
            if report.errorCount > 0 || (werror && report.warningCount > 0) {
                throw ExitCode.failure
            }
        }
    }
}
