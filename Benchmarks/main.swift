import CCmark
import DocketCompose
import DocketCampaigns
import DocketComments
import DocketKit
import DocketModel
import DocketRender
import DocketReview
import DocketServer
import DocketSupport
import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

// docket-bench: DocketKit against references measured in the same process, on corpora generated
// deterministically. `--quick` shrinks every corpus so CI can prove the benchmark still runs.

let quick = CommandLine.arguments.contains("--quick")
/// The integer after `flag`, when given.
func argument(_ flag: String) -> Int? {
    CommandLine.arguments.firstIndex(of: flag).flatMap { CommandLine.arguments.indices.contains($0 + 1) ? Int(CommandLine.arguments[$0 + 1]) : nil }
}
/// `--only 2` runs one scenario, for profiling it alone.
let only = argument("--only")
/// `--callgrind` counts instructions of the scale scenarios under valgrind instead of timing
/// them; it runs this program again as a child, with `--size N` (the corpus size, no reference)
/// and `--setup-only` (everything but the measured work, to subtract).
let callgrind = CommandLine.arguments.contains("--callgrind")
let fixedSize = argument("--size")
let setupOnly = CommandLine.arguments.contains("--setup-only")
func runs(_ scenario: Int) -> Bool { !callgrind && (only == nil || only == scenario) }
let scale = quick ? 0.02 : 1.0
let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("docket-bench-\(getpid())")
try? FileManager.default.removeItem(at: scratch)
try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: scratch) }

/// Peak resident memory since the last reset, from /proc (Linux); 0 elsewhere.
func peakKilobytes() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
        let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") })
    else { return 0 }
    return Int(line.split(separator: " ").dropFirst().first ?? "0") ?? 0
}

/// Resets the peak so each scenario reports its own (Linux 4.0+: write 5 to clear_refs).
func resetPeak() {
    guard let handle = FileHandle(forWritingAtPath: "/proc/self/clear_refs") else { return }
    handle.write(Data("5".utf8))
    try? handle.close()
}

/// Bytes written by concurrent workers.
final class ByteCount: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    func add(_ bytes: Int) {
        lock.lock()
        count += bytes
        lock.unlock()
    }

    var total: Int {
        lock.lock()
        defer { lock.unlock() }
        return count
    }
}

/// Writes `data` as a new file with one open, write and close. Foundation's `Data.write` syncs
/// every file to the disk, which made a third of this scenario waiting on the file system.
func stream(_ data: Data, to path: String) -> Bool {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard descriptor >= 0 else { return false }
    defer { close(descriptor) }
    return data.withUnsafeBytes { bytes in write(descriptor, bytes.baseAddress, bytes.count) == bytes.count }
}

struct Measurement {
    var seconds: Double
    var peakMB: Double
    /// CPU time on every core: in this program (user) and in the kernel on its behalf (system),
    /// so the time to create thousands of files shows apart from DocketKit's own.
    var userSeconds: Double
    var systemSeconds: Double
}

/// The process's user and system CPU time so far.
func cpuTimes() -> (user: Double, system: Double) {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    let seconds = { (time: timeval) in Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
    return (seconds(usage.ru_utime), seconds(usage.ru_stime))
}

func measure(_ body: () throws -> Void) rethrows -> Measurement {
    resetPeak()
    let cpu = cpuTimes()
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    let after = cpuTimes()
    return Measurement(seconds: seconds, peakMB: Double(peakKilobytes()) / 1024, userSeconds: after.user - cpu.user, systemSeconds: after.system - cpu.system)
}

func line(_ name: String, _ m: Measurement, _ throughput: String) -> String {
    "  \(name.padding(toLength: 34, withPad: " ", startingAt: 0)) \(String(format: "%8.3f s", m.seconds))  \(throughput.padding(toLength: 22, withPad: " ", startingAt: 0)) peak \(String(format: "%6.1f MB", m.peakMB))"
}

/// CPU time of a measurement, for the scenarios that write or read thousands of files.
func cpu(_ m: Measurement) -> String {
    String(format: "cpu: %.2f s in DocketKit and the benchmark, %.2f s in the kernel", m.userSeconds, m.systemSeconds)
}

func ratio(_ m: Measurement, against reference: Measurement) -> String {
    String(format: "%.2f×", reference.seconds / max(m.seconds, 1e-9))
}

/// A fixed pseudo-random sequence, so every run renders the same corpus.
struct Generator {
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    mutating func next(_ bound: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % UInt64(bound))
    }
    static let words = [
        "agency", "immigration", "assessment", "biometric", "oversight", "notice", "appeal", "inventory", "risk", "testing", "public", "rights", "data",
        "safeguard", "review", "human", "model", "deployment", "monitoring", "disparity", "waiver", "procurement", "privacy", "record",
    ]
    mutating func sentence(_ count: Int) -> String {
        (0..<count).map { index in
            let word = Self.words[next(Self.words.count)]
            switch next(12) {
            case 0: return "*\(word)*"
            case 1: return "**\(word)**"
            case 2: return "[\(word)](https://example.org/\(word)/\(index))"
            default: return word
            }
        }.joined(separator: " ").capitalizedFirst + "."
    }
}

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}

print("docket-bench\(quick ? " --quick (corpora at 2%)" : "") on \(ProcessInfo.processInfo.activeProcessorCount) cores")

// MARK: 1. Render

if runs(1) {
    var generator = Generator()
    var corpus = ""
    let target = Int(5_000_000 * scale)
    var section = 0
    while corpus.utf8.count < target {
        section += 1
        corpus += "## Section \(section)\n\n\(generator.sentence(40)) \(generator.sentence(30))\n\n"
        corpus += "- \(generator.sentence(8))\n  - \(generator.sentence(6))\n  - \(generator.sentence(6))\n- \(generator.sentence(8))\n\n"
        corpus += "1. \(generator.sentence(10))\n2. \(generator.sentence(10))\n\n> \(generator.sentence(20))\n\n"
    }
    let megabytes = Double(corpus.utf8.count) / 1_000_000
    var referenceBytes = 0
    let reference = measure {
        corpus.withCString { pointer in
            let html = cmark_markdown_to_html(pointer, strlen(pointer), CMARK_OPT_DEFAULT | CMARK_OPT_SAFE)!
            referenceBytes = strlen(html)
            free(html)
        }
    }
    var docketBytes = 0
    let docket = measure { docketBytes = HTMLRenderer.markdown(corpus).utf8.count }
    print("\n1. Render: \(String(format: "%.1f", megabytes)) MB of CommonMark to HTML")
    print(line("cmark_markdown_to_html (reference)", reference, String(format: "%.1f MB/s", megabytes / reference.seconds)))
    print(line("DocketKit HTMLRenderer.markdown", docket, String(format: "%.1f MB/s", megabytes / docket.seconds)) + "  \(ratio(docket, against: reference)) of cmark")
    if docketBytes != referenceBytes { print("  note: output sizes differ (\(docketBytes) vs \(referenceBytes) bytes)") }
    if let pandoc = ["/usr/bin/pandoc", "/usr/local/bin/pandoc"].first(where: FileManager.default.isExecutableFile(atPath:)) {
        let input = scratch.appendingPathComponent("corpus.md")
        try corpus.write(to: input, atomically: true, encoding: .utf8)
        let run = try measure {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: pandoc)
            process.arguments = ["-f", "commonmark", "-t", "html", "-o", scratch.appendingPathComponent("pandoc.html").path, input.path]
            try process.run()
            process.waitUntilExit()
        }
        print(
            line("pandoc -f commonmark -t html", run, String(format: "%.1f MB/s", megabytes / run.seconds))
                + "  \(ratio(run, against: reference)) of cmark (peak is this process, not pandoc)")
    } else {
        print("  pandoc: not installed, skipped")
    }
}

