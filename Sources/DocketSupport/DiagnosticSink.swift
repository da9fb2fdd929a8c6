/// Where a stage reports what it finds. `DiagnosticCollector` keeps them; `EscalatingSink`
/// changes their severity on the way, as a command's policy says.
public protocol DiagnosticSink {
    mutating func emit(_ diagnostic: Diagnostic)
}

extension DiagnosticSink {
    /// Reports several problems in order.
    public mutating func emit(contentsOf diagnostics: some Sequence<Diagnostic>) {
        for diagnostic in diagnostics { emit(diagnostic) }
    }
}

extension DiagnosticCollector: DiagnosticSink {}

/// How a command judges what the rules report: `docket check` reviews text that may be reused
/// and reports each problem at its code's severity; `docket package` and `docket submit`
/// prepare a filing, so some warnings become errors there, with what the lead may do about it.
public struct SeverityPolicy: Sendable, Hashable {
    /// A code reported more strictly, and the sentence that says how to proceed anyway.
    public struct Escalation: Sendable, Hashable {
        /// The severity the code is reported with instead.
        public var severity: Diagnostic.Severity
        /// How to go on anyway (a flag to pass), appended to the message.
        public var hint: String?

        /// Reports a code at `severity`, with `hint` saying how to proceed.
        public init(to severity: Diagnostic.Severity, hint: String? = nil) {
            self.severity = severity
            self.hint = hint
        }
    }

    /// The codes reported more strictly, each with its escalation.
    public var escalations: [DiagnosticCode: Escalation]

    /// A policy that raises each code in `escalations`.
    public init(escalations: [DiagnosticCode: Escalation] = [:]) {
        self.escalations = escalations
    }

    /// Every problem at its code's severity.
    public static let review = SeverityPolicy()

    /// `diagnostic` as this policy judges it.
    public func apply(_ diagnostic: Diagnostic) -> Diagnostic {
        guard let escalation = escalations[diagnostic.code], escalation.severity < diagnostic.severity else { return diagnostic }
        var raised = diagnostic
        raised.severity = escalation.severity
        if let hint = escalation.hint { raised.message += "; \(hint)" }
        return raised
    }
}

/// A sink that applies a `SeverityPolicy` to everything passing through to `base`: escalation
/// as a decorator, so no stage removes and re-emits another's findings.
public struct EscalatingSink<Base: DiagnosticSink>: DiagnosticSink {
    /// The sink the escalated diagnostics go to.
    public var base: Base
    /// Which codes are escalated, and to what.
    public let policy: SeverityPolicy

    /// Emits into `base`, each diagnostic first escalated by `policy`.
    public init(_ base: Base, policy: SeverityPolicy) {
        self.base = base
        self.policy = policy
    }

    /// Emits `diagnostic` into the base sink, at the severity the policy gives it.
    public mutating func emit(_ diagnostic: Diagnostic) {
        base.emit(policy.apply(diagnostic))
    }
}
