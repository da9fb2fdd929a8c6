/// The text a draft's version hashes: its canonical Markdown with the choices that change how
/// the Markdown is written but not what a reader sees made one way. Two clause bodies that say
/// the same thing in different Markdown (wrapped or not, `_a_` or `*a*`, `*` or `-` bullets, a
/// stray trailing space) give one version, so re-wrapping a clause never asks every signer to
/// approve again.
///
/// Format 1, the only one so far (`formatVersion`), applies these rules to every line outside a
/// fenced code block, and is the identity on Markdown DocketKit writes itself, so every version
/// composed before it existed keeps its hash:
/// 1. Trailing spaces and tabs are dropped; two or more trailing spaces (CommonMark's hard
///    break) become a trailing backslash, the form DocketKit writes.
/// 2. A bullet item's `*` or `+` marker becomes `-`.
/// 3. `_emphasis_` and `__strong__` delimiters outside words become `*` and `**`.
/// 4. A paragraph's soft-wrapped lines are joined by one space (a line ending in a hard break,
///    or one that starts a list item, heading, quote, table row or rule, is not joined).
public enum CanonicalText {
    /// Raise it, and say how versions of the old format are still recognised, whenever a rule
    /// changes what an existing text hashes to.
    public static let formatVersion = 1

    /// `markdown` in canonical form.
    public static func normalize(_ markdown: String) -> String {
        // Most text has nothing to change (DocketKit writes canonical Markdown itself), and
        // this runs for every part of every draft: one pass over the bytes decides.
        needsNormalization(markdown) ? applyingRules(markdown) : markdown
    }

