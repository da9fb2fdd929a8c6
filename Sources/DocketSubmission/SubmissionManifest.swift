import DocketLibrary
import DocketMarkdown
import DocketModel
import DocketReview
import DocketSupport
import Foundation

/// `manifest.json`: what the package holds, so anyone can confirm later that the files
/// uploaded are the files that were checked, and which draft version they carry.
public struct SubmissionManifest: Codable, Sendable {
    /// One file of the package as the manifest records it.
    public struct File: Codable, Sendable {
        /// The file's name in the package.
        public var name: String
        /// What it is for.
        public var role: SubmissionPackager.PackagedFile.Role
        /// Its size in bytes.
        public var bytes: Int
        /// Its SHA-256, in hex.
        public var sha256: String
        /// Whether Regulations.gov may publish it.
        public var `public`: Bool
    }

    /// The plan's name.
    public var plan: String
    /// The docket filed on, when there is one.
    public var docket: String?
    /// The document filed on, when there is one.
    public var document: String?
    /// The version packaged.
    public var version: DraftVersion
    /// Every other file of the package.
    public var files: [File]

    /// The manifest of `files`, packaged from `draft`.
    public init(files: [SubmissionPackager.PackagedFile], draft: Draft) {
        plan = draft.plan.name
        docket = draft.docket?.id.value
        document = draft.docket?.documentID?.value
        version = draft.version
        self.files = files.map { File(name: $0.name, role: $0.role, bytes: $0.data.count, sha256: ContentHash.sha256Hex($0.data), public: $0.isPublic) }
    }

    /// Stable JSON with a final newline.
    /// A manifest read back from a package folder.
    public static func decode(_ data: Data) throws -> SubmissionManifest {
        try JSONDecoder().decode(SubmissionManifest.self, from: data)
    }

    /// The manifest as stable JSON with a final line break, as written to `manifest.json`.
    public func encoded() throws -> Data {
        Data((try StableJSON.string(self) + "\n").utf8)
    }
}
