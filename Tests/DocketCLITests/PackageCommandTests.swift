import DocketModel
import DocketReview
import Foundation
import Testing

/// `docket package` end to end on the bundled example, whose comment period closed in 2023.
@Suite struct PackageCommandTests {
    let cli = CLITests()

    func scratchFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("docket-package-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func aClosedDocketIsRefusedAndNothingIsWritten() throws {
        let out = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let run = try cli.docket("package", "Examples/omb-2023-0020/plan.yml", "--out", out.path, "--attach", "docx")
        #expect(run.status == 1)
        #expect(
            run.stderr.contains("Examples/omb-2023-0020/docket.yml:14:16: error[DK401]: the comment period for OMB-2023-0020 closed December 5, 2023, 11:59 PM EST"),
            "\(run.stderr)")
        #expect(run.stderr.contains("nothing written"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).isEmpty)
    }

    @Test func allowLateWritesTheWholePackage() throws {
        let out = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let run = try cli.docket("package", "Examples/omb-2023-0020/plan.yml", "--allow-late", "--out", out.path, "--attach", "docx")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("warning[DK401]"))
        let folder = out.appendingPathComponent("omb-2023-0020/submission")
        let attachment = "OMB-2023-0020_Coalition-for-Accountable-Immigration-Technology_comment.docx"
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == [
                attachment, "checklist.md", "comment-box.txt", "manifest.json", "submission.json",
            ])
        for name in ["comment-box.txt", attachment, "submission.json"] {
            let size = try Data(contentsOf: folder.appendingPathComponent(name)).count
            #expect(run.stdout.contains("\(name) (\(size) bytes"), "\(run.stdout)")
        }
        // The comment box is the composer's box text, but stamped as filed, not as a draft.
        let golden = try String(contentsOf: CLITests.packageRoot.appendingPathComponent("Examples/omb-2023-0020/expected/comment-box.txt"), encoding: .utf8)
        let filed = try String(contentsOf: folder.appendingPathComponent("comment-box.txt"), encoding: .utf8)
        #expect(filed.split(separator: "\n").dropLast() == golden.split(separator: "\n").dropLast())
        #expect(golden.split(separator: "\n").last?.hasPrefix("Draft version sha256:") == true)
        #expect(filed.split(separator: "\n").last?.wholeMatch(of: /Version [0-9a-f]{12} · Docket OMB-2023-0020/) != nil, "\(filed.suffix(80))")
        // No signer's contact data reaches a public file.
        let signers = try String(contentsOf: CLITests.packageRoot.appendingPathComponent("Examples/omb-2023-0020/signatories.csv"), encoding: .utf8)
        let emails = signers.split(separator: "\n").flatMap { $0.split(separator: ",") }.filter { $0.contains("@") }
        #expect(emails.count == 35)
        let boxText = try String(contentsOf: folder.appendingPathComponent("comment-box.txt"), encoding: .utf8)
        #expect(!emails.contains { boxText.contains($0) })
    }

    @Test func unknownAttachmentFormatIsAUsageError() throws {
        let run = try cli.docket("package", "Examples/omb-2023-0020/plan.yml", "--attach", "html")
        #expect(run.status == 2)
    }
}
