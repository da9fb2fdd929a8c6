import CDocketFS
import DocketSupport
import Foundation

#if canImport(Glibc)
    import Glibc
    private let systemWrite = Glibc.write
#elseif canImport(Darwin)
    import Darwin
    private let systemWrite = Darwin.write
#endif

/// Writes sets of files all or nothing, even across a kill or a full disk.
///
/// - `replaceFolder` (a package, a review packet: folders one command owns) writes the new set
///   into a hidden sibling and swaps the two folders in one atomic exchange, so a reader sees the
///   old set or the new one, never a mixture.
/// - `write(_:into:)` (compose's files, which share `out/<plan>/` with the review and submission
///   folders) writes every file to a temporary name, then records the renames in a journal
///   before making them. A run killed between renames is finished by the next write into that
///   folder (the journal only exists once every new file is complete); temporaries a killed run
///   left behind without a journal are removed.
public enum AtomicWriter {
    /// Why a set of files was not written; nothing in the folder changed.
    public struct WriteError: Error, CustomStringConvertible, Sendable {
        public var path: String
        public var reason: String
        public var description: String { "\(path): \(reason)" }
        /// The failure as the diagnostic every command prints.
        public var diagnostic: Diagnostic { .error(.outputNotWritten, reason, at: .file(path)) }
    }

    static let temporaryPrefix = ".docket-"
    static let journalSuffix = ".commit.json"

    /// Writes `files` into `folder`, replacing files of the same names and leaving the others.
    /// Returns the URLs written, in order.
    @discardableResult
    public static func write(_ files: [(name: String, data: Data)], into folder: URL) throws(WriteError) -> [URL] {
        try validate(files.map(\.name), folder: folder)
        try createFolder(folder)
        return try withLock(on: folder) { () throws(WriteError) in try writeHoldingLock(files, into: folder) }
    }

    /// Runs `body` while this process alone writes into `folder` (an exclusive `flock(2)` on
    /// the folder itself, so no lock file is left behind). Without it, one writer's recovery
    /// removed the temporaries another was about to rename.
    package static func withLock<T>(on folder: URL, _ body: () throws(WriteError) -> T) throws(WriteError) -> T {
        let descriptor = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw WriteError(path: folder.path, reason: "cannot open the folder: \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else { throw WriteError(path: folder.path, reason: "cannot lock the folder: \(String(cString: strerror(errno)))") }
        }
        defer { flock(descriptor, LOCK_UN) }
        return try body()
    }

    /// `write(_:into:)` for a caller that holds `withLock(on: folder)`.
    @discardableResult
    package static func writeHoldingLock(_ files: [(name: String, data: Data)], into folder: URL) throws(WriteError) -> [URL] {
        try validate(files.map(\.name), folder: folder)
        recover(folder)
        let token = UUID().uuidString
        var staged: [(temporary: URL, target: URL)] = []
        for file in files {
            let temporary = folder.appendingPathComponent("\(temporaryPrefix)\(token)-\(file.name).tmp")
            do {
                try writeDurably(file.data, to: temporary)
            } catch {
                for entry in staged { try? FileManager.default.removeItem(at: entry.temporary) }
                try? FileManager.default.removeItem(at: temporary)
                throw WriteError(path: folder.appendingPathComponent(file.name).path, reason: "\(error.reason); nothing in \(folder.path) was changed")
            }
            staged.append((temporary, folder.appendingPathComponent(file.name)))
        }
        let journal = folder.appendingPathComponent("\(temporaryPrefix)\(token)\(journalSuffix)")
        do {
            let entries = staged.map { Journal.Entry(temporary: $0.temporary.lastPathComponent, target: $0.target.lastPathComponent) }
            try writeDurably(try JSONEncoder().encode(Journal(entries: entries)), to: journal)
        } catch {
            for entry in staged { try? FileManager.default.removeItem(at: entry.temporary) }
            try? FileManager.default.removeItem(at: journal)
            throw WriteError(path: folder.path, reason: "cannot record the write: \(error); nothing was changed")
        }
        for entry in staged where rename(entry.temporary.path, entry.target.path) != 0 {
            // The journal stays: the next write into this folder finishes the renames.
            throw WriteError(path: entry.target.path, reason: "cannot replace the file: \(String(cString: strerror(errno))); the next run completes the set")
        }
        syncFolder(folder)
        try? FileManager.default.removeItem(at: journal)
        return staged.map(\.target)
    }

    /// Makes `folder` hold exactly `files`: built beside it, then swapped in one step. Returns
    /// the URLs written, in order.
    @discardableResult
    public static func replaceFolder(_ files: [(name: String, data: Data)], at folder: URL) throws(WriteError) -> [URL] {
        try validate(files.map(\.name), folder: folder)
        let parent = folder.deletingLastPathComponent()
        try createFolder(parent)
        // One replacer at a time: a second one's clean-up would remove the first's staging folder.
        return try withLock(on: parent) { () throws(WriteError) in try replaceFolderHoldingLock(files, at: folder) }
    }

