import DocketCampaigns
import Foundation
import Testing

/// Hand-built dockets whose campaigns are known by construction.
struct CampaignsTests {
    static let letter = """
        I am writing to urge the Office of Management and Budget to strengthen its guidance on the use of artificial intelligence by federal agencies. \
        Face recognition tools used in immigration enforcement can misidentify people, and a person who is wrongly matched may never learn why they were stopped. \
        Agencies should publish every use of face recognition in their inventories, explain how each system was tested, and stop using any system that has not been tested on people who look like the people it is used on. \
        People affected by an automated decision deserve notice that a model was involved, a plain explanation of the decision, and a real way to appeal it to a human being who can change the outcome. \
        Risk scores that decide who is detained or who is watched should never be hidden from the people they score. \
        Please require independent testing before deployment, ongoing monitoring after deployment, and public reporting of error rates broken down by race, sex and age. \
        Thank you for considering this comment and for protecting the rights of everyone in this country.
        """
    static let names = ["Maria Lopez", "James Chen", "Aisha Rahman", "David Okafor", "Sofia Rossi", "Lena Novak", "Omar Haddad", "Grace Kim", "Tomas Silva", "Priya Patel"]
    static let cities = ["Tucson, Arizona", "El Paso, Texas", "Chicago, Illinois", "Newark, New Jersey", "Fresno, California", "Miami, Florida", "Detroit, Michigan", "Seattle, Washington"]
    static let reasons = [
        "My family has lived here for three generations.", "I work as a nurse and see the fear this causes.", "My neighbor was stopped because of a false match.",
        "I teach at a public school.", "I am a veteran of the United States Army.", "My parents came here forty years ago.",
    ]

    /// Sentences that look like prose but share no five-word run with each other or the letter.
    static func prose(_ seed: Int, words: Int) -> String {
        let vocabulary = [
            "river", "budget", "school", "harvest", "engine", "market", "winter", "garden", "ticket", "silver", "forest", "doctor", "bridge", "window", "letter",
            "number", "signal", "museum", "planet", "camera", "pencil", "island", "rocket", "meadow", "candle", "saddle", "hammer", "pocket", "violin", "tunnel",
            "ladder", "mirror", "parrot", "cactus", "barrel", "lantern", "compass", "glacier", "harbor", "orchard", "pepper", "quartz", "ribbon", "shovel",
        ]
        var state = UInt64(seed) &* 0x9e37_79b9_7f4a_7c15 | 1
        var result: [String] = []
        for _ in 0..<words {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            result.append(vocabulary[Int(state % UInt64(vocabulary.count))])
        }
        return result.joined(separator: " ") + "."
    }

    static func report(_ comments: [CampaignComment], notice: String? = nil) async throws -> CampaignReport {
        var builder = CampaignBuilder(notice: notice)
        builder.add(comments)
        let texts = Dictionary(uniqueKeysWithValues: comments.map { ($0.id, $0.text) })
        return try await builder.report { ids in ids.map { texts[$0]! } }
    }

    @Test func twoHundredLettersWithPersonalOpeningsAreOneCampaignAndUniquesStandAlone() async throws {
        var comments: [CampaignComment] = []
        for index in 0..<200 {
            let opening = "My name is \(Self.names[index % 10]) and I live in \(Self.cities[index % 8]). \(Self.reasons[index % 6])"
            comments.append(
                CampaignComment(
                    id: "L-\(index)", text: opening + "\n\n" + Self.letter, organization: index % 50 == 0 ? "Coalition \(index / 50)" : nil,
                    posted: "2026-01-\(String(format: "%02d", 1 + index % 28))", duplicateComments: index == 7 ? 40 : 0))
        }
        for index in 0..<20 { comments.append(CampaignComment(id: "U-\(index)", text: Self.prose(index, words: 120))) }
        let report = try await Self.report(comments)
        #expect(report.campaigns.count == 1)
        let campaign = try #require(report.campaigns.first)
        #expect(Set(campaign.members) == Set((0..<200).map { "L-\($0)" }))
        #expect(campaign.size == 200)
        #expect(campaign.represents == 240)
        #expect(campaign.medoidText.contains("Face recognition tools used in immigration enforcement"))
        #expect(campaign.organizations.map(\.name) == ["Coalition 0", "Coalition 1", "Coalition 2", "Coalition 3"])
        #expect(campaign.firstPosted == "2026-01-01" && campaign.lastPosted == "2026-01-28")
        // What members add comes from their openings, quoted from their own text.
        let openings = Dictionary(uniqueKeysWithValues: comments.prefix(200).map { ($0.id, String($0.text.prefix { $0 != "\n" })) })
        #expect(!campaign.additions.isEmpty)
        #expect(campaign.additions.allSatisfy { openings[$0.commentID]?.contains($0.passage) == true }, "\(campaign.additions)")
        #expect(report.inCampaigns == 200 && report.standAlone == 20)
        #expect(report.collapsedCount == 21)
    }

