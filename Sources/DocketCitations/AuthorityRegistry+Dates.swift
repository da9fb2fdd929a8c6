import DocketSupport

/// When the instrument a citation names came into being and, if so, ended: a comment can only
/// rely on what had been issued by its date, and should not lean on what had been rescinded.
public struct InstrumentDates: Sendable, Hashable {
    /// How messages name the instrument: "OMB M-25-21", "EU AI Act", "88 FR 75625".
    public var instrument: String
    public var issued: CalendarDate
    /// When it took effect, where the registry records a date apart from issue.
    public var effective: CalendarDate?
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
        case .euAIAct: key = "EU AI Act"
        case .nistAIRMF: key = "NIST AI RMF"
        case .dhsInventory: key = Self.dhsInventoryInstrument
        case .federalRegister, .federalRegisterDocument, .regulationsGovDocket, .regulationsGovDocument:
            guard let issued = data.provisions[citation.canonical]?.issued.flatMap(CalendarDate.init(isoOrMonth:)) else { return nil }
            return InstrumentDates(instrument: citation.canonical, issued: issued)
        }
        guard let instrument = data.instruments[key], let issued = CalendarDate(isoOrMonth: instrument.issued) else { return nil }
        return InstrumentDates(
            instrument: key, issued: issued, effective: instrument.effective.flatMap(CalendarDate.init(isoOrMonth:)),
            rescinded: instrument.rescinded.flatMap(CalendarDate.init(isoOrMonth:)), replacedBy: instrument.replacedBy)
    }

    /// The registry's name for the inventory whose IDs (`DHS-2408`) citations use.
    static let dhsInventoryInstrument = "DHS AI use case inventory"
}
