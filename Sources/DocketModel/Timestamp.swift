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

    /// `2023-12-05T23:59:59-05:00`: the instant on the clock of the agencies' zone, Eastern,
    /// with its offset, as a docket file records a comment period.
    public static func easternString(from date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "America/New_York") ?? TimeZone(secondsFromGMT: -5 * 3600)!
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    /// Parses ISO 8601 with an explicit zone (`Z` or `-05:00`); nil for a time without one,
    /// which is ambiguous by up to a day across US time zones.
    public static func date(from text: String) -> Date? {
        // Foundation's parser rolls 2023-02-30 over to March 2; a deadline must be a real day
        // and a real time of day.
        let parts = text.split(separator: "T", maxSplits: 1)
        guard parts.count == 2, CalendarDate(iso: String(parts[0])) != nil else { return nil }
        let clock = parts[1].prefix(8).split(separator: ":")
        guard clock.count >= 2, let hour = Int(clock[0]), let minute = Int(clock[1]), (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        if clock.count == 3 {
            guard let second = Int(clock[2].prefix(2)), (0...59).contains(second) else { return nil }
        }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }
}
