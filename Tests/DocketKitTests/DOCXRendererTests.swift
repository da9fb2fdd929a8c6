import Foundation
import FoundationXML
import Testing
import ZIPFoundation

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

/// Structure checks on the package DocketKit writes; CI also reads the files back with
/// python-docx (`Tests/docx/read_docx.py`), a reader that shares no code with the writer.
@Suite struct DOCXRendererTests {
    func parts(_ plan: String) throws -> [String: String] {
        let outcome = compose(plan, formats: [.docx])
        let data = try #require(outcome.rendered.first?.data)
        let archive = try Archive(data: data, accessMode: .read)
        var parts: [String: String] = [:]
        for entry in archive {
            var bytes = Data()
            _ = try archive.extract(entry) { bytes.append($0) }
            parts[entry.path] = String(decoding: bytes, as: UTF8.self)
        }
        return parts
    }

    @Test func everyPartIsWellFormedXML() throws {
        let parts = try parts("full")
        #expect(
            Set(parts.keys) == [
                "[Content_Types].xml", "_rels/.rels", "docProps/core.xml", "docProps/app.xml", "word/document.xml", "word/_rels/document.xml.rels", "word/styles.xml",
                "word/numbering.xml", "word/footer1.xml",
            ])
        for (path, text) in parts {
            #expect(throws: Never.self, "\(path)") { _ = try XMLDocument(xmlString: text) }
        }
    }

    @Test func headingsListsLinksTablesAndFooterAreReal() throws {
        let parts = try parts("full")
        let body = try #require(parts["word/document.xml"])
        #expect(body.contains("<w:pStyle w:val=\"Heading2\"/></w:pPr><w:r><w:t xml:space=\"preserve\">Recommendation 2: Guarantee appeal</w:t>"))
        #expect(body.contains("<w:pageBreakBefore/>"))
        // The nested item sits one level below its parent.
        #expect(body.contains("<w:ilvl w:val=\"1\"/>"))
        #expect(body.contains("<w:hyperlink r:id=\"rIdLink1\""))
        #expect(try #require(parts["word/_rels/document.xml.rels"]).contains("Target=\"https://www.federalregister.gov/d/2023-24269\" TargetMode=\"External\""))
        #expect(body.contains("<w:tblHeader/>"))
        #expect(body.contains("Legal Aid &amp; *Defense*"))
        #expect(try #require(parts["word/footer1.xml"]).contains("<w:instrText xml:space=\"preserve\"> PAGE </w:instrText>"))
        let core = try #require(parts["docProps/core.xml"])
        #expect(core.contains("<dc:title>Comment on Test notice</dc:title>"))
        #expect(core.contains("<dc:subject>TEST-2023-0001</dc:subject>"))
        #expect(!body.contains("pat@one.example.org"))
    }

    @Test func sameDocumentSameBytes() throws {
        let first = try #require(compose("full", formats: [.docx]).rendered.first?.data)
        let second = try #require(compose("full", formats: [.docx]).rendered.first?.data)
        #expect(first == second)
    }
}
