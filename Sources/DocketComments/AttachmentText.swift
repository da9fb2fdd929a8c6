import Foundation
import ZIPFoundation

/// The text of an attachment, read by what the bytes are rather than what the file is called:
/// PDF through poppler's `pdftotext`, DOCX through its `word/document.xml`, HTML without its
/// markup, and plain text.
public enum AttachmentText {
    public struct Reading: Sendable, Hashable {
        public var text: String?
        public var status: AttachmentRecord.Status
        public var note: String?
    }

    /// Files larger than this are not downloaded or read.
    public static let sizeLimit = 100 * 1_000_000

    public enum Kind: String, Sendable {
        case pdf, docx, html, text, zip, word97, unknown
    }

    public static func kind(of data: Data) -> Kind {
        let head = [UInt8](data.prefix(512))
        if head.starts(with: Array("%PDF".utf8)) { return .pdf }
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            guard let archive = try? Archive(data: data, accessMode: .read), archive["word/document.xml"] != nil else { return .zip }
            return .docx
        }
        if head.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) { return .word97 }
        guard !head.contains(0), String(data: data.prefix(64 * 1024), encoding: .utf8) != nil || String(data: data, encoding: .utf8) != nil else { return .unknown }
        let start = String(decoding: head, as: UTF8.self).lowercased()
        if start.contains("<html") || start.contains("<!doctype html") || start.contains("<body") { return .html }
        return .text
    }

    /// Reads `data`, saying in `note` when the content is not what `name` claims.
    public static func read(_ data: Data, name: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> Reading {
        let kind = kind(of: data)
        let claimed = (name as NSString).pathExtension.lowercased()
        let expected: Set<Kind> =
            switch claimed {
            case "pdf": [.pdf]
            case "docx": [.docx]
            case "htm", "html": [.html, .text]
            case "txt": [.text]
            case "doc": [.word97]
            default: []
            }
        let mismatch = !expected.isEmpty && !expected.contains(kind) ? "named .\(claimed) but is \(description(kind))" : nil
        func noText(_ why: String) -> Reading { Reading(text: nil, status: .noText, note: [mismatch, why].compactMap { $0 }.joined(separator: "; ")) }
        func found(_ text: String) -> Reading {
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            return trimmed.isEmpty ? noText("holds no text") : Reading(text: trimmed, status: .text, note: mismatch)
        }
        switch kind {
        case .pdf:
            switch pdfText(data, environment: environment) {
            case .success(let text):
                return text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? noText("a PDF with no text layer (a scan?)") : found(text)
            case .failure(let why): return noText(why.description)
            }
        case .docx:
            guard let text = docxText(data) else { return noText("a DOCX whose text cannot be read") }
            return found(text)
        case .html: return found(htmlText(String(decoding: data, as: UTF8.self)))
        case .text: return found(String(decoding: data, as: UTF8.self))
        case .zip: return noText("a ZIP archive that is not a DOCX")
        case .word97: return noText("a Word 97–2003 document, which DocketKit does not read")
        case .unknown: return noText("not a PDF, DOCX, HTML or text file")
        }
    }

    static func description(_ kind: Kind) -> String {
        switch kind {
        case .pdf: "a PDF"
        case .docx: "a DOCX"
        case .html: "HTML"
        case .text: "plain text"
        case .zip: "a ZIP archive"
        case .word97: "a Word 97–2003 document"
        case .unknown: "binary data"
        }
    }

    struct Failure: Error, CustomStringConvertible { var description: String }

    /// `pdftotext -enc UTF-8 FILE -`; a PDF it cannot read is a failure with its reason.
    static func pdfText(_ pdf: Data, environment: [String: String]) -> Result<String, Failure> {
        let folders = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
        guard let tool = folders.map({ URL(fileURLWithPath: $0).appendingPathComponent("pdftotext") }).first(where: { FileManager.default.isExecutableFile(atPath: $0.path) })
        else { return .failure(Failure(description: "pdftotext (poppler-utils) is not installed")) }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("docket-attachment-\(UUID().uuidString).pdf")
        defer { try? FileManager.default.removeItem(at: scratch) }
        do { try pdf.write(to: scratch) } catch { return .failure(Failure(description: "the PDF could not be written to a scratch file")) }
        let process = Process()
        process.executableURL = tool
        process.arguments = ["-enc", "UTF-8", scratch.path, "-"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return .failure(Failure(description: "pdftotext could not be started")) }
        let text = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return .failure(Failure(description: "pdftotext cannot read this PDF (status \(process.terminationStatus))")) }
        return .success(String(decoding: text, as: UTF8.self))
    }

    /// The paragraphs of a DOCX's main story, one per line.
    static func docxText(_ data: Data) -> String? {
        guard let archive = try? Archive(data: data, accessMode: .read), let entry = archive["word/document.xml"], entry.uncompressedSize < 200_000_000 else { return nil }
        var xml = Data()
        guard (try? archive.extract(entry, consumer: { xml.append($0) })) != nil else { return nil }
        let text = String(decoding: xml, as: UTF8.self)
        var out = ""
        var index = text.startIndex
        while let open = text[index...].firstIndex(of: "<") {
            guard let close = text[open...].firstIndex(of: ">") else { break }
            let tag = text[text.index(after: open)..<close]
            if tag.hasPrefix("w:t") && !tag.hasPrefix("w:tab") && !tag.hasPrefix("w:tbl") && !tag.hasPrefix("w:tc") && !tag.hasPrefix("w:tr") && !tag.hasSuffix("/") {
                let start = text.index(after: close)
                if let end = text.range(of: "</w:t>", range: start..<text.endIndex) {
                    out += entities(String(text[start..<end.lowerBound]))
                    index = end.upperBound
                    continue
                }
            } else if tag == "/w:p" {
                out += "\n"
            } else if tag.hasPrefix("w:tab") || tag.hasPrefix("w:br") {
                out += tag.hasPrefix("w:tab") ? "\t" : "\n"
            }
            index = text.index(after: close)
        }
        return out
    }

    /// HTML's text: no scripts, styles or tags; block ends as line breaks.
    static func htmlText(_ html: String) -> String {
        var text = html
        for element in ["script", "style", "head"] {
            while let start = text.range(of: "<\(element)", options: .caseInsensitive),
                let end = text.range(of: "</\(element)>", options: .caseInsensitive, range: start.upperBound..<text.endIndex)
            {
                text.removeSubrange(start.lowerBound..<end.upperBound)
            }
        }
        var out = ""
        var inTag = false
        var tag = ""
        for character in text {
            if character == "<" { inTag = true; tag = ""; continue }
            if inTag {
                if character == ">" {
                    inTag = false
                    let name = tag.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "/ ")).prefix { $0.isLetter || $0.isNumber }
                    if ["p", "br", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6"].contains(String(name)) { out += "\n" }
                } else {
                    tag.append(character)
                }
                continue
            }
            out.append(character)
        }
        return entities(out).split(separator: "\n", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: "\n")
            .replacingOccurrences(of: "\n\n\n", with: "\n\n")
    }

    static func entities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var out = text
        for (entity, character) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&apos;", "'"), ("&nbsp;", " ")] {
            out = out.replacingOccurrences(of: entity, with: character)
        }
        // Numeric references (&#39; &#x2019;), then &amp; last, so "&amp;lt;" stays "&lt;".
        out = out.replacing(/&#(x[0-9A-Fa-f]{1,6}|[0-9]{1,7});/) { match in
            let digits = match.1
            let value = digits.hasPrefix("x") ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
            return value.flatMap(Unicode.Scalar.init).map { String(Character($0)) } ?? String(match.0)
        }
        return out.replacingOccurrences(of: "&amp;", with: "&")
    }
}
