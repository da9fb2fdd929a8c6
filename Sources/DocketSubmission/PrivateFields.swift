import DocketModel
import DocketReview
import DocketSupport
import Foundation

/// The contact data that must never reach the public docket: every signer's email and phone,
/// and the submitter's. Regulations.gov keeps its own email and phone fields private, but
/// anything in the comment text or an attachment may be posted for anyone to read.
public struct PrivateFields: Sendable {
    /// One private value and whose it is.
    public struct Entry: Sendable, Hashable {
        /// Email or phone.
        public enum Kind: String, Sendable { case email, phone }
        /// Whether it is an email address or a phone number.
        public var kind: Kind
        /// The value as declared.
        public var value: String
        /// Whose it is, for the message: "signer 'one'" or "the submitter".
        public var owner: String
        /// Where it is declared; an occurrence here is the declaration, not a leak.
        public var declaration: SourceRange
        /// How it is compared: lower-cased for an email, the last ten digits for a phone.
        var key: String
    }

    /// Where a private value occurs in a text.
    public struct Match: Sendable, Hashable {
        /// The private value found.
        public var entry: Entry
        /// Byte offset of the occurrence in the scanned text.
        public var utf8Offset: Int
        /// The occurrence's length in bytes.
        public var utf8Length: Int
    }

    /// Every private value declared, in declaration order.
    public private(set) var entries: [Entry] = []
    /// Entries by kind and key, so scanning a text costs one lookup per candidate, however
    /// many signers there are.
    private var emailsByDomain: [String: [String: Int]] = [:]
    private var emailDomainLengths: Set<Int> = []
    private var phonesByKey: [String: Int] = [:]

    /// The private values of `signatories` and of the submitter.
    public init(signatories: [Signatory], submitter: Submitter, submitterRange: SourceRange?) {
        for signer in signatories {
            add(.email, signer.contactEmail, owner: "signer '\(signer.id)'", at: signer.source)
            add(.phone, signer.contactPhone, owner: "signer '\(signer.id)'", at: signer.source)
        }
        let range = submitterRange ?? .file("")
        switch submitter {
        case .individual(let person):
            add(.email, person.email, owner: "the submitter", at: range)
            add(.phone, person.phone, owner: "the submitter", at: range)
        case .organization(let organization):
            add(.email, organization.email, owner: "the submitter", at: range)
            add(.phone, organization.phone, owner: "the submitter", at: range)
        case .anonymous: break
        }
    }

    /// The contact data of everyone a draft names: its signatories and its submitter.
    public init(_ draft: Draft) {
        self.init(signatories: draft.signatories ?? [], submitter: draft.plan.submitter, submitterRange: draft.plan.submitterRange)
    }

