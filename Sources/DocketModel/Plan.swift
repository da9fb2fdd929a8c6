import DocketSupport

/// What a coalition lead wants filed: which docket, which text, which values, who signs.
public struct Plan: Sendable {
    /// What the plan produces: a comment, a sign-on letter, or a letter.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case comment
        case signOnLetter = "sign-on-letter"
        case letter
    }

    /// The plan's name, used for its output folder: the `name` field or the folder's name.
    public var name: String
    /// The document's title; without one the composer titles it after the docket.
    public var title: String?
    /// A comment, a sign-on letter, or one organization's letter.
    public var kind: Kind
    /// Path to `docket.yml`, relative to the plan's folder. Letters need none.
    public var docket: Located<String>?
    /// The document template's id.
    public var template: Located<String>?
    /// Path to the library root, relative to the plan's folder.
    public var library: Located<String>? { libraries.first }
    /// Shared libraries searched after the campaign's own folder, in order: paths relative to
    /// the plan's folder (`library: ../coalition-library` or a list of them).
    public var libraries: [Located<String>]
    /// Who files on Regulations.gov.
    public var submitter: Submitter
    /// The values the template and clauses read, as written.
    public var variables: [PlanVariable]
    /// The document's parts, in order.
    public var sections: [PlanSection]
    /// Path to the roster, relative to the plan's folder; a sign-on letter needs one.
    public var signatories: Located<String>?
    /// The formats `compose` writes when none are asked for.
    public var outputs: [Located<OutputFormat>]
    /// Whether Regulations.gov should email the submitter a receipt (`sendEmailReceipt`).
    public var sendEmailReceipt: Bool
    /// Whether the organizations listed must approve a version before it names them (the
    /// default), or sign by being listed (`approvals: not-required`, for one organization's
    /// own comment filed with its partners named).
    public var approvalsRequired = true
    /// The date the document bears (`date:`), which its authorities are judged as of; without
    /// it a letter is dated by its `letter_date` and a comment by its docket's deadline.
    public var date: Located<CalendarDate>?
    /// Whether `docket serve` offers a public form through which new organizations can sign
    /// (`open-sign-on: true`); they wait in the lead's queue until accepted.
    public var openSignOn = false
    /// The `submitter:` block, where the submitter's own contact data belongs.
    public var submitterRange: SourceRange?
    /// Where the plan starts, for diagnostics about the plan as a whole.
    public var source: SourceRange

    /// A plan as loaded, or as a client builds one.
    public init(
        name: String, title: String? = nil, kind: Kind, docket: Located<String>?, template: Located<String>?, library: Located<String>?, submitter: Submitter,
        variables: [PlanVariable],
        sections: [PlanSection], signatories: Located<String>?, outputs: [Located<OutputFormat>], sendEmailReceipt: Bool = false, submitterRange: SourceRange? = nil,
        source: SourceRange
    ) {
        self.submitterRange = submitterRange
        self.sendEmailReceipt = sendEmailReceipt
        self.name = name
        self.title = title
        self.kind = kind
        self.docket = docket
        self.template = template
        self.libraries = library.map { [$0] } ?? []
        self.submitter = submitter
        self.variables = variables
        self.sections = sections
        self.signatories = signatories
        self.outputs = outputs
        self.source = source
    }

    /// Every clause the plan uses, in order, including the ones answering questions.
    public var clauseReferences: [ClauseReference] {
        sections.compactMap { section in
            switch section {
            case .clause(let reference), .answer(_, let reference): reference
            case .heading, .recommendations, .generated: nil
            }
        }
    }

    /// Every recommendation the sections name, in order.
    public var recommendationIDs: [Located<String>] {
        sections.flatMap { section -> [Located<String>] in
            if case .recommendations(let ids) = section { return ids }
            return []
        }
    }
}

/// A value the plan gives a clause variable, before it is checked against the declared type.
public struct PlanVariable: Sendable, Hashable {
    /// A value as written: one scalar or a list.
    public enum RawValue: Sendable, Hashable {
        case scalar(String)
        case list([String])
    }

    /// The variable's name.
    public var name: String
    /// The value as written.
    public var value: RawValue
    /// Where the value was written.
    public var range: SourceRange

    /// A plan as loaded, or as a client builds one.
    public init(name: String, value: RawValue, range: SourceRange) {
        self.name = name
        self.value = value
        self.range = range
    }

