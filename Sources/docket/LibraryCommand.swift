import ArgumentParser
import DocketKit
import DocketLibrary
import DocketModel
import DocketSupport
import Foundation

extension Docket {
    struct LibraryCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "library",
            abstract: "List, show, search and track the recommendations, clauses and templates of a library.",
            subcommands: [List.self, Show.self, Search.self, Evidence.self, WhereUsed.self, Outdated.self, Lock.self])
    }
}

struct LibraryRootOption: ParsableArguments {
    @Option(name: .long, help: "A folder holding Recommendations/ and Templates/; repeat for layers, first wins (default: the libraries of ./plan.yml, else the current folder).")
    var library: [String] = []

    func validate() throws {
        for folder in library {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw ValidationError("library folder '\(folder)' does not exist")
            }
        }
    }

    /// The layers to read: those named, else the ones a campaign's plan here searches, else ".".
    var roots: [String] {
        if !library.isEmpty { return library }
        return LibraryCatalog.roots(ofCampaignIn: ".") ?? ["."]
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
            let catalog = LibraryCatalog(roots: root.roots)
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
            let catalog = LibraryCatalog(roots: root.roots)
            catalog.skippedFilesWarning.map(writeStandardError)
            guard let description = catalog.describe(id) else {
                let hint = catalog.suggestion(for: id).map { "; did you mean '\($0)'?" } ?? ""
                writeStandardError("error: no recommendation, clause or template '\(id)' in \(root.roots.joined(separator: ", "))\(hint)")
                throw ExitCode.failure
            }
            writeStandardOutput(description)
        }
    }
}

extension LibraryCatalog.Kind: ExpressibleByArgument {}

extension Docket.LibraryCommand {
    struct Search: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Find recommendations, clauses and templates whose title, tags, text or citations contain every word given (case and accents ignored).")

        @OptionGroup var root: LibraryRootOption
        @OptionGroup var output: OutputFormatOption

        @Argument(help: "Words to find, e.g. \"appeal DHS-2408\".")
        var words: [String]

        func run() throws {
            let hits = LibraryUsage(roots: root.roots).search(words.joined(separator: " "))
            switch output.format {
            case .json: writeStandardOutput(try StableJSON.string(hits) + "\n")
            case .text:
                for hit in hits {
                    let version = hit.version.map { "@\($0)" } ?? ""
                    writeStandardOutput("\(hit.file):\(hit.line): \(hit.kind) \(hit.id)\(version): \(hit.excerpt)\n")
                }
                writeStandardOutput("\(Wording.count(hits.count, "match", "matches"))\n")
            }
        }
    }

    struct Evidence: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List each factual claim with its source, publication date and kind, and what rests on secondary sources only.")

        @OptionGroup var root: LibraryRootOption
        @OptionGroup var output: OutputFormatOption

        @Argument(help: "The id of one recommendation or clause (default: all of them).")
        var id: String?

        func run() throws {
            let catalog = LibraryCatalog(roots: root.roots)
            catalog.skippedFilesWarning.map(writeStandardError)
            guard let listings = catalog.evidence(of: id) else {
                let hint = id.flatMap(catalog.suggestion(for:)).map { "; did you mean '\($0)'?" } ?? ""
                writeStandardError("no recommendation or clause '\(id ?? "")' in the library\(hint)\n")
                throw ExitCode(1)
            }
            switch output.format {
            case .text: writeStandardOutput(LibraryCatalog.evidenceText(listings))
            case .json: writeStandardOutput(try StableJSON.string(listings) + "\n")
            }
        }
    }

    struct WhereUsed: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "where-used", abstract: "List the plans that use a clause, template or recommendation, and at which version.")

        @OptionGroup var root: LibraryRootOption
        @OptionGroup var output: OutputFormatOption

        @Argument(help: "The id of a clause, template or recommendation.")
        var id: String

        @Argument(help: "Folders or plan files to search besides the library folder.")
        var paths: [String] = []

        func run() throws {
            let usage = LibraryUsage(roots: root.roots, paths: paths)
            guard usage.knows(id) else {
                writeStandardError("error: no recommendation, clause or template '\(id)' in \(root.roots.joined(separator: ", "))")
                throw ExitCode.failure
            }
            let uses = usage.uses(of: id)
            switch output.format {
            case .json: writeStandardOutput(try StableJSON.string(uses) + "\n")
            case .text:
                for use in uses {
                    var what = use.how.rawValue
                    if let version = use.version { what += " version \(version)\(use.pinned ? " (pinned)" : "")" }
                    if let via = use.via { what += " via \(via)" }
                    writeStandardOutput("\(use.plan):\(use.line):\(use.column): \(what)\n")
                }
                writeStandardOutput("\(id) is used \(Wording.count(uses.count, "time", "times"))\n")
            }
        }
    }

    struct Outdated: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List plans that pin a clause version the library has moved past, or whose pinned text changed since it was recorded.",
            discussion: "Exits 0 whether or not plans lag: lagging is for review, not an error.")

        @OptionGroup var root: LibraryRootOption
        @OptionGroup var output: OutputFormatOption

        @Argument(help: "Folders or plan files to look at besides the library folder.")
        var paths: [String] = []

        func run() throws {
            let lags = LibraryUsage(roots: root.roots, paths: paths).outdated()
            switch output.format {
            case .json: writeStandardOutput(try StableJSON.string(lags) + "\n")
            case .text:
                for lag in lags {
                    writeStandardOutput("\(lag.plan):\(lag.line):\(lag.column): \(lag.clause)@\(lag.pinned): \(lag.reason.rawValue) (newest \(lag.newest))\n")
                }
                writeStandardOutput(lags.isEmpty ? "every pinned clause is current\n" : "\(Wording.count(lags.count, "pinned clause lags", "pinned clauses lag"))\n")
            }
        }
    }

    struct Lock: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record the content hash of every clause version in Templates/clause-versions.json.",
            discussion: "docket check then warns when a recorded version's text changes without a new version number.")

        @OptionGroup var root: LibraryRootOption

        func run() throws {
            let usage = LibraryUsage(roots: root.roots)
            // Only the first layer is this library; the others are recorded by their own keepers.
            let clauses = LibraryCatalog.layers(of: usage.workspace, roots: [root.roots[0]])[0].clauses
            let url = URL(fileURLWithPath: root.roots[0]).appendingPathComponent("Templates").appendingPathComponent(ClauseLock.fileName)
            do {
                try AtomicWriter.write([(ClauseLock.fileName, try ClauseLock(recording: clauses).encoded())], into: url.deletingLastPathComponent())
            } catch let error as AtomicWriter.WriteError {
                report([error.diagnostic])
                throw ExitCode.failure
            } catch {
                report([.error(.outputNotWritten, "\(error)", at: .file(url.path))])
                throw ExitCode.failure
            }
            writeStandardOutput("recorded \(Wording.count(clauses.count, "clause version", "clause versions")) in \(url.path)\n")
        }
    }
}
