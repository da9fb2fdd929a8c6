import DocketModel
import DocketSupport
import Yams

/// Reads `Recommendations/*.md`.
public enum RecommendationParser {
    static let keys = FileFormats.recommendation.keys
    static let authorityKeys = FileFormats.recommendation.keys(of: "authorities")
    static let comparisonKeys = FileFormats.recommendation.keys(of: "eu")
    /// Notes that ask the author to act in the text, and so can be marked done.
    static let addressable: Set<String> = [DiagnosticCode.rescindedWithoutReplacement.rawValue]

    /// A recommendation from its file, with every problem located.
    public static func parse(_ file: SourceFile) -> (Recommendation?, [Diagnostic]) {
        let (parsed, diagnostics) = LibraryFileParser.parseFrontMatter(file, kind: "recommendation")
        guard let parsed else { return (nil, diagnostics) }
        let reader = parsed.reader
        let mapping = parsed.mapping
        let context = "recommendation"
        reader.checkKeys(of: mapping, allowed: keys, in: context)

        let id = reader.string("id", in: mapping, required: true, context: context, at: parsed.owner)
        if let id, !IdentifierRules.isRecommendationID(id.value) {
            reader.add(.error(.invalidID, "recommendation id '\(id.value)' must be lower-case words joined by hyphens, e.g. 'public-impact-assessment'", at: id.range))
        }
        let title = reader.string("title", in: mapping, required: true, context: context, at: parsed.owner)
        let summary = reader.string("summary", in: mapping, required: true, context: context, at: parsed.owner)
        let (body, evidence, paragraphs, factsAsOf) = EvidenceParser.read(mapping, document: parsed.document, file: file, reader: reader, context: context, owner: parsed.owner)
        // A recommendation written before the EU AI Act existed has nothing to compare with;
        // whether its date allows that is the citation rules' question, which know the Act's date.
        let comparisonRequired = factsAsOf == nil
        let comparison = reader.string("comparison", in: mapping, required: comparisonRequired, context: context, at: parsed.owner)
        let tags = reader.stringList("tags", in: mapping).map(\.value)
        let addressed = reader.stringList("addressed", in: mapping)
        for code in addressed where !addressable.contains(code.value) {
            reader.add(.warning(.invalidValue, "'\(code.value)' is not a note that asks for a change in the text; 'addressed' takes \(addressable.sorted().joined(separator: ", "))", at: code.range))
        }
        let systems = reader.stringList("systems", in: mapping).map { CitedAuthority(parsing: $0) }
        let authorities = citations("authorities", in: mapping, reader: reader, owner: parsed.owner)
        let eu = comparisonRequired || mapping["eu"] != nil ? euPoints(in: mapping, reader: reader, owner: parsed.owner) : []

        if parsed.document.body.allSatisfy(\.isWhitespace) {
            reader.add(.error(.emptyBody, "recommendation has no text after its front matter", at: SourceRange(file.location(line: parsed.document.bodyFirstLine - 1))))
        }
        guard let id, let title, let summary, !reader.diagnostics.hasErrors else {
            return (nil, reader.diagnostics)
        }
        let recommendation = Recommendation(
            id: id.value, title: title.value, summary: summary.value, tags: tags,
            systems: systems, authorities: authorities,
            eu: eu.map { EUComparisonPoint(authority: $0.authority, requires: $0.requires) },
            comparison: comparison?.value ?? "", body: body, source: id.range,
            bodyFirstLine: parsed.document.bodyFirstLine)
        var marked = recommendation
        marked.addressed = Set(addressed.map(\.value))
        marked.factsAsOf = factsAsOf
        marked.evidence = evidence
        marked.paragraphs = paragraphs
        return (marked, reader.diagnostics)
    }

    private static func citations(_ key: String, in mapping: Node.Mapping, reader: YAMLReader, owner: SourceRange) -> [CitedAuthority] {
        guard let sequence = reader.sequence(key, in: mapping) else {
            if mapping[key] == nil || reader.isNull(mapping[key]!) { reader.missing(key, in: "recommendation", at: owner) }
            return []
        }
        if sequence.isEmpty {
            reader.add(.error(.missingField, "'\(key)' must list at least one citation", at: reader.range(ofKey: key, in: mapping) ?? owner))
        }
        return sequence.compactMap { item in
            if item.scalar != nil {
                return reader.string(item, field: "cite").map { CitedAuthority(parsing: $0) }
            }
            guard let entry = reader.mapping(item, expected: "a citation: '- cite: OMB M-24-10 §5(c)(iv)(A)'") else { return nil }
            reader.checkKeys(of: entry, allowed: authorityKeys, in: "an authority")
            let range = reader.range(of: item)
            guard let cite = reader.string("cite", in: entry, required: true, context: "authority", at: range) else { return nil }
            let note = reader.string("note", in: entry, required: false, context: "authority", at: range)?.value
            return CitedAuthority(parsing: cite, note: note)
        }
    }

    private static func euPoints(in mapping: Node.Mapping, reader: YAMLReader, owner: SourceRange) -> [(authority: CitedAuthority, requires: String)] {
        guard let sequence = reader.sequence("eu", in: mapping) else {
            if mapping["eu"] == nil || reader.isNull(mapping["eu"]!) { reader.missing("eu", in: "recommendation (its EU AI Act comparison)", at: owner) }
            return []
        }
        if sequence.isEmpty {
            reader.add(.error(.missingField, "'eu' must list at least one EU AI Act provision to compare with", at: reader.range(ofKey: "eu", in: mapping) ?? owner))
        }
        return sequence.compactMap { item in
            guard let entry = reader.mapping(item, expected: "'- cite: EU AI Act Art. …' with 'requires: …'") else { return nil }
            reader.checkKeys(of: entry, allowed: comparisonKeys, in: "an EU comparison point")
            let range = reader.range(of: item)
            let cite = reader.string("cite", in: entry, required: true, context: "EU comparison point", at: range)
            let requires = reader.string("requires", in: entry, required: true, context: "EU comparison point", at: range)
            guard let cite, let requires else { return nil }
            return (CitedAuthority(parsing: cite), requires.value)
        }
    }
}
