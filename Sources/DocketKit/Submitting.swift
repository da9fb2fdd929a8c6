import DocketAPI
import DocketCitations
import DocketLibrary
import DocketModel
import DocketSubmission
import DocketSupport
import Foundation

/// `docket submit`: files the package `docket package` wrote through the Regulations.gov API,
/// by GSA's documented flow: a submission key, an upload address and a `PUT` per attachment,
/// then the comment. Only a package that is exactly what was packaged, of the version its
/// signers approved, is filed, and one version is filed once.
///
/// Each filing keeps a journal in `.docket/` beside the plan. It says `uploading` until the
/// comment is about to be sent and `posting` from then on, so a run that died while uploading is
/// simply started again, and one that died after sending is never sent twice unknowingly.
public enum Submitting {
    /// A package checked and ready to file.
    public struct Prepared: Sendable {
        public var folder: URL
        public var manifest: SubmissionManifest
        public var payload: Data
        public var attachments: [(name: String, data: Data)]
        public var version: DraftVersion
        public var campaign: Campaign
    }

    /// What a filing returned, as recorded in `submissions.jsonl`.
    public struct Receipt: Codable, Sendable {
        public var version: String
        public var docket: String?
        public var trackingNumber: String
        public var at: String
    }

    /// Why a package was not filed: a diagnostic located at the plan or the package file.
    public typealias Refusal = Diagnostic

    /// Checks the package `docket package` wrote under `outputRoot` against its manifest (every
    /// file there, of the size and hash recorded) and against the plan as it is now (the same
    /// version), and that this version was not filed already (unless `again`).
    public static func prepare(
        plan: String, outputRoot: String, baseDirectory: URL, again: Bool, allowLate: Bool = false, now: Date = Pipeline.clock(), registry: AuthorityRegistry = .shared
    ) throws(Refusal) -> Prepared {
        // Composed as `docket package` composed it: at the same time and against the same
        // registry, or the version compared with the manifest could differ for no reason.
        let composition = Composition.compose(plan: plan, formats: [], now: now, baseDirectory: baseDirectory, registry: registry)
        guard let draft = composition.draft, let campaign = composition.value?.campaign else {
            throw .error(.outputNotWritten, "the plan does not compose: run 'docket check \(plan)'", at: .file(plan))
        }
        if !allowLate, let close = draft.docket?.commentsClose?.value, close < now {
            throw .error(
                .commentPeriodClosed,
                "the comment period closed \(CommentPeriod.eastern(close)); Regulations.gov takes late comments only where the agency allows them: pass --allow-late to file anyway",
                at: draft.docket?.commentsClose?.range ?? .file(plan))
        }
        let folder = campaign.outputs(under: baseDirectory.resolving(outputRoot)).submission
        let shown = { (url: URL) in Workspace.displayPath(url, base: baseDirectory) }
        guard let manifestData = FileManager.default.contents(atPath: folder.appendingPathComponent("manifest.json").path),
            let manifest = try? SubmissionManifest.decode(manifestData)
        else { throw .error(.packageOutOfDate, "\(shown(folder)) holds no package: run 'docket package \(plan)' first", at: .file(shown(folder))) }
        var attachments: [(name: String, data: Data)] = []
        var payload: Data?
        for file in manifest.files {
            // A name read back from disk is trusted only as one plain file name in the folder.
            guard PathComponent.problem(file.name) == nil, let data = FileManager.default.contents(atPath: folder.appendingPathComponent(file.name).path) else {
                throw .error(.packageOutOfDate, "\(file.name), listed in the package's manifest, is missing: package again", at: .file(shown(folder) + "/manifest.json"))
            }
            guard data.count == file.bytes, ContentHash.sha256Hex(data) == file.sha256 else {
                throw .error(
                    .packageOutOfDate, "\(file.name) changed after it was packaged (its size or SHA-256 differs from manifest.json): package again",
                    at: .file(shown(folder) + "/" + file.name))
            }
            if file.role == .attachment { attachments.append((file.name, data)) }
            if file.name == "submission.json" { payload = data }
        }
        guard let payload else {
            throw .error(.packageOutOfDate, "the package has no submission.json: a letter with no docket is delivered, not filed", at: .file(shown(folder)))
        }
        guard draft.version == manifest.version else {
            throw .error(
                .packageOutOfDate, "the package holds version \(manifest.version.short), but the plan now composes to \(draft.version.short): package again",
                at: .file(shown(folder) + "/manifest.json"))
        }
        if !again, let filed = receipts(in: campaign).first(where: { $0.version == manifest.version.description }) {
            throw .error(
                .alreadyFiled, "version \(draft.version.short) was filed at \(filed.at), tracking number \(filed.trackingNumber): pass --again to file it a second time",
                at: .file(shown(campaign.submissionsURL)))
        }
        if !again, let journal = journal(for: draft.version, in: campaign), journal.state == .posting {
            throw .error(
                .alreadyFiled,
                "an earlier run sent this version's comment (key \(journal.submissionKey)) and stopped before its answer was recorded: look for it on Regulations.gov, then pass --again only if it is not there",
                at: .file(shown(campaign.submitJournalURL(for: draft.version))))
        }
        return Prepared(folder: folder, manifest: manifest, payload: payload, attachments: attachments, version: draft.version, campaign: campaign)
    }

