import Foundation

/// The decoded text of one input file with a line table, so any byte offset or YAML mark can be
/// turned into a `SourceLocation`.
public struct SourceFile: Sendable {
    /// The path as the user named it; diagnostics print it unchanged so editors can follow it.
    public let path: String
    /// The decoded text, without a byte-order mark.
    public let text: String
    /// UTF-8 offset at which each line starts.
    private let lineStarts: [Int]

    /// The text of the file shown as `path`, with its line table built.
    public init(path: String, text: String) {
        self.path = path
        self.text = text
        var starts = [0]
        for (offset, byte) in text.utf8.enumerated() where byte == UInt8(ascii: "\n") {
            starts.append(offset + 1)
        }
        self.lineStarts = starts
    }

    /// The number of lines: one more than the number of line breaks.
    public var lineCount: Int { lineStarts.count }

    /// The location of a 1-based line and UTF-8 column.
    public func location(line: Int, column: Int = 1) -> SourceLocation {
        SourceLocation(file: path, line: line, column: column)
    }

    /// The location of a UTF-8 byte offset into the text.
    public func location(ofUTF8Offset offset: Int) -> SourceLocation {
        let line = lineIndex(containingUTF8Offset: offset)
        return SourceLocation(file: path, line: line + 1, column: offset - lineStarts[line] + 1)
    }

    /// Where `needle` first appears in the file, if it does.
    public func location(ofFirst needle: String) -> SourceLocation? {
        guard let range = text.range(of: needle) else { return nil }
        return location(ofUTF8Offset: text.utf8.distance(from: text.startIndex, to: range.lowerBound))
    }

    /// The text of a 1-based line, without its line break.
    public func lineText(_ line: Int) -> Substring {
        guard line >= 1, line <= lineStarts.count else { return "" }
        let utf8 = text.utf8
        let start = utf8.index(utf8.startIndex, offsetBy: lineStarts[line - 1])
        let end =
            line < lineStarts.count
            ? utf8.index(utf8.startIndex, offsetBy: lineStarts[line] - 1)
            : utf8.endIndex
        var substring = text[start..<end]
        if substring.hasSuffix("\r") { substring = substring.dropLast() }
        return substring
    }

    /// libyaml counts columns in Unicode scalars; diagnostics use UTF-8 columns.
    public func utf8Column(line: Int, scalarColumn: Int) -> Int {
        let text = lineText(line)
        let scalars = text.unicodeScalars
        let index = scalars.index(scalars.startIndex, offsetBy: max(0, scalarColumn - 1), limitedBy: scalars.endIndex) ?? scalars.endIndex
        return text.utf8.distance(from: text.utf8.startIndex, to: index) + 1
    }

    private func lineIndex(containingUTF8Offset offset: Int) -> Int {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return low
    }
}

/// Decodes input files defensively: a file that is too large, empty or not UTF-8 becomes a
/// diagnostic instead of a crash or garbled text. Reading the bytes from disk is the workflow
/// layer's job; this only judges them.
public enum SourceFileReader {
    /// Library and plan files are hand-written text; anything larger is almost certainly a mistake.
    public static let maximumSize = 5_000_000

    /// The text of `data`, shown in diagnostics as `path`; nil with the reason when it is not
    /// usable text.
    /// With `salvaging`, a file whose only fault is a control character is returned too (the
    /// character replaced by U+FFFD) beside its error, for callers that refuse on any error
    /// but want to know what the file is.
    public static func decode(_ data: Data, path: String, salvaging: Bool = false) -> (SourceFile?, [Diagnostic]) {
        let whole = SourceRange.file(path)
        if data.count > maximumSize {
            return (nil, [.error(.fileTooLarge, "file is \(Wording.bytes(data.count)); library and plan files are limited to \(Wording.bytes(maximumSize))", at: whole)])
        }
        if let badOffset = firstInvalidUTF8Offset(in: data) {
            let location = locationOfByte(badOffset, in: data, path: path)
            let byte = String(format: "0x%02X", data[data.startIndex + badOffset])
            return (nil, [.error(.invalidUTF8, "file is not valid UTF-8: byte \(byte) cannot start or continue a character; re-save the file as UTF-8", at: SourceRange(location))])
        }
        if let offset = firstControlCharacterOffset(in: data) {
            let location = locationOfByte(offset, in: data, path: path)
            let byte = String(format: "U+%04X", data[data.startIndex + offset])
            let problem = Diagnostic.error(
                .controlCharacter,
                "file contains the control character \(byte); text files may hold tabs and line breaks only (a NUL would cut the text short in HTML and DOCX)",
                at: SourceRange(location))
            guard salvaging else { return (nil, [problem]) }
            // The file is still read, with each control character shown as U+FFFD, so a clause
            // keeps its id: the error is then reported where the plan uses it, at its line,
            // not as an unknown clause beside an unused file.
            var cleaned = Data(capacity: data.count + 16)
            for byte in data {
                if isControlByte(byte) { cleaned.append(contentsOf: [0xEF, 0xBF, 0xBD]) } else { cleaned.append(byte) }
            }
            let (file, more) = decode(cleaned, path: path)
            return (file, [problem] + more)
        }
        var text = String(decoding: data, as: UTF8.self)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        if text.allSatisfy(\.isWhitespace) {
            return (nil, [.error(.emptyFile, "file is empty", at: whole)])
        }
        return (SourceFile(path: path, text: text), [])
    }

    /// The offset of the first C0 control byte other than tab, line feed and carriage return,
    /// or of DEL. In UTF-8 these bytes never occur inside a multi-byte character.
    package static func firstControlCharacterOffset(in data: Data) -> Int? {
        data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) -> Int? in
            buffer.firstIndex(where: isControlByte)
        }
    }

    private static func isControlByte(_ byte: UInt8) -> Bool {
        (byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D) || byte == 0x7F
    }

    /// Returns the offset of the first byte that breaks UTF-8, or nil if the data is valid.
    package static func firstInvalidUTF8Offset(in data: Data) -> Int? {
        data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) -> Int? in
            let bytes = buffer.bindMemory(to: UInt8.self)
            var index = 0
            let count = bytes.count
            while index < count {
                let lead = bytes[index]
                if lead < 0x80 { index += 1; continue }
                let length: Int
                var minimumSecond: UInt8 = 0x80
                var maximumSecond: UInt8 = 0xBF
                switch lead {
                case 0xC2...0xDF: length = 2
                case 0xE0: length = 3; minimumSecond = 0xA0
                case 0xE1...0xEC, 0xEE...0xEF: length = 3
                case 0xED: length = 3; maximumSecond = 0x9F
                case 0xF0: length = 4; minimumSecond = 0x90
                case 0xF1...0xF3: length = 4
                case 0xF4: length = 4; maximumSecond = 0x8F
                default: return index
                }
                guard index + length <= count else { return index }
                let second = bytes[index + 1]
                guard second >= minimumSecond, second <= maximumSecond else { return index }
                for offset in 2..<length where bytes[index + offset] & 0xC0 != 0x80 {
                    return index
                }
                index += length
            }
            return nil
        }
    }

    private static func locationOfByte(_ offset: Int, in data: Data, path: String) -> SourceLocation {
        var line = 1
        var lineStart = 0
        for (index, byte) in data.prefix(offset).enumerated() where byte == UInt8(ascii: "\n") {
            line += 1
            lineStart = index + 1
        }
        return SourceLocation(file: path, line: line, column: offset - lineStart + 1)
    }
}
