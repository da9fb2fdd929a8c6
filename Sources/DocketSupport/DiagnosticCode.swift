/// A stable identifier for a kind of problem. Codes never change meaning once published, so
/// coalition leads can search for them, and scripts can filter on them.
///
/// Ranges: DK0xx files and front matter, DK1xx citations, DK2xx clauses and variables,
/// DK3xx plans, DK4xx dockets, DK5xx signatories, DK6xx Regulations.gov limits and output.
public struct DiagnosticCode: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }
}

extension DiagnosticCode {
    // Files and front matter
    public static let unreadableFile = Self(rawValue: "DK001")
    public static let invalidUTF8 = Self(rawValue: "DK002")
    public static let emptyFile = Self(rawValue: "DK003")
    public static let fileTooLarge = Self(rawValue: "DK004")
    public static let missingFrontMatter = Self(rawValue: "DK005")
    public static let unterminatedFrontMatter = Self(rawValue: "DK006")
    public static let malformedYAML = Self(rawValue: "DK007")
    public static let unknownFileKind = Self(rawValue: "DK008")
    public static let missingField = Self(rawValue: "DK010")
    public static let wrongType = Self(rawValue: "DK011")
    public static let unknownKey = Self(rawValue: "DK012")
    public static let duplicateID = Self(rawValue: "DK013")
    public static let invalidID = Self(rawValue: "DK014")
    public static let invalidValue = Self(rawValue: "DK015")
    public static let emptyBody = Self(rawValue: "DK016")
    public static let rawHTMLDropped = Self(rawValue: "DK017")
    /// A name that becomes a file or folder name is not one safe path component.
    public static let unsafeName = Self(rawValue: "DK018")
    /// A control character (NUL, ESC, …) in a text file.
    public static let controlCharacter = Self(rawValue: "DK019")
    /// A YAML alias that could expand without limit.
    public static let aliasExpansion = Self(rawValue: "DK020")

    // Citations
    public static let malformedCitation = Self(rawValue: "DK100")
    public static let unknownCitation = Self(rawValue: "DK101")
    public static let unverifiedCitation = Self(rawValue: "DK102")
    public static let rescindedWithoutSuccessor = Self(rawValue: "DK103")
    public static let rescindedWithoutReplacement = Self(rawValue: "DK104")
    public static let identifierPatternMismatch = Self(rawValue: "DK105")
    public static let wrongInstrumentForField = Self(rawValue: "DK106")
    public static let nonCanonicalCitation = Self(rawValue: "DK107")
    /// A document cites an instrument issued after the document's date.
    public static let citedBeforeIssued = Self(rawValue: "DK108")
    /// A document uses a recommendation or clause whose facts postdate the document.
    public static let factsAfterDocumentDate = Self(rawValue: "DK109")
    /// A recommendation dated after the EU AI Act gives no comparison with it.
    public static let missingEUComparison = Self(rawValue: "DK110")
    /// A paragraph states a fact (a year, a count, an inventory ID, a quotation) and cites no evidence.
    public static let factWithoutEvidence = Self(rawValue: "DK111")
    /// A `[^id]` marker names no entry of the file's `evidence:`.
    public static let unknownEvidence = Self(rawValue: "DK112")
    /// An `evidence:` entry no paragraph cites.
    public static let unusedEvidence = Self(rawValue: "DK113")
    /// A packaged document rests on pinpoints or claims that only secondary sources support.
    public static let secondaryEvidenceOnly = Self(rawValue: "DK114")
    /// `facts-as-of:` written by hand where the evidence already dates the facts.
    public static let factsDateWrittenByHand = Self(rawValue: "DK115")

    // Clauses and variables
    public static let templateSyntax = Self(rawValue: "DK201")
    public static let undeclaredVariable = Self(rawValue: "DK202")
    public static let unusedVariable = Self(rawValue: "DK203")
    public static let unknownVariableType = Self(rawValue: "DK204")
    public static let defaultTypeMismatch = Self(rawValue: "DK205")
    public static let unknownPartial = Self(rawValue: "DK206")
    public static let unknownReference = Self(rawValue: "DK207")
    public static let clauseTextChanged = Self(rawValue: "DK208")
    public static let clauseNotRecorded = Self(rawValue: "DK209")
    public static let malformedClauseLock = Self(rawValue: "DK210")
    /// Clauses that include each other, directly or through others.
    public static let includeCycle = Self(rawValue: "DK211")
    /// Sections or includes nested deeper than DocketKit renders.
    public static let nestingTooDeep = Self(rawValue: "DK212")
    /// A body whose includes would expand past the size limit.
    public static let expansionTooLarge = Self(rawValue: "DK213")
    /// `{{docket.x}}` and the like naming a field the built-in value does not have.
    public static let unknownField = Self(rawValue: "DK214")
    /// A Mustache tag or comment opened and never closed.
    public static let unclosedTag = Self(rawValue: "DK215")

