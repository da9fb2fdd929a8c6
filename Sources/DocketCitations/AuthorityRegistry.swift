import DocketSupport
import Foundation

/// What the registry knows about one citation.
public struct CitationResolution: Sendable, Hashable {
    /// Whether a citation names a real provision, and how sure the registry is.
    public enum Outcome: Sendable, Hashable {
        case verified
        /// Allowed, with the reason it could not be verified.
        case unverified(String)
        /// Not an existing provision; the reason says what is right.
        case unknown(String)
    }

    /// What a rescinded instrument's provision became.
    public struct Rescission: Sendable, Hashable {
        /// The day the instrument was rescinded.
        public var date: CalendarDate
        /// The instrument that replaced it.
        public var replacedBy: String
        /// The provision of the replacing instrument that carries this one forward, if any.
        public var successor: String?
        /// How the successor differs, when the research says.
        public var successorNote: String?
        /// Why there is no successor, when the research says so.
        public var noSuccessor: String?
    }

    /// The citation resolved.
    public var citation: Citation
    /// Whether it names a real provision, and how sure the registry is.
    public var outcome: Outcome
    /// The provision's title, when the registry records one.
    public var title: String?
    /// What became of it, when its instrument was rescinded.
    public var rescission: Rescission?

    /// Whether the citation names a real provision, verified or not.
    public var isKnown: Bool {
        if case .unknown = outcome { return false }
        return true
    }
}

/// The authorities DocketKit accepts, loaded from data shipped with the package. Lookups are
/// dictionary reads: checking thousands of files must not scan lists.
public struct AuthorityRegistry: Sendable {
    let data: RegistryData
    private let euPointRanges: [String: LabelRange]
    private let annexIIIRanges: [Int: LabelRange?]
    /// Each instrument's dates, read once: composing thousands of drafts asks for them per citation.
    let instrumentDates: [String: InstrumentDates]

    /// The registry bundled with DocketKit (`Resources/authorities.yml`), read once.
    public static let shared: AuthorityRegistry = {
        guard let url = Bundle.module.url(forResource: "authorities", withExtension: "yml") else {
            fatalError("DocketKit is missing its bundled authorities.yml resource")
        }
        do {
            return try AuthorityRegistry(contentsOf: url)
        } catch {
            fatalError("DocketKit's bundled authorities.yml is invalid: \(error)")
        }
    }()

    /// A registry read from a YAML file in the bundled format; throws when the data is invalid.
    public init(contentsOf url: URL) throws {
        let data = try RegistryData.load(from: url)
        try self.init(data: data, instrumentDates: Self.readDates(of: data))
    }

    private init(data: RegistryData, instrumentDates: [String: InstrumentDates]) {
        self.data = data
        self.instrumentDates = instrumentDates
        self.euPointRanges = data.euAIAct.points.compactMapValues(LabelRange.init)
        self.annexIIIRanges = data.euAIAct.annexIIIPoints.mapValues { $0.isEmpty ? nil : LabelRange($0) }
    }

    /// A provision a library adds to the registry: an identifier the bundled data cannot know
    /// (a new docket's Federal Register citation, a new inventory entry), with its source.
    public struct LocalEntry: Sendable, Hashable {
        /// The canonical citation.
        public var citation: String
        /// The provision's title, as the registry records it.
        public var title: String
        /// What was read, where, and the passage that supports the entry.
        public var evidence: RegistryEvidence

        /// An entry for `citation`.
        public init(citation: String, title: String, evidence: RegistryEvidence) {
            self.citation = citation
            self.title = title
            self.evidence = evidence
        }

        /// Verified only when the evidence is primary.
        public var status: VerificationStatus { evidence.status }
    }

    /// This registry with a library's own entries added.
    public func adding(_ entries: [LocalEntry]) -> AuthorityRegistry {
        guard !entries.isEmpty else { return self }
        var data = self.data
        for entry in entries where data.provisions[entry.citation] == nil {
            data.provisions[entry.citation] = RegistryData.Provision(evidence: entry.evidence, title: entry.title)
        }
        return AuthorityRegistry(data: data, instrumentDates: instrumentDates)
    }

