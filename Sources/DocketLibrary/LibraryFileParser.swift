import DocketModel
import DocketSupport
import Yams

/// The common first stage for every library file: text → front matter + body → YAML mapping,
/// with each failure becoming a diagnostic.
struct ParsedFrontMatter {
    var document: FrontMatterDocument
    var mapping: Node.Mapping
    var reader: YAMLReader
    /// Where the front matter opens; "missing field" diagnostics point here.
    var owner: SourceRange
}

enum LibraryFileParser {
    static func parseFrontMatter(_ file: SourceFile, kind: String) -> (ParsedFrontMatter?, [Diagnostic]) {
        let (split, splitDiagnostics) = FrontMatterDocument.split(file)
        guard let document = split else { return (nil, splitDiagnostics) }
        let reader = YAMLReader(file: file, firstLine: document.yamlFirstLine)
        let owner = SourceRange(file.location(line: 1), length: 3)
        guard let root = reader.compose(document.yaml) else {
            if reader.diagnostics.isEmpty {
                return (nil, [.error(.missingField, "front matter is empty; a \(kind) needs at least an id and a title", at: owner)])
            }
            return (nil, reader.diagnostics)
        }
        guard let mapping = reader.mapping(root, expected: "front matter fields (key: value)") else { return (nil, reader.diagnostics) }
        return (ParsedFrontMatter(document: document, mapping: mapping, reader: reader, owner: owner), [])
    }

    /// Reads a plain YAML file (docket.yml, plan.yml) into its root mapping.
    static func parseYAML(_ file: SourceFile, expected: String) -> (Node.Mapping?, YAMLReader) {
        let reader = YAMLReader(file: file, firstLine: 1)
        guard let root = reader.compose(file.text) else {
            if reader.diagnostics.isEmpty {
                reader.add(.error(.emptyFile, "file holds no YAML", at: .file(file.path)))
            }
            return (nil, reader)
        }
        return (reader.mapping(root, expected: expected), reader)
    }
}

enum IdentifierRules {
    /// `public-impact-assessment`: lower-case words joined by hyphens, so ids are safe in file
    /// names, URLs and Mustache tags alike.
    static func isRecommendationID(_ id: String) -> Bool {
        isSlug(id, separators: ["-"])
    }

    /// `intro.coalition`: dotted groups of slugs.
    static func isClauseID(_ id: String) -> Bool {
        isSlug(id, separators: ["-", ".", "_"])
    }

    private static func isSlug(_ id: String, separators: Set<Character>) -> Bool {
        guard let first = id.first, let last = id.last, first.isLowercaseASCIIAlphanumeric, last.isLowercaseASCIIAlphanumeric else { return false }
        var previousWasSeparator = false
        for character in id {
            if separators.contains(character) {
                if previousWasSeparator { return false }
                previousWasSeparator = true
            } else if character.isLowercaseASCIIAlphanumeric {
                previousWasSeparator = false
            } else {
                return false
            }
        }
        return true
    }
}

extension Character {
    var isLowercaseASCIIAlphanumeric: Bool {
        guard let ascii = asciiValue else { return false }
        return (97...122).contains(ascii) || (48...57).contains(ascii)
    }
}
