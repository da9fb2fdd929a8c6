import Foundation

/// Writes a set of files so that a reader never sees a half-written one: each file goes to a
/// temporary name in the same folder and is renamed over the target only after every file has
/// been written in full. A failure before the renames leaves the folder exactly as it was.
public enum AtomicWriter {
    /// Why a set of files was not written; nothing in the folder changed.
    public struct WriteError: Error, CustomStringConvertible, Sendable {
        public var path: String
        public var reason: String
        public var description: String { "\(path): \(reason)" }
    }

    /// Returns the URLs written, in order.
    @discardableResult
    public static func write(_ files: [(name: String, data: Data)], into folder: URL) throws(WriteError) -> [URL] {
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw WriteError(path: folder.path, reason: "cannot create the folder: \(error.localizedDescription)")
        }
        var staged: [(temporary: URL, target: URL)] = []
        for file in files {
            let target = folder.appendingPathComponent(file.name)
            let temporary = folder.appendingPathComponent(".\(file.name).\(ProcessInfo.processInfo.processIdentifier).tmp")
            guard FileManager.default.createFile(atPath: temporary.path, contents: file.data) else {
                for entry in staged { try? FileManager.default.removeItem(at: entry.temporary) }
                throw WriteError(path: target.path, reason: "cannot write; nothing in \(folder.path) was changed")
            }
            staged.append((temporary, target))
        }
        for entry in staged where rename(entry.temporary.path, entry.target.path) != 0 {
            let reason = String(cString: strerror(errno))
            for entry in staged { try? FileManager.default.removeItem(at: entry.temporary) }
            throw WriteError(path: entry.target.path, reason: "cannot replace the file: \(reason)")
        }
        return staged.map(\.target)
    }
}
