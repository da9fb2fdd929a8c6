import DocketCitations
import DocketModel
import DocketSupport
import Yams

/// Reads a recommendation's or clause's `evidence:` and the `[^id]` markers its text cites them
/// by. Markers use the footnote form Markdown writers know; they are taken out of the text here,
/// so what is composed, hashed and approved is the text without them.
///
/// ```yaml
/// evidence:
///   elite-inventory:
///     kind: primary
///     source: https://www.dhs.gov/sites/default/files/2026-01/2025_0128_ocio-dhs-ai-use-case-inventory.xlsx
///     published: 2026-01-28
///     passage: "its outputs are limited to normalized address data"
/// ```
enum EvidenceParser {
    static let keys = FileFormats.evidence.keys

    /// What a recommendation's or clause's front matter and text say of their evidence: the
    /// text without markers, the entries, the paragraphs, and the date the facts are as of,
    /// derived from the newest publication (a hand-written `facts-as-of:` counts only where the
    /// file records no evidence).
    static func read(
        _ mapping: Node.Mapping, document: FrontMatterDocument, file: SourceFile, reader: YAMLReader, context: String, owner: SourceRange
    ) -> (body: String, evidence: [Evidence], paragraphs: [TextParagraph], factsAsOf: Located<CalendarDate>?) {
        let evidence = entries(in: mapping, reader: reader, owner: owner)
        let (body, paragraphs) = self.paragraphs(of: document.body, firstLine: document.bodyFirstLine, file: file)
        let written = reader.date("facts-as-of", in: mapping, context: context, at: owner)
        guard let derived = evidence.latestPublication else { return (body, evidence, paragraphs, written) }
        if let written {
            reader.add(
                .warning(
                    .factsDateWrittenByHand,
                    "'facts-as-of' is derived from the evidence, whose newest source was published \(derived.value) (\(derived.range.start)); remove this line",
                    at: written.range))
        }
        return (body, evidence, paragraphs, derived)
    }

    /// The entries of `evidence:`, each checked: a known kind, a source address, a real
    /// publication date and a passage.
    static func entries(in mapping: Node.Mapping, reader: YAMLReader, owner: SourceRange) -> [Evidence] {
        guard let node = mapping["evidence"], !reader.isNull(node) else { return [] }
        guard let entries = reader.mapping(node, expected: "evidence by id: 'inventory-dhs-2578:' with kind, source, published and passage") else { return [] }
        var found: [Evidence] = []
        for (key, value) in entries {
            guard let id = reader.string(key, field: "evidence id") else { continue }
            guard IdentifierRules.isRecommendationID(id.value) else {
                reader.add(.error(.invalidID, "evidence id '\(id.value)' must be lower-case words or numbers joined by hyphens, e.g. 'inventory-dhs-2578'", at: id.range))
                continue
            }
            guard let fields = reader.mapping(value, expected: "kind, source, published and passage") else { continue }
            reader.checkKeys(of: fields, allowed: keys, in: "an evidence entry")
            let context = "evidence entry"
            let kind = reader.string("kind", in: fields, required: true, context: context, at: id.range)
            let source = reader.string("source", in: fields, required: true, context: context, at: id.range)
            let read = reader.string("read", in: fields, required: false, context: context, at: id.range)
            let published = reader.date("published", in: fields, context: context, at: id.range)
            if fields["published"] == nil { reader.missing("published", in: context, at: id.range) }
            let passage = reader.string("passage", in: fields, required: true, context: context, at: id.range)
            guard let kind, let source, let published, let passage else { continue }
            guard let evidenceKind = EvidenceKind(rawValue: kind.value), evidenceKind != .unverified else {
                reader.add(.error(.invalidValue, "'kind' is 'primary' (the system owner's or the instrument's own text) or 'secondary' (a report about it)", at: kind.range))
                continue
            }
            var wellFormed = true
            for address in [source] + (read.map { [$0] } ?? []) where !(address.value.hasPrefix("https://") || address.value.hasPrefix("http://")) {
                reader.add(.error(.invalidValue, "'\(address.value)' is not the address of a source; write its https:// URL", at: address.range))
                wellFormed = false
            }
            if passage.value.allSatisfy(\.isWhitespace) {
                reader.add(.error(.missingField, "'passage' quotes the words of the source that support the claim", at: passage.range))
                wellFormed = false
            }
            guard wellFormed else { continue }
            found.append(Evidence(id: id, kind: evidenceKind, source: source.value, read: read?.value, published: published, passage: passage.value))
        }
        return found
    }

    /// The body with every `[^id]` marker removed, and its paragraphs (blocks between blank
    /// lines) with the markers each cites. Removing a marker shifts later columns of its line
    /// only; no line is added or removed.
    static func paragraphs(of body: String, firstLine: Int, file: SourceFile) -> (body: String, paragraphs: [TextParagraph]) {
        guard body.contains("[^") else {
            return (body, blocks(of: body.split(separator: "\n", omittingEmptySubsequences: false).map(String.init), markers: [:], firstLine: firstLine, file: file))
        }
        var lines: [String] = []
        var markers: [Int: [Located<String>]] = [:]
        for (index, line) in body.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let (kept, found) = removingMarkers(from: String(line), line: firstLine + index, file: file)
            lines.append(kept)
            if !found.isEmpty { markers[index] = found }
        }
        return (lines.joined(separator: "\n"), blocks(of: lines, markers: markers, firstLine: firstLine, file: file))
    }

    private static func blocks(of lines: [String], markers: [Int: [Located<String>]], firstLine: Int, file: SourceFile) -> [TextParagraph] {
        var paragraphs: [TextParagraph] = []
        var start: Int?
        var fenced = false
        func close(before end: Int) {
            guard let first = start else { return }
            let text = lines[first..<end].joined(separator: "\n")
            let cited = (first..<end).flatMap { markers[$0] ?? [] }
            paragraphs.append(TextParagraph(range: SourceRange(file.location(line: firstLine + first)), text: text, citedEvidence: cited))
            start = nil
        }
        for (index, line) in lines.enumerated() {
            let trimmed = line.drop { $0 == " " }
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") { fenced.toggle() }
            if line.allSatisfy(\.isWhitespace) && !fenced {
                close(before: index)
            } else if start == nil {
                start = index
            }
        }
        close(before: lines.count)
        return paragraphs
    }

    /// `[^id]` markers of one line, removed, each located at its column (in Unicode scalars).
    private static func removingMarkers(from line: String, line number: Int, file: SourceFile) -> (String, [Located<String>]) {
        var kept = ""
        var found: [Located<String>] = []
        var scalars = Substring(line).unicodeScalars[...]
        var column = 1
        while let first = scalars.first {
            if first == "[", scalars.dropFirst().first == "^" {
                let rest = scalars.dropFirst(2)
                let id = rest.prefix { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
                if !id.isEmpty, rest.dropFirst(id.count).first == "]" {
                    let length = id.count + 3
                    found.append(Located(String(String.UnicodeScalarView(id)), at: SourceRange(file.location(line: number, column: column), length: length)))
                    // A space before the marker goes with it, so "scores [^a]." reads "scores.".
                    if kept.hasSuffix(" "), let next = rest.dropFirst(id.count + 1).first, next == "." || next == "," || next == ";" || next == ":" {
                        kept.removeLast()
                    }
                    scalars = rest.dropFirst(id.count + 1)
                    column += length
                    continue
                }
            }
            kept.unicodeScalars.append(first)
            scalars = scalars.dropFirst()
            column += 1
        }
        return (kept, found)
    }
}
