import Foundation
import Testing
import ZIPFoundation

@testable import DocketCitations
@testable import DocketCompose
@testable import DocketKit
@testable import DocketLibrary
@testable import DocketMarkdown
@testable import DocketModel
@testable import DocketRender
@testable import DocketReview
@testable import DocketSubmission
@testable import DocketSupport

/// A docket and a plan written to a scratch folder, composed from the compose fixtures'
/// library, and packaged without a PDF converter so results do not depend on the machine.
struct PackageScenario {
    var docket = """
        id: TEST-2026-0001
        document: TEST-2026-0001-0001
        agency: OMB
        agencyName: Office of Management and Budget
        title: Test notice
        federalRegister: 88 FR 75625
        frDocument: 2023-24269
        published: 2023-11-03
        commentsClose: 2026-03-02T23:59:00-05:00
        questions:
          - number: 1
            text: What should agencies do?
        """
    var submitter = """
          type: organization
          organization: Example Coalition
          organizationType: Nonprofit
          email: lead@example.org
        """
    var coalitionName = "Example Coalition"
    /// The comment is the coalition's own, its partners listed without approvals.
    var approvals = "approvals: not-required"
    var allowLate = false
    var now = fixedNow

    func plan(library: String) -> String {
        """
        name: scenario
        kind: comment
        docket: ../docket.yml
        library: \(library)
        submitter:
        \(submitter)
        variables:
          coalition_name: "\(coalitionName)"
          signatory_count: 2
        sections:
          - clause: intro
          - heading: Recommendations
          - recommendations: [first, second]
          - answer: 1
            clause: signoff
        signatories: \(fixtures.appendingPathComponent("compose/plans/signatories.csv").path)
        \(approvals)
        """
    }

    func package() throws -> Outcome<Filing.Package> {
        let folder = try TemporaryFolder()
        try folder.write("docket.yml", docket)
        try folder.write("p/plan.yml", plan(library: fixtures.appendingPathComponent("compose").path))
        var options = Filing.Options()
        options.allowLate = allowLate
        options.converter = nil
        options.formats = [.docx]
        return Filing.package(plan: "p/plan.yml", options: options, now: now, baseDirectory: folder.url)
    }
}

extension Outcome where Value == Filing.Package {
    var packaged: [SubmissionPackager.PackagedFile] { value?.files ?? [] }
    var folder: String? { value?.folder }
    var draft: Draft? { value?.draft }

    func file(_ name: String) throws -> Data {
        try #require(packaged.first { $0.name == name }).data
    }

    func payloadAttributes() throws -> [String: Any] {
        let json = try JSONSerialization.jsonObject(with: try file("submission.json")) as? [String: Any]
        let data = try #require(json?["data"] as? [String: Any])
        #expect(data["type"] as? String == "comments")
        return try #require(data["attributes"] as? [String: Any])
    }
}

