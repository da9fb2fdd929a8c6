import DocketMarkdown
import DocketRender
import Foundation
import ZIPFoundation

/// The words a reader of a public output sees, for the private-field scan. Contact data hides
/// from a scan of the source: `**alex**@cait.example.org` is not the address in Markdown, but
/// it is on the page, and a DOCX splits text into runs wherever formatting changes. So each
/// format is flattened the way a reader meets it, and the scan runs on that (and on the raw
/// bytes, where a `mailto:` target lives).
public enum PublicText {
    /// Markdown as written, and its text with the markup taken out.
    public static func markdown(_ text: String) -> String {
        text + "\n" + PlainText.render(markdown: text)
    }

    /// An HTML page's text: tags removed, entities decoded; and the raw page, for attributes.
    public static func html(_ page: String) -> String {
        page + "\n" + decodeEntities(stripTags(page, lineBreakAfter: ["</p>", "</li>", "</h1>", "</h2>", "</h3>", "</h4>", "</td>", "<br>"]))
    }

    /// A DOCX's text: every XML part with its runs joined into paragraphs, and the raw parts
    /// (relationship targets such as `mailto:` links included).
    public static func docx(_ data: Data) -> String {
        guard let archive = try? Archive(data: data, accessMode: .read, pathEncoding: nil) else { return "" }
        var raw = ""
        var flattened = ""
        for entry in archive where entry.path.hasSuffix(".xml") || entry.path.hasSuffix(".rels") {
            var part = Data()
            _ = try? archive.extract(entry) { part.append($0) }
            let xml = String(decoding: part, as: UTF8.self)
            raw += xml + "\n"
            flattened += decodeEntities(stripTags(xml, lineBreakAfter: ["</w:p>", "<w:br/>"])) + "\n"
        }
        return raw + flattened
    }

    /// Removes every `<…>` tag, starting a new line after the closing tags named.
    static func stripTags(_ markup: String, lineBreakAfter: Set<String>) -> String {
        var text = ""
        text.reserveCapacity(markup.utf8.count)
        var tag: String?
        for character in markup {
            if var open = tag {
                open.append(character)
                if character == ">" {
                    if lineBreakAfter.contains(open) { text.append("\n") }
                    tag = nil
                } else {
                    tag = open
                }
            } else if character == "<" {
                tag = "<"
            } else {
                text.append(character)
            }
        }
        return text
    }

    /// `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&#39;`, `&#NN;` and `&#xNN;`.
    static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var result = ""
        var index = text.startIndex
        while let amp = text[index...].firstIndex(of: "&") {
            result += text[index..<amp]
            guard let semicolon = text[amp...].prefix(12).firstIndex(of: ";") else {
                result.append("&")
                index = text.index(after: amp)
                continue
            }
            let name = text[text.index(after: amp)..<semicolon]
            let decoded: String? =
                switch name {
                case "amp": "&"
                case "lt": "<"
                case "gt": ">"
                case "quot": "\""
                case "apos": "'"
                default:
                    if name.hasPrefix("#x") || name.hasPrefix("#X") {
                        UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
                    } else if name.hasPrefix("#") {
                        UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
                    } else {
                        nil
                    }
                }
            if let decoded {
                result += decoded
                index = text.index(after: semicolon)
            } else {
                result.append("&")
                index = text.index(after: amp)
            }
        }
        return result + text[index...]
    }
}
