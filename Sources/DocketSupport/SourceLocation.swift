/// A position in a source file: 1-based line, 1-based column counted in UTF-8 bytes,
/// the convention compilers and editors share for `path:line:column`.
public struct SourceLocation: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    /// The path as the user named it.
    public var file: String
    /// The 1-based line.
    public var line: Int
    /// The 1-based column, counted in UTF-8 bytes.
    public var column: Int

    /// A position in `file`.
    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `path:line:column`.
    public var description: String { "\(file):\(line):\(column)" }

    /// By file, then line, then column.
    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
    }
}

/// A half-open span of source text. Most diagnostics only need `start`; `end` lets an editor
/// underline the whole offending value.
public struct SourceRange: Hashable, Sendable, Codable, CustomStringConvertible {
    /// Where the range begins.
    public var start: SourceLocation
    /// The first position after the span.
    public var end: SourceLocation

    /// The span from `start` to `end`.
    public init(start: SourceLocation, end: SourceLocation) {
        self.start = start
        self.end = end
    }

    /// `length` UTF-8 bytes from `location` on one line.
    public init(_ location: SourceLocation, length: Int = 0) {
        self.start = location
        self.end = SourceLocation(file: location.file, line: location.line, column: location.column + length)
    }

    /// A range covering a whole file, for problems that belong to no particular position.
    public static func file(_ path: String) -> SourceRange {
        SourceRange(SourceLocation(file: path, line: 1, column: 1))
    }

    /// The start's `path:line:column`.
    public var description: String { start.description }
}

/// A value read from a file together with where it was written, so later stages can point at it.
public struct Located<Value>: Sendable where Value: Sendable {
    /// The value as read.
    public var value: Value
    /// Where it was written.
    public var range: SourceRange

    /// `value`, written at `range`.
    public init(_ value: Value, at range: SourceRange) {
        self.value = value
        self.range = range
    }
}

extension Located: Equatable where Value: Equatable {}
extension Located: Hashable where Value: Hashable {}
extension Located: Codable where Value: Codable {}
