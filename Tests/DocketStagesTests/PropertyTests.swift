import DocketCitations
import DocketCompose
import DocketRender
import DocketSupport
import Foundation
import PropertyBased
import Testing

@testable import DocketMarkdown
@testable import DocketModel

/// Properties over generated inputs rather than chosen examples.
@Suite struct CitationGrammarProperties {
    static let lowercase = Gen.lowercaseLetter.map { String($0) }
    static let uppercase = Gen.uppercaseLetter.map { String($0) }
    static let roman = Gen<String?>.element(of: ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"]).map { $0! }
    /// `(c)(iv)(A)`-shaped subdivisions, as OMB numbers its memoranda, zero to three deep.
    static let ombParts = zip(lowercase, roman, uppercase, Gen.int(in: 0...3)).map { letter, numeral, upper, depth in Array([letter, numeral, upper].prefix(depth)) }

    static let omb = zip(Gen.int(in: 10...30), Gen.int(in: 1...40), Gen.int(in: 1...12), ombParts).map {
        Citation(instrument: .ombMemo(String(format: "M-%02d-%02d", $0, $1)), pinpoint: .section($2, $3))
    }
    static let ombAppendix = zip(Gen.int(in: 10...30), Gen.int(in: 1...40), Gen.int(in: 1...9), ombParts).map {
        Citation(instrument: .ombMemo(String(format: "M-%02d-%02d", $0, $1)), pinpoint: .appendixSection($2, $3))
    }
    static let euArticle = zip(Gen.int(in: 1...113), Gen.int(in: 1...9), lowercase, Gen.int(in: 0...2)).map { article, paragraph, point, depth in
        Citation(instrument: .euAIAct, pinpoint: .article(article, Array([String(paragraph), point].prefix(depth))))
    }
    static let euAnnex = zip(Gen<String?>.element(of: ["I", "II", "III", "IV", "VIII", "XIII"]).map { $0! }, Gen.int(in: 1...8), lowercase).map { annex, point, letter in
        Citation(instrument: .euAIAct, pinpoint: .annex(annex, point: point, letter: letter, section: nil))
    }
    static let nist = zip(Gen<String?>.element(of: ["GOVERN", "MAP", "MEASURE", "MANAGE"]).map { $0! }, Gen.int(in: 1...6), Gen.int(in: 1...9)).map {
        Citation(instrument: .nistAIRMF, pinpoint: .nist(function: $0, category: $1, subcategory: $2))
    }
    static let federalRegister = zip(Gen.int(in: 1...99), Gen.int(in: 1...99_999)).map { Citation(instrument: .federalRegister, pinpoint: .page(volume: $0, page: $1)) }
    static let inventory = Gen.int(in: 1...9_999).map { Citation(instrument: .dhsInventory, pinpoint: .identifier("DHS-\($0)")) }
    static let citations = Gen.oneOf(omb, ombAppendix, euArticle, euAnnex, nist, federalRegister, inventory)

    /// Whatever DocketKit prints as a citation, it reads back as the same citation.
    @Test func everyCanonicalCitationParsesBackToItself() async {
        await propertyCheck(count: 500, input: Self.citations) { citation in
            let parsed = try? CitationParser.parse(citation.canonical).get()
            #expect(parsed == citation, "\(citation.canonical)")
        }
    }
}

@Suite struct BoxTextProperties {
    /// Text a coalition might paste: ASCII, accented and CJK letters, line breaks, and now and
    /// then a character outside the BMP.
    static let character = Gen<Character>.frequency(
        (20, Gen.letterOrNumber), (4, Gen.always(" ")), (1, Gen.always("\n")), (2, Gen<Character?>.element(of: ["é", "ñ", "ü", "ø"]).map { $0! }),
        (1, Gen<Character?>.element(of: ["中", "文", "한"]).map { $0! }), (1, Gen<Character?>.element(of: ["😀", "𝔸"]).map { $0! }))
    static let paragraphs = character.array(of: 0...400).map { String($0) }.array(of: 1...40)

    @Test func theBoxTextKeepsRegulationsGovLimitsAndCountsAsTheFormSends() async {
        await propertyCheck(count: 200, input: Self.paragraphs) { texts in
            let blocks = texts.enumerated().map { Block.prose(Prose(markdown: MarkdownText.escape($1), provenance: Provenance(.plan, file: "p", line: $0 + 1))) }
            let document = ComposedDocument(planName: "p", kind: .comment, header: Header(title: "Comment", from: "Coalition"), blocks: blocks)
            let box = BoxTextRenderer.render(document, version: MarkdownRenderer.version(of: document))
            // Counted independently: every line break as the CR LF a browser submits.
            let submitted = box.text.replacingOccurrences(of: "\n", with: "\r\n")
            #expect(box.characterCount == submitted.unicodeScalars.count)
            #expect(box.byteCount == submitted.utf8.count)
            if box.fits {
                #expect(box.characterCount <= 5_000 && box.byteCount <= 5_000)
            }
            #expect(Set(box.outsideBMP.map(\.character)) == Set(box.text.unicodeScalars.filter { $0.value > 0xFFFF }))
            // The text is never cut: a full box carries every paragraph, else it points to the file.
            if box.form == .full {
                for text in texts where !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                    let words = text.split(whereSeparator: \.isWhitespace)
                    #expect(words.allSatisfy { box.text.contains($0) })
                }
            } else {
                #expect(box.text.contains("See attached file(s)."))
            }
        }
    }
}

