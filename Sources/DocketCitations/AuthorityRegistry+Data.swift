import DocketSupport
import Foundation
import Yams

/// The registry's data as shipped in `Resources/authorities.yml`. Kept apart from the rules so
/// that correcting a fact never means touching code.
struct RegistryData: Decodable, Sendable {
    struct Instrument: Decodable, Sendable {
        var title: String
        /// `YYYY-MM-DD`, or `YYYY-MM` where the instrument prints no day.
        var issued: String
        /// When it took effect, where that differs from its issue date.
        var effective: String?
        var evidence: EvidenceKind
        var url: String?
        var passage: String?
        var rescinded: String?
        var replacedBy: String?
        var note: String?
        var sections: Int?
        var appendices: [String]?
        var appendixSections: Int?
        var headingSections: [Int]?
        var wholeOnly: Bool?

        var recorded: RegistryEvidence { RegistryEvidence(kind: evidence, url: url, passage: passage) }
        var status: VerificationStatus { recorded.status }
    }

    struct Provision: Decodable, Sendable {
        var recorded: RegistryEvidence
        var title: String
        var successor: String?
        var successorNote: String?
        var noSuccessor: String?
        /// When an identifier that is its own instrument (an FR page, a docket) was published.
        var issued: String?

        /// An entry a library adds of its own.
        init(evidence: RegistryEvidence, title: String) {
            self.recorded = evidence
            self.title = title
        }

        var status: VerificationStatus { recorded.status }

        private enum CodingKeys: String, CodingKey, CaseIterable {
            case evidence, url, passage, title, successor, successorNote, noSuccessor, issued
        }

        /// Rejects unknown keys: in a YAML flow mapping an unquoted comma ends a value, and the
        /// rest of a title would otherwise become an ignored key.
        init(from decoder: Decoder) throws {
            let keys = try decoder.container(keyedBy: AnyCodingKey.self).allKeys.map(\.stringValue)
            if let unknown = keys.first(where: { CodingKeys(rawValue: $0) == nil }) {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "unknown key '\(unknown)'; quote values that contain commas"))
            }
            let container = try decoder.container(keyedBy: CodingKeys.self)
            recorded = RegistryEvidence(
                kind: try container.decode(EvidenceKind.self, forKey: .evidence),
                url: try container.decodeIfPresent(String.self, forKey: .url),
                passage: try container.decodeIfPresent(String.self, forKey: .passage))
            if let problem = recorded.problem {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: problem))
            }
            title = try container.decode(String.self, forKey: .title)
            successor = try container.decodeIfPresent(String.self, forKey: .successor)
            successorNote = try container.decodeIfPresent(String.self, forKey: .successorNote)
            noSuccessor = try container.decodeIfPresent(String.self, forKey: .noSuccessor)
            issued = try container.decodeIfPresent(String.self, forKey: .issued)
        }
    }

    private struct AnyCodingKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    struct EUAIAct: Decodable, Sendable {
        var articles: Int
        var recitals: Int
        var chapters: Int
        var annexes: Int
        var unnumberedArticles: [Int]
        var paragraphs: [Int: Int]
        var points: [String: String]
        var annexIIIPoints: [Int: String]
        var annexSections: [String: [String]]
        var chapterSections: [String: [Int]]
        var titles: [String: String]
    }

    struct NIST: Decodable, Sendable {
        var functions: [String: [Int]]
        var titles: [String: String]
    }

    var instruments: [String: Instrument]
    var provisions: [String: Provision]
    var euAIAct: EUAIAct
    var nistAIRMF: NIST

    static func load(from url: URL) throws -> RegistryData {
        let text = try String(contentsOf: url, encoding: .utf8)
        let data = try YAMLDecoder().decode(RegistryData.self, from: text)
        for (name, instrument) in data.instruments {
            if let problem = instrument.recorded.problem {
                throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "instrument '\(name)': \(problem)"))
            }
        }
        return data
    }
}

/// How well the research behind the registry confirms an entry.
public enum VerificationStatus: String, Sendable, Codable, Hashable {
    /// Checked against a primary source.
    case verified
    /// Allowed, but the source was secondary or unconfirmed: the author must check it.
    case unverified
}

/// An inclusive range of subdivision labels written `a-h`, `i-iii` or `1-68`.
struct LabelRange: Sendable {
    enum Kind { case letters, romanNumerals, numbers }
    var kind: Kind
    var lower: Int
    var upper: Int
    var text: String

    init?(_ text: String) {
        let bounds = text.split(separator: "-").map(String.init)
        guard bounds.count == 2 else { return nil }
        self.text = text
        if let low = Int(bounds[0]), let high = Int(bounds[1]) {
            (kind, lower, upper) = (.numbers, low, high)
        } else if bounds.allSatisfy({ $0.allSatisfy("ivx".contains) }),
            let low = romanValue(bounds[0].uppercased()), let high = romanValue(bounds[1].uppercased())
        {
            (kind, lower, upper) = (.romanNumerals, low, high)
        } else if bounds[0].count == 1, bounds[1].count == 1, let low = bounds[0].unicodeScalars.first?.value, let high = bounds[1].unicodeScalars.first?.value {
            (kind, lower, upper) = (.letters, Int(low), Int(high))
        } else {
            return nil
        }
    }

    func contains(_ label: String) -> Bool {
        switch kind {
        case .numbers:
            guard let value = Int(label) else { return false }
            return (lower...upper).contains(value)
        case .romanNumerals:
            guard label == label.lowercased(), let value = romanValue(label.uppercased()) else { return false }
            return (lower...upper).contains(value)
        case .letters:
            guard label.count == 1, let value = label.unicodeScalars.first?.value else { return false }
            return (lower...upper).contains(Int(value))
        }
    }

    /// How the range reads in a message: "(a)–(h)".
    var display: String {
        let bounds = text.split(separator: "-")
        return "(\(bounds[0]))–(\(bounds[1]))"
    }
}

/// Value of a Roman numeral in canonical form (I–CXC is plenty for chapters and annexes).
func romanValue(_ numeral: String) -> Int? {
    let values: [Character: Int] = ["I": 1, "V": 5, "X": 10, "L": 50, "C": 100]
    var total = 0
    var previous = 0
    for character in numeral.reversed() {
        guard let value = values[character] else { return nil }
        if value < previous { total -= value } else { total += value; previous = value }
    }
    guard total > 0, romanNumeral(total) == numeral else { return nil }
    return total
}

func romanNumeral(_ value: Int) -> String {
    let table: [(Int, String)] = [(100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    var remaining = value
    var result = ""
    for (amount, numeral) in table {
        while remaining >= amount { result += numeral; remaining -= amount }
    }
    return result
}
