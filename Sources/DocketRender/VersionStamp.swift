import DocketModel

/// How an output names its version. Drafts under review say "Draft version" and the full hash;
/// what is filed says "Version" with the short hash and the docket ID, and nothing on it reads
/// like a draft.
public enum VersionStamp: Sendable, Hashable {
    case draft
    case filed

    /// The label and the value, e.g. ("Draft version", "sha256:…") or ("Version",
    /// "8bca222d1872 · Docket OMB-2023-0020").
    public func words(_ version: DraftVersion, docketID: String?) -> (label: String, value: String) {
        switch self {
        case .draft: ("Draft version", version.description)
        case .filed: ("Version", version.short + (docketID.map { " · Docket \($0)" } ?? ""))
        }
    }

    /// The words for the page footer: short in both cases, since every page carries them.
    public func footer(_ version: DraftVersion, docketID: String?) -> String {
        switch self {
        case .draft: "Draft version \(version.short)" + (docketID.map { " · \($0)" } ?? "")
        case .filed: "Version \(version.short)" + (docketID.map { " · Docket \($0)" } ?? "")
        }
    }
}
