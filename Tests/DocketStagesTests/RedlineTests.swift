import Foundation
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import DocketModel
import ZIPFoundation

@testable import DocketReview

/// Redlines as a signer reads them: a list compared item by item, headings as headings, and a
/// moved paragraph shown once.
@Suite struct RedlineTests {
    static let oldLetter = """
        ## Summary of recommendations

        1. **Stop the scraping.** DHS should end its use of scraped face images.
        2. **Test for disparities.** DHS should test each biometric system for demographic disparities.
        3. **Publish the inventory.** DHS should publish every AI use case in its inventory.
        4. **Limit monitoring.** ICE should limit electronic monitoring of people in ATD.

        ## Background

        The first paragraph of the background describes the inventory DHS published in January.

        A second paragraph tells how the coalition came to write this letter together.

        """

    /// Item 2 reworded, item 3 removed, a new item added last, the second background paragraph
    /// moved above the first, the section heading renamed.
    static let newLetter = """
        ## Summary of recommendations

        1. **Stop the scraping.** DHS should end its use of scraped face images.
        2. **Test for disparities.** DHS should test each biometric system for demographic disparities before use, and publish the results.
        3. **Limit monitoring.** ICE should limit electronic monitoring of people in ATD.
        4. **Give notice.** DHS should tell each person when AI was used in a decision about them.

        ## Background and context

        A second paragraph tells how the coalition came to write this letter together.

        The first paragraph of the background describes the inventory DHS published in January.

        """

    @Test func aListIsComparedItemByItem() {
        let redline = Redline(from: Self.oldLetter, to: Self.newLetter)
        let changed = redline.entries.compactMap { entry -> String? in
            if case .changed(_, let new, _, _) = entry { return new }
            return nil
        }
        // The reworded item is one changed item; the renumbered "Limit monitoring" is not changed.
        #expect(changed.contains { $0.hasPrefix("2. **Test for disparities.**") })
        #expect(!changed.contains { $0.contains("Limit monitoring") })
        #expect(redline.entries.contains(.removed("3. **Publish the inventory.** DHS should publish every AI use case in its inventory.")))
        #expect(redline.entries.contains(.added("4. **Give notice.** DHS should tell each person when AI was used in a decision about them.", source: nil)))
        #expect(redline.entries.contains(.unchanged("3. **Limit monitoring.** ICE should limit electronic monitoring of people in ATD.")))
        guard case .changed(_, _, let segments, _)? = redline.entries.first(where: { if case .changed(_, let new, _, _) = $0 { new.hasPrefix("2.") } else { false } }) else {
            Issue.record("item 2 is not one changed item")
            return
        }
        #expect(segments.contains(.inserted(" before use, and publish the results.")) || segments.contains(.deleted("disparities.")))
        #expect(!segments.contains(.deleted("Stop")))
    }