    /// Whether the registry lists `citation` (canonical) explicitly.
    public func lists(_ citation: String) -> Bool { data.provisions[citation] != nil }

    /// Parses and resolves a citation written by a user.
    public func resolve(_ text: String) -> Result<CitationResolution, CitationSyntaxError> {
        CitationParser.parse(text).map(resolve)
    }

    /// What the registry knows of a parsed citation: verified, unverified (with why) or unknown (with what is right), its title, and any rescission.
    public func resolve(_ citation: Citation) -> CitationResolution {
        var resolution: CitationResolution
        switch citation.instrument {
        case .ombMemo(let number): resolution = resolveOMB(citation, memo: "OMB \(number)")
        case .ombReportingGuidance, .ombDraftMemorandum: resolution = resolveGuidance(citation)
        case .euAIAct: resolution = resolveEU(citation)
        case .nistAIRMF: resolution = resolveNIST(citation)
        case .federalRegister, .federalRegisterDocument, .regulationsGovDocket, .regulationsGovDocument, .dhsInventory:
            resolution = resolveListed(citation)
        }
        if resolution.isKnown, case .ombMemo(let number) = citation.instrument {
            resolution.rescission = rescission(of: citation, memo: "OMB \(number)")
        }
        return resolution
    }

    /// What was read to support `citation`: the provision's own evidence where the registry
    /// lists it, else its instrument's when the citation is the whole instrument or a pinpoint
    /// the registry checks by structure (an EU AI Act article, a NIST subcategory). Nil when the
    /// registry does not know the citation.
    public func evidence(of citation: Citation) -> RegistryEvidence? {
        if let provision = data.provisions[citation.canonical] { return provision.recorded }
        guard resolve(citation).isKnown, let instrument = data.instruments[citation.instrument.name] else { return nil }
        return instrument.recorded
    }

    /// Every canonical citation the registry lists explicitly, for listings and tests.
    public var listedCitations: [String] { data.provisions.keys.sorted() }

}

// MARK: - Rules per instrument

private extension AuthorityRegistry {
    func resolveOMB(_ citation: Citation, memo: String) -> CitationResolution {
        let short = memo.replacingOccurrences(of: "OMB ", with: "")
        guard let instrument = data.instruments[memo] else {
            let known = data.instruments.keys.filter { $0.hasPrefix("OMB M-") }.sorted().map { $0.replacingOccurrences(of: "OMB ", with: "") }
            return unknown(citation, "the registry has no OMB memorandum \(short); it knows \(known.joined(separator: ", "))")
        }
        if citation.pinpoint == .whole {
            return CitationResolution(citation: citation, outcome: outcome(instrument.recorded, "\(short) is recorded from secondary sources"), title: instrument.title)
        }
        if instrument.wholeOnly == true {
            return unknown(citation, "\(instrument.note ?? "cite \(short) without a pinpoint"): write '\(memo)'")
        }
        switch citation.pinpoint {
        case .section(let number, let parts):
            if let count = instrument.sections {
                guard (1...count).contains(number) else { return unknown(citation, "\(short) has sections 1–\(count)") }
            } else if let count = instrument.appendixSections {
                return unknown(
                    citation,
                    "\(short)'s requirements are in its appendix, which OMB cites by section (1–\(count)): write '\(memo) App. §\(number)\(parts.map { "(\($0))" }.joined())'")
            } else if let headed = instrument.headingSections, headed.contains(number) {
                guard parts.isEmpty else {
                    return unknown(citation, "cite \(short) §\(number) items by heading, not by letter, e.g. '\(memo) §\(number) \"Protect Privacy\"'")
                }
                return CitationResolution(
                    citation: citation, outcome: outcome(instrument.recorded, instrument.note ?? "recorded from secondary sources"), title: "\(short) §\(number)")
            }
            return lookUpProvision(citation, memo: memo)
        case .appendixSection(let number, _):
            guard let count = instrument.appendixSections else {
                let appendices = instrument.appendices.map { " (App. \($0.joined(separator: ", App. ")))" } ?? ""
                return unknown(citation, "\(short) has no numbered appendix sections\(appendices)")
            }
            guard (1...count).contains(number) else { return unknown(citation, "\(short)'s appendix has sections 1–\(count)") }
            return lookUpProvision(citation, memo: memo)
        case .appendix(let name):
            guard let appendices = instrument.appendices else {
                return unknown(citation, "\(short)'s appendix is cited by section, e.g. '\(memo) App. §4(b)'")
            }
            guard appendices.contains(name) else { return unknown(citation, "\(short) has appendices \(appendices.joined(separator: " and "))") }
            return lookUpProvision(citation, memo: memo)
        case .sectionHeading(let number, _):
            guard let headed = instrument.headingSections, headed.contains(number) else {
                return unknown(citation, "only items of a section OMB prints without reliable letters are cited by heading; cite \(short) by section number")
            }
            return CitationResolution(citation: citation, outcome: .unverified("the heading is not checked against the text of \(short)"), title: instrument.title)
        default:
            return unknown(citation, "not a form \(short) is cited in")
        }
    }

