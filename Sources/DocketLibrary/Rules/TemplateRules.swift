import DocketMarkdown
import DocketModel
import DocketSupport
import Foundation

/// Checks the CommonMark + Mustache body of a clause, document template or recommendation.
public enum TemplateRules {
    /// Names read by the body, or nil when the body does not parse.
    @discardableResult
    public static func check(body: String, firstLine: Int, file: String, lineText: (Int) -> Substring, into diagnostics: inout DiagnosticCollector) -> [String]? {
        checkRawHTML(body: body, firstLine: firstLine, file: file, into: &diagnostics)
        switch TemplateVariables.names(in: body) {
        case .success(let names):
            checkBuiltinFields(body: body, firstLine: firstLine, file: file, into: &diagnostics)
            return names
        case .failure(let error):
            let line = firstLine + error.line - 1
            let column = columnInUTF8(lineText(line), characterColumn: error.column)
            let code: DiagnosticCode =
                switch error.kind {
                case .unclosedTag: .unclosedTag
                case .nestingTooDeep: .nestingTooDeep
                case nil: .templateSyntax
                }
            diagnostics.emit(.error(code, "template error: \(error.message)", at: SourceRange(SourceLocation(file: file, line: line, column: column))))
            return nil
        }
    }

    /// A clause must declare every variable it reads, and should read every one it declares.
    public static func check(_ clause: Clause, source: SourceFile?, into diagnostics: inout DiagnosticCollector) {
        let file = clause.source.start.file
        let lineText = { (line: Int) in source?.lineText(line) ?? "" }
        guard let used = check(body: clause.body, firstLine: clause.bodyFirstLine, file: file, lineText: lineText, into: &diagnostics) else { return }
        let declared = Set(clause.variables.map(\.name))
        for name in used where !declared.contains(name) && !TemplateVariables.builtins.contains(name) {
            let location = firstUse(of: name, in: clause.body, firstLine: clause.bodyFirstLine, file: file) ?? clause.source.start
            let suggestion = Wording.closestMatch(to: name, in: Array(declared))
            var hint = suggestion.map { "; did you mean '\($0)'?" } ?? "; declare it under 'variables:' with its type"
            // The roster is not a clause's to count: only those who approved sign.
            if name == "signatories" { hint = "; write 'signers.count' or 'signers.organizations': the organizations that approved this version" }
            diagnostics.emit(
                .error(
                    .undeclaredVariable, "\(clause.role == .document ? "template" : "clause") '\(clause.id)' uses undeclared variable '\(name)'\(hint)",
                    at: SourceRange(location, length: name.utf8.count), fixIt: suggestion))
        }
        let usedSet = Set(used)
        for variable in clause.variables where !usedSet.contains(variable.name) {
            diagnostics.emit(.warning(.unusedVariable, "variable '\(variable.name)' is declared but the text never uses it", at: variable.range))
        }
    }

    /// `{{docket.nonexistent}}` would render as nothing in a filed comment: every field named
    /// on a built-in value must be one the composer fills.
    private static func checkBuiltinFields(body: String, firstLine: Int, file: String, into diagnostics: inout DiagnosticCollector) {
        for tag in MustacheScan.tags(in: body) {
            let parts = tag.name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            guard parts.count > 1, let fields = TemplateVariables.builtinFields[parts[0]] else { continue }
            let (line, column) = MustacheScan.location(of: tag.utf8Offset, in: body)
            let at = SourceRange(SourceLocation(file: file, line: firstLine + line - 1, column: column), length: tag.name.utf8.count)
            guard fields.contains(parts[1]) else {
                let known = fields.sorted().joined(separator: ", ")
                diagnostics.emit(
                    .error(
                        .unknownField, "'\(parts[0])' has no field '\(parts[1])', so '{{\(tag.name)}}' would print nothing; it has \(known)", at: at,
                        fixIt: Wording.closestMatch(to: parts[1], in: Array(fields)).map { "\(parts[0]).\($0)" }))
                continue
            }
            let field = parts[0] + "." + parts[1]
            if parts.count > 2 {
                let valid = TemplateVariables.dateFields.contains(field) && parts.count == 3 && TemplateVariables.dateChildren.contains(parts[2])
                if !valid {
                    let children = TemplateVariables.dateFields.contains(field) ? "; a date has .iso and .year" : "; it has no fields"
                    diagnostics.emit(.error(.unknownField, "'\(field)' has no field '\(parts[2...].joined(separator: "."))'\(children)", at: at))
                }
            }
        }
    }

    /// Safe rendering drops raw HTML; say so where it is written rather than let text vanish.
    private static func checkRawHTML(body: String, firstLine: Int, file: String, into diagnostics: inout DiagnosticCollector) {
        guard body.utf8.contains(UInt8(ascii: "<")) else { return }
        CommonMarkDocument(body).forEachNode { node in
            guard node.kind == .htmlBlock || node.kind == .htmlInline else { return }
            let location = SourceLocation(file: file, line: firstLine + node.line - 1, column: node.column)
            diagnostics.emit(.warning(.rawHTMLDropped, "raw HTML is dropped from rendered output; write it in Markdown", at: SourceRange(location)))
        }
    }

    /// Where `{{name}}` (or a section tag naming it) first appears in the body.
    private static func firstUse(of name: String, in body: String, firstLine: Int, file: String) -> SourceLocation? {
        for (offset, line) in body.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var searchStart = line.startIndex
            while let open = line[searchStart...].range(of: "{{") {
                var cursor = open.upperBound
                while cursor < line.endIndex, "#^/&{> ".contains(line[cursor]) { cursor = line.index(after: cursor) }
                let rest = line[cursor...]
                if rest.hasPrefix(name), rest.dropFirst(name.count).first.map({ !($0.isLetter || $0.isNumber || $0 == "_") }) ?? true {
                    let column = line.utf8.distance(from: line.startIndex, to: cursor) + 1
                    return SourceLocation(file: file, line: firstLine + offset, column: column)
                }
                searchStart = open.upperBound
            }
        }
        return nil
    }

    private static func columnInUTF8(_ line: Substring, characterColumn: Int) -> Int {
        let index = line.index(line.startIndex, offsetBy: max(0, characterColumn - 1), limitedBy: line.endIndex) ?? line.endIndex
        return line.utf8.distance(from: line.startIndex, to: index) + 1
    }
}
