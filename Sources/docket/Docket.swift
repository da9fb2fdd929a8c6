import ArgumentParser
import DocketKit
import DocketModel
import Foundation

@main
struct Docket: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "docket",
        abstract: "Build, check and file public comments on US federal dockets.",
        version: "0.1.0",
        subcommands: [
            Init.self, Check.self, Explain.self, Compose.self, Package.self, Sign.self, Signers.self, Diff.self, Review.self, Invite.self, Remind.self, Serve.self, Fetch.self, Submit.self,
            Comments.self,
            LibraryCommand.self,
        ]
    )

    /// Exit codes are part of the interface: 0 clean, 1 problems found, 2 bad usage.
    /// ArgumentParser's own usage failures exit 64, so they are mapped here.
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let misplaced = misplacedVersionFlag(in: arguments) {
            writeStandardError(misplaced)
            Foundation.exit(2)
        }
        do {
            var command = try parseAsRoot(arguments)
            if var command = command as? any AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
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

extension Docket {
    /// Why `--version` anywhere but alone is a usage error. ArgumentParser answers a
    /// `--version` after any subcommand with the tool's version and exit 0, so
    /// `docket sign … --approve --version 8bca222` once printed `0.1.0` and recorded nothing.
    static func misplacedVersionFlag(in arguments: [String]) -> String? {
        let options = arguments.prefix { $0 != "--" }
        guard options.count > 1, let flag = options.first(where: { $0 == "--version" || $0.hasPrefix("--version=") }) else { return nil }
        if options.first == "sign" {
            return "error: unknown option '\(flag)': the version a signer decides on is given with --draft <version>\nUsage: \(Sign.configuration.usage ?? "docket sign --help")"
        }
        return "error: unknown option '\(flag)': 'docket --version' alone prints DocketKit's version; see 'docket \(options.first ?? "") --help'"
    }
}

struct OutputFormatOption: ParsableArguments {
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Option(name: .long, help: "Output format: text or json.")
    var format: Format = .text
}

/// The time a command takes as now, read once: `SOURCE_DATE_EPOCH` when set, else the clock.
let commandNow: Date = Pipeline.clock()

/// The pipeline every command runs, built once per process with its time and working folder.
let commandPipeline = Pipeline(now: commandNow)

func writeStandardOutput(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
}

func writeStandardError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}

extension Docket {
    /// Refuses an output option that names something other than a folder, before anything is
    /// composed or written: a file stays as it is.
    static func requireFolder(_ path: String, option: String) throws {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue {
            throw ValidationError("\(option) \(path) is a file, not a folder; name a folder (it is created when missing)")
        }
    }
}
