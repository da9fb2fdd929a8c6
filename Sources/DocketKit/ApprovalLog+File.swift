import Foundation

extension ApprovalLog {
    /// The log beside a signatories file.
    public static func url(besideSignatories signatories: URL) -> URL {
        signatories.deletingLastPathComponent().appendingPathComponent(fileName)
    }

    /// The log at `url`; an absent file is an empty log.
    public static func load(_ url: URL, displayPath: String) -> ApprovalLog {
        guard let data = try? Data(contentsOf: url) else { return ApprovalLog(path: displayPath) }
        return ApprovalLog(parsing: data, path: displayPath)
    }

    /// Why a decision could not be appended.
    public struct AppendError: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    /// Appends one line with a single write to a file opened for appending, so earlier lines
    /// are never rewritten. A file whose last line was cut short gets a line break first, so
    /// the new entry stands on its own line and the broken one stays visible.
    public static func append(_ approval: Approval, to url: URL) throws(AppendError) {
        guard var line = try? line(for: approval) else { throw AppendError(description: "cannot encode the approval") }
        let descriptor = open(url.path, O_WRONLY | O_APPEND | O_CREAT, 0o644)
        guard descriptor >= 0 else { throw AppendError(description: "\(url.path): \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        let size = lseek(descriptor, 0, SEEK_END)
        if size > 0 {
            var last: UInt8 = 0
            let reader = open(url.path, O_RDONLY)
            if reader >= 0 {
                _ = pread(reader, &last, 1, size - 1)
                close(reader)
            }
            if last != 0x0A { line.insert(0x0A, at: 0) }
        }
        let written = line.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == line.count, fsync(descriptor) == 0 else {
            throw AppendError(description: "\(url.path): the entry was not written in full: \(String(cString: strerror(errno)))")
        }
    }
}