    /// X ~ bridge ~ Y with X and Y apart: blocks a(30) b(90) c(90) d(90) e(30) words, X = abc,
    /// Y = cde, the bridge bcd. Jaccard: X~bridge 0.6, bridge~Y 0.6, X~Y 0.27.
    @Test func aChainedComponentIsSplitAroundItsMedoid() async throws {
        let a = Self.prose(101, words: 30)
        let b = Self.prose(102, words: 90)
        let c = Self.prose(103, words: 90)
        let d = Self.prose(104, words: 90)
        let e = Self.prose(105, words: 30)
        var comments: [CampaignComment] = []
        for index in 0..<15 { comments.append(CampaignComment(id: "X-\(index)", text: "Signed \(Self.names[index % 10]). " + [a, b, c].joined(separator: " "))) }
        comments.append(CampaignComment(id: "BRIDGE", text: [b, c, d].joined(separator: " ")))
        for index in 0..<10 { comments.append(CampaignComment(id: "Y-\(index)", text: "Signed \(Self.names[index % 10]). " + [c, d, e].joined(separator: " "))) }
        let report = try await Self.report(comments)
        let xs = Set((0..<15).map { "X-\($0)" })
        let ys = Set((0..<10).map { "Y-\($0)" })
        for campaign in report.campaigns {
            let members = Set(campaign.members)
            #expect(members.isDisjoint(with: xs) || members.isDisjoint(with: ys), "campaign \(campaign.id) mixes X and Y")
        }
        #expect(report.campaigns.contains { xs.isSubset(of: Set($0.members)) })
        #expect(report.campaigns.contains { ys.isSubset(of: Set($0.members)) })
    }

    @Test func aMemberWithFourHundredWordsOfItsOwnStandsApartButTwoHundredFiftyStaysIn() async throws {
        let long = Self.letter + " " + Self.prose(7, words: 550)
        var comments = (0..<30).map { CampaignComment(id: "M-\($0)", text: "I am \(Self.names[$0 % 10]) from \(Self.cities[$0 % 8]). " + long) }
        comments.append(CampaignComment(id: "OWN-400", text: long + " " + Self.prose(900, words: 400)))
        comments.append(CampaignComment(id: "OWN-250", text: long + " " + Self.prose(901, words: 250)))
        let report = try await Self.report(comments)
        #expect(report.campaigns.count == 1)
        let members = Set(report.campaigns[0].members)
        #expect(!members.contains("OWN-400"))
        #expect(members.contains("OWN-250"))
        #expect(report.setApartForOwnWords == ["OWN-400"])
        let addition = try #require(report.campaigns[0].additions.first)
        #expect(addition.commentID == "OWN-250")
        #expect((245...255).contains(addition.words))
    }

    @Test func stubsAndEmptiesAreReportedApartNotClustered() async throws {
        var comments = (0..<5).map { CampaignComment(id: "S-\($0)", text: "See attached file(s).") }
        comments.append(CampaignComment(id: "E-1", text: "   \n "))
        comments.append(CampaignComment(id: "E-2", text: ""))
        comments += (0..<3).map { CampaignComment(id: "L-\($0)", text: Self.letter) }
        let report = try await Self.report(comments)
        #expect(report.stubs == (0..<5).map { "S-\($0)" })
        #expect(report.empty == 2)
        #expect(report.campaigns.map(\.members) == [["L-0", "L-1", "L-2"]])
        #expect(report.standAlone == 0)
    }

