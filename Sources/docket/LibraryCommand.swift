import ArgumentParser
import DocketKit
import Foundation

extension Docket {
    struct LibraryCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "library",
            abstract: "List and show the recommendations, clauses and templates of a library.",
            subcommands: [List.self, Show.self])
    }
}

struct LibraryRootOption: ParsableArguments {
    @Option(name: .long, help: "The folder holding Recommendations/ and Templates/.")
    var library: String = "."

    func validate() throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: library, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ValidationError("library folder '\(library)' does not exist")
        }
    }
}

extension Docket.LibraryCommand {
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List what the library holds.")

        @OptionGroup var root: LibraryRootOption
        @OptionGroup var output: OutputFormatOption

        @Option(help: "Only this kind: recommendation, clause or template.")
        var kind: LibraryCatalog.Kind?

        @Option(help: "Only entries with this tag.")
        var tag: String?

        func run() throws {
            let catalog = LibraryCatalog(root: root.library)
            catalog.skippedFilesWarning.map(writeStandardError)
            let entries = catalog.entries(kind: kind, tag: tag)
            switch output.format {
            case .text: writeStandardOutput(LibraryCatalog.table(entries))
            case .json: writeStandardOutput(try LibraryCatalog.json(entries) + "\n")
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one recommendation or clause (ID or ID@VERSION).")

        @OptionGroup var root: LibraryRootOption

        @Argument(help: "The id of a recommendation, clause or template.")
        var id: String

        func run() throws {
            let catalog = LibraryCatalog(root: root.library)
            catalog.skippedFilesWarning.map(writeStandardError)
            guard let description = catalog.describe(id) else {
                let hint = catalog.suggestion(for: id).map { "; did you mean '\($0)'?" } ?? ""
                writeStandardError("error: no recommendation, clause or template '\(id)' in \(root.library)\(hint)")
                throw ExitCode.failure
            }
            writeStandardOutput(description)
        }
    }
}

extension LibraryCatalog.Kind: ExpressibleByArgument {}
