import CHints
import Dispatch

/// Signatures of many comments in one flat buffer, `Signature.bins` values each, with each
/// comment's word count.
public struct SketchTable: Sendable {
    public private(set) var signatures: [UInt32] = []
    public private(set) var words: [Int32] = []
    public var count: Int { words.count }

    public init() {}

    public mutating func reserve(_ count: Int) {
        signatures.reserveCapacity(count * Signature.bins)
        words.reserveCapacity(count)
    }

    /// Sketches `texts` on every core and appends them in order.
    public mutating func append(_ texts: [String], with sketcher: Sketcher) {
        let start = count
        let bins = Signature.bins
        signatures.append(contentsOf: repeatElement(UInt32.max, count: texts.count * bins))
        words.append(contentsOf: repeatElement(0, count: texts.count))
        let chunk = 64
        let chunks = (texts.count + chunk - 1) / chunk
        signatures.withUnsafeMutableBufferPointer { signatures in
            words.withUnsafeMutableBufferPointer { words in
                let signatures = UncheckedSendable(signatures)
                let words = UncheckedSendable(words)
                texts.withUnsafeBufferPointer { texts in
                    let texts = UncheckedSendable(texts)
                    DispatchQueue.concurrentPerform(iterations: chunks) { part in
                        for index in (part * chunk)..<min(texts.value.count, (part + 1) * chunk) {
                            let row = start + index
                            let slice = UnsafeMutableBufferPointer(rebasing: signatures.value[(row * bins)..<((row + 1) * bins)])
                            words.value[row] = Int32(clamping: sketcher.sketch(texts.value[index], into: slice))
                        }
                    }
                }
            }
        }
    }
}

struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

/// Disjoint sets over comment indices, by size with path halving.
struct UnionFind {
    var parent: [Int32]
    var size: [Int32]

    init(count: Int) {
        parent = (0..<Int32(count)).map { $0 }
        size = Array(repeating: 1, count: count)
    }

    @inline(__always) mutating func find(_ item: Int32) -> Int32 {
        var item = item
        while parent[Int(item)] != item {
            let grand = parent[Int(parent[Int(item)])]
            parent[Int(item)] = grand
            item = grand
        }
        return item
    }

    @inline(__always) mutating func union(_ a: Int32, _ b: Int32) {
        var a = find(a)
        var b = find(b)
        guard a != b else { return }
        if size[Int(a)] < size[Int(b)] { swap(&a, &b) }
        parent[Int(b)] = a
        size[Int(a)] += size[Int(b)]
    }
}

/// A band's bucket: its key (0 for an empty slot), its first member and its latest.
struct BandSlot {
    var key: UInt64 = 0
    var first: Int32 = 0
    var last: Int32 = 0
}

/// Near-identical comments grouped into units, as an agency that collapses them would count.
public enum Clustering {
    public struct Options: Sendable {
        /// Estimated Jaccard similarity of word 5-shingles at which two comments are the same.
        public var threshold: Double = 0.5
        public var bands = 32
        public var rows = 4
        /// A member that adds this many words of its own is its own unit.
        public var ownWords = 300

        public init(threshold: Double = 0.5) {
            self.threshold = threshold
        }
    }

    /// A unit of two or more comments: the medoid (the member most like the rest) and every
    /// member, the medoid first.
    public struct Unit: Sendable, Hashable {
        public var medoid: Int32
        public var members: [Int32]
    }

    /// Links comments whose signatures collide in a band and whose estimated similarity holds,
    /// then splits each linked component around its medoid. `eligible` leaves out stubs and
    /// empties. Linear in the comments: each band is one pass over a hash table, and a bucket
    /// is checked against its first and its latest member only, never as a list of pairs.
    public static func units(_ table: SketchTable, eligible: [Bool], options: Options = Options()) -> [Unit] {
        let count = table.count
        precondition(options.bands * options.rows <= Signature.bins)
        // The bands are shared between the two cores, each with its own sets; a band is a
        // million random probes, so it waits on memory, and two wait at once. The two sets'
        // links are then joined, which is one pass.
        let parts = 2
        var partial = [UnionFind?](repeating: nil, count: parts)
        partial.withUnsafeMutableBufferPointer { partial in
            let partial = UncheckedSendable(partial)
            DispatchQueue.concurrentPerform(iterations: parts) { part in
                partial.value[part] = link(table, eligible: eligible, bands: Array(stride(from: part, to: options.bands, by: parts)), options: options)
            }
        }
        var sets = partial[0]!
        for other in partial.dropFirst() {
            guard var other else { continue }
            for item in 0..<Int32(count) {
                let root = other.find(item)
                if root != item { sets.union(item, root) }
            }
        }
        // Components, in order of their first member.
        var componentOf = [Int32](repeating: -1, count: count)
        var components: [[Int32]] = []
        for item in 0..<count where eligible[item] && sets.size[Int(sets.find(Int32(item)))] > 1 {
            let root = Int(sets.find(Int32(item)))
            if componentOf[root] < 0 {
                componentOf[root] = Int32(components.count)
                components.append([])
            }
            components[Int(componentOf[root])].append(Int32(item))
        }
        var units: [Unit] = []
        table.signatures.withUnsafeBufferPointer { signatures in
            let base = signatures.baseAddress!
            for component in components {
                units += split(component, base: base, threshold: options.threshold)
            }
        }
        return units
    }

