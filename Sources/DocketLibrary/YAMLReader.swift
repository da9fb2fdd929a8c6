import DocketModel
import DocketSupport
import Foundation
import Yams

/// Walks a composed YAML tree, turning nodes into typed values and collecting a diagnostic with
/// a file location for every value that is missing, mistyped or unknown. It never stops at the
/// first problem, so one run reports everything.
final class YAMLReader {
    let file: SourceFile
    /// The file line on which the YAML text starts (2 for front matter, 1 for a plain YAML file).
    let firstLine: Int
    private(set) var diagnostics: [Diagnostic] = []

    /// Yams resolves a scalar's tag, each time one is hashed or compared (every key of every
    /// mapping, every field looked up), by trying one regular expression per rule: a sixth of
    /// the time to check a library. Nothing here reads a resolved tag: numbers and dates are
    /// read from the scalar's text, and `Bool` looks at the tag as written (a quoted "true" is
    /// text). So no rule is tried, and keys are compared by their text.
    static let resolver = Resolver.basic

    init(file: SourceFile, firstLine: Int) {
        self.file = file
        self.firstLine = firstLine
    }

    /// Composes the YAML text into a node tree; a syntax error becomes a located diagnostic.
    func compose(_ yaml: String) -> Node? {
        if let problem = YAMLAliases.firstCollectionAlias(in: yaml) {
            let line = problem.line + firstLine - 1
            diagnostics.append(.error(.aliasExpansion, problem.message, at: SourceRange(file.location(line: line, column: problem.column))))
            return nil
        }
        do {
            return try Yams.compose(yaml: yaml, Self.resolver, .default, .utf8)
        } catch let error as YamlError {
            report(error)
            return nil
        } catch {
            diagnostics.append(.error(.malformedYAML, "malformed YAML: \(error)", at: SourceRange(file.location(line: firstLine))))
            return nil
        }
    }

    func add(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }

    func range(of node: Node) -> SourceRange {
        guard let mark = node.mark else { return SourceRange(file.location(line: firstLine)) }
        let line = mark.line + firstLine - 1
        let column = file.utf8Column(line: line, scalarColumn: mark.column)
        let length = node.scalar.map { $0.style == .plain ? $0.string.utf8.count : 0 } ?? 0
        return SourceRange(file.location(line: line, column: column), length: length)
    }

    /// Range of the key `key` in `mapping`, for "missing field" and "unknown key" reports.
    func range(ofKey key: String, in mapping: Node.Mapping) -> SourceRange? {
        mapping.first { $0.key.string == key }.map { range(of: $0.key) }
    }

    // MARK: Typed access

    func mapping(_ node: Node, expected what: String) -> Node.Mapping? {
        if let mapping = node.mapping { return mapping }
        wrongType(node, expected: what)
        return nil
    }

    /// Warns about keys outside `allowed`, suggesting the closest allowed key.
    func checkKeys(of mapping: Node.Mapping, allowed: [String], in context: String) {
        for (key, _) in mapping {
            guard let name = key.string else {
                diagnostics.append(.error(.wrongType, "keys in \(context) must be text", at: range(of: key)))
                continue
            }
            if allowed.contains(name) { continue }
            if let suggestion = Wording.closestMatch(to: name, in: allowed) {
                diagnostics.append(.warning(.unknownKey, "unknown key '\(name)' in \(context); did you mean '\(suggestion)'?", at: range(of: key), fixIt: suggestion))
            } else {
                diagnostics.append(.warning(.unknownKey, "unknown key '\(name)' in \(context); expected one of: \(allowed.joined(separator: ", "))", at: range(of: key)))
            }
        }
    }

    func string(_ key: String, in mapping: Node.Mapping, required: Bool, context: String, at owner: SourceRange) -> Located<String>? {
        guard let node = mapping[key] else {
            if required { missing(key, in: context, at: owner) }
            return nil
        }
        // `agency:` with nothing after it is a field left to fill, as `docket init` writes them.
        if isNull(node) {
            let hint = required ? "" : ": fill it, or delete the line"
            diagnostics.append(.error(.missingField, "'\(key)' is left to fill in \(context)\(hint)", at: range(ofKey: key, in: mapping) ?? range(of: node)))
            return nil
        }
        return string(node, field: key, required: required)
    }

    func string(_ node: Node, field: String, required: Bool = true) -> Located<String>? {
        guard let scalar = node.scalar, !isNull(node) else {
            if node.scalar != nil, !required { return nil }
            wrongType(node, expected: "text for '\(field)'")
            return nil
        }
        let value = scalar.string.trimmingWhitespaceAndNewlines()
        if value.isEmpty, required {
            diagnostics.append(.error(.missingField, "'\(field)' must not be empty", at: range(of: node)))
            return nil
        }
        return Located(value, at: range(of: node))
    }

