import DocketModel
import DocketSupport
import Foundation
import Yams

/// Reads `plan.yml`.
public enum PlanParser {
    static let keys = FileFormats.plan.keys
    static let submitterKeys = FileFormats.plan.keys(of: "submitter")
    /// A section's keys; `answer` goes only with `clause`, in an answer section.
    static let sectionKeys = FileFormats.plan.keys(of: "sections").filter { $0 != "answer" }

    /// A plan from `plan.yml`, with every problem located.
    public static func parse(_ file: SourceFile) -> (Plan?, [Diagnostic]) {
        let (root, reader) = LibraryFileParser.parseYAML(file, expected: "plan fields (key: value)")
        guard let mapping = root else { return (nil, reader.diagnostics) }
        let owner = SourceRange(file.location(line: 1))
        let context = "plan"
        reader.checkKeys(of: mapping, allowed: keys, in: context)

        let folderName = URL(fileURLWithPath: file.path).deletingLastPathComponent().lastPathComponent
        let nameField = reader.string("name", in: mapping, required: false, context: context, at: owner)
        let name = nameField?.value ?? folderName
        // The name becomes the output folder `out/<name>/`.
        if let problem = PathComponent.problem(name) {
            reader.add(
                .error(
                    .unsafeName, "the plan's name '\(name)' \(problem); it names the output folder, so it must be one plain folder name",
                    at: nameField?.range ?? owner))
        }
        let title = reader.string("title", in: mapping, required: false, context: context, at: owner)?.value
        let kindText = reader.string("kind", in: mapping, required: true, context: context, at: owner)
        var kind: Plan.Kind?
        if let kindText {
            kind = Plan.Kind(rawValue: kindText.value)
            if kind == nil {
                let names = Plan.Kind.allCases.map(\.rawValue)
                reader.add(
                    .error(
                        .invalidValue, "unknown plan kind '\(kindText.value)'; use one of \(names.joined(separator: ", "))", at: kindText.range,
                        fixIt: Wording.closestMatch(to: kindText.value, in: names)))
            }
        }
        let docket = reader.string("docket", in: mapping, required: kind == .comment, context: "a comment plan", at: owner)
        let template = reader.string("template", in: mapping, required: false, context: context, at: owner)
        // One library or a list, searched in order after the campaign's own folder.
        let libraries = reader.stringList("library", in: mapping)
        let signatories = reader.string("signatories", in: mapping, required: kind == .signOnLetter, context: "a sign-on letter plan", at: owner)
        let outputs = parseOutputs(in: mapping, reader: reader)
        let submitter = parseSubmitter(in: mapping, reader: reader, owner: owner)
        let variables = parseVariables(in: mapping, reader: reader)
        let sections = parseSections(in: mapping, reader: reader, owner: owner)

        let date = reader.date("date", in: mapping, context: context, at: owner)
        let approvals = reader.string("approvals", in: mapping, required: false, context: context, at: owner)
        if let approvals, !["required", "not-required"].contains(approvals.value) {
            reader.add(
                .error(
                    .invalidValue, "'approvals' is 'required' (the default) or 'not-required'", at: approvals.range,
                    fixIt: Wording.closestMatch(to: approvals.value, in: ["required", "not-required"])))
        }
        guard let kind, let submitter, !reader.diagnostics.hasErrors else { return (nil, reader.diagnostics) }
        var plan = Plan(
            name: name, title: title, kind: kind, docket: docket, template: template, library: nil, submitter: submitter, variables: variables, sections: sections,
            signatories: signatories,
            outputs: outputs, sendEmailReceipt: mapping["submitter"]?.mapping?["receipt"]?.bool ?? false, submitterRange: submitterRange(mapping, reader: reader),
            source: owner)
        plan.approvalsRequired = approvals?.value != "not-required"
        plan.libraries = libraries
        plan.date = date
        plan.openSignOn = reader.bool("open-sign-on", in: mapping)?.value ?? false
        return (plan, reader.diagnostics)
    }

