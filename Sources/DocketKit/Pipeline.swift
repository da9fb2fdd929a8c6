import DocketCitations
import DocketLibrary
import DocketModel
import DocketRender
import DocketSupport
import Foundation

/// The one pipeline every command runs: load → check → compose → render → public-text check →
/// write, built once with the registry every rule judges by, the time every rule and stamp
/// takes as now, the folder paths are relative to, and the severity policy that says what the
/// command treats as an error. The workflows (`check`, `compose`, `package`, `submit`, `sign`,
/// `review`) are its methods; the CLI and the review server build one and call them.
public struct Pipeline: Sendable {
    public var registry: AuthorityRegistry
    /// What every stage takes as now: the comment period, the document's date, every stamp.
    public var now: Date
    /// The folder display paths are relative to.
    public var baseDirectory: URL
    /// What the command escalates; `.review` for `check` and `compose`.
    public var policy: SeverityPolicy
    /// How rendered files name their version: a draft's label, or what is filed.
    public var stamp: VersionStamp = .draft

    public init(
        registry: AuthorityRegistry = .shared, now: Date = Pipeline.clock(), baseDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
        policy: SeverityPolicy = .review
    ) {
        self.registry = registry
        self.now = now
        self.baseDirectory = baseDirectory
        self.policy = policy
    }

    /// `SOURCE_DATE_EPOCH` when set (seconds since 1970, the reproducible-builds convention),
    /// so a run can be repeated byte for byte; else the system clock. The one place DocketKit
    /// reads the clock.
    public static func clock(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> Date {
        environment["SOURCE_DATE_EPOCH"].flatMap(TimeInterval.init).map(Date.init(timeIntervalSince1970:)) ?? Date()
    }

    /// This pipeline judging by `policy`.
    public func judging(by policy: SeverityPolicy) -> Pipeline {
        var copy = self
        copy.policy = policy
        return copy
    }

    // MARK: The workflows, named after their commands

    /// `docket check`: every file under `paths`, every rule, every plan composed.
    public func check(_ paths: [String]) -> CheckReport {
        Checker.check(paths: paths, now: now, baseDirectory: baseDirectory, registry: registry)
    }

    /// `docket compose`: one plan, rendered in `formats` (nil: the plan's `outputs`).
    public func compose(plan: String, formats: [OutputFormat]? = nil) -> Outcome<Composition.Result> {
        Composition.compose(plan: plan, formats: formats, now: now, baseDirectory: baseDirectory, registry: registry, stamp: stamp)
    }

    /// `docket compose --each`: one draft per supporter.
    public func composeEach(plan: String, supporters: String) -> Outcome<Composition.PersonalizedResult> {
        Composition.composeEach(plan: plan, supporters: supporters, now: now, baseDirectory: baseDirectory, registry: registry)
    }

    /// `docket package`: the submission package, judged by the filing policy (a closed comment
    /// period is an error unless `options.allowLate`).
    public func package(plan: String, options: Filing.Options) -> Outcome<Filing.Package> {
        Filing.package(plan: plan, options: options, pipeline: judging(by: CommentPeriod.filingPolicy(allowLate: options.allowLate)))
    }

    /// `docket submit`: the package checked against its manifest and the plan as it is now.
    public func prepareSubmission(plan: String, outputRoot: String, again: Bool, allowLate: Bool) throws(Submitting.Refusal) -> Submitting.Prepared {
        try Submitting.prepare(plan: plan, outputRoot: outputRoot, baseDirectory: baseDirectory, again: again, allowLate: allowLate, now: now, registry: registry)
    }

    /// `docket sign`, `signers`, `diff` and `review`: the plan composed for review.
    public func signOff(plan: String) throws(SignOff.Failure) -> SignOff {
        try SignOff(plan: plan, pipeline: self)
    }
}
