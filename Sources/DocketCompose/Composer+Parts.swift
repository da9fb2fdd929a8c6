import DocketLibrary
import DocketMarkdown
import DocketModel
import DocketSupport
import Foundation

extension Composer {
    /// Title, addressee, docket line and submitter, from the plan and the docket file.
    var header: Header {
        let title = plan.title ?? docket.map { "Comment on \($0.title)" } ?? "Letter"
        // A document template that dates itself (`letter_date`, `date`) prints its date where
        // the letter form puts it; otherwise the filing date stands under the title block.
        let template = plan.template.flatMap { index.clause($0.value) }
        let datesItself = template?.variables.contains(where: \.takesDocumentDate) ?? false
        // A plan that dates itself is printed with that date, not the day it was composed.
        let date = datesItself ? nil : (plan.date?.value ?? input.date)?.longForm
        guard let docket else { return Header(title: title, from: submitterName, date: date) }
        let addressee = docket.agencyName.map { "\($0) (\(docket.agency))" } ?? docket.agency
        var parts = [docket.id.value]
        if let document = docket.federalRegisterDocument?.citation?.canonical ?? docket.federalRegisterDocument?.text.value {
            parts.append(document.replacingOccurrences(of: "Federal Register ", with: ""))
        }
        if let citation = docket.federalRegisterCitation?.citation?.canonical ?? docket.federalRegisterCitation?.text.value {
            parts.append(citation + (docket.publishedOn.map { " (\($0.longForm))" } ?? ""))
        }
        if let rin = docket.rin { parts.append("RIN \(rin)") }
        return Header(title: title, addressee: addressee, docketLine: parts.joined(separator: " · "), from: submitterName, subject: docket.title, docketID: docket.id.value, date: date)
    }

    /// The submitter's public name: Regulations.gov publishes it; email and phone never.
    var submitterName: String? {
        switch plan.submitter {
        case .organization(let organization): organization.name
        case .individual(let person): "\(person.firstName) \(person.lastName)"
        case .anonymous: nil
        }
    }

    /// Values every body may read without declaring them.
    var builtinValues: [String: Any] {
        var values: [String: Any] = [
            "plan": ["name": plan.name, "title": header.title],
            "recommendations": ["count": plan.recommendationIDs.count, "titles": ListValue(items: plan.recommendationIDs.compactMap { index.recommendations[$0.value]?.title })],
        ]
        if let name = submitterName { values["submitter"] = ["name": name] }
        // Placeholders, filled from the approvers once the version is known: a clause cannot
        // reach the roster itself.
        if signatories != nil {
            values["signers"] = ["count": SignerPlaceholder.count, "organizations": SignerPlaceholder.organizations]
        }
        if let docket {
            var fields: [String: Any] = ["id": docket.id.value, "title": docket.title, "agency": docket.agency, "agencyName": docket.agencyName ?? docket.agency]
            fields["federalRegister"] = docket.federalRegisterCitation?.text.value
            fields["frDocument"] = docket.federalRegisterDocument?.text.value
            fields["rin"] = docket.rin
            fields["published"] = docket.publishedOn.map(DateValue.init)
            // The close as the author wrote it, in the agency's zone, not converted to ours.
            fields["commentsClose"] = docket.commentsCloseText.flatMap { CalendarDate(iso: String($0.prefix(10))) }.map(DateValue.init)
            values["docket"] = fields
        }
        return values
    }

    /// The clause and every clause it includes as a partial, transitively, in the order their
    /// variables are looked up.
    func clausesRead(by clause: Clause) -> [Clause] {
        var read: [Clause] = []
        var visited: Set<String> = []
        var pending = [clause]
        while let current = pending.popLast() {
            guard visited.insert(current.id).inserted else { continue }
            read.append(current)
            pending += MustachePartials.partialNames(in: current.body).compactMap { index.clause($0.name) }
        }
        return read
    }

    /// The declared variables of `clauses` (a clause and those it includes): the plan's value
    /// read as the declared type, else the default; the first clause to declare a name wins.
    func values(reading clauses: [Clause], state: inout State) -> [String: VariableValue] {
        var values: [String: VariableValue] = [:]
        for current in clauses {
            state.usedFiles.insert(current.source.start.file)
            for variable in current.variables where values[variable.name] == nil {
                let documentDate = variable.takesDocumentDate ? plan.date.map { VariableValue.date($0.value) } : nil
                let value = plan.variables.first { $0.name == variable.name }?.typed(as: variable.type) ?? documentDate ?? variable.defaultValue
                if let value { values[variable.name] = value }
            }
        }
        return values
    }

    func appendGenerated(_ part: GeneratedPart, state: inout State) {
        if let kept = memo?.generated[part] {
            state.blocks += kept
            state.generated[part] = kept
            return
        }
        let before = state.blocks.count
        buildGenerated(part, state: &state)
        state.generated[part] = Array(state.blocks[before...])
    }

    private func buildGenerated(_ part: GeneratedPart, state: inout State) {
        let recommendations = state.recommendations
        let provenance = Provenance(.generated(part), file: planPath, line: 1)
        func heading(_ text: String, startsPage: Bool) {
            state.blocks.append(.heading(Heading(text: text, level: 2, startsPage: startsPage, provenance: provenance)))
        }
        switch part {
        case .summary:
            guard !recommendations.isEmpty else { return }
            heading("Summary of recommendations", startsPage: false)
            state.blocks.append(.summary(recommendations.map { SummaryItem(number: $0.number, id: $0.id, title: $0.title, summary: $0.summary) }))
        case .signatures:
            if let signatories, !signatories.isEmpty {
                heading("Signatories", startsPage: false)
                // Filled with the approvers once the version is known.
                state.blocks.append(.signatories(.listing([])))
            } else if let name = submitterName {
                state.blocks.append(.signatories(.submitter(name)))
            }
        case .comparison:
            let rows = recommendations.filter { !$0.eu.isEmpty }.map {
                ComparisonRow(
                    recommendation: $0.number, title: $0.title, usProvisions: $0.authorities.map(\.citation), euProvisions: $0.eu.map(\.authority.citation),
                    difference: Self.oneParagraph($0.comparison))
            }
            guard !rows.isEmpty else { return }
            heading("Comparison with the EU AI Act", startsPage: true)
            state.blocks.append(.comparisonTable(rows))
        case .authorities:
            let groups = Self.authorityGroups(recommendations)
            guard !groups.isEmpty else { return }
            heading("Authorities cited", startsPage: true)
            state.blocks.append(.authoritiesIndex(groups))
        }
    }

    private static func authorityGroups(_ recommendations: [ComposedRecommendation]) -> [AuthorityGroup] {
        var entries: [AuthorityGroup.Kind: [String: AuthorityGroup.Entry]] = [:]
        for recommendation in recommendations {
            for cited in recommendation.authorities + recommendation.eu.map(\.authority) + recommendation.systems {
                var existing =
                    entries[cited.group, default: [:]][cited.citation] ?? AuthorityGroup.Entry(citation: cited.citation, title: cited.title, verified: cited.verified, citedBy: [])
                if existing.citedBy.last != recommendation.number { existing.citedBy.append(recommendation.number) }
                entries[cited.group, default: [:]][cited.citation] = existing
            }
        }
        return entries.keys.sorted().map { kind in
            AuthorityGroup(kind: kind, entries: entries[kind]!.values.sorted { $0.citation.compare($1.citation, options: .numeric) == .orderedAscending })
        }
    }

    /// Table cells hold one paragraph: line breaks inside the author's text become spaces.
    static func oneParagraph(_ markdown: String) -> String {
        markdown.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: " ")
    }
}
