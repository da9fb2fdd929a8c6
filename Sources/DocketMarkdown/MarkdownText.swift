/// The partials a Mustache body includes (`{{> clause.id}}`), found without parsing it.
public enum MustachePartials {
    /// The partial names `body` includes. Partials are the one construct whose target
    /// swift-mustache resolves silently to nothing, so the composer must name them itself.
    public static func partialNames(in body: String) -> [(name: String, utf8Offset: Int)] {
        // A byte scan: this runs for every clause of every draft composed.
        let bytes = Array(body.utf8)
        var found: [(String, Int)] = []
        var index = 0
        while index + 2 < bytes.count {
            guard bytes[index] == UInt8(ascii: "{"), bytes[index + 1] == UInt8(ascii: "{"), bytes[index + 2] == UInt8(ascii: ">") else {
                index += 1
                continue
            }
            var cursor = index + 3
            while cursor < bytes.count, bytes[cursor] == UInt8(ascii: " ") { cursor += 1 }
            let nameStart = cursor
            while cursor < bytes.count, partialNameBytes.contains(bytes[cursor]) { cursor += 1 }
            if cursor > nameStart { found.append((String(decoding: bytes[nameStart..<cursor], as: UTF8.self), nameStart)) }
            index = max(cursor, index + 3)
        }
        return found
    }

    private static let partialNameBytes = Set("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_".utf8)
}

/// Plain text inside CommonMark: what must be escaped so a value never becomes markup.
public enum MarkdownText {
    private static let special: Set<Character> = ["\\", "`", "*", "_", "[", "]", "<", ">", "&", "|", "#", "~"]
    /// The bytes of `special`, and of line feed and carriage return, as a table.
    private static let specialBytes: [Bool] = (0..<256).map { byte in byte == 0x0A || byte == 0x0D || special.contains(Character(Unicode.Scalar(UInt8(byte)))) }

    /// Plain text made safe to stand inside a CommonMark paragraph or table cell.
    public static func escape(_ text: String) -> String {
        // Most values (names, cities, titles) need nothing escaped; every special character
        // and line break is ASCII, so one byte pass tells.
        if !text.utf8.contains(where: { specialBytes[Int($0)] }) { return text }
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text {
            if character == "\n" || character == "\r\n" || character == "\r" {
                escaped.append(" ")
            } else {
                if special.contains(character) { escaped.append("\\") }
                escaped.append(character)
            }
        }
        return escaped
    }
}

/// Which link targets an output may carry: the ones libcmark's safe mode keeps in HTML. A
/// `javascript:`, `vbscript:`, `file:` or `data:` link is dropped from every format alike,
/// keeping its text.
public enum LinkSafety {
    /// Whether `destination` may be a link in a public document.
    public static func isSafe(_ destination: String) -> Bool {
        let scheme = destination.unicodeScalars.drop { $0.value <= 0x20 }.prefix { $0 != ":" && $0 != "/" && $0 != "?" && $0 != "#" }
        let lowered = String(String.UnicodeScalarView(scheme)).lowercased()
        guard destination.unicodeScalars.drop(while: { $0.value <= 0x20 }).dropFirst(scheme.count).first == ":" else { return true }
        return !["javascript", "vbscript", "file", "data"].contains(lowered)
    }
}
