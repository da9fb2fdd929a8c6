import DocketKit
import DocketSupport
import Foundation

/// The lead's token for `docket serve`: from `--lead-token-file`, else `DOCKET_LEAD_TOKEN`,
/// else the one kept in the campaign's private folder, made on first use (readable by its
/// owner only). The token itself is never printed.
public enum LeadToken {
    /// The token, and the file it was newly written to, if it was made now.
    public static func resolve(
        file: String?, environment: [String: String] = ProcessInfo.processInfo.environment, campaign: Campaign
    ) throws(Diagnostic) -> (token: String, createdIn: URL?) {
        if let file {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8), !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                throw .error(.unreadableFile, "cannot be read, or holds no token", at: .file(file))
            }
            return (text.trimmingCharacters(in: .whitespacesAndNewlines), nil)
        }
        if let token = environment["DOCKET_LEAD_TOKEN"], !token.isEmpty { return (token, nil) }
        let url = campaign.leadTokenURL
        if let text = try? String(contentsOf: url, encoding: .utf8), !text.isEmpty { return (text.trimmingCharacters(in: .whitespacesAndNewlines), nil) }
        let token = Secret.random()
        do { try campaign.createPrivateFolder() } catch {
            throw .error(.outputNotWritten, "cannot create the folder: \(error.localizedDescription)", at: .file(campaign.privateFolder.path))
        }
        guard FileManager.default.createFile(atPath: url.path, contents: Data((token + "\n").utf8), attributes: [.posixPermissions: 0o600]) else {
            throw .error(.outputNotWritten, "cannot be written", at: .file(url.path))
        }
        return (token, url)
    }
}