// MARK: Generated library

/// A library of `clauses` clauses and `recommendations` recommendations citing real authorities.
func writeLibrary(at root: URL, clauses: Int, recommendations: Int) throws {
    var generator = Generator()
    let clauseFolder = root.appendingPathComponent("Templates/clauses")
    let recommendationFolder = root.appendingPathComponent("Recommendations")
    try FileManager.default.createDirectory(at: clauseFolder, withIntermediateDirectories: true)
    try FileManager.default.createDirectory(at: recommendationFolder, withIntermediateDirectories: true)
    for index in 0..<clauses {
        let text = """
            ---
            id: clause-\(index)
            version: 1
            title: Clause \(index)
            variables:
              supporter: { type: string, required: true }
              city: { type: string, required: true }
              years: { type: integer, default: 1 }
            ---
            {{supporter}} of {{city}}, a member for {{years}} years, writes: \(generator.sentence(30))

            \(generator.sentence(40))

            """
        try text.write(to: clauseFolder.appendingPathComponent("clause-\(index).md"), atomically: false, encoding: .utf8)
    }
    for index in 0..<recommendations {
        let text = """
            ---
            id: rec-\(index)
            title: Recommendation \(index) on \(Generator.words[index % Generator.words.count])
            summary: \(generator.sentence(12).replacingOccurrences(of: "*", with: "").replacingOccurrences(of: "[", with: "").replacingOccurrences(of: "](", with: " ").replacingOccurrences(of: ")", with: ""))
            authorities:
              - cite: OMB M-25-21
            eu:
              - cite: EU AI Act Art. 27(1)
                requires: A fundamental rights impact assessment before deployment.
            comparison: The EU requires an assessment before use; the US relies on agency practice.
            ---
            \(generator.sentence(50))

            \(generator.sentence(40))

            """
        try text.write(to: recommendationFolder.appendingPathComponent("rec-\(index).md"), atomically: false, encoding: .utf8)
    }
}

// MARK: 2. Compose at scale

if runs(2) {
    let drafts = fixedSize ?? max(Int(10_000 * scale), 20)
    let root = scratch.appendingPathComponent("compose")
    try writeLibrary(at: root, clauses: 200, recommendations: 50)
    sync()
    let planText = """
        name: supporter
        kind: letter
        library: ..
        submitter: { type: anonymous }
        variables:
          supporter: Placeholder
          city: Placeholder
          years: 1
        sections:
        \((0..<10).map { "  - clause: clause-\($0 * 17)" }.joined(separator: "\n"))
          - heading: Recommendations
          - recommendations: [\((0..<5).map { "rec-\($0 * 7)" }.joined(separator: ", "))]
        """
    try FileManager.default.createDirectory(at: root.appendingPathComponent("campaign"), withIntermediateDirectories: true)
    try planText.write(to: root.appendingPathComponent("campaign/plan.yml"), atomically: false, encoding: .utf8)
    let workspace = Workspace(loading: ["campaign/plan.yml"], baseDirectory: root)
    let library = Library(recommendations: workspace.recommendations, clauses: workspace.clauses)
    guard let base = workspace.plans.first else {
        print("the generated plan did not load: \(workspace.diagnostics)")
        exit(1)
    }
    let cities = ["Austin", "Oakland", "Miami", "Chicago", "El Paso", "Newark", "Tucson"]

    /// One personalized draft per supporter, each written to its own file as soon as it is
    /// composed, on every core: drafts are independent, and the plan's first composition is
    /// shared read-only. Each run writes into a new folder, so no run overwrites another's files.
    func composeDrafts(_ count: Int) -> Int {
        let out = root.appendingPathComponent("drafts-\(count)")
        try? FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        var diagnostics = DiagnosticCollector()
        let drafts = PersonalizedDrafts(PlanInput(plan: base.plan, planPath: base.path, library: library, sources: workspace.sources), diagnostics: &diagnostics)
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let written = ByteCount()
        DispatchQueue.concurrentPerform(iterations: cores) { worker in
            var generator = Generator(state: UInt64(worker + 1) &* 0x9E37_79B9_7F4A_7C15)
            for number in stride(from: worker, to: count, by: cores) {
                let range = base.plan.source
                let values = [
                    PlanVariable(name: "supporter", value: .scalar("Supporter \(number)"), range: range),
                    PlanVariable(name: "city", value: .scalar(cities[generator.next(cities.count)]), range: range),
                    PlanVariable(name: "years", value: .scalar(String(1 + generator.next(30))), range: range),
                ]
                var diagnostics = DiagnosticCollector()
                let markdown = Data(drafts.draft(setting: values, diagnostics: &diagnostics).markdown.utf8)
                written.add(markdown.count)
                // A draft that was not written would make the throughput a lie.
                precondition(stream(markdown, to: out.appendingPathComponent("draft-\(number).md").path), "cannot write draft \(number)")
            }
        }
        return written.total
    }
    if fixedSize != nil {
        // A callgrind child: the work alone, once, and no reference.
        if !setupOnly { _ = composeDrafts(drafts) }
        exit(0)
    }
    let fewer = drafts / 10
    var bytes = 0
    let tenth = measure { _ = composeDrafts(fewer) }
    let full = measure { bytes = composeDrafts(drafts) }
    print("\n2. Compose at scale: \(drafts) personalized drafts (10 clauses, 5 recommendations each) from 200 clauses and 50 recommendations")
    print(line("\(fewer) drafts (reference)", tenth, String(format: "%.0f drafts/s", Double(fewer) / tenth.seconds)))
    print(
        line("\(drafts) drafts, streamed to disk", full, String(format: "%.0f drafts/s", Double(drafts) / full.seconds))
            + "  \(String(format: "%.2f×", full.seconds / max(tenth.seconds, 1e-9))) the time for 10× the drafts; \(bytes / 1_000_000) MB written")
    print("  \(cpu(full))")
    if drafts == 10_000 { print("  goal: 10,000 drafts under 5 s: \(full.seconds < 5 ? "met" : "MISSED")") }
}

// MARK: 3. Check at scale

