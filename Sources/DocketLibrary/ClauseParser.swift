import DocketModel
import DocketSupport
import Yams

/// Reads `Templates/**/*.md`: clauses and document templates.
public enum ClauseParser {
    static let keys = FileFormats.clause.keys
    static let variableKeys = FileFormats.clause.keys(of: "variables")

    /// A clause or document template from its file, with every problem located.
    public static func parse(_ file: SourceFile, role: Clause.Role) -> (Clause?, [Diagnostic]) {
        let kind = role == .document ? "document template" : "clause"
        let (parsed, diagnostics) = LibraryFileParser.parseFrontMatter(file, kind: kind)
        guard let parsed else { return (nil, diagnostics) }
        let reader = parsed.reader
        let mapping = parsed.mapping
        reader.checkKeys(of: mapping, allowed: keys, in: kind)

        let id = reader.string("id", in: mapping, required: true, context: kind, at: parsed.owner)
        if let id, !IdentifierRules.isClauseID(id.value) {
            reader.add(.error(.invalidID, "\(kind) id '\(id.value)' must be lower-case words joined by dots or hyphens, e.g. 'intro.coalition'", at: id.range))
        }
        let version = reader.integer("version", in: mapping, required: true, context: kind, at: parsed.owner)
        if let version, version.value < 1 {
            reader.add(.error(.invalidValue, "version must be 1 or more", at: version.range))
        }
        let title = reader.string("title", in: mapping, required: true, context: kind, at: parsed.owner)
        let tags = reader.stringList("tags", in: mapping).map(\.value)
        let variables = parseVariables(in: mapping, reader: reader)
        let (body, evidence, paragraphs, factsAsOf) = EvidenceParser.read(mapping, document: parsed.document, file: file, reader: reader, context: kind, owner: parsed.owner)

        if parsed.document.body.allSatisfy(\.isWhitespace) {
            reader.add(.error(.emptyBody, "\(kind) has no text after its front matter", at: SourceRange(file.location(line: parsed.document.bodyFirstLine - 1))))
        }
        guard let id, let version, let title, !reader.diagnostics.hasErrors else { return (nil, reader.diagnostics) }
        var clause = Clause(
            id: id.value, version: version.value, title: title.value, role: role, variables: variables, tags: tags, body: body, source: id.range,
            bodyFirstLine: parsed.document.bodyFirstLine)
        clause.factsAsOf = factsAsOf
        clause.evidence = evidence
        clause.paragraphs = paragraphs
        return (clause, reader.diagnostics)
    }

    /// `variables:` maps each name to `{ type, required, default, description }`, or just to a
    /// type name as shorthand: `coalition_name: string`.
    private static func parseVariables(in mapping: Node.Mapping, reader: YAMLReader) -> [Variable] {
        guard let node = mapping["variables"], !reader.isNull(node) else { return [] }
        guard let declarations = reader.mapping(node, expected: "a mapping of variable names to their types") else { return [] }
        var variables: [Variable] = []
        for (key, value) in declarations {
            guard let name = reader.string(key, field: "variable name") else { continue }
            guard isVariableName(name.value) else {
                reader.add(.error(.invalidID, "variable name '\(name.value)' must start with a letter and use only letters, digits and '_'", at: name.range))
                continue
            }
            if let shorthand = value.scalar {
                guard let type = variableType(shorthand.string, at: reader.range(of: value), reader: reader) else { continue }
                variables.append(Variable(name: name.value, type: type, required: false, defaultValue: nil, description: nil, range: name.range))
                continue
            }
            guard let fields = reader.mapping(value, expected: "'{ type: string, required: true }'") else { continue }
            reader.checkKeys(of: fields, allowed: variableKeys, in: "variable '\(name.value)'")
            guard let typeText = reader.string("type", in: fields, required: true, context: "variable '\(name.value)'", at: name.range),
                let type = variableType(typeText.value, at: typeText.range, reader: reader)
            else { continue }
            let required = reader.bool("required", in: fields)?.value ?? false
            let description = reader.string("description", in: fields, required: false, context: "variable", at: name.range)?.value
            var defaultValue: VariableValue?
            if let defaultNode = fields["default"], !reader.isNull(defaultNode) {
                defaultValue = typedDefault(defaultNode, type: type, variable: name.value, reader: reader)
            }
            variables.append(Variable(name: name.value, type: type, required: required, defaultValue: defaultValue, description: description, range: name.range))
        }
        return variables
    }

    private static func variableType(_ text: String, at range: SourceRange, reader: YAMLReader) -> VariableType? {
        if let type = VariableType(rawValue: text) { return type }
        let names = VariableType.allCases.map(\.rawValue)
        let hint = Wording.closestMatch(to: text, in: names).map { "; did you mean '\($0)'?" } ?? "; use one of \(names.joined(separator: ", "))"
        reader.add(.error(.unknownVariableType, "unknown variable type '\(text)'\(hint)", at: range, fixIt: Wording.closestMatch(to: text, in: names)))
        return nil
    }

    private static func typedDefault(_ node: Node, type: VariableType, variable: String, reader: YAMLReader) -> VariableValue? {
        let raw: PlanVariable.RawValue
        if let sequence = node.sequence {
            raw = .list(sequence.compactMap { $0.scalar?.string })
        } else if let scalar = node.scalar {
            raw = .scalar(scalar.string)
        } else {
            reader.wrongType(node, expected: "a \(type.rawValue) default for '\(variable)'")
            return nil
        }
        let probe = PlanVariable(name: variable, value: raw, range: reader.range(of: node))
        guard let value = probe.typed(as: type) else {
            reader.add(
                .error(.defaultTypeMismatch, "default for '\(variable)' is not a valid \(type.rawValue)\(type == .date ? " (write YYYY-MM-DD)" : "")", at: reader.range(of: node)))
            return nil
        }
        return value
    }

    static func isVariableName(_ name: String) -> Bool {
        guard let first = name.first, first.isLetter, first.isASCII else { return false }
        return name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
    }
}
