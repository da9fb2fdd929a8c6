import Testing

@testable import DocketMarkdown

/// The canonical text a version hashes: Markdown's cosmetic choices made one way, and nothing
/// a reader would see changed.
@Suite struct CanonicalTextTests {
    @Test(arguments: [
        ("DHS should _stop_ using\nMobile Fortify.", "DHS should *stop* using Mobile Fortify."),
        ("DHS should __stop__ now.", "DHS should **stop** now."),
        ("* one\n* two\n+ three", "- one\n- two\n- three"),
        ("A line with a stray space \nand its continuation.", "A line with a stray space and its continuation."),
        ("Hard break  \nnext line", "Hard break\\\nnext line"),
        ("- an item\n  continued here\n- the next", "- an item continued here\n- the next"),
    ])
    func cosmeticVariantsBecomeOneText(written: String, canonical: String) {
        #expect(CanonicalText.normalize(written) == canonical)
        #expect(CanonicalText.normalize(canonical) == canonical, "the canonical form is a fixed point")
    }

    @Test(arguments: [
        "Keep snake_case_names and https://example.org/a_b_c as they are.",
        "```\ncode _stays_\n  as  \nwritten\n```",
        "| a | b |\n| --- | --- |\n| 1 | 2 |",
        "# A heading\n\nA paragraph.",
        "1. first\n2. second",
        "**To:** Office of Management and Budget\\\n**Docket:** OMB-2023-0020",
        "Text \\_not emphasis\\_ here.",
    ])
    func whatDocketKitWritesAndWhatIsNotCosmeticIsLeftAlone(text: String) {
        #expect(CanonicalText.normalize(text) == text)
    }

    @Test func aChangedWordIsStillAChange() {
        #expect(CanonicalText.normalize("DHS should stop.") != CanonicalText.normalize("DHS should pause."))
        #expect(CanonicalText.normalize("a\n\nb") != CanonicalText.normalize("a b"), "a paragraph break is not cosmetic")
    }

    /// The byte scan that skips text with nothing to change never skips text a rule changes.
    @Test(arguments: [
        "a\nb", "a \nb", "a\t", "   ", "x\n   \ny", "* a", "  + a", "_a_", "```\nx\n```", "a\n= =", "a\n***", "1) a\nb", "> q\nr",
        "- a\n  b", "**x**\nand y", "| a |\nb", "# H\ntext", "a\\\nb", "x\n-\ny", "one\n\ntwo", "- a\n- b", "1. a\n2. b",
    ])
    func theQuickScanAgreesWithTheRules(text: String) {
        if !CanonicalText.needsNormalization(text) {
            #expect(CanonicalText.applyingRules(text) == text, "the scan skipped text the rules change")
        }
    }
}
