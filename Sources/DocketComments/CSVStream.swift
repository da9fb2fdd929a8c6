import DocketSupport
import Foundation

/// RFC 4180 records read a megabyte at a time, so a bulk download of a million comments is
/// read in flat memory; each record knows the line it starts on, and a broken quote is
/// reported where the quote opened.
struct CSVStream {
    struct Record {
        var fields: [String]
        var line: Int
    }

    private let handle: FileHandle
    private let displayPath: String
    private var buffer: [UInt8] = []
    private var position = 0
    private var atEnd = false
    private var line = 1
    private var column = 1
    private static let chunk = 1 << 20

    init(url: URL, displayPath: String) throws {
        handle = try FileHandle(forReadingFrom: url)
        self.displayPath = displayPath
    }

    private mutating func fill() {
        guard !atEnd else { return }
        if position > 0 {
            buffer.removeFirst(position)
            position = 0
        }
        let data = handle.readData(ofLength: Self.chunk)
        if data.isEmpty { atEnd = true } else { buffer.append(contentsOf: data) }
    }

    private mutating func next() -> UInt8? {
        if position >= buffer.count { fill() }
        guard position < buffer.count else { return nil }
        let byte = buffer[position]
        position += 1
        if byte == UInt8(ascii: "\n") { line += 1; column = 1 } else { column += 1 }
        return byte
    }

    private mutating func peek() -> UInt8? {
        if position >= buffer.count { fill() }
        return position < buffer.count ? buffer[position] : nil
    }

    /// The next record, nil at the end of the file.
    mutating func read() throws(Diagnostic) -> Record? {
        if line == 1, column == 1, buffer.isEmpty {
            fill()
            if buffer.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
        }
        guard peek() != nil else { return nil }
        let start = line
        var fields: [String] = []
        var field: [UInt8] = []
        var quoted = false
        while true {
            guard let byte = next() else {
                fields.append(String(decoding: field, as: UTF8.self))
                return Record(fields: fields, line: start)
            }
            switch byte {
            case UInt8(ascii: "\"") where field.isEmpty && !quoted:
                quoted = true
                let opened = SourceLocation(file: displayPath, line: line, column: column - 1)
                while true {
                    guard let inner = next() else {
                        throw .error(.malformedComment, "a quoted field opened here is never closed", at: SourceRange(opened))
                    }
                    if inner == UInt8(ascii: "\"") {
                        if peek() == UInt8(ascii: "\"") {
                            _ = next()
                            field.append(inner)
                        } else {
                            break
                        }
                    } else {
                        field.append(inner)
                    }
                }
                if let after = peek(), after != UInt8(ascii: ","), after != UInt8(ascii: "\n"), after != UInt8(ascii: "\r") {
                    throw .error(
                        .malformedComment, "text follows a closing quote; a quote inside a quoted field is written twice (\"\")",
                        at: SourceRange(SourceLocation(file: displayPath, line: line, column: column)))
                }
            case UInt8(ascii: ","):
                fields.append(String(decoding: field, as: UTF8.self))
                field.removeAll(keepingCapacity: true)
                quoted = false
            case UInt8(ascii: "\r") where peek() == UInt8(ascii: "\n"):
                continue
            case UInt8(ascii: "\n"):
                fields.append(String(decoding: field, as: UTF8.self))
                return Record(fields: fields, line: start)
            case 0:
                throw .error(.malformedComment, "a NUL byte, which no CSV text holds", at: SourceRange(SourceLocation(file: displayPath, line: line, column: column - 1)))
            default:
                field.append(byte)
            }
        }
    }
}
