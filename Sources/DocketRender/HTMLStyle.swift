/// The page's stylesheet. Print rules follow how a letter to an agency is read on paper: US
/// Letter with one-inch margins, serif type, a new page for each appendix, and no page break
/// inside a recommendation, a table row or right after a heading.
enum HTMLStyle {
    /// The sheet, its page boxes carrying the page number and `docketID` on every printed page.
    static func sheet(docketID: String?) -> String {
        let running = docketID.map { "Docket \(cssString($0))" } ?? ""
        return base + """
            @page { size: letter; margin: 1in; @bottom-center { content: "Page " counter(page) " of " counter(pages); font-size: 9pt; } @top-right { content: "\(running)"; font-size: 9pt; } }

            """
    }

    /// A CSS string's contents: quotes and backslashes escaped, line breaks dropped.
    private static func cssString(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "\n", with: " ")
    }

    private static let base = """
        body { font-family: "Source Serif 4", Georgia, "Times New Roman", "Liberation Serif", "DejaVu Serif", serif; font-size: 12pt; line-height: 1.5; color: #111; max-width: 46em; margin: 2em auto; padding: 0 1em; }
        h1 { font-size: 1.6em; line-height: 1.25; margin: 0 0 0.6em; }
        h2 { font-size: 1.3em; margin: 1.6em 0 0.5em; }
        h3 { font-size: 1.1em; margin: 1.4em 0 0.4em; }
        h4 { font-size: 1em; margin: 1em 0 0.3em; }
        .filing { display: grid; grid-template-columns: max-content 1fr; gap: 0.2em 1em; margin: 0 0 2em; }
        .filing dt { font-weight: bold; }
        .filing dd { margin: 0; }
        .recommendation { border-top: 1px solid #bbb; padding-top: 0.4em; margin-top: 1.4em; }
        .in-brief { font-style: italic; }
        .citation { white-space: nowrap; font-variant-numeric: lining-nums; }
        .date-line { margin: 0 0 1.5em; }
        .closing { margin-top: 2em; }
        table.comparison { table-layout: fixed; }
        table.comparison col.recommendation { width: 22%; }
        table.comparison col.us { width: 26%; }
        table.comparison col.eu { width: 15%; }
        table.comparison col.differs { width: 37%; }
        table.comparison .provision { display: inline-block; overflow-wrap: normal; word-break: keep-all; }
        table { border-collapse: collapse; width: 100%; font-size: 0.9em; }
        th, td { border: 1px solid #999; padding: 0.35em 0.5em; vertical-align: top; text-align: left; }
        thead { display: table-header-group; }
        .draft-version { margin-top: 3em; border-top: 1px solid #bbb; font-size: 0.85em; color: #444; }
        .draft-version code { word-break: break-all; }
        @media print {
          body { max-width: none; margin: 0; padding: 0; font-size: 11pt; }
          a, .summary a { color: inherit; text-decoration: none; }
          h2.starts-page { break-before: page; page-break-before: always; }
          h1, h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
          tr, .filing, .in-brief, li, .signatories .closing { break-inside: avoid; page-break-inside: avoid; }
          p { orphans: 3; widows: 3; }
        }

        """
}
