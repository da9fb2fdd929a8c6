import DocketRender
import Foundation

/// What changed between two versions of a draft: paragraphs aligned with the standard library's
/// `CollectionDifference`, and inside a changed paragraph, the words that changed.
public struct Redline: Sendable {
    /// A stretch of words inside a changed paragraph.
    public enum Segment: Sendable, Hashable {
        case same(String)
        case deleted(String)
        case inserted(String)
    }

    /// One paragraph of the redline.
    public enum Entry: Sendable, Hashable {
        case unchanged(String)
        case removed(String)
        case added(String, source: String?)
        case changed(old: String, new: String, segments: [Segment], source: String?)
    }

    public var entries: [Entry]

    /// Paragraphs added, removed or changed.
    public var changedParagraphCount: Int {
        entries.count { if case .unchanged = $0 { false } else { true } }
    }

    /// `old` and `new` are canonical Markdown; `sources`, when known, names the block each of
    /// `new`'s paragraphs came from.
    public init(from old: String, to new: String, sources: [String]? = nil) {
        let oldParagraphs = Paragraphs.split(old)
        let newParagraphs = Paragraphs.split(new)
        let source = { (index: Int) -> String? in sources.flatMap { $0.indices.contains(index) ? $0[index] : nil } }
        let (removed, inserted) = Self.offsets(newParagraphs.difference(from: oldParagraphs))

        var entries: [Entry] = []
        var i = 0
        var j = 0
        while i < oldParagraphs.count || j < newParagraphs.count {
            var gone: [Int] = []
            while i < oldParagraphs.count, removed.contains(i) {
                gone.append(i)
                i += 1
            }
            var came: [Int] = []
            while j < newParagraphs.count, inserted.contains(j) {
                came.append(j)
                j += 1
            }
            // A removal beside an insertion is usually one paragraph edited: pair them in order
            // when they share enough words to be read as one paragraph changed.
            var k = 0
            while k < gone.count && k < came.count && Self.similarity(oldParagraphs[gone[k]], newParagraphs[came[k]]) >= 0.3 {
                let (before, after) = (oldParagraphs[gone[k]], newParagraphs[came[k]])
                entries.append(.changed(old: before, new: after, segments: Self.words(from: before, to: after), source: source(came[k])))
                k += 1
            }
            entries += gone.dropFirst(k).map { .removed(oldParagraphs[$0]) }
            entries += came.dropFirst(k).map { .added(newParagraphs[$0], source: source($0)) }
            if gone.isEmpty && came.isEmpty {
                entries.append(.unchanged(newParagraphs[j]))
                i += 1
                j += 1
            }
        }
        self.entries = entries
    }

    /// Word-level changes, whitespace kept with the words so the text reads back exactly.
    public static func words(from old: String, to new: String) -> [Segment] {
        let before = tokens(old)
        let after = tokens(new)
        let (removed, inserted) = offsets(after.difference(from: before))
        var segments: [Segment] = []
        func add(_ segment: Segment) {
            switch (segments.last, segment) {
            case (.same(let a), .same(let b)): segments[segments.count - 1] = .same(a + b)
            case (.deleted(let a), .deleted(let b)): segments[segments.count - 1] = .deleted(a + b)
            case (.inserted(let a), .inserted(let b)): segments[segments.count - 1] = .inserted(a + b)
            default: segments.append(segment)
            }
        }
        var i = 0
        var j = 0
        while i < before.count || j < after.count {
            if i < before.count, removed.contains(i) {
                add(.deleted(before[i]))
                i += 1
            } else if j < after.count, inserted.contains(j) {
                add(.inserted(after[j]))
                j += 1
            } else {
                add(.same(after[j]))
                i += 1
                j += 1
            }
        }
        return coalesced(segments)
    }

    /// Reads "[-it is tested.-]{+an independent lab has tested it.+}" rather than alternating
    /// one-word changes: a space between two changes joins them into one.
    static func coalesced(_ segments: [Segment]) -> [Segment] {
        var result: [Segment] = []
        var deleted = ""
        var inserted = ""
        func flush() {
            if !deleted.isEmpty { result.append(.deleted(deleted)) }
            if !inserted.isEmpty { result.append(.inserted(inserted)) }
            deleted = ""
            inserted = ""
        }
        for (index, segment) in segments.enumerated() {
            switch segment {
            case .deleted(let text): deleted += text
            case .inserted(let text): inserted += text
            case .same(let text):
                // Runs of unchanged text are already merged, so what follows this one is a change.
                if !(deleted.isEmpty && inserted.isEmpty), index + 1 < segments.count, text.allSatisfy(\.isWhitespace) {
                    deleted += text
                    inserted += text
                    continue
                }
                flush()
                result.append(segment)
            }
        }
        flush()
        return result
    }

    /// Offsets removed from the old collection and inserted into the new one.
    static func offsets(_ difference: CollectionDifference<String>) -> (removed: Set<Int>, inserted: Set<Int>) {
        var removed: Set<Int> = []
        var inserted: Set<Int> = []
        for change in difference {
            switch change {
            case .remove(let offset, _, _): removed.insert(offset)
            case .insert(let offset, _, _): inserted.insert(offset)
            }
        }
        return (removed, inserted)
    }

    /// Words and the whitespace between them, as separate tokens.
    static func tokens(_ text: String) -> [String] {
        var tokens: [String] = []
        var current = ""
        var inSpace = false
        for character in text {
            let space = character.isWhitespace
            if !current.isEmpty && space != inSpace {
                tokens.append(current)
                current = ""
            }
            current.append(character)
            inSpace = space
        }
        if !current.isEmpty { tokens.append(current) }
        return tokens
    }

    /// Shared words over all words (Jaccard), case-folded.
    static func similarity(_ a: String, _ b: String) -> Double {
        let left = Set(a.lowercased().split(whereSeparator: \.isWhitespace))
        let right = Set(b.lowercased().split(whereSeparator: \.isWhitespace))
        let union = left.union(right).count
        return union == 0 ? 1 : Double(left.intersection(right).count) / Double(union)
    }
}
