import DocketSupport
import Foundation

/// Instants as DocketKit writes and reads them: ISO 8601 with an explicit offset, in UTC when
/// written, to the second. One definition, so a log line, a footer and a checklist agree.
public enum Timestamp {
    /// `2026-01-15T17:00:00Z`.
    public static func string(from date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    /// Parses ISO 8601 with an explicit zone (`Z` or `-05:00`); nil for a time without one,
    /// which is ambiguous by up to a day across US time zones.
    public static func date(from text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }
}
