import DocketLibrary
import DocketMarkdown
import DocketModel
import DocketSupport
/// A comment or letter as the composer built it: typed blocks in reading order, each knowing
/// where its text came from. Renderers are pure functions of this value, so every output format
/// says the same thing.
public struct ComposedDocument: Sendable, Hashable {
    /// The plan's name, which names the output folder and files.
    public var planName: String
    /// A comment, a sign-on letter or a letter.
    public var kind: Plan.Kind
    /// BCP 47 language of the text, for HTML `lang` and DOCX.
    public var language: String
    /// The title and the lines under it.
    public var header: Header
    /// The document's blocks, in reading order.
    public var blocks: [Block]

    /// A document of `blocks` under `header`.
    public init(planName: String, kind: Plan.Kind, language: String = "en", header: Header, blocks: [Block]) {
        self.planName = planName
        self.kind = kind
        self.language = language
        self.header = header
        self.blocks = blocks
    }

    /// Every recommendation, in the order numbered.
    public var recommendations: [ComposedRecommendation] {
        blocks.compactMap { if case .recommendation(let recommendation) = $0 { recommendation } else { nil } }
    }

    /// The block listing the organizations that approved, when the document has one.
    public var signatories: SignatoryBlock? {
        blocks.lazy.compactMap { if case .signatories(let block) = $0 { block } else { nil } }.first
    }
}

/// The title and the lines that say what is answered and by whom: agencies require the agency
/// name and the docket number on every comment.
public struct Header: Sendable, Hashable {
    /// The document's title.
    public var title: String
    /// The agency addressed, e.g. "Office of Management and Budget (OMB)".
    public var addressee: String?
    /// The docket ID, Federal Register document and citation, joined for one line; printed
    /// after a "Docket" label, so it does not say "Docket No." itself.
    public var docketLine: String?
    /// Who files: the submitter's public name. Never an email or phone number.
    public var from: String?
    /// The docket's title and id, for sentences that name what is answered.
    public var subject: String?
    /// The docket answered, e.g. `OMB-2023-0020`; nil for a letter on no docket.
    public var docketID: String?
    /// The date the document bears ("January 15, 2026"), when the caller gave one. Like the
    /// signature block it is not part of the version: approving words does not expire.
    public var date: String?

    /// A header; only the title is required.
    public init(
        title: String, addressee: String? = nil, docketLine: String? = nil, from: String? = nil, subject: String? = nil, docketID: String? = nil, date: String? = nil
    ) {
        self.date = date
        self.title = title
        self.addressee = addressee
        self.docketLine = docketLine
        self.from = from
        self.subject = subject
        self.docketID = docketID
    }
}

/// Where a block's text was written, so a reviewer or a diagnostic can go back to it.
public struct Provenance: Sendable, Hashable {
    /// What kind of source a block came from.
    public enum Origin: Sendable, Hashable {
        case clause(id: String, version: Int)
        case documentTemplate(id: String, version: Int)
        case recommendation(id: String)
        case plan
        case signatories
        /// Built by the composer from other blocks.
        case generated(GeneratedPart)
    }

    /// Which library entry, plan part or generated part the block came from.
    public var origin: Origin
    /// The file it was written in, as diagnostics name it.
    public var file: String
    /// The file line where the block's text starts.
    public var line: Int

    /// Text from `origin`, written in `file` from `line` on.
    public init(_ origin: Origin, file: String, line: Int) {
        self.origin = origin
        self.file = file
        self.line = line
    }

    /// The block's first line in its file.
    public var location: SourceLocation { SourceLocation(file: file, line: line, column: 1) }
}

/// One part of a composed document, in reading order.
public enum Block: Sendable, Hashable {
    case heading(Heading)
    case prose(Prose)
    case recommendation(ComposedRecommendation)
    case summary([SummaryItem])
    case answer(Answer)
    case comparisonTable([ComparisonRow])
    case authoritiesIndex([AuthorityGroup])
    case signatories(SignatoryBlock)

    /// "clause intro.coalition v2 (Templates/clauses/intro-coalition.md:9)": where a reviewer
    /// goes to change this text.
    public var sourceDescription: String {
        switch self {
        case .heading(let heading): heading.provenance.description
        case .prose(let prose): prose.provenance.description
        case .recommendation(let recommendation): recommendation.provenance.description
        case .answer(let answer): answer.provenance.description
        case .summary: "the summary, built from the recommendations"
        case .comparisonTable: "the EU comparison table, built from the recommendations"
        case .authoritiesIndex: "the authorities index, built from the recommendations"
        case .signatories: "the signatory list"
        }
    }
}