    /// Commenters who quote the same long passage of the notice, each with their own argument,
    /// are not a campaign once the notice's text is struck. Unstruck, two such comments share
    /// 400 of 600 distinct shingles: a Jaccard similarity of 0.67, well over the threshold.
    @Test func quotingTheNoticeIsNotACampaignOnceTheNoticeIsStruck() async throws {
        let notice = Self.prose(5000, words: 400)
        let comments = (0..<6).map { CampaignComment(id: "Q-\($0)", text: notice + " " + Self.prose(6000 + $0, words: 100)) }
        let unstruck = try await Self.report(comments)
        #expect(unstruck.inCampaigns == 6)
        let struck = try await Self.report(comments, notice: notice)
        #expect(struck.campaigns.isEmpty)
        #expect(struck.noticeStruck)
    }

    @Test func caseCompatibilityFormsPunctuationAndApostrophesFold() {
        func hashes(_ text: String) -> [UInt64] {
            var result: [UInt64] = []
            Words.forEach(in: text) { hash, _, _ in result.append(hash) }
            return result
        }
        #expect(hashes("Don't FILE, the ﬁle!") == hashes("dont file the file"))
        #expect(hashes("don’t ｆｉｌｅ") == hashes("dont file"))
        #expect(hashes("Ａ１ café") == hashes("a1 café"))
        #expect(hashes("...,;  --").isEmpty)
        // Byte ranges point back into the original text.
        var words: [String] = []
        let text = "Señor ﬁle, \"quoted\""
        let bytes = Array(text.utf8)
        Words.forEach(in: text) { _, start, end in words.append(String(decoding: bytes[start..<end], as: UTF8.self)) }
        #expect(words == ["Señor", "ﬁle", "quoted"])
        // Chinese, written without spaces, is a word a character.
        #expect(hashes("人工智能。").count == 4)
    }

