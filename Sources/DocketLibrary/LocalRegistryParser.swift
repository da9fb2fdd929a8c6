import DocketCitations
import DocketModel
import DocketSupport
import Yams

/// Reads a library's own `authorities.yml`, beside its `Recommendations/`: provisions the
/// bundled registry cannot know, each with its title, status and source, held to the same
/// rules as the bundled data (canonical spelling, a known status) and to one more: it may only
/// add, never restate or override, what the bundled registry holds.
///
/// ```yaml
/// provisions:
///   91 FR 1234:
///     title: Request for comment on biometric surveillance
///     status: verified
///     source: https://www.federalregister.gov/d/2026-00001
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
            guard let fields = reader.mapping(value, expected: "title, status and source") else { continue }
            reader.checkKeys(of: fields, allowed: ["title", "status", "source"], in: "a registry entry")
            let owner = written.range
            let title = reader.string("title", in: fields, required: true, context: "registry entry", at: owner)
            let status = reader.string("status", in: fields, required: true, context: "registry entry", at: owner)
            let source = reader.string("source", in: fields, required: true, context: "registry entry", at: owner)
            guard let title, let status, let source else { continue }
            guard let verification = VerificationStatus(rawValue: status.value) else {
                reader.add(.error(.invalidValue, "'status' is 'verified' (checked against the primary text) or 'unverified'", at: status.range))
                continue
            }
            guard source.value.hasPrefix("https://") || source.value.hasPrefix("http://") else {
                reader.add(.error(.invalidValue, "'source' must be the address of the text the entry was checked against", at: source.range))
                continue
            }
            found.append(.init(citation: citation.canonical, title: title.value, status: verification, source: source.value))
        }
        return (found, reader.diagnostics)
    }
}
