import ArgumentParser
import DocketKit
import DocketModel
import DocketReview
import DocketSupport
import Foundation

/// Opens a plan for review, printing its diagnostics and exiting 1 when it cannot be composed.
func openSignOff(_ plan: String) throws -> SignOff {
    try failing(plan) { () throws(SignOff.Failure) in try commandPipeline.signOff(plan: plan) }
}

/// Runs a review step, printing its diagnostics and exiting 1 when it fails.
private func failing<T>(_ plan: String, _ body: () throws(SignOff.Failure) -> T) throws -> T {
    do {
        return try body()
    } catch {
        report(error.diagnostics, files: Array(Set([plan] + error.diagnostics.map(\.range.start.file))), sources: [:], unrelatedErrors: 0)
        throw ExitCode.failure
    }
}

extension Docket {
    struct Sign: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record a signer's decision on a version of the letter.",
            usage: "docket sign <plan> --signer <id> (--approve | --decline | --request-changes) [--draft <version>] [--comment <text>]",
            discussion: "Appends one line to approvals.jsonl beside the plan's signatories.csv; earlier lines are never rewritten.")

        @Argument(help: "The plan file.")
        var plan: String

        @Option(name: .long, help: "The signer's id in signatories.csv.")
        var signer: String

        @Flag(help: "The decision.")
        var decision: Approval.Decision

        @Option(name: .customLong("draft"), help: "The draft version decided on: the full hash or a unique prefix of 7 or more digits (default: the current draft).")
        var version: String?

        @Option(name: .long, help: "What the signer said.")
        var comment: String?

        func run() throws {
            let signOff = try openSignOff(plan)
            let approval = try failing(plan) { () throws(SignOff.Failure) in
                try signOff.sign(signer: signer, decision: decision, version: version, comment: comment, at: commandNow)
            }
            writeStandardOutput("recorded: \(approval.signer) \(approval.decision.rawValue) \(approval.version) at \(Timestamp.string(from: approval.at))\n")
        }
    }

    struct Signers: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show where every signer stands on the current version.")

        @Argument(help: "The plan file.")
        var plan: String

        @OptionGroup var output: OutputFormatOption

        func run() throws {
            let signOff = try openSignOff(plan)
            let report = signOff.report()
            switch output.format {
            case .json:
                writeStandardOutput(try StableJSON.string(SignerStatusJSON(report)) + "\n")
            case .text:
                writeStandardOutput(SignerStatusJSON.table(report))
            }
        }
    }

    struct Diff: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show what changed between two versions: in the terminal, as HTML, or as a DOCX with tracked changes.")

        @Argument(help: "The plan file.")
        var plan: String

        @Option(name: .long, help: "The older version (default: the one composed before --to).")
        var from: String?

        @Option(name: .long, help: "The newer version (default: the current draft).")
        var to: String?

        @Option(name: .long, help: "Write a standalone HTML redline to this file.")
        var html: String?

        @Option(name: .long, help: "Write a DOCX with Word tracked changes to this file.")
        var docx: String?

        func run() throws {
            let signOff = try openSignOff(plan)
            let (redline, old, new) = try failing(plan) { () throws(SignOff.Failure) in try signOff.diff(from: from, to: to) }
            let urls = (html.map(URL.init(fileURLWithPath:)), docx.map(URL.init(fileURLWithPath:)))
            let files = try written { () throws(Diagnostic) in try signOff.writeRedline(redline, from: old, to: new, html: urls.0, docx: urls.1) }.files
            for file in files { writeStandardOutput("wrote \(displayPath(file.url)) (\(file.bytes) bytes)\n") }
            if files.isEmpty {
                let color = TerminalReporter(stream: .standardOutput).color
                writeStandardOutput("from \(old)\nto   \(new)\n\n" + RedlineRenderer.terminal(redline, color: color))
            }
        }
    }

    struct Review: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Build one signer's review packet: what they are asked to do, the changes since they approved, and the draft.")

        @Argument(help: "The plan file.")
        var plan: String

        @Option(name: .long, help: "The signer's id in signatories.csv.")
        var signer: String

        @Option(name: .long, help: "Folder that receives <plan-name>/review/<signer>/.")
        var out = Campaign.defaultOutputRoot

        func validate() throws { try Docket.requireFolder(out, option: "--out") }

        func run() throws {
            let signOff = try openSignOff(plan)
            let files = try failing(plan) { () throws(SignOff.Failure) in try signOff.packet(for: signer, at: commandNow) }
            let packet = try written { () throws(Diagnostic) in try commandPipeline.writePacket(files, for: signer, of: signOff, under: URL(fileURLWithPath: out)) }
            for file in packet.files { writeStandardOutput("wrote \(displayPath(file.url)) (\(file.bytes) bytes)\n") }
        }
    }
}

extension Approval.Decision: EnumerableFlag {
    public static func name(for value: Self) -> NameSpecification { .customLong(value.rawValue) }
}

/// `docket signers --format json`: one object per signer, and the counts.
struct SignerStatusJSON: Encodable {
    struct Row: Encodable {
        var id: String
        var organization: String
        var status: SignerReport.Kind
        var version: DraftVersion?
        var changedParagraphs: Int?
        var decidedAt: String?
        var comment: String?
    }

    var version: String
    var signers: [Row]
    var counts: [String: Int]

    init(_ report: SignerReport) {
        version = report.version.description
        signers = report.rows.map { row in
            var changed: Int?
            if case .approvedOlder(_, let count) = row.status { changed = count }
            return Row(
                id: row.signer.id, organization: row.signer.organization, status: row.status.kind, version: row.decision?.version, changedParagraphs: changed,
                decidedAt: row.decision.map { Timestamp.string(from: $0.at) }, comment: row.decision?.comment)
        }
        counts = Dictionary(uniqueKeysWithValues: report.counts.map { ($0.kind.rawValue, $0.count) })
    }

    static func table(_ report: SignerReport) -> String {
        let width = min(report.rows.map(\.signer.id.count).max() ?? 2, 28)
        var out = "current version \(report.version.short)\n"
        for row in report.rows {
            var status = row.status.kind.label
            switch row.status {
            case .approvedOlder(let version, let changed):
                status += " \(version.short)" + (changed.map { " (\(Wording.count($0, "paragraph")) changed since)" } ?? "")
            case .requestedChanges(let version), .declined(let version):
                status += " on \(version.short)" + (row.decision?.comment.map { ": \($0)" } ?? "")
            case .approvedCurrent, .pending: break
            }
            out += row.signer.id.padding(toLength: max(width, row.signer.id.count), withPad: " ", startingAt: 0) + "  " + status + "\n"
        }
        return out + report.countsLine + "\n"
    }
}
