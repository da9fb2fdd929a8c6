import DocketModel
import DocketSupport

/// Reads `signatories.csv`: one organization a row, with a header naming the columns.
public enum SignatoriesParser {
    /// The columns a roster may have, from `FileFormats.roster`.
    public static let columns = FileFormats.roster.keys

    /// The signatories of `signatories.csv`, with every problem located.
    public static func parse(_ file: SourceFile) -> ([Signatory], [Diagnostic]) {
        var (records, diagnostics) = CSVReader.read(file)
        guard !records.isEmpty else {
            diagnostics.append(.error(.emptyFile, "signatories file has no header row", at: .file(file.path)))
            return ([], diagnostics)
        }
        let header = records.removeFirst()
        var columnIndex: [String: Int] = [:]
        for (index, name) in header.fields.enumerated() {
            let key = name.value.lowercased()
            if columns.contains(key) {
                columnIndex[key] = index
            } else if let suggestion = Wording.closestMatch(to: key, in: columns) {
                diagnostics.append(.warning(.unknownKey, "unknown column '\(name.value)'; did you mean '\(suggestion)'?", at: name.range, fixIt: suggestion))
            } else {
                diagnostics.append(.warning(.unknownKey, "unknown column '\(name.value)' is ignored; columns are \(columns.joined(separator: ", "))", at: name.range))
            }
        }
        guard let organizationColumn = columnIndex["organization"] else {
            diagnostics.append(
                .error(
                    .missingColumn, "signatories file needs an 'organization' column; the header is: \(header.fields.map(\.value).joined(separator: ","))",
                    at: SourceRange(file.location(line: header.line))))
            return ([], diagnostics)
        }

        var signatories: [Signatory] = []
        var firstLineByID: [String: Int] = [:]
        for record in records {
            let rowRange = SourceRange(file.location(line: record.line))
            func value(_ column: String) -> Located<String>? {
                guard let index = columnIndex[column], index < record.fields.count else { return nil }
                let field = record.fields[index]
                return field.value.isEmpty ? nil : field
            }
            if record.fields.count != header.fields.count {
                diagnostics.append(.warning(.malformedCSV, "row has \(record.fields.count) fields but the header has \(header.fields.count)", at: rowRange))
            }
            guard let organization = value("organization") else {
                let range = organizationColumn < record.fields.count ? record.fields[organizationColumn].range : rowRange
                diagnostics.append(.error(.missingOrganization, "signatory row has no organization name", at: range))
                continue
            }
            let id = value("id")?.value ?? Signatory.slug(organization.value)
            let email = value("contact_email")
            // The same rules the sign-on form and a lead's correction meet.
            let problems = SignatoryValidation.problems(
                id: value("id")?.value, organization: organization.value, city: value("city")?.value, state: value("state")?.value,
                contactName: value("contact_name")?.value, contactEmail: email?.value, contactPhone: value("contact_phone")?.value)
            for problem in problems {
                diagnostics.append(.error(problem.code, problem.message, at: value(problem.field.rawValue)?.range ?? organization.range))
            }
            // A bad address is shown but the row still counts; a row that cannot be named or
            // written back cannot.
            if problems.contains(where: { $0.code != .malformedEmail }) { continue }
            if let first = firstLineByID[id] {
                diagnostics.append(.error(.duplicateSignatory, "'\(organization.value)' is already listed at line \(first) (signer id '\(id)')", at: organization.range))
                continue
            }
            firstLineByID[id] = record.line
            signatories.append(
                Signatory(
                    id: id, organization: organization.value, city: value("city")?.value, state: value("state")?.value,
                    contactName: value("contact_name")?.value, contactEmail: email?.value, contactPhone: value("contact_phone")?.value,
                    source: organization.range))
        }
        return (signatories, diagnostics)
    }
}