    private static func parseSubmitter(in mapping: Node.Mapping, reader: YAMLReader, owner: SourceRange) -> Submitter? {
        guard let node = mapping["submitter"] else {
            reader.missing("submitter", in: "plan", at: owner)
            return nil
        }
        guard let fields = reader.mapping(node, expected: "submitter fields") else { return nil }
        reader.checkKeys(of: fields, allowed: submitterKeys, in: "submitter")
        let range = reader.range(of: node)
        guard let type = reader.string("type", in: fields, required: true, context: "submitter", at: range) else { return nil }
        checkSubmitterLimits(fields, reader: reader)
        let field = { (key: String) in reader.string(key, in: fields, required: false, context: "submitter", at: range)?.value }
        // Regulations.gov takes either a person's name or an organization, never both; sending
        // both is a known way of getting a comment misattributed.
        let personal = ["firstName", "lastName"].filter { fields[$0] != nil }
        let organizational = ["organization", "organizationType"].filter { fields[$0] != nil }
        switch type.value {
        case "individual":
            for key in organizational {
                reader.add(
                    .error(
                        .submitterFields, "an individual submitter must not carry '\(key)'; use type 'organization' to file for an organization",
                        at: reader.range(ofKey: key, in: fields) ?? range))
            }
            let first = reader.string("firstName", in: fields, required: true, context: "individual submitter", at: range)
            let last = reader.string("lastName", in: fields, required: true, context: "individual submitter", at: range)
            guard let first, let last else { return nil }
            return .individual(
                .init(
                    firstName: first.value, lastName: last.value, city: field("city"), state: field("state"), zip: field("zip"), country: field("country"), email: field("email"),
                    phone: field("phone")))
        case "organization":
            for key in personal {
                reader.add(
                    .error(
                        .submitterFields, "an organization submitter must not carry '\(key)'; Regulations.gov takes a person's name only from individuals",
                        at: reader.range(ofKey: key, in: fields) ?? range))
            }
            guard let name = reader.string("organization", in: fields, required: true, context: "organization submitter", at: range) else { return nil }
            return .organization(
                .init(
                    name: name.value, organizationType: field("organizationType"), city: field("city"), state: field("state"), country: field("country"), email: field("email"),
                    phone: field("phone")))
        case "anonymous":
            for key in personal + organizational {
                reader.add(.error(.submitterFields, "an anonymous submitter must not carry '\(key)'", at: reader.range(ofKey: key, in: fields) ?? range))
            }
            return .anonymous
        default:
            let names = ["individual", "organization", "anonymous"]
            reader.add(
                .error(
                    .invalidValue, "unknown submitter type '\(type.value)'; use one of \(names.joined(separator: ", "))", at: type.range,
                    fixIt: Wording.closestMatch(to: type.value, in: names)))
            return nil
        }
    }

    /// From the `submitter:` key to its last value, so a scan for private data can tell the
    /// submitter's own email from a copy of it elsewhere in the plan.
    private static func submitterRange(_ mapping: Node.Mapping, reader: YAMLReader) -> SourceRange? {
        guard let key = reader.range(ofKey: "submitter", in: mapping), let fields = mapping["submitter"]?.mapping else { return nil }
        let last = fields.map { reader.range(of: $0.value).end }.max() ?? key.end
        return SourceRange(start: key.start, end: last)
    }

    /// Lengths and the receipt email are checked here, where each value's position is known,
    /// so `docket check` reports them long before anyone files.
    private static func checkSubmitterLimits(_ fields: Node.Mapping, reader: YAMLReader) {
        for field in RegulationsGovLimits.fields {
            guard let node = fields[field.planKey], let value = node.scalar?.string else { continue }
            if let problem = RegulationsGovLimits.lengthProblem(value, limit: field.maxLength) {
                reader.add(
                    .error(
                        .submitterFieldTooLong, "submitter '\(field.planKey)' is \(problem); Regulations.gov refuses longer values", at: reader.range(of: node)))
            }
        }
        if let receipt = reader.bool("receipt", in: fields), receipt.value, fields["email"] == nil {
            reader.add(
                .error(
                    .receiptWithoutEmail, "a receipt is requested but the submitter has no 'email'; Regulations.gov sends the receipt to that address",
                    at: receipt.range))
        }
    }

    private static func parseVariables(in mapping: Node.Mapping, reader: YAMLReader) -> [PlanVariable] {
        guard let node = mapping["variables"], !reader.isNull(node) else { return [] }
        guard let values = reader.mapping(node, expected: "a mapping of variable names to values") else { return [] }
        return values.compactMap { key, value in
            guard let name = reader.string(key, field: "variable name") else { return nil }
            if let sequence = value.sequence {
                let items = sequence.compactMap { reader.string($0, field: name.value)?.value }
                return PlanVariable(name: name.value, value: .list(items), range: reader.range(of: value))
            }
            guard let scalar = value.scalar else {
                reader.wrongType(value, expected: "a value or a list for '\(name.value)'")
                return nil
            }
            return PlanVariable(name: name.value, value: .scalar(scalar.string), range: reader.range(of: value))
        }
    }