    /// OMB's reporting guidance: the registry records the years it has and the sections it has
    /// checked; another section of a known year is allowed but unverified.
    func resolveGuidance(_ citation: Citation) -> CitationResolution {
        let name = citation.instrument.name
        guard let instrument = data.instruments[name] else {
            let suffix = String(name.dropFirst(9))
            let years = data.instruments.keys.filter { $0.hasSuffix(suffix) }.sorted().map { $0.dropFirst(4).prefix(4) }
            let what = suffix == "AI Reporting Guidance" ? "OMB AI reporting guidance" : "an OMB draft AI memorandum"
            return unknown(citation, "the registry has \(what) for \(years.joined(separator: " and "))")
        }
        if citation.pinpoint != .whole, instrument.wholeOnly == true {
            return unknown(citation, "\(instrument.note ?? "cite \(name) without a pinpoint"): write '\(name)'")
        }
        switch citation.pinpoint {
        case .whole:
            return CitationResolution(citation: citation, outcome: outcome(instrument.recorded, "\(name) is recorded from secondary sources"), title: instrument.title)
        case .section, .romanSection:
            if let provision = data.provisions[citation.canonical] {
                return CitationResolution(citation: citation, outcome: outcome(provision.recorded, "the section is recorded from secondary sources"), title: provision.title)
            }
            return CitationResolution(
                citation: citation, outcome: .unverified("the registry does not record this section of \(name); check it against the text"), title: instrument.title)
        default:
            return unknown(citation, "cite \(name) whole or by section, e.g. '\(name) §1(b)'")
        }
    }

    func lookUpProvision(_ citation: Citation, memo: String) -> CitationResolution {
        if let provision = data.provisions[citation.canonical] {
            return CitationResolution(citation: citation, outcome: outcome(provision.recorded, "the provision number is not confirmed in the primary text"), title: provision.title)
        }
        return unknown(citation, siblingHint(for: citation.canonical, memo: memo))
    }

    /// "M-24-10 §5(c)(iv) has (A)–(I)": lists the registry's provisions beside a wrong one.
    func siblingHint(for canonical: String, memo: String) -> String {
        guard let open = canonical.lastIndex(of: "(") else { return "no such provision in the registry" }
        let parent = String(canonical[..<open])
        let siblings = data.provisions.keys.compactMap { key -> String? in
            guard key.hasPrefix(parent + "("), key.dropFirst(parent.count).filter({ $0 == "(" }).count == 1 else { return nil }
            return String(key.dropFirst(parent.count))
        }.sorted(by: subdivisionOrder)
        let short = parent.replacingOccurrences(of: "OMB ", with: "")
        guard !siblings.isEmpty else { return "\(short) has no subdivisions in the registry" }
        return "\(short) has \(siblings.joined(separator: ", "))"
    }

