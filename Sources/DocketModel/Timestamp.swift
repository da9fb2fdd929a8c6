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

    /// `2023-12-05 23:59:59` on the Eastern clock, the form Regulations.gov's
    /// `filter[lastModifiedDate]` takes.
    public static func easternFilter(from date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "America/New_York") ?? TimeZone(secondsFromGMT: -5 * 3600)!
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return formatter.string(from: date)
    }

    /// Parses ISO 8601 with an explicit zone (`Z` or `-05:00`); nil for a time without one,
    /// which is ambiguous by up to a day across US time zones.
    public static func date(from text: String) -> Date? {
        // The written form checks its own day and time.
        if let date = internetDateTime(text) { return date }
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

    /// `YYYY-MM-DDTHH:MM:SS` with `Z` or `±HH:MM`, the form DocketKit writes, read without a
    /// formatter: an approvals log holds one per decision, and making a formatter for each was
    /// a third of the time `docket check` took on the examples. Anything else, an impossible day
    /// or time included, is nil, and left to the checks and Foundation's parser.
    static func internetDateTime(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count == 20 || bytes.count == 25, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"), bytes[10] == UInt8(ascii: "T"),
            bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":")
        else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) else { return nil }
                value = value * 10 + Int(bytes[index] - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10), let hour = number(11..<13), let minute = number(14..<16),
            let second = number(17..<19), let date = CalendarDate(year: year, month: month, day: day), hour < 24, minute < 60, second < 60
        else { return nil }
        var offset = 0
        if bytes.count == 20 {
            guard bytes[19] == UInt8(ascii: "Z") else { return nil }
        } else {
            guard bytes[19] == UInt8(ascii: "+") || bytes[19] == UInt8(ascii: "-"), bytes[22] == UInt8(ascii: ":"), let hours = number(20..<22), let minutes = number(23..<25),
                hours < 24, minutes < 60
            else { return nil }
            offset = (hours * 3600 + minutes * 60) * (bytes[19] == UInt8(ascii: "-") ? -1 : 1)
        }
        let seconds = date.daysSince1970 * 86_400 + hour * 3600 + minute * 60 + second - offset
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }
}
