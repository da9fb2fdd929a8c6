import ArgumentParser
import DocketKit
import Foundation

extension Docket {
    struct Compose: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compose a plan into Markdown, HTML and comment-box text.",
            discussion: """
                Writes OUT/<plan-name>/ atomically: every file is written in full before any is \
                replaced, and nothing is written when the plan or a file it uses has an error. \
                Prints each file with its size, and the draft version (sha256 of the canonical Markdown).

                --each SUPPORTERS.csv composes the plan once per row, for letters each supporter \
                sends alone: an 'id' column names each draft (OUT/<plan-name>/each/<id>.md), the \
                other columns set the plan's variables of those names, and an empty cell keeps \
                the plan's value. A column no clause reads is left out of every draft. The folder \
                is replaced whole, and nothing is written while any row has an error.
                """)

        @Argument(help: "The plan file, e.g. Examples/omb-2023-0020/plan.yml.")
        var plan: String

        @Option(name: .long, help: "Folder that receives <plan-name>/.")
        var out = "out"

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
        }

        func run() throws {
            if let each { return try composeEach(supporters: each) }
            let formats = stdout.map { [$0] } ?? format?.formats
            let outcome = commandPipeline.compose(plan: plan, formats: formats)
            report(outcome.diagnostics, files: outcome.files, sources: outcome.sources, unrelatedErrors: outcome.unrelatedErrorCount)
            guard outcome.succeeded, let composed = outcome.value else {
                writeStandardError("nothing written")
                throw ExitCode.failure
            }
            if stdout != nil {
                FileHandle.standardOutput.write(outcome.rendered[0].data)
                return
            }
            let draft = composed.draft
            let folder = composed.campaign.outputs(under: URL(fileURLWithPath: out)).folder
            do {
                let urls = try AtomicWriter.write(outcome.rendered.map { ($0.name, $0.data) }, into: folder)
                for (url, file) in zip(urls, outcome.rendered) {
                    writeStandardOutput("wrote \(displayPath(url)) (\(file.data.count) bytes)\n")
                }
            } catch {
                report([error.diagnostic])
                throw ExitCode.failure
            }
            // Every composed version is kept, so signers' approvals can be compared with it later.
            let store = composed.campaign.versions
            do {
                if try store.store(draft, at: commandNow) { writeStandardOutput("stored version \(draft.version.short) in \(displayPath(store.folder))\n") }
            } catch {
                writeStandardError("warning: the version was not stored in \(displayPath(store.folder)): \(error)")
            }
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
    private func composeEach(supporters: String) throws {
        let outcome = commandPipeline.composeEach(plan: plan, supporters: supporters)
        report(outcome.diagnostics, files: outcome.files, sources: outcome.sources, unrelatedErrors: outcome.unrelatedErrorCount)
        guard outcome.succeeded, let result = outcome.value else {
            writeStandardError("nothing written")
            throw ExitCode.failure
        }
        let folder = result.campaign.outputs(under: URL(fileURLWithPath: out)).each
        do {
            // Replaced whole: a supporter taken off the list leaves no draft behind.
            try AtomicWriter.replaceFolder(result.rendered.map { ($0.name, $0.data) }, at: folder)
        } catch {
            report([error.diagnostic])
            throw ExitCode.failure
        }
        let bytes = result.rendered.reduce(0) { $0 + $1.data.count }
        writeStandardOutput("wrote \(result.rendered.count) drafts (\(bytes) bytes) into \(displayPath(folder))/\n")
    }
}