    /// The sets `bands` link: each band one pass over an open-addressing table whose slot holds
    /// a key with its bucket's first and latest member together (three arrays made each probe
    /// three cache misses).
    static func link(_ table: SketchTable, eligible: [Bool], bands: [Int], options: Options) -> UnionFind {
        let count = table.count
        var sets = UnionFind(count: count)
        let bins = Signature.bins
        var capacity = 16
        while capacity < count * 2 { capacity <<= 1 }
        let mask = capacity - 1
        var slots = [BandSlot](repeating: BandSlot(), count: capacity)
        // A band's keys, worked out in one sequential pass before the probes (0 for a comment
        // left out), so each probe can be fetched `ahead` comments early.
        var keys = [UInt64](repeating: 0, count: count)
        let ahead = 12
        let threshold = options.threshold
        table.signatures.withUnsafeBufferPointer { signatures in
            let base = signatures.baseAddress!
            slots.withUnsafeMutableBufferPointer { slots in
                let slotBase = slots.baseAddress!
                keys.withUnsafeMutableBufferPointer { keys in
                    for band in bands {
                        slots.update(repeating: BandSlot())
                        let offset = band * options.rows
                        for item in 0..<count {
                            guard eligible[item] else {
                                keys[item] = 0
                                continue
                            }
                            let row = base + item * bins + offset
                            var key = UInt64(band) &* 0x9e37_79b9_7f4a_7c15
                            for value in 0..<options.rows { key = Words.mix(key ^ UInt64(row[value])) }
                            keys[item] = key | 1
                        }
                        for item in 0..<count {
                            if item + ahead < count {
                                docket_prefetch(slotBase + (Int(truncatingIfNeeded: keys[item + ahead]) & mask))
                            }
                            let key = keys[item]
                            if key == 0 { continue }
                            var slot = Int(truncatingIfNeeded: key) & mask
                            while slots[slot].key != 0 && slots[slot].key != key { slot = (slot + 1) & mask }
                            let me = Int32(item)
                            if slots[slot].key == 0 {
                                slots[slot] = BandSlot(key: key, first: me, last: me)
                                continue
                            }
                            let first = slots[slot].first
                            let mine = sets.find(me)
                            if sets.find(first) != mine {
                                if Signature.similarity(base + Int(first) * bins, base + item * bins) >= threshold {
                                    sets.union(first, me)
                                } else {
                                    let last = slots[slot].last
                                    if last != first && sets.find(last) != mine && Signature.similarity(base + Int(last) * bins, base + item * bins) >= threshold {
                                        sets.union(last, me)
                                    }
                                }
                            }
                            slots[slot].last = me
                        }
                    }
                }
            }
        }
        return sets
    }

    /// A component's units: the medoid's, then the medoid of what is left, a few times over.
    /// A member within the threshold of no medoid is left on its own.
    static func split(_ component: [Int32], base: UnsafePointer<UInt32>, threshold: Double) -> [Unit] {
        let bins = Signature.bins
        func similarity(_ a: Int32, _ b: Int32) -> Double { Signature.similarity(base + Int(a) * bins, base + Int(b) * bins) }
        if component.count == 2 { return [Unit(medoid: component[0], members: component)] }
        var remaining = component
        var units: [Unit] = []
        var peels = 0
        while remaining.count >= 2 && peels < 16 {
            let medoid = self.medoid(remaining, similarity)
            var unit: [Int32] = [medoid]
            var rest: [Int32] = []
            for member in remaining where member != medoid {
                if similarity(member, medoid) >= threshold { unit.append(member) } else { rest.append(member) }
            }
            if unit.count >= 2 { units.append(Unit(medoid: medoid, members: unit)) }
            remaining = rest
            peels += 1
        }
        return units
    }

