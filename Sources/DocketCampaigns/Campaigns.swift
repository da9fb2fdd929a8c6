import Dispatch

/// One posted comment as the campaign detector reads it: the text is the comment's own with
/// its attachments' text after it.
public struct CampaignComment: Sendable {
    public var id: String
    public var text: String
    public var organization: String?
    public var posted: String?
    /// The agency's own count of the comments this posted one stands for.
    public var duplicateComments: Int
    public var documentID: String?

    public init(id: String, text: String, organization: String? = nil, posted: String? = nil, duplicateComments: Int = 0, documentID: String? = nil) {
        self.id = id
        self.text = text
        self.organization = organization
        self.posted = posted
        self.duplicateComments = duplicateComments
        self.documentID = documentID
    }
}

/// A docket's comments grouped as an agency that collapses near-duplicates would count them.
public struct CampaignReport: Codable, Sendable, Equatable {
    public var threshold: Double
    public var comments: Int
    /// Comments with no words at all.
    public var empty: Int
    /// Comments under `Sketcher.stubWords` words ("see attached"), set apart.
    public var stubs: [String]
    /// Comments in a campaign of two or more.
    public var inCampaigns: Int
    /// Comments that stand alone: unique, or a member that added 300 words of its own.
    public var standAlone: Int
    /// Members set apart from a campaign for the words of their own they add.
    public var setApartForOwnWords: [String]
    public var campaigns: [Campaign]
    /// Whether the notice's own text was struck before comparing.
    public var noticeStruck: Bool
    /// Comments per day posted, the largest campaigns' apart.
    public var days: [Day]

    public struct Day: Codable, Sendable, Equatable {
        public var date: String
        public var comments: Int
        /// Members of the five largest campaigns posted this day, largest first.
        public var largestCampaigns: [Int]
        public var otherCampaigns: Int
    }

    /// Of all comments, the share in campaigns.
    public var shareInCampaigns: Double { comments == 0 ? 0 : Double(inCampaigns) / Double(comments) }
    /// The count an agency that collapses each campaign to one would make.
    public var collapsedCount: Int { comments - inCampaigns + campaigns.count }
}

public struct Campaign: Codable, Sendable, Equatable {
    /// The medoid's comment ID names the campaign.
    public var id: String
    public var size: Int
    /// `size` plus the agency's `duplicateComments` on each member: the comments it stands for.
    public var represents: Int
    public var medoidText: String
    /// What members add to the medoid's text, the longest first (a few).
    public var additions: [Addition]
    public var organizations: [OrganizationCount]
    public var firstPosted: String?
    public var lastPosted: String?
    public var members: [String]

    public struct Addition: Codable, Sendable, Equatable {
        public var commentID: String
        public var words: Int
        public var passage: String
    }

    public struct OrganizationCount: Codable, Sendable, Equatable {
        public var name: String
        public var comments: Int
    }
}

/// Builds a `CampaignReport` from comments added in batches: each batch is sketched and its
/// text let go, so a million comments take their signatures' memory (512 bytes each), not
/// their text's. The texts needed after clustering (medoids, members near the own-words
/// limit) are asked for by ID.
public struct CampaignBuilder: Sendable {
    public let options: Clustering.Options
    public let sketcher: Sketcher
    var table = SketchTable()
    var ids: [String] = []
    var organizations: [String?] = []
    var posted: [String?] = []
    var duplicates: [Int32] = []

    public init(options: Clustering.Options = .init(), notice: String? = nil) {
        self.options = options
        sketcher = Sketcher(struck: notice.map(Sketcher.shingles) ?? [])
    }

    public var count: Int { ids.count }
    public var identifiers: [String] { ids }

    /// Two added comments' estimated Jaccard similarity.
    public func similarity(_ a: Int, _ b: Int) -> Double {
        table.signatures.withUnsafeBufferPointer { signatures in
            Signature.similarity(signatures.baseAddress! + a * Signature.bins, signatures.baseAddress! + b * Signature.bins)
        }
    }

    /// An added comment's word count.
    public func words(_ index: Int) -> Int { Int(table.words[index]) }

    public mutating func reserve(_ count: Int) {
        table.reserve(count)
        ids.reserveCapacity(count)
    }

    public mutating func add(_ batch: [CampaignComment]) {
        table.append(batch.map(\.text), with: sketcher)
        for comment in batch {
            ids.append(comment.id)
            organizations.append(comment.organization.flatMap { $0.isEmpty ? nil : $0 })
            posted.append(comment.posted)
            duplicates.append(Int32(clamping: comment.duplicateComments))
        }
    }