extension Provenance: CustomStringConvertible {
    /// The origin and its place, e.g. `clause intro.coalition v1 (Templates/clauses/intro-coalition.md:9)`.
    public var description: String {
        let place = "\(file):\(line)"
        return switch origin {
        case .clause(let id, let version): "clause \(id) v\(version) (\(place))"
        case .documentTemplate(let id, let version): "template \(id) v\(version) (\(place))"
        case .recommendation(let id): "recommendation \(id) (\(place))"
        case .plan: "the plan (\(place))"
        case .signatories: "the signatory list (\(place))"
        case .generated(let part): "the generated \(part.rawValue) (\(place))"
        }
    }
}

/// A section heading the plan or the composer placed.
public struct Heading: Sendable, Hashable {
    /// The heading's text.
    public var text: String
    /// 2 for sections; the title is the only level 1.
    public var level: Int
    /// Print starts a major section on a new page.
    public var startsPage: Bool
    /// Where it came from.
    public var provenance: Provenance

    /// A heading of `level` (2 for sections).
    public init(text: String, level: Int, startsPage: Bool, provenance: Provenance) {
        self.text = text
        self.level = level
        self.startsPage = startsPage
        self.provenance = provenance
    }
}

/// CommonMark text after Mustache rendering.
public struct Prose: Sendable, Hashable {
    /// The text.
    public var markdown: String
    /// Where it came from.
    public var provenance: Provenance

    /// Rendered prose from `provenance`.
    public init(markdown: String, provenance: Provenance) {
        self.markdown = markdown
        self.provenance = provenance
    }
}

/// A recommendation as it stands in the document: numbered, rendered, with its citations resolved.
public struct ComposedRecommendation: Sendable, Hashable {
    /// 1-based, in plan order.
    public var number: Int
    /// The recommendation's id in the library.
    public var id: String
    /// Its title, as a heading.
    public var title: String
    /// Its one-sentence summary.
    public var summary: String
    /// CommonMark after Mustache rendering.
    public var body: String
    /// The US authorities it cites.
    public var authorities: [CitedEntry]
    /// The EU AI Act provisions it is compared with.
    public var eu: [EUEntry]
    /// CommonMark: how the EU and US rules differ.
    public var comparison: String
    /// The DHS AI inventory entries it speaks to.
    public var systems: [CitedEntry]
    /// Where it came from.
    public var provenance: Provenance

    /// "Recommendation 2", as the document names it.
    public var label: String { "Recommendation \(number)" }

    /// A value with every field given, for clients that build documents themselves.
    public init(number: Int, id: String, title: String, summary: String, body: String, authorities: [CitedEntry], eu: [EUEntry], comparison: String, systems: [CitedEntry], provenance: Provenance) {
        self.number = number
        self.id = id
        self.title = title
        self.summary = summary
        self.body = body
        self.authorities = authorities
        self.eu = eu
        self.comparison = comparison
        self.systems = systems
        self.provenance = provenance
    }
}

/// One citation as it stands in a recommendation, with what the registry knows of it.
public struct CitedEntry: Sendable, Hashable {
    /// Canonical form, e.g. `OMB M-24-10 §5(c)(iv)(A)`.
    public var citation: String
    /// The registry's title for the provision, when it has one.
    public var title: String?
    /// The author's words on what the citation supports.
    public var note: String?
    /// False when the research behind the registry marks the provision SECONDARY or UNCONFIRMED.
    public var verified: Bool
    /// Which group of the authorities appendix it is listed under.
    public var group: AuthorityGroup.Kind

    /// A value with every field given, for clients that build documents themselves.
    public init(citation: String, title: String?, note: String?, verified: Bool, group: AuthorityGroup.Kind) {
        self.citation = citation
        self.title = title
        self.note = note
        self.verified = verified
        self.group = group
    }
}

/// An EU AI Act provision set beside a recommendation, with what it requires.
public struct EUEntry: Sendable, Hashable {
    /// The EU provision.
    public var authority: CitedEntry
    /// What it requires, in one sentence.
    public var requires: String

    /// A value with every field given, for clients that build documents themselves.
    public init(authority: CitedEntry, requires: String) {
        self.authority = authority
        self.requires = requires
    }
}

/// One line of the summary of recommendations.
public struct SummaryItem: Sendable, Hashable {
    /// The recommendation's number.
    public var number: Int
    /// Its id, for the link to its section.
    public var id: String
    /// Its title.
    public var title: String
    /// Its one-sentence summary.
    public var summary: String

    /// A value with every field given, for clients that build documents themselves.
    public init(number: Int, id: String, title: String, summary: String) {
        self.number = number
        self.id = id
        self.title = title
        self.summary = summary
    }
}

/// An answer to one of the docket's numbered questions.
public struct Answer: Sendable, Hashable {
    /// The number of the question answered.
    public var question: Int
    /// The question as the docket file summarizes it.
    public var questionText: String
    /// The answer.
    public var markdown: String
    /// Where it came from.
    public var provenance: Provenance

