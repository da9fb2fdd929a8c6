import DocketLibrary
import DocketModel
import Foundation
import Testing

@testable import DocketSupport

/// Documents that restate the code are compared with it, so neither drifts from the other.
@Suite struct ReferenceDocsTests {
    let root = BundledLibraryTests.packageRoot

    func read(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    @Test func theDiagnosticsTableIsTheCatalog() throws {
        let committed = try read("docs/diagnostics.md")
        #expect(committed == DiagnosticCatalog.markdown(), "docs/diagnostics.md differs from the catalog: run 'swift run docket explain --all --markdown > docs/diagnostics.md'")
    }

    @Test func everyDeclaredCodeIsExplainedAndEveryExplanationDeclared() throws {
        let source = try read("Sources/DocketSupport/DiagnosticCode.swift")
        let declared = source.matches(of: /Self\(rawValue: "(DK\d{3})"\)/).map { String($0.output.1) }
        #expect(declared.count == Set(declared).count, "a code is declared twice")
        let explained = DiagnosticCatalog.entries.map(\.code.rawValue)
        #expect(
            Set(declared) == Set(explained), "declared only: \(Set(declared).subtracting(explained).sorted()); explained only: \(Set(explained).subtracting(declared).sorted())")
        #expect(explained == explained.sorted(), "the catalog is in code order")
        #expect(DiagnosticCatalog.entries.allSatisfy { !$0.title.isEmpty && $0.explanation.hasSuffix(".") })
    }

    @Test func theFormatsReferenceIsTheSchema() throws {
        let committed = try read("docs/reference/formats.md")
        #expect(committed == FileFormats.markdown(), "docs/reference/formats.md differs from the schema: run 'Tools/generate-format-reference > docs/reference/formats.md'")
    }

    /// `approvals.jsonl` is written by `Approval`'s Codable conformance (DocketModel, below the
    /// schema's target), so its keys are compared here: a line with every field set.
    @Test func anApprovalsLineHasTheDocumentedKeys() throws {
        let approval = Approval(signer: "one", decision: .requestChanges, version: DraftVersion(canonicalMarkdown: "x"), at: Date(timeIntervalSince1970: 0), comment: "why")
        let line = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(approval)) as? [String: Any])
        #expect(Set(line.keys) == Set(FileFormats.approvals.keys))
        #expect(FileFormats.approvals.fields.filter(\.required).map(\.key).allSatisfy { line[$0] != nil })
    }

    /// The architecture's table of targets (docs/architecture.md): each row's target and what
    /// it may touch.
    func architectureRows() throws -> [(target: String, touches: String)] {
        let page = try read("docs/architecture.md")
        let table = try #require(page.range(of: "| Target |").map { page[$0.lowerBound...] })
        let rows = table.split(separator: "\n", omittingEmptySubsequences: false).prefix { !$0.isEmpty }.filter { $0.hasPrefix("| `") }
        return rows.compactMap { row in
            row.firstMatch(of: /^\| `([^`]+)` \| ([^|]+) \|/).map { (String($0.output.1), String($0.output.2)) }
        }
    }

    /// The table names every target Package.swift declares, and no other.
    @Test func theArchitectureTableNamesEveryTarget() throws {
        let manifest = try read("Package.swift")
        let targets = manifest.matches(of: /\.(?:target|systemLibrary|executableTarget)\(\s*name: "([^"]+)"/).map { String($0.output.1) }
        let documented = try architectureRows().map(\.target)
        #expect(targets.count >= 15)
        #expect(
            Set(documented) == Set(targets),
            "in Package.swift only: \(Set(targets).subtracting(documented).sorted()); in docs/architecture.md only: \(Set(documented).subtracting(targets).sorted())")
    }

    /// What a target's sources reach for (the disk, the clock, the network, processes) is what
    /// its row says it may touch: a pure stage that starts reading files or the clock fails here.
    @Test func eachTargetTouchesOnlyWhatItsRowSays() throws {
        let markers: [(kind: String, patterns: [Regex<Substring>])] = [
            ("disk", [/FileManager\b/, /contentsOfFile/, /Data\(contentsOf/, /\.write\(to:/, /FileHandle\b/, /\bfopen\(/, /\bflock\(/, /renameat2/]),
            ("clock", [/\bDate\(\)/, /Date\.now\b/, /ContinuousClock/, /clock_gettime/, /Date\.init\b/]),
            ("network", [/\bURLSession\b/, /import Hummingbird\b/, /import NIOCore/, /import PostgresNIO/, /\bsocket\(/]),
            ("processes", [/\bProcess\(\)/, /posix_spawn/]),
        ]
        let sources = root.appendingPathComponent("Sources")
        var checked = 0
        for (target, touches) in try architectureRows() {
            let folder = sources.appendingPathComponent(target)
            guard let files = FileManager.default.enumerator(atPath: folder.path)?.compactMap({ $0 as? String }) else { continue }
            let allowed = touches.contains("everything") ? Set(markers.map(\.kind)) : Set(markers.map(\.kind).filter { touches.contains($0) })
            for file in files where file.hasSuffix(".swift") || file.hasSuffix(".c") {
                let text = try read("Sources/\(target)/\(file)")
                for (kind, patterns) in markers where !allowed.contains(kind) {
                    for pattern in patterns where text.contains(pattern) {
                        Issue.record(
                            "Sources/\(target)/\(file) uses the \(kind) (\(text.firstMatch(of: pattern).map { String($0.output) } ?? "")), but docs/architecture.md says \(target) may touch: \(touches.trimmingCharacters(in: .whitespaces))"
                        )
                    }
                }
            }
            checked += 1
        }
        #expect(checked >= 15)
    }

    /// The package declares macOS, so a call into Glibc by name must stand under
    /// `#if canImport(Glibc)` with its Darwin counterpart beside it.
    @Test func everyGlibcCallIsGuardedForDarwin() throws {
        let sources = try FileManager.default.subpathsOfDirectory(atPath: root.appendingPathComponent("Sources").path).filter { $0.hasSuffix(".swift") }
        for path in sources {
            let text = try read("Sources/" + path)
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where line.contains("Glibc.") {
                let before = text.split(separator: "\n", omittingEmptySubsequences: false).prefix(number)
                #expect(before.contains { $0.hasPrefix("#if canImport(Glibc)") } && text.contains("#elseif canImport(Darwin)"), "Sources/\(path):\(number + 1)")
            }
        }
    }
}
