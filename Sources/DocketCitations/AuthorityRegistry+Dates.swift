import DocketSupport

/// When the instrument a citation names came into being and, if so, ended: a comment can only
/// rely on what had been issued by its date, and should not lean on what had been rescinded.
public struct InstrumentDates: Sendable, Hashable {
    /// How messages name the instrument: "OMB M-25-21", "EU AI Act", "88 FR 75625".
    public var instrument: String
    /// When the instrument was issued.
    public var issued: CalendarDate
    /// When it took effect, where the registry records a date apart from issue.
    public var effective: CalendarDate?
    /// When it was rescinded, if it was.
    public var rescinded: CalendarDate?
    /// The instrument that replaced it, when rescinded.
    public var replacedBy: String?
}

extension AuthorityRegistry {
    /// The dates the registry records for the instrument `citation` names, or nil when it has
    /// none (an identifier the registry does not list).
    public func dates(of citation: Citation) -> InstrumentDates? {
        let key: String
        switch citation.instrument {
        case .ombMemo(let number): key = "OMB \(number)"
        case .ombReportingGuidance, .ombDraftMemorandum: key = citation.instrument.name
        case .euAIAct: key = "EU AI Act"
        case .nistAIRMF: key = "NIST AI RMF"
        case .dhsInventory: key = Self.dhsInventoryInstrument
        case .federalRegister, .federalRegisterDocument, .regulationsGovDocket, .regulationsGovDocument:
            key = citation.canonical
        }
        return instrumentDates[key]
    }

    /// The dates of every instrument, and of every listed identifier that records when it was
    /// published, keyed as `dates(of:)` looks them up; a date that is not a real day is an error
    /// in the registry itself.
    static func readDates(of data: RegistryData) throws -> [String: InstrumentDates] {
        func date(_ text: String?, of name: String) throws -> CalendarDate? {
            guard let text else { return nil }
            guard let date = CalendarDate(isoOrMonth: text) else {
                throw RegistryDateError(description: "\(name): '\(text)' is not a date written YYYY-MM-DD or YYYY-MM")
            }
            return date
        }
        var dates: [String: InstrumentDates] = [:]
        for (name, instrument) in data.instruments {
            dates[name] = InstrumentDates(
                instrument: name, issued: try date(instrument.issued, of: name)!, effective: try date(instrument.effective, of: name),
                rescinded: try date(instrument.rescinded, of: name), replacedBy: instrument.replacedBy)
        }
        for (name, provision) in data.provisions {
            if let issued = try date(provision.issued, of: name) { dates[name] = InstrumentDates(instrument: name, issued: issued) }
        }
        return dates
    }

    /// The registry's name for the inventory whose IDs (`DHS-2408`) citations use.
    static let dhsInventoryInstrument = "DHS AI use case inventory"
}

/// A registry date that names no real day.
struct RegistryDateError: Error, CustomStringConvertible {
    var description: String
}
