import DocketAPI
import DocketCitations
import DocketCompose
import DocketKit
import DocketLibrary
import DocketMarkdown
import DocketModel
import DocketRender
import DocketReview
import DocketSupport
import Foundation

// One libFuzzer driver for every input DocketKit parses. DOCKET_FUZZ_TARGET picks the target;
// libFuzzer's own options follow on the command line. A target fails by crashing, leaking
// (AddressSanitizer) or hanging (libFuzzer's -timeout); every such input it finds becomes a
// regression test in Tests/DocketKitTests/HostileInputTests.swift.

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32

/// A small library for the compose target, built once.
let library = Library(
    recommendations: [],
    clauses: [
        Clause(
            id: "signoff", version: 1, title: "Sign-off", role: .clause, variables: [], tags: [], body: "Respectfully, {{submitter.name}}.",
            source: .file("signoff.md"), bodyFirstLine: 6)
    ])

func composeFuzzed(_ body: String) {
    let range = SourceRange.file("fuzz/plan.yml")
    let clause = Clause(
        id: "fuzzed", version: 1, title: "Fuzzed", role: .clause,
        variables: [Variable(name: "name", type: .string, required: false, defaultValue: .string("x"), description: nil, range: range)], tags: [], body: body,
        source: .file("fuzzed.md"), bodyFirstLine: 6)
    let plan = Plan(
        name: "fuzz", kind: .letter, docket: nil, template: nil, library: nil, submitter: .anonymous, variables: [],
        sections: [.clause(ClauseReference(id: "fuzzed", pinnedVersion: nil, range: range))], signatories: nil, outputs: [], source: range)
    var diagnostics = DiagnosticCollector()
    var checks = DiagnosticCollector()
    TemplateRules.check(clause, source: nil, into: &checks)
    let input = PlanInput(plan: plan, planPath: "fuzz/plan.yml", library: Library(recommendations: [], clauses: library.index.newestClauses + [clause]))
    let draft = Draft(composing: input, diagnostics: &diagnostics)
    _ = HTMLRenderer.render(draft.document, version: draft.version)
    _ = try? DOCXRenderer.render(draft.document, version: draft.version)
    _ = BoxTextRenderer.render(draft.document, version: draft.version)
}

let target = ProcessInfo.processInfo.environment["DOCKET_FUZZ_TARGET"] ?? "frontmatter"

func run(_ bytes: UnsafeBufferPointer<UInt8>) {
    let data = Data(bytes)
    switch target {
    case "frontmatter":
        guard let file = SourceFileReader.decode(data, path: "fuzz.md").0 else { return }
        _ = RecommendationParser.parse(file)
        _ = ClauseParser.parse(file, role: .clause)
    case "plan":
        guard let file = SourceFileReader.decode(data, path: "plan.yml").0 else { return }
        _ = PlanParser.parse(file)
    case "docket":
        guard let file = SourceFileReader.decode(data, path: "docket.yml").0 else { return }
        if let docket = DocketParser.parse(file).0 {
            var diagnostics = DiagnosticCollector()
            DocketRules.check(docket, now: Date(timeIntervalSince1970: 1_700_000_000), registry: .shared, into: &diagnostics)
        }
    case "citation":
        _ = AuthorityRegistry.shared.resolve(String(decoding: data, as: UTF8.self))
    case "csv":
        guard let file = SourceFileReader.decode(data, path: "signatories.csv").0 else { return }
        _ = SignatoriesParser.parse(file)
        _ = SupportersParser.parse(file)
    case "compose":
        guard let file = SourceFileReader.decode(data, path: "fuzzed.md").0 else { return }
        composeFuzzed(file.text)
        _ = TemplateVariables.names(in: file.text)
    case "response":
        // The first two bytes pick the status, then header lines up to a blank one, then the
        // body: an answer as a broken proxy or a hostile server might send it.
        guard data.count >= 2 else { return }
        let status = 100 + (Int(data[data.startIndex]) << 8 | Int(data[data.startIndex + 1])) % 500
        let rest = data.dropFirst(2)
        let split = rest.firstRange(of: Data("\n\n".utf8))
        let head = split.map { String(decoding: rest[..<$0.lowerBound], as: UTF8.self) } ?? ""
        let body = split.map { Data(rest[$0.upperBound...]) } ?? Data(rest)
        let headers = head.split(separator: "\n").compactMap { line -> (name: String, value: String)? in
            let parts = line.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2 else { return nil }
            return (String(parts[0]), String(parts[1]))
        }
        let done = DispatchSemaphore(value: 0)
        weak var pending: FuzzedAnswer?
        do {
            let answer = FuzzedAnswer(status: status, headers: headers, body: body)
            pending = answer
            Task.detached { [answer] in
                _ = await AnswerReading.read(status: answer.status, headers: answer.headers, body: answer.body)
                done.signal()
            }
        }
        done.wait()
        // The task lets go of the answer only after it signals; wait for that, so libFuzzer's
        // leak check at the end of this input does not count memory still on its way back.
        while pending != nil { usleep(10) }
    default:
        fatalError("unknown DOCKET_FUZZ_TARGET '\(target)': frontmatter, plan, docket, citation, csv, compose or response")
    }
}

var argc = CommandLine.argc
var argv = CommandLine.unsafeArgv
exit(
    LLVMFuzzerRunDriver(&argc, &argv) { data, size in
        run(UnsafeBufferPointer(start: data, count: size))
        return 0
    })

/// One fuzzed answer, held by the task that reads it, so the harness can see when it is gone.
final class FuzzedAnswer: @unchecked Sendable {
    let status: Int
    let headers: [(name: String, value: String)]
    let body: Data

    init(status: Int, headers: [(name: String, value: String)], body: Data) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}
