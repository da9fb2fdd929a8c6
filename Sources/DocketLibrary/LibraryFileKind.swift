import DocketModel
import DocketSupport
import Foundation

/// What a file on disk is, decided by where it lives and what it is called.
public enum LibraryFileKind: String, Sendable, CaseIterable {
    case recommendation
    case clause
    case documentTemplate = "document-template"
    case docket
    case plan
    case signatories
    /// A library's own registry entries, `authorities.yml` beside its `Recommendations/`.
    case registry

    /// Classifies by convention: `Recommendations/**.md`, `Templates/clauses/**.md`,
    /// `Templates/**.md`, `docket.yml`, `plan.yml` (or `NAME.plan.yml`), `signatories.csv`.
    public static func classify(_ url: URL) -> LibraryFileKind? {
        let name = url.lastPathComponent
        switch name {
        case "docket.yml", "docket.yaml": return .docket
        case "plan.yml", "plan.yaml": return .plan
        case "signatories.csv": return .signatories
        case LocalRegistryParser.fileName: return .registry
        default: break
        }
        if name.hasSuffix(".plan.yml") || name.hasSuffix(".plan.yaml") { return .plan }
        guard name.hasSuffix(".md"), url.pathExtension == "md" else { return nil }
        // The path's own components: this runs for every file of a library walked.
        let folders = url.path.split(separator: "/").dropLast()
        guard let library = folders.lastIndex(where: { $0 == "Recommendations" || $0 == "Templates" }) else { return nil }
        if folders[library] == "Recommendations" { return .recommendation }
        return folders[(library + 1)...].contains("clauses") ? .clause : .documentTemplate
    }

    /// For a file named explicitly but outside the naming conventions: CSV is a signatory list,
    /// YAML with `sections:` a plan and other YAML a docket; Markdown that declares authorities
    /// a recommendation, other Markdown a clause.
    public static func sniff(_ file: SourceFile, url: URL) -> LibraryFileKind? {
        let topLevelKeys = { (text: String) in
            Set(
                text.split(separator: "\n").compactMap { line -> Substring? in
                    guard let first = line.first, first.isLetter, let colon = line.firstIndex(of: ":") else { return nil }
                    return line[..<colon]
                })
        }
        switch url.pathExtension.lowercased() {
        case "csv": return .signatories
        case "yml", "yaml": return topLevelKeys(file.text).contains("sections") ? .plan : .docket
        case "md":
            guard let frontMatter = FrontMatterDocument.split(file).0 else { return .clause }
            return topLevelKeys(frontMatter.yaml).contains("authorities") ? .recommendation : .clause
        default: return nil
        }
    }

    /// The extensions of a file named on the command line whose kind is read from its content.
    public static let sniffableExtensions: Set<String> = ["md", "yml", "yaml", "csv"]
}
