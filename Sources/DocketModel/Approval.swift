import DocketSupport
import Foundation

/// One signer's decision on one version of a draft.
public struct Approval: Codable, Sendable, Hashable {
    /// What a signer can say of a version.
    public enum Decision: String, Codable, Sendable, CaseIterable {
        case approve
        case decline
        case requestChanges = "request-changes"
    }

    /// The signer's id in the signatories list.
    public var signer: String
    /// Approve, decline or request changes.
    public var decision: Decision
    /// The draft version decided on.
    public var version: DraftVersion
    /// When the decision was recorded; written as ISO 8601 in UTC.
    public var at: Date
    /// What the signer said, if anything.
    public var comment: String?

    /// A decision by `signer` on `version`, made at `date`.
    public init(signer: String, decision: Decision, version: DraftVersion, at date: Date, comment: String? = nil) {
        self.signer = signer
        self.decision = decision
        self.version = version
        self.at = date
        self.comment = comment
    }

    private enum CodingKeys: String, CodingKey {
        case signer, decision, version, at, comment
    }

    /// Reads one line of `approvals.jsonl`.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        signer = try container.decode(String.self, forKey: .signer)
        decision = try container.decode(Decision.self, forKey: .decision)
        version = try container.decode(DraftVersion.self, forKey: .version)
        let stamp = try container.decode(String.self, forKey: .at)
        guard let date = Timestamp.date(from: stamp) else {
            throw DecodingError.dataCorruptedError(forKey: .at, in: container, debugDescription: "'\(stamp)' is not an ISO 8601 time")
        }
        at = date
        comment = try container.decodeIfPresent(String.self, forKey: .comment)
    }

    /// Writes the time as ISO 8601 in UTC, to the second, as the log has always held it.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(signer, forKey: .signer)
        try container.encode(decision, forKey: .decision)
        try container.encode(version, forKey: .version)
        try container.encode(Timestamp.string(from: at), forKey: .at)
        try container.encodeIfPresent(comment, forKey: .comment)
    }
}
