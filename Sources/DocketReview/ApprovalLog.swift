import DocketModel
import DocketSupport
import Foundation

/// `approvals.jsonl` beside a plan's `signatories.csv`: one JSON object per line, appended and
/// never rewritten, so the record of who approved what cannot be edited by accident. This is
/// the log as values; reading and appending the file is the workflow layer's job.
public struct ApprovalLog: Sendable {
    /// One decision and the line it stands on.
    public struct Record: Sendable, Hashable {
        /// The decision.
        public var approval: Approval
        /// 1-based line in the log.
        public var line: Int

        /// A decision read from `line`.
        public init(approval: Approval, line: Int) {
            self.approval = approval
            self.line = line
        }
    }

    /// The log's name beside the signatories file.
    public static let fileName = "approvals.jsonl"

    /// How diagnostics name the log.
    public var path: String
    /// Every decision that could be read, in file order.
    public var records: [Record] = []
    /// Lines that could not be read, each a warning with its line number.
    public var diagnostics: [Diagnostic] = []

    /// A log of `approvals`, as if each stood on its own line in order: for composing from
    /// values without a file.
    public init(path: String = fileName, approvals: [Approval] = []) {
        self.path = path
        records = approvals.enumerated().map { Record(approval: $1, line: $0 + 1) }
    }

    /// Reads every line on its own: a corrupt or truncated line (a crash mid-write, a bad
    /// hand edit, invalid UTF-8) is reported with its number, and every line after it still
    /// loads.
    public init(parsing data: Data, path: String) {
        self.path = path
        let decoder = JSONDecoder()
        var lineNumber = 0
        for line in data.split(separator: 0x0A, omittingEmptySubsequences: false) {
            lineNumber += 1
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) { continue }
            let at = SourceRange(SourceLocation(file: path, line: lineNumber, column: 1))
            guard String(validating: line, as: UTF8.self) != nil else {
                diagnostics.append(.warning(.malformedApproval, "line \(lineNumber) is not valid UTF-8; its decision is not counted", at: at))
                continue
            }
            do {
                records.append(Record(approval: try decoder.decode(Approval.self, from: Data(line)), line: lineNumber))
            } catch DecodingError.dataCorrupted(let context) where context.codingPath.last?.stringValue == "version" {
                diagnostics.append(.warning(.malformedApproval, "line \(lineNumber): \(context.debugDescription); not counted", at: at))
            } catch {
                let what = line.last == UInt8(ascii: "}") ? "is not a complete approval entry" : "is truncated"
                diagnostics.append(
                    .warning(
                        .malformedApproval, "line \(lineNumber) \(what) (signer, decision, version, at); its decision is not counted: record it again with 'docket sign'", at: at))
            }
        }
    }

    /// The signer's latest decision: later lines supersede earlier ones.
    public func latest(for signer: String) -> Approval? {
        latestBySigner[signer]
    }

    /// Each signer's latest decision, built in one pass so a report over thousands of signers
    /// does not scan the log once per signer.
    public var latestBySigner: [String: Approval] {
        var latest: [String: Approval] = [:]
        for record in records { latest[record.approval.signer] = record.approval }
        return latest
    }

    /// One line of the log for `approval`, with its line break.
    public static func line(for approval: Approval) throws -> Data {
        var line = try StableJSON.line(approval)
        line.append(0x0A)
        return line
    }
}
