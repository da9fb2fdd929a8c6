import DocketCampaigns
import Foundation

/// Where a coalition's comments will land before they are filed: its drafts placed among the
/// docket's posted comments and each other, as an agency that collapses near-duplicates would
/// group them, and each recommendation set beside the posted comments that make the same point.
public struct CampaignForecast: Sendable, Codable, Equatable {
    public var posted: Int
    public var drafts: Int
    /// The count an agency that collapses campaigns would make of the drafts: drafts standing
    /// alone, plus one for each campaign of drafts only. Drafts joining a posted campaign add
    /// nothing.
    public var countedAs: Int
    public var placements: [Placement]
    /// Of the drafts in a campaign, the median number of words of its own one would need to
    /// stand apart (the fewer of the own-words rule's 300 and what takes it below the threshold).
    public var medianWordsToStandApart: Int?
    public var recommendations: [RecommendationMatch]

    public struct Placement: Sendable, Codable, Equatable {
        public var draft: String
        /// `alone`, `drafts` (a campaign of the coalition's own drafts) or `posted` (a campaign
        /// already on the docket).
        public var lands: String
        /// The campaign's medoid, when it joins one.
        public var campaign: String?
        public var campaignSize: Int?
        /// Posted comments in that campaign.
        public var postedInCampaign: Int?
        public var similarity: Double?
        public var wordsToStandApart: Int?
    }

    public struct RecommendationMatch: Sendable, Codable, Equatable {
        public var number: Int
        public var id: String
        public var title: String
        /// The words a posted comment is matched on: the title's and summary's distinctive ones.
        public var terms: [String]
        public var comments: [Match]
        /// The organizations among them: potential allies.
        public var organizations: [String]
        public var madeByNobodyElse: Bool { comments.isEmpty }
    }

    public struct Match: Sendable, Codable, Equatable {
        public var id: String
        public var submitter: String?
        public var passage: String
        public var score: Double
        /// The share of the recommendation's terms the comment contains.
        public var coverage: Double
        public var link: String
    }

    /// A recommendation as the forecast reads it.
    public struct Point: Sendable {
        public var number: Int
        public var id: String
        public var title: String
        public var summary: String

        public init(number: Int, id: String, title: String, summary: String) {
            self.number = number
            self.id = id
            self.title = title
            self.summary = summary
        }
    }

    static let stopwords: Set<String> = [
        "the", "and", "for", "that", "with", "from", "this", "these", "those", "should", "must", "shall", "will", "would", "could", "their", "there", "which",
        "when", "where", "what", "into", "onto", "than", "then", "them", "they", "been", "being", "have", "has", "had", "were", "was", "are", "not", "any",
        "all", "each", "every", "such", "its", "our", "your", "about", "under", "over", "more", "most", "other", "also", "only", "before", "after", "while",
        "require", "requires", "ensure", "agency", "agencies", "federal", "use", "uses", "used",
    ]

    /// The distinctive words of a recommendation's title and summary, most telling first.
    static func terms(_ point: Point) -> [String] {
        var seen = Set<String>()
        var result: [String] = []
        for word in (point.title + " " + point.summary).lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
        where word.count >= 4 && !stopwords.contains(word) && seen.insert(word).inserted {
            result.append(word)
        }
        return Array(result.prefix(10))
    }

    /// A crude stem, so `recognition` finds `recognize`: the first six letters.
    static func stem(_ word: String) -> String { String(word.prefix(6)) }