    /// The stages `report` goes through, for a caller that times them.
    public enum Stage: Sendable {
        case clustered, ownWordsCounted, described
    }

    /// Clusters what was added. `texts` answers the texts of the IDs it is given, in order;
    /// `reached` is told as each stage ends.
    public func report(texts: @escaping @Sendable ([String]) async throws -> [String], reached: (Stage) -> Void = { _ in }) async throws -> CampaignReport {
        let words = table.words
        let eligible = words.map { Int($0) >= Sketcher.stubWords }
        let units = Clustering.units(table, eligible: eligible, options: options)
        reached(.clustered)

        // Own words: estimated from the signatures, and counted exactly where the estimate
        // comes within 100 words of the limit. Shared shingles are J/(1+J) of both texts' together.
        let limit = options.ownWords
        var exact: [(unit: Int, member: Int32)] = []
        var setApart: [Int32] = []
        // Each member's own words, counted where it was counted and estimated where not;
        // `.min` for a member too short to have its own. An array by member: a dictionary
        // took a fifth of a second to fill at a million comments.
        var ownWords = [Int](repeating: .min, count: words.count)
        table.signatures.withUnsafeBufferPointer { signatures in
            let base = signatures.baseAddress!
            for (index, unit) in units.enumerated() {
                let medoidWords = Double(words[Int(unit.medoid)])
                for member in unit.members.dropFirst() {
                    let mine = Double(words[Int(member)])
                    guard mine >= Double(limit) else { continue }
                    let j = Signature.similarity(base + Int(unit.medoid) * Signature.bins, base + Int(member) * Signature.bins)
                    let estimate = Int(mine - j / (1 + j) * (mine + medoidWords))
                    ownWords[Int(member)] = estimate
                    // Only to rule a member out: a text that repeats itself has fewer distinct
                    // shingles than words, which makes the estimate high. With 128 bins the
                    // estimate is within about 20 words for letters of a few hundred, so 100
                    // under the limit leaves a wide margin.
                    if estimate >= limit - 100 { exact.append((index, member)) }
                }
            }
        }
        // The medoids' texts, for the report and the exact counts.
        let medoidTexts = try await texts(units.map { ids[Int($0.medoid)] })
        var ownCounter: [Int: OwnWords] = [:]
        func counter(_ unit: Int) -> OwnWords {
            if let known = ownCounter[unit] { return known }
            let made = OwnWords(medoid: medoidTexts[unit], struck: sketcher.struck)
            ownCounter[unit] = made
            return made
        }
        for entry in exact where ownCounter[entry.unit] == nil { _ = counter(entry.unit) }
        let counters = ownCounter
        // In the store's order, so the reads walk forward through it; each page's texts are
        // read while the page before is counted.
        exact.sort { $0.member < $1.member }
        let pages = stride(from: 0, to: exact.count, by: 2000).map { Array(exact[$0..<min($0 + 2000, exact.count)]) }
        let wantedIDs = ids
        func read(_ page: Int) -> Task<[String], any Error>? {
            guard page < pages.count else { return nil }
            let wanted = pages[page].map { wantedIDs[Int($0.member)] }
            return Task { try await texts(wanted) }
        }
        var reading = read(0)
        for (number, part) in pages.enumerated() {
            let memberTexts = try await reading!.value
            reading = read(number + 1)
            // Counted unit by unit: a medoid's shingle set is 16 KB or so and a page's members
            // come from hundreds of units, so in the store's order each member's lookups
            // started in a set the cache no longer held.
            let byUnit = part.indices.sorted { (part[$0].unit, $0) < (part[$1].unit, $1) }
            var counts = [Int](repeating: 0, count: part.count)
            counts.withUnsafeMutableBufferPointer { counts in
                let counts = UncheckedSendable(counts)
                DispatchQueue.concurrentPerform(iterations: (part.count + 99) / 100) { chunk in
                    for index in byUnit[(chunk * 100)..<min(part.count, (chunk + 1) * 100)] {
                        counts.value[index] = counters[part[index].unit]!.count(memberTexts[index])
                    }
                }
            }
            for (entry, count) in zip(part, counts) {
                ownWords[Int(entry.member)] = count
                if count >= limit { setApart.append(entry.member) }
            }
        }
        let apart = Set(setApart)
        var keptUnits: [(unit: Clustering.Unit, index: Int)] = []
        for (index, unit) in units.enumerated() {
            let members = unit.members.filter { !apart.contains($0) }
            if members.count >= 2 { keptUnits.append((Clustering.Unit(medoid: unit.medoid, members: members), index)) }
        }
        reached(.ownWordsCounted)

        // What members add: the members with the most own words, read and quoted.
        let candidatesOf = keptUnits.map { unit, _ in
            let ranked = unit.members.dropFirst().compactMap { member -> (Int32, Int)? in
                ownWords[Int(member)] == .min ? nil : (member, ownWords[Int(member)])
            }.sorted { $0.1 > $1.1 }
            var candidates = Array(ranked.prefix(3).map(\.0))
            if candidates.count < 3 {
                // Short members: a few of them, evenly spread, for what they add.
                let step = max(1, unit.members.count / 4)
                for member in stride(from: 1, to: unit.members.count, by: step) where candidates.count < 3 && !candidates.contains(unit.members[member]) {
                    candidates.append(unit.members[member])
                }
            }
            return candidates
        }
        // All campaigns' candidates in one read: one at a time was 500 round trips.
        var candidateTexts = try await texts(candidatesOf.flatMap { $0.map { ids[Int($0)] } })[...]
        var campaigns: [Campaign] = []
        for ((unit, index), candidates) in zip(keptUnits, candidatesOf) {
            let texts = candidateTexts.prefix(candidates.count)
            candidateTexts = candidateTexts.dropFirst(candidates.count)
            var additions: [Campaign.Addition] = []
            for (member, text) in zip(candidates, texts) {
                let own = counter(index).own(text, passagesOf: 8)
                guard own.count > 0, let passage = own.passages.max(by: { $0.count < $1.count }) else { continue }
                additions.append(Campaign.Addition(commentID: ids[Int(member)], words: own.count, passage: passage))
            }
            additions.sort { ($0.words, $1.commentID) > ($1.words, $0.commentID) }
            var organizationCounts: [String: Int] = [:]
            var first: String?
            var last: String?
            var represents = 0
            for member in unit.members {
                if let name = organizations[Int(member)] { organizationCounts[name, default: 0] += 1 }
                if let date = posted[Int(member)] {
                    if first == nil || date < first! { first = date }
                    if last == nil || date > last! { last = date }
                }
                represents += 1 + Int(duplicates[Int(member)])
            }
            campaigns.append(
                Campaign(
                    id: ids[Int(unit.medoid)], size: unit.members.count, represents: represents, medoidText: medoidTexts[index], additions: additions,
                    organizations: organizationCounts.map { Campaign.OrganizationCount(name: $0.key, comments: $0.value) }.sorted { ($1.comments, $0.name) < ($0.comments, $1.name) },
                    firstPosted: first, lastPosted: last, members: unit.members.map { ids[Int($0)] }))
        }
        reached(.described)
        let order = campaigns.indices.sorted { (campaigns[$1].size, campaigns[$0].id) < (campaigns[$0].size, campaigns[$1].id) }
        campaigns = order.map { campaigns[$0] }
        // Each comment's campaign by index: a million lookups by ID string were most of what
        // the report took after the clustering.
        var campaignOf = [Int32](repeating: -1, count: ids.count)
        for (number, kept) in order.enumerated() {
            for member in keptUnits[kept].unit.members { campaignOf[Int(member)] = Int32(number) }
        }
        let days = Self.days(posted: posted, campaignOf: campaignOf, campaigns: campaigns.count)
        let inCampaigns = campaigns.reduce(0) { $0 + $1.size }
        let empty = words.lazy.filter { $0 == 0 }.count
        let stubs = words.indices.filter { words[$0] > 0 && Int(words[$0]) < Sketcher.stubWords }.map { ids[$0] }
        return CampaignReport(
            threshold: options.threshold, comments: ids.count, empty: empty, stubs: stubs, inCampaigns: inCampaigns,
            standAlone: ids.count - inCampaigns - empty - stubs.count, setApartForOwnWords: apart.map { ids[Int($0)] }.sorted(), campaigns: campaigns,
            noticeStruck: !sketcher.struck.isEmpty, days: days)
    }

    static func days(posted: [String?], campaignOf: [Int32], campaigns: Int) -> [CampaignReport.Day] {
        let largest = min(5, campaigns)
        var days: [String: CampaignReport.Day] = [:]
        for (index, date) in posted.enumerated() {
            guard let date, date.count >= 10 else { continue }
            let day = String(date.prefix(10))
            var entry = days[day] ?? CampaignReport.Day(date: day, comments: 0, largestCampaigns: Array(repeating: 0, count: largest), otherCampaigns: 0)
            entry.comments += 1
            let number = Int(campaignOf[index])
            if number >= 0 {
                if number < largest { entry.largestCampaigns[number] += 1 } else { entry.otherCampaigns += 1 }
            }
            days[day] = entry
        }
        return days.values.sorted { $0.date < $1.date }
    }
}