    /// The value read as `type`, or nil if it does not fit.
    public func typed(as type: VariableType) -> VariableValue? {
        switch (type, value) {
        case (.string, .scalar(let text)): .string(text)
        case (.integer, .scalar(let text)): Int(text).map(VariableValue.integer)
        case (.date, .scalar(let text)): CalendarDate(iso: text).map(VariableValue.date)
        case (.list, .list(let items)): .list(items)
        default: nil
        }
    }
}

/// One entry of a plan's `sections:`, in order.
public enum PlanSection: Sendable, Hashable {
    case clause(ClauseReference)
    case heading(Located<String>)
    case recommendations([Located<String>])
    /// An answer to the docket's numbered question, written by a clause.
    case answer(question: Located<Int>, clause: ClauseReference)
    /// A part the composer builds from the rest of the document, placed where the plan says.
    case generated(Located<GeneratedPart>)
}

/// Parts of a document that are built, not written: a plan may place them with `- insert: NAME`;
/// those it does not place go where coalition comments conventionally carry them.
public enum GeneratedPart: String, Sendable, Hashable, CaseIterable {
    /// "Summary of recommendations": one line per recommendation, before the recommendations.
    case summary
    /// The signatory block, after the closing.
    case signatures
    /// The EU AI Act comparison table, as an appendix.
    case comparison
    /// "Authorities cited", grouped by instrument, as the last appendix.
    case authorities
}

/// `intro.coalition` or, pinned to a version, `intro.coalition@3`.
public struct ClauseReference: Sendable, Hashable {
    /// The clause's id.
    public var id: String
    /// The version pinned with `@`, or nil for the library's current one.
    public var pinnedVersion: Int?
    /// Where the reference was written.
    public var range: SourceRange

    /// A plan as loaded, or as a client builds one.
    public init(id: String, pinnedVersion: Int?, range: SourceRange) {
        self.id = id
        self.pinnedVersion = pinnedVersion
        self.range = range
    }

    /// Parses `id@version`; nil when the version part is not a positive whole number.
    public init?(parsing text: String, range: SourceRange) {
        let parts = text.split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false)
        guard let first = parts.first, !first.isEmpty else { return nil }
        if parts.count == 2 {
            guard let version = Int(parts[1]), version > 0 else { return nil }
            self.init(id: String(first), pinnedVersion: version, range: range)
        } else {
            self.init(id: String(first), pinnedVersion: nil, range: range)
        }
    }
}

/// Who files the comment, in the three forms Regulations.gov accepts.
public enum Submitter: Sendable, Hashable {
    case individual(Individual)
    case organization(Organization)
    case anonymous

    /// A person filing in their own name.
    public struct Individual: Sendable, Hashable {
        /// The person's first name.
        public var firstName: String
        /// The person's last name.
        public var lastName: String
        /// The person's city.
        public var city: String?
        /// The person's state.
        public var state: String?
        /// The person's ZIP code.
        public var zip: String?
        /// The person's country.
        public var country: String?
        /// Private: Regulations.gov never publishes it; DocketKit never renders it.
        public var email: String?
        /// Private, as `email` is.
        public var phone: String?

        /// A plan as loaded, or as a client builds one.
        public init(
            firstName: String, lastName: String, city: String? = nil, state: String? = nil, zip: String? = nil, country: String? = nil, email: String? = nil, phone: String? = nil
        ) {
            self.firstName = firstName
            self.lastName = lastName
            self.city = city
            self.state = state
            self.zip = zip
            self.country = country
            self.email = email
            self.phone = phone
        }
    }

    /// An organization filing in its name.
    public struct Organization: Sendable, Hashable {
        /// The organization's name, as filed.
        public var name: String
        /// Agency-specific category of organization; Regulations.gov requires one.
        public var organizationType: String?
        /// The organization's city.
        public var city: String?
        /// The organization's state.
        public var state: String?
        /// The organization's country.
        public var country: String?
        /// Private: where a receipt goes; never rendered.
        public var email: String?
        /// Private; never rendered.
        public var phone: String?

        /// A plan as loaded, or as a client builds one.
        public init(name: String, organizationType: String? = nil, city: String? = nil, state: String? = nil, country: String? = nil, email: String? = nil, phone: String? = nil) {
            self.name = name
            self.organizationType = organizationType
            self.city = city
            self.state = state
            self.country = country
            self.email = email
            self.phone = phone
        }
    }
}