    /// Places `drafts` (ID and text) among the store's comments matching `filter`, the
    /// `notice`'s phrases struck, and matches each of `points` against them. A posted comment makes a recommendation's point when it
    /// contains at least `coverage` of its terms.
    public static func make(
        store: CommentStore, filter: CommentStore.Filter, drafts: [(id: String, text: String)], points: [Point], options: Clustering.Options = .init(),
        notice: String? = nil, coverage: Double = 0.6, matchesPerPoint: Int = 5
    ) async throws -> CampaignForecast {
        var builder = CampaignBuilder(options: options, notice: notice)
        try await store.campaignComments(filter) { batch in builder.add(batch) }
        let posted = builder.count
        // Prefixed, so a draft's name never takes a posted comment's ID.
        let draftIDs = drafts.map { "draft:" + $0.id }
        let draftTexts = Dictionary(zip(draftIDs, drafts.map(\.text)), uniquingKeysWith: { first, _ in first })
        builder.add(zip(draftIDs, drafts).map { CampaignComment(id: $0.0, text: $0.1.text) })
        let report = try await builder.report { ids in
            var stored = try await store.campaignTexts(ids.filter { draftTexts[$0] == nil }).makeIterator()
            return ids.map { draftTexts[$0] ?? stored.next() ?? "" }
        }
        var indexOf: [String: Int] = [:]
        for (index, id) in builder.identifiers.enumerated() { indexOf[id] = index }
        var campaignOf: [String: Campaign] = [:]
        for campaign in report.campaigns {
            for member in campaign.members { campaignOf[member] = campaign }
        }
        var placements: [Placement] = []
        var draftOnlyCampaigns = Set<String>()
        var counted = 0
        var needs: [Int] = []
        for (id, draft) in zip(draftIDs, drafts) {
            guard let campaign = campaignOf[id], let me = indexOf[id], let medoid = indexOf[campaign.id] else {
                placements.append(Placement(draft: draft.id, lands: "alone"))
                counted += 1
                continue
            }
            let postedMembers = campaign.members.filter { !$0.hasPrefix("draft:") }.count
            if postedMembers == 0 {
                if draftOnlyCampaigns.insert(campaign.id).inserted { counted += 1 }
            }
            // The words that would take it below the threshold of the comment that represents
            // its campaign (another member, when it is the medoid itself): the shared shingles
            // stay, and the union grows by each word added.
            let representative = me != medoid ? medoid : campaign.members.lazy.filter { $0 != id }.compactMap { indexOf[$0] }.first ?? me
            let similarity = builder.similarity(me, representative)
            let mine = Double(builder.words(me))
            let theirs = Double(builder.words(representative))
            let shared = similarity / (1 + similarity) * (mine + theirs)
            let union = mine + theirs - shared
            let belowThreshold = max(0, Int((shared / options.threshold - union).rounded(.up)) + 1)
            let need = min(options.ownWords, belowThreshold)
            needs.append(need)
            placements.append(
                Placement(
                    draft: draft.id, lands: postedMembers > 0 ? "posted" : "drafts", campaign: postedMembers > 0 ? campaign.id : campaign.id.replacingOccurrences(of: "draft:", with: ""),
                    campaignSize: campaign.size, postedInCampaign: postedMembers, similarity: (similarity * 100).rounded() / 100, wordsToStandApart: need))
        }
        needs.sort()
        var matches: [RecommendationMatch] = []
        for point in points {
            let terms = Self.terms(point)
            var found: [Match] = []
            if !terms.isEmpty {
                let hits = try await store.search(terms, filter: filter, limit: 50, anyWord: true)
                let bodies = try await store.campaignTexts(hits.map(\.id))
                let stems = Set(terms.map(Self.stem))
                for (hit, body) in zip(hits, bodies) {
                    let words = Set(body.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map { Self.stem(String($0)) })
                    let share = Double(stems.intersection(words).count) / Double(stems.count)
                    guard share >= coverage else { continue }
                    found.append(
                        Match(id: hit.id, submitter: hit.submitter, passage: hit.passage, score: hit.score, coverage: (share * 100).rounded() / 100, link: "https://www.regulations.gov/comment/\(hit.id)"))
                    if found.count == matchesPerPoint { break }
                }
            }
            let organizations = try await store.organizations(of: found.map(\.id))
            matches.append(RecommendationMatch(number: point.number, id: point.id, title: point.title, terms: terms, comments: found, organizations: organizations))
        }
        return CampaignForecast(
            posted: posted, drafts: drafts.count, countedAs: counted, placements: placements, medianWordsToStandApart: needs.isEmpty ? nil : needs[needs.count / 2],
            recommendations: matches)
    }
}

extension CommentStore {
    /// The distinct organizations that filed `ids`, in name order.
    func organizations(of ids: [String]) async throws -> [String] {
        guard !ids.isEmpty else { return [] }
        let marks = ids.map { _ in "?" }.joined(separator: ", ")
        return try await database.rows(
            "SELECT DISTINCT organization FROM comments WHERE id IN (\(marks)) AND organization IS NOT NULL AND organization <> '' ORDER BY organization", ids.map(SQLValue.text)
        ).compactMap { $0.first?.string }
    }
}
