import DocketLibrary
import DocketMarkdown
import DocketModel
import DocketSupport
import Foundation

/// Checks that a plan can be composed: every clause, recommendation, file, variable and
/// question it names exists and fits.
public enum PlanRules {
    /// Reports every clause, recommendation, variable and question the plan names that does not
    /// exist or does not fit. Whether its files exist is the loader's question, not this one's.
    /// `searched` names the library folders looked in, for the messages of what is not found.
    public static func check(_ plan: Plan, docket: Docket?, index: LibraryIndex, searched: [String] = [], into collector: inout DiagnosticCollector) {
        let structure = checkStructure(plan, docket: docket, index: index, searched: searched)
        collector.emit(contentsOf: structure.diagnostics)
        var diagnostics: [Diagnostic] = []
        checkVariables(plan, clauses: structure.clauses, into: &diagnostics)
        collector.emit(contentsOf: diagnostics)
    }

    /// What the plan names besides its variable values: what `check` finds that another value
    /// for a variable cannot change, and the clauses (included ones too) whose variables the
    /// plan must give.
    static func checkStructure(_ plan: Plan, docket: Docket?, index: LibraryIndex, searched: [String]) -> (diagnostics: [Diagnostic], clauses: [(ClauseReference, Clause)]) {
        let whereLooked = searched.isEmpty ? "" : " (looked in " + Wording.series(searched.map { "'\($0)'" }) + ")"
        var diagnostics: [Diagnostic] = []
        if let template = plan.template {
            if let clause = index.clause(template.value), clause.role != .document {
                diagnostics.append(.error(.unknownClause, "'\(template.value)' is a clause, not a document template", at: template.range))
            } else if index.clause(template.value) == nil {
                diagnostics.append(unknownClause(template.value, at: template.range, index: index, what: "document template", searched: whereLooked))
            }
        }

        var clauses = resolveClauses(plan, index: index, searched: whereLooked, into: &diagnostics)
        if let template = plan.template, let clause = index.clause(template.value), clause.role == .document {
            clauses.insert((ClauseReference(id: clause.id, pinnedVersion: nil, range: template.range), clause), at: 0)
        }
        clauses += includedPartials(of: clauses, index: index)
        checkRecommendations(plan, index: index, searched: whereLooked, into: &diagnostics)
        if let docket { checkQuestions(plan, docket: docket, into: &diagnostics) }
        return (diagnostics, clauses)
    }

    private static func resolveClauses(_ plan: Plan, index: LibraryIndex, searched: String, into diagnostics: inout [Diagnostic]) -> [(ClauseReference, Clause)] {
        plan.clauseReferences.compactMap { reference in
            guard let versions = index.clauseVersions[reference.id] else {
                diagnostics.append(unknownClause(reference.id, at: reference.range, index: index, what: "clause", searched: searched))
                return nil
            }
            guard let clause = index.clause(reference.id, version: reference.pinnedVersion) else {
                let known = versions.map { String($0.version) }.joined(separator: ", ")
                diagnostics.append(
                    .error(
                        .unknownClauseVersion,
                        "clause '\(reference.id)' has no version \(reference.pinnedVersion!); the library has version\(versions.count == 1 ? "" : "s") \(known)",
                        at: reference.range, fixIt: "\(reference.id)@\(versions.last!.version)"))
                return nil
            }
            if let pinned = reference.pinnedVersion, let newest = versions.last, newest.version > pinned {
                diagnostics.append(
                    .warning(
                        .newerClauseVersion, "'\(reference.id)@\(pinned)' is pinned, and the library has version \(newest.version) (\(newest.title)); review it and move the pin",
                        at: reference.range, fixIt: "\(reference.id)@\(newest.version)"))
            }
            return (reference, clause)
        }
    }

    /// Clauses included as partials, transitively: their variables need values from the plan too,
    /// and a missing one is reported at the reference that pulled the partial in.
    private static func includedPartials(of clauses: [(ClauseReference, Clause)], index: LibraryIndex) -> [(ClauseReference, Clause)] {
        var seen = Set(clauses.map { $0.1.id })
        var pending = clauses
        var included: [(ClauseReference, Clause)] = []
        while let (reference, clause) = pending.popLast() {
            for (name, _) in MustachePartials.partialNames(in: clause.body) {
                guard let partial = index.clause(name), seen.insert(name).inserted else { continue }
                included.append((reference, partial))
                pending.append((reference, partial))
            }
        }
        return included
    }

