import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// How every request DocketKit makes is bounded. One session for all of them: a connection and
/// its first byte within `idle`, no pause between bytes longer than that, the whole response
/// within `deadline`, at most `largestBody` bytes, and redirects only within the origin asked
/// for, so a key sent to the host the user named never reaches another.
public enum Network {
    /// Seconds to connect and to receive each next byte.
    public static let idle: TimeInterval = 30
    /// Seconds for a whole request, body included; `--timeout` on `docket fetch` and `docket
    /// comments pull` sets it.
    public static let defaultDeadline: TimeInterval = 120
    /// The longest `--timeout` takes. The session's own limit on a whole request is this, not
    /// the default, so a longer `--timeout` is not cut short; each request's own deadline is
    /// kept by `within` or `bounded`.
    public static let longestDeadline: TimeInterval = 3600
    /// The largest response read into memory: a page of Regulations.gov's JSON is well under a
    /// megabyte, a Federal Register notice's full text a few.
    public static let largestBody = 32 * 1024 * 1024

    /// The session requests with the API key go through: ephemeral (no cookies, no cache on
    /// disk), `idle` per byte, and redirects followed only to the same scheme, host and port.
    public static let keyed = URLSession(configuration: configuration, delegate: SameOriginRedirects(), delegateQueue: nil)

    /// The session for public files (attachments, the Federal Register), which carry no key:
    /// the same limits, and redirects followed, as file hosts use them.
    public static let open = URLSession(configuration: configuration)

    private static var configuration: URLSessionConfiguration {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = idle
        configuration.timeoutIntervalForResource = longestDeadline
        configuration.httpCookieStorage = nil
        configuration.urlCache = nil
        return configuration
    }

    /// Refuses a redirect to another origin: the 3xx comes back to the caller, who says so.
    final class SameOriginRedirects: NSObject, URLSessionTaskDelegate, @unchecked Sendable {
        func urlSession(
            _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse, newRequest request: URLRequest,
            completionHandler: @escaping (URLRequest?) -> Void
        ) {
            let from = task.originalRequest?.url
            let to = request.url
            completionHandler(Network.sameOrigin(from, to) ? request : nil)
        }
    }

    static func sameOrigin(_ a: URL?, _ b: URL?) -> Bool {
        guard let a, let b else { return false }
        func port(_ url: URL) -> Int? { url.port ?? (url.scheme == "https" ? 443 : url.scheme == "http" ? 80 : nil) }
        return a.scheme?.lowercased() == b.scheme?.lowercased() && a.host?.lowercased() == b.host?.lowercased() && port(a) == port(b)
    }

    /// The operation's result, or `DeadlinePassed` once `seconds` have gone by, whichever comes
    /// first. The operation is cancelled at the deadline, and the caller does not wait for it
    /// to notice.
    public static func within<T: Sendable>(_ seconds: TimeInterval, _ operation: @escaping @Sendable () async throws -> T) async throws -> T {
        let gate = Gate<T>()
        return try await withCheckedThrowingContinuation { continuation in
            gate.set(continuation)
            let work = Task {
                do { gate.finish(.success(try await operation())) } catch { gate.finish(.failure(error)) }
            }
            Task {
                try? await Task.sleep(nanoseconds: UInt64(max(0, seconds) * 1e9))
                if gate.finish(.failure(DeadlinePassed(seconds: seconds))) { work.cancel() }
            }
        }
    }

    /// The operation's result, or `DeadlinePassed` once `seconds` have gone by; the operation is
    /// cancelled then, and this returns when it has stopped (URLSession's tasks stop when
    /// cancelled), so the operation may use what it was lent.
    public static func bounded<T: Sendable>(_ seconds: TimeInterval, _ operation: @Sendable () async throws -> T) async throws -> T {
        try await withoutActuallyEscaping(operation) { operation in
            try await withThrowingTaskGroup(of: T?.self) { group in
                group.addTask { try await operation() }
                group.addTask {
                    try await Task.sleep(nanoseconds: UInt64(max(0, seconds) * 1e9))
                    return nil
                }
                defer { group.cancelAll() }
                guard let first = try await group.next(), let value = first else { throw DeadlinePassed(seconds: seconds) }
                return value
            }
        }
    }

    /// A request that did not finish within its deadline.
    public struct DeadlinePassed: Error, Sendable {
        public var seconds: TimeInterval
    }

    /// Resumes a continuation once, from whichever side finishes first.
    final class Gate<T: Sendable>: @unchecked Sendable {
        private let lock = NSLock()
        private var continuation: CheckedContinuation<T, Error>?
        private var result: Result<T, Error>?

        func set(_ continuation: CheckedContinuation<T, Error>) {
            lock.lock()
            if let result {
                lock.unlock()
                continuation.resume(with: result)
                return
            }
            self.continuation = continuation
            lock.unlock()
        }

        /// Whether this call was the one that finished it.
        @discardableResult
        func finish(_ outcome: Result<T, Error>) -> Bool {
            lock.lock()
            guard result == nil else {
                lock.unlock()
                return false
            }
            result = outcome
            let waiting = continuation
            continuation = nil
            lock.unlock()
            waiting?.resume(with: outcome)
            return true
        }
    }

    /// Seconds a `Retry-After` asks for: delay-seconds (digits only) or an HTTP-date (RFC 9110
    /// §10.2.3). Anything else, a negative number, NaN or an overflow among them, is as if the
    /// header were absent.
    public static func retryAfter(_ value: String?, now: Date = Date()) -> TimeInterval? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        if value.allSatisfy({ $0.isASCII && $0.isNumber }) {
            return value.count <= 9 ? TimeInterval(Int(value)!) : nil
        }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: value) else { return nil }
        return max(0, date.timeIntervalSince(now))
    }
}
