import DocketRender
import Foundation

/// What changed between two versions of a draft. The units compared are the blocks a reader
/// sees: paragraphs, headings, table blocks and, inside a list, each item. They are aligned with
/// the standard library's `CollectionDifference`; a removed unit beside an added one of the same
/// kind is one unit changed, diffed word by word; a unit removed in one place and added whole
/// in another is one unit moved.
public struct Redline: Sendable {
    /// A stretch of words inside a changed paragraph.
    public enum Segment: Sendable, Hashable {
        case same(String)
        case deleted(String)
        case inserted(String)
    }

    /// One unit of the redline.
    public enum Entry: Sendable, Hashable {
        case unchanged(String)
        case removed(String)
        case added(String, source: String?)
        case changed(old: String, new: String, segments: [Segment], source: String?)
        /// A unit that left this place for a later or earlier one, where it is `.moved`.
        case movedAway(String)
        case moved(String, source: String?)
    }

    /// The units of both versions, in the new version's order.
    public var entries: [Entry]

    /// Units added, removed, changed or moved; a move counts once.
    public var changedParagraphCount: Int {
        entries.count {
            switch $0 {
            case .unchanged, .movedAway: false
            default: true
            }
        }
    }

    /// `old` and `new` are canonical Markdown; `sources`, when known, names the block each of
    /// `new`'s paragraphs (`Paragraphs.split`) came from.
    public init(from old: String, to new: String, sources: [String]? = nil) {
        let oldUnits = Self.units(old)
        let newUnits = Self.units(new)
        let source = { (index: Int) -> String? in
            let paragraph = newUnits[index].paragraph
            return sources.flatMap { $0.indices.contains(paragraph) ? $0[paragraph] : nil }
        }
        let oldTexts = oldUnits.map(\.text)
        let newTexts = newUnits.map(\.text)
        // Items are compared without their numbers, so adding an item does not mark every
        // later one as changed.
        let (removed, inserted) = Self.offsets(newTexts.map(Unit.movable).difference(from: oldTexts.map(Unit.movable)))

        var entries: [Entry] = []
        var i = 0
        var j = 0
        while i < oldTexts.count || j < newTexts.count {
            var gone: [Int] = []
            while i < oldTexts.count, removed.contains(i) {
                gone.append(i)
                i += 1
            }
            var came: [Int] = []
            while j < newTexts.count, inserted.contains(j) {
                came.append(j)
                j += 1
            }
            // A removal beside an insertion is usually one unit edited: each removed unit pairs
            // with the first later inserted one of the same kind that shares enough words.
            var partner: [Int: Int] = [:]
            var next = 0
            for (g, old) in gone.enumerated() {
                guard let c = (next..<came.count).first(where: {
                    oldUnits[old].kind == newUnits[came[$0]].kind && Self.similarity(oldTexts[old], newTexts[came[$0]]) >= 0.3
                }) else { continue }
                partner[c] = g
                next = c + 1
            }
            let paired = Set(partner.values)
            entries += gone.indices.filter { !paired.contains($0) }.map { .removed(oldTexts[gone[$0]]) }
            for (c, new) in came.enumerated() {
                if let g = partner[c] {
                    let (before, after) = (oldTexts[gone[g]], newTexts[new])
                    entries.append(.changed(old: before, new: after, segments: Self.words(from: before, to: after), source: source(new)))
                } else {
                    entries.append(.added(newTexts[new], source: source(new)))
                }
            }
            if gone.isEmpty && came.isEmpty {
                entries.append(.unchanged(newTexts[j]))
                i += 1
                j += 1
            }
        }
        self.entries = Self.movesFound(in: entries)
    }

