import Foundation

/// One signer's decision on one version of a draft.
public struct Approval: Codable, Sendable, Hashable {
    public enum Decision: String, Codable, Sendable, CaseIterable {
        case approve
        case decline
        case requestChanges = "request-changes"
    }

    public var signer: String
    public var decision: Decision
    /// `sha256:…`, the draft version decided on.
    public var version: String
    /// ISO 8601, UTC.
    public var at: String
    public var comment: String?

    public init(signer: String, decision: Decision, version: DraftVersion, at date: Date, comment: String? = nil) {
        self.signer = signer
        self.decision = decision
        self.version = version.description
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        self.at = formatter.string(from: date)
        self.comment = comment
    }
}

/// `approvals.jsonl` beside a plan's `signatories.csv`: one JSON object per line, appended and
/// never rewritten, so the record of who approved what cannot be edited by accident.
public struct ApprovalLog: Sendable {
    public struct Record: Sendable, Hashable {
        public var approval: Approval
        /// 1-based line in the log.
        public var line: Int
    }

    public static let fileName = "approvals.jsonl"

    public var path: String
    public var records: [Record] = []
    public var diagnostics: [Diagnostic] = []

    /// The log beside a signatories file.
    public static func url(besideSignatories signatories: URL) -> URL {
        signatories.deletingLastPathComponent().appendingPathComponent(fileName)
    }

    /// Reads every line on its own: a corrupt or truncated line (a crash mid-write, a bad
    /// hand edit, invalid UTF-8) is reported with its number, and every line after it still
    /// loads.
    public static func load(_ url: URL, displayPath: String) -> ApprovalLog {
        var log = ApprovalLog(path: displayPath)
        guard let data = try? Data(contentsOf: url) else { return log }
        let decoder = JSONDecoder()
        var lineNumber = 0
        for line in data.split(separator: 0x0A, omittingEmptySubsequences: false) {
            lineNumber += 1
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) { continue }
            let at = SourceRange(SourceLocation(file: displayPath, line: lineNumber, column: 1))
            guard String(validating: line, as: UTF8.self) != nil else {
                log.diagnostics.append(.warning(.malformedApproval, "line \(lineNumber) is not valid UTF-8; its decision is not counted", at: at))
                continue
            }
            do {
                let approval = try decoder.decode(Approval.self, from: Data(line))
                guard DraftVersion(parsing: approval.version) != nil else {
                    log.diagnostics.append(.warning(.malformedApproval, "line \(lineNumber): '\(approval.version)' is not a draft version (sha256:…); not counted", at: at))
                    continue
                }
                log.records.append(Record(approval: approval, line: lineNumber))
            } catch {
                let what = line.last == UInt8(ascii: "}") ? "is not a complete approval entry" : "is truncated"
                log.diagnostics.append(
                    .warning(
                        .malformedApproval, "line \(lineNumber) \(what) (signer, decision, version, at); its decision is not counted: record it again with 'docket sign'", at: at))
            }
        }
        return log
    }

    /// The signer's latest decision: later lines supersede earlier ones.
    public func latest(for signer: String) -> Approval? {
        records.last { $0.approval.signer == signer }?.approval
    }

    public struct AppendError: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    /// Appends one line with a single write to a file opened for appending, so earlier lines
    /// are never rewritten. A file whose last line was cut short gets a line break first, so
    /// the new entry stands on its own line and the broken one stays visible.
    public static func append(_ approval: Approval, to url: URL) throws(AppendError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard var line = try? encoder.encode(approval) else { throw AppendError(description: "cannot encode the approval") }
        line.append(0x0A)
        let descriptor = open(url.path, O_WRONLY | O_APPEND | O_CREAT, 0o644)
        guard descriptor >= 0 else { throw AppendError(description: "\(url.path): \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        let size = lseek(descriptor, 0, SEEK_END)
        if size > 0 {
            var last: UInt8 = 0
            let reader = open(url.path, O_RDONLY)
            if reader >= 0 {
                _ = pread(reader, &last, 1, size - 1)
                close(reader)
            }
            if last != 0x0A { line.insert(0x0A, at: 0) }
        }
        let written = line.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == line.count, fsync(descriptor) == 0 else {
            throw AppendError(description: "\(url.path): the entry was not written in full: \(String(cString: strerror(errno)))")
        }
    }
}
