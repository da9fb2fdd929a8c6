import DocketModel
import DocketReview
import Foundation

/// The campaign folder a plan lives in, and the only place its paths are built.
///
/// ```
/// <campaign>/plan.yml            the plan
///            <signatories:>      the roster the plan names (any relative path)
///            approvals.jsonl     beside the roster: every signer's decisions
///            versions/           every composed version's canonical text and history.jsonl
///            submissions.jsonl   every filing's receipt
///            .docket/            private: store.sqlite, lead-token, submit journals
/// <out>/<plan>/                  composed files
///              each/ review/<signer>/ invitations/ reminders/ submission/
/// ```
///
/// The library, the server and the CLI ask a `Campaign`; a path spelled anywhere else is how
/// the server once looked for `lists/lists/s.csv` when the plan said `lists/s.csv`.
public struct Campaign: Sendable, Hashable {
    /// The plan file.
    public var planURL: URL
    /// The plan's `name`, which names its output folder.
    public var planName: String
    /// The roster the plan names, resolved against the plan's folder; nil for a comment.
    public var rosterURL: URL?

    /// The campaign of the plan at `planURL` named `planName`, whose `signatories:` says
    /// `signatories` (relative to the plan's folder).
    public init(planURL: URL, planName: String, signatories: String?) {
        self.planURL = planURL.standardizedFileURL
        self.planName = planName
        rosterURL = signatories.map { planURL.deletingLastPathComponent().resolving($0).standardizedFileURL }
    }

    /// The campaign of `plan`, read from `planURL`.
    public init(plan: Plan, at planURL: URL) {
        self.init(planURL: planURL, planName: plan.name, signatories: plan.signatories?.value)
    }

    /// The folder commands write into when no `--out` is given.
    public static let defaultOutputRoot = "out"

    /// Folders under a campaign or library that hold what DocketKit wrote, never library
    /// input: goldens, outputs, build products and stored versions.
    public static let generatedFolderNames: Set<String> = ["expected", defaultOutputRoot, ".build", "versions"]

    /// The folder that holds the plan.
    public var folder: URL { planURL.deletingLastPathComponent() }

    /// `approvals.jsonl` beside the roster, where the stored approvals of every example live.
    public var approvalsURL: URL? { rosterURL.map { $0.deletingLastPathComponent().appendingPathComponent(ApprovalLog.fileName) } }

    /// Every composed version's canonical text and `history.jsonl`.
    public var versionsFolder: URL { folder.appendingPathComponent("versions") }

    /// The stored versions.
    public var versions: VersionStore { VersionStore(folder: versionsFolder) }

    /// Each filing's receipt, one line each.
    public var submissionsURL: URL { folder.appendingPathComponent("submissions.jsonl") }

    /// The campaign's private folder: never published, readable by its owner only.
    public var privateFolder: URL { folder.appendingPathComponent(".docket") }

    /// The review server's store of invitation hashes, corrections and newcomers.
    public var storeURL: URL { privateFolder.appendingPathComponent("store.sqlite") }

    /// The docket's comments, pulled or imported (`docket comments`), in the private folder of
    /// the campaign at `folder`: comments carry commenters' names and are the lead's working copy.
    public static func commentsStoreURL(inFolder folder: URL) -> URL {
        folder.appendingPathComponent(".docket").appendingPathComponent("comments.sqlite")
    }

    /// The notice's text as `docket fetch` read it from the Federal Register, for `docket
    /// comments campaigns` to strike from the comments it compares.
    public static func noticeTextURL(inFolder folder: URL) -> URL {
        folder.appendingPathComponent(".docket").appendingPathComponent("notice.txt")
    }

    /// Where `docket comments pull --attachments` keeps the files it downloads.
    public static func commentFilesFolder(inFolder folder: URL) -> URL {
        folder.appendingPathComponent(".docket").appendingPathComponent("comment-files")
    }

    /// The lead's token, when none is given.
    public var leadTokenURL: URL { privateFolder.appendingPathComponent("lead-token") }

    /// The journal of a filing of `version` in progress.
    public func submitJournalURL(for version: DraftVersion) -> URL {
        privateFolder.appendingPathComponent("submit-\(version.short).json")
    }

    /// Creates the private folder, readable by its owner only.
    public func createPrivateFolder() throws {
        try FileManager.default.createDirectory(at: privateFolder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    }

    /// The folders the commands write under `root` (the `--out` folder, `out` by default).
    public func outputs(under root: URL) -> Outputs {
        Outputs(folder: root.standardizedFileURL.appendingPathComponent(planName))
    }

    /// `<out>/<plan>/` and the folders in it.
    public struct Outputs: Sendable, Hashable {
        /// `<out>/<plan>/`: what `docket compose` writes.
        public var folder: URL
        /// `docket compose --each`: one draft per supporter.
        public var each: URL { folder.appendingPathComponent("each") }
        /// `docket package`: what is filed.
        public var submission: URL { folder.appendingPathComponent("submission") }
        /// `docket invite`: links and contact data, kept private.
        public var invitations: URL { folder.appendingPathComponent("invitations") }
        public var reminders: URL { folder.appendingPathComponent("reminders") }
        /// `docket review`: one signer's packet.
        public func review(for signer: String) -> URL { folder.appendingPathComponent("review").appendingPathComponent(signer) }
    }
}
