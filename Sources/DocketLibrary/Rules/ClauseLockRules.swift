import DocketModel
import DocketSupport
import Foundation

/// Compares each clause version with the content hash recorded in its library's
/// `Templates/clause-versions.json`. Libraries without the file are not checked.
public enum ClauseLockRules {
    /// `locks` are the lock files found, by display path; a lock that failed to decode is
    /// reported by whoever read it.
    public static func check(_ clauses: [Clause], locks: [String: ClauseLock], into diagnostics: inout DiagnosticCollector) {
        let byTemplatesFolder = Dictionary(grouping: clauses) { templatesFolder(of: $0.source.start.file) }
        for (folder, clauses) in byTemplatesFolder.sorted(by: { ($0.key ?? "") < ($1.key ?? "") }) {
            guard let folder else { continue }
            let displayPath = lockPath(inTemplatesFolder: folder)
            guard let lock = locks[displayPath] else { continue }
            for clause in clauses {
                let key = "\(clause.id)@\(clause.version)"
                guard let recorded = lock.hashes[key] else {
                    diagnostics.emit(.note(.clauseNotRecorded, "\(key) is not recorded in \(displayPath); run 'docket library lock' once it is final", at: clause.source))
                    continue
                }
                if recorded != clause.contentHash {
                    diagnostics.emit(
                        .warning(
                            .clauseTextChanged,
                            "the text of \(key) differs from the text recorded in \(displayPath): plans pinned to version \(clause.version) would now say something else. Give the new text version \(clause.version + 1), or run 'docket library lock' if no plan relied on it",
                            at: clause.source))
                }
            }
        }
    }

    /// Where the lock of a `Templates` folder is, as a display path.
    public static func lockPath(inTemplatesFolder folder: String) -> String {
        folder.isEmpty ? ClauseLock.fileName : "\(folder)/\(ClauseLock.fileName)"
    }

    /// `lib/Templates/clauses/x.md` → `lib/Templates`; nil outside a Templates folder.
    public static func templatesFolder(of path: String) -> String? {
        let components = path.split(separator: "/", omittingEmptySubsequences: false)
        guard let index = components.lastIndex(of: "Templates") else { return nil }
        return components[...index].joined(separator: "/")
    }
}
