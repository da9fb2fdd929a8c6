import ArgumentParser
import Foundation

@main
struct Docket: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "docket",
        abstract: "Build, check and file public comments on US federal dockets.",
        version: "0.1.0",
        subcommands: [Init.self, Check.self, Compose.self, Package.self, Sign.self, Signers.self, Diff.self, Review.self, Invite.self, Serve.self, Fetch.self, Submit.self, LibraryCommand.self]
    )

    /// Exit codes are part of the interface: 0 clean, 1 problems found, 2 bad usage.
    /// ArgumentParser's own usage failures exit 64, so they are mapped here.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                writeStandardError(fullMessage(for: error))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}

struct OutputFormatOption: ParsableArguments {
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Option(name: .long, help: "Output format: text or json.")
    var format: Format = .text
}

/// The time a command takes as now: `SOURCE_DATE_EPOCH` when set (seconds since 1970, the
/// reproducible-builds convention), so a run can be repeated byte for byte; else the clock.
let commandNow: Date = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"].flatMap(TimeInterval.init).map(Date.init(timeIntervalSince1970:)) ?? Date()

func writeStandardOutput(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
}

func writeStandardError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
