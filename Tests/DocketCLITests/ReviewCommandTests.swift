import Foundation
import Testing

/// `docket sign`, `signers`, `diff` and `review` on a two-signer letter in a scratch folder.
@Suite struct ReviewCommandTests {
    let cli = CLITests()

    func letter() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("docket-review-\(UUID().uuidString)")
        let files = [
            "Templates/clauses/ask.md": "---\nid: ask\nversion: 1\ntitle: The ask\n---\nDHS should stop using Mobile Fortify.\n",
            "letter/signatories.csv":
                "id,organization,city,state,contact_name,contact_email,contact_phone\nalpha,Alpha Rights Project,,,A,a@alpha.example.org,\nbeta,Beta Legal Aid,,,B,b@beta.example.org,\n",
            "letter/plan.yml":
                "name: letter\nkind: letter\nlibrary: ..\nsubmitter: { type: organization, organization: Alpha Rights Project, organizationType: Nonprofit }\nsections:\n  - clause: ask\nsignatories: signatories.csv\n",
        ]
        for (path, text) in files {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        return folder
    }

    @Test func signSignersDiffAndReview() throws {
        let folder = try letter()
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = try cli.docket("compose", "letter/plan.yml", "--format", "md", in: folder)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("stored version "))
        #expect(try cli.docket("sign", "letter/plan.yml", "--signer", "alpha", "--approve", in: folder).status == 0)
        #expect(try cli.docket("sign", "letter/plan.yml", "--signer", "beta", "--approve", in: folder).status == 0)

        let ask = folder.appendingPathComponent("Templates/clauses/ask.md")
        try String(contentsOf: ask, encoding: .utf8).replacingOccurrences(of: "Fortify.", with: "Fortify now.").write(to: ask, atomically: true, encoding: .utf8)
        let second = try cli.docket("compose", "letter/plan.yml", "--format", "md", in: folder)
        #expect(second.stderr.contains("warning[DK507]: 2 signers approved an older version"), "\(second.stderr)")
        #expect(try cli.docket("sign", "letter/plan.yml", "--signer", "alpha", "--approve", "--comment", "Fine", in: folder).status == 0)

        let table = try cli.docket("signers", "letter/plan.yml", in: folder)
        #expect(table.stdout.contains("alpha  approved\n"), "\(table.stdout)")
        #expect(table.stdout.contains("beta   approved an older version "), "\(table.stdout)")
        #expect(table.stdout.contains("(1 paragraph changed since)"))
        let json = try cli.docket("signers", "letter/plan.yml", "--format", "json", in: folder)
        let decoded = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect((decoded["counts"] as? [String: Int])?["approved"] == 1)

        let diff = try cli.docket("diff", "letter/plan.yml", in: folder)
        #expect(diff.stdout.contains("DHS should stop using Mobile [-Fortify.-]{+Fortify now.+}"), "\(diff.stdout)")
        let html = try cli.docket("diff", "letter/plan.yml", "--html", "changes.html", in: folder)
        #expect(html.status == 0)
        #expect(try String(contentsOf: folder.appendingPathComponent("changes.html"), encoding: .utf8).contains("<del>Fortify.</del><ins>Fortify now.</ins>"))

        let review = try cli.docket("review", "letter/plan.yml", "--signer", "beta", in: folder)
        #expect(review.status == 0, "\(review.stderr)")
        let packet = folder.appendingPathComponent("out/letter/review/beta")
        #expect(try FileManager.default.contentsOfDirectory(atPath: packet.path).sorted() == ["changes.docx", "review.html"])

        let refused = try cli.docket("sign", "letter/plan.yml", "--signer", "gamma", "--approve", in: folder)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("error[DK508]: no signer 'gamma'"))
    }
}
