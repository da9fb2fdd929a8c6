import DocketCitations
import DocketModel
import DocketSupport
import Yams

/// Reads a library's own `authorities.yml`, beside its `Recommendations/`: provisions the
/// bundled registry cannot know, each with its title and the evidence read, held to the same
/// rules as the bundled data (canonical spelling, evidence with its address and passage) and to one more: it may only
/// add, never restate or override, what the bundled registry holds.
///
/// ```yaml
/// provisions:
///   91 FR 1234:
///     title: Request for comment on biometric surveillance
///     evidence: primary
///     url: https://www.federalregister.gov/d/2026-00001
///     passage: "Written comments must be received on or before March 2, 2026."
/// ```
public enum LocalRegistryParser {
    /// The file's name at a library's root.
    public static let fileName = "authorities.yml"

    /// The entries of `file`, checked against `registry`.
    public static func parse(_ file: SourceFile, registry: AuthorityRegistry) -> ([AuthorityRegistry.LocalEntry], [Diagnostic]) {
        let (root, reader) = LibraryFileParser.parseYAML(file, expected: "'provisions:' and its entries")
        guard let mapping = root else { return ([], reader.diagnostics) }
        reader.checkKeys(of: mapping, allowed: ["provisions"], in: "a library's registry")
        guard let provisions = mapping["provisions"] else { return ([], reader.diagnostics) }
        guard let entries = reader.mapping(provisions, expected: "provisions by citation") else { return ([], reader.diagnostics) }
        var found: [AuthorityRegistry.LocalEntry] = []
        for (key, value) in entries {
            guard let written = reader.string(key, field: "citation") else { continue }
            guard case .success(let citation) = CitationParser.parse(written.value) else {
                reader.add(.error(.malformedCitation, "'\(written.value)' is not a citation DocketKit reads", at: written.range))
                continue
            }
            guard citation.canonical == written.value else {
                reader.add(.error(.nonCanonicalCitation, "write '\(written.value)' as '\(citation.canonical)', as citations are looked up", at: written.range, fixIt: citation.canonical))
                continue
            }
            if registry.lists(citation.canonical) {
                reader.add(.error(.duplicateID, "'\(citation.canonical)' is already in the bundled registry; a library may add entries, not restate them", at: written.range))
                continue
            }
            guard let fields = reader.mapping(value, expected: "title, evidence, url and passage") else { continue }
            reader.checkKeys(of: fields, allowed: ["title", "evidence", "url", "passage", "status", "source"], in: "a registry entry")
            let owner = written.range
            guard let title = reader.string("title", in: fields, required: true, context: "registry entry", at: owner) else { continue }
            guard let evidence = evidence(in: fields, reader: reader, owner: owner) else { continue }
            found.append(.init(citation: citation.canonical, title: title.value, evidence: evidence))
        }
        return (found, reader.diagnostics)
    }

    /// `evidence:` with its `url:` and `passage:`; an entry in the earlier form (`status:` and
    /// `source:`) still loads, as unverified, since it records no passage that was read.
    private static func evidence(in fields: Node.Mapping, reader: YAMLReader, owner: SourceRange) -> RegistryEvidence? {
        if fields["evidence"] == nil, let status = reader.string("status", in: fields, required: false, context: "registry entry", at: owner) {
            reader.add(
                .warning(
                    .invalidValue,
                    "'status' is replaced by 'evidence: primary', 'secondary' or 'unverified', with the 'url' of the text read and the 'passage' that supports the entry; without a passage this entry counts as unverified",
                    at: status.range))
            return RegistryEvidence(kind: .unverified, url: reader.string("source", in: fields, required: false, context: "registry entry", at: owner)?.value, passage: nil)
        }
        guard let kind = reader.string("evidence", in: fields, required: true, context: "registry entry", at: owner) else { return nil }
        guard let evidenceKind = EvidenceKind(rawValue: kind.value) else {
            reader.add(.error(.invalidValue, "'evidence' is 'primary' (the text itself was read), 'secondary' (an account of it) or 'unverified'", at: kind.range))
            return nil
        }
        let url = reader.string("url", in: fields, required: false, context: "registry entry", at: owner)
        let passage = reader.string("passage", in: fields, required: false, context: "registry entry", at: owner)
        let evidence = RegistryEvidence(kind: evidenceKind, url: url?.value, passage: passage?.value)
        if let problem = evidence.problem {
            reader.add(.error(.missingField, problem, at: kind.range))
            return nil
        }
        return evidence
    }
}
