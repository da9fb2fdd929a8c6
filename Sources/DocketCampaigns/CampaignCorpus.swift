/// A generated docket with known campaigns, for measuring `Clustering` against the truth:
/// campaign letters from templates (word edits, reordered paragraphs, personal text of 0 to
/// 500 words at the start or end, the letter sometimes only in an attachment), unique
/// comments, "see attached" stubs and empty comments. Any comment is made from its index
/// alone, so a million can be streamed without holding them.
public struct CampaignCorpus: Sendable {
    public let count: Int
    public let templates: Int
    let seed: UInt64
    static let vocabulary: [String] = {
        let onsets = ["b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "st", "pr", "tr", "ch", "sh", "gr", "pl"]
        let vowels = ["a", "e", "i", "o", "u", "ai", "ea", "ou", "io"]
        let codas = ["", "n", "r", "s", "t", "l", "nd", "st", "m", "ck"]
        var words: [String] = []
        for onset in onsets {
            for vowel in vowels {
                for coda in codas {
                    words.append(onset + vowel + coda)
                }
            }
        }
        // 2,160 syllables; two-syllable words give the rest of a 20,000-word vocabulary.
        var result = Array(words.prefix(1000))
        var index = 0
        while result.count < 20_000 {
            result.append(words[index % words.count] + words[(index * 7 + 3) % words.count])
            index += 1
        }
        return result
    }()
    static let organizations = (1...300).map { "Community Organization \($0)" }

    /// Each template's paragraphs, made once.
    let templateParagraphs: [[String]]

    public init(count: Int, seed: UInt64 = 2026) {
        self.count = count
        self.seed = seed
        templates = max(4, count / 2000)
        templateParagraphs = (0..<templates).map { Self.makeTemplate($0, seed: seed) }
    }

    /// The comment's text, its attachment's text (the letter, when the comment only points to
    /// it), and its true unit: its template's number, or a number of its own.
    public struct Item: Sendable {
        public var comment: CampaignComment
        public var text: String
        public var attachment: String?
        public var truth: Int
        /// Words of personal text added to a campaign letter.
        public var personalWords: Int
    }

    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &+ 0x9e37_79b9_7f4a_7c15
            return Words.mix(state)
        }
        mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
        mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
        /// A word, common ones more often.
        mutating func word() -> String {
            let u = unit()
            return CampaignCorpus.vocabulary[Int(Double(CampaignCorpus.vocabulary.count) * u * u)]
        }
        mutating func sentence() -> String {
            let length = 8 + below(14)
            var words = (0..<length).map { _ in word() }
            words[0] = words[0].prefix(1).uppercased() + words[0].dropFirst()
            return words.joined(separator: " ") + "."
        }
        mutating func text(words target: Int) -> String {
            var sentences: [String] = []
            var words = 0
            while words < target {
                let sentence = self.sentence()
                words += sentence.split(separator: " ").count
                sentences.append(sentence)
            }
            return sentences.joined(separator: " ")
        }
    }

    /// A template's paragraphs: 450 to 700 words in three to five paragraphs.
    public func template(_ number: Int) -> [String] { templateParagraphs[number] }

    static func makeTemplate(_ number: Int, seed: UInt64) -> [String] {
        var generator = Generator(state: seed ^ 0x7e3a_11c0 ^ UInt64(number) << 20)
        let paragraphs = 3 + generator.below(3)
        let total = 450 + generator.below(251)
        return (0..<paragraphs).map { _ in generator.text(words: total / paragraphs) }
    }

    public func item(_ index: Int) -> Item {
        var generator = Generator(state: seed &* 0x1000_0000_01b3 ^ UInt64(index))
        let id = "GEN-2026-0001-\(String(index + 1).leftPadded(to: 7))"
        let day = 1 + generator.below(59)
        let posted = day <= 31 ? "2026-01-\(String(day).leftPadded(to: 2))" : "2026-02-\(String(day - 31).leftPadded(to: 2))"
        let organization = generator.below(5) == 0 ? Self.organizations[generator.below(Self.organizations.count)] : nil
        let unique = templates + index
        let roll = generator.below(1000)
        func item(_ text: String, _ attachment: String?, truth: Int, personal: Int = 0) -> Item {
            let whole = attachment.map { text + "\n\n" + $0 } ?? text
            return Item(
                comment: CampaignComment(id: id, text: whole, organization: organization, posted: posted, duplicateComments: 0),
                text: text, attachment: attachment, truth: truth, personalWords: personal)
        }
        if roll < 5 { return item("", nil, truth: unique) }
        if roll < 50 {
            let stub = ["See attached file(s).", "Please see the attached comment.", "I oppose this. See attached."][generator.below(3)]
            return item(stub + " " + generator.text(words: generator.below(12)), nil, truth: unique)
        }
        if roll < 400 {
            let text = generator.text(words: 60 + generator.below(540))
            return generator.below(10) == 0 ? item("See attached.", text, truth: unique) : item(text, nil, truth: unique)
        }
        // A campaign letter: a few big campaigns and many small ones.
        let u = generator.unit()
        let number = Int(Double(templates) * u * u * u)
        var paragraphs = template(number)
        if generator.below(10) < 3 {
            let a = generator.below(paragraphs.count)
            let b = generator.below(paragraphs.count)
            paragraphs.swapAt(a, b)
        }
        var words = paragraphs.joined(separator: "\n\n").split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        var edited: [String] = []
        edited.reserveCapacity(words.count)
        for word in words {
            let edit = generator.below(1000)
            if edit < 8 { edited.append(generator.word()) } else if edit < 12 { continue } else { edited.append(word) }
        }
        words = edited
        var personal = 0
        let choice = generator.below(100)
        if choice >= 50 {
            personal = choice < 85 ? 10 + generator.below(90) : choice < 95 ? 100 + generator.below(150) : 300 + generator.below(201)
        }
        var letter = words.joined(separator: " ")
        if personal > 0 {
            let own = generator.text(words: personal)
            personal = own.split(separator: " ").count
            letter = generator.below(2) == 0 ? own + "\n\n" + letter : letter + "\n\n" + own
        }
        let truth = personal >= 300 ? unique : number
        return generator.below(10) == 0 ? item("See attached.", letter, truth: truth, personal: personal) : item(letter, nil, truth: truth, personal: personal)
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}