    /// Orders "(i)", "(ii)", "(iv)" by value and "(a)", "(b)" alphabetically.
    func subdivisionOrder(_ lhs: String, _ rhs: String) -> Bool {
        let value = { (label: String) -> Int? in
            let inner = label.trimmingCharacters(in: CharacterSet(charactersIn: "()"))
            return inner.allSatisfy("ivx".contains) ? romanValue(inner.uppercased()) : nil
        }
        if let left = value(lhs), let right = value(rhs) { return left < right }
        return lhs < rhs
    }

    func rescission(of citation: Citation, memo: String) -> CitationResolution.Rescission? {
        guard let dates = instrumentDates[memo], let date = dates.rescinded, let replacement = dates.replacedBy else { return nil }
        let provision = data.provisions[citation.canonical]
        return CitationResolution.Rescission(
            date: date, replacedBy: replacement, successor: provision?.successor, successorNote: provision?.successorNote, noSuccessor: provision?.noSuccessor)
    }

    func resolveEU(_ citation: Citation) -> CitationResolution {
        let eu = data.euAIAct
        switch citation.pinpoint {
        case .whole:
            return CitationResolution(citation: citation, outcome: .verified, title: data.instruments["EU AI Act"]?.title)
        case .article(let number, let parts):
            guard (1...eu.articles).contains(number) else { return unknown(citation, "the EU AI Act has \(eu.articles) articles") }
            let title = eu.titles["Art. \(number)"] ?? "Article \(number)"
            return resolveArticleParts(citation, article: number, parts: parts, title: title)
        case .annex(let annex, let point, let letter, let section):
            guard let value = romanValue(annex), (1...eu.annexes).contains(value) else {
                return unknown(citation, "the EU AI Act has Annexes I–\(romanNumeral(eu.annexes))")
            }
            var title = eu.titles["Annex \(annex)"] ?? "Annex \(annex)"
            if let point {
                guard annex == "III" else {
                    return CitationResolution(citation: citation, outcome: .unverified("the points of Annex \(annex) are not recorded in the registry"), title: title)
                }
                let points = eu.annexIIIPoints.keys.sorted()
                guard let range = annexIIIRanges[point] else {
                    return unknown(citation, "Annex III has points \(points.first!)–\(points.last!)")
                }
                title = eu.titles["Annex III point \(point)"] ?? title
                if let letter {
                    guard let range else { return unknown(citation, "Annex III point \(point) has no lettered items: write 'EU AI Act Annex III point \(point)'") }
                    guard range.contains(letter) else { return unknown(citation, "Annex III point \(point) has items \(range.display)") }
                }
            }
            if let section {
                guard let sections = eu.annexSections[annex] else {
                    return CitationResolution(citation: citation, outcome: .unverified("the sections of Annex \(annex) are not recorded in the registry"), title: title)
                }
                guard sections.contains(section) else { return unknown(citation, "Annex \(annex) has Sections \(sections.joined(separator: ", "))") }
            }
            return CitationResolution(citation: citation, outcome: .verified, title: title)
        case .recital(let number):
            guard (1...eu.recitals).contains(number) else { return unknown(citation, "the EU AI Act has \(eu.recitals) recitals") }
            return CitationResolution(citation: citation, outcome: .verified, title: eu.titles["Recital \(number)"] ?? "Recital \(number)")
        case .chapter(let chapter, let section):
            guard let value = romanValue(chapter), (1...eu.chapters).contains(value) else {
                return unknown(citation, "the EU AI Act has Chapters I–\(romanNumeral(eu.chapters))")
            }
            if let section, !(eu.chapterSections[chapter] ?? []).contains(section) {
                return CitationResolution(
                    citation: citation, outcome: .unverified("the sections of Chapter \(chapter) are not recorded in the registry"), title: "Chapter \(chapter)")
            }
            return CitationResolution(citation: citation, outcome: .verified, title: "Chapter \(chapter)")
        default:
            return unknown(citation, "not a form the EU AI Act is cited in")
        }
    }

