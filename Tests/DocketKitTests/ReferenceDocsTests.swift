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

    /// The README's architecture table names every target Package.swift declares, and no other.
    @Test func theArchitectureTableNamesEveryTarget() throws {
        let manifest = try read("Package.swift")
        let targets = manifest.matches(of: /\.(?:target|systemLibrary|executableTarget)\(\s*name: "([^"]+)"/).map { String($0.output.1) }
        let readme = try read("README.md")
        let section = try #require(readme.range(of: "## Architecture").map { readme[$0.upperBound...] })
        let table = try #require(section.range(of: "| Target |").map { section[$0.lowerBound...] })
        let rows = table.split(separator: "\n", omittingEmptySubsequences: false).prefix { !$0.isEmpty }.filter { $0.hasPrefix("| `") }
        let documented = rows.compactMap { $0.firstMatch(of: /^\| `([^`]+)`/).map { String($0.output.1) } }
        #expect(targets.count >= 15)
        #expect(
            Set(documented) == Set(targets),
            "in Package.swift only: \(Set(targets).subtracting(documented).sorted()); in the README only: \(Set(documented).subtracting(targets).sorted())")
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
