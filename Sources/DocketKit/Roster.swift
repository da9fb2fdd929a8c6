import DocketLibrary
import DocketModel
import DocketSupport
import Foundation

/// Changes to a campaign's `signatories.csv` made from outside a text editor: an organization
/// accepted from the open sign-on queue, or a listing its signer corrected and the lead
/// confirmed. The file is rewritten whole, in the columns `SignatoriesParser` reads, and
/// replaced in one rename, so a reader sees the old roster or the new one, never half of one.
public enum Roster {
    /// Why a roster could not be changed: a diagnostic at the roster.
    public typealias Failure = Diagnostic

    /// The roster at `url`, or the reason it does not load.
    public static func load(_ url: URL) throws(Failure) -> [Signatory] {
        guard let data = FileManager.default.contents(atPath: url.path) else { throw .error(.unreadableFile, "cannot be read", at: .file(url.path)) }
        let (file, decodeProblems) = SourceFileReader.decode(data, path: url.lastPathComponent)
        guard let file else { throw decodeProblems.first ?? .error(.unreadableFile, "cannot be decoded", at: .file(url.path)) }
        let (signatories, problems) = SignatoriesParser.parse(file)
        if let error = problems.first(where: { $0.severity == .error }) { throw error }
        return signatories
    }

    /// Why `signatory` cannot stand in a roster, by the rules the roster's parser applies.
    public static func problems(of signatory: Signatory) -> [SignatoryValidation.Problem] {
        SignatoryValidation.problems(
            id: signatory.id, organization: signatory.organization, city: signatory.city, state: signatory.state, contactName: signatory.contactName,
            contactEmail: signatory.contactEmail, contactPhone: signatory.contactPhone)
    }

    /// Adds `signatory`, with an id made unique in the roster; returns the id used.
    public static func add(_ signatory: Signatory, to url: URL) throws(Failure) -> String {
        try refuseInvalid(signatory, in: url)
        var signatories = try load(url)
        var added = signatory
        let taken = Set(signatories.map(\.id))
        var suffix = 2
        while taken.contains(added.id) {
            added.id = "\(signatory.id)-\(suffix)"
            suffix += 1
        }
        signatories.append(added)
        try write(signatories, to: url)
        return added.id
    }

    /// Sets how `id` is listed (name, city, state), keeping its contact data.
    public static func update(_ id: String, organization: String, city: String?, state: String?, in url: URL) throws(Failure) {
        var signatories = try load(url)
        guard let index = signatories.firstIndex(where: { $0.id == id }) else {
            throw .error(.approvalUnknownSigner, "no signer '\(id)' in \(url.lastPathComponent)", at: .file(url.path))
        }
        signatories[index].organization = organization
        signatories[index].city = city
        signatories[index].state = state
        try refuseInvalid(signatories[index], in: url)
        try write(signatories, to: url)
    }

    /// The roster as CSV text, RFC 4180 quoting where a field needs it.
    public static func csv(_ signatories: [Signatory]) -> String {
        var lines = [SignatoriesParser.columns.joined(separator: ",")]
        for signer in signatories {
            let fields = [signer.id, signer.organization, signer.city, signer.state, signer.contactName, signer.contactEmail, signer.contactPhone]
            lines.append(fields.map { csvField($0 ?? "") }.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// One CSV field, quoted only where it holds a comma, a quote or a line break. Scalars,
    /// not Characters: Swift reads "\r\n" as one Character that is neither "\r" nor "\n".
    public static func csvField(_ field: String) -> String {
        guard field.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    private static func refuseInvalid(_ signatory: Signatory, in url: URL) throws(Failure) {
        let problems = problems(of: signatory)
        if let problem = problems.first { throw .error(problem.code, problems.map(\.message).joined(separator: "; "), at: .file(url.path)) }
    }

    /// Writes the roster only when its parser reads back exactly these rows with no error, so
    /// the file is never left in a state every later command would refuse.
    private static func write(_ signatories: [Signatory], to url: URL) throws(Failure) {
        let text = csv(signatories)
        let (file, decodeProblems) = SourceFileReader.decode(Data(text.utf8), path: url.lastPathComponent)
        guard let file else { throw .error(.outputNotWritten, "the roster would not load: " + decodeProblems.map(\.message).joined(separator: "; "), at: .file(url.path)) }
        let (read, problems) = SignatoriesParser.parse(file)
        if let error = problems.first(where: { $0.severity == .error }) {
            throw .error(error.code, "the roster would not load: \(error.message); nothing was changed", at: .file(url.path))
        }
        guard read.map(\.id) == signatories.map(\.id), read.map(\.organization) == signatories.map(\.organization) else {
            throw .error(.outputNotWritten, "the roster would not read back as written; nothing was changed", at: .file(url.path))
        }
        do {
            _ = try AtomicWriter.write([(url.lastPathComponent, Data(text.utf8))], into: url.deletingLastPathComponent())
        } catch {
            throw error.diagnostic
        }
    }
}
