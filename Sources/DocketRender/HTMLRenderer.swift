import DocketCompose
import DocketMarkdown
import DocketModel
import DocketSupport

/// One standalone HTML5 page for the composed document: prose through libcmark in safe mode,
/// tables and lists from the document's own blocks, and a print stylesheet for a letter.
public enum HTMLRenderer {
    /// The pieces of the page, for a page that embeds the document in its own (the review
    /// server's and the review packet's): nothing needs to cut them out of the whole.
    public struct Page: Sendable {
        /// The BCP 47 language, for `lang`.
        public var language: String
        /// The document's title, for `<title>`.
        public var title: String
        /// The version the page shows.
        public var version: DraftVersion
        /// The letter's own stylesheet, without `<style>`.
        public var stylesheet: String
        /// The title block: `<header class="document-header">…</header>`.
        public var header: String
        /// The date line and every block, in order, without a landmark around them.
        public var content: String
        /// The version stamp, without a landmark around it: `<p>Draft version <code>…</code></p>`.
        public var stamp: String

        /// The standalone page: the pieces inside `<main>` and `<footer>`.
        public var html: String {
            """
            <!DOCTYPE html>
            <html lang="\(escape(language))">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="draft-version" content="\(version)">
            <title>\(escape(title))</title>
            <style>
            \(stylesheet)</style>
            </head>
            <body>
            \(header)<main>
            \(content)</main>
            <footer class="draft-version">\(stamp)</footer>
            </body>
            </html>

            """
        }
    }

    /// The whole page for `document`, its footer naming `version`.
    public static func render(_ document: ComposedDocument, version: DraftVersion, stamp: VersionStamp = .draft) -> String {
        page(document, version: version, stamp: stamp).html
    }

    /// The page's pieces for `document`, its stamp naming `version`. `embedded` pieces go inside
    /// another page: the title block is a plain block and the title an h2, since that page has
    /// its own landmarks and h1.
    public static func page(_ document: ComposedDocument, version: DraftVersion, stamp: VersionStamp = .draft, embedded: Bool = false) -> Page {
        let (label, value) = stamp.words(version, docketID: document.header.docketID)
        var header = ""
        var content = ""
        for section in DocumentLayout.sections(of: document) {
            switch section {
            case .titleBlock(let title, let details): header += titleBlock(title, details, embedded: embedded)
            case .dateLine(let date): content += "<p class=\"date-line\">\(escape(date))</p>\n"
            case .block(let block): content += render(block)
            case .versionFooter: break
            }
        }
        return Page(
            language: document.language, title: document.header.title, version: version, stylesheet: HTMLStyle.sheet(docketID: document.header.docketID), header: header,
            content: content, stamp: "<p>\(label) <code>\(escape(value))</code></p>")
    }

    private static func titleBlock(_ title: String, _ details: [DocumentLayout.FilingDetail], embedded: Bool) -> String {
        let (open, close) = embedded ? ("<div class=\"document-header\">", "</div>") : ("<header class=\"document-header\">", "</header>")
        let heading = embedded ? "<h2 class=\"letter-title\">\(escape(title))</h2>" : "<h1>\(escape(title))</h1>"
        var html = "\(open)\n\(heading)\n"
        if !details.isEmpty {
            html += "<dl class=\"filing\">\n" + details.map { "<dt>\($0.label.rawValue)</dt><dd>\(escape($0.value))</dd>\n" }.joined() + "</dl>\n"
        }
        return html + close + "\n"
    }