if runs(3) {
    let files = fixedSize ?? max(Int(5_000 * scale), 100)
    let root = scratch.appendingPathComponent("check")
    try writeLibrary(at: root, clauses: files / 2, recommendations: files - files / 2)
    let paths = ["Recommendations", "Templates"]
    // The corpus reaches the disk before timing, so the kernel's writeback of it does not
    // compete with the check for the cores.
    sync()
    if fixedSize != nil {
        if !setupOnly { _ = Checker.check(paths: paths, baseDirectory: root) }
        exit(0)
    }
    var readBytes = 0
    let reference = measure {
        for folder in paths {
            let url = root.appendingPathComponent(folder)
            for case let file as URL in FileManager.default.enumerator(at: url, includingPropertiesForKeys: nil)! where file.pathExtension == "md" {
                readBytes += (try? Data(contentsOf: file))?.count ?? 0
            }
        }
    }
    var report: CheckReport?
    let check = measure { report = Checker.check(paths: paths, baseDirectory: root) }
    print("\n3. Check at scale: docket check over \(files) generated library files")
    print(line("read every file (reference)", reference, String(format: "%.0f files/s", Double(files) / reference.seconds)))
    print(
        line("Checker.check", check, String(format: "%.0f files/s", Double(files) / check.seconds))
            + "  \(String(format: "%.1f×", check.seconds / max(reference.seconds, 1e-9))) the time to read; \(report?.errorCount ?? -1) errors")
    print("  \(cpu(check))")
    if files == 5_000 { print("  goal: 5,000 files under 1 s: \(check.seconds < 1 ? "met" : "MISSED")") }
}

// MARK: 4. DOCX

if runs(4) {
    let pages = max(Int(200 * scale), 4)
    var generator = Generator()
    // About 500 words a page: a heading and two paragraphs per page.
    var blocks: [Block] = []
    for page in 1...pages {
        let provenance = Provenance(.plan, file: "bench", line: page)
        blocks.append(.heading(Heading(text: "Part \(page)", level: 2, startsPage: false, provenance: provenance)))
        blocks.append(.prose(Prose(markdown: generator.sentence(230) + "\n\n" + generator.sentence(230) + "\n\n- " + generator.sentence(20), provenance: provenance)))
    }
    let document = ComposedDocument(planName: "bench", kind: .comment, header: Header(title: "A long comment", docketID: "OMB-2023-0020"), blocks: blocks)
    let version = DraftVersion(canonicalMarkdown: MarkdownRenderer.canonicalBody(document))
    var size = 0
    let html = measure { size = HTMLRenderer.render(document, version: version).utf8.count }
    let docx = try measure { size = try DOCXRenderer.render(document, version: version).count }
    print("\n4. DOCX: a \(pages)-page comment (about 500 words a page)")
    print(line("HTMLRenderer (reference)", html, String(format: "%.0f pages/s", Double(pages) / html.seconds)))
    print(line("DOCXRenderer", docx, String(format: "%.0f pages/s", Double(pages) / docx.seconds)) + "  \(ratio(docx, against: html)) of HTML; \(size / 1000) kB")
}

// MARK: 5. Roster at scale

/// A sign-on letter over the generated library, its roster in `signatories.csv` beside it.
let signOnPlan = """
    kind: sign-on-letter
    library: ..
    submitter: { type: organization, organization: Bench Coalition, organizationType: Nonprofit }
    variables:
      supporter: Bench Coalition
      city: Austin
    sections:
      - clause: clause-1
      - heading: Recommendations
      - recommendations: [rec-0, rec-1, rec-2]
    signatories: signatories.csv
    """

/// A sign-on letter with `count` signatories, each with an email and a phone, and an approvals
/// log in which every other signer approved an earlier version: the work `compose`, `signers`
/// and `sign` all do first. Linear handling means 10× the roster costs about 10× the time.
if runs(5) {
    let large = max(Int(10_000 * scale), 200)
    let small = large / 10
    func writeCampaign(_ count: Int) throws -> URL {
        let root = scratch.appendingPathComponent("roster-\(count)")
        try writeLibrary(at: root, clauses: 10, recommendations: 5)
        let campaign = root.appendingPathComponent("campaign")
        try FileManager.default.createDirectory(at: campaign, withIntermediateDirectories: true)
        var csv = "id,organization,city,state,contact_name,contact_email,contact_phone\n"
        var log = ""
        for index in 0..<count {
            csv += "org-\(index),Organization \(index),Austin,TX,Person \(index),person\(index)@org\(index % 97).example,(202) 555-\(String(format: "%04d", index % 10_000))\n"
            if index % 2 == 0 {
                log += #"{"at":"2026-01-01T00:00:00Z","decision":"approve","signer":"org-\#(index)","version":"sha256:\#(String(repeating: "a", count: 64))"}"# + "\n"
            }
        }
        try csv.write(to: campaign.appendingPathComponent("signatories.csv"), atomically: false, encoding: .utf8)
        try log.write(to: campaign.appendingPathComponent("approvals.jsonl"), atomically: false, encoding: .utf8)
        let plan = signOnPlan
        try plan.write(to: campaign.appendingPathComponent("plan.yml"), atomically: false, encoding: .utf8)
        return campaign.appendingPathComponent("plan.yml")
    }
    let smallPlan = try writeCampaign(small)
    let largePlan = try writeCampaign(large)
    var signers = 0
    func review(_ plan: URL) {
        let outcome = Composition.compose(plan: plan.path, formats: [.md])
        guard let draft = outcome.draft, let roster = draft.signatories else { fatalError("the roster plan did not compose: \(outcome.diagnostics.prefix(3))") }
        signers = SignerReport(signatories: roster, approvals: draft.approvals, version: draft.version).rows.count
    }
    let reference = measure { review(smallPlan) }
    let full = measure { review(largePlan) }
    print("\n5. Roster at scale: compose and signer status for a sign-on letter")
    print(line("\(small) signatories (reference)", reference, String(format: "%.0f signers/s", Double(small) / reference.seconds)))
    print(
        line("\(large) signatories", full, String(format: "%.0f signers/s", Double(signers) / full.seconds))
            + "  \(String(format: "%.2f×", full.seconds / max(reference.seconds, 1e-9))) the time for 10× the roster")
}

// MARK: 6. Review server

