import DocketMarkdown
import DocketModel
import DocketRender
import DocketSupport
import Foundation

/// A redline in the three places a signatory reads one: a terminal, a browser, and Word or
/// LibreOffice with native tracked changes.
public enum RedlineRenderer {
    /// Changed paragraphs only, each with where it came from. Colour marks deletions and
    /// insertions on a terminal; without colour they read `[-old-]{+new+}`, as `git diff
    /// --word-diff` writes them.
    public static func terminal(_ redline: Redline, color: Bool) -> String {
        let (delete, insert, reset) = color ? ("\u{1B}[31;9m", "\u{1B}[32;4m", "\u{1B}[0m") : ("[-", "{+", "")
        let (deleteEnd, insertEnd) = color ? (reset, reset) : ("-]", "+}")
        var out = ""
        var paragraph = 0
        for entry in redline.entries {
            switch entry {
            case .unchanged:
                paragraph += 1
            case .removed(let text):
                out += "@@ removed after paragraph \(paragraph)\n\(delete)\(text)\(deleteEnd)\n\n"
            case .movedAway:
                break
            case .moved(let text, let source):
                paragraph += 1
                out += "@@ paragraph \(paragraph), moved here\(source.map { " · from \($0)" } ?? "")\n\(text)\n\n"
            case .added(let text, let source):
                paragraph += 1
                out += "@@ paragraph \(paragraph), added\(source.map { " · from \($0)" } ?? "")\n\(insert)\(text)\(insertEnd)\n\n"
            case .changed(_, _, let segments, let source):
                paragraph += 1
                out += "@@ paragraph \(paragraph), changed\(source.map { " · from \($0)" } ?? "")\n"
                for segment in segments {
                    switch segment {
                    case .same(let text): out += text
                    case .deleted(let text): out += delete + text + deleteEnd
                    case .inserted(let text): out += insert + text + insertEnd
                    }
                }
                out += "\n\n"
            }
        }
        return out + "\(Wording.count(redline.changedParagraphCount, "paragraph")) changed\n"
    }

