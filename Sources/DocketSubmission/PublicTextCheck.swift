import DocketReview
import DocketSupport
import Foundation

/// The one check every public output passes, whichever command made it: the text a reader of
/// the file sees (Markdown without its markup, an HTML page's text, a DOCX's runs joined into
/// paragraphs, a PDF as `pdftotext` reads it), searched for every signer's and the submitter's
/// email and phone. A hit is located in the clause, recommendation or variable that carries it.
public struct PublicTextCheck: Sendable {
    /// How a file is read as its reader sees it.
    public enum Reading: Sendable {
        case markdown, html, docx, plain
        /// Text extracted by the caller (a PDF through `pdftotext`).
        case extracted(String)
    }

    private let fields: PrivateFields
    private let searching: [String]
    private let sources: [String: SourceFile]

    /// The check for outputs of `draft`, locating hits in `sources`.
    public init(_ draft: Draft, sources: [String: SourceFile]) {
        fields = PrivateFields(draft)
        searching = draft.usedFiles.sorted()
        self.sources = sources
    }

    /// Reports the contact data `data` shows its reader. `describedAs` names the output in the
    /// message ("'x.html'"); `fallback` locates a hit no source file carries.
    public func check(_ data: Data, reading: Reading, describedAs what: String, fallback: SourceRange, into diagnostics: inout some DiagnosticSink) {
        diagnostics.emit(
            contentsOf: fields.diagnostics(forPublicText: Self.text(of: data, reading: reading), describedAs: what, searching: searching, sources: sources, fallback: fallback))
    }

    /// What a reader of `data` sees.
    public static func text(of data: Data, reading: Reading) -> String {
        switch reading {
        case .markdown: PublicText.markdown(String(decoding: data, as: UTF8.self))
        case .html: PublicText.html(String(decoding: data, as: UTF8.self))
        case .docx: PublicText.docx(data)
        case .plain: String(decoding: data, as: UTF8.self)
        case .extracted(let text): text
        }
    }
}