    /// The four rules, applied line by line.
    static func applyingRules(_ markdown: String) -> String {
        var output: [String] = []
        var fence: Substring?
        for raw in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmedStart = raw.drop { $0 == " " }
            if let open = fence {
                output.append(String(raw))
                if trimmedStart.hasPrefix(open) { fence = nil }
                continue
            }
            if trimmedStart.hasPrefix("```") || trimmedStart.hasPrefix("~~~") {
                fence = trimmedStart.prefix(3)
                output.append(String(raw))
                continue
            }
            var line = trailingWhitespaceNormalized(raw)
            line = bulletNormalized(line)
            line = underscoresNormalized(line)
            if let previous = output.last, joins(line, after: previous) {
                output[output.count - 1] = previous + " " + line.drop { $0 == " " || $0 == "\t" }
            } else {
                output.append(line)
            }
        }
        return output.joined(separator: "\n")
    }

    /// Whether any rule would change `markdown`: a byte scan, line by line, that mirrors the
    /// rules' conditions (a fenced block sends the text to the full pass).
    static func needsNormalization(_ markdown: String) -> Bool {
        var utf8 = markdown
        return utf8.withUTF8 { bytes in
            var previousJoinable = false
            var start = 0
            while start <= bytes.count {
                var end = start
                // One pass finds the line's end and any underscore (rule 3).
                while end < bytes.count {
                    let byte = bytes[end]
                    if byte == 0x0A { break }
                    if byte == 0x5F { return true }
                    end += 1
                }
                let line = UnsafeBufferPointer(rebasing: bytes[start..<end])
                if lineNeedsWork(line, previousJoinable: &previousJoinable) { return true }
                start = end + 1
            }
            return false
        }
    }

    /// Whether `line` would change or be joined to the line before; updates whether the next
    /// line could be joined to this one.
    private static func lineNeedsWork(_ line: UnsafeBufferPointer<UInt8>, previousJoinable: inout Bool) -> Bool {
        let space: UInt8 = 0x20
        let tab: UInt8 = 0x09
        var indent = 0
        while indent < line.count, line[indent] == space { indent += 1 }
        let blank = indent == line.count || line[indent...].allSatisfy { $0 == space || $0 == tab }
        if blank {
            // A line of spaces becomes an empty line.
            previousJoinable = false
            return !line.isEmpty
        }
        if let last = line.last, last == space || last == tab { return true }
        let first = line[indent]
        let second: UInt8? = indent + 1 < line.count ? line[indent + 1] : nil
        if (first == 0x2A || first == 0x2B), second == space { return true }  // `* ` or `+ `
        if first == 0x60 || first == 0x7E { return true }  // a fence: the full pass handles it
        let startsBlock: Bool = {
            if first == 0x23 || first == 0x7C || first == 0x3E { return true }  // # | >
            if first == 0x2D, second == nil || second == space { return true }  // - item
            if first == 0x2D, line[indent...].allSatisfy({ $0 == first || $0 == space }) { return true }  // rule, setext
            if first == 0x3D, line[indent...].allSatisfy({ $0 == first }) { return true }  // setext
            var digits = indent
            while digits < line.count, line[digits] >= 0x30, line[digits] <= 0x39 { digits += 1 }
            if digits > indent, digits - indent <= 9, digits < line.count, line[digits] == 0x2E || line[digits] == 0x29 {
                return digits + 1 == line.count || line[digits + 1] == space
            }
            return false
        }()
        if previousJoinable, !startsBlock { return true }
        // A heading, table row, quote or rule takes no continuation; a hard break ends the line.
        let takesNoContinuation = first == 0x23 || first == 0x7C || first == 0x3E || line.last == 0x5C
            || ((first == 0x2D || first == 0x2A || first == 0x5F) && line[indent...].allSatisfy { $0 == first || $0 == space }
                && line[indent...].lazy.filter { $0 != space }.count >= 3)
        previousJoinable = !takesNoContinuation
        return false
    }

    private static func trailingWhitespaceNormalized(_ line: Substring) -> String {
        var end = line.endIndex
        var spaces = 0
        while end > line.startIndex, line[line.index(before: end)] == " " || line[line.index(before: end)] == "\t" {
            end = line.index(before: end)
            spaces += 1
        }
        let kept = String(line[..<end])
        guard spaces >= 2, !kept.isEmpty, line[line.index(before: line.endIndex)] == " " else { return kept }
        return kept + "\\"
    }

    private static func bulletNormalized(_ line: String) -> String {
        let indent = line.prefix { $0 == " " }
        let rest = line.dropFirst(indent.count)
        guard let marker = rest.first, marker == "*" || marker == "+", rest.dropFirst().first == " ", rest.dropFirst(2).first.map({ $0 != " " }) ?? false else { return line }
        return indent + "-" + rest.dropFirst()
    }

    /// `_a_` → `*a*`, `__a__` → `**a**`, where the delimiters stand outside a word (an
    /// underscore inside `snake_case` or a URL is not emphasis in CommonMark).
    private static func underscoresNormalized(_ line: String) -> String {
        guard line.contains("_") else { return line }
        var characters = Array(line)
        var index = 0
        while index < characters.count {
            guard characters[index] == "_", index == 0 || !isWordCharacter(characters[index - 1]), characters[safe: index - 1] != "\\" else {
                index += 1
                continue
            }
            let width = characters[safe: index + 1] == "_" ? 2 : 1
            let contentStart = index + width
            guard let first = characters[safe: contentStart], !first.isWhitespace, first != "_" else {
                index += width
                continue
            }
            // The closing run: the same width, not followed by a word character.
            var close = contentStart + 1
            var found: Int?
            while close + width <= characters.count {
                if characters[close..<(close + width)].allSatisfy({ $0 == "_" }), !characters[close - 1].isWhitespace,
                    close + width == characters.count || !isWordCharacter(characters[close + width]) && characters[close + width] != "_"
                {
                    found = close
                    break
                }
                close += 1
            }
            guard let end = found else {
                index += width
                continue
            }
            for offset in 0..<width {
                characters[index + offset] = "*"
                characters[end + offset] = "*"
            }
            index = end + width
        }
        return String(characters)
    }

    private static func isWordCharacter(_ character: Character) -> Bool { character.isLetter || character.isNumber }

    /// Whether `line` continues the paragraph `previous` ends.
    private static func joins(_ line: String, after previous: String) -> Bool {
        guard !line.allSatisfy(\.isWhitespace), !previous.allSatisfy(\.isWhitespace), !previous.hasSuffix("\\") else { return false }
        if startsBlock(previous.drop { $0 == " " }, asPrevious: true) { return false }
        return !startsBlock(line.drop { $0 == " " }, asPrevious: false)
    }

    /// Lines that are a block of their own: a joined line must not start one, and a heading,
    /// table row or rule takes no continuation.
    private static func startsBlock(_ line: Substring, asPrevious: Bool) -> Bool {
        if line.hasPrefix("#") || line.hasPrefix("|") || line.hasPrefix(">") || line.hasPrefix("```") || line.hasPrefix("~~~") { return true }
        if line.allSatisfy({ $0 == "-" || $0 == "*" || $0 == "_" || $0 == " " }) && line.filter({ $0 != " " }).count >= 3 { return true }
        if asPrevious { return false }
        if line.hasPrefix("- ") || line.hasPrefix("* ") || line.hasPrefix("+ ") || line == "-" { return true }
        let digits = line.prefix(while: \.isNumber)
        if !digits.isEmpty, digits.count <= 9, let after = line.dropFirst(digits.count).first, after == "." || after == ")",
            line.dropFirst(digits.count + 1).first.map({ $0 == " " }) ?? true
        {
            return true
        }
        // A setext underline or a line of `=` would turn the paragraph into a heading.
        return line.allSatisfy({ $0 == "=" }) || line.allSatisfy({ $0 == "-" })
    }
}

extension Array {
    fileprivate subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
