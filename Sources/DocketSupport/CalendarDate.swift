import Foundation

/// A date without a time or zone, as clause variables and publication dates use. Validity and
/// the printed form come from Foundation's Gregorian calendar, not from tables of our own.
public struct CalendarDate: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    /// The year, e.g. 2024.
    public var year: Int
    /// The month, 1 to 12.
    public var month: Int
    /// The day of the month, 1 to 31 (checked against the month).
    public var day: Int

    /// The date, or nil when no such day exists (2023-02-30, 2023-13-01).
    public init?(year: Int, month: Int, day: Int) {
        let components = DateComponents(year: year, month: month, day: day)
        guard let date = Self.calendar.date(from: components) else { return nil }
        let back = Self.calendar.dateComponents([.year, .month, .day], from: date)
        guard back.year == year, back.month == month, back.day == day else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`, rejecting impossible dates such as 2023-02-30.
    public init?(iso text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// Parses a registry date, `YYYY-MM-DD`, or `YYYY-MM` for a document that prints only its
    /// month (NIST AI 100-1 is dated "January 2023"): such a date stands for the month's first
    /// day, and `isMonthOnly` says so.
    public init?(isoOrMonth text: String) {
        if let date = CalendarDate(iso: text) {
            self = date
            return
        }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2, let year = Int(parts[0]), let month = Int(parts[1]),
            let first = CalendarDate(year: year, month: month, day: 1)
        else { return nil }
        self = first
        self.isMonthOnly = true
    }

    /// True for a date known only to its month.
    public var isMonthOnly = false

    private enum CodingKeys: String, CodingKey { case year, month, day }

    /// `2023-12-05`, or `2023-01` for a date known only to its month.
    public var written: String { isMonthOnly ? String(format: "%04d-%02d", year, month) : description }

    /// The last day of this date's month.
    public var endOfMonth: CalendarDate {
        let days = Self.calendar.range(of: .day, in: .month, for: Self.calendar.date(from: DateComponents(year: year, month: month, day: 1))!)!.count
        return CalendarDate(year: year, month: month, day: days)!
    }

    /// Days from 1970-01-01 to this date in the proleptic Gregorian calendar (negative before).
    /// Integer arithmetic (H. Hinnant's days-from-civil), so turning a log's timestamps into
    /// instants needs no formatter or calendar.
    package var daysSince1970: Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// `2023-12-05`.
    public var description: String { String(format: "%04d-%02d-%02d", year, month, day) }

    /// "December 5, 2023", the form US agencies print.
    public var longForm: String {
        guard let date = Self.calendar.date(from: DateComponents(year: year, month: month, day: day)) else { return description }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.calendar = Self.calendar
        formatter.timeZone = Self.calendar.timeZone
        formatter.dateFormat = "MMMM d, yyyy"
        return formatter.string(from: date)
    }

    /// Earlier dates first.
    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// Gregorian in UTC: a calendar date names a day, not an instant, so no local zone applies.
    private static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()
}
