import Foundation
import Testing

@testable import DocketKit
@testable import DocketCitations
@testable import DocketCompose
@testable import DocketLibrary
@testable import DocketMarkdown
@testable import DocketModel
@testable import DocketRender
@testable import DocketReview
@testable import DocketSubmission
@testable import DocketSupport

@Suite struct BoxTextTests {
    @Test func multibyteTextThatFitsIsCarriedInFull() throws {
        let outcome = compose("multibyte-fits")
        let box = try #require(outcome.value?.box)
        #expect(box.form == .full)
        #expect(box.text.contains("Ça été déjà très élégant"))
        #expect(box.text.contains("Москва"))
        #expect(box.characterCount <= 5_000 && box.byteCount <= 5_000)
        // Bytes outrun characters in such text; both are counted.
        #expect(box.byteCount > box.characterCount)
    }

    /// Fewer than 5,000 characters but more than 5,000 bytes: the byte limit alone forces the
    /// short form, which is whole sentences, never a cut.
    @Test func textOverTheByteLimitFallsBackToTheShortFormNeverATruncation() throws {
        let outcome = compose("multibyte-over")
        let box = try #require(outcome.value?.box)
        let markdown = try outcome.file(.md)
        #expect(markdown.unicodeScalars.count < 10_000)
        #expect(box.form == .short)
        #expect(box.characterCount <= 5_000 && box.byteCount <= 5_000)
        #expect(box.text.contains("See attached file(s)."))
        #expect(box.text.contains("1. Guarantee appeal"))
        #expect(!box.text.contains("人工智能"))
        #expect(box.text.hasPrefix("The submitter submits the attached comment on \u{201C}Test notice\u{201D} (Docket No. TEST-2023-0001)."))
    }

    @Test func lineBreaksCountTwiceBecauseTheFormSubmitsCRLF() throws {
        let box = try #require(compose("multibyte-fits").value?.box)
        let newlines = box.text.filter { $0 == "\n" }.count
        #expect(box.characterCount == box.text.unicodeScalars.count + newlines)
        #expect(box.byteCount == box.text.utf8.count + newlines)
    }

    @Test func anEmojiIsAnErrorAtItsPlaceInTheClause() throws {
        let outcome = compose("emoji")
        #expect(outcome.rendered.isEmpty)
        let diagnostic = try #require(outcome.diagnostics.first { $0.code == .characterOutsideBMP })
        #expect(diagnostic.range.start == SourceLocation(file: "compose/Templates/clauses/emoji.md", line: 6, column: 24))
        #expect(diagnostic.message.contains("U+1F389"))
    }

    @Test func titlesThatAloneOverflowLeaveOnlyTheCount() {
        let longTitle = String(repeating: "Very long recommendation title ", count: 40)
        let recommendations = (1...9).map { number in
            ComposedRecommendation(
                number: number, id: "r\(number)", title: longTitle, summary: "", body: "", authorities: [], eu: [], comparison: "", systems: [],
                provenance: Provenance(.recommendation(id: "r\(number)"), file: "r.md", line: 1))
        }
        let document = ComposedDocument(planName: "p", kind: .comment, header: Header(title: "T", from: "Org"), blocks: recommendations.map(Block.recommendation))
        let box = BoxTextRenderer.render(document, version: DraftVersion(canonicalMarkdown: ""))
        #expect(box.form == .minimal)
        #expect(box.fits)
        #expect(box.text.contains("It makes 9 recommendations."))
    }
}

@Suite struct HTMLRendererTests {
    @Test func pageIsStandaloneWithLanguageTitleAndPrintRules() throws {
        let html = try compose("full").file(.html)
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        #expect(html.contains("<meta charset=\"utf-8\">"))
        #expect(html.contains("<title>Comment on Test notice</title>"))
        // Every printed page carries its number and the docket ID.
        #expect(html.contains(#"@page { size: letter; margin: 1in; @bottom-center { content: "Page " counter(page) " of " counter(pages);"#))
        #expect(html.contains(#"@top-right { content: "Docket TEST-2023-0001";"#))
        #expect(html.contains("tr, .filing, .in-brief, li, .signatories .closing { break-inside: avoid;"))
        #expect(html.contains("<h2 class=\"starts-page\">Comparison with the EU AI Act</h2>"))
        #expect(html.contains("<article class=\"recommendation\" id=\"recommendation-2\">"))
        #expect(html.contains("<li>to a person\n<ul>\n<li>with reasons given</li>"))
        #expect(html.contains("<td>1. Publish impact assessments</td>"))
        #expect(html.contains("First &amp; Best Org (Austin, TX)"))
    }
}

@Suite struct PlainTextTests {
    @Test func markupIsDroppedAndStructureKept() {
        let text = PlainText.render(markdown: "A *b* **c** `d` [e](https://example.org).\n\n1. one\n2. two\n\n- x\n- y\n\n> quoted\n")
        #expect(text == "A b c d e (https://example.org).\n\n1. one\n2. two\n\n- x\n- y\n\n    quoted")
    }
}

@Suite struct MarkdownRendererTests {
    @Test func tablesArePipeTablesWithEscapedCells() throws {
        let markdown = try compose("full").file(.md)
        #expect(markdown.contains("| Recommendation | US provisions | EU AI Act | What differs |\n| --- | --- | --- | --- |\n"))
        #expect(
            markdown.contains(
                "| 2. Guarantee appeal | OMB M-25-21 App. §4(b)(vi) | Art. 86(1) | The EU gives a right to an explanation and a right to complain. |"))
        #expect(markdown.contains("- OMB M-25-21 App. §4(b)(vi): Offer consistent remedies or appeals (Recommendation 2)"))
    }

    @Test func valuesCannotOpenMarkup() {
        #expect(MarkdownText.escape("a*b_[c]|d\ne") == "a\\*b\\_\\[c\\]\\|d e")
    }
}
