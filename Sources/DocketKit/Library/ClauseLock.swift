import Foundation

/// The recorded content hash of every clause version, kept in `Templates/clause-versions.json`.
/// A plan that pins `intro.coalition@3` relies on version 3 saying what it said when pinned;
/// editing a published version in place would change signed text silently, so `docket check`
/// compares each version's text with the record and warns when they differ.
public struct ClauseLock: Sendable, Equatable {
    public static let fileName = "clause-versions.json"

    /// `id@version` → content hash.
    public var hashes: [String: String]

    public init(hashes: [String: String] = [:]) { self.hashes = hashes }

    public init(recording clauses: [Clause]) {
        hashes = Dictionary(clauses.map { ("\($0.id)@\($0.version)", $0.contentHash) }, uniquingKeysWith: { first, _ in first })
    }

    /// The lock beside a library's templates, if there is one.
    public static func url(inLibrary root: URL) -> URL {
        root.appendingPathComponent("Templates").appendingPathComponent(fileName)
    }

    /// The lock at `url`, nil when there is none; a file that is not a lock is a diagnostic.
    public static func load(from url: URL, displayPath: String) -> (ClauseLock?, Diagnostic?) {
        guard let data = FileManager.default.contents(atPath: url.path) else { return (nil, nil) }
        guard let hashes = try? JSONDecoder().decode([String: String].self, from: data) else {
            return (nil, .error(.malformedClauseLock, "not a JSON object of \"id@version\": \"sha256\"; rewrite it with 'docket library lock'", at: .file(displayPath)))
        }
        return (ClauseLock(hashes: hashes), nil)
    }

    /// Sorted keys and a final newline, so the file diffs cleanly.
    public func encoded() throws -> Data {
        Data((try encodeJSON(hashes) + "\n").utf8)
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
        return sha256Hex(canonical + "---\n" + body)
    }
}
