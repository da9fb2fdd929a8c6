import DocketLibrary
import DocketModel
import DocketSupport
import Foundation

/// `docket init`: a new campaign folder with every file a lead fills in, each field commented
/// with where to find its value. Nothing is ever overwritten: the folder must not exist or be
/// empty.
public enum CampaignScaffold {
    /// What the lead asked for.
    public struct Options: Sendable {
        public var docketID: String
        public var kind: Plan.Kind = .comment
        public var submitter: Submitter = .organization
        /// Shared libraries, as the plan will name them (relative to the campaign folder).
        public var libraries: [String] = []

        /// How the campaign files: as an organization (the default) or as a person.
        public enum Submitter: String, Sendable, CaseIterable {
            case organization, individual
        }

        /// A campaign on `docketID`.
        public init(docketID: String) { self.docketID = docketID }
    }

    /// Why nothing was written: a diagnostic at the folder.
    public typealias Refusal = Diagnostic

    /// The files of a new campaign, by path inside its folder.
    public static func files(_ options: Options) -> [(path: String, text: String)] {
        var files: [(String, String)] = [
            ("docket.yml", docket(options)), ("plan.yml", plan(options)), ("README.md", readme(options)),
            ("Recommendations/.keep", ""), ("Templates/clauses/.keep", ""),
        ]
        if options.kind != .comment { files.append(("signatories.csv", SignatoriesParser.columns.joined(separator: ",") + "\n")) }
        return files
    }

    /// Writes the campaign into `folder`, refusing when it holds anything already.
    @discardableResult
    public static func write(_ options: Options, into folder: URL) throws(Refusal) -> [URL] {
        if let problem = PathComponent.problem(folder.lastPathComponent) {
            throw .error(.campaignFolderInUse, "the folder's name \(problem); it becomes the plan's name", at: .file(folder.path))
        }
        if let existing = try? FileManager.default.contentsOfDirectory(atPath: folder.path), !existing.isEmpty {
            throw .error(
                .campaignFolderInUse, "the folder is not empty (\(existing.sorted().prefix(3).joined(separator: ", "))); docket init never overwrites: choose a new folder",
                at: .file(folder.path))
        }
        var written: [URL] = []
        for (path, text) in files(options) {
            let url = folder.appendingPathComponent(path)
            do {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                // `withoutOverwriting`: a file appearing meanwhile is never replaced.
                try Data(text.utf8).write(to: url, options: .withoutOverwriting)
            } catch {
                throw .error(.outputNotWritten, error.localizedDescription, at: .file(url.path))
            }
            written.append(url)
        }
        return written
    }

    static func docket(_ options: Options) -> String {
        let id = options.docketID
        return """
            # The docket this campaign comments on. Fill each empty field; `docket check` lists
            # what is left, at its line.
            # The docket ID, as Regulations.gov shows it at the top of the docket's page.
            id: \(id)
            # The document comments are filed on: on https://www.regulations.gov/docket/\(id),
            # the notice's "Document ID" (the docket ID followed by -NNNN).
            document:
            # The agency's acronym and full name, from the notice's heading in the Federal Register.
            agency:
            agencyName:
            # The notice's title, as the Federal Register prints it.
            title:
            # The Federal Register citation (e.g. 88 FR 75625), its FR Doc. number (e.g. 2023-24269)
            # and publication date, from the notice's page on federalregister.gov.
            # federalRegister:
            # frDocument:
            # published:
            # The close of the comment period with its zone, from the notice's DATES section
            # (agencies close at 11:59 pm Eastern), e.g. 2026-03-02T23:59:00-05:00.
            commentsClose:
            # Identifiers the registry cannot know, confirmed by a person: who, on what day, where.
            # confirmed:
            #   - id: \(id)
            #     by: Your Name
            #     on: 2026-01-15
            #     at: https://www.regulations.gov/docket/\(id)
            # The questions the notice numbers, in short (optional).
            # questions:
            #   - number: 1
            #     text: What the notice asks.

            """
    }

    static func plan(_ options: Options) -> String {
        let template = options.kind == .comment ? "comment" : "letter"
        var text = """
            # What this campaign files. `docket compose plan.yml` drafts it; `docket package` files it.
            kind: \(options.kind.rawValue)
            docket: docket.yml
            template: \(template)

            """
        if !options.libraries.isEmpty {
            text += "# Shared libraries searched after this folder's own Recommendations/ and Templates/.\n"
            text += "library: [\(options.libraries.joined(separator: ", "))]\n"
        }
        text += "# Who files on Regulations.gov: fill the empty fields.\nsubmitter:\n"
        switch options.submitter {
        case .organization:
            text += "  type: organization\n  organization:\n  # The agency's category for your organization, as the comment form lists it (e.g. Nonprofit).\n  organizationType:\n"
        case .individual:
            text += "  type: individual\n  firstName:\n  lastName:\n"
        }
        if options.kind == .comment {
            text += "variables:\n  salutation: Dear Sir or Madam\n"
        } else {
            text += """
                # The letter's address block and greeting.
                variables:
                  recipient:
                  letter_date:
                  salutation:

                """
        }
        text += """
            # The comment, in order: clauses, headings, and the recommendations (ids from
            # Recommendations/ here or from a library).
            sections:
              - heading: Recommendations
              - recommendations: []

            """
        if options.kind != .comment { text += "# The organizations asked to sign; each approves a version with `docket sign`.\nsignatories: signatories.csv\n" }
        return text
    }

    static func readme(_ options: Options) -> String {
        """
        # Campaign on \(options.docketID)

        1. Fill `docket.yml` from the docket's page on Regulations.gov and the notice on
           federalregister.gov; `docket check .` lists every field left, at its line.
        2. Write recommendations in `Recommendations/` (or use a library's) and list their ids in
           `plan.yml`; clauses of your own go in `Templates/clauses/`.
        3. `docket compose plan.yml` drafts the comment into `out/`.
        4. For a sign-on letter, each organization in `signatories.csv` approves a version
           (`docket review`, `docket sign`); `docket package plan.yml` prepares the filing.

        """
    }
}
