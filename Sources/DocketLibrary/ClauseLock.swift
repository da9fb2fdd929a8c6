import DocketModel
import DocketSupport
import Foundation

/// The recorded content hash of every clause version, kept in `Templates/clause-versions.json`.
/// A plan that pins `intro.coalition@3` relies on version 3 saying what it said when pinned;
/// editing a published version in place would change signed text silently, so `docket check`
/// compares each version's text with the record and warns when they differ.
public struct ClauseLock: Sendable, Equatable {
    /// The lock's name inside a library's `Templates/` folder.
    public static let fileName = "clause-versions.json"

    /// `id@version` → content hash.
    public var hashes: [String: String]

    /// A lock recording `hashes`.
    public init(hashes: [String: String] = [:]) { self.hashes = hashes }

    /// A lock recording the current text of every clause version.
    public init(recording clauses: [Clause]) {
        hashes = Dictionary(clauses.map { ("\($0.id)@\($0.version)", $0.contentHash) }, uniquingKeysWith: { first, _ in first })
    }

    /// The lock in `data`, or a diagnostic at `displayPath` when it is not a lock.
    public init(decoding data: Data, displayPath: String) throws(LockError) {
        guard let hashes = try? JSONDecoder().decode([String: String].self, from: data) else {
            throw LockError(
                diagnostic: .error(
                    .malformedClauseLock, "not a JSON object of \"id@version\": \"sha256\"; rewrite it with 'docket library lock'", at: .file(displayPath)))
        }
        self.hashes = hashes
    }

    /// Why a lock file could not be read.
    public struct LockError: Error, Sendable {
        /// The located problem.
        public var diagnostic: Diagnostic
    }

    /// Sorted keys and a final newline, so the file diffs cleanly.
    public func encoded() throws -> Data {
        Data((try StableJSON.string(hashes) + "\n").utf8)
    }
}

extension Clause {
    /// SHA-256 over what a signer reads or a plan relies on: title, variables and body.
    public var contentHash: String {
        var canonical = "title: \(title)\n"
        for variable in variables.sorted(by: { $0.name < $1.name }) {
            let value = variable.defaultValue.map { "\($0)" } ?? "-"
            canonical += "variable: \(variable.name) \(variable.type.rawValue) required=\(variable.required) default=\(value)\n"
        }
        return ContentHash.sha256Hex(canonical + "---\n" + body)
    }
}
