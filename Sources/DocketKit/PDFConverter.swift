import DocketSupport
import Foundation

/// Converts a DOCX to a tagged PDF with LibreOffice, when it is installed. Regulations.gov
/// prefers PDF attachments; LibreOffice's export keeps the headings, lists and tables of the
/// DOCX as PDF structure tags, so screen readers can navigate the comment.
public struct PDFConverter: Sendable {
    public var executable: URL

    /// Why no PDF came out, in LibreOffice's own words where it gave any: a warning, since the
    /// package then attaches the DOCX.
    public typealias Failure = Diagnostic

    /// `soffice` (or `libreoffice`) on the PATH; nil when neither is installed.
    public static func find(environment: [String: String] = ProcessInfo.processInfo.environment) -> PDFConverter? {
        let folders = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
        for name in ["soffice", "libreoffice"] {
            for folder in folders {
                let candidate = URL(fileURLWithPath: folder).appendingPathComponent(name)
                if FileManager.default.isExecutableFile(atPath: candidate.path) { return PDFConverter(executable: candidate) }
            }
        }
        return nil
    }

    /// A converter running `executable` (`soffice`).
    public init(executable: URL) {
        self.executable = executable
    }

    /// The export filter's options: tagged PDF and PDF/UA structure. The document title comes
    /// from the DOCX's core properties, which the DOCX renderer sets.
    static let filter = #"pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"},"PDFUACompliance":{"type":"boolean","value":"true"}}"#

    /// Converts in a private scratch folder with a private LibreOffice profile, so a running
    /// LibreOffice or a second conversion cannot interfere.
    public func convert(docx: Data, name: String, timeout: TimeInterval = 180) throws(Failure) -> Data {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("docket-pdf-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let input = scratch.appendingPathComponent(name + ".docx")
        let output = scratch.appendingPathComponent("pdf")
        do {
            try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
            try docx.write(to: input)
        } catch {
            throw .warning(.pdfNotConverted, "cannot prepare the conversion: \(error.localizedDescription)", at: .file(name + ".pdf"))
        }
        let process = Process()
        process.executableURL = executable
        process.arguments = [
            "-env:UserInstallation=\(scratch.appendingPathComponent("profile").absoluteString)", "--headless", "--norestore", "--convert-to", Self.filter, "--outdir", output.path,
            input.path,
        ]
        let log = Pipe()
        process.standardOutput = log
        process.standardError = log
        do {
            try process.run()
        } catch {
            throw .warning(.pdfNotConverted, "cannot run \(executable.path): \(error.localizedDescription)", at: .file(name + ".pdf"))
        }
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(50_000) }
        if process.isRunning {
            process.terminate()
            throw .warning(.pdfNotConverted, "\(executable.lastPathComponent) did not finish within \(Int(timeout)) s", at: .file(name + ".pdf"))
        }
        let pdf = output.appendingPathComponent(name + ".pdf")
        guard process.terminationStatus == 0, let data = try? Data(contentsOf: pdf), data.starts(with: Array("%PDF".utf8)) else {
            let said = String(decoding: log.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw .warning(
                .pdfNotConverted, "\(executable.lastPathComponent) exited with status \(process.terminationStatus) and no PDF: \(said.suffix(300))", at: .file(name + ".pdf"))
        }
        return data
    }

    /// The text of a PDF as `pdftotext` (poppler) reads it, or nil when it is not installed:
    /// what a reader copying from the filed PDF would get.
    public static func text(ofPDF pdf: Data, environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        let folders = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
        guard let tool = folders.map({ URL(fileURLWithPath: $0).appendingPathComponent("pdftotext") }).first(where: { FileManager.default.isExecutableFile(atPath: $0.path) })
        else { return nil }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("docket-pdftext-\(UUID().uuidString).pdf")
        defer { try? FileManager.default.removeItem(at: scratch) }
        guard (try? pdf.write(to: scratch)) != nil else { return nil }
        let process = Process()
        process.executableURL = tool
        process.arguments = ["-enc", "UTF-8", scratch.path, "-"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let text = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return process.terminationStatus == 0 ? String(decoding: text, as: UTF8.self) : nil
    }
}