/// Template variables are read from a body's tags alone when its text cannot change the result.
@Suite struct TemplateVariableProperties {
    /// Pieces of bodies, well formed and not: sections opened and closed under the same or
    /// another name, comments holding braces, lone braces and delimiters in text, line breaks.
    static let pieces = Gen<String?>.element(of: [
        "text ", "a line\n", "\n", "  ", "{", "}", "}}", "{{a}}", "{{ b.c }}", "{{#a}}", "{{/a}}", "{{^d}}", "{{/d}}", "{{#e}}", "{{/f}}", "{{! note {{x}} }}",
        "{{> part}}", "{{&g}}", "{{h", "x}}", "{{.}}", "{{#a}}{{i}}{{/a}}", "{{ uppercase(j) }}", "{{$block}}", "{{<parent}}", "{{% CONTENT_TYPE: TEXT}}",
        "\r\n", "{\n", "é", "\u{301}", "\u{200D}", "\u{0600}", "{{#a}}\n", "  {{/a}}  \n", "{{{k}}}", "{{=<% %>=}}", "<% l %>", "{{ }}", "{{#}}", "{{/}}", "{{#a.b}}{{/a.b}}",
    ]).map { $0! }
    static let bodies = pieces.array(of: 0...30).map { $0.joined() }

    @Test func theTagsAloneAreTheTagsInOrderUnlessDelimitersChange() {
        #expect(TemplateVariables.tagsOnly("Dear {{name}},\n\n{{#a}}x {{b.c}}{{/a}} and } { .") == "{{name}}{{#a}}{{b.c}}{{/a}}")
        #expect(TemplateVariables.tagsOnly("{{{markdown}}}") == nil)
        #expect(TemplateVariables.tagsOnly("{{=<% %>=}}<% name %>") == nil)
    }

    @Test func parsingTheTagsAloneReadsWhatParsingTheWholeBodyReads() async {
        await propertyCheck(count: 5_000, input: Self.bodies) { body in
            let fast = TemplateVariables.names(in: body, parsingTagsOnly: true)
            let whole = TemplateVariables.names(in: body, parsingTagsOnly: false)
            switch (fast, whole) {
            case (.success(let fastNames), .success(let wholeNames)): #expect(fastNames == wholeNames, "\(body.debugDescription)")
            case (.failure(let fastError), .failure(let wholeError)):
                #expect(fastError.line == wholeError.line && fastError.column == wholeError.column && fastError.message == wholeError.message, "\(body.debugDescription)")
            default: Issue.record("one parse failed and the other did not: \(body.debugDescription)")
            }
        }
    }
}

/// Timestamps in the form DocketKit writes are read without a formatter; Foundation's parser is
/// the reference they must agree with, instant for instant.
@Suite struct TimestampProperties {
    static let stamps = zip(Gen.int(in: 1600...2400), Gen.int(in: 1...12), Gen.int(in: 1...31), Gen.int(in: 0...23), Gen.int(in: 0...59), Gen.int(in: 0...59), Gen.int(in: -2...14))
        .map { year, month, day, hour, minute, second, zone in
            let offset = zone < 0 ? "Z" : (zone % 2 == 0 ? "+" : "-") + String(format: "%02d:%02d", zone, zone % 3 == 0 ? 30 : 0)
            return String(format: "%04d-%02d-%02dT%02d:%02d:%02d", year, month, day, hour, minute, second) + offset
        }

    @Test func everyWrittenFormReadsAsFoundationReadsIt() async {
        let foundation = ISO8601DateFormatter()
        foundation.formatOptions = [.withInternetDateTime]
        await propertyCheck(count: 3_000, input: Self.stamps) { text in
            let ours = Timestamp.internetDateTime(text)
            // An impossible day (February 30) is nil for both: Foundation rolls it over, and the
            // day check before either parser refuses it.
            let realDay = CalendarDate(iso: String(text.prefix(10))) != nil
            let reference = realDay ? foundation.date(from: text) : nil
            #expect(ours == reference, "\(text)")
            #expect((ours != nil) == realDay, "\(text)")
        }
    }

    @Test func otherFormsAreLeftToFoundation() {
        #expect(Timestamp.internetDateTime("2026-01-15T12:00:00.5Z") == nil)
        #expect(Timestamp.internetDateTime("2026-01-15 12:00:00Z") == nil)
        #expect(Timestamp.internetDateTime("2026-01-15T12:00:00+0500") == nil)
        #expect(Timestamp.date(from: "2026-01-15T12:00:00") == nil, "no zone is ambiguous")
        #expect(Timestamp.date(from: "1969-12-31T23:59:59Z")?.timeIntervalSince1970 == -1)
    }
}