    private static func replaceFolderHoldingLock(_ files: [(name: String, data: Data)], at folder: URL) throws(WriteError) -> [URL] {
        let parent = folder.deletingLastPathComponent()
        removeStaleSiblings(of: folder)
        let staging = parent.appendingPathComponent("\(temporaryPrefix)\(UUID().uuidString)-\(folder.lastPathComponent).staging")
        do {
            try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: false)
            for file in files { try writeDurably(file.data, to: staging.appendingPathComponent(file.name)) }
        } catch {
            try? FileManager.default.removeItem(at: staging)
            throw WriteError(path: folder.path, reason: "\(error); nothing in \(folder.path) was changed")
        }
        syncFolder(staging)
        if !FileManager.default.fileExists(atPath: folder.path) {
            guard rename(staging.path, folder.path) == 0 else {
                let reason = String(cString: strerror(errno))
                try? FileManager.default.removeItem(at: staging)
                throw WriteError(path: folder.path, reason: "cannot create the folder: \(reason)")
            }
        } else if docket_exchange_paths(staging.path, folder.path) != 0 {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: staging)
            throw WriteError(path: folder.path, reason: "cannot swap in the new files: \(reason); nothing was changed")
        } else {
            // `staging` now holds the previous set.
            try? FileManager.default.removeItem(at: staging)
        }
        syncFolder(parent)
        return files.map { folder.appendingPathComponent($0.name) }
    }

    // MARK: Recovery

    struct Journal: Codable {
        struct Entry: Codable {
            var temporary: String
            var target: String
        }

        var entries: [Entry]
    }

    /// Finishes the renames of a journal a killed run left, then removes every temporary file
    /// no journal claims.
    static func recover(_ folder: URL) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return }
        for name in names.sorted() where name.hasPrefix(temporaryPrefix) && name.hasSuffix(journalSuffix) {
            let journal = folder.appendingPathComponent(name)
            if let data = try? Data(contentsOf: journal), let record = try? JSONDecoder().decode(Journal.self, from: data) {
                // Read back from disk, so distrusted: only plain names inside this folder.
                for entry in record.entries where PathComponent.isSafe(entry.target) && entry.temporary.hasPrefix(temporaryPrefix) && !entry.temporary.contains("/") {
                    let temporary = folder.appendingPathComponent(entry.temporary)
                    if FileManager.default.fileExists(atPath: temporary.path) { _ = rename(temporary.path, folder.appendingPathComponent(entry.target).path) }
                }
            }
            try? FileManager.default.removeItem(at: journal)
        }
        let remaining = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        for name in remaining where name.hasPrefix(temporaryPrefix) && name.hasSuffix(".tmp") {
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
        }
    }

    /// Staging folders a killed `replaceFolder` left beside `folder`.
    static func removeStaleSiblings(of folder: URL) {
        let parent = folder.deletingLastPathComponent()
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: parent.path) else { return }
        for name in names where name.hasPrefix(temporaryPrefix) && name.hasSuffix("-\(folder.lastPathComponent).staging") {
            try? FileManager.default.removeItem(at: parent.appendingPathComponent(name))
        }
    }

    // MARK: Primitives

    private static func validate(_ names: [String], folder: URL) throws(WriteError) {
        var seen: Set<String> = []
        for name in names {
            if let problem = PathComponent.problem(name) {
                throw WriteError(path: folder.path, reason: "the file name '\(name)' \(problem); nothing was written")
            }
            guard seen.insert(name).inserted else {
                throw WriteError(path: folder.appendingPathComponent(name).path, reason: "the same file is asked for twice; nothing was written")
            }
        }
    }

    private static func createFolder(_ folder: URL) throws(WriteError) {
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw WriteError(path: folder.path, reason: "cannot create the folder: \(error.localizedDescription)")
        }
    }

    struct SystemError: Error, CustomStringConvertible {
        var reason: String
        var description: String { reason }
    }

    /// Writes, flushes to disk and checks the length, naming the real cause on failure (a full
    /// disk says "No space left on device", not "Success").
    static func writeDurably(_ data: Data, to url: URL) throws(SystemError) {
        let descriptor = open(url.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw SystemError(reason: "cannot create \(url.lastPathComponent): \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        var offset = 0
        while offset < data.count {
            let written = data.withUnsafeBytes { buffer in systemWrite(descriptor, buffer.baseAddress! + offset, data.count - offset) }
            guard written > 0 else { throw SystemError(reason: "cannot write: \(String(cString: strerror(errno)))") }
            offset += written
        }
        guard fsync(descriptor) == 0 else { throw SystemError(reason: "cannot flush to disk: \(String(cString: strerror(errno)))") }
    }

    private static func syncFolder(_ folder: URL) {
        let descriptor = open(folder.path, O_RDONLY | O_DIRECTORY)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }
}
