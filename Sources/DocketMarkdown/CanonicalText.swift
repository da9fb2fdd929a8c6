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
        // One line with no underscore, no trailing blank and no `*`/`+` bullet has nothing to
        // change: most parts DocketKit renders are such lines, and this runs once per part.
        let bytes = markdown.utf8
        if !bytes.contains(0x0A), !bytes.contains(0x5F), bytes.last.map({ $0 != 0x20 && $0 != 0x09 }) ?? true,
            !(markdown.drop { $0 == " " }.hasPrefix("* ") || markdown.drop { $0 == " " }.hasPrefix("+ "))
        {
            return markdown
        }
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