    /// A value with every field given, for clients that build documents themselves.
    public init(question: Int, questionText: String, markdown: String, provenance: Provenance) {
        self.question = question
        self.questionText = questionText
        self.markdown = markdown
        self.provenance = provenance
    }
}

/// One row of the EU comparison table.
public struct ComparisonRow: Sendable, Hashable {
    /// The recommendation's number.
    public var recommendation: Int
    /// Its title.
    public var title: String
    /// The US provisions it cites, canonical.
    public var usProvisions: [String]
    /// The EU provisions it is compared with, canonical.
    public var euProvisions: [String]
    /// One paragraph of plain CommonMark inline text.
    public var difference: String

    /// A value with every field given, for clients that build documents themselves.
    public init(recommendation: Int, title: String, usProvisions: [String], euProvisions: [String], difference: String) {
        self.recommendation = recommendation
        self.title = title
        self.usProvisions = usProvisions
        self.euProvisions = euProvisions
        self.difference = difference
    }
}

/// Citations of one instrument family, each with the recommendations citing it.
public struct AuthorityGroup: Sendable, Hashable {
    /// Instrument families, in the order the authorities index lists them.
    public enum Kind: Int, Sendable, Hashable, CaseIterable, Comparable {
        case omb, ombGuidance, euAIAct, nist, federalRegister, dhsInventory, regulationsGov, other

        /// The group's heading in the appendix.
        public var heading: String {
            switch self {
            case .omb: "OMB memoranda"
            case .ombGuidance: "OMB reporting guidance"
            case .euAIAct: "EU AI Act (Regulation (EU) 2024/1689)"
            case .nist: "NIST AI Risk Management Framework (NIST AI 100-1)"
            case .federalRegister: "Federal Register"
            case .dhsInventory: "DHS AI use case inventory"
            case .regulationsGov: "Regulations.gov"
            case .other: "Other"
            }
        }

        /// The index order: OMB first, other last.
        public static func < (lhs: Kind, rhs: Kind) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// One cited provision and the recommendations citing it.
    public struct Entry: Sendable, Hashable {
        /// The provision, canonical.
        public var citation: String
        /// The registry's title for it, when it has one.
        public var title: String?
        /// Whether primary evidence supports it.
        public var verified: Bool
        /// Numbers of the recommendations that cite it, ascending.
        public var citedBy: [Int]
    }

    /// Which instruments the group holds.
    public var kind: Kind
    /// Its provisions, in citation order.
    public var entries: [Entry]
}

/// The signature block: a lead sentence and one public line per signer.
public struct SignatoryBlock: Sendable, Hashable {
    /// The closing before the names, as a filed letter has one.
    public var closing: String
    /// The sentence introducing the list, when there is a list.
    public var lead: String?
    /// Public lines only: organization, city and state.
    public var lines: [String]

    /// A block with every field given.
    public init(closing: String = SignatoryBlock.closing, lead: String?, lines: [String]) {
        self.closing = closing
        self.lead = lead
        self.lines = lines
    }

    /// "Respectfully submitted,".
    public static let closing = "Respectfully submitted,"

    /// The block of a document filed by one submitter in its own name.
    public static func submitter(_ name: String) -> SignatoryBlock {
        SignatoryBlock(lead: nil, lines: [name])
    }

    /// The block listing `signers`, by their public lines.
    public static func listing(_ signers: [Signatory]) -> SignatoryBlock {
        guard !signers.isEmpty else { return SignatoryBlock(lead: "No organization has approved this version yet.", lines: []) }
        let noun = signers.count == 1 ? "organization" : "organizations"
        return SignatoryBlock(lead: "Signed by the following \(signers.count) \(noun):", lines: signers.map(\.publicLine))
    }
}

extension ComposedDocument {
    /// The same document signed by `signers` instead.
    /// The same document signed by `signers`: the signature block lists them, and every
    /// placeholder for the signers (`{{signers.count}}`, `{{signers.organizations}}`) reads
    /// their number and names. A block naming one submitter stays as it is.
    public func signed(by signers: [Signatory]) -> ComposedDocument {
        var copy = self
        let fill = { (text: String) in SignerPlaceholder.fill(text, signers: signers) }
        copy.blocks = blocks.map { block in
            switch block {
            case .signatories(let existing): return existing.lead == nil ? block : .signatories(.listing(signers))
            case .prose(var prose):
                prose.markdown = fill(prose.markdown)
                return .prose(prose)
            case .answer(var answer):
                answer.markdown = fill(answer.markdown)
                return .answer(answer)
            case .recommendation(var recommendation):
                recommendation.body = fill(recommendation.body)
                recommendation.comparison = fill(recommendation.comparison)
                return .recommendation(recommendation)
            case .heading, .summary, .comparisonTable, .authoritiesIndex: return block
            }
        }
        return copy
    }
}