    /// Walks `Art. 5(1)(h)(i)` level by level. A level the research did not record makes the
    /// citation unverified rather than wrong: the article exists, its numbering was not checked.
    func resolveArticleParts(_ citation: Citation, article: Int, parts: [String], title: String) -> CitationResolution {
        let eu = data.euAIAct
        guard let first = parts.first else { return CitationResolution(citation: citation, outcome: .verified, title: title) }
        var key = "\(article)"
        if eu.unnumberedArticles.contains(article) {
            guard let range = euPointRanges[key] else {
                return unknown(citation, "Art. \(article) has no numbered paragraphs; cite it as 'EU AI Act Art. \(article)'")
            }
            guard range.contains(first), parts.count == 1 else {
                return unknown(citation, "Art. \(article) has no numbered paragraphs, only points \(range.display)")
            }
            return CitationResolution(citation: citation, outcome: .verified, title: title)
        }
        if let count = eu.paragraphs[article] {
            guard let paragraph = Int(first), (1...count).contains(paragraph) else {
                return unknown(citation, "Art. \(article) has paragraphs 1–\(count)")
            }
        } else if let range = euPointRanges[key] {
            guard range.contains(first) else { return unknown(citation, "Art. \(article) has points \(range.display)") }
        } else {
            return CitationResolution(
                citation: citation, outcome: .unverified("the paragraphs of Art. \(article) are not recorded in the registry; check (\(first)) against the text"), title: title)
        }
        for index in 1..<parts.count {
            key += "(\(parts[index - 1]))"
            guard let range = euPointRanges[key] else {
                return CitationResolution(
                    citation: citation, outcome: .unverified("the points of Art. \(key) are not recorded in the registry; check (\(parts[index])) against the text"), title: title)
            }
            guard range.contains(parts[index]) else { return unknown(citation, "Art. \(key) has points \(range.display)") }
        }
        return CitationResolution(citation: citation, outcome: .verified, title: title)
    }

    func resolveNIST(_ citation: Citation) -> CitationResolution {
        let title = data.instruments["NIST AI RMF"]?.title
        guard case .nist(let function, let category, let subcategory) = citation.pinpoint else {
            return CitationResolution(citation: citation, outcome: .verified, title: title)
        }
        guard let counts = data.nistAIRMF.functions[function] else {
            return unknown(citation, "the AI RMF functions are GOVERN, MAP, MEASURE and MANAGE")
        }
        guard (1...counts.count).contains(category) else {
            return unknown(citation, "\(function) has categories 1–\(counts.count)")
        }
        if let subcategory {
            let last = counts[category - 1]
            guard (1...last).contains(subcategory) else {
                return unknown(citation, "\(function) \(category) ends at \(category).\(last)")
            }
        }
        let key = "\(function) \(category)" + (subcategory.map { ".\($0)" } ?? "")
        return CitationResolution(citation: citation, outcome: .verified, title: data.nistAIRMF.titles[key] ?? "\(key) (AI RMF 1.0 Core)")
    }

    func resolveListed(_ citation: Citation) -> CitationResolution {
        if let provision = data.provisions[citation.canonical] {
            return CitationResolution(citation: citation, outcome: outcome(provision.recorded, "corroborated only by secondary sources"), title: provision.title)
        }
        let what: String
        switch citation.instrument {
        case .federalRegister: what = "check the volume and page against the Federal Register"
        case .federalRegisterDocument: what = "check the document number against the Federal Register"
        case .regulationsGovDocket, .regulationsGovDocument: what = "check the ID on Regulations.gov"
        default: what = "check it against the DHS AI use case inventory"
        }
        return CitationResolution(citation: citation, outcome: .unverified("\(citation.canonical) is not in the registry; \(what)"), title: nil)
    }

    func outcome(_ evidence: RegistryEvidence, _ reason: String) -> CitationResolution.Outcome {
        switch evidence.kind {
        case .primary: .verified
        case .secondary: .unverified("\(reason); only a secondary source was read (\(evidence.url ?? ""))")
        case .unverified: .unverified(reason)
        }
    }

    func unknown(_ citation: Citation, _ reason: String) -> CitationResolution {
        CitationResolution(citation: citation, outcome: .unknown(reason), title: nil)
    }
}
