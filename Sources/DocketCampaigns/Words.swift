import Foundation

/// The words of a comment as the campaign detector compares them: letters and digits, case
/// and Unicode compatibility forms folded (`ﬁ` is `fi`, `Ａ` is `a`), apostrophes dropped inside
/// a word (`don't` is `dont`), everything else a separator. Each word is a 64-bit hash and the
/// byte range it came from, so a passage can be quoted from the original text.
public enum Words {
    /// FNV-1a's offset basis, the seed of a short text's one shingle.
    static let basis: UInt64 = 0xcbf2_9ce4_8422_2325

    /// A word's hash, eight bytes at a time: a word of up to seven bytes (most words) costs one
    /// multiplication, where FNV-1a took one for each byte and made sketching twice as slow.
    struct WordHash {
        var hash: UInt64 = 0x9e37_79b9_7f4a_7c15
        var pending: UInt64 = 0
        var filled: UInt64 = 0

        @inline(__always) mutating func add(_ byte: UInt8) {
            pending |= UInt64(byte) << (filled &* 8)
            filled &+= 1
            if filled == 8 {
                hash = (hash ^ pending) &* 0xff51_afd7_ed55_8ccd
                hash ^= hash >> 32
                pending = 0
                filled = 0
            }
        }

        /// Injective for words of up to seven bytes: their bytes and length fill distinct bits
        /// before an odd multiplication.
        @inline(__always) func finish() -> UInt64 {
            let h = (hash ^ pending ^ (filled << 56)) &* 0xc4ce_b9fe_1a85_ec53
            return h ^ (h >> 29)
        }
    }

    /// splitmix64's finalizer: FNV's low bits are weak, and the signature takes bins from the
    /// high bits and values from the low ones.
    @inline(__always) public static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9e37_79b9_7f4a_7c15
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// Calls `body` with each word's hash and its UTF-8 byte range in `text`, in order.
    @inline(__always)
    public static func forEach(in text: String, _ body: (_ hash: UInt64, _ start: Int, _ end: Int) -> Void) {
        var contiguous = text
        let ascii = contiguous.withUTF8 { asciiWords($0, body) }
        if !ascii { unicodeWords(text, body) }
    }

    /// The fast path. Returns false, having called `body` for nothing, at the first byte that
    /// is not ASCII.
    @inline(__always)
    static func asciiWords(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (UInt64, Int, Int) -> Void) -> Bool {
        for byte in bytes where byte >= 0x80 { return false }
        var word = WordHash()
        var start = -1
        var index = 0
        let count = bytes.count
        while index < count {
            var byte = bytes[index]
            let isUpper = byte &- 65 < 26
            if isUpper { byte |= 0x20 }
            if isUpper || byte &- 97 < 26 || byte &- 48 < 10 {
                if start < 0 {
                    start = index
                    word = WordHash()
                }
                word.add(byte)
            } else if byte == 39 && start >= 0 {
                // An apostrophe inside a word joins its two halves.
            } else if start >= 0 {
                body(word.finish(), start, index)
                start = -1
            }
            index += 1
        }
        if start >= 0 { body(word.finish(), start, count) }
        return true
    }

    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || scalar.properties.numericType != nil || scalar.properties.generalCategory == .nonspacingMark
    }

    static func isIdeographic(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x2FA1F: true
        default: false
        }
    }

    /// Text with any non-ASCII character: word boundaries on the original scalars, each word
    /// folded (NFKC, lowercase) before it is hashed.
    static func unicodeWords(_ text: String, _ body: (UInt64, Int, Int) -> Void) {
        var start = -1
        var word = String.UnicodeScalarView()
        var offset = 0
        func finish(_ end: Int) {
            let folded = String(word).precomposedStringWithCompatibilityMapping.lowercased()
            var hash = WordHash()
            for byte in folded.utf8 { hash.add(byte) }
            body(hash.finish(), start, end)
            start = -1
            word.removeAll()
        }
        for scalar in text.unicodeScalars {
            let width = UTF8.width(scalar)
            if isIdeographic(scalar) {
                // Chinese and Japanese are written without spaces: each character is a word.
                if start >= 0 { finish(offset) }
                start = offset
                word.append(scalar)
                finish(offset + width)
            } else if isWordScalar(scalar) {
                if start < 0 { start = offset }
                word.append(scalar)
            } else if (scalar == "'" || scalar == "\u{2019}") && start >= 0 {
            } else if start >= 0 {
                finish(offset)
            }
            offset += width
        }
        if start >= 0 { finish(offset) }
    }

    /// The number of words in `text`.
    public static func count(_ text: String) -> Int {
        var count = 0
        forEach(in: text) { _, _, _ in count += 1 }
        return count
    }
}