/// `docket serve` on loopback, loaded by wrk: the signer's page (a token check, the approvals
/// log read, the letter and redline rendered) against the stylesheet the same server returns
/// with no work, in the same run. Then 200 signers send their decisions at once; every one
/// must reach the log exactly once.
if runs(6) {
    let signerCount = 200
    let root = scratch.appendingPathComponent("serve")
    try writeLibrary(at: root, clauses: 10, recommendations: 5)
    let campaignFolder = root.appendingPathComponent("campaign")
    try FileManager.default.createDirectory(at: campaignFolder, withIntermediateDirectories: true)
    var csv = "id,organization,city,state,contact_name,contact_email,contact_phone\n"
    for index in 0..<signerCount { csv += "org-\(index),Organization \(index),Austin,TX,Person \(index),person\(index)@org.example,\n" }
    try csv.write(to: campaignFolder.appendingPathComponent("signatories.csv"), atomically: false, encoding: .utf8)
    try signOnPlan.write(to: campaignFolder.appendingPathComponent("plan.yml"), atomically: false, encoding: .utf8)
    let campaign = try ReviewCampaign(plan: "campaign/plan.yml", baseDirectory: root, leadToken: Secret.random())
    var tokens: [(signer: String, token: String)] = []
    for index in 0..<signerCount { tokens.append(("org-\(index)", try campaign.store.issueInvitation(for: "org-\(index)"))) }

    let bound = DispatchSemaphore(value: 0)
    let portBox = Box()
    // Detached: top-level code is on the main actor, which the semaphore below blocks.
    Task.detached {
        try await ReviewServer.run(campaign, options: .init(port: 0)) { port in
            portBox.set(port); bound.signal()
        }
    }
    bound.wait()
    let base = "http://127.0.0.1:\(portBox.get())"

    /// wrk's requests per second and 99th-percentile latency for `path`, over `seconds`.
    func load(_ path: String, seconds: Int) -> (perSecond: Double, p99: String, bytes: Double)? {
        let wrk = Process()
        wrk.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        wrk.arguments = ["wrk", "-t2", "-c16", "-d\(seconds)s", "--latency", base + path]
        let pipe = Pipe()
        wrk.standardOutput = pipe
        wrk.standardError = FileHandle.nullDevice
        guard (try? wrk.run()) != nil else { return nil }
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        wrk.waitUntilExit()
        guard wrk.terminationStatus == 0,
            let rate = output.split(separator: "\n").first(where: { $0.hasPrefix("Requests/sec:") })?.split(separator: " ").last.flatMap({ Double($0) }),
            let p99 = output.split(separator: "\n").first(where: { $0.trimmingCharacters(in: .whitespaces).hasPrefix("99%") })?.split(separator: " ").last
        else { return nil }
        // "Transfer/sec:      3.21MB": the response's size is that over the rate.
        let transfer = output.split(separator: "\n").first(where: { $0.hasPrefix("Transfer/sec:") })?.split(separator: " ").last.map(String.init) ?? ""
        let scale: Double = transfer.hasSuffix("GB") ? 1_073_741_824 : transfer.hasSuffix("MB") ? 1_048_576 : transfer.hasSuffix("KB") ? 1_024 : 1
        let perSecond = Double(transfer.trimmingCharacters(in: .letters)).map { $0 * scale } ?? 0
        return (rate, String(p99), perSecond / rate)
    }

    /// wrk's latency ("850.00us", "12.34ms", "1.20s") in milliseconds.
    func milliseconds(_ text: String) -> Double? {
        for (unit, scale) in [("us", 0.001), ("ms", 1.0), ("s", 1000.0)] where text.hasSuffix(unit) {
            return Double(text.dropLast(unit.count)).map { $0 * scale }
        }
        return nil
    }

    print("\n6. Review server: requests under wrk (2 threads, 16 connections) and 200 decisions at once")
    let seconds = quick ? 1 : 5
    if let reference = load("/assets/docket.css", seconds: seconds), let page = load("/s/\(tokens[0].token)", seconds: seconds) {
        print("  stylesheet (reference)              \(String(format: "%8.0f req/s", reference.perSecond))  p99 \(reference.p99)  \(String(format: "%.1f kB", reference.bytes / 1024)) each")
        print(
            "  signer page                         \(String(format: "%8.0f req/s", page.perSecond))  p99 \(page.p99)  \(String(format: "%.2f×", page.perSecond / reference.perSecond)) the reference's rate  \(String(format: "%.1f kB", page.bytes / 1024)) each"
        )
        // #29's goal: the page at 0.3× the stylesheet's rate or better, its p99 under 20 ms.
        let ratioMet = page.perSecond / reference.perSecond >= 0.3
        let p99Met = milliseconds(page.p99).map { $0 < 20 } ?? false
        print("  goal: ≥ 0.30× the reference's rate \(ratioMet ? "met" : "missed"); p99 under 20 ms \(p99Met ? "met" : "missed")")
    } else {
        print("  wrk is not installed or failed: the load part is skipped (apt-get install wrk)")
    }

    // Every signer's decision at once, each with its own CSRF pair (cookie and field).
    let started = DispatchTime.now().uptimeNanoseconds
    let statuses = Box()
    let group = DispatchGroup()
    let version = await campaign.signOff.draft.version.description
    // The page a saved decision redirects to is not part of deciding: redirects are not followed.
    let session = URLSession(configuration: .ephemeral, delegate: NoRedirects(), delegateQueue: nil)
    for (_, token) in tokens {
        group.enter()
        var request = URLRequest(url: URL(string: "\(base)/s/\(token)/decision")!)
        request.httpMethod = "POST"
        let csrf = Secret.random()
        request.setValue("docket_csrf=\(csrf)", forHTTPHeaderField: "Cookie")
        request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data("csrf=\(csrf)&version=\(version.replacingOccurrences(of: ":", with: "%3A"))&decision=approve".utf8)
        session.dataTask(with: request) { _, response, _ in
            if let status = (response as? HTTPURLResponse)?.statusCode, status == 303 || status == 200 { statuses.add() }
            group.leave()
        }.resume()
    }
    group.wait()
    let elapsed = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
    let lines = (try? String(contentsOf: campaignFolder.appendingPathComponent("approvals.jsonl"), encoding: .utf8))?.split(separator: "\n") ?? []
    let distinct = Set(lines.compactMap { line in (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["signer"] as? String })
    print(
        "  \(signerCount) decisions at once              \(String(format: "%8.3f s", elapsed))  \(statuses.get()) answered saved, \(lines.count) logged, \(distinct.count) distinct signers"
            + (lines.count == signerCount && distinct.count == signerCount ? "" : "  LOST OR DUPLICATED"))
}

// MARK: 7. Startup

/// This program's own executable; `docket` is built beside it.
let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()

/// Whole `docket` processes, as a user runs them, timed by hyperfine: checking the bundled
/// library and examples, and composing an example, against `docket --help` (process start and
/// argument parsing, nothing loaded) in the same run.
if runs(7) {
    print("\n7. Startup: whole docket processes under hyperfine, against docket --help")
    let docket = executable.deletingLastPathComponent().appendingPathComponent("docket").path
    let example = "Examples/omb-2023-0020/plan.yml"
    if !FileManager.default.isExecutableFile(atPath: docket) {
        print("  skipped: build docket beside docket-bench first (swift build -c release)")
    } else if !FileManager.default.fileExists(atPath: example) {
        print("  skipped: run from the repository's root, where the bundled library and examples are")
    } else {
        let results = scratch.appendingPathComponent("hyperfine.json")
        let commands = [
            "\(docket) --help", "\(docket) check Recommendations Templates Examples",
            "\(docket) compose \(example) --out \(scratch.appendingPathComponent("startup").path)",
        ]
        let hyperfine = Process()
        hyperfine.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        hyperfine.arguments = ["hyperfine", "-N", "--warmup", "2", "--runs", quick ? "3" : "20", "--export-json", results.path] + commands
        hyperfine.standardOutput = FileHandle.nullDevice
        hyperfine.standardError = FileHandle.nullDevice
        if (try? hyperfine.run()) != nil { hyperfine.waitUntilExit() }
        struct Report: Decodable {
            struct Result: Decodable {
                var command: String
                var mean: Double
                var stddev: Double?
            }
            var results: [Result]
        }
        if hyperfine.terminationStatus == 0, let data = try? Data(contentsOf: results), let report = try? JSONDecoder().decode(Report.self, from: data), report.results.count == 3 {
            let reference = report.results[0].mean
            for (name, result) in zip(["docket --help (reference)", "docket check (library, examples)", "docket compose (one example)"], report.results) {
                let spread = result.stddev.map { String(format: " ± %.1f", $0 * 1000) } ?? ""
                print(
                    "  \(name.padding(toLength: 34, withPad: " ", startingAt: 0)) \(String(format: "%8.1f ms", result.mean * 1000))\(spread)"
                        + (result.mean == reference ? "" : String(format: "  %.1f× the reference's time", result.mean / reference)))
            }
        } else {
            print("  hyperfine is not installed or a command failed: skipped (apt-get install hyperfine)")
        }
    }
}

// MARK: 8. Comments at scale

/// The current resident set (`VmRSS`), to show memory stays flat through a long import.
func residentKilobytes() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
        let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") })
    else { return 0 }
    return Int(line.split(separator: " ").dropFirst().first ?? "0") ?? 0
}

