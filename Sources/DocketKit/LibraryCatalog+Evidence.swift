import DocketCitations
import DocketLibrary
import DocketModel
import DocketSupport
import Foundation

extension LibraryCatalog {
    /// What one recommendation or clause rests on: each claim's source, publication date, kind
    /// and passage, where the text cites it, and what still needs a primary source.
    public struct EvidenceListing: Sendable, Encodable, Hashable {
        public struct Claim: Sendable, Encodable, Hashable {
            public var id: String
            public var kind: EvidenceKind
            public var source: String
            public var read: String?
            public var published: String
            public var passage: String
            /// Where the text cites it, `file:line:column`.
            public var citedAt: [String]
        }

        public var id: String
        public var kind: Kind
        public var version: Int?
        public var file: String
        /// The newest publication among the evidence (or the file's own `facts-as-of:`).
        public var factsAsOf: String?
        public var claims: [Claim]
        /// Claims whose only support is a secondary source: what a keeper should confirm.
        public var secondaryOnly: [String]
        /// Paragraphs that state a fact and cite no evidence, `file:line:column`.
        public var withoutEvidence: [String]
    }

    /// The evidence of every recommendation and clause, or of the one with `id`; nil when no
    /// entry has that id.
    public func evidence(of id: String? = nil) -> [EvidenceListing]? {
        var listings: [EvidenceListing] = []
        for recommendation in index.recommendations.values where id == nil || recommendation.id == id {
            listings.append(
                Self.listing(
                    id: recommendation.id, kind: .recommendation, version: nil, file: recommendation.source.start.file, factsAsOf: recommendation.factsAsOf,
                    evidence: recommendation.evidence, paragraphs: recommendation.paragraphs))
        }
        for clause in index.clauseVersions.values.flatMap({ $0 }) where id == nil || clause.id == id {
            listings.append(
                Self.listing(
                    id: clause.id, kind: clause.role == .document ? .template : .clause, version: clause.version, file: clause.source.start.file, factsAsOf: clause.factsAsOf,
                    evidence: clause.evidence, paragraphs: clause.paragraphs))
        }
        if id != nil, listings.isEmpty { return nil }
        return listings.sorted { ($0.kind, $0.id, $0.version ?? 0) < ($1.kind, $1.id, $1.version ?? 0) }
    }

    private static func listing(
        id: String, kind: Kind, version: Int?, file: String, factsAsOf: Located<CalendarDate>?, evidence: [Evidence], paragraphs: [TextParagraph]
    ) -> EvidenceListing {
        let claims = evidence.map { entry in
            EvidenceListing.Claim(
                id: entry.id.value, kind: entry.kind, source: entry.source, read: entry.read, published: entry.published.value.description, passage: entry.passage,
                citedAt: paragraphs.flatMap(\.citedEvidence).filter { $0.value == entry.id.value }.map(\.range.start.description))
        }
        let unsupported = paragraphs.filter { $0.citedEvidence.isEmpty && EvidenceRules.factualSign(in: $0.text) != nil }.map(\.range.start.description)
        return EvidenceListing(
            id: id, kind: kind, version: version, file: file, factsAsOf: factsAsOf?.value.description, claims: claims,
            secondaryOnly: claims.filter { $0.kind == .secondary }.map(\.id), withoutEvidence: unsupported)
    }

    /// The listings as people read them: per entry its date, then each claim's kind, date,
    /// source and passage, then what rests on secondary sources only.
    public static func evidenceText(_ listings: [EvidenceListing]) -> String {
        var text = ""
        for listing in listings {
            let name = listing.id + (listing.version.map { "@\($0)" } ?? "")
            text += "\(name) (\(listing.kind.rawValue), \(listing.file))" + (listing.factsAsOf.map { ", facts as of \($0)" } ?? "") + "\n"
            if listing.claims.isEmpty && listing.withoutEvidence.isEmpty { text += "  no factual claims\n" }
            for claim in listing.claims {
                text += "  [^\(claim.id)] \(claim.kind.rawValue), published \(claim.published): \(claim.source)\n"
                if let read = claim.read { text += "    read in: \(read)\n" }
                text += "    \"\(claim.passage)\"\n"
                if !claim.citedAt.isEmpty { text += "    cited at \(claim.citedAt.joined(separator: ", "))\n" }
            }
            if !listing.secondaryOnly.isEmpty { text += "  rests on secondary sources only: \(listing.secondaryOnly.joined(separator: ", "))\n" }
            for location in listing.withoutEvidence { text += "  fact without evidence at \(location)\n" }
        }
        return text.isEmpty ? "no entries\n" : text
    }
}
