import DocketModel
import DocketReview
import DocketSupport
import Foundation

extension ApprovalLog {
    /// The log at `url`; an absent file is an empty log.
    public static func load(_ url: URL, displayPath: String) -> ApprovalLog {
        guard let data = try? Data(contentsOf: url) else { return ApprovalLog(path: displayPath) }
        return ApprovalLog(parsing: data, path: displayPath)
    }

    /// Why a decision could not be appended: a diagnostic at the log.
    public typealias AppendError = Diagnostic

    /// Appends one line with a single write to a file opened for appending, so earlier lines
    /// are never rewritten. A file whose last line was cut short gets a line break first, so
    /// the new entry stands on its own line and the broken one stays visible. The append is all
    /// or nothing: a short write or a failed flush (a full disk) truncates the file back to its
    /// length before, and the error names the real cause.
    public static func append(_ approval: Approval, to url: URL) throws(AppendError) {
        guard let line = try? line(for: approval) else { throw .error(.outputNotWritten, "cannot encode the approval", at: .file(url.path)) }
        try AppendOnly.append(line, to: url)
    }
}

/// Logs that only grow: each entry one line, written whole or not at all.
public enum AppendOnly {
    /// Appends `line` (ending in a line break) with a single write to a file opened for
    /// appending, under an exclusive lock, flushed to disk. A file whose last line was cut short
    /// gets a line break first; a short write or a failed flush truncates the file back to its
    /// length before, and the error names the real cause.
    public static func append(_ line: Data, to url: URL) throws(ApprovalLog.AppendError) {
        var line = line
        let descriptor = open(url.path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw ApprovalLog.AppendError.error(.outputNotWritten, "\(String(cString: strerror(errno)))", at: .file(url.path)) }
        defer { close(descriptor) }
        // One appender at a time, so two signers recorded at once never interleave or both
        // truncate back.
        guard flock(descriptor, LOCK_EX) == 0 else {
            throw ApprovalLog.AppendError.error(.outputNotWritten, "cannot lock: \(String(cString: strerror(errno)))", at: .file(url.path))
        }
        defer { flock(descriptor, LOCK_UN) }
        let size = lseek(descriptor, 0, SEEK_END)
        guard size >= 0 else { throw ApprovalLog.AppendError.error(.outputNotWritten, "\(String(cString: strerror(errno)))", at: .file(url.path)) }
        if size > 0 {
            var last: UInt8 = 0
            if pread(descriptor, &last, 1, size - 1) == 1, last != 0x0A { line.insert(0x0A, at: 0) }
        }
        func undo(_ what: String, _ code: Int32) -> ApprovalLog.AppendError {
            _ = ftruncate(descriptor, size)
            _ = fsync(descriptor)
            return ApprovalLog.AppendError.error(.outputNotWritten, "\(what): \(String(cString: strerror(code))); the log is as it was", at: .file(url.path))
        }
        let written = line.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        if written != line.count {
            throw undo("the entry was not written in full", written < 0 ? errno : ENOSPC)
        }
        guard fsync(descriptor) == 0 else { throw undo("the entry could not be flushed to disk", errno) }
        guard lseek(descriptor, 0, SEEK_END) == size + off_t(line.count) else { throw undo("the log changed length unexpectedly", EIO) }
    }
}
