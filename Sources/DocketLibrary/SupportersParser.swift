import DocketModel
import DocketSupport

/// One supporter's row of a personalization file: the draft's file name and the values it sets.
public struct SupporterRow: Sendable {
    /// Names the draft's file, `<id>.md`.
    public var id: Located<String>
    /// One value per non-empty cell, located at the cell, so a value of the wrong type is
    /// reported where it is written.
    public var values: [PlanVariable]
}

/// A personalization file (`docket compose --each supporters.csv`): a header naming an `id`
/// column and the plan variables to set, then one supporter a row.
public struct SupporterTable: Sendable {
    /// The variable columns' names as written in the header, with their places.
    public var columns: [Located<String>]
    /// One row per supporter, in file order.
    public var rows: [SupporterRow]
}

/// Reads the supporters CSV of `docket compose --each`: an id column, then one column per plan variable a supporter may set.
public enum SupportersParser {
    /// The supporters of `file`, with every problem located. An empty cell keeps the plan's own
    /// value for that row.
    public static func parse(_ file: SourceFile) -> (SupporterTable?, [Diagnostic]) {
        var (records, diagnostics) = CSVReader.read(file)
        guard !records.isEmpty else {
            diagnostics.append(.error(.emptyFile, "the supporters file has no header row", at: .file(file.path)))
            return (nil, diagnostics)
        }
        let header = records.removeFirst()
        guard let idColumn = header.fields.firstIndex(where: { $0.value == "id" }) else {
            diagnostics.append(
                .error(
                    .missingColumn, "the supporters file needs an 'id' column, which names each draft's file; the header is: \(header.fields.map(\.value).joined(separator: ","))",
                    at: SourceRange(file.location(line: header.line))))
            return (nil, diagnostics)
        }
        var columns: [(index: Int, name: Located<String>)] = []
        var seen: Set<String> = ["id"]
        for (index, name) in header.fields.enumerated() where index != idColumn {
            guard !name.value.isEmpty else {
                diagnostics.append(.error(.missingField, "column \(index + 1) has no name; name it after the plan variable it sets", at: name.range))
                continue
            }
            guard seen.insert(name.value).inserted else {
                diagnostics.append(.error(.duplicateID, "column '\(name.value)' is named twice", at: name.range))
                continue
            }
            columns.append((index, name))
        }
        var rows: [SupporterRow] = []
        var firstLineByID: [String: Int] = [:]
        for record in records {
            let rowRange = SourceRange(file.location(line: record.line))
            if record.fields.count != header.fields.count {
                diagnostics.append(.error(.malformedCSV, "row has \(record.fields.count) fields but the header has \(header.fields.count)", at: rowRange))
                continue
            }
            let id = record.fields[idColumn]
            if let problem = PathComponent.problem(id.value) {
                diagnostics.append(.error(.unsafeName, "supporter id '\(id.value)' \(problem); it names the draft's file, so it must be one plain name", at: id.range))
                continue
            }
            if let first = firstLineByID[id.value] {
                diagnostics.append(.error(.duplicateID, "supporter id '\(id.value)' is already used at line \(first)", at: id.range))
                continue
            }
            firstLineByID[id.value] = record.line
            let values = columns.compactMap { column -> PlanVariable? in
                let cell = record.fields[column.index]
                return cell.value.isEmpty ? nil : PlanVariable(name: column.name.value, value: .scalar(cell.value), range: cell.range)
            }
            rows.append(SupporterRow(id: id, values: values))
        }
        return (SupporterTable(columns: columns.map(\.name), rows: rows), diagnostics)
    }
}