    private static func unknownClause(_ id: String, at range: SourceRange, index: LibraryIndex, what: String, searched: String) -> Diagnostic {
        let suggestion = Wording.closestMatch(to: id, in: index.allClauseIDs)
        return .error(.unknownClause, "unknown \(what) '\(id)'\(searched)" + (suggestion.map { "; did you mean '\($0)'?" } ?? ""), at: range, fixIt: suggestion)
    }

    private static func checkRecommendations(_ plan: Plan, index: LibraryIndex, searched: String, into diagnostics: inout [Diagnostic]) {
        var seen: Set<String> = []
        for id in plan.recommendationIDs {
            if index.recommendations[id.value] == nil {
                let suggestion = Wording.closestMatch(to: id.value, in: Array(index.recommendations.keys))
                diagnostics.append(
                    .error(.unknownRecommendation, "unknown recommendation '\(id.value)'\(searched)" + (suggestion.map { "; did you mean '\($0)'?" } ?? ""), at: id.range, fixIt: suggestion))
            } else if !seen.insert(id.value).inserted {
                diagnostics.append(.error(.duplicateID, "recommendation '\(id.value)' is listed twice in this plan", at: id.range))
            }
        }
    }

    /// Every required variable must have a value, and every value must fit its declared type.
    static func checkVariables(_ plan: Plan, clauses: [(ClauseReference, Clause)], into diagnostics: inout [Diagnostic]) {
        let values = Dictionary(plan.variables.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var declaredBy: [String: (Variable, Clause)] = [:]
        for (reference, clause) in clauses {
            for variable in clause.variables {
                if declaredBy[variable.name] == nil { declaredBy[variable.name] = (variable, clause) }
                if variable.needsValue, values[variable.name] == nil, !(variable.takesDocumentDate && plan.date != nil) {
                    diagnostics.append(
                        .error(
                            .missingVariable, "clause '\(clause.id)' needs a value for '\(variable.name)' (\(variable.type.rawValue)); add it under 'variables:'",
                            at: reference.range))
                }
            }
        }
        for value in plan.variables {
            guard let (variable, clause) = declaredBy[value.name] else {
                let suggestion = Wording.closestMatch(to: value.name, in: Array(declaredBy.keys))
                diagnostics.append(
                    .warning(
                        .unusedPlanVariable, "no clause in this plan uses variable '\(value.name)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? ""), at: value.range,
                        fixIt: suggestion))
                continue
            }
            if value.typed(as: variable.type) == nil {
                let example: String =
                    switch variable.type {
                    case .string: "text"
                    case .integer: "a whole number"
                    case .date: "a date written YYYY-MM-DD"
                    case .list: "a list, e.g. [a, b]"
                    }
                diagnostics.append(
                    .error(.variableTypeMismatch, "'\(value.name)' must be \(example) (declared \(variable.type.rawValue) by clause '\(clause.id)')", at: value.range))
            }
        }
    }

    /// Answers must name real questions; unanswered questions are a reminder, not an error.
    private static func checkQuestions(_ plan: Plan, docket: Docket, into diagnostics: inout [Diagnostic]) {
        let asked = Set(docket.questions.map(\.number))
        var answered: Set<Int> = []
        for section in plan.sections {
            guard case .answer(let question, _) = section else { continue }
            if asked.contains(question.value) {
                answered.insert(question.value)
            } else {
                let list = asked.sorted().map(String.init).joined(separator: ", ")
                diagnostics.append(
                    .error(.unknownQuestion, "the docket asks no question \(question.value)" + (list.isEmpty ? "; it lists no questions" : "; it asks \(list)"), at: question.range)
                )
            }
        }
        guard !asked.isEmpty else { return }
        let unanswered = asked.subtracting(answered).sorted()
        let summary =
            unanswered.isEmpty
            ? "the plan answers all \(asked.count) questions the docket asks"
            : "the plan answers \(answered.count) of \(asked.count) docket questions; unanswered: \(unanswered.map(String.init).joined(separator: ", "))"
        diagnostics.append(.note(.questionCoverage, summary, at: plan.source))
    }
}
