/// A file `docket compose` writes: one type from the plan's `outputs:` to the renderers, so a
/// format the plan names is either written or refused at its line, never dropped.
public enum OutputFormat: String, Sendable, CaseIterable, Codable, Hashable {
    case md, html, txt, docx
}