    /// The whole text with `<del>` and `<ins>`, and for each change the clause or recommendation
    /// it came from. The text is the canonical Markdown, shown as written.
    public static func html(_ redline: Redline, title: String, from: String, to: String) -> String {
        let e = XML.escape
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Changes to \(e(title))</title>
            <style>
            body { font-family: Georgia, "Times New Roman", serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; }
            \(styles)</style>
            </head>
            <body>
            <header>
            <h1>Changes to \(e(title))</h1>
            <p>From version <code>\(e(from))</code> to version <code>\(e(to))</code>: \(Wording.count(redline.changedParagraphCount, "paragraph")) changed.</p>
            </header>
            <main>
            \(section(redline))</main>
            </body>
            </html>

            """
    }

    /// Styles for `section(_:)`, to embed in another page.
    public static let styles = """
        .redline .change { border-left: 4px solid #b58900; padding-left: 0.75rem; margin: 0 0 1rem; }
        .redline .source { font-family: system-ui, sans-serif; font-size: 0.8rem; color: #555; margin: 0; }
        .redline .skipped { font-family: system-ui, sans-serif; font-size: 0.8rem; color: #595959; text-align: center; }
        .redline del { color: #a40000; text-decoration: line-through; }
        .redline ins { color: #00611c; text-decoration: underline; }
        .redline del.block, .redline ins.block { display: block; }
        .redline .moved { border-left-color: #005a9c; }
        .redline ul.item { margin: 0; }
        .redline table.row { border-collapse: collapse; margin: 0 0 0.5rem; font-size: 0.9rem; }
        .redline table.row td { border: 1px solid #767676; padding: 0.2rem 0.4rem; vertical-align: top; }

        """

    /// Paragraphs of context shown on each side of a change.
    public static let context = 1

    /// The changes as a reader sees them: formatted text, not Markdown source. Unchanged
    /// paragraphs next to a change are shown for context and the rest are counted; a paragraph
    /// changed word by word shows its words with `<del>` and `<ins>`; each change says where
    /// its text came from.
    public static func section(_ redline: Redline) -> String {
        let e = XML.escape
        let entries = redline.entries
        let changed = entries.indices.filter { if case .unchanged = entries[$0] { false } else { true } }
        let shown = Set(changed.flatMap { max(0, $0 - context)...min(entries.count - 1, $0 + context) })
        var html = "<div class=\"redline\">\n"
        var skipped = 0
        func flushSkipped() {
            if skipped > 0 { html += "<p class=\"skipped\">… \(Wording.count(skipped, "unchanged paragraph")) …</p>\n" }
            skipped = 0
        }
        for (index, entry) in entries.enumerated() {
            guard shown.contains(index) else {
                skipped += 1
                continue
            }
            flushSkipped()
            switch entry {
            case .unchanged(let text):
                html += block(text)
            case .removed(let text):
                html += "<div class=\"change\"><p class=\"source\">Removed</p><del class=\"block\">\(block(text))</del></div>\n"
            case .added(let text, let source):
                html += "<div class=\"change\"><p class=\"source\">Added · from \(e(named(source)))</p><ins class=\"block\">\(block(text))</ins></div>\n"
            case .movedAway(let text):
                html += "<p class=\"skipped moved-away\">Moved from here: “\(e(opening(of: text)))”</p>\n"
            case .moved(let text, let source):
                html += "<div class=\"change moved\"><p class=\"source\">Moved here, unchanged · from \(e(named(source)))</p>\(block(text))</div>\n"
            case .changed(let old, let new, _, let source):
                // An item is diffed without its marker, which the list around it already shows;
                // a table row as its cells' text.
                let marker = Redline.listMarker(Substring(new))
                let row = new.hasPrefix("|") && old.hasPrefix("|")
                let (before, after) =
                    row
                    ? (Redline.cells(ofRow: old).joined(separator: " · "), Redline.cells(ofRow: new).joined(separator: " · "))
                    : marker.map { (String(old.dropFirst(Redline.listMarker(Substring(old)) ?? 0)), String(new.dropFirst($0))) } ?? (old, new)
                let inline = readableSegments(from: before, to: after).map { segment in
                    switch segment {
                    case .same(let text): e(text)
                    case .deleted(let text): "<del>\(e(text))</del>"
                    case .inserted(let text): "<ins>\(e(text))</ins>"
                    }
                }.joined()
                let tag = headingLevel(of: new).map { "h\(min($0 + 1, 6))" } ?? "p"
                let body = row ? "<p class=\"row\">\(inline)</p>" : marker != nil ? "<ul class=\"item\"><li>\(inline)</li></ul>" : "<\(tag)>\(inline)</\(tag)>"
                html += "<div class=\"change\"><p class=\"source\">Changed · from \(e(named(source)))</p>\(body)</div>\n"
            }
        }
        flushSkipped()
        return html + "</div>\n"
    }

    /// "move1", "move2", … for each move, the same name at the place a unit left and the place
    /// it arrived, keyed by entry index.
    static func moveNames(_ entries: [Redline.Entry]) -> [Int: String] {
        var waiting: [String: [Int]] = [:]
        var names: [Int: String] = [:]
        for (index, entry) in entries.enumerated() {
            if case .movedAway(let text) = entry { waiting[Redline.Unit.movable(text), default: []].append(index) }
        }
        for (index, entry) in entries.enumerated() {
            guard case .moved(let text, _) = entry, var left = waiting[Redline.Unit.movable(text)], !left.isEmpty else { continue }
            let from = left.removeFirst()
            waiting[Redline.Unit.movable(text)] = left
            names[from] = "move\(names.count / 2 + 1)"
            names[index] = names[from]
        }
        return names
    }

    /// A unit as formatted HTML; a table row, which is no table on its own, as one row of cells.
    static func block(_ text: String) -> String {
        guard text.hasPrefix("|") else { return HTMLRenderer.markdown(text) }
        let cells = Redline.cells(ofRow: text).map { "<td>\(XML.escape(PlainText.render(markdown: $0).trimmingCharacters(in: .whitespacesAndNewlines)))</td>" }
        return "<table class=\"row\"><tr>\(cells.joined())</tr></table>\n"
    }

    /// A source as a signer reads it: the clause or recommendation, without the campaign's file
    /// and line, which mean something only to the lead who edits them.
    public static func named(_ source: String?) -> String {
        guard let source else { return "an unknown source" }
        guard source.hasSuffix(")"), let open = source.range(of: " (", options: .backwards) else { return source }
        let place = source[open.upperBound...].dropLast()
        return place.contains(":") || place.contains("/") ? String(source[..<open.lowerBound]) : source
    }

    /// The first words of a unit, enough to find it again.
    static func opening(of markdown: String) -> String {
        let words = PlainText.render(markdown: markdown).split(whereSeparator: \.isWhitespace)
        return words.prefix(12).joined(separator: " ") + (words.count > 12 ? " …" : "")
    }

    /// Word changes between the texts a reader sees: the Markdown of each paragraph rendered to
    /// plain text first, so no `**` or `##` appears in a redline.
    public static func readableSegments(from old: String, to new: String) -> [Redline.Segment] {
        Redline.words(from: PlainText.render(markdown: old), to: PlainText.render(markdown: new))
    }

    private static func headingLevel(of markdown: String) -> Int? {
        if case .heading(let level, _)? = CommonMarkDocument(markdown).blocks.first { return level }
        return nil
    }

    /// A DOCX whose changes are Word tracked changes (`w:ins`, `w:del`) by `author`, so the
    /// reader can step through them, and accepting all gives the new version's text.
    public static func docx(_ redline: Redline, title: String, author: String, date: Date, version: DraftVersion) throws -> Data {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        let stamp = "w:author=\"\(XML.escape(author))\" w:date=\"\(formatter.string(from: date))\""
        var id = 0
        func mark(_ tag: String, _ runs: String) -> String {
            id += 1
            return "<w:\(tag) w:id=\"\(id)\" \(stamp)>\(runs)</w:\(tag)>"
        }
        func runs(_ text: String, deleted: Bool) -> String {
            let element = deleted ? "w:delText" : "w:t"
            return text.split(separator: "\n", omittingEmptySubsequences: false).map { "<w:r><\(element) xml:space=\"preserve\">\(XML.escape(String($0)))</\(element)></w:r>" }
                .joined(separator: "<w:r><w:br/></w:r>")
        }
        func paragraph(_ content: String, mark paragraphMark: String? = nil) -> String {
            guard let paragraphMark else { return "<w:p>\(content)</w:p>\n" }
            id += 1
            return "<w:p><w:pPr><w:rPr><w:\(paragraphMark) w:id=\"\(id)\" \(stamp)/></w:rPr></w:pPr>\(content)</w:p>\n"
        }
        // Word pairs a move's two places by the name of their ranges.
        let moveNames = moveNames(redline.entries)
        func moved(_ tag: String, _ text: String, at index: Int) -> String {
            id += 1
            let range = id
            let content = runs(PlainText.render(markdown: text), deleted: false)
            id += 1
            return "<w:p><w:pPr><w:rPr><w:\(tag) w:id=\"\(id)\" \(stamp)/></w:rPr></w:pPr><w:\(tag)RangeStart w:id=\"\(range)\" w:name=\"\(moveNames[index] ?? "move")\" \(stamp)/>\(mark(tag, content))<w:\(tag)RangeEnd w:id=\"\(range)\"/></w:p>\n"
        }
        var body = "<w:p><w:pPr><w:pStyle w:val=\"Title\"/></w:pPr>\(runs(title, deleted: false))</w:p>\n"
        for (index, entry) in redline.entries.enumerated() {
            switch entry {
            case .unchanged(let text): body += paragraph(runs(PlainText.render(markdown: text), deleted: false))
            case .removed(let text): body += paragraph(mark("del", runs(PlainText.render(markdown: text), deleted: true)), mark: "del")
            case .added(let text, _): body += paragraph(mark("ins", runs(PlainText.render(markdown: text), deleted: false)), mark: "ins")
            case .movedAway(let text): body += moved("moveFrom", text, at: index)
            case .moved(let text, _): body += moved("moveTo", text, at: index)
            case .changed(let old, let new, _, _):
                body += paragraph(
                    readableSegments(from: old, to: new).map { segment in
                        switch segment {
                        case .same(let text): runs(text, deleted: false)
                        case .deleted(let text): mark("del", runs(text, deleted: true))
                        case .inserted(let text): mark("ins", runs(text, deleted: false))
                        }
                    }.joined())
            }
        }
        return try DOCXPackage.document(
            body: body, title: "Changes to \(title)", subject: nil, creator: author, language: "en", links: [], orderedStarts: [], footer: VersionStamp.draft.footer(version, docketID: nil))
    }
}
