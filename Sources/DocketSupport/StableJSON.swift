import Foundation

/// Readable JSON whose bytes depend only on the value: sorted keys and unescaped slashes, so two
/// runs over the same input write files that diff cleanly.
public enum StableJSON {
    /// Pretty-printed text, without a final newline.
    public static func string<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try data(value), as: UTF8.self)
    }

    /// Pretty-printed bytes, without a final newline.
    public static func data<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }

    /// One line, for append-only logs such as `approvals.jsonl`.
    public static func line<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }
}