    /// The ASCII path takes words eight bytes at a time; a text with one non-ASCII character
    /// takes the other path, a scalar at a time. The same words must hash the same either way,
    /// or one accent would part a letter from its campaign.
    @Test func theASCIIPathAndTheUnicodePathHashTheSameWords() {
        func words(_ text: String) -> [(hash: UInt64, word: String)] {
            var result: [(UInt64, String)] = []
            let bytes = Array(text.utf8)
            Words.forEach(in: text) { hash, start, end in result.append((hash, String(decoding: bytes[start..<end], as: UTF8.self))) }
            return result
        }
        // Words of 1 to 17 bytes, so each of a word's 8-byte steps and every tail length is
        // taken, one at the very end of the text; apostrophes leading, inside and trailing.
        let plain = "a Bb ccc DDDD eeeee ffffff Immigration surveillance ENFORCEMENT 2025 m-24-10 don't 'tis dogs' x'' ' abcdefghijklmnopq"
        let ascii = words(plain)
        let unicode = words(plain + " é")
        #expect(unicode.count == ascii.count + 1)
        #expect(zip(ascii, unicode).allSatisfy { $0.hash == $1.hash })
        #expect(ascii.map(\.word) == [
            "a", "Bb", "ccc", "DDDD", "eeeee", "ffffff", "Immigration", "surveillance", "ENFORCEMENT", "2025", "m", "24", "10", "don't", "tis", "dogs'",
            "x''", "abcdefghijklmnopq",
        ])
        #expect(words("IMMIGRATION Surveillance").map(\.hash) == words("immigration surveillance").map(\.hash))
        #expect(words("dont tis").map(\.hash) == [ascii[13].hash, ascii[14].hash])
        #expect(Set(ascii.map(\.hash)).count == ascii.count)
    }

    /// The ASCII path classifies 64 bytes at a time and carries a word into the next block:
    /// each word is placed across the block boundary at every offset, with a word longer than
    /// a block, an apostrophe on either side of the boundary, and separators next to the
    /// letters' and digits' ranges (`@ [ ` { / :`). The Unicode path, a loop over scalars, is
    /// the reference.
    @Test func theASCIIPathFindsWordsAcrossItsBlocksAsTheUnicodePathDoes() {
        func words(_ text: String) -> [(hash: UInt64, start: Int, end: Int)] {
            var result: [(UInt64, Int, Int)] = []
            Words.forEach(in: text) { hash, start, end in result.append((hash, start, end)) }
            return result
        }
        let long = String(repeating: "Surveillance", count: 12)
        let body = "don't @at [br `gr {cu /sl :co 0 9 Z z A a \(long) rock'n'roll 'lead trail'' x"
        for shift in 0..<130 {
            let text = String(repeating: ".", count: shift) + body + String(repeating: " ", count: shift % 7)
            let ascii = words(text)
            let unicode = words(text + " é")
            #expect(unicode.count == ascii.count + 1, "shift \(shift)")
            #expect(zip(ascii, unicode).allSatisfy { $0.hash == $1.hash && $0.start == $1.start && $0.end == $1.end }, "shift \(shift)")
            #expect(ascii.count == 18, "shift \(shift)")
        }
    }

    /// Densification by its definition, worked out here from the shingles: an empty bin takes
    /// the value of the first filled bin on its probe sequence, bin `b`'s `n`th probe being
    /// `mix(b << 32 | n) % 128`. Three shingles fill at most three bins, so some empty bins
    /// probe more than 32 times before they find one; 60 words fill about 45.
    @Test func anEmptyBinTakesTheFirstFilledBinOnItsProbeSequence() {
        let texts = [
            "seven words make three shingles in all",
            (0..<60).map { "word\($0 * 7 % 61)" }.joined(separator: " "),
            (0..<400).map { "term\($0)" }.joined(separator: " "),
        ]
        for text in texts {
            var raw = [UInt32](repeating: .max, count: Signature.bins)
            for shingle in Sketcher.shingles(of: text) {
                let bin = Int(shingle >> 57)
                raw[bin] = min(raw[bin], UInt32(truncatingIfNeeded: shingle))
            }
            var expected = raw
            var farthest = 0
            for bin in 0..<Signature.bins where raw[bin] == .max {
                var attempt: UInt64 = 1
                while raw[Int(Words.mix(UInt64(bin) << 32 | attempt) % UInt64(Signature.bins))] == .max { attempt += 1 }
                expected[bin] = raw[Int(Words.mix(UInt64(bin) << 32 | attempt) % UInt64(Signature.bins))]
                farthest = max(farthest, Int(attempt))
            }
            var signature = [UInt32](repeating: 0, count: Signature.bins)
            _ = signature.withUnsafeMutableBufferPointer { Sketcher().sketch(text, into: $0) }
            #expect(signature == expected, "\(text.prefix(20))")
            if text.hasPrefix("seven") { #expect(farthest > 32) }
        }
    }

    /// The set the own-words count looks shingles up in: every value put in is found, 0 among
    /// them (0 marks an empty slot), and values that collide on their low bits are told apart.
    @Test func theShingleSetFindsWhatWasPutInAndNothingElse() {
        let kept: [UInt64] = [0, 1, 1 << 40, 1 << 40 | 1, .max, 0x9e37_79b9_7f4a_7c15] + (UInt64(2)...300).map { $0 << 32 }
        let set = ShingleSet(kept)
        #expect(kept.allSatisfy(set.contains))
        #expect(![2, 3, 1 << 41, 0x9e37_79b9_7f4a_7c16, 301 << 32].contains(where: set.contains))
        #expect(!ShingleSet([UInt64]()).contains(0))
        #expect(!ShingleSet([UInt64]()).contains(7))
    }

    /// Own words counted in one pass against the passages' word-by-word marking, on texts
    /// whose answer is known by hand.
    @Test func ownWordsCountTheWordsNoSharedShingleCovers() {
        let counter = OwnWords(medoid: "a b c d e f g h")
        // "a b c d e" and "b c d e f" are shared: x y before and z after are the member's own.
        #expect(counter.count("x y a b c d e f z") == 3)
        #expect(counter.own("x y a b c d e f z").count == 3)
        // Two shared runs with two words between them, and nothing shared at all.
        #expect(counter.count("a b c d e p q d e f g h") == 2)
        #expect(counter.count("p q r s t u") == 6)
        // A text under five words is one shingle: all of it shared or all of it its own.
        #expect(OwnWords(medoid: "see attached").count("see attached") == 0)
        #expect(OwnWords(medoid: "see attached").count("see the attached") == 3)
        #expect(counter.count("") == 0)
    }

    @Test func oddTextIsASensibleResult() async throws {
        let huge = String(repeating: Self.letter + " ", count: 5_000_000 / Self.letter.utf8.count)
        let repeated = String(repeating: "no ", count: 10_000)
        let han = String(repeating: "人工智能监控移民社区的面部识别系统必须受到限制。", count: 20)
        var comments = [
            CampaignComment(id: "HUGE", text: huge), CampaignComment(id: "NO-1", text: repeated), CampaignComment(id: "NO-2", text: repeated + "no"),
            CampaignComment(id: "HAN", text: han), CampaignComment(id: "CYRILLIC", text: String(repeating: "Право на обжалование решения человеком. ", count: 30)),
        ]
        comments.append(CampaignComment(id: "LETTER", text: Self.letter))
        let report = try await Self.report(comments)
        #expect(report.comments == 6)
        // Ten thousand of one word are one shingle: the two such comments are the same.
        #expect(report.campaigns.contains { Set($0.members) == ["NO-1", "NO-2"] })
        // Five megabytes of the letter over and over is the letter, and adds no words of its own.
        #expect(report.campaigns.contains { Set($0.members) == ["HUGE", "LETTER"] })
        #expect(!report.campaigns.contains { $0.members.contains("HAN") || $0.members.contains("CYRILLIC") })
        #expect(report.standAlone == 2)
        let empty = try await Self.report([])
        #expect(empty.comments == 0 && empty.campaigns.isEmpty && empty.shareInCampaigns == 0)
    }

    /// Pairwise precision and recall on a generated docket with known campaigns.
    @Test func aGeneratedDocketsCampaignsAreFoundWithTheGoalsPrecisionAndRecall() async throws {
        let corpus = CampaignCorpus(count: 20_000)
        let items = (0..<corpus.count).map(corpus.item)
        let report = try await Self.report(items.map(\.comment))
        let accuracy = PairwiseAccuracy.measure(predicted: PairwiseAccuracy.labels(report, ids: items.map(\.comment.id)), truth: items.map(\.truth))
        #expect(accuracy.truePairs > 1_000_000)
        #expect(accuracy.precision >= 0.99, "precision \(accuracy.precision)")
        #expect(accuracy.recall >= 0.95, "recall \(accuracy.recall)")
    }

    /// Every link in the report's table of campaigns lands on a section, and text from a
    /// comment is escaped.
    @Test func theReportsLinksAllLandAndCommentTextIsEscaped() async throws {
        // 60 campaigns of two letters each; the table lists them all, the first 50 have sections.
        var comments: [CampaignComment] = []
        for number in 0..<60 {
            let letter = "<script>alert(\(number))</script> & " + Self.prose(300 + number, words: 80)
            comments.append(CampaignComment(id: "C-\(number)-a", text: letter, posted: "2026-01-01"))
            comments.append(CampaignComment(id: "C-\(number)-b", text: letter + " Signed.", posted: "2026-01-02"))
        }
        let report = try await Self.report(comments)
        #expect(report.campaigns.count == 60)
        let page = CampaignReportPage.html(report, title: "Campaigns <test>", generated: "From a test")
        let links = page.matches(of: /href="#(c\d+)"/).map { String($0.1) }
        let targets = Set(page.matches(of: /id="(c\d+)"/).map { String($0.1) })
        #expect(links.count == 50)
        #expect(links.allSatisfy(targets.contains))
        #expect(!page.contains("<script>"))
        #expect(page.contains("&lt;script&gt;alert("))
        #expect(page.contains("<title>Campaigns &lt;test&gt;</title>"))
    }

    @Test func pairwiseAccuracyCountsPairs() {
        // Truth {0,1,2} {3}; predicted {0,1} {2,3}: one pair right of two made, of three true.
        let accuracy = PairwiseAccuracy.measure(predicted: [0, 0, 1, 1], truth: [5, 5, 5, 6])
        #expect(accuracy.precision == 0.5)
        #expect(abs(accuracy.recall - 1.0 / 3.0) < 1e-12)
    }
}
