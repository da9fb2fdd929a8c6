import DocketModel
import DocketReview
import DocketSupport
import Foundation

/// What a write stage put on disk, for a command to report.
public struct WrittenFiles: Sendable {
    /// Each file written, in order, with its size.
    public var files: [(url: URL, bytes: Int)]
    /// The folder the draft's version was stored in, when it was new there.
    public var storedVersionIn: URL?
    /// Why the version was not stored; the files themselves were written.
    public var versionNotStored: Diagnostic?
}

extension Pipeline {
    /// The last stage of `compose`: the rendered files into `<root>/<plan>/`, all or nothing,
    /// and the version stored, so signers' approvals can be compared with it later.
    public func write(_ composed: Composition.Result, under root: URL) throws(Diagnostic) -> WrittenFiles {
        let urls: [URL]
        do { urls = try AtomicWriter.write(composed.rendered.map { ($0.name, $0.data) }, into: composed.campaign.outputs(under: root).folder) } catch { throw error.diagnostic }
        return storing(composed.draft, of: composed.campaign, after: zip(urls, composed.rendered.map(\.data.count)).map { ($0, $1) })
    }

    /// The last stage of `compose --each`: `<root>/<plan>/each/` replaced whole, so a supporter
    /// taken off the list leaves no draft behind.
    public func write(_ personalized: Composition.PersonalizedResult, under root: URL) throws(Diagnostic) -> WrittenFiles {
        let urls: [URL]
        do {
            urls = try AtomicWriter.replaceFolder(personalized.rendered.map { ($0.name, $0.data) }, at: personalized.campaign.outputs(under: root).each)
        } catch { throw error.diagnostic }
        return WrittenFiles(files: zip(urls, personalized.rendered.map(\.data.count)).map { ($0, $1) })
    }

    /// The last stage of `package`: the package folder swapped in whole (a stale attachment
    /// from an earlier package cannot linger), and the packaged version stored.
    public func write(_ package: Filing.Package) throws(Diagnostic) -> WrittenFiles {
        let urls: [URL]
        do { urls = try Filing.write(package.files, into: baseDirectory.resolving(package.folder)) } catch { throw error.diagnostic }
        return storing(package.draft, of: package.campaign, after: zip(urls, package.files.map(\.data.count)).map { ($0, $1) })
    }

    /// `docket review`: one signer's packet into `<root>/<plan>/review/<signer>/`, replaced whole.
    public func writePacket(_ files: [(name: String, data: Data)], for signer: String, of signOff: SignOff, under root: URL) throws(Diagnostic) -> WrittenFiles {
        let urls: [URL]
        do { urls = try AtomicWriter.replaceFolder(files, at: signOff.campaign.outputs(under: root).review(for: signer)) } catch { throw error.diagnostic }
        return WrittenFiles(files: zip(urls, files.map(\.data.count)).map { ($0, $1) })
    }

    private func storing(_ draft: Draft, of campaign: Campaign, after files: [(URL, Int)]) -> WrittenFiles {
        var written = WrittenFiles(files: files)
        do {
            if try campaign.versions.store(draft, at: now) { written.storedVersionIn = campaign.versionsFolder }
        } catch {
            written.versionNotStored = .warning(.outputNotWritten, "the version was not stored: \(error.reason)", at: .file(error.path))
        }
        return written
    }
}

extension SignOff {
    /// `docket diff --html FILE --docx FILE`: the redline between two versions written as a
    /// standalone page and as Word tracked changes stamped with the pipeline's time.
    public func writeRedline(_ redline: Redline, from old: DraftVersion, to new: DraftVersion, html: URL?, docx: URL?) throws(Diagnostic) -> WrittenFiles {
        let title = draft.document.header.title
        var files: [(URL, Data)] = []
        if let html { files.append((html, Data(RedlineRenderer.html(redline, title: title, from: old.description, to: new.description).utf8))) }
        if let docx {
            do {
                files.append((docx, try RedlineRenderer.docx(redline, title: title, author: author, date: pipeline.now, version: new)))
            } catch {
                throw .error(.outputNotWritten, "cannot build the DOCX: \(error)", at: .file(docx.path))
            }
        }
        var written = WrittenFiles(files: [])
        for (url, data) in files {
            do { try AtomicWriter.write([(url.lastPathComponent, data)], into: url.deletingLastPathComponent()) } catch { throw error.diagnostic }
            written.files.append((url, data.count))
        }
        return written
    }
}
