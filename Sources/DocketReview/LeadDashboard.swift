import DocketModel
import DocketSupport
import Foundation

/// What the lead's dashboard shows, as values: the signers in the order they need the lead,
/// filtered, the approvals of the current version day by day, and newcomers whose name is close
/// to an organization already on the roster.
public struct LeadDashboard: Sendable {
    /// The order signers need attention: a change request waits on the lead, a pending signer
    /// has not answered, a stale approval must be renewed, and the rest are settled.
    public static let attentionOrder: [SignerReport.Kind] = [.requestedChanges, .pending, .approvedOlder, .declined, .approved]

    /// Every signer's status.
    public var report: SignerReport
    /// The rows shown: the filter's, most urgent first, list order within a status.
    public var rows: [SignerReport.Row]
    /// The status filtered on, or nil for all.
    public var status: SignerReport.Kind?
    /// The search by name, empty for none.
    public var query: String

    /// `status` keeps one kind; `query` keeps organizations whose name contains it, ignoring
    /// case and diacritics.
    public init(report: SignerReport, status: SignerReport.Kind? = nil, query: String = "") {
        self.report = report
        self.status = status
        self.query = query.trimmingCharacters(in: .whitespacesAndNewlines)
        let rank = Dictionary(uniqueKeysWithValues: Self.attentionOrder.enumerated().map { ($1, $0) })
        let needle = self.query
        rows = report.rows.enumerated()
            .filter { status == nil || $0.element.status.kind == status }
            .filter { needle.isEmpty || $0.element.signer.organization.range(of: needle, options: [.caseInsensitive, .diacriticInsensitive]) != nil }
            .sorted { (rank[$0.element.status.kind]!, $0.offset) < (rank[$1.element.status.kind]!, $1.offset) }
            .map(\.element)
    }

    /// The status table as CSV (RFC 4180, CRLF): what the dashboard shows of each signer, and
    /// none of their contact details.
    public static func csv(_ rows: [SignerReport.Row]) -> String {
        let formatter = ISO8601DateFormatter()
        let header = ["id", "organization", "city", "state", "status", "version", "decided_at", "comment"]
        let lines = rows.map { row in
            [
                row.signer.id, row.signer.organization, row.signer.city ?? "", row.signer.state ?? "", row.status.kind.rawValue, row.decision?.version.short ?? "",
                row.decision.map { formatter.string(from: $0.at) } ?? "", row.decision?.comment ?? "",
            ]
        }
        return ([header] + lines).map { $0.map(Self.csvField).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    /// A CSV field, quoted when it holds a comma, quote or line break; a leading =, +, - or @
    /// is prefixed with an apostrophe so a spreadsheet does not run it as a formula.
    static func csvField(_ value: String) -> String {
        var text = value
        if let first = text.first, "=+-@\t\r".contains(first) { text = "'" + text }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Approved of total, for the progress bar.
    public var progress: (approved: Int, total: Int) { (report.approvers.count, report.rows.count) }

    /// For each UTC day on which one of `approvers` (those whose latest decision approves the
    /// current version) approved it, how many of them had by the end of that day, so the last
    /// point is the progress bar's count. A signer who approved twice counts once, on the first
    /// day; one who approved and then asked for changes is no approver and is not counted.
    public static func approvalsByDay(_ log: ApprovalLog, version: DraftVersion, approvers: Set<String>) -> [(day: CalendarDate, total: Int)] {
        var first: [String: Date] = [:]
        for record in log.records where record.approval.decision == .approve && record.approval.version == version && approvers.contains(record.approval.signer) {
            let at = record.approval.at
            if first[record.approval.signer].map({ at < $0 }) ?? true { first[record.approval.signer] = at }
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        var perDay: [CalendarDate: Int] = [:]
        for at in first.values {
            let parts = calendar.dateComponents([.year, .month, .day], from: at)
            guard let day = CalendarDate(year: parts.year ?? 0, month: parts.month ?? 0, day: parts.day ?? 0) else { continue }
            perDay[day, default: 0] += 1
        }
        var total = 0
        return perDay.keys.sorted().map { day in
            total += perDay[day]!
            return (day, total)
        }
    }

    /// The roster organization `name` may duplicate: the same words once case, punctuation,
    /// "of", "the", "and", "for" and "&" are set aside, or all but one word shared when each has
    /// three or more ("ACLU Northern California" beside "ACLU of Northern California").
    public static func similarOrganization(to name: String, in roster: [String]) -> String? {
        let words = significantWords(name)
        guard !words.isEmpty else { return nil }
        var best: (name: String, score: Double)?
        for candidate in roster {
            let other = significantWords(candidate)
            guard !other.isEmpty else { continue }
            let shared = words.intersection(other).count
            let union = words.union(other).count
            let score = Double(shared) / Double(union)
            let close = words == other || (min(words.count, other.count) >= 3 && union - shared <= 1)
            if close, score > (best?.score ?? 0) { best = (candidate, score) }
        }
        return best?.name
    }

    static let ignoredWords: Set<String> = ["of", "the", "and", "for", "&", "a", "an", "inc", "inc.", "in"]

    static func significantWords(_ name: String) -> Set<String> {
        let folded = name.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        let words = folded.split { !($0.isLetter || $0.isNumber || $0 == "&") }.map(String.init)
        return Set(words.filter { !ignoredWords.contains($0) })
    }
}
