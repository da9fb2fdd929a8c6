import DocketModel
import DocketSupport
/// An RFC 4180 reader that keeps the line and column of every field. CSV needs no library for
/// correctness, but it does need locations, which general CSV libraries do not report.
struct CSVRecord {
    var fields: [Located<String>]
    var line: Int
}

enum CSVReader {
    static func read(_ file: SourceFile) -> ([CSVRecord], [Diagnostic]) {
        var records: [CSVRecord] = []
        var diagnostics: [Diagnostic] = []
        var fields: [Located<String>] = []
        var field: [UInt8] = []
        var fieldStart = (line: 1, column: 1)
        var recordLine = 1
        var line = 1
        var column = 1
        var inQuotes = false
        var quoteStart = (line: 1, column: 1)
        var fieldWasQuoted = false

        func finishField() {
            let value = String(decoding: field, as: UTF8.self)
            let range = SourceRange(file.location(line: fieldStart.line, column: fieldStart.column), length: field.count)
            fields.append(Located(fieldWasQuoted ? value : value.trimmingSpaces(), at: range))
            field.removeAll(keepingCapacity: true)
            fieldWasQuoted = false
        }
        func finishRecord() {
            finishField()
            if !(fields.count == 1 && fields[0].value.isEmpty) {
                records.append(CSVRecord(fields: fields, line: recordLine))
            }
            fields.removeAll()
        }

        let bytes = Array(file.text.utf8)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if inQuotes {
                if byte == UInt8(ascii: "\"") {
                    if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\"") {
                        field.append(byte)
                        index += 2
                        column += 2
                        continue
                    }
                    inQuotes = false
                } else {
                    field.append(byte)
                    if byte == UInt8(ascii: "\n") { line += 1; column = 0 }
                }
            } else {
                switch byte {
                case UInt8(ascii: "\""):
                    if field.allSatisfy({ $0 == UInt8(ascii: " ") }) {
                        field.removeAll()
                        inQuotes = true
                        fieldWasQuoted = true
                        quoteStart = (line, column)
                        fieldStart = (line, column + 1)
                    } else {
                        field.append(byte)
                    }
                case UInt8(ascii: ","):
                    finishField()
                    fieldStart = (line, column + 1)
                case UInt8(ascii: "\r"):
                    break
                case UInt8(ascii: "\n"):
                    finishRecord()
                    line += 1
                    column = 0
                    recordLine = line
                    fieldStart = (line, 1)
                default:
                    field.append(byte)
                }
            }
            index += 1
            column += 1
        }
        if inQuotes {
            diagnostics.append(
                .error(.malformedCSV, "quoted field opened here is never closed with '\"'", at: SourceRange(file.location(line: quoteStart.line, column: quoteStart.column))))
        } else if !field.isEmpty || !fields.isEmpty {
            finishRecord()
        }
        return (records, diagnostics)
    }
}

extension String {
    func trimmingSpaces() -> String {
        var scalars = Substring(self)
        while scalars.first == " " || scalars.first == "\t" { scalars.removeFirst() }
        while scalars.last == " " || scalars.last == "\t" { scalars.removeLast() }
        return String(scalars)
    }
}
