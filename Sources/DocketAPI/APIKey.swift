import DocketSupport
import Foundation

/// A Regulations.gov API key. It is sent in `X-Api-Key` and nowhere else: its description is
/// masked, so no message, log line or stored file can carry it by accident.
public struct APIKey: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    let value: String

    /// A key as read from `REGULATIONS_GOV_API_KEY` or a key file; nil when empty.
    public init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return nil }
        value = trimmed
    }

    public var description: String { "****" + String(value.suffix(min(4, value.count / 4))) }
    public var debugDescription: String { description }

    /// Replaces every occurrence of the key in `text` with its masked form.
    public func mask(_ text: String) -> String { text.replacingOccurrences(of: value, with: description) }
}

/// A failure talking to an API, as one sentence a coalition lead can act on.
public struct APIFailure: Error, CustomStringConvertible, Sendable {
    public var description: String
    /// The HTTP status, when the service answered.
    public var status: Int?

    public init(_ description: String, status: Int? = nil) {
        self.description = description
        self.status = status
    }

    /// The failure as the diagnostic a command prints, located at what was being done
    /// (`docket.yml`, a package folder); mask the key in it before printing.
    public func diagnostic(at range: SourceRange) -> Diagnostic {
        .error(.apiFailure, description, at: range)
    }
}
