import DocketModel
import DocketSupport
/// A Markdown file split into its YAML front matter and its CommonMark body, remembering where
/// each starts so locations inside either can be reported against the whole file.
public struct FrontMatterDocument: Sendable {
    /// The YAML between the `---` lines.
    public var yaml: String
    /// The file line on which the first YAML line stands.
    public var yamlFirstLine: Int
    /// The Markdown after the closing `---`.
    public var body: String
    /// The file line on which the body starts.
    public var bodyFirstLine: Int

    /// Splits `---` … `---` (or `...`) at the top of the file. Yams reads one YAML document and
    /// has no notion of front matter, so the split happens here.
    public static func split(_ file: SourceFile) -> (FrontMatterDocument?, [Diagnostic]) {
        let opening = file.lineText(1)
        guard opening.trimmingTrailingWhitespace() == "---" else {
            return (
                nil,
                [
                    .error(
                        .missingFrontMatter, "file must start with YAML front matter: a line '---', the fields, then a closing '---'",
                        at: SourceRange(file.location(line: 1), length: opening.utf8.count))
                ]
            )
        }
        var closingLine: Int?
        for line in 2...max(2, file.lineCount) where line <= file.lineCount {
            let text = file.lineText(line).trimmingTrailingWhitespace()
            if text == "---" || text == "..." {
                closingLine = line
                break
            }
        }
        guard let closingLine else {
            return (
                nil,
                [
                    .error(
                        .unterminatedFrontMatter, "front matter opened here is never closed: add a line '---' after the last field",
                        at: SourceRange(file.location(line: 1), length: 3))
                ]
            )
        }
        let yaml = (2..<closingLine).map { String(file.lineText($0)) }.joined(separator: "\n")
        let body =
            closingLine < file.lineCount
            ? ((closingLine + 1)...file.lineCount).map { String(file.lineText($0)) }.joined(separator: "\n")
            : ""
        return (FrontMatterDocument(yaml: yaml, yamlFirstLine: 2, body: body, bodyFirstLine: closingLine + 1), [])
    }
}

extension Substring {
    func trimmingTrailingWhitespace() -> Substring {
        var result = self
        while let last = result.last, last == " " || last == "\t" || last == "\r" { result = result.dropLast() }
        return result
    }
}
