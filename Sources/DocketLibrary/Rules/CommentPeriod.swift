import DocketModel
import DocketSupport
import Foundation

/// Whether a docket still takes comments, said in the zone agencies set their deadlines in.
public enum CommentPeriod {
    /// Federal comment deadlines are set in Eastern time ("11:59 p.m. Eastern"), whatever zone
    /// the coalition lead is in.
    public static let eastern = TimeZone(identifier: "America/New_York") ?? TimeZone(secondsFromGMT: -5 * 3600)!

    /// A closed period is a warning, since `docket check` reviews text that may be reused;
    /// `docket package` and `docket submit` prepare a filing, and their policy makes it an error
    /// unless the agency takes late comments and the lead says so.
    public static func filingPolicy(allowLate: Bool) -> SeverityPolicy {
        allowLate ? .review : SeverityPolicy(escalations: [.commentPeriodClosed: .init(to: .error, hint: "pass --allow-late to package it anyway")])
    }

    /// Days before the close at which `docket check`, `docket package` and the filing checklist
    /// start warning: the one threshold all three use.
    public static let closingSoonDays = 3

    /// Whether `remaining` seconds before the close is inside the warning window; a period
    /// already closed is not "closing".
    public static func isClosingSoon(remaining: TimeInterval) -> Bool {
        remaining >= 0 && remaining <= Double(closingSoonDays) * 86_400
    }

    /// A closed period, or one closing soon; nothing while it is open.
    public static func diagnostics(for docket: Docket, now: Date) -> [Diagnostic] {
        guard let close = docket.commentsClose else { return [] }
        let deadline = "\(eastern(close.value)) (\(docket.commentsCloseText ?? ""))"
        let remaining = close.value.timeIntervalSince(now)
        if remaining < 0 {
            let ago = "\(timeSpan(-remaining)) ago"
            return [
                .warning(
                    .commentPeriodClosed,
                    "the comment period for \(docket.id.value) closed \(deadline), \(ago); Regulations.gov takes late comments only where the agency allows them",
                    at: close.range)
            ]
        }
        if isClosingSoon(remaining: remaining) {
            return [
                .warning(
                    .commentPeriodClosing, "the comment period for \(docket.id.value) closes \(deadline), in \(timeSpan(remaining)); file early: the site slows near deadlines",
                    at: close.range)
            ]
        }
        return []
    }

    /// The calendar day `date` falls on in Eastern time, the day a filing bears.
    public static func easternDay(of date: Date) -> CalendarDate? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = eastern
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        guard let year = parts.year, let month = parts.month, let day = parts.day else { return nil }
        return CalendarDate(year: year, month: month, day: day)
    }

    /// "December 5, 2023, 11:59 PM EST".
    public static func eastern(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = eastern
        formatter.dateFormat = "MMMM d, yyyy, h:mm a zzz"
        return formatter.string(from: date)
    }

    /// "2 days 5 hours", "40 minutes", "1 day".
    public static func timeSpan(_ seconds: TimeInterval) -> String {
        let minutes = Int(seconds / 60)
        let days = minutes / 1_440
        let hours = (minutes % 1_440) / 60
        if days > 0 { return hours > 0 ? "\(Wording.count(days, "day")) \(Wording.count(hours, "hour"))" : Wording.count(days, "day") }
        if hours > 0 { return Wording.count(hours, "hour") }
        return Wording.count(max(minutes, 0), "minute")
    }
}