    func integer(_ key: String, in mapping: Node.Mapping, required: Bool, context: String, at owner: SourceRange) -> Located<Int>? {
        guard let node = mapping[key] else {
            if required { missing(key, in: context, at: owner) }
            return nil
        }
        guard let scalar = node.scalar, let value = Int(scalar.string.trimmingCharacters(in: .whitespaces)) else {
            wrongType(node, expected: "a whole number for '\(key)'")
            return nil
        }
        return Located(value, at: range(of: node))
    }

    /// A date written `YYYY-MM-DD`; an impossible one (2023-02-30) is an error at its value.
    func date(_ key: String, in mapping: Node.Mapping, context: String, at owner: SourceRange) -> Located<CalendarDate>? {
        guard let text = string(key, in: mapping, required: false, context: context, at: owner) else { return nil }
        guard let date = CalendarDate(iso: text.value) else {
            add(.error(.invalidValue, "'\(key)' must be a real date written YYYY-MM-DD, not '\(text.value)'", at: text.range))
            return nil
        }
        return Located(date, at: text.range)
    }

    func bool(_ key: String, in mapping: Node.Mapping) -> Located<Bool>? {
        guard let node = mapping[key] else { return nil }
        guard let value = node.bool else {
            wrongType(node, expected: "true or false for '\(key)'")
            return nil
        }
        return Located(value, at: range(of: node))
    }

    /// A list of strings; a single scalar is accepted as a one-element list because YAML authors
    /// often write `tags: transparency`.
    func stringList(_ key: String, in mapping: Node.Mapping) -> [Located<String>] {
        guard let node = mapping[key], !isNull(node) else { return [] }
        if node.scalar != nil { return string(node, field: key).map { [$0] } ?? [] }
        guard let sequence = node.sequence else {
            wrongType(node, expected: "a list for '\(key)'")
            return []
        }
        return sequence.compactMap { string($0, field: key) }
    }

    func sequence(_ key: String, in mapping: Node.Mapping) -> Node.Sequence? {
        guard let node = mapping[key], !isNull(node) else { return nil }
        guard let sequence = node.sequence else {
            wrongType(node, expected: "a list for '\(key)'")
            return nil
        }
        return sequence
    }

    func missing(_ key: String, in context: String, at owner: SourceRange) {
        diagnostics.append(.error(.missingField, "\(context) is missing required field '\(key)'", at: owner))
    }

    func wrongType(_ node: Node, expected: String) {
        diagnostics.append(.error(.wrongType, "expected \(expected), found \(describe(node))", at: range(of: node)))
    }

    func isNull(_ node: Node) -> Bool {
        guard let scalar = node.scalar, scalar.style == .plain else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    private func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar): isNull(node) ? "nothing" : "'\(scalar.string)'"
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }

    /// Yams marks the mapping that holds a duplicate key; the repeat itself is what to fix, so
    /// find the second line that sets the key at the same indentation.
    private func secondOccurrence(of key: String, fromYAMLLine yamlLine: Int) -> SourceLocation? {
        guard !key.isEmpty else { return nil }
        var seenColumn: Int?
        // libyaml also ends lines at a lone CR, which our line table does not: its line can lie
        // past our last one, and then there is nothing to search.
        let start = max(1, yamlLine + firstLine - 1)
        guard start <= file.lineCount else { return nil }
        for line in start...file.lineCount {
            let text = file.lineText(line)
            let rest = text.drop { $0 == " " || $0 == "-" }
            guard rest.hasPrefix(key + ":") else { continue }
            let column = text.utf8.count - rest.utf8.count + 1
            if seenColumn == column { return file.location(line: line, column: column) }
            if seenColumn == nil { seenColumn = column }
        }
        return nil
    }

    private func report(_ error: YamlError) {
        let message: String
        let mark: Mark?
        switch error {
        case .scanner(let context, let problem, let errorMark, _),
            .parser(let context, let problem, let errorMark, _),
            .composer(let context, let problem, let errorMark, _):
            message = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ": ")
            // A quote or bracket never closed runs to the end of the file; the place to fix is
            // where it opened, which libyaml gives as the context.
            mark = problem.contains("end of stream") ? (context?.mark ?? errorMark) : errorMark
        case .duplicatedKeysInMapping(let duplicates, let context):
            message = "duplicate key \(duplicates.map { "'\($0)'" }.joined(separator: ", ")) in mapping"
            if let repeated = secondOccurrence(of: duplicates.first ?? "", fromYAMLLine: context.mark.line) {
                diagnostics.append(.error(.malformedYAML, "malformed YAML: \(message)", at: SourceRange(repeated, length: duplicates.first?.utf8.count ?? 0)))
                return
            }
            mark = context.mark
        case .reader(let problem, _, _, _):
            message = problem
            mark = nil
        default:
            message = "\(error)"
            mark = nil
        }
        let location: SourceLocation
        if let mark {
            let line = min(mark.line + firstLine - 1, max(firstLine, file.lineCount))
            location = file.location(line: line, column: file.utf8Column(line: line, scalarColumn: mark.column))
        } else {
            location = file.location(line: firstLine)
        }
        diagnostics.append(.error(.malformedYAML, "malformed YAML: \(message)", at: SourceRange(location)))
    }
}
