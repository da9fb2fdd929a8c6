import Foundation
import Testing

@testable import DocketKit
@testable import DocketCitations
@testable import DocketCompose
@testable import DocketLibrary
@testable import DocketMarkdown
@testable import DocketModel
@testable import DocketRender
@testable import DocketReview
@testable import DocketSubmission
@testable import DocketSupport

/// The fixture folder bundled with the tests.
let fixtures: URL = Bundle.module.resourceURL!.appendingPathComponent("Fixtures")

/// A fixed "now" after every fixture docket closed, so results never depend on the clock.
let fixedNow = Timestamp.date(from: "2026-01-15T12:00:00-05:00")!

/// Runs every check over fixture paths, reporting paths relative to the fixture folder.
func check(_ paths: String...) -> CheckReport {
    Checker.check(paths: paths, now: fixedNow, baseDirectory: fixtures)
}

/// Diagnostics reduced to what tests assert: code, line and column.
struct Found: Hashable, CustomStringConvertible {
    var code: String
    var line: Int
    var column: Int

    init(_ code: String, _ line: Int, _ column: Int) {
        self.code = code
        self.line = line
        self.column = column
    }

    var description: String { "\(code)@\(line):\(column)" }
}

extension Outcome {
    func found(severity: Diagnostic.Severity? = nil) -> Set<Found> {
        Set(diagnostics.filter { severity == nil || $0.severity == severity }.map { Found($0.code.rawValue, $0.range.start.line, $0.range.start.column) })
    }

    func found(_ code: DiagnosticCode) -> [Found] {
        diagnostics.filter { $0.code == code }.map { Found($0.code.rawValue, $0.range.start.line, $0.range.start.column) }
    }

    func messages(_ code: DiagnosticCode) -> [String] {
        diagnostics.filter { $0.code == code }.map(\.message)
    }
}

/// A scratch folder removed when the test ends.
struct TemporaryFolder: ~Copyable {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("docketkit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func write(_ relativePath: String, _ contents: String) throws {
        try write(relativePath, Data(contents.utf8))
    }

    func write(_ relativePath: String, _ data: Data) throws {
        let file = url.appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: file)
    }

    deinit { try? FileManager.default.removeItem(at: url) }
}

/// A file of the repository, as the library keeper reads it.
func repositoryText(_ path: String) throws -> String {
    try String(contentsOf: BundledLibraryTests.packageRoot.appendingPathComponent(path), encoding: .utf8)
}