/// Runs a command to its end; its output, or nil when it failed. posix_spawn and waitpid, with
/// every signal unblocked: Foundation's `Process.waitUntilExit` never returns from an async
/// context here, and a server started with signals blocked waits forever.
/// The peak resident set of the last command `run` waited for (sampled every 20 ms), so a
/// reference tool's memory is its own and not this program's.
nonisolated(unsafe) var lastChildPeakKilobytes = 0

func run(_ arguments: [String], input: String? = nil) -> String? {
    let output = scratch.appendingPathComponent("command-\(UUID().uuidString).out").path
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, input ?? "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_adddup2(&actions, 1, 2)
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var none = sigset_t()
    sigemptyset(&none)
    posix_spawnattr_setsigmask(&attributes, &none)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))
    var pid: pid_t = 0
    let argv = arguments.map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    guard posix_spawnp(&pid, arguments[0], &actions, &attributes, argv, environ) == 0 else { return nil }
    // The child's peak is read from its own /proc entry while it runs: rusage's ru_maxrss
    // would report this program's, because posix_spawn's child shares its memory until exec.
    var status: Int32 = 0
    var peak = 0
    while true {
        let done = waitpid(pid, &status, WNOHANG)
        if done == pid || (done == -1 && errno != EINTR) { break }
        if let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
            let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
            let kilobytes = Int(line.split(separator: " ").dropFirst().first ?? "")
        {
            peak = max(peak, kilobytes)
        }
        usleep(20_000)
    }
    lastChildPeakKilobytes = peak
    let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
    try? FileManager.default.removeItem(atPath: output)
    return status == 0 ? text : nil
}

/// Generated comments with the lengths real dockets show: most a paragraph or two, a fifth
/// a long letter; one in ten with an attachment's text.
struct CommentCorpus {
    let count: Int

    func record(_ index: Int) -> CommentRecord {
        var generator = Generator(state: 0x9E37_79B9_7F4A_7C15 &+ UInt64(index) &* 0xBF58_476D_1CE4_E5B9)
        // Half a short paragraph, four in ten a page, one in ten a long letter: about 1,100
        // characters on average, as comment boxes run.
        let band = generator.next(10)
        let sentences = band < 5 ? 2 + generator.next(4) : band < 9 ? 6 + generator.next(10) : 20 + generator.next(40)
        let text = (0..<sentences).map { _ in plainSentence(&generator, 10 + generator.next(10)) }.joined(separator: " ")
        var attachments: [AttachmentRecord] = []
        if index % 10 == 0 {
            let pages = (0..<(20 + generator.next(60))).map { _ in plainSentence(&generator, 14) }.joined(separator: " ")
            attachments = [AttachmentRecord(position: 1, title: "Attachment", format: "pdf", url: "https://downloads.regulations.gov/BENCH/attachment_1.pdf", size: pages.utf8.count, text: pages, status: .text)]
        }
        return CommentRecord(
            id: String(format: "BENCH-2026-0001-%07d", index + 2), docketID: "BENCH-2026-0001", documentID: "BENCH-2026-0001-0001", title: "Comment \(index)", text: text,
            organization: index % 3 == 0 ? "Organization \(index % 997)" : nil, firstName: index % 3 == 0 ? nil : "Anonymous", posted: "2026-11-\(String(format: "%02d", 1 + index % 28))T05:00:00Z",
            duplicateComments: index % 50 == 0 ? generator.next(400) : 0, withdrawn: false, source: "bench", attachments: attachments)
    }

    /// The same rows as two CSV files, for the databases' own loaders.
    func writeCSV(comments: URL, attachments: URL) throws {
        func field(_ value: SQLValue) -> String {
            switch value {
            case .null: return ""
            case .integer(let number): return String(number)
            case .real(let number): return String(number)
            case .text(let text): return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            }
        }
        FileManager.default.createFile(atPath: comments.path, contents: nil)
        FileManager.default.createFile(atPath: attachments.path, contents: nil)
        let commentFile = try FileHandle(forWritingTo: comments)
        let attachmentFile = try FileHandle(forWritingTo: attachments)
        var commentText = ""
        var attachmentText = ""
        for index in 0..<count {
            let comment = record(index)
            let row: [SQLValue] = [
                SQLValue(comment.id), SQLValue(comment.docketID), SQLValue(comment.documentID), SQLValue(comment.title), SQLValue(comment.text), SQLValue(comment.organization),
                SQLValue(comment.firstName), .null, .null, .null, .null, SQLValue(comment.posted), .null, .null, SQLValue(comment.duplicateComments), .null, .integer(0),
                SQLValue(comment.source), .text("done"), .null,
            ]
            commentText += row.map(field).joined(separator: ",") + "\n"
            for attachment in comment.attachments {
                let values: [SQLValue] = [
                    SQLValue(comment.id), SQLValue(attachment.position), SQLValue(attachment.title), SQLValue(attachment.format), SQLValue(attachment.url), SQLValue(attachment.size),
                    .null, SQLValue(attachment.text), .text("text"), .null,
                ]
                attachmentText += values.map(field).joined(separator: ",") + "\n"
            }
            if commentText.utf8.count > 1 << 22 {
                commentFile.write(Data(commentText.utf8))
                attachmentFile.write(Data(attachmentText.utf8))
                commentText = ""
                attachmentText = ""
            }
        }
        commentFile.write(Data(commentText.utf8))
        attachmentFile.write(Data(attachmentText.utf8))
        try commentFile.close()
        try attachmentFile.close()
    }
}

/// A sentence of plain words, as a comment box holds them.
func plainSentence(_ generator: inout Generator, _ count: Int) -> String {
    (0..<count).map { _ in Generator.words[generator.next(Generator.words.count)] }.joined(separator: " ").capitalizedFirst + "."
}

/// What a reference load runs once the rows are in: the same search index the store keeps.
let indexSearch = """
    INSERT INTO comment_search (comment_id, part, body) SELECT id, 'comment', text FROM comments WHERE text IS NOT NULL AND text <> '';
    INSERT INTO comment_search (comment_id, part, body) SELECT comment_id, 'attachment ' || position, text FROM attachments WHERE text IS NOT NULL AND text <> '';
    """

