import CHints
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

    /// Each ASCII byte's class: 0 a separator, 1 an apostrophe, otherwise the byte folded to
    /// lower case. A letter or digit folds by setting bit 5, so a word's bytes fold eight at a
    /// time.
    /// Made once and never freed, so the hot loop reads it without an array's checks.
    nonisolated(unsafe) static let asciiClasses: UnsafePointer<UInt8> = {
        let table = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
        for byte in 0..<256 {
            table[byte] =
                switch byte {
                case 65...90: UInt8(byte) | 0x20
                case 97...122, 48...57: UInt8(byte)
                case 39: 1
                default: 0
                }
        }
        return UnsafePointer(table)
    }()

    /// Whether every byte is ASCII, 32 at a time in four words (Swift's `SIMD32` reductions
    /// went through memory a byte at a time and took longer than the words themselves).
    @inline(__always)
    static func allASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        let count = bytes.count
        var any: UInt64 = 0
        var index = 0
        while index + 32 <= count {
            any |= raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) | raw.loadUnaligned(fromByteOffset: index + 8, as: UInt64.self)
                | raw.loadUnaligned(fromByteOffset: index + 16, as: UInt64.self) | raw.loadUnaligned(fromByteOffset: index + 24, as: UInt64.self)
            index += 32
        }
        while index < count {
            any |= UInt64(base[index])
            index += 1
        }
        return any & 0x8080_8080_8080_8080 == 0
    }

    /// The hash of the letters and digits in `start..<end`, which hold no other byte: the same
    /// value `WordHash` gives them one by one, taken eight bytes at a time.
    @inline(__always)
    static func hashPlainWord(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> UInt64 {
        let raw = UnsafeRawPointer(bytes.baseAddress!)
        let fold: UInt64 = 0x2020_2020_2020_2020
        var word = WordHash()
        var index = start
        while end - index >= 8 {
            word.hash = (word.hash ^ (raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) | fold)) &* 0xff51_afd7_ed55_8ccd
            word.hash ^= word.hash >> 32
            index += 8
        }
        let left = end - index
        if left > 0 {
            if index + 8 <= bytes.count {
                let mask: UInt64 = (1 << UInt64(left * 8)) - 1
                word.pending = (raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) | fold) & mask
                word.filled = UInt64(left)
            } else {
                while index < end {
                    word.add(bytes[index] | 0x20)
                    index += 1
                }
            }
        }
        return word.finish()
    }

    /// The fast path. Returns false, having called `body` for nothing, when any byte is not
    /// ASCII. The text is classified 64 bytes at a time into bit masks, and each word's start
    /// and end are the next set and the next clear bit: a word that runs past a block carries
    /// its start into the next.
    @inline(__always)
    static func asciiWords(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (UInt64, Int, Int) -> Void) -> Bool {
        guard allASCII(bytes) else { return false }
        guard let pointer = bytes.baseAddress else { return true }
        let count = bytes.count
        // A word starts at a letter or digit (an apostrophe before a word is a separator) and
        // runs over letters, digits and apostrophes; the apostrophes are left out of its hash.
        var start = -1
        var apostrophe = false
        @inline(__always) func emit(_ end: Int) {
            if apostrophe {
                var word = WordHash()
                for position in start..<end where bytes[position] != 39 { word.add(bytes[position] | 0x20) }
                body(word.finish(), start, end)
            } else {
                body(hashPlainWord(bytes, start, end), start, end)
            }
            start = -1
            apostrophe = false
        }
        @inline(__always) func scan(_ base: Int, _ letters: UInt64, _ quotes: UInt64) {
            let inWord = letters | quotes
            var position = 0
            while true {
                if start < 0 {
                    let next = letters & (UInt64.max &<< UInt64(position))
                    if next == 0 { return }
                    position = next.trailingZeroBitCount
                    start = base + position
                }
                let from = UInt64.max &<< UInt64(position)
                let stop = ~inWord & from
                if stop == 0 {
                    if quotes & from != 0 { apostrophe = true }
                    return
                }
                let end = stop.trailingZeroBitCount
                if quotes & from & ~(UInt64.max &<< UInt64(end)) != 0 { apostrophe = true }
                emit(base + end)
                position = end
            }
        }
        var base = 0
        var letters: UInt64 = 0
        var quotes: UInt64 = 0
        while base + 64 <= count {
            docket_classify64(pointer + base, &letters, &quotes)
            scan(base, letters, quotes)
            base += 64
        }
        if base < count {
            // The last part block, padded with separators.
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { padded in
                padded.initialize(repeating: 0)
                UnsafeMutableRawBufferPointer(padded).copyMemory(from: UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[base..<count]))
                docket_classify64(padded.baseAddress!, &letters, &quotes)
            }
            scan(base, letters, quotes)
        }
        if start >= 0 { emit(count) }
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