    private static func render(_ block: Block) -> String {
        switch block {
        case .heading(let heading):
            let tag = "h\(min(max(heading.level, 2), 6))"
            return "<\(tag)\(heading.startsPage ? " class=\"starts-page\"" : "")>\(escape(heading.text))</\(tag)>\n"
        case .prose(let prose):
            return "<div class=\"prose\">\n\(markdown(prose.markdown))</div>\n"
        case .recommendation(let recommendation):
            return "<article class=\"recommendation\" id=\"recommendation-\(recommendation.number)\">\n" + DocumentLayout.parts(of: recommendation).map(render).joined()
                + "</article>\n"
        case .summary(let items):
            let list = items.map { "<li value=\"\($0.number)\"><a href=\"#recommendation-\($0.number)\"><strong>\(escape($0.title)).</strong></a> \(escape($0.summary))</li>\n" }
            return "<ol class=\"summary\">\n" + list.joined() + "</ol>\n"
        case .answer(let answer):
            return
                "<section class=\"answer\">\n<p class=\"question\"><strong>Question \(answer.question).</strong> <em>\(escape(answer.questionText))</em></p>\n\(markdown(answer.markdown))</section>\n"
        case .comparisonTable(let rows):
            var html =
                "<table class=\"comparison\">\n<colgroup><col class=\"recommendation\"><col class=\"us\"><col class=\"eu\"><col class=\"differs\"></colgroup>\n<thead><tr><th scope=\"col\">Recommendation</th><th scope=\"col\">US provisions</th><th scope=\"col\">EU AI Act</th><th scope=\"col\">What differs</th></tr></thead>\n<tbody>\n"
            for row in rows {
                html +=
                    "<tr><td>\(row.recommendation). \(escape(row.title))</td><td>\(lines(row.usProvisions))</td><td>\(lines(row.euProvisions.map(DocumentLayout.withinEUColumn)))</td><td>\(inlineMarkdown(row.difference))</td></tr>\n"
            }
            return html + "</tbody>\n</table>\n"
        case .authoritiesIndex(let groups):
            return groups.map { group in
                let items = group.entries.map { entry in
                    "<li><span class=\"citation\">\(escape(entry.citation))</span>" + (entry.title.map { ": \(escape($0))" } ?? "")
                        + " <span class=\"cited-by\">(\(DocumentLayout.citedBy(entry.citedBy)))</span></li>\n"
                }
                return "<section class=\"authority-group\">\n<h3>\(escape(group.kind.heading))</h3>\n<ul>\n" + items.joined() + "</ul>\n</section>\n"
            }.joined()
        case .signatories(let block):
            var html = "<section class=\"signatories\">\n<p class=\"closing\">\(escape(block.closing))</p>\n"
            guard let lead = block.lead else { return html + block.lines.map { "<p class=\"signer\">\(escape($0))</p>\n" }.joined() + "</section>\n" }
            html += "<p>\(escape(lead))</p>\n<ul>\n" + block.lines.map { "<li>\(escape($0))</li>\n" }.joined() + "</ul>\n"
            return html + "</section>\n"
        }
    }

    private static func render(_ part: DocumentLayout.RecommendationPart) -> String {
        switch part {
        case .heading(let label, let title):
            return "<h3>\(label): \(escape(title))</h3>\n"
        case .inBrief(let summary):
            return "<p class=\"in-brief\"><strong>In brief.</strong> \(escape(summary))</p>\n"
        case .body(let text):
            return markdown(text)
        case .usAuthorities(let entries):
            let items = entries.map { entry in
                "<li><span class=\"citation\">\(escape(entry.citation))</span>" + ((entry.note ?? entry.title).map { ": \(escape($0))" } ?? "") + "</li>\n"
            }
            return "<h4>US authorities</h4>\n<ul class=\"authorities\">\n" + items.joined() + "</ul>\n"
        case .euProvisions(let points):
            let items = points.map { "<li><span class=\"citation\">\(escape($0.authority.citation))</span>: \(escape($0.requires))</li>\n" }
            return "<h4>EU AI Act</h4>\n<ul class=\"eu\">\n" + items.joined() + "</ul>\n"
        case .comparison(let text):
            return "<h4>How the EU and US rules differ</h4>\n" + markdown(text)
        case .systems(let systems):
            return "<p class=\"systems\"><strong>DHS AI inventory entries.</strong> \(escape(systems.map(\.citation).joined(separator: ", "))).</p>\n"
        }
    }

    /// CommonMark to an HTML fragment, as every prose block is rendered: libcmark in safe mode.
    public static func markdown(_ text: String) -> String { CommonMarkDocument(text).html(safe: true) }

    /// One paragraph of Markdown as inline HTML, for a table cell.
    private static func inlineMarkdown(_ text: String) -> String {
        var html = markdown(text).trimmingCharacters(in: .whitespacesAndNewlines)
        if html.hasPrefix("<p>"), html.hasSuffix("</p>") { html = String(html.dropFirst(3).dropLast(4)) }
        return html
    }

    /// One citation a line; a long one wraps at its spaces, never inside a token.
    private static func lines(_ items: [String]) -> String { items.map { "<span class=\"provision\">\(escape($0))</span>" }.joined(separator: "<br>") }

    /// HTML text and attribute values; the characters XML forbids are invalid in HTML too.
    package static func escape(_ text: String) -> String { XML.escape(text) }
}