if runs(8) {
    let count = fixedSize ?? (quick ? 20_000 : 1_000_000)
    let corpus = CommentCorpus(count: count)
    print("\n8. Comments at scale: \(Wording.number(count)) generated comments (one in ten with an attachment's text) into each store, in one transaction")
    let csvComments = scratch.appendingPathComponent("comments.csv")
    let csvAttachments = scratch.appendingPathComponent("attachments.csv")
    try corpus.writeCSV(comments: csvComments, attachments: csvAttachments)
    let megabytes = Double(((try? FileManager.default.attributesOfItem(atPath: csvComments.path)[.size] as? Int) ?? 0) + ((try? FileManager.default.attributesOfItem(atPath: csvAttachments.path)[.size] as? Int) ?? 0)) / 1e6
    print(String(format: "  the same rows as CSV for the references: %.0f MB", megabytes))

    /// The store's own path (what `docket comments import` and `pull` call): batches of 2,000
    /// through `CommentStore.write`, RSS sampled at each quarter.
    func load(_ store: CommentStore) async throws -> (Measurement, [Int]) {
        var samples: [Int] = []
        let cpu = cpuTimes()
        let start = DispatchTime.now().uptimeNanoseconds
        try await store.database.transaction { transaction in
            var batch: [CommentRecord] = []
            batch.reserveCapacity(2000)
            for index in 0..<count {
                batch.append(corpus.record(index))
                if batch.count == 2000 {
                    try await store.write(batch, complete: true, in: transaction)
                    batch.removeAll(keepingCapacity: true)
                }
            }
            try await store.write(batch, complete: true, in: transaction)
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        samples.append(residentKilobytes())
        let after = cpuTimes()
        return (Measurement(seconds: seconds, peakMB: Double(peakKilobytes()) / 1024, userSeconds: after.user - cpu.user, systemSeconds: after.system - cpu.system), samples)
    }

    // A quarter of the rows first, to show the resident set does not grow with the rows.
    func report(_ name: String, _ m: Measurement, reference: Measurement, referenceName: String) {
        print(line(name, m, String(format: "%.0f comments/s", Double(count) / m.seconds)))
        print(line(referenceName, reference, String(format: "%.0f comments/s", Double(count) / reference.seconds)))
        print("  \(name): \(ratio(m, against: reference)) the reference's rate (goal: at least 0.5×)")
    }

    // SQLite: the store, then sqlite3's .import of the same rows into the same schema.
    do {
        let quarterURL = scratch.appendingPathComponent("quarter.sqlite")
        let quarter = try await CommentStore.open(SQLiteCommentDatabase(url: quarterURL, displayPath: "quarter.sqlite"))
        let quarterCorpus = CommentCorpus(count: count / 4)
        try await quarter.database.transaction { transaction in
            for start in stride(from: 0, to: quarterCorpus.count, by: 2000) {
                try await quarter.write((start..<min(start + 2000, quarterCorpus.count)).map(quarterCorpus.record), complete: true, in: transaction)
            }
        }
        await quarter.database.close()
        let rssQuarter = residentKilobytes()
        let url = scratch.appendingPathComponent("store.sqlite")
        let store = try await CommentStore.open(SQLiteCommentDatabase(url: url, displayPath: "store.sqlite"))
        let (ours, _) = try await load(store)
        let rssFull = residentKilobytes()
        let stored = try await store.total(.init())
        await store.database.close()

        let referenceURL = scratch.appendingPathComponent("reference.sqlite")
        let schema = try await CommentStore.open(SQLiteCommentDatabase(url: referenceURL, displayPath: "reference.sqlite"))
        await schema.database.close()
        let script = scratch.appendingPathComponent("import.sql")
        try """
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = NORMAL;
            BEGIN;
            .mode csv
            .import \(csvComments.path) comments
            .import \(csvAttachments.path) attachments
            \(indexSearch)
            COMMIT;
            SELECT count(*) FROM comments;
            """.write(to: script, atomically: true, encoding: .utf8)
        var referenceOutput: String?
        var reference = measure { referenceOutput = run(["sqlite3", referenceURL.path], input: script.path) }
        reference.peakMB = Double(lastChildPeakKilobytes) / 1024
        if let referenceOutput, Int(referenceOutput.split(separator: "\n").last ?? "") == count, stored == count {
            report("SQLite store (GRDB)", ours, reference: reference, referenceName: "sqlite3 .import (reference)")
            print("  resident set after \(Wording.number(count / 4)): \(rssQuarter / 1024) MB; after \(Wording.number(count)): \(rssFull / 1024) MB")
        } else {
            print("  sqlite3 is not installed or the import failed: reference skipped (apt-get install sqlite3); stored \(stored)")
            print(line("SQLite store (GRDB)", ours, String(format: "%.0f comments/s", Double(count) / ours.seconds)))
        }
    }

    // PostgreSQL: a throwaway server (Tests/postgres/start), the store, then psql's \copy.
    let server = scratch.appendingPathComponent("postgres")
    if let started = run(["Tests/postgres/start", server.path]), let url = started.split(separator: "\n").last.map(String.init), url.hasPrefix("postgres://") {
        defer { _ = run(["sh", "-c", "bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1); if [ \"$(id -u)\" = 0 ]; then runuser -u postgres -- \"$bin/pg_ctl\" -D '\(server.path)/data' -m immediate stop; else \"$bin/pg_ctl\" -D '\(server.path)/data' -m immediate stop; fi"]) }
        let admin = try await PostgresCommentDatabase.connect(url)
        try await admin.execute("CREATE DATABASE bench_store", [])
        try await admin.execute("CREATE DATABASE bench_reference", [])
        await admin.close()
        let store = try await CommentStore.open(PostgresCommentDatabase.connect(url.replacingOccurrences(of: "/postgres?", with: "/bench_store?")))
        let rssBefore = residentKilobytes()
        let (ours, _) = try await load(store)
        let rssAfter = residentKilobytes()
        let stored = try await store.total(.init())
        await store.database.close()
        let referenceURL = url.replacingOccurrences(of: "/postgres?", with: "/bench_reference?")
        let schema = try await CommentStore.open(PostgresCommentDatabase.connect(referenceURL))
        await schema.database.close()
        let script = scratch.appendingPathComponent("copy.sql")
        try """
            BEGIN;
            \\copy comments FROM '\(csvComments.path)' WITH (FORMAT csv)
            \\copy attachments FROM '\(csvAttachments.path)' WITH (FORMAT csv)
            \(indexSearch)
            COMMIT;
            """.write(to: script, atomically: true, encoding: .utf8)
        // Both clients' memory: the server's is the same for either.
        var reference = measure { _ = run(["psql", "-q", "-v", "ON_ERROR_STOP=1", "-f", script.path, referenceURL.replacingOccurrences(of: "?sslmode=disable", with: "")]) }
        reference.peakMB = Double(lastChildPeakKilobytes) / 1024
        let check = run(["psql", "-tA", "-c", "SELECT count(*) FROM comments", referenceURL.replacingOccurrences(of: "?sslmode=disable", with: "")])
        if Int(check?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "") == count, stored == count {
            report("PostgreSQL store (postgres-nio)", ours, reference: reference, referenceName: "psql \\copy (reference)")
            print("  resident set before: \(rssBefore / 1024) MB; after \(Wording.number(count)): \(rssAfter / 1024) MB")
        } else {
            print("  psql's \\copy failed: reference skipped; stored \(stored)")
        }
    } else {
        print("  PostgreSQL is not installed or did not start: skipped (apt-get install postgresql)")
    }
}

// MARK: 9. Campaigns at scale

struct CampaignRun {
    var seconds: Double
    var readSeconds: Double
    var sketchSeconds: Double
    var clusterSeconds: Double
    /// Within it: band, union and split; own words; what members add (medoids read); the rest.
    var stageSeconds: [Double]
    var peakMB: Double
    var report: CampaignReport
}

/// What `docket comments campaigns` does (`CommentStore.campaigns`), with its stages timed.
func clusterCampaigns(_ store: CommentStore, reserve count: Int) async throws -> CampaignRun {
    resetPeak()
    let start = DispatchTime.now().uptimeNanoseconds
    var builder = CampaignBuilder()
    builder.reserve(count)
    var sketching: UInt64 = 0
    try await store.campaignComments(.init()) { batch in
        let before = DispatchTime.now().uptimeNanoseconds
        builder.add(batch)
        sketching += DispatchTime.now().uptimeNanoseconds - before
    }
    let read = DispatchTime.now().uptimeNanoseconds
    var stages: [UInt64] = []
    let report = try await builder.report(texts: { ids in try await store.campaignTexts(ids) }, reached: { _ in stages.append(DispatchTime.now().uptimeNanoseconds) })
    let end = DispatchTime.now().uptimeNanoseconds
    let marks = [read] + stages + [end]
    let stageSeconds = zip(marks.dropFirst(), marks).map { Double($0 - $1) / 1e9 }
    return CampaignRun(
        seconds: Double(end - start) / 1e9, readSeconds: Double(read - start - sketching) / 1e9, sketchSeconds: Double(sketching) / 1e9,
        clusterSeconds: Double(end - read) / 1e9, stageSeconds: stageSeconds, peakMB: Double(peakKilobytes()) / 1024, report: report)
}


if runs(9) {
    let count = fixedSize ?? (quick ? 20_000 : 1_000_000)
    let tenth = count / 10
    let corpus = CampaignCorpus(count: count)
    print("\n9. Campaigns at scale: \(Wording.number(count)) generated comments with known campaigns, clustered end to end from the store")

    /// Writes the corpus into each store (the first `n` of it into the stores given with a
    /// smaller `n`), generating each comment once, and writes the references' input: the first
    /// tenth's comments of 40 words or more as JSON lines. Returns every comment's ID and true
    /// unit, and the references' IDs and truth.
    func fill(_ stores: [(CommentStore, Int)], references: URL) async throws -> (ids: [String], truth: [Int], referenceIDs: [String], referenceTruth: [Int]) {
        var ids: [String] = []
        var truth: [Int] = []
        var referenceIDs: [String] = []
        var referenceTruth: [Int] = []
        ids.reserveCapacity(count)
        truth.reserveCapacity(count)
        FileManager.default.createFile(atPath: references.path, contents: nil)
        let handle = try FileHandle(forWritingTo: references)
        defer { try? handle.close() }
        for start in stride(from: 0, to: count, by: 2000) {
            let items = (start..<min(start + 2000, count)).map(corpus.item)
            let records = items.map { item in
                CommentRecord(
                    id: item.comment.id, docketID: "GEN-2026-0001", text: item.text, organization: item.comment.organization, posted: item.comment.posted,
                    source: "docket-bench", attachments: item.attachment.map { [AttachmentRecord(position: 1, title: "Attachment", format: "pdf", text: $0, status: .text)] } ?? [])
            }
            for (offset, item) in items.enumerated() {
                ids.append(item.comment.id)
                truth.append(item.truth)
                if start + offset < tenth && Words.count(item.comment.text) >= Sketcher.stubWords {
                    referenceIDs.append(item.comment.id)
                    referenceTruth.append(item.truth)
                    handle.write(try JSONSerialization.data(withJSONObject: ["text": item.comment.text]) + Data("\n".utf8))
                }
            }
            for (store, limit) in stores where start < limit {
                try await store.database.transaction { transaction in
                    try await store.write(Array(records.prefix(limit - start)), complete: true, in: transaction)
                }
            }
        }
        return (ids, truth, referenceIDs, referenceTruth)
    }

    func describe(_ name: String, _ run: CampaignRun, comments: Int) {
        print(String(format: "  %@ %8.3f s  %9.0f comments/s  peak %7.1f MB  (waiting on the store %.2f s, normalize and sketch %.2f s while the next page is read, band, union, verify, split and read medoids %.2f s)",
            name.padding(toLength: 34, withPad: " ", startingAt: 0), run.seconds, Double(comments) / run.seconds, run.peakMB, run.readSeconds, run.sketchSeconds, run.clusterSeconds))
        if run.stageSeconds.count == 4 {
            print(String(format: "      of which: band, union-find and split %.2f s, own words %.2f s, medoids and additions read %.2f s, report %.2f s",
                run.stageSeconds[0], run.stageSeconds[1], run.stageSeconds[2], run.stageSeconds[3]))
        }
    }

    func goal(_ met: Bool, _ text: String) { print("  goal \(met ? "met" : "MISSED"): \(text)") }

    let smallURL = scratch.appendingPathComponent("campaigns-small.sqlite")
    let small = try await CommentStore.open(SQLiteCommentDatabase(url: smallURL, displayPath: "campaigns-small.sqlite"))
    let bigURL = scratch.appendingPathComponent("campaigns.sqlite")
    let big = try await CommentStore.open(SQLiteCommentDatabase(url: bigURL, displayPath: "campaigns.sqlite"))
    // The PostgreSQL store takes the first tenth in the same pass, and is clustered beside
    // SQLite's of the same size: a million comments of this corpus are 4 GB of text, about
    // four times scenario 8's, which took PostgreSQL's store 278 s to load.
    let server = scratch.appendingPathComponent("postgres-campaigns")
    var postgres: CommentStore?
    if let started = run(["Tests/postgres/start", server.path]), let url = started.split(separator: "\n").last.map(String.init), url.hasPrefix("postgres://") {
        postgres = try await CommentStore.open(PostgresCommentDatabase.connect(url))
    }
    defer {
        if postgres != nil {
            _ = run(["sh", "-c", "bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1); if [ \"$(id -u)\" = 0 ]; then runuser -u postgres -- \"$bin/pg_ctl\" -D '\(server.path)/data' -m immediate stop; else \"$bin/pg_ctl\" -D '\(server.path)/data' -m immediate stop; fi"])
        }
    }
    let jsonl = scratch.appendingPathComponent("campaigns-reference.jsonl")
    let (ids, truth, referenceIDs, referenceTruth) = try await fill([(small, tenth), (big, count)] + (postgres.map { [($0, tenth)] } ?? []), references: jsonl)

    // The fill leaves gigabytes of the stores' pages for the kernel to write back, and the
    // first runs read the stores while that writing goes on: each store is clustered twice, the
    // goals judged on the second run (as a command run again on a store already read), and the
    // first printed beside it.
    sync()
    let smallFirst = try await clusterCampaigns(small, reserve: tenth)
    let smallRun = try await clusterCampaigns(small, reserve: tenth)
    let bigFirst = try await clusterCampaigns(big, reserve: count)
    let bigRun = try await clusterCampaigns(big, reserve: count)
    describe("SQLite store, \(Wording.number(tenth)), first run", smallFirst, comments: tenth)
    describe("SQLite store, \(Wording.number(tenth))", smallRun, comments: tenth)
    describe("SQLite store, \(Wording.number(count)), first run", bigFirst, comments: count)
    describe("SQLite store, \(Wording.number(count))", bigRun, comments: count)
    if smallFirst.report != smallRun.report || bigFirst.report != bigRun.report { print("  the two runs found DIFFERENT campaigns") }
    let accuracy = PairwiseAccuracy.measure(predicted: PairwiseAccuracy.labels(bigRun.report, ids: ids), truth: truth)
    print(String(format: "  %@: %d campaigns, %.1f%% of comments in them; pairwise precision %.4f, recall %.4f against the truth (%@ true pairs)",
        Wording.number(count), bigRun.report.campaigns.count, bigRun.report.shareInCampaigns * 100, accuracy.precision, accuracy.recall, Wording.number(accuracy.truePairs)))

    // The references, on the first tenth's comments of 40 words or more (stubs and empties are
    // set apart before DocketKit compares, so they are left out of every tool's share).
    let smallReport = smallRun.report
    let ours = PairwiseAccuracy.labels(smallReport, ids: referenceIDs)
    let oursAccuracy = PairwiseAccuracy.measure(predicted: ours, truth: referenceTruth)
    print(String(format: "  on the same %@ comments of 40 words or more: DocketKit precision %.4f, recall %.4f",
        Wording.number(referenceIDs.count), oursAccuracy.precision, oursAccuracy.recall))
    var referenceRates: [String: Double] = [:]
    for tool in ["rensa", "datasketch"] {
        let labelsURL = scratch.appendingPathComponent("labels-\(tool).txt")
        let started = DispatchTime.now().uptimeNanoseconds
        guard let output = run(["python3", "Benchmarks/minhash_reference.py", tool, jsonl.path, labelsURL.path]),
            let secondsText = output.split(separator: "\n").last(where: { $0.hasPrefix("seconds ") })?.dropFirst(8), let seconds = Double(secondsText)
        else {
            print("  \(tool): not installed or failed, skipped (pip install rensa datasketch)")
            continue
        }
        let wall = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        let labels = ((try? String(contentsOf: labelsURL, encoding: .utf8)) ?? "").split(separator: "\n").compactMap { Int($0) }
        let theirs = labels.count == referenceTruth.count ? PairwiseAccuracy.measure(predicted: labels, truth: referenceTruth) : (precision: 0, recall: 0, predictedPairs: 0, truePairs: 0)
        referenceRates[tool] = Double(referenceIDs.count) / seconds
        print(String(format: "  %@ %8.3f s  %9.0f comments/s  peak %7.1f MB  (%@ comments; %.1f s with Python's start and the file read); precision %.4f, recall %.4f",
            "\(tool) (reference)".padding(toLength: 34, withPad: " ", startingAt: 0), seconds, Double(referenceIDs.count) / seconds, Double(lastChildPeakKilobytes) / 1024,
            Wording.number(referenceIDs.count), wall, theirs.precision, theirs.recall))
    }

    let rate = Double(count) / bigRun.seconds
    if count >= 1_000_000 { goal(bigRun.seconds <= 10, String(format: "1,000,000 comments in at most 10 s (%.2f s; %.2f s in the first run)", bigRun.seconds, bigFirst.seconds)) }
    if let rensa = referenceRates["rensa"] { goal(rate >= 2 * rensa, String(format: "throughput at least 2× rensa's (%.2f×)", rate / rensa)) }
    if let datasketch = referenceRates["datasketch"] { goal(rate >= 50 * datasketch, String(format: "throughput at least 50× datasketch's (%.1f×)", rate / datasketch)) }
    goal(bigRun.seconds <= 11 * smallRun.seconds, String(format: "10× the comments in at most 11× the time (%.2f×)", bigRun.seconds / smallRun.seconds))
    goal(bigRun.peakMB <= 1536, String(format: "peak memory at most 1.5 GB (%.0f MB)", bigRun.peakMB))
    goal(accuracy.precision >= 0.99, String(format: "precision at least 0.99 (%.4f)", accuracy.precision))
    goal(accuracy.recall >= 0.95, String(format: "recall at least 0.95 (%.4f)", accuracy.recall))
    await small.database.close()
    await big.database.close()

    // The same clustering on the PostgreSQL store: candidates in process, the rows read over
    // the wire.
    if let store = postgres {
        let postgresRun = try await clusterCampaigns(store, reserve: tenth)
        describe("PostgreSQL store, \(Wording.number(tenth))", postgresRun, comments: tenth)
        print("  the same campaigns as on SQLite: \(postgresRun.report == smallRun.report ? "yes" : "NO")")
        await store.database.close()
    } else {
        print("  PostgreSQL is not installed or did not start: skipped (apt-get install postgresql)")
    }
}

// MARK: Instruction counts

/// `--callgrind`: the two scale scenarios at a small size under callgrind. Instruction counts do
/// not depend on the machine's load, so a regression shows even where times are noisy. Each
/// count is of the work alone: a child run with the setup only (generating the corpus, loading
/// the library) is subtracted from a full one.
if callgrind {
    print("\nInstruction counts under valgrind --tool=callgrind (the work alone)")
    // valgrind cannot read the debug information Swift writes, so it runs a copy without it,
    // beside this program, where the resource bundles are found.
    let stripped = executable.path + "-nodebug"
    let objcopy = Process()
    objcopy.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    objcopy.arguments = ["objcopy", "--strip-debug", executable.path, stripped]
    var program = executable.path
    if (try? objcopy.run()) != nil {
        objcopy.waitUntilExit()
        if objcopy.terminationStatus == 0 { program = stripped }
    }
    defer { try? FileManager.default.removeItem(atPath: stripped) }
    /// The instructions valgrind counted for this program run with `arguments`.
    func instructions(_ arguments: [String]) -> Int? {
        let valgrind = Process()
        valgrind.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        valgrind.arguments = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", program] + arguments
        let pipe = Pipe()
        valgrind.standardError = pipe
        valgrind.standardOutput = FileHandle.nullDevice
        guard (try? valgrind.run()) != nil else { return nil }
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        valgrind.waitUntilExit()
        // "==1234== Collected : 123456789"
        let collected = output.split(separator: "\n").last { $0.contains("Collected :") }
        return collected.flatMap { $0.split(separator: " ").last }.flatMap { Int($0) }
    }
    for (scenario, size, unit, name) in [(2, 200, "draft", "compose 200 personalized drafts"), (3, 200, "file", "check 200 library files")] {
        let arguments = ["--only", String(scenario), "--size", String(size)]
        guard let full = instructions(arguments), let setup = instructions(arguments + ["--setup-only"]) else {
            print("  valgrind is not installed or failed: skipped (apt-get install valgrind)")
            break
        }
        let work = full - setup
        print("  \(name.padding(toLength: 34, withPad: " ", startingAt: 0)) \(work) instructions, \(work / size) per \(unit) (setup \(setup) subtracted)")
    }
}

/// Hands a redirect back as the response instead of following it.
final class NoRedirects: NSObject, URLSessionTaskDelegate, @unchecked Sendable {
    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse, newRequest request: URLRequest,
        completionHandler: @escaping (URLRequest?) -> Void
    ) {
        completionHandler(nil)
    }
}

/// A counter and a value shared with callbacks on other threads.
final class Box: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func set(_ new: Int) { lock.withLock { value = new } }
    func add() { lock.withLock { value += 1 } }
    func get() -> Int { lock.withLock { value } }
}
