import DocketComments
import DocketSupport
import Foundation
import Testing

/// The same store suite on SQLite and on PostgreSQL: what an import stores, what the reading
/// commands find, and that bad input stores nothing.
@Suite struct CommentStoreTests {
    static let bulk = fixture("Tests/comments/bulk/FWS-HQ-NWRS-2022-0106.csv")
    static let mirrulations = fixture("Tests/comments/mirrulations/USTR")

    func importing(_ urls: [URL], into store: CommentStore) async throws(Diagnostic) -> CommentsImport.Summary {
        try await CommentsImport.run(urls.map { ($0, $0.lastPathComponent) }, into: store)
    }

    @Test(arguments: Backend.allCases) func aBulkDownloadAndAMirrulationsTreeImportEveryField(_ backend: Backend) async throws {
        let (store, _) = try await emptyStore(backend)
        let summary = try await importing([Self.bulk, Self.mirrulations], into: store)
        #expect(summary.comments == 7 && summary.documents == 1 && summary.skippedRows == 1)
        #expect(try await store.total(.init()) == 7)

        // Field by field, as the fixture's row has them.
        let alliance = try #require(try await store.comment("FWS-HQ-NWRS-2022-0106-35400"))
        #expect(alliance.organization == "Test Fixture Refuge Alliance" && alliance.category == "Nonprofit Organization")
        #expect(alliance.duplicateComments == 412 && alliance.trackingNumber == "test-0002-aaaa")
        #expect(alliance.posted == "2024-03-07T05:00:00Z" && alliance.documentID == "FWS-HQ-NWRS-2022-0106-35375")
        #expect(alliance.text == "Test fixture, a form letter the agency counted 412 times.\nWe ask the Service, \"in plain words\", to keep wildlife corridors open.")
        #expect(alliance.attachments.map(\.url) == [
            "https://downloads.regulations.gov/FWS-HQ-NWRS-2022-0106-35400/attachment_1.pdf", "https://downloads.regulations.gov/FWS-HQ-NWRS-2022-0106-35400/attachment_2.docx",
        ])
        #expect(alliance.attachments.allSatisfy { $0.status == .notFetched })
        let person = try #require(try await store.comment("FWS-HQ-NWRS-2022-0106-35393"))
        #expect(person.submitter == "Ava Nowicki" && person.received == "2024-03-05T05:00:00Z")

        // The real Mirrulations comment, with the text Mirrulations extracted from its attachment.
        let council = try #require(try await store.comment("USTR-2015-0010-0002"))
        #expect(council.organization == "US-China Business Council" && council.trackingNumber == "1jz-8l73-5qbv" && council.source == "mirrulations")
        #expect(council.attachments.first?.status == .text && council.attachments.first?.text?.contains("forced technology transfer") == true)
        let steel = try #require(try await store.comment("USTR-2015-0010-0005"))
        #expect(steel.attachments.first?.status == .noText)
        #expect(steel.text?.contains("China's failure") == true)  // &#39; read as an apostrophe
    }

    @Test(arguments: Backend.allCases) func searchFindsWordsInCommentsAndAttachmentsMostRelevantFirst(_ backend: Backend) async throws {
        let (store, folder) = try await emptyStore(backend)
        _ = try await importing([Self.bulk, Self.mirrulations], into: store)
        let corridors = try await store.search(["corridor"], filter: .init(), limit: 10)
        #expect(corridors.map(\.id) == ["FWS-HQ-NWRS-2022-0106-35400"])  // "corridors", stemmed
        #expect(corridors.first?.passage.contains("«corridors»") == true)
        let data = try await store.search(["data", "flows"], filter: .init(), limit: 10)
        #expect(data.map(\.id) == ["USTR-2015-0010-0003"] && data.first?.part == "attachment 1")
        // A comment that says the word three times ranks above one that says it once among
        // many other words, on either database's measure.
        let ranked = folder.appendingPathComponent("ranked.csv")
        let filler = Array(repeating: "The agency should publish its inventory and explain each use.", count: 12).joined(separator: " ")
        try """
            Document ID,Document Type,Comment on Document ID,Comment
            X-2026-0001-0002,Public Submission,X-2026-0001-0001,\(filler) Biometric data is mentioned once.
            X-2026-0001-0003,Public Submission,X-2026-0001-0001,Biometric matching. Biometric retention. Biometric sharing.

            """.write(to: ranked, atomically: true, encoding: .utf8)
        _ = try await importing([ranked], into: store)
        let biometric = try await store.search(["biometric"], filter: .init(), limit: 10)
        #expect(biometric.map(\.id) == ["X-2026-0001-0003", "X-2026-0001-0002"])
        #expect(biometric[0].score > biometric[1].score)
        // Filters narrow a search; FTS syntax in the words is read as words.
        #expect(Set(try await store.search(["refuge"], filter: .init(), limit: 10).map(\.id)) == ["FWS-HQ-NWRS-2022-0106-35393", "FWS-HQ-NWRS-2022-0106-35401"])
        #expect(try await store.search(["refuge"], filter: .init(postedFrom: "2024-03-08"), limit: 10).map(\.id) == ["FWS-HQ-NWRS-2022-0106-35401"])
        #expect(try await store.search(["\"refuge", "OR", "NEAR("], filter: .init(), limit: 10).isEmpty)
    }

    @Test(arguments: Backend.allCases) func listAndStatsCountWhatWasImported(_ backend: Backend) async throws {
        let (store, _) = try await emptyStore(backend)
        _ = try await importing([Self.bulk, Self.mirrulations], into: store)
        let steel = try await store.list(.init(organization: "STEEL"), limit: 10)
        #expect(steel.map(\.id) == ["USTR-2015-0010-0005"])
        #expect(try await store.list(.init(withAttachments: true), limit: 10).map(\.id).sorted() == [
            "FWS-HQ-NWRS-2022-0106-35400", "USTR-2015-0010-0002", "USTR-2015-0010-0003", "USTR-2015-0010-0005",
        ])
        #expect(try await store.list(.init(documentID: "USTR-2015-0010-0001", postedThrough: "2015-09-30"), limit: 10).count == 4)
        #expect(try await store.list(.init(postedThrough: "2015-09-29"), limit: 10).isEmpty)
        let stats = try await store.stats(.init())
        #expect(stats.comments == 7 && stats.duplicateComments == 413)
        #expect(stats.perDocument.map { [$0.key: $0.comments] } == [["FWS-HQ-NWRS-2022-0106-35375": 3], ["USTR-2015-0010-0001": 4]])
        #expect(stats.perDay.first { $0.key == "2024-03-07" }?.duplicates == 412)
        #expect(Dictionary(uniqueKeysWithValues: stats.perSubmitterType.map { ($0.key, $0.comments) }) == [
            "Nonprofit Organization": 1, "organization": 4, "individual": 1, "anonymous": 1,
        ])
        #expect(stats.attachmentsWithText == 2 && stats.attachmentsWithoutText == 1 && stats.attachmentsNotFetched == 2)
    }

    @Test(arguments: Backend.allCases) func aMalformedRowStoresNothingAndSaysWhere(_ backend: Backend) async throws {
        let (store, folder) = try await emptyStore(backend)
        _ = try await importing([Self.mirrulations], into: store)
        let text = try String(contentsOf: Self.bulk, encoding: .utf8)
        // The last row's comment loses its closing quote. The file's lines: the header (1), the
        // notice (2), Ava Nowicki (3), the alliance, whose comment holds a line break (4 and 5),
        // the anonymous comment (6), whose quote opens at its Comment field.
        let broken = folder.appendingPathComponent("broken.csv")
        let unclosed = text.replacingOccurrences(of: ",Test fixture: an anonymous comment", with: ",\"Test fixture: an anonymous comment")
        #expect(unclosed != text)
        try unclosed.write(to: broken, atomically: true, encoding: .utf8)
        let lines = text.components(separatedBy: "\r\n")
        let good = folder.appendingPathComponent("good.csv")
        try text.write(to: good, atomically: true, encoding: .utf8)
        await #expect(throws: Diagnostic.self) { _ = try await importing([good, broken], into: store) }
        do {
            _ = try await importing([good, broken], into: store)
        } catch {
            #expect(error.code == .malformedComment)
            #expect(error.range.start.file == "broken.csv" && error.range.start.line == 6)
            #expect(error.message.contains("never closed"))
        }
        // Neither file stored anything: the good one went in the same transaction.
        #expect(try await store.total(.init()) == 4)

        let nul = folder.appendingPathComponent("nul.csv")
        try Data(lines[0].utf8 + [13, 10] + Array("FWS-1-2,FWS".utf8) + [0] + Array(",x\r\n".utf8)).write(to: nul)
        do {
            _ = try await importing([nul], into: store)
            Issue.record("a NUL byte was imported")
        } catch {
            #expect(error.code == .malformedComment && error.range.start.line == 2 && error.range.start.column == 12)
        }
        let short = folder.appendingPathComponent("short.csv")
        try (lines[0] + "\r\nFWS-HQ-NWRS-2022-0106-1,FWS\r\n").write(to: short, atomically: true, encoding: .utf8)
        do {
            _ = try await importing([short], into: store)
            Issue.record("a short row was imported")
        } catch {
            #expect(error.message == "has 2 fields; the header has 60" && error.range.start.line == 2)
        }
        #expect(try await store.total(.init()) == 4)
    }

    @Test(arguments: Backend.allCases) func aFileThatIsNotACommentIsRefusedAtItsPlace(_ backend: Backend) async throws {
        let (store, folder) = try await emptyStore(backend)
        let truncated = folder.appendingPathComponent("truncated.json")
        let real = try Data(contentsOf: fixture("Tests/api/recorded/USTR-2015-0010-0003.json"))
        try real.prefix(700).write(to: truncated)
        do {
            _ = try await importing([truncated], into: store)
            Issue.record("a truncated file was imported")
        } catch {
            #expect(error.code == .malformedComment && error.message.contains("not a v4 comment"))
        }
        let wrongType = folder.appendingPathComponent("wrong.json")
        try "{\n  \"data\": {\n    \"id\": \"X-2020-0001-0002\",\n    \"attributes\": {\"duplicateComments\": \"many\"}\n  }\n}\n".write(to: wrongType, atomically: true, encoding: .utf8)
        do {
            _ = try await importing([wrongType], into: store)
            Issue.record("a wrong type was imported")
        } catch {
            #expect(error.message.contains("data.attributes.duplicateComments"))
            #expect(error.range.start.line == 4 && error.range.start.column == 20)
        }
        let picture = folder.appendingPathComponent("scan.png")
        try Data([0x89, 0x50, 0x4E, 0x47]).write(to: picture)
        do {
            _ = try await importing([picture], into: store)
            Issue.record("a picture was imported")
        } catch {
            #expect(error.code == .unknownCommentSource)
        }
        #expect(try await store.total(.init()) == 0)
    }

    @Test(arguments: Backend.allCases) func importingAgainReplacesAndTextRoundTripsExactly(_ backend: Backend) async throws {
        let (store, folder) = try await emptyStore(backend)
        _ = try await importing([Self.bulk], into: store)
        _ = try await importing([Self.bulk], into: store)
        #expect(try await store.total(.init()) == 3)
        // Characters the bulk loaders escape: tab, backslash, newline, CR, quotes, and beyond ASCII.
        let awkward = "Tab\there, back\\slash, line\nbreak, CR\rthere, \"quoted\", 'single', café — ☃ 𝄞"
        let csv = folder.appendingPathComponent("awkward.csv")
        let quoted = "\"" + awkward.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        try "Document ID,Document Type,Comment on Document ID,Comment,Organization Name\r\nFWS-HQ-NWRS-2022-0106-35393,Public Submission,FWS-HQ-NWRS-2022-0106-35375,\(quoted),\r\n"
            .write(to: csv, atomically: true, encoding: .utf8)
        _ = try await importing([csv], into: store)
        let replaced = try #require(try await store.comment("FWS-HQ-NWRS-2022-0106-35393"))
        #expect(replaced.text == awkward)
        #expect(try await store.search(["café"], filter: .init(), limit: 5).map(\.id) == ["FWS-HQ-NWRS-2022-0106-35393"])
        #expect(try await store.search(["indigenous"], filter: .init(), limit: 5).isEmpty)  // the old text left the index
        #expect(try await store.total(.init()) == 3)
    }

    /// The page size is in the file's header (bytes 16 and 17, big-endian): read from the
    /// file, not asked of the code that set it.
    @Test func aNewStoreHasSixteenKilobytePagesAndAnOldOneKeepsItsOwn() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("docket-comments-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        func pageSize(_ url: URL) throws -> Int {
            let header = try Data(contentsOf: url).prefix(18)
            return Int(header[16]) << 8 | Int(header[17])
        }
        let fresh = folder.appendingPathComponent("comments.sqlite")
        let store = try await CommentStore.open(SQLiteCommentDatabase(url: fresh, displayPath: "comments.sqlite"))
        await store.database.close()
        #expect(try pageSize(fresh) == 16_384)

        let old = folder.appendingPathComponent("old.sqlite")
        let made = Process()
        made.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        made.arguments = ["python3", "-c", "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute('PRAGMA page_size = 4096'); c.execute('CREATE TABLE t (x)'); c.commit()", old.path]
        try made.run()
        made.waitUntilExit()
        try #require(made.terminationStatus == 0)
        let reopened = try await CommentStore.open(SQLiteCommentDatabase(url: old, displayPath: "old.sqlite"))
        await reopened.database.close()
        #expect(try pageSize(old) == 4_096)
    }

    @Test func aStoreFromANewerDocketKitIsRefused() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("docket-comments-\(UUID().uuidString)")
        let url = folder.appendingPathComponent("comments.sqlite")
        let first = try await CommentStore.open(SQLiteCommentDatabase(url: url, displayPath: "comments.sqlite"))
        try await first.database.execute("INSERT INTO schema_version (version) VALUES (99)", [])
        await first.database.close()
        await #expect(throws: CommentStoreError.self) { _ = try await CommentStore.open(SQLiteCommentDatabase(url: url, displayPath: "comments.sqlite")) }
        let notADatabase = folder.appendingPathComponent("notes.sqlite")
        try "not a database, a page of notes".write(to: notADatabase, atomically: true, encoding: .utf8)
        do {
            _ = try await CommentStore.open(SQLiteCommentDatabase(url: notADatabase, displayPath: "notes.sqlite"))
            Issue.record("a text file opened as a store")
        } catch let error as CommentStoreError {
            #expect(error.description.contains("not a SQLite database") || error.description.contains("damaged"))
        }
        #expect(try String(contentsOf: notADatabase, encoding: .utf8) == "not a database, a page of notes")
    }
}
