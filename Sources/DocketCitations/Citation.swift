import DocketSupport
/// A parsed reference to a legal or policy instrument, down to the pinpoint a comment relies on.
/// `canonical` is the normalized spelling, used as the registry key and in rendered output.
public struct Citation: Hashable, Sendable, CustomStringConvertible {
    /// The legal or policy instrument a citation names.
    public enum Instrument: Hashable, Sendable {
        /// An OMB memorandum by number, e.g. "M-24-10".
        case ombMemo(String)
        /// OMB's guidance for one year's AI use case inventory and reporting, e.g. 2025.
        case ombReportingGuidance(year: Int)
        /// A draft memorandum OMB posted for comment, e.g. the 2023 draft of M-24-10, which had
        /// no number of its own.
        case ombDraftMemorandum(year: Int)
        case euAIAct
        case nistAIRMF
        /// A Federal Register page citation, `88 FR 75625`.
        case federalRegister
        /// A Federal Register document number, `FR Doc. 2023-24269`.
        case federalRegisterDocument
        case regulationsGovDocket
        case regulationsGovDocument
        /// A DHS AI use-case inventory ID from the 2025 cycle, `DHS-2408`.
        case dhsInventory

        /// How messages name the instrument: "OMB M-24-10", "EU AI Act".
        public var name: String {
            switch self {
            case .ombMemo(let number): "OMB \(number)"
            case .ombReportingGuidance(let year): "OMB \(year) AI Reporting Guidance"
            case .ombDraftMemorandum(let year): "OMB \(year) Draft AI Memorandum"
            case .euAIAct: "EU AI Act"
            case .nistAIRMF: "NIST AI RMF"
            case .federalRegister, .federalRegisterDocument: "Federal Register"
            case .regulationsGovDocket, .regulationsGovDocument: "Regulations.gov"
            case .dhsInventory: "DHS AI use case inventory"
            }
        }
    }

    /// Where in the instrument the citation points.
    public enum Pinpoint: Hashable, Sendable {
        /// The instrument as a whole.
        case whole
        /// A numbered section with its subdivisions: `§5(c)(iv)(A)` is `section(5, ["c", "iv", "A"])`.
        case section(Int, [String])
        /// A section numbered in Roman numerals, as OMB's 2024 reporting guidance is: `§III(c)`.
        case romanSection(String, [String])
        /// A section of an appendix, as M-25-21 is cited: `App. §4(b)(vi)`.
        case appendixSection(Int, [String])
        /// A lettered or numbered appendix cited whole: `App. I`.
        case appendix(String)
        /// A section item cited by its heading, as M-25-22 §3 must be.
        case sectionHeading(Int, String)
        case article(Int, [String])
        case annex(String, point: Int?, letter: String?, section: String?)
        case recital(Int)
        case chapter(String, section: Int?)
        case nist(function: String, category: Int, subcategory: Int?)
        case page(volume: Int, page: Int)
        /// An identifier that is its own pinpoint: an FR document number, a docket or inventory ID.
        case identifier(String)
    }

    /// The instrument cited.
    public var instrument: Instrument
    /// The place within it.
    public var pinpoint: Pinpoint
    /// The citation written the one way the registry and the outputs use.
    public var canonical: String

    /// A citation of `pinpoint` in `instrument`, with its canonical spelling computed.
    public init(instrument: Instrument, pinpoint: Pinpoint) {
        self.instrument = instrument
        self.pinpoint = pinpoint
        self.canonical = Self.canonicalText(instrument: instrument, pinpoint: pinpoint)
    }

    /// The canonical form.
    public var description: String { canonical }

    /// The citation of the instrument itself, without a pinpoint.
    public var wholeInstrument: Citation { Citation(instrument: instrument, pinpoint: .whole) }

    private static func canonicalText(instrument: Instrument, pinpoint: Pinpoint) -> String {
        let subdivisions = { (parts: [String]) in parts.map { "(\($0))" }.joined() }
        switch pinpoint {
        case .whole: return instrument.name
        case .section(let number, let parts): return "\(instrument.name) §\(number)\(subdivisions(parts))"
        case .romanSection(let numeral, let parts): return "\(instrument.name) §\(numeral)\(subdivisions(parts))"
        case .appendixSection(let number, let parts): return "\(instrument.name) App. §\(number)\(subdivisions(parts))"
        case .appendix(let name): return "\(instrument.name) App. \(name)"
        case .sectionHeading(let number, let heading): return "\(instrument.name) §\(number) \"\(heading)\""
        case .article(let number, let parts): return "EU AI Act Art. \(number)\(subdivisions(parts))"
        case .annex(let annex, let point, let letter, let section):
            var text = "EU AI Act Annex \(annex)"
            if let point { text += " point \(point)" }
            if let letter { text += "(\(letter))" }
            if let section { text += " Section \(section)" }
            return text
        case .recital(let number): return "EU AI Act Recital \(number)"
        case .chapter(let chapter, let section):
            return "EU AI Act Chapter \(chapter)" + (section.map { " Section \($0)" } ?? "")
        case .nist(let function, let category, let subcategory):
            return "NIST AI RMF \(function) \(category)" + (subcategory.map { ".\($0)" } ?? "")
        case .page(let volume, let page): return "\(volume) FR \(page)"
        case .identifier(let id):
            return instrument == .federalRegisterDocument ? "FR Doc. \(id)" : id
        }
    }
}

/// Why a string could not be read as a citation, and where in the string the problem starts.
public struct CitationSyntaxError: Error, Hashable, Sendable {
    /// The sentence a diagnostic prints.
    public var message: String
    /// UTF-8 offset into the cited text, so a diagnostic can point at the exact character.
    public var offset: Int
}