@Suite struct SubmissionPackageTests {
    @Test func organizationPackageHoldsEveryFileAndTheOrganizationPayload() throws {
        var scenario = PackageScenario()
        scenario.submitter += "\n  receipt: true"
        let outcome = try scenario.package()
        #expect(outcome.succeeded, "\(outcome.diagnostics)")
        let attachment = "TEST-2026-0001_Example-Coalition_comment.docx"
        #expect(outcome.packaged.map(\.name) == ["comment-box.txt", attachment, "submission.json", "checklist.md", "manifest.json"])
        #expect(outcome.folder == "out/scenario/submission")

        let attributes = try outcome.payloadAttributes()
        #expect(
            Set(attributes.keys) == [
                "commentOnDocumentId", "comment", "submissionType", "submitterType", "organization", "organizationType", "email", "sendEmailReceipt", "files",
            ])
        #expect(attributes["commentOnDocumentId"] as? String == "TEST-2026-0001-0001")
        #expect(attributes["submissionType"] as? String == "API")
        #expect(attributes["submitterType"] as? String == "ORGANIZATION")
        #expect(attributes["files"] as? [String] == [attachment])
        #expect(attributes["sendEmailReceipt"] as? Bool == true)
        #expect(attributes["comment"] as? String == String(decoding: try outcome.file("comment-box.txt"), as: UTF8.self))
    }

    @Test func individualPayloadCarriesNameFieldsAndNoOrganization() throws {
        var scenario = PackageScenario()
        scenario.submitter = """
              type: individual
              firstName: Ana
              lastName: Nguyễn
              state: TX
              zip: "78701"
            """
        let outcome = try scenario.package()
        #expect(outcome.succeeded, "\(outcome.diagnostics)")
        let attributes = try outcome.payloadAttributes()
        #expect(attributes["submitterType"] as? String == "INDIVIDUAL")
        #expect(attributes["firstName"] as? String == "Ana")
        #expect(attributes["stateProvinceRegion"] as? String == "TX")
        #expect(attributes["zip"] as? String == "78701")
        #expect(attributes["organization"] == nil && attributes["organizationType"] == nil)
        // Attachment names fold to ASCII: upload forms and file systems all take them.
        #expect(outcome.packaged.contains { $0.name == "TEST-2026-0001_Nguyen-Ana_comment.docx" })
    }

    @Test func anonymousPayloadCarriesNoIdentity() throws {
        var scenario = PackageScenario()
        scenario.submitter = "  type: anonymous"
        let outcome = try scenario.package()
        #expect(outcome.succeeded, "\(outcome.diagnostics)")
        let attributes = try outcome.payloadAttributes()
        #expect(Set(attributes.keys) == ["commentOnDocumentId", "comment", "submissionType", "submitterType", "files"])
        #expect(attributes["submitterType"] as? String == "ANONYMOUS")
        #expect(outcome.packaged.contains { $0.name == "TEST-2026-0001_comment.docx" })
    }

    @Test func manifestListsEveryOtherFileWithSizeHashAndTheDraftVersion() throws {
        let outcome = try PackageScenario().package()
        let manifest = try #require(try JSONSerialization.jsonObject(with: try outcome.file("manifest.json")) as? [String: Any])
        #expect(manifest["version"] as? String == outcome.draft?.version.description)
        let listed = try #require(manifest["files"] as? [[String: Any]])
        #expect(listed.map { $0["name"] as? String } == outcome.packaged.dropLast().map(\.name))
        for (entry, file) in zip(listed, outcome.packaged) {
            #expect(entry["bytes"] as? Int == file.data.count)
            #expect(entry["sha256"] as? String == ContentHash.sha256Hex(file.data))
        }
        #expect(listed.filter { $0["public"] as? Bool == true }.count == 2)
    }

    @Test func checklistGivesTheFormPathLinksFieldsAndTheEasternDeadline() throws {
        let outcome = try PackageScenario().package()
        let checklist = String(decoding: try outcome.file("checklist.md"), as: UTF8.self)
        for expected in [
            "<https://www.regulations.gov/commenton/TEST-2026-0001-0001>",
            "(https://www.regulations.gov/user-notice)",
            "(https://www.regulations.gov/privacy-notice)",
            "[Federal Register document 2023-24269](https://www.federalregister.gov/documents/2023/11/03/2023-24269)",
            "**Deadline:** March 2, 2026, 11:59 PM EST (Eastern), 46 days 11 hours left",
            "`TEST-2026-0001_Example-Coalition_comment.docx`",
            "| Organization name | Example Coalition | 120 |",
            "| Email (private) | lead@example.org | 100 |",
        ] {
            #expect(checklist.contains(expected), "missing: \(expected)")
        }
    }

    @Test func closedPeriodIsAnErrorUnlessLateCommentsAreAllowed() throws {
        var scenario = PackageScenario()
        // Closed after the 2025 inventory the fixture cites, so only the period is wrong.
        scenario.docket = scenario.docket.replacingOccurrences(of: "2026-03-02T23:59:00-05:00", with: "2026-01-05T23:59:00-05:00")
        let refused = try scenario.package()
        #expect(refused.found(.commentPeriodClosed) == [Found("DK401", 9, 16)])
        #expect(refused.diagnostics.first { $0.code == .commentPeriodClosed }?.severity == .error)
        #expect(refused.packaged.isEmpty)

        scenario.allowLate = true
        let late = try scenario.package()
        #expect(late.succeeded)
        #expect(late.diagnostics.first { $0.code == .commentPeriodClosed }?.severity == .warning)
        #expect(String(decoding: try late.file("checklist.md"), as: UTF8.self).contains("**closed 9 days 12 hours ago**"))
    }

    @Test func threeDaysOrFewerLeftIsAWarning() throws {
        var scenario = PackageScenario()
        scenario.docket = scenario.docket.replacingOccurrences(of: "2026-03-02T23:59:00-05:00", with: "2026-01-18T11:59:00-05:00")
        let outcome = try scenario.package()
        #expect(outcome.succeeded)
        #expect(outcome.found(.commentPeriodClosing) == [Found("DK404", 9, 16)])
        scenario.docket = scenario.docket.replacingOccurrences(of: "2026-01-18T11:59:00-05:00", with: "2026-01-18T12:01:00-05:00")
        #expect(try scenario.package().found(.commentPeriodClosing).isEmpty)
    }

    @Test(arguments: [
        ("document: TEST-2026-0001-0001\n", "", "DK405", 1, 1),
        ("document: TEST-2026-0001-0001", "document: TEST-2026-0001", "DK403", 2, 11),
        ("document: TEST-2026-0001-0001", "document: OTHER-2026-0002-0001", "DK402", 2, 11),
    ])
    func commentOnDocumentIdMustBeADocumentOfTheDocket(from: String, to: String, code: String, line: Int, column: Int) throws {
        var scenario = PackageScenario()
        scenario.docket = scenario.docket.replacingOccurrences(of: from, with: to)
        let outcome = try scenario.package()
        #expect(outcome.found(DiagnosticCode(rawValue: code)) == [Found(code, line, column)])
        #expect(outcome.packaged.isEmpty)
    }

    /// Every limit counts characters and bytes: the Vietnamese name is 20 characters, 31 bytes.
    @Test(arguments: [
        ("firstName", String(repeating: "a", count: 26)), ("firstName", "Nguyễn Thị Minh Khải"), ("lastName", String(repeating: "b", count: 26)),
        ("organization", String(repeating: "c", count: 121)), ("email", String(repeating: "d", count: 90) + "@example.org"), ("city", String(repeating: "e", count: 51)),
        ("state", String(repeating: "f", count: 51)), ("phone", String(repeating: "1", count: 51)), ("country", String(repeating: "g", count: 51)),
        ("zip", "12345-67890"),
    ])
    func submitterFieldsOverTheirLimitAreLocatedErrors(key: String, value: String) throws {
        var scenario = PackageScenario()
        let isPersonal = key == "firstName" || key == "lastName" || key == "zip"
        scenario.submitter = isPersonal ? "  type: individual\n  firstName: Ana\n  lastName: Ruiz" : "  type: organization\n  organization: Org\n  organizationType: Nonprofit"
        scenario.submitter = scenario.submitter.split(separator: "\n").filter { !$0.hasPrefix("  \(key):") }.joined(separator: "\n") + "\n  \(key): \"\(value)\""
        let outcome = try scenario.package()
        let found = outcome.diagnostics.filter { $0.code == .submitterFieldTooLong }
        #expect(found.count == 1)
        #expect(found.first?.range.start.file == "p/plan.yml")
        // The field under test is the submitter block's last line.
        #expect(found.first?.range.start.line == 5 + scenario.submitter.split(separator: "\n").count)
        #expect(outcome.packaged.isEmpty)
    }

    @Test func valuesAtTheirLimitPass() throws {
        var scenario = PackageScenario()
        scenario.submitter = "  type: individual\n  firstName: \(String(repeating: "a", count: 25))\n  lastName: Ruiz\n  zip: 12345-6789"
        #expect(try scenario.package().succeeded)
    }

    @Test func aReceiptNeedsAnEmail() throws {
        var scenario = PackageScenario()
        scenario.submitter = "  type: individual\n  firstName: Ana\n  lastName: Ruiz\n  receipt: true"
        let outcome = try scenario.package()
        #expect(outcome.found(.receiptWithoutEmail) == [Found("DK612", 9, 12)])
    }

    @Test func anOrganizationNeedsAnOrganizationType() throws {
        var scenario = PackageScenario()
        scenario.submitter = "  type: organization\n  organization: Org"
        let outcome = try scenario.package()
        #expect(outcome.found(.submitterFields) == [Found("DK309", 5, 1)])
    }

    /// A plan value carries a signer's email and, written differently, a signer's phone. Both
    /// are errors at the plan line that carries them, and nothing is written.
    @Test(arguments: ["Write to PAT@one.example.org", "Call (512) 555-0101"])
    func signerContactDataInTheTextIsRefused(value: String) throws {
        var scenario = PackageScenario()
        scenario.coalitionName = value
        let outcome = try scenario.package()
        let leaks = outcome.diagnostics.filter { $0.code == .privateFieldInPublicText }
        #expect(leaks.count == 1)
        #expect(leaks.first.map { "\($0.range.start.file):\($0.range.start.line)" } == "p/plan.yml:11")
        #expect(leaks.first?.message.contains("signer '") == true)
        #expect(outcome.packaged.isEmpty)
    }

    @Test func theSubmitterOwnEmailInItsBlockIsNotALeak() throws {
        let outcome = try PackageScenario().package()
        #expect(outcome.found(.privateFieldInPublicText).isEmpty)
    }

    @Test func aDOCXIsScannedInsideItsXMLParts() throws {
        let docx = try DOCXPackage.zip([("word/document.xml", "<w:t>Reach us at lee@two.example.org</w:t>"), ("word/_rels/document.xml.rels", "mailto:x@y.org")])
        let text = SubmissionPackager.publicText(of: .init(name: "a.docx", data: docx, role: .attachment))
        let fields = PrivateFields(
            signatories: [
                Signatory(id: "two", organization: "Two", city: nil, state: nil, contactName: nil, contactEmail: "lee@two.example.org", contactPhone: nil, source: .file("s.csv"))
            ],
            submitter: .anonymous, submitterRange: nil)
        #expect(Set(fields.matches(in: text).map(\.entry.value)) == ["lee@two.example.org"])
    }

    @Test func thePackageFolderIsReplacedWholeSoAStaleAttachmentCannotLinger() throws {
        let folder = try TemporaryFolder()
        let submission = folder.url.appendingPathComponent("plan/submission")
        var first: [SubmissionPackager.PackagedFile] = [
            .init(name: "a.pdf", data: Data("%PDF".utf8), role: .attachment), .init(name: "a.docx", data: Data("PK".utf8), role: .attachment),
        ]
        first.append(.init(name: "manifest.json", data: Self.manifest(first), role: .manifest))
        try Filing.write(first, into: submission)
        try Filing.write([first[1]], into: submission)
        #expect(try FileManager.default.contentsOfDirectory(atPath: submission.path) == ["a.docx"])
        // Nothing of the swap is left beside the folder.
        #expect(try FileManager.default.contentsOfDirectory(atPath: submission.deletingLastPathComponent().path) == ["submission"])
    }

    /// A manifest recording `files` as `package` writes it.
    static func manifest(_ files: [SubmissionPackager.PackagedFile]) -> Data {
        let entries = files.map { #"{"name":"\#($0.name)","role":"attachment","bytes":\#($0.data.count),"sha256":"\#(ContentHash.sha256Hex($0.data))","public":true}"# }
        let version = DraftVersion(canonicalMarkdown: "x").description
        return Data(#"{"plan":"p","version":"\#(version)","files":[\#(entries.joined(separator: ","))]}"#.utf8)
    }

    /// A person's own file in the package folder was deleted by the next package, even when a
    /// hand-edited manifest named it. Now only files the manifest records with their present
    /// hash are replaced; anything else stops the package and stays.
    @Test func aFileAPersonPutInThePackageFolderIsNeverDeleted() throws {
        let folder = try TemporaryFolder()
        let submission = folder.url.appendingPathComponent("plan/submission")
        var files: [SubmissionPackager.PackagedFile] = [.init(name: "comment-box.txt", data: Data("text".utf8), role: .commentText)]
        files.append(.init(name: "manifest.json", data: Self.manifest(files), role: .manifest))
        try Filing.write(files, into: submission)
        try folder.write("plan/submission/notes.txt", "my own notes")
        #expect(throws: AtomicWriter.WriteError.self) { try Filing.write(files, into: submission) }
        #expect(try String(contentsOf: submission.appendingPathComponent("notes.txt"), encoding: .utf8) == "my own notes")
        // A manifest edited to claim it, without its hash, claims nothing.
        try folder.write(
            "plan/submission/manifest.json",
            #"{"plan":"p","version":"sha256:x","files":[{"name":"comment-box.txt","role":"commentText","bytes":4,"sha256":"\#(ContentHash.sha256Hex(Data("text".utf8)))","public":true},{"name":"notes.txt","role":"attachment","bytes":1,"sha256":"0","public":true}]}"#)
        do {
            try Filing.write(files, into: submission)
            Issue.record("the package replaced a folder holding a person's file")
        } catch {
            #expect(error.reason.contains("notes.txt"))
        }
        #expect(FileManager.default.fileExists(atPath: submission.appendingPathComponent("notes.txt").path))
        // A packaged file edited after packaging is the person's too.
        try FileManager.default.removeItem(at: submission.appendingPathComponent("notes.txt"))
        try folder.write("plan/submission/comment-box.txt", "edited by hand")
        #expect(throws: AtomicWriter.WriteError.self) { try Filing.write(files, into: submission) }
    }

    /// A manifest from an earlier run that lists `..` once made the next package delete the
    /// plan's whole output folder. Nothing read back from an earlier run decides what goes now.
    @Test func aManifestListingDotDotDeletesNothingOutsideThePackage() throws {
        let folder = try TemporaryFolder()
        try folder.write("plan/keep.txt", "a compose output beside the package")
        try folder.write("plan/submission/manifest.json", #"{"plan":"p","version":"sha256:x","files":[{"name":"..","role":"attachment","bytes":1,"sha256":"x","public":true}]}"#)
        try Filing.write([.init(name: "comment-box.txt", data: Data("text".utf8), role: .commentText)], into: folder.url.appendingPathComponent("plan/submission"))
        #expect(FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("plan/keep.txt").path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.appendingPathComponent("plan/submission").path) == ["comment-box.txt"])
    }

    @Test(.enabled(if: PDFConverter.find() != nil, "LibreOffice is not installed"))
    func libreOfficeMakesAPDFFromTheDOCX() throws {
        let outcome = try PackageScenario().package()
        let docx = try outcome.file("TEST-2026-0001_Example-Coalition_comment.docx")
        let pdf = try #require(PDFConverter.find()).convert(docx: docx, name: "test")
        #expect(pdf.starts(with: Array("%PDF-".utf8)))
        // Tagged PDF carries a structure tree and marks itself as tagged.
        let text = String(decoding: pdf, as: UTF8.self)
        #expect(text.contains("/StructTreeRoot"))
        #expect(text.contains("/Marked true"))
    }
}

@Suite struct SubmissionRuleTests {
    @Test func emptyCommentIsRefused() {
        #expect(SubmissionRules.comment(" \n ", file: "c.txt").map(\.code) == [.emptyComment])
    }

    @Test func commentOver5000CharactersOrBytesIsRefused() {
        #expect(SubmissionRules.comment(String(repeating: "a", count: 5_000), file: "c.txt").isEmpty)
        #expect(SubmissionRules.comment(String(repeating: "a", count: 5_001), file: "c.txt").map(\.code) == [.commentBoxTooLong])
        // 2,501 characters, 5,002 bytes.
        let bytes = SubmissionRules.comment(String(repeating: "é", count: 2_501), file: "c.txt")
        #expect(bytes.map(\.code) == [.commentBoxTooLong])
        #expect(bytes.first?.message.contains("5002 UTF-8 bytes") == true)
    }

    @Test func characterOutsideTheBMPIsLocated() {
        let found = SubmissionRules.comment("First line\nWe comment é 🎉 here", file: "c.txt")
        #expect(found.map { "\($0.code):\($0.range.start)" } == ["DK601:c.txt:2:15"])
    }

    @Test func moreThanTwentyAttachmentsIsRefused() {
        let twenty = (1...20).map { SubmissionRules.Attachment(name: "part-\($0).pdf", size: 100) }
        #expect(SubmissionRules.attachments(twenty).isEmpty)
        let found = SubmissionRules.attachments(twenty + [.init(name: "part-21.pdf", size: 100)])
        #expect(found.map { "\($0.code):\($0.range.start.file)" } == ["DK605:part-21.pdf"])
    }

    @Test func attachmentSizeLimitsAreTenMillionBytesAndNotEmpty() {
        #expect(SubmissionRules.attachments([.init(name: "a.pdf", size: 10_000_000)]).isEmpty)
        #expect(SubmissionRules.attachments([.init(name: "a.pdf", size: 10_000_001)]).map(\.code) == [.attachmentTooLarge])
        #expect(SubmissionRules.attachments([.init(name: "a.pdf", size: 30_000_000)]).map(\.code) == [.attachmentTooLarge])
        #expect(SubmissionRules.attachments([.init(name: "a.pdf", size: 0)]).map(\.code) == [.emptyAttachment])
    }

    @Test(arguments: ["comment.md", "comment.html", "comment.htm", "comment.doc", "comment.zip", "comment.odt", "comment.csv", "comment", "comment."])
    func extensionsOutsideTheSixteenAreRefused(name: String) {
        #expect(SubmissionRules.attachments([.init(name: name, size: 10)]).map(\.code) == [.attachmentTypeNotAccepted])
    }

    @Test(arguments: [
        "a.bmp", "a.docx", "a.gif", "a.jpg", "a.jpeg", "a.pdf", "a.png", "a.pptx", "a.rtf", "a.sgml", "a.tif", "a.tiff", "a.txt", "a.wpd", "a.xlsx", "a.xml", "A.PDF", "b.DocX",
    ])
    func theSixteenExtensionsPassInAnyCase(name: String) {
        #expect(SubmissionRules.attachments([.init(name: name, size: 10)]).isEmpty)
    }

    @Test func duplicateNamesAreRefusedIgnoringCase() {
        let found = SubmissionRules.attachments([.init(name: "letter.pdf", size: 1), .init(name: "Letter.PDF", size: 1), .init(name: "other.pdf", size: 1)])
        #expect(found.map { "\($0.code):\($0.range.start.file)" } == ["DK609:Letter.PDF"])
    }
}
