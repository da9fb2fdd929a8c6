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
        public var kind: Kind
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
        public var entry: Entry
        /// Byte offset of the occurrence in the scanned text.
        public var utf8Offset: Int
        public var utf8Length: Int
    }

    public private(set) var entries: [Entry] = []

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
        guard let key, !entries.contains(where: { $0.key == key && $0.kind == kind }) else { return }
        entries.append(Entry(kind: kind, value: value, owner: owner, declaration: range, key: key))
    }

    public var isEmpty: Bool { entries.isEmpty }

    /// Every occurrence of a private value in `text`. Phone numbers match however they are
    /// written: "(202) 555-0143" and "+1 202.555.0143" are the same number.
    public func matches(in text: String) -> [Match] {
        guard !entries.isEmpty else { return [] }
        var found: [Match] = []
        let lowered = text.lowercased()
        // Lower-casing can change byte lengths outside ASCII; offsets are taken from the
        // original only when the two agree, which they do for every email address.
        let sameLayout = lowered.utf8.count == text.utf8.count
        for entry in entries where entry.kind == .email {
            var searchStart = lowered.startIndex
            while let range = lowered.range(of: entry.key, range: searchStart..<lowered.endIndex) {
                let offset = sameLayout ? lowered.utf8.distance(from: lowered.startIndex, to: range.lowerBound) : 0
                found.append(Match(entry: entry, utf8Offset: offset, utf8Length: entry.key.utf8.count))
                searchStart = range.upperBound
            }
        }
        let phones = entries.filter { $0.kind == .phone }
        if !phones.isEmpty {
            let nsText = text as NSString
            for candidate in Self.phonePattern.matches(in: text, range: NSRange(location: 0, length: nsText.length)) {
                let written = nsText.substring(with: candidate.range)
                guard let key = Self.phoneKey(written), let entry = phones.first(where: { $0.key == key }) else { continue }
                let prefix = nsText.substring(to: candidate.range.location)
                found.append(Match(entry: entry, utf8Offset: prefix.utf8.count, utf8Length: written.utf8.count))
            }
        }
        return found.sorted { $0.utf8Offset < $1.utf8Offset }
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
                    "\(what) contains \(match.entry.owner)'s \(match.entry.kind.rawValue) (declared at \(match.entry.declaration.start)); contact data must never reach the public docket",
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