    @Test func aHeadingIsComparedWithAHeadingAndAMovedParagraphIsShownOnce() {
        let redline = Redline(from: Self.oldLetter, to: Self.newLetter)
        #expect(redline.entries.contains { if case .changed(let old, let new, _, _) = $0 { old == "## Background" && new == "## Background and context" } else { false } })
        let moved = redline.entries.filter { if case .moved = $0 { true } else { false } }
        let away = redline.entries.filter { if case .movedAway = $0 { true } else { false } }
        #expect(moved.count == 1 && away.count == 1)
        // Neither copy of the moved paragraph is shown as deleted or re-inserted.
        for entry in redline.entries {
            if case .removed(let text) = entry { #expect(!text.contains("paragraph")) }
            if case .added(let text, _) = entry { #expect(!text.contains("paragraph")) }
        }
        // heading, item 2, item 3 removed, item 4 added, the move: five changes.
        #expect(redline.changedParagraphCount == 5)
    }

    @Test func theHTMLShowsOneChangedItemAndNamesSourcesWithoutPaths() {
        let sources = ["clause summary v1 (Templates/clauses/summary.md:3)", "recommendation test-for-disparities (Recommendations/test.md:9)", "clause background v2 (Examples/x/Templates/clauses/background.md:4)", "b", "c"]
        let html = RedlineRenderer.section(Redline(from: Self.oldLetter, to: Self.newLetter, sources: sources))
        #expect(html.contains("<ul class=\"item\"><li>"))
        #expect(html.contains("Changed · from recommendation test-for-disparities</p>"))
        #expect(!html.contains(".md:"))
        #expect(html.contains("Moved here, unchanged"))
        // Either background paragraph may be the one that moved; whichever it is appears once
        // in full and once by its opening words.
        let movedText = Redline(from: Self.oldLetter, to: Self.newLetter).entries.compactMap { entry -> String? in
            if case .moved(let text, _) = entry { return text }
            return nil
        }.first ?? "none"
        #expect(html.contains("Moved from here: “\(movedText.split(separator: " ").prefix(12).joined(separator: " "))"))
        #expect(html.components(separatedBy: movedText).count == 2)
    }

    @Test func theTerminalAndDOCXShowTheMove() throws {
        let redline = Redline(from: Self.oldLetter, to: Self.newLetter)
        let terminal = RedlineRenderer.terminal(redline, color: false)
        #expect(terminal.contains("moved here"))
        #expect(terminal.contains("{+ before use, and publish the results.+}") || terminal.contains("{+before use, and publish the results.+}") || terminal.contains("before use, and publish the results.+}"))
        #expect(terminal.hasSuffix("5 paragraphs changed\n"))
        let docx = try RedlineRenderer.docx(redline, title: "Letter", author: "Alpha", date: Date(timeIntervalSince1970: 0), version: .init(canonicalMarkdown: Self.newLetter))
        let archive = try Archive(data: docx, accessMode: .read)
        var xml = Data()
        _ = try archive.extract(try #require(archive["word/document.xml"])) { xml.append($0) }
        let document = String(decoding: xml, as: UTF8.self)
        let from = try #require(document.range(of: "<w:moveFromRangeStart w:id=\"")).upperBound
        let name = document[from...].split(separator: "\"")[2]
        #expect(name == "move1")
        #expect(document.contains("<w:moveToRangeStart") && document.contains("w:name=\"move1\""))
        #expect(document.components(separatedBy: "w:name=\"move1\"").count == 3)
        #expect(document.contains("<w:moveFrom w:id="))
        #expect(try XMLDocument(xmlString: document, options: []).rootElement() != nil)
    }

    @Test func aTableIsComparedRowByRow() {
        let old = """
            | Recommendation | US provisions | What differs |
            | --- | --- | --- |
            | 1. Stop the scraping | OMB M-24-10 §5 | The EU bans it outright. |
            | 2. Test for disparities | OMB M-24-10 §5(c)(v)(A) | Both require testing. |

            """
        let new = old.replacingOccurrences(of: "Both require testing.", with: "Both require testing; only the EU requires it before use.")
        let redline = Redline(from: old, to: new)
        #expect(redline.changedParagraphCount == 1)
        let html = RedlineRenderer.section(redline)
        let change = html.components(separatedBy: "<div class=\"change\">")
        #expect(change.count == 2)
        #expect(change[1].contains("<p class=\"row\">2. Test for disparities · OMB M-24-10 §5(c)(v)(A) · Both require <del>testing.</del><ins>testing; only the EU requires it before use.</ins></p>"))
        #expect(!change[1].contains("Stop the scraping"))
        #expect(!html.contains("---"))
        // The unchanged row beside it is shown as a row of cells, not as pipes.
        #expect(html.contains("<table class=\"row\"><tr><td>1. Stop the scraping</td>"))
    }
}

/// The dashboard's chart ends where its progress bar stands.
@Suite struct LeadDashboardTests {
    @Test func aSignerWhoApprovedAndThenAskedForChangesIsNotOnTheChart() throws {
        let current = DraftVersion(canonicalMarkdown: "v2")
        let older = DraftVersion(canonicalMarkdown: "v1")
        let day = { (n: Double) in Date(timeIntervalSince1970: 1_767_225_600 + n * 86_400) }
        let log = ApprovalLog(approvals: [
            Approval(signer: "a", decision: .approve, version: current, at: day(0)),
            Approval(signer: "b", decision: .approve, version: current, at: day(0)),
            Approval(signer: "b", decision: .requestChanges, version: older, at: day(1)),
            Approval(signer: "c", decision: .approve, version: older, at: day(1)),
            Approval(signer: "c", decision: .approve, version: current, at: day(2)),
            Approval(signer: "c", decision: .approve, version: current, at: day(3)),
        ])
        let signers = ["a", "b", "c"].map { Signatory(id: $0, organization: $0.uppercased(), city: nil, state: nil, contactName: nil, contactEmail: nil, contactPhone: nil, source: .file("s.csv")) }
        let report = SignerReport(signatories: signers, approvals: log, version: current)
        #expect(report.approvers.map(\.id) == ["a", "c"])
        let byDay = LeadDashboard.approvalsByDay(log, version: current, approvers: Set(report.approvers.map(\.id)))
        #expect(byDay.map(\.total) == [1, 2])
        #expect(byDay.map(\.day.description) == ["2026-01-01", "2026-01-03"])
        // Most urgent first: b asked for changes, then the approvers in list order.
        #expect(LeadDashboard(report: report).rows.map(\.signer.id) == ["b", "a", "c"])
    }
}