    /// The requests a filing makes, in order, for `--dry-run`: nothing is sent.
    public static func plannedRequests(_ prepared: Prepared, baseURL: URL, key: APIKey) -> [String] {
        var lines = ["POST \(baseURL.appendingPathComponent("submission-keys").absoluteString)  X-Api-Key: \(key)"]
        for attachment in prepared.attachments {
            lines.append(
                "POST \(baseURL.appendingPathComponent("file-upload-urls").absoluteString)  X-Api-Key: \(key)  {fileName: \(attachment.name), contentType: \(contentType(of: attachment.name))}"
            )
            lines.append("PUT <the pre-signed upload address>  \(attachment.data.count) bytes, Content-Type: \(contentType(of: attachment.name))")
        }
        lines.append("POST \(baseURL.appendingPathComponent("comments").absoluteString)  X-Api-Key: \(key)  submission.json with submissionKey and files")
        return lines
    }

    /// Files `prepared`, recording the tracking number in `submissions.jsonl` beside the plan.
    public static func submit(_ prepared: Prepared, api: RegulationsGov, now: Date, notify: @escaping @Sendable (String) -> Void) async throws(APIFailure) -> Receipt {
        let key = try await api.submissionKey()
        try record(Journal(state: .uploading, submissionKey: key), for: prepared)
        for attachment in prepared.attachments {
            let url = try await api.uploadURL(submissionKey: key, fileName: attachment.name, contentType: contentType(of: attachment.name))
            try await api.upload(attachment.data, to: url, contentType: contentType(of: attachment.name), notify: notify)
            notify("uploaded \(attachment.name)")
        }
        let body = try completed(prepared.payload, submissionKey: key, files: prepared.attachments.map(\.name))
        // From here the comment may reach the agency even if this process dies.
        try record(Journal(state: .posting, submissionKey: key), for: prepared)
        let tracking = try await api.postComment(body)
        let receipt = Receipt(version: prepared.version.description, docket: prepared.manifest.docket, trackingNumber: tracking, at: Timestamp.string(from: now))
        do {
            let line = try JSONEncoder.sorted.encode(receipt) + Data("\n".utf8)
            try AppendOnly.append(line, to: prepared.campaign.submissionsURL)
            try? FileManager.default.removeItem(at: prepared.campaign.submitJournalURL(for: prepared.version))
        } catch {
            throw APIFailure("filed, tracking number \(tracking), but it could not be recorded in submissions.jsonl: \(error); note it down")
        }
        return receipt
    }

    /// The filings recorded for the plan in `campaign`.
    public static func receipts(in campaign: Campaign) -> [Receipt] {
        guard let data = FileManager.default.contents(atPath: campaign.submissionsURL.path) else { return [] }
        return data.split(separator: 0x0A).compactMap { try? JSONDecoder().decode(Receipt.self, from: Data($0)) }
    }

    // MARK: Journal and payload

    struct Journal: Codable {
        enum State: String, Codable { case uploading, posting }
        var state: State
        var submissionKey: String
    }

    static func journal(for version: DraftVersion, in campaign: Campaign) -> Journal? {
        FileManager.default.contents(atPath: campaign.submitJournalURL(for: version).path).flatMap { try? JSONDecoder().decode(Journal.self, from: $0) }
    }

    static func record(_ journal: Journal, for prepared: Prepared) throws(APIFailure) {
        let url = prepared.campaign.submitJournalURL(for: prepared.version)
        do {
            _ = try AtomicWriter.write([(url.lastPathComponent, try JSONEncoder.sorted.encode(journal))], into: url.deletingLastPathComponent())
        } catch {
            throw APIFailure("cannot record the filing's progress in \(url.path): \(error); nothing more was sent")
        }
    }

    /// `submission.json` with the key and the uploaded files' names set.
    static func completed(_ payload: Data, submissionKey: String, files: [String]) throws(APIFailure) -> Data {
        guard var object = (try? JSONSerialization.jsonObject(with: payload)) as? [String: Any], var data = object["data"] as? [String: Any],
            var attributes = data["attributes"] as? [String: Any]
        else { throw APIFailure("submission.json is not the payload 'docket package' writes: package again") }
        attributes["submissionKey"] = submissionKey
        attributes["files"] = files
        data["attributes"] = attributes
        object["data"] = data
        do { return try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) } catch { throw APIFailure("cannot encode the comment: \(error)") }
    }

    static func contentType(of name: String) -> String {
        switch (name as NSString).pathExtension.lowercased() {
        case "pdf": "application/pdf"
        case "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        default: "application/octet-stream"
        }
    }
}

extension JSONEncoder {
    /// Keys sorted, so a record reads the same every time.
    static var sorted: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }
}
