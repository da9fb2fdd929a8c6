import ArgumentParser
import DocketComments
import DocketKit
import DocketModel
import DocketRender
import DocketSupport
import Foundation

extension Docket {
    struct Compose: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compose a plan into Markdown, HTML and comment-box text.",
            discussion: """
                Writes OUT/<plan-name>/ atomically: every file is written in full before any is \
                replaced, and nothing is written when the plan or a file it uses has an error. \
                Prints each file with its size, and the draft version (sha256 of the canonical text).

                --each SUPPORTERS.csv composes the plan once per row, for letters each supporter \
                sends alone: an 'id' column names each draft (OUT/<plan-name>/each/<id>.md), the \
                other columns set the plan's variables of those names, and an empty cell keeps \
                the plan's value. A column no clause reads is left out of every draft. The folder \
                is replaced whole, and nothing is written while any row has an error.
                """)

        @Argument(help: "The plan file, e.g. Examples/omb-2023-0020/plan.yml.")
        var plan: String

        @Option(name: .long, help: "Folder that receives <plan-name>/.")
        var out = Campaign.defaultOutputRoot

        @Option(name: .long, help: "Formats to write, comma-separated: md, html, txt, docx (default: the plan's outputs).")
        var format: FormatList?

        @Option(name: .long, help: "Print one format to standard output instead of writing files.")
        var stdout: Composition.Format?

        @Option(name: .long, help: "A CSV file with one supporter a row: compose one Markdown draft per row into OUT/<plan-name>/each/.")
        var each: String?

        func validate() throws {
            if each != nil, stdout != nil || format != nil {
                throw ValidationError("--each writes one Markdown draft per supporter; it takes neither --format nor --stdout")
            }
            if stdout != nil, format != nil {
                throw ValidationError("--stdout prints one format and writes no files; it does not take --format")
            }
            try Docket.requireFolder(out, option: "--out")
        }

        func run() async throws {
            if let each { return try await composeEach(supporters: each) }
            let formats = stdout.map { [$0] } ?? format?.formats
            let outcome = commandPipeline.compose(plan: plan, formats: formats)
            TerminalReporter().text(outcome, summary: false)
            guard outcome.succeeded, let composed = outcome.value else {
                writeStandardError("nothing written")
                throw ExitCode.failure
            }
            if stdout != nil {
                FileHandle.standardOutput.write(outcome.rendered[0].data)
                return
            }
            let draft = composed.draft
            printWritten(try written { () throws(Diagnostic) in try commandPipeline.write(composed, under: URL(fileURLWithPath: out)) }, version: draft.version)
            let box = composed.box
            writeStandardOutput("comment box: \(box.form.rawValue) text, \(box.characterCount) characters, \(box.byteCount) bytes (limit \(BoxTextRenderer.limit) each)\n")
            writeStandardOutput("version \(draft.version)\n")
        }
    }

    /// `md,html` → [.md, .html], rejecting unknown names at parse time.
    struct FormatList: ExpressibleByArgument {
        var formats: [Composition.Format]

        init?(argument: String) {
            let parts = argument.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            let formats = parts.compactMap(Composition.Format.init(rawValue:))
            guard !formats.isEmpty, formats.count == parts.count, Set(formats).count == formats.count else { return nil }
            self.formats = formats
        }
    }
}

extension Composition.Format: ExpressibleByArgument {}

extension Docket.Compose {
    /// `docket compose --each`: one draft per supporter, written as one set.
    private func composeEach(supporters: String) async throws {
        let outcome = commandPipeline.composeEach(plan: plan, supporters: supporters)
        TerminalReporter().text(outcome, summary: false)
        guard outcome.succeeded, let result = outcome.value else {
            writeStandardError("nothing written")
            throw ExitCode.failure
        }
        let folder = result.campaign.outputs(under: URL(fileURLWithPath: out)).each
        let written = try written { () throws(Diagnostic) in try commandPipeline.write(result, under: URL(fileURLWithPath: out)) }
        writeStandardOutput("wrote \(written.files.count) drafts (\(written.files.reduce(0) { $0 + $1.bytes }) bytes) into \(displayPath(folder))/\n")
        // With the docket's comments in the campaign's store, where the drafts will land.
        let storeURL = Campaign.commentsStoreURL(inFolder: result.campaign.folder)
        guard FileManager.default.fileExists(atPath: storeURL.path) else { return }
        do {
            let store = try await CommentStore.open(SQLiteCommentDatabase(url: storeURL, displayPath: displayPath(storeURL)))
            defer { Task { await store.database.close() } }
            let forecast = try await CampaignForecast.make(
                store: store, filter: CommentStore.Filter(docketID: result.base.document.header.docketID), drafts: result.rendered.map { (String($0.name.dropLast(3)), $0.contents) },
                points: [], notice: try? String(contentsOf: Campaign.noticeTextURL(inFolder: result.campaign.folder), encoding: .utf8))
            if forecast.posted > 0 {
                writeStandardOutput("against \(Wording.count(forecast.posted, "posted comment")) in \(displayPath(storeURL)): \(Docket.Comments.Forecast.collapseLine(forecast))\n")
            }
        } catch {
            writeStandardError("\(displayPath(storeURL)): no forecast: \(error)")
        }
    }
}

/// Runs a write stage; its failure is printed as the diagnostic it is, and the command exits 1.
func written<Written>(_ write: @autoclosure () throws(Diagnostic) -> Written) throws -> Written {
    try written(write)
}

/// Runs a write stage; its failure is printed as the diagnostic it is, and the command exits 1.
func written<Written>(_ write: () throws(Diagnostic) -> Written) throws -> Written {
    do {
        return try write()
    } catch {
        report([error])
        throw ExitCode.failure
    }
}

/// "wrote out/x/x.md (1234 bytes)" for each file, then where the version was stored.
func printWritten(_ written: WrittenFiles, version: DraftVersion, describe: (Int) -> String = { _ in "" }) {
    for (index, file) in written.files.enumerated() { writeStandardOutput("wrote \(displayPath(file.url)) (\(file.bytes) bytes\(describe(index)))\n") }
    if let folder = written.storedVersionIn { writeStandardOutput("stored version \(version.short) in \(displayPath(folder))\n") }
    if let problem = written.versionNotStored { report([problem]) }
}