    // Plans
    public static let unknownClause = Self(rawValue: "DK301")
    public static let unknownRecommendation = Self(rawValue: "DK302")
    public static let missingReferencedFile = Self(rawValue: "DK303")
    public static let variableTypeMismatch = Self(rawValue: "DK304")
    public static let missingVariable = Self(rawValue: "DK305")
    public static let unusedPlanVariable = Self(rawValue: "DK306")
    public static let unknownClauseVersion = Self(rawValue: "DK307")
    public static let unknownQuestion = Self(rawValue: "DK308")
    public static let submitterFields = Self(rawValue: "DK309")
    public static let noLibrary = Self(rawValue: "DK310")
    public static let questionCoverage = Self(rawValue: "DK311")
    public static let newerClauseVersion = Self(rawValue: "DK312")
    /// An id a later library layer also defines; the first layer's entry is used.
    public static let shadowedEntry = Self(rawValue: "DK313")

    // Dockets
    public static let commentPeriodClosed = Self(rawValue: "DK401")
    public static let documentNotInDocket = Self(rawValue: "DK402")
    public static let docketIDForDocument = Self(rawValue: "DK403")
    public static let commentPeriodClosing = Self(rawValue: "DK404")
    public static let missingDocumentID = Self(rawValue: "DK405")

    // Signatories
    public static let malformedCSV = Self(rawValue: "DK501")
    public static let missingColumn = Self(rawValue: "DK502")
    public static let missingOrganization = Self(rawValue: "DK503")
    public static let duplicateSignatory = Self(rawValue: "DK504")
    public static let malformedEmail = Self(rawValue: "DK505")
    public static let malformedApproval = Self(rawValue: "DK506")
    public static let approvedOlderVersion = Self(rawValue: "DK507")
    public static let approvalUnknownSigner = Self(rawValue: "DK508")
    public static let signersOutstanding = Self(rawValue: "DK509")
    public static let approvalUnknownVersion = Self(rawValue: "DK510")
    /// A sign-on letter packaged while listed organizations have not approved its version.
    public static let unapprovedSigners = Self(rawValue: "DK511")
    /// Two rosters give one organization different display names.
    public static let conflictingDisplayName = Self(rawValue: "DK512")

    // Regulations.gov limits and output
    public static let characterOutsideBMP = Self(rawValue: "DK601")
    public static let commentBoxTooLong = Self(rawValue: "DK602")
    public static let commentBoxNearLimit = Self(rawValue: "DK603")
    public static let emptyComment = Self(rawValue: "DK604")
    public static let tooManyAttachments = Self(rawValue: "DK605")
    public static let attachmentTooLarge = Self(rawValue: "DK606")
    public static let emptyAttachment = Self(rawValue: "DK607")
    public static let attachmentTypeNotAccepted = Self(rawValue: "DK608")
    public static let duplicateAttachmentName = Self(rawValue: "DK609")
    public static let outputNotWritten = Self(rawValue: "DK610")
    public static let submitterFieldTooLong = Self(rawValue: "DK611")
    public static let receiptWithoutEmail = Self(rawValue: "DK612")
    public static let privateFieldInPublicText = Self(rawValue: "DK613")
    public static let pdfNotConverted = Self(rawValue: "DK614")
    /// An approvals log that exists but cannot be read.
    public static let unreadableApprovals = Self(rawValue: "DK615")
    /// `docket submit`: the package on disk is not what `docket package` wrote for this version.
    public static let packageOutOfDate = Self(rawValue: "DK616")
    /// `docket submit`: this version was filed already, or an earlier run may have filed it.
    public static let alreadyFiled = Self(rawValue: "DK617")
    /// `docket init`: the folder cannot hold a new campaign.
    public static let campaignFolderInUse = Self(rawValue: "DK618")
    /// Regulations.gov or the Federal Register refused a request, or could not be reached.
    public static let apiFailure = Self(rawValue: "DK619")

    // The docket's comments: `docket comments`
    /// A row, file or field of an import that does not read as a comment.
    public static let malformedComment = Self(rawValue: "DK701")
    /// A path given to `docket comments import` that is no format it reads.
    public static let unknownCommentSource = Self(rawValue: "DK702")
    /// The comment store cannot be opened, migrated or written (a PostgreSQL server that does
    /// not answer included).
    public static let commentStoreFailure = Self(rawValue: "DK703")
    /// `docket comments pull` stopped at the hourly request budget.
    public static let requestBudgetSpent = Self(rawValue: "DK704")
    /// An attachment whose text could not be read: no text layer, a file not what its name
    /// says, a file over the size limit.
    public static let attachmentWithoutText = Self(rawValue: "DK705")
    /// `docket comments show` or a filter names a comment the store does not hold.
    public static let unknownComment = Self(rawValue: "DK706")
}
