/// A comment's MinHash signature by one-permutation hashing: each word 5-shingle is hashed
/// once, its top bits choose one of `Signature.bins` bins and its low 32 bits compete for that
/// bin's minimum. Bins no shingle reached borrow a filled bin's value by optimal densification
/// (Shrivastava, ICML 2017), so two signatures agree in a bin with probability equal to the
/// texts' Jaccard similarity. One hash per shingle, where classic MinHash takes 128.
public struct Sketcher: Sendable {
    /// Words per shingle, as in the recipe this follows.
    public static let shingleWords = 5
    /// A text under this many words is a stub ("see attached"), reported apart.
    public static let stubWords = 40

    /// Shingles struck before comparing: the notice's own text, which comments quote.
    public let struck: Set<UInt64>

    public init(struck: Set<UInt64> = []) {
        self.struck = struck
    }

    /// The struck shingles for a notice's text.
    public static func shingles(of text: String) -> Set<UInt64> {
        var result = Set<UInt64>()
        forEachShingle(in: text) { shingle, _ in result.insert(shingle) }
        return result
    }

    /// Calls `body` with each shingle's hash and the index of its first word, and returns the
    /// number of words. A text of one to four words is one shingle of all of them.
    @inline(__always) @discardableResult
    static func forEachShingle(in text: String, _ body: (UInt64, Int) -> Void) -> Int {
        var window: (UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0)
        var count = 0
        Words.forEach(in: text) { hash, _, _ in
            window = (window.1, window.2, window.3, window.4, hash)
            count += 1
            if count >= shingleWords { body(combine(window), count - shingleWords) }
        }
        if count > 0 && count < shingleWords {
            var short = Words.basis
            var copy = window
            withUnsafeBytes(of: &copy) { raw in
                let words = raw.bindMemory(to: UInt64.self)
                for index in (shingleWords - count)..<shingleWords { short = Words.mix(short ^ words[index]) }
            }
            body(short, 0)
        }
        return count
    }

    /// Each word rotated by its place, so order counts, and mixed once: the words' hashes are
    /// already well mixed, and four dependent multiplications a shingle were a fifth of the
    /// sketch's time.
    @inline(__always)
    static func combine(_ w: (UInt64, UInt64, UInt64, UInt64, UInt64)) -> UInt64 {
        @inline(__always) func rotated(_ value: UInt64, _ by: UInt64) -> UInt64 { value << by | value >> (64 - by) }
        return Words.mix(w.0 ^ rotated(w.1, 13) ^ rotated(w.2, 26) ^ rotated(w.3, 39) ^ rotated(w.4, 52))
    }

    /// Writes `text`'s signature into `signature` (`Signature.bins` values) and returns its
    /// word count. A text with no shingle left gets all bins `UInt32.max`.
    @inline(__always)
    public func sketch(_ text: String, into signature: UnsafeMutableBufferPointer<UInt32>) -> Int {
        let bins = Signature.bins
        for index in 0..<bins { signature[index] = .max }
        let strikes = !struck.isEmpty
        let words = Self.forEachShingle(in: text) { shingle, _ in
            if strikes && struck.contains(shingle) { return }
            let bin = Int(truncatingIfNeeded: shingle >> Signature.binShift)
            signature[bin] = min(signature[bin], UInt32(truncatingIfNeeded: shingle))
        }
        var filled = 0
        for index in 0..<bins where signature[index] != .max { filled += 1 }
        if filled > 0 && filled < bins { Signature.densify(signature) }
        return words
    }
}

public enum Signature {
    public static let bins = 128
    static let binShift: UInt64 = 57

    /// Each empty bin takes the value of the first filled bin on its own fixed probe sequence,
    /// the same sequence in every signature, so densified bins still agree with probability
    /// equal to the similarity.
    static func densify(_ signature: UnsafeMutableBufferPointer<UInt32>) {
        var full: (UInt64, UInt64) = (0, 0)
        for bin in 0..<bins where signature[bin] != .max {
            if bin < 64 { full.0 |= 1 << UInt64(bin) } else { full.1 |= 1 << UInt64(bin - 64) }
        }
        for bin in 0..<bins where signature[bin] == .max && !isSet(full, bin) {
            var attempt: UInt64 = 1
            while true {
                let probe = Int(Words.mix(UInt64(bin) << 32 | attempt) % UInt64(bins))
                if isSet(full, probe) {
                    signature[bin] = signature[probe]
                    break
                }
                attempt += 1
            }
        }
    }

    @inline(__always) static func isSet(_ bits: (UInt64, UInt64), _ bin: Int) -> Bool {
        bin < 64 ? bits.0 & (1 << UInt64(bin)) != 0 : bits.1 & (1 << UInt64(bin - 64)) != 0
    }

    /// The share of bins two signatures agree in: the estimated Jaccard similarity.
    @inline(__always)
    public static func similarity(_ a: UnsafePointer<UInt32>, _ b: UnsafePointer<UInt32>) -> Double {
        var equal = SIMD16<UInt32>()
        let one = SIMD16<UInt32>(repeating: 1)
        let zero = SIMD16<UInt32>()
        let rawA = UnsafeRawPointer(a)
        let rawB = UnsafeRawPointer(b)
        for lane in stride(from: 0, to: bins, by: 16) {
            let x = rawA.loadUnaligned(fromByteOffset: lane * 4, as: SIMD16<UInt32>.self)
            let y = rawB.loadUnaligned(fromByteOffset: lane * 4, as: SIMD16<UInt32>.self)
            equal &+= zero.replacing(with: one, where: x .== y)
        }
        return Double(equal.wrappedSum()) / Double(bins)
    }
}