/// Pairwise precision and recall of a clustering against the truth: of the pairs put
/// together, the share truly together, and of the pairs truly together, the share found.
public enum PairwiseAccuracy {
    public static func measure(predicted: [Int], truth: [Int]) -> (precision: Double, recall: Double, predictedPairs: Int, truePairs: Int) {
        precondition(predicted.count == truth.count)
        func pairs(_ n: Int) -> Int { n * (n - 1) / 2 }
        var joint: [Int: Int] = [:]
        var predictedSizes: [Int: Int] = [:]
        var truthSizes: [Int: Int] = [:]
        for (p, t) in zip(predicted, truth) {
            joint[p &* 1_000_003 &+ t, default: 0] += 1
            predictedSizes[p, default: 0] += 1
            truthSizes[t, default: 0] += 1
        }
        let together = joint.values.reduce(0) { $0 + pairs($1) }
        let predictedPairs = predictedSizes.values.reduce(0) { $0 + pairs($1) }
        let truePairs = truthSizes.values.reduce(0) { $0 + pairs($1) }
        return (predictedPairs == 0 ? 1 : Double(together) / Double(predictedPairs), truePairs == 0 ? 1 : Double(together) / Double(truePairs), predictedPairs, truePairs)
    }

    /// One label per comment: its campaign's number, or a number of its own.
    public static func labels(_ report: CampaignReport, ids: [String]) -> [Int] {
        var label: [String: Int] = [:]
        for (number, campaign) in report.campaigns.enumerated() {
            for member in campaign.members { label[member] = number }
        }
        return ids.enumerated().map { label[$0.element] ?? report.campaigns.count + $0.offset }
    }
}
