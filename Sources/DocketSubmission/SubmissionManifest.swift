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
        public var name: String
        public var role: SubmissionPackager.PackagedFile.Role
        public var bytes: Int
        public var sha256: String
        /// Whether Regulations.gov may publish it.
        public var `public`: Bool
    }

    public var plan: String
    public var docket: String?
    public var document: String?
    public var version: DraftVersion
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

    public func encoded() throws -> Data {
        Data((try StableJSON.string(self) + "\n").utf8)
    }
}