    /// The member with the greatest total similarity to a sample of the others (all of them up
    /// to 24), so a bridge between two campaigns loses to the core of the larger.
    static func medoid(_ members: [Int32], _ similarity: (Int32, Int32) -> Double) -> Int32 {
        let sampleSize = min(members.count, 24)
        let step = Double(members.count) / Double(sampleSize)
        let sample = (0..<sampleSize).map { members[Int(Double($0) * step)] }
        var best = sample[0]
        var bestScore = -1.0
        for candidate in sample {
            var score = 0.0
            for other in sample where other != candidate { score += similarity(candidate, other) }
            if score > bestScore {
                bestScore = score
                best = candidate
            }
        }
        return best
    }
}

/// A set of shingle hashes by open addressing. The hashes are already well mixed, so the set
/// takes their low bits as the slot; `Set<UInt64>` hashed each again with SipHash, and the
/// own-words count is a lookup for every shingle of every member near the limit.
public struct ShingleSet: Sendable {
    var slots: [UInt64]
    var mask: Int
    /// 0 marks an empty slot, so the hash 0 itself is kept apart.
    var hasZero = false

    /// A set of `shingles`, with room for twice as many slots as values.
    public init<S: Sequence>(_ shingles: S) where S.Element == UInt64 {
        let values = Array(shingles)
        var capacity = 16
        while capacity < values.count * 2 { capacity <<= 1 }
        slots = Array(repeating: 0, count: capacity)
        mask = capacity - 1
        for value in values { insert(value) }
    }

    mutating func insert(_ value: UInt64) {
        guard value != 0 else { hasZero = true; return }
        var slot = Int(truncatingIfNeeded: value) & mask
        while slots[slot] != 0 {
            if slots[slot] == value { return }
            slot = (slot + 1) & mask
        }
        slots[slot] = value
    }

    /// Whether `value` was put in.
    @inline(__always) public func contains(_ value: UInt64) -> Bool {
        guard value != 0 else { return hasZero }
        return slots.withUnsafeBufferPointer { slots in
            var slot = Int(truncatingIfNeeded: value) & mask
            while true {
                let held = slots[slot]
                if held == value { return true }
                if held == 0 { return false }
                slot = (slot + 1) & mask
            }
        }
    }
}

/// What a member adds to its unit's medoid: the words no shingle it shares with the medoid
/// covers, and the runs of them as passages of the member's own text.
public struct OwnWords: Sendable {
    /// The medoid's shingles and the struck ones: what a member's words are covered by.
    public let medoidShingles: ShingleSet

    public init(medoid: String, struck: Set<UInt64> = []) {
        medoidShingles = ShingleSet(Sketcher.shingles(of: medoid).union(struck))
    }

    /// The count of the member's own words: a word is its own when no shingle the medoid also
    /// has covers it. Only the last shingle that covered a word is remembered, so a member
    /// of any length costs no more than one pass.
    public func count(_ member: String) -> Int {
        var coveredThrough = -1
        var own = 0
        let words = Sketcher.forEachShingle(in: member) { shingle, first in
            guard medoidShingles.contains(shingle) else { return }
            // The words before this shingle that no earlier shared shingle reached: no later
            // one starts before it.
            own += max(0, first - (coveredThrough + 1))
            coveredThrough = first + Sketcher.shingleWords - 1
        }
        return own + max(0, words - (coveredThrough + 1))
    }

    /// The count of the member's own words, and its passages of at least `minimum` of them.
    public func own(_ member: String, passagesOf minimum: Int = .max) -> (count: Int, passages: [String]) {
        var ranges: [(Int, Int)] = []
        Words.forEach(in: member) { _, start, end in ranges.append((start, end)) }
        var covered = Array(repeating: false, count: ranges.count)
        Sketcher.forEachShingle(in: member) { shingle, first in
            guard medoidShingles.contains(shingle) else { return }
            for index in first..<min(first + Sketcher.shingleWords, covered.count) { covered[index] = true }
        }
        let count = covered.lazy.filter { !$0 }.count
        guard minimum != .max else { return (count, []) }
        var passages: [String] = []
        let bytes = Array(member.utf8)
        var index = 0
        while index < covered.count {
            guard !covered[index] else { index += 1; continue }
            var end = index
            while end < covered.count && !covered[end] { end += 1 }
            if end - index >= minimum {
                passages.append(String(decoding: bytes[ranges[index].0..<ranges[end - 1].1], as: UTF8.self))
            }
            index = end
        }
        return (count, passages)
    }
}