    /// A removed unit whose words come back whole elsewhere (a list item renumbered counts as the
    /// same words) is shown once, where it now stands, as moved.
    static func movesFound(in entries: [Entry]) -> [Entry] {
        var removedAt: [String: [Int]] = [:]
        for (index, entry) in entries.enumerated() {
            if case .removed(let text) = entry { removedAt[Unit.movable(text), default: []].append(index) }
        }
        guard !removedAt.isEmpty else { return entries }
        var result = entries
        for (index, entry) in entries.enumerated() {
            guard case .added(let text, let source) = entry, var places = removedAt[Unit.movable(text)], !places.isEmpty else { continue }
            let from = places.removeFirst()
            removedAt[Unit.movable(text)] = places
            result[from] = .movedAway(text)
            result[index] = .moved(text, source: source)
        }
        return result
    }

    /// A block of the canonical Markdown as a reader sees it.
    struct Unit: Equatable {
        enum Kind: Equatable {
            case paragraph
            case heading(Int)
            case listItem
            case tableRow
        }

        var text: String
        var kind: Kind
        /// The index of the run (`Paragraphs.split`) it belongs to, for its source.
        var paragraph: Int

        /// The words a move is recognised by: a numbered item keeps its words when it is
        /// renumbered.
        static func movable(_ text: String) -> String {
            guard let marker = listMarker(text.prefix { $0 != "\n" }) else { return text }
            return String(text.dropFirst(marker))
        }
    }

    /// The runs of `text`, with each list run split into its items.
    static func units(_ text: String) -> [Unit] {
        var units: [Unit] = []
        for (index, run) in Paragraphs.split(text).enumerated() {
            let lines = run.split(separator: "\n", omittingEmptySubsequences: false)
            if let first = lines.first, first.hasPrefix("|") {
                // A table is compared row by row; the delimiter row under the header says
                // nothing a reader sees.
                for line in lines where !isDelimiterRow(line) {
                    units.append(Unit(text: String(line), kind: .tableRow, paragraph: index))
                }
            } else if let first = lines.first, listMarker(first) != nil {
                var item: [Substring] = []
                for line in lines {
                    if listMarker(line) != nil, !item.isEmpty {
                        units.append(Unit(text: item.joined(separator: "\n"), kind: .listItem, paragraph: index))
                        item = []
                    }
                    item.append(line)
                }
                units.append(Unit(text: item.joined(separator: "\n"), kind: .listItem, paragraph: index))
            } else {
                let hashes = run.prefix { $0 == "#" }.count
                let heading = (1...6).contains(hashes) && run.dropFirst(hashes).first == " "
                units.append(Unit(text: run, kind: heading ? .heading(hashes) : .paragraph, paragraph: index))
            }
        }
        return units
    }

    /// "| --- | :---: |": the row under a table's header.
    static func isDelimiterRow(_ line: Substring) -> Bool {
        line.hasPrefix("|") && line.allSatisfy { "|-: ".contains($0) } && line.contains("-")
    }

    /// A table row's cells, split at pipes that are not escaped.
    public static func cells(ofRow row: String) -> [String] {
        var cells: [String] = []
        var current = ""
        var escaped = false
        for character in row {
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" {
                current.append(character)
                escaped = true
            } else if character == "|" {
                cells.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
            } else {
                current.append(character)
            }
        }
        cells.append(current.trimmingCharacters(in: .whitespaces))
        // The leading and trailing pipes leave an empty cell at each end.
        if cells.first == "" { cells.removeFirst() }
        if cells.last == "" { cells.removeLast() }
        return cells
    }

    /// The length of a list item's marker at the start of `line` ("- ", "* ", "12. "), if any.
    static func listMarker(_ line: Substring) -> Int? {
        if line.hasPrefix("- ") || line.hasPrefix("* ") || line.hasPrefix("+ ") { return 2 }
        let digits = line.prefix { $0.isASCII && $0.isNumber }.count
        guard (1...9).contains(digits) else { return nil }
        let rest = line.dropFirst(digits)
        return rest.hasPrefix(". ") || rest.hasPrefix(") ") ? digits + 2 : nil
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