    private mutating func add(_ kind: Entry.Kind, _ value: String?, owner: String, at range: SourceRange) {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return }
        let key = kind == .email ? value.lowercased() : Self.phoneKey(value)
        guard let key else { return }
        switch kind {
        case .email:
            guard let at = key.lastIndex(of: "@") else { return }
            let local = String(key[..<at])
            let domain = String(key[key.index(after: at)...])
            guard emailsByDomain[domain]?[local] == nil else { return }
            emailsByDomain[domain, default: [:]][local] = entries.count
            emailDomainLengths.insert(domain.utf8.count)
        case .phone:
            guard phonesByKey[key] == nil else { return }
            phonesByKey[key] = entries.count
        }
        entries.append(Entry(kind: kind, value: value, owner: owner, declaration: range, key: key))
    }

    /// Whether no private value is declared.
    public var isEmpty: Bool { entries.isEmpty }

    /// Every occurrence of a private value in `text`, however it is disguised: the text is
    /// compared after Unicode compatibility folding (fullwidth digits and `＠` are the ASCII
    /// ones) and with the common ways people write an address so machines miss it undone
    /// (`alex @ cait.example.org`, `alex [at] cait [dot] example [dot] org`,
    /// `alex@cait[.]example[.]org`). Offsets are the original text's.
    public func matches(in text: String) -> [Match] {
        guard !entries.isEmpty else { return [] }
        let folded = Folded(text)
        guard folded.changed else { return rawMatches(in: text) }
        return rawMatches(in: folded.text).map { match in
            var mapped = match
            let start = folded.origin[match.utf8Offset]
            let end = match.utf8Offset + match.utf8Length < folded.origin.count ? folded.origin[match.utf8Offset + match.utf8Length] : text.utf8.count
            mapped.utf8Offset = start
            mapped.utf8Length = max(1, end - start)
            return mapped
        }
    }

    /// `text` folded for comparison, with the original UTF-8 offset of each folded byte.
    struct Folded {
        var text: String
        /// For each UTF-8 byte of `text`, where it came from; one more entry for the end.
        var origin: [Int]
        var changed: Bool

        init(_ original: String) {
            var bytes: [UInt8] = []
            var origin: [Int] = []
            var offset = 0
            var changed = false
            for scalar in original.unicodeScalars {
                let width = String(scalar).utf8.count
                if scalar.isASCII {
                    bytes.append(UInt8(scalar.value))
                    origin.append(offset)
                } else {
                    let folded = String(scalar).precomposedStringWithCompatibilityMapping
                    if folded != String(scalar) { changed = true }
                    for byte in folded.utf8 {
                        bytes.append(byte)
                        origin.append(offset)
                    }
                }
                offset += width
            }
            origin.append(offset)
            var text = String(decoding: bytes, as: UTF8.self)
            // Undo the disguises, keeping each kept byte's origin. A pass of the dot pattern
            // may reveal the next ("cait dot example dot org" joins one dot a pass), so it runs
            // until it finds nothing; without an "@" no address can form, and it does not run.
            if Self.rewrite(&text, &origin, Self.atDisguise, as: UInt8(ascii: "@")) { changed = true }
            var passes = 0
            while text.utf8.contains(UInt8(ascii: "@")), passes < 8, Self.rewrite(&text, &origin, Self.dotDisguise, as: UInt8(ascii: ".")) {
                changed = true
                passes += 1
            }
            self.text = text
            self.origin = origin
            self.changed = changed
        }

        /// Each match of `pattern` in `text` replaced by the one byte `replacement`, which keeps
        /// the origin of the match's first byte; whether there was any.
        static func rewrite(_ text: inout String, _ origin: inout [Int], _ pattern: NSRegularExpression, as replacement: UInt8) -> Bool {
            let utf8 = Array(text.utf8)
            let matches = pattern.matches(in: text, range: NSRange(text.startIndex..., in: text))
            guard !matches.isEmpty else { return false }
            var rewritten: [UInt8] = []
            var map: [Int] = []
            var cursor = 0
            var index = text.startIndex
            var offset = 0
            for match in matches {
                guard let range = Range(match.range, in: text) else { continue }
                // UTF-8 offsets counted on from the previous match, not from the start.
                let start = offset + text.utf8.distance(from: index, to: range.lowerBound)
                let end = start + text.utf8.distance(from: range.lowerBound, to: range.upperBound)
                (index, offset) = (range.upperBound, end)
                rewritten += utf8[cursor..<start]
                map += origin[cursor..<start]
                rewritten.append(replacement)
                map.append(origin[start])
                cursor = end
            }
            rewritten += utf8[cursor...]
            map += origin[cursor...]
            text = String(decoding: rewritten, as: UTF8.self)
            origin = map
            return true
        }

        /// "at" in brackets, "at" between spaces before a dotted name, and spaces around "@".
        static let atDisguise = try! NSRegularExpression(
            pattern: #"\s*[\[(\{<]\s*(?:at|@)\s*[\])\}>]\s*|[ \t]+at[ \t]+(?=[A-Za-z0-9-]+(?:\s*[\[(]?\s*(?:dot|\.)\s*[\])]?\s*[A-Za-z0-9-]+)+)|[ \t]+@[ \t]*|@[ \t]+"#,
            options: [.caseInsensitive])
        /// "dot" or "." in brackets, and "dot" or a spaced "." after an "@" and a name.
        static let dotDisguise = try! NSRegularExpression(
            pattern: #"\s*[\[(\{<]\s*(?:dot|\.)\s*[\])\}>]\s*|(?<=@[A-Za-z0-9.-]{1,253})[ \t]+dot[ \t]+|(?<=\S@[A-Za-z0-9-]{1,63})[ \t]+\.[ \t]*"#,
            options: [.caseInsensitive])
    }

    /// Every occurrence of a private value in `text`, in one pass however many values there
    /// are. Emails match ignoring ASCII case; phone numbers match however they are written:
    /// "(202) 555-0143" and "+1 202.555.0143" are the same number.
    func rawMatches(in text: String) -> [Match] {
        guard !entries.isEmpty else { return [] }
        var found: [Match] = []
        if !emailsByDomain.isEmpty {
            let bytes = Array(text.utf8)
            for (at, byte) in bytes.enumerated() where byte == UInt8(ascii: "@") {
                var end = at + 1
                while end < bytes.count, Self.isDomainByte(bytes[end]) { end += 1 }
                // A known domain may be followed by more domain text ("example.org.uk" hides
                // "example.org" only if the address really is there), so try each known length.
                for length in emailDomainLengths where at + 1 + length <= end {
                    let domain = String(decoding: bytes[(at + 1)..<(at + 1 + length)].map(Self.lowercased), as: UTF8.self)
                    guard let locals = emailsByDomain[domain] else { continue }
                    for (local, index) in locals {
                        let count = local.utf8.count
                        guard count <= at, Self.equalIgnoringASCIICase(bytes[(at - count)..<at], local) else { continue }
                        found.append(Match(entry: entries[index], utf8Offset: at - count, utf8Length: count + 1 + length))
                    }
                }
            }
        }
        if !phonesByKey.isEmpty {
            let nsText = text as NSString
            var utf8Consumed = 0
            var cursor = text.startIndex
            for candidate in Self.phonePattern.matches(in: text, range: NSRange(location: 0, length: nsText.length)) {
                let written = nsText.substring(with: candidate.range)
                guard let key = Self.phoneKey(written), let index = phonesByKey[key] else { continue }
                // UTF-8 offsets, counted on from the previous match rather than from the start.
                let start = String.Index(utf16Offset: candidate.range.location, in: text)
                utf8Consumed += text.utf8.distance(from: cursor, to: start)
                cursor = start
                found.append(Match(entry: entries[index], utf8Offset: utf8Consumed, utf8Length: written.utf8.count))
            }
        }
        return found.sorted { $0.utf8Offset < $1.utf8Offset }
    }

    private static func isDomainByte(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-") || byte >= 0x80
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte }

    private static func equalIgnoringASCIICase(_ bytes: ArraySlice<UInt8>, _ lowered: String) -> Bool {
        zip(bytes, lowered.utf8).allSatisfy { lowercased($0) == $1 }
    }

    /// Digits with the separators people put in phone numbers, at least seven digits long.
    static let phonePattern = try! NSRegularExpression(pattern: #"\+?\(?\d[\d\s().\-]{5,}\d"#)

    /// The last ten digits (a US number without its country code), or all of them for a
    /// shorter number; nil for something too short to be a phone number.
    static func phoneKey(_ text: String) -> String? {
        let digits = text.filter(\.isASCIIDigit)
        guard digits.count >= 7 else { return nil }
        return String(digits.suffix(10))
    }

    /// Leaks in composed text, located in the source file that carries the value: a clause,
    /// a recommendation or a plan variable. Occurrences at the value's own declaration (the
    /// signer's row, the submitter block) are where it belongs and are skipped.
    package func diagnostics(forPublicText text: String, describedAs what: String, searching files: [String], sources: [String: SourceFile], fallback: SourceRange) -> [Diagnostic] {
        var reported: Set<String> = []
        var diagnostics: [Diagnostic] = []
        for match in matches(in: text) where reported.insert(match.entry.key).inserted {
            let origin = files.lazy.compactMap { path in sources[path].flatMap { source in self.firstLeak(of: match.entry, in: source) } }.first
            diagnostics.append(
                .error(
                    .privateFieldInPublicText,
                    "\(what) contains the \(match.entry.kind.rawValue) of \(match.entry.owner) (declared at \(match.entry.declaration.start)); contact data must never reach the public docket",
                    at: origin ?? fallback))
        }
        return diagnostics
    }

    private func firstLeak(of entry: Entry, in source: SourceFile) -> SourceRange? {
        let declared = entry.declaration
        for match in matches(in: source.text) where match.entry.key == entry.key {
            let location = source.location(ofUTF8Offset: match.utf8Offset)
            let atDeclaration = location.file == declared.start.file && location.line >= declared.start.line && location.line <= max(declared.end.line, declared.start.line)
            if !atDeclaration { return SourceRange(location, length: match.utf8Length) }
        }
        return nil
    }
}
