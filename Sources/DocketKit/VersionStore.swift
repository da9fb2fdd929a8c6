import DocketModel
import DocketRender
import DocketReview
import Foundation

/// Every version a plan has been composed to, kept under the plan's folder in `versions/`:
/// `<hex>.md` is the canonical Markdown the version hashes, `<hex>.sources.json` names the
/// block each of its paragraphs came from, and `history.jsonl` lists versions in the order
/// they were first composed. Content-addressed, so storing a version twice changes nothing.
public struct VersionStore: Sendable {
    /// One line of `history.jsonl`.
    public struct Entry: Codable, Sendable, Hashable {
        public var version: DraftVersion
        public var composedAt: Date

        /// A version first composed at `composedAt`.
        public init(version: DraftVersion, composedAt: Date) {
            self.version = version
            self.composedAt = composedAt
        }

        private enum CodingKeys: String, CodingKey { case version, composedAt }

        /// Reads a history line; the time is ISO 8601.
        public init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            version = try container.decode(DraftVersion.self, forKey: .version)
            let text = try container.decode(String.self, forKey: .composedAt)
            guard let date = Timestamp.date(from: text) else {
                throw DecodingError.dataCorruptedError(forKey: .composedAt, in: container, debugDescription: "'\(text)' is not an ISO 8601 time")
            }
            composedAt = date
        }

        /// Writes the time as ISO 8601 in UTC.
        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(version, forKey: .version)
            try container.encode(Timestamp.string(from: composedAt), forKey: .composedAt)
        }
    }

    public var folder: URL

    /// The store in `folder` (a campaign's `versions/`: ask `Campaign.versions`).
    public init(folder: URL) {
        self.folder = folder
    }

    /// Stores the draft's canonical text if this version is new; returns whether it was.
    ///
    /// Idempotent and safe from many processes at once: under the folder's lock, a version
    /// already stored is left alone, and a new one gets its files and exactly one history line.
    @discardableResult
    public func store(_ draft: Draft, at date: Date = Pipeline.clock()) throws(AtomicWriter.WriteError) -> Bool {
        let name = draft.version.hex
        let text = folder.appendingPathComponent("\(name).md")
        if FileManager.default.fileExists(atPath: text.path) { return false }
        let canonical = Data(draft.canonicalMarkdown.utf8)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let sources = try? encoder.encode(MarkdownRenderer.paragraphs(draft.document).map(\.source)),
            var line = try? encoder.encode(Entry(version: draft.version, composedAt: date))
        else { throw AtomicWriter.WriteError(path: folder.path, reason: "cannot encode the version") }
        line.append(0x0A)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw AtomicWriter.WriteError(path: folder.path, reason: "cannot create the folder: \(error.localizedDescription)")
        }
        return try AtomicWriter.withLock(on: folder) { () throws(AtomicWriter.WriteError) -> Bool in
            // Checked again under the lock: another process may have stored it meanwhile.
            if FileManager.default.fileExists(atPath: text.path) { return false }
            // The text is renamed in last, so a version that exists has its sources. A kill
            // before the history line leaves a version that can be named but is not listed, as
            // one copied in by hand; never one listed twice.
            try AtomicWriter.writeHoldingLock([("\(name).sources.json", sources), ("\(name).md", canonical)], into: folder)
            do {
                try AppendOnly.append(line, to: folder.appendingPathComponent("history.jsonl"))
            } catch {
                throw AtomicWriter.WriteError(path: folder.appendingPathComponent("history.jsonl").path, reason: "\(error)")
            }
            return true
        }
    }

    /// The canonical Markdown of a stored version.
    public func text(of version: DraftVersion) -> String? {
        (try? Data(contentsOf: folder.appendingPathComponent("\(version.hex).md"))).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Where each paragraph of a stored version came from.
    public func sources(of version: DraftVersion) -> [String]? {
        (try? Data(contentsOf: folder.appendingPathComponent("\(version.hex).sources.json"))).flatMap { try? JSONDecoder().decode([String].self, from: $0) }
    }

    /// Whether the version is stored.
    public func contains(_ version: DraftVersion) -> Bool {
        FileManager.default.fileExists(atPath: folder.appendingPathComponent("\(version.hex).md").path)
    }

    /// Versions in the order first composed; a version stored without a history line (copied
    /// in by hand) is not listed, but can still be named.
    public func history() -> [DraftVersion] {
        guard let data = try? Data(contentsOf: folder.appendingPathComponent("history.jsonl")) else { return [] }
        return data.split(separator: 0x0A).compactMap { try? JSONDecoder().decode(Entry.self, from: Data($0)).version }
    }

    /// A full version or a unique prefix of at least 7 hex digits (`sha256:` optional).
    public func resolve(_ text: String) -> DraftVersion? {
        if let version = DraftVersion(parsing: text) { return contains(version) ? version : nil }
        let prefix = text.hasPrefix("sha256:") ? String(text.dropFirst(7)) : text
        guard prefix.count >= 7, let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return nil }
        let matches = names.filter { $0.hasSuffix(".md") && $0.hasPrefix(prefix) }
        guard matches.count == 1 else { return nil }
        return DraftVersion(parsing: String(matches[0].dropLast(3)))
    }

    /// How many paragraphs differ between a stored version and another text.
    public func changedParagraphs(from version: DraftVersion, to current: String) -> Int? {
        text(of: version).map { Redline(from: $0, to: current).changedParagraphCount }
    }
}
