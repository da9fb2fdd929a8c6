/// A byte scan of a Mustache body for what swift-mustache cannot be trusted with: tags never
/// closed (its parser reports only "overflow"), and sections nested so deep that its recursive
/// parser overflows the stack. Runs before any body reaches the parser.
public enum MustacheScan {
    /// How deep sections may nest. Real clauses nest two or three levels.
    public static let maximumSectionDepth = 32

    /// A problem found, at a UTF-8 offset into the body.
    public struct Problem: Sendable, Hashable {
        /// What kind of problem it is.
        public enum Kind: Sendable, Hashable {
            case unclosedTag
            case nestingTooDeep
        }

        /// What kind of problem it is.
        public var kind: Kind
        /// Where it starts, as a UTF-8 offset into the body.
        public var utf8Offset: Int
        /// The sentence a diagnostic prints.
        public var message: String
    }

    /// A tag's name as written (`docket.title`, `coalition`), where it starts, and whether it
    /// opens or closes a section.
    public struct Tag: Sendable, Hashable {
        /// The tag's name, without its braces and sigil.
        public var name: String
        /// Where the tag starts, as a UTF-8 offset into the body.
        public var utf8Offset: Int
    }

    /// The first problem in `body`, if any.
    public static func problem(in body: String) -> Problem? {
        let bytes = Array(body.utf8)
        var depth = 0
        var index = 0
        while let open = find(bytes, "{{", from: index) {
            guard let close = find(bytes, "}}", from: open + 2) else {
                let what = open + 2 < bytes.count && bytes[open + 2] == UInt8(ascii: "!") ? "a comment '{{!'" : "a tag '{{'"
                return Problem(kind: .unclosedTag, utf8Offset: open, message: "\(what) opened here is never closed with '}}'")
            }
            let sigil = open + 2 < bytes.count ? bytes[open + 2] : 0
            if sigil == UInt8(ascii: "#") || sigil == UInt8(ascii: "^") {
                depth += 1
                if depth > maximumSectionDepth {
                    return Problem(
                        kind: .nestingTooDeep, utf8Offset: open,
                        message: "sections nest more than \(maximumSectionDepth) levels deep here; DocketKit renders at most \(maximumSectionDepth)")
                }
            } else if sigil == UInt8(ascii: "/") {
                depth = max(0, depth - 1)
            }
            index = close + 2
        }
        return nil
    }

    /// Every variable or section tag with a dotted or plain name, in order. Comments, partials
    /// and closing tags are left out.
    public static func tags(in body: String) -> [Tag] {
        let bytes = Array(body.utf8)
        var tags: [Tag] = []
        var index = 0
        while let open = find(bytes, "{{", from: index), let close = find(bytes, "}}", from: open + 2) {
            var start = open + 2
            while start < close, [UInt8(ascii: "{"), UInt8(ascii: "#"), UInt8(ascii: "^"), UInt8(ascii: "&"), UInt8(ascii: " ")].contains(bytes[start]) { start += 1 }
            let sigil = open + 2 < close ? bytes[open + 2] : 0
            if ![UInt8(ascii: "!"), UInt8(ascii: ">"), UInt8(ascii: "/"), UInt8(ascii: "="), UInt8(ascii: "%")].contains(sigil) {
                var end = start
                while end < close, nameBytes.contains(bytes[end]) { end += 1 }
                if end > start { tags.append(Tag(name: String(decoding: bytes[start..<end], as: UTF8.self), utf8Offset: start)) }
            }
            index = close + 2
        }
        return tags
    }

    /// 1-based line and character column of a UTF-8 offset in `body`.
    public static func lineAndColumn(of utf8Offset: Int, in body: String) -> (line: Int, column: Int) {
        let prefix = body.utf8.prefix(utf8Offset)
        let line = prefix.count { $0 == UInt8(ascii: "\n") } + 1
        let lineStart = prefix.lastIndex(of: UInt8(ascii: "\n")).map { prefix.index(after: $0) } ?? prefix.startIndex
        let column = String(decoding: prefix[lineStart...], as: UTF8.self).count + 1
        return (line, column)
    }

    /// 1-based line and UTF-8 column of a UTF-8 offset in `body`, as diagnostics print them.
    public static func location(of utf8Offset: Int, in body: String) -> (line: Int, column: Int) {
        let prefix = body.utf8.prefix(utf8Offset)
        let line = prefix.count { $0 == UInt8(ascii: "\n") } + 1
        let lineStart = prefix.lastIndex(of: UInt8(ascii: "\n")).map { prefix.distance(from: prefix.startIndex, to: $0) + 1 } ?? 0
        return (line, utf8Offset - lineStart + 1)
    }

    private static let nameBytes = Set("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ._-".utf8)

    private static func find(_ bytes: [UInt8], _ needle: String, from start: Int) -> Int? {
        let pattern = Array(needle.utf8)
        var index = start
        while index + pattern.count <= bytes.count {
            if bytes[index] == pattern[0], bytes[index + 1] == pattern[1] { return index }
            index += 1
        }
        return nil
    }
}
