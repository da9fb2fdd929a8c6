import DocketModel

/// The order and grouping of a document's parts, defined once. Every renderer (Markdown, HTML,
/// DOCX, comment box) walks these lists, so adding, moving or dropping a part happens here
/// and nowhere else; a renderer decides only how a part looks.
///
/// The composer decides where each block stands (the summary before the recommendations, the
/// signatories after the closing, the appendices last); the layout decides what a document,
/// its title block and each recommendation are made of.
public enum DocumentLayout {
    /// A top-level part of a document, in reading order.
    public enum Section: Sendable, Hashable {
        /// The title and the filing details under it.
        case titleBlock(title: String, details: [FilingDetail])
        /// The date the document bears, when it has one.
        case dateLine(String)
        /// One composed block: a heading, prose, a recommendation, a table…
        case block(Block)
        /// The line naming the draft version, last.
        case versionFooter
    }

    /// A labelled line under the title: who is addressed, which docket, who files.
    public struct FilingDetail: Sendable, Hashable {
        /// What the line says.
        public enum Label: String, Sendable, Hashable {
            case to = "To"
            case docket = "Docket"
            case from = "From"
        }

        /// What the line says.
        public var label: Label
        /// Its text.
        public var value: String
    }

    /// A part of one recommendation, in reading order.
    public enum RecommendationPart: Sendable, Hashable {
        /// "Recommendation 3" and the title.
        case heading(label: String, title: String)
        /// The one-sentence summary.
        case inBrief(String)
        /// The recommendation's text, CommonMark.
        case body(String)
        /// The US provisions it rests on.
        case usAuthorities([CitedEntry])
        /// The EU AI Act provisions it is compared with.
        case euProvisions([EUEntry])
        /// How the EU and US rules differ, CommonMark.
        case comparison(String)
        /// The DHS AI inventory entries it speaks to.
        case systems([CitedEntry])
    }

    /// The document's sections: title block, the blocks in composed order, the footer.
    public static func sections(of document: ComposedDocument) -> [Section] {
        [.titleBlock(title: document.header.title, details: details(of: document.header))] + (document.header.date.map { [Section.dateLine($0)] } ?? [])
            + document.blocks.map(Section.block) + [.versionFooter]
    }

    /// The filing details a header has, in the order they are printed.
    public static func details(of header: Header) -> [FilingDetail] {
        let lines: [(FilingDetail.Label, String?)] = [(.to, header.addressee), (.docket, header.docketLine), (.from, header.from)]
        return lines.compactMap { label, value in value.map { FilingDetail(label: label, value: $0) } }
    }

    /// The parts a recommendation has, in the order they are printed; empty parts are left out.
    public static func parts(of recommendation: ComposedRecommendation) -> [RecommendationPart] {
        var parts: [RecommendationPart] = [.heading(label: recommendation.label, title: recommendation.title), .inBrief(recommendation.summary)]
        if !recommendation.body.isEmpty { parts.append(.body(recommendation.body)) }
        if !recommendation.authorities.isEmpty { parts.append(.usAuthorities(recommendation.authorities)) }
        if !recommendation.eu.isEmpty { parts.append(.euProvisions(recommendation.eu)) }
        if !recommendation.comparison.isEmpty { parts.append(.comparison(recommendation.comparison)) }
        if !recommendation.systems.isEmpty { parts.append(.systems(recommendation.systems)) }
        return parts
    }

    /// An EU provision as the comparison table's "EU AI Act" column prints it: "Art. 27(1)", the
    /// column's heading naming the act once.
    public static func withinEUColumn(_ citation: String) -> String {
        citation.hasPrefix("EU AI Act ") ? String(citation.dropFirst("EU AI Act ".count)) : citation
    }

    /// "Recommendation 4" or "Recommendations 4, 7": who cites an entry of the authorities index.
    public static func citedBy(_ numbers: [Int]) -> String {
        (numbers.count == 1 ? "Recommendation " : "Recommendations ") + numbers.map(String.init).joined(separator: ", ")
    }
}
