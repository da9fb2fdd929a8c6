import Foundation

/// Compares each clause version with the content hash recorded in its library's
/// `Templates/clause-versions.json`. Libraries without the file are not checked.
enum ClauseLockRules {
    static func check(_ clauses: [Clause], baseDirectory: URL) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let byTemplatesFolder = Dictionary(grouping: clauses) { templatesFolder(of: $0.source.start.file) }
        for (folder, clauses) in byTemplatesFolder.sorted(by: { ($0.key ?? "") < ($1.key ?? "") }) {
            guard let folder else { continue }
            let displayPath = folder.isEmpty ? ClauseLock.fileName : "\(folder)/\(ClauseLock.fileName)"
            let (lock, problem) = ClauseLock.load(from: baseDirectory.resolving(displayPath), displayPath: displayPath)
            if let problem { diagnostics.append(problem) }
            guard let lock else { continue }
            for clause in clauses {
                let key = "\(clause.id)@\(clause.version)"
                guard let recorded = lock.hashes[key] else {
                    diagnostics.append(.note(.clauseNotRecorded, "\(key) is not recorded in \(displayPath); run 'docket library lock' once it is final", at: clause.source))
                    continue
                }
                if recorded != clause.contentHash {
                    diagnostics.append(
                        .warning(
                            .clauseTextChanged,
                            "the text of \(key) differs from the text recorded in \(displayPath): plans pinned to version \(clause.version) would now say something else. Give the new text version \(clause.version + 1), or run 'docket library lock' if no plan relied on it",
                            at: clause.source))
                }
            }
        }
        return diagnostics
    }

    /// `lib/Templates/clauses/x.md` → `lib/Templates`; nil outside a Templates folder.
    static func templatesFolder(of path: String) -> String? {
        let components = path.split(separator: "/", omittingEmptySubsequences: false)
        guard let index = components.lastIndex(of: "Templates") else { return nil }
        return components[...index].joined(separator: "/")
    }
}
