import DocketSupport

/// Guards Yams against alias expansion. An alias of a list or mapping (`*a` where `&a` anchors
/// a collection) can expand exponentially (a "billion laughs"), and Yams' duplicate-key check
/// hashes the expanded keys, so a one-kilobyte file could keep `docket check` busy for most of
/// an hour. Aliases of single values expand to one value each, so they stay allowed.
///
/// This is a lexical scan, run only when the text holds an anchor at all: block scalars are
/// skipped, quoted text is skipped, and a node is a collection when nothing but a comment
/// follows its anchor on the line, or the node opens with `[` or `{`.
enum YAMLAliases {
    struct Problem {
        var line: Int
        var column: Int
        var message: String
    }

    /// The first alias of a collection, with its line (1-based within `yaml`) and UTF-8 column.
    static func firstCollectionAlias(in yaml: String) -> Problem? {
        guard mayHoldAnchors(yaml) else { return nil }
        var collectionAnchors: Set<String> = []
        var blockIndent: Int?
        for (number, line) in yaml.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let bytes = Array(line.utf8)
            let indent = bytes.prefix { $0 == UInt8(ascii: " ") }.count
            if let block = blockIndent {
                if bytes.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\r") }) || indent > block { continue }
                blockIndent = nil
            }
            for token in tokens(bytes) {
                switch token.kind {
                case .anchor(let name, let isCollection):
                    if isCollection { collectionAnchors.insert(name) }
                case .alias(let name):
                    if collectionAnchors.contains(name) {
                        return Problem(
                            line: number + 1, column: token.column,
                            message: "'*\(name)' repeats a list or mapping; such aliases can expand without limit, so DocketKit accepts aliases of single values only: write the value out")
                    }
                case .blockScalar:
                    blockIndent = indent
                }
            }
        }
        return nil
    }

    private static func mayHoldAnchors(_ yaml: String) -> Bool {
        let bytes = Array(yaml.utf8)
        for index in bytes.indices.dropLast() where bytes[index] == UInt8(ascii: "&") && isNameByte(bytes[index + 1]) { return true }
        return false
    }

    private struct Token {
        enum Kind {
            case anchor(String, isCollection: Bool)
            case alias(String)
            case blockScalar
        }

        var kind: Kind
        var column: Int
    }

    /// Anchors, aliases and block-scalar indicators on one line, outside quotes and comments.
    private static func tokens(_ bytes: [UInt8]) -> [Token] {
        var tokens: [Token] = []
        var index = 0
        var quote: UInt8?
        while index < bytes.count {
            let byte = bytes[index]
            if let open = quote {
                if byte == open { quote = nil }
                index += 1
                continue
            }
            let atTokenStart = index == 0 || [UInt8(ascii: " "), UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: ","), UInt8(ascii: "\t")].contains(bytes[index - 1])
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                if atTokenStart { quote = byte }
            case UInt8(ascii: "#") where atTokenStart:
                return tokens
            case UInt8(ascii: "&"), UInt8(ascii: "*"):
                guard atTokenStart, index + 1 < bytes.count, isNameByte(bytes[index + 1]) else { break }
                var end = index + 1
                while end < bytes.count, isNameByte(bytes[end]) { end += 1 }
                let name = String(decoding: bytes[(index + 1)..<end], as: UTF8.self)
                if byte == UInt8(ascii: "&") {
                    let rest = bytes[end...].drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\r") }
                    let isCollection = rest.isEmpty || rest.first == UInt8(ascii: "#") || rest.first == UInt8(ascii: "[") || rest.first == UInt8(ascii: "{")
                    tokens.append(Token(kind: .anchor(name, isCollection: isCollection), column: index + 1))
                } else {
                    tokens.append(Token(kind: .alias(name), column: index + 1))
                }
                index = end
                continue
            case UInt8(ascii: "|"), UInt8(ascii: ">"):
                // `key: |` or `- >-` with nothing after but modifiers: the next, deeper lines are text.
                let rest = bytes[(index + 1)...].drop { "+-0123456789".utf8.contains($0) }.drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\r") }
                if atTokenStart, rest.isEmpty || rest.first == UInt8(ascii: "#") { tokens.append(Token(kind: .blockScalar, column: index + 1)) }
            default:
                break
            }
            index += 1
        }
        return tokens
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        byte > 0x20 && byte != UInt8(ascii: ",") && byte != UInt8(ascii: "[") && byte != UInt8(ascii: "]") && byte != UInt8(ascii: "{")
            && byte != UInt8(ascii: "}") && byte != UInt8(ascii: ":")
    }
}
