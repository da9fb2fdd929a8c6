/// One standalone HTML5 page for the composed document: prose through libcmark in safe mode,
/// tables and lists from the document's own blocks, and a print stylesheet for a letter.
public enum HTMLRenderer {
    public static func render(_ document: ComposedDocument, version: DraftVersion) -> String {
        var html = """
            <!DOCTYPE html>
            <html lang="\(escape(document.language))">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="draft-version" content="\(version)">
            <title>\(escape(document.header.title))</title>
            <style>
            \(HTMLStyle.sheet)</style>
            </head>
            <body>

            """
        html += header(document.header)
        html += "<main>\n"
        for block in document.blocks { html += render(block) }
        html += "</main>\n"
        html += "<footer class=\"draft-version\"><p>Draft version <code>\(version)</code></p></footer>\n</body>\n</html>\n"
        return html
    }

    private static func header(_ header: Header) -> String {
        var html = "<header class=\"document-header\">\n<h1>\(escape(header.title))</h1>\n"
        var rows: [(String, String)] = []
        if let addressee = header.addressee { rows.append(("To", addressee)) }
        if let docketLine = header.docketLine { rows.append(("Docket", docketLine)) }
        if let from = header.from { rows.append(("From", from)) }
        if !rows.isEmpty {
            html += "<dl class=\"filing\">\n" + rows.map { "<dt>\($0.0)</dt><dd>\(escape($0.1))</dd>\n" }.joined() + "</dl>\n"
        }
        return html + "</header>\n"
    }

    private static func render(_ block: Block) -> String {
        switch block {
        case .heading(let heading):
            let tag = "h\(min(max(heading.level, 2), 6))"
            return "<\(tag)\(heading.startsPage ? " class=\"starts-page\"" : "")>\(escape(heading.text))</\(tag)>\n"
        case .prose(let prose):
            return "<div class=\"prose\">\n\(markdown(prose.markdown))</div>\n"
        case .recommendation(let recommendation):
            return render(recommendation)
        case .summary(let items):
            let list = items.map { "<li value=\"\($0.number)\"><a href=\"#recommendation-\($0.number)\"><strong>\(escape($0.title)).</strong></a> \(escape($0.summary))</li>\n" }
            return "<ol class=\"summary\">\n" + list.joined() + "</ol>\n"
        case .answer(let answer):
            return
                "<section class=\"answer\">\n<p class=\"question\"><strong>Question \(answer.question).</strong> <em>\(escape(answer.questionText))</em></p>\n\(markdown(answer.markdown))</section>\n"
        case .comparisonTable(let rows):
            var html =
                "<table class=\"comparison\">\n<thead><tr><th scope=\"col\">Recommendation</th><th scope=\"col\">US provisions</th><th scope=\"col\">EU AI Act</th><th scope=\"col\">What differs</th></tr></thead>\n<tbody>\n"
            for row in rows {
                html +=
                    "<tr><td>\(row.recommendation). \(escape(row.title))</td><td>\(lines(row.usProvisions))</td><td>\(lines(row.euProvisions))</td><td>\(inlineMarkdown(row.difference))</td></tr>\n"
            }
            return html + "</tbody>\n</table>\n"
        case .authoritiesIndex(let groups):
            return groups.map { group in
                let items = group.entries.map { entry in
                    "<li><span class=\"citation\">\(escape(entry.citation))</span>" + (entry.title.map { ": \(escape($0))" } ?? "")
                        + " <span class=\"cited-by\">(\(MarkdownRenderer.citedBy(entry.citedBy)))</span></li>\n"
                }
                return "<section class=\"authority-group\">\n<h3>\(escape(group.kind.heading))</h3>\n<ul>\n" + items.joined() + "</ul>\n</section>\n"
            }.joined()
        case .signatories(let block):
            return "<section class=\"signatories\">\n<p>\(escape(block.lead))</p>\n<ul>\n" + block.lines.map { "<li>\(escape($0))</li>\n" }.joined() + "</ul>\n</section>\n"
        }
    }

    private static func render(_ recommendation: ComposedRecommendation) -> String {
        var html = "<article class=\"recommendation\" id=\"recommendation-\(recommendation.number)\">\n"
        html += "<h3>\(recommendation.label): \(escape(recommendation.title))</h3>\n"
        html += "<p class=\"in-brief\"><strong>In brief.</strong> \(escape(recommendation.summary))</p>\n"
        html += markdown(recommendation.body)
        if !recommendation.authorities.isEmpty {
            html += "<h4>US authorities</h4>\n<ul class=\"authorities\">\n"
            for entry in recommendation.authorities {
                let gloss = entry.note ?? entry.title
                html += "<li><span class=\"citation\">\(escape(entry.citation))</span>" + (gloss.map { ": \(escape($0))" } ?? "") + "</li>\n"
            }
            html += "</ul>\n"
        }
        if !recommendation.eu.isEmpty {
            html += "<h4>EU AI Act</h4>\n<ul class=\"eu\">\n"
            for point in recommendation.eu {
                html += "<li><span class=\"citation\">\(escape(point.authority.citation))</span>: \(escape(point.requires))</li>\n"
            }
            html += "</ul>\n"
        }
        if !recommendation.comparison.isEmpty {
            html += "<h4>How the EU and US rules differ</h4>\n" + markdown(recommendation.comparison)
        }
        if !recommendation.systems.isEmpty {
            html += "<p class=\"systems\"><strong>DHS AI inventory entries.</strong> \(escape(recommendation.systems.map(\.citation).joined(separator: ", "))).</p>\n"
        }
        return html + "</article>\n"
    }

    /// CommonMark to an HTML fragment, as every prose block is rendered: libcmark in safe mode.
    public static func markdown(_ text: String) -> String { CommonMarkDocument(text).html(safe: true) }

    /// One paragraph of Markdown as inline HTML, for a table cell.
    private static func inlineMarkdown(_ text: String) -> String {
        var html = markdown(text).trimmingCharacters(in: .whitespacesAndNewlines)
        if html.hasPrefix("<p>"), html.hasSuffix("</p>") { html = String(html.dropFirst(3).dropLast(4)) }
        return html
    }

    private static func lines(_ items: [String]) -> String { items.map(escape).joined(separator: "<br>") }

    /// HTML text and attribute values; the characters XML forbids are invalid in HTML too.
    static func escape(_ text: String) -> String { XML.escape(text) }
}