    private static func parseSections(in mapping: Node.Mapping, reader: YAMLReader, owner: SourceRange) -> [PlanSection] {
        guard let sequence = reader.sequence("sections", in: mapping), !sequence.isEmpty else {
            reader.missing("sections", in: "plan", at: reader.range(ofKey: "sections", in: mapping) ?? owner)
            return []
        }
        return sequence.compactMap { item in
            guard
                let entry = reader.mapping(
                    item, expected: "a section: '- clause: ID', '- heading: TEXT', '- recommendations: [ID, …]', '- insert: PART' or '- answer: N' with 'clause: ID'")
            else {
                return nil
            }
            let range = reader.range(of: item)
            if let answerNode = entry["answer"] {
                reader.checkKeys(of: entry, allowed: ["answer", "clause"], in: "an answer section")
                guard let number = Int(answerNode.scalar?.string ?? "") else {
                    reader.wrongType(answerNode, expected: "the number of the docket question answered")
                    return nil
                }
                guard let clause = clauseReference(entry, reader: reader, at: range) else { return nil }
                return .answer(question: Located(number, at: reader.range(of: answerNode)), clause: clause)
            }
            reader.checkKeys(of: entry, allowed: sectionKeys, in: "a section")
            if let insert = reader.string("insert", in: entry, required: false, context: "section", at: range) {
                guard let part = GeneratedPart(rawValue: insert.value) else {
                    let names = GeneratedPart.allCases.map(\.rawValue)
                    reader.add(
                        .error(
                            .invalidValue, "unknown part '\(insert.value)' to insert; use one of \(names.joined(separator: ", "))", at: insert.range,
                            fixIt: Wording.closestMatch(to: insert.value, in: names)))
                    return nil
                }
                return .generated(Located(part, at: insert.range))
            }
            if entry["clause"] != nil { return clauseReference(entry, reader: reader, at: range).map(PlanSection.clause) }
            if let heading = reader.string("heading", in: entry, required: false, context: "section", at: range) { return .heading(heading) }
            if entry["recommendations"] != nil {
                let ids = reader.stringList("recommendations", in: entry)
                return ids.isEmpty ? nil : .recommendations(ids)
            }
            reader.add(.error(.missingField, "a section needs one of 'clause', 'heading', 'recommendations', 'insert' or 'answer'", at: range))
            return nil
        }
    }

    private static func clauseReference(_ entry: Node.Mapping, reader: YAMLReader, at range: SourceRange) -> ClauseReference? {
        guard let text = reader.string("clause", in: entry, required: true, context: "section", at: range) else { return nil }
        guard let reference = ClauseReference(parsing: text.value, range: text.range) else {
            reader.add(.error(.invalidValue, "clause reference '\(text.value)' must be an id, optionally pinned to a version: 'intro.coalition@3'", at: text.range))
            return nil
        }
        return reference
    }
}

extension PlanParser {
    /// `outputs:` as formats compose writes; a name it does not write is an error at its line.
    static func parseOutputs(in mapping: Node.Mapping, reader: YAMLReader) -> [Located<OutputFormat>] {
        let names = OutputFormat.allCases.map(\.rawValue)
        var formats: [Located<OutputFormat>] = []
        for output in reader.stringList("outputs", in: mapping) {
            if let format = OutputFormat(rawValue: output.value) {
                formats.append(Located(format, at: output.range))
            } else if output.value == "pdf" {
                reader.add(
                    .error(
                        .invalidValue, "compose writes no PDF: 'docket package' makes the tagged PDF attachment from the DOCX; list any of \(names.joined(separator: ", "))",
                        at: output.range, fixIt: "docx"))
            } else {
                reader.add(
                    .error(
                        .invalidValue, "unknown output format '\(output.value)'; use any of \(names.joined(separator: ", "))", at: output.range,
                        fixIt: Wording.closestMatch(to: output.value, in: names)))
            }
        }
        return formats
    }
}
