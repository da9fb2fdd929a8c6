import DocketMarkdown
import DocketModel
import DocketSupport

/// What a clause says about its signers (`{{signers.count}}`, `{{signers.organizations}}`) is
/// known only once the version exists, and the version hashes the words: so the words carry a
/// placeholder, which is what a signer approves ("We, the ⟦number of approving organizations⟧
/// undersigned …"), and every rendering fills it from the organizations that approved that very
/// version. No count in any output can come from the roster by accident.
public enum SignerPlaceholder {
    /// Stands for the number of approving organizations.
    public static let count = "⟦number of approving organizations⟧"
    /// Stands for their names, "A, B and C".
    public static let organizations = "⟦names of approving organizations⟧"

    /// `text` with both placeholders filled for `signers`.
    public static func fill(_ text: String, signers: [Signatory]) -> String {
        guard text.containsBytes("⟦") else { return text }
        let names = MarkdownText.escape(Wording.series(signers.map(\.organization)))
        return text.replacingOccurrences(of: count, with: String(signers.count)).replacingOccurrences(of: organizations, with: names)
    }
}
