import DocketCitations
import DocketCompose
import DocketModel
import DocketSupport

/// One plan composed for many supporters: each draft is the plan with some of its variables
/// (a supporter's name, city, story) set to that supporter's values.
///
/// The plan is composed once as written; every personalized draft then renders again only the
/// clauses that read a changed value, and the Markdown sections that changed. Recommendations,
/// generated parts and clauses that read no changed value are taken from the first composition.
/// Each draft is byte for byte the draft `Draft(composing:)` makes of the same values.
public struct PersonalizedDrafts: Sendable {
    /// The plan composed with the values it was written with.
    public let base: Draft
    private let registry: AuthorityRegistry

    /// Composes `input` as written; its problems go into `diagnostics`.
    public init(_ input: PlanInput, approvals: ApprovalLog? = nil, registry: AuthorityRegistry = .shared, diagnostics: inout DiagnosticCollector) {
        base = Draft(composing: input, approvals: approvals, registry: registry, diagnostics: &diagnostics)
        self.registry = registry
    }

    /// The plan with each of `values` in place of the plan's variable of that name (added when
    /// the plan has none), every other variable as written.
    public func input(setting values: [PlanVariable]) -> PlanInput {
        var input = base.input
        for value in values {
            if let index = input.plan.variables.firstIndex(where: { $0.name == value.name }) {
                input.plan.variables[index] = value
            } else {
                input.plan.variables.append(value)
            }
        }
        return input
    }

    /// The draft for one supporter: the plan with `values` set. Its problems (a value of the
    /// wrong type, say) go into `diagnostics`.
    public func draft(setting values: [PlanVariable], diagnostics: inout DiagnosticCollector) -> Draft {
        let input = input(setting: values)
        let composed = Composer(input, registry: registry, reusing: base.memo).compose(into: &diagnostics)
        return Draft(composed, input: input, approvals: base.approvals, reusing: base, diagnostics: &diagnostics)
    }
}
