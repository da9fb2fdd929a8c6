/// A stable identifier for a kind of problem. Codes never change meaning once published, so
/// coalition leads can search for them, and scripts can filter on them.
///
/// Ranges: DK0xx files and front matter, DK1xx citations, DK2xx clauses and variables,
/// DK3xx plans, DK4xx dockets, DK5xx signatories, DK6xx Regulations.gov limits and output.
public struct DiagnosticCode: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    /// The code as printed, e.g. `DK101`.
    public let rawValue: String
    /// The code written `rawValue`; the known codes are the static members below.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// The code as printed.
    public var description: String { rawValue }
}

extension DiagnosticCode {
    // Files and front matter
    /// DK001 (error): File cannot be read.
    public static let unreadableFile = Self(rawValue: "DK001")
    /// DK002 (error): Not UTF-8.
    public static let invalidUTF8 = Self(rawValue: "DK002")
    /// DK003 (error): Empty file.
    public static let emptyFile = Self(rawValue: "DK003")
    /// DK004 (error): File too large.
    public static let fileTooLarge = Self(rawValue: "DK004")
    /// DK005 (error): No front matter.
    public static let missingFrontMatter = Self(rawValue: "DK005")
    /// DK006 (error): Front matter not closed.
    public static let unterminatedFrontMatter = Self(rawValue: "DK006")
    /// DK007 (error): Malformed YAML.
    public static let malformedYAML = Self(rawValue: "DK007")
    /// DK008 (warning): Not a DocketKit file.
    public static let unknownFileKind = Self(rawValue: "DK008")
    /// DK010 (error): Missing field.
    public static let missingField = Self(rawValue: "DK010")
    /// DK011 (error): Wrong type.
    public static let wrongType = Self(rawValue: "DK011")
    /// DK012 (warning): Unknown key.
    public static let unknownKey = Self(rawValue: "DK012")
    /// DK013 (error): Duplicate id.
    public static let duplicateID = Self(rawValue: "DK013")
    /// DK014 (error): Invalid id.
    public static let invalidID = Self(rawValue: "DK014")
    /// DK015 (error): Invalid value.
    public static let invalidValue = Self(rawValue: "DK015")
    /// DK016 (error): Empty body.
    public static let emptyBody = Self(rawValue: "DK016")
    /// DK017 (warning): Raw HTML dropped.
    public static let rawHTMLDropped = Self(rawValue: "DK017")
    /// A name that becomes a file or folder name is not one safe path component.
    public static let unsafeName = Self(rawValue: "DK018")
    /// A control character (NUL, ESC, …) in a text file.
    public static let controlCharacter = Self(rawValue: "DK019")
    /// A YAML alias that could expand without limit.
    public static let aliasExpansion = Self(rawValue: "DK020")

    // Citations
    /// DK100 (error): Malformed citation.
    public static let malformedCitation = Self(rawValue: "DK100")
    /// DK101 (error): Unknown citation.
    public static let unknownCitation = Self(rawValue: "DK101")
    /// DK102 (warning): Unverified citation.
    public static let unverifiedCitation = Self(rawValue: "DK102")
    /// DK103 (warning): Rescinded provision cited alone.
    public static let rescindedWithoutSuccessor = Self(rawValue: "DK103")
    /// DK104 (note): Rescinded with no successor.
    public static let rescindedWithoutReplacement = Self(rawValue: "DK104")
    /// DK105 (warning): Identifier does not match its pattern.
    public static let identifierPatternMismatch = Self(rawValue: "DK105")
    /// DK106 (error): Wrong instrument for the field.
    public static let wrongInstrumentForField = Self(rawValue: "DK106")
    /// DK107 (note): Non-canonical spelling.
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
    /// DK201 (error): Template syntax error.
    public static let templateSyntax = Self(rawValue: "DK201")
    /// DK202 (error): Undeclared variable.
    public static let undeclaredVariable = Self(rawValue: "DK202")
    /// DK203 (warning): Unused variable.
    public static let unusedVariable = Self(rawValue: "DK203")
    /// DK204 (error): Unknown variable type.
    public static let unknownVariableType = Self(rawValue: "DK204")
    /// DK205 (error): Default of the wrong type.
    public static let defaultTypeMismatch = Self(rawValue: "DK205")
    /// DK206 (error): Include names no clause.
    public static let unknownPartial = Self(rawValue: "DK206")
    /// DK207 (error): Reference names no recommendation.
    public static let unknownReference = Self(rawValue: "DK207")
    /// DK208 (warning): Clause changed under its version.
    public static let clauseTextChanged = Self(rawValue: "DK208")
    /// DK209 (note): Clause version not recorded.
    public static let clauseNotRecorded = Self(rawValue: "DK209")
    /// DK210 (error): Malformed clause lock.
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
    /// DK301 (error): Unknown clause.
    public static let unknownClause = Self(rawValue: "DK301")
    /// DK302 (error): Unknown recommendation.
    public static let unknownRecommendation = Self(rawValue: "DK302")
    /// DK303 (error): Referenced file missing.
    public static let missingReferencedFile = Self(rawValue: "DK303")
    /// DK304 (error): Variable of the wrong type.
    public static let variableTypeMismatch = Self(rawValue: "DK304")
    /// DK305 (error): Required variable missing.
    public static let missingVariable = Self(rawValue: "DK305")
    /// DK306 (warning): Plan variable unused.
    public static let unusedPlanVariable = Self(rawValue: "DK306")
    /// DK307 (error): Unknown clause version.
    public static let unknownClauseVersion = Self(rawValue: "DK307")
    /// DK308 (error): Unknown docket question.
    public static let unknownQuestion = Self(rawValue: "DK308")
    /// DK309 (error): Submitter fields.
    public static let submitterFields = Self(rawValue: "DK309")
    /// DK310 (error): No library.
    public static let noLibrary = Self(rawValue: "DK310")
    /// DK311 (note): Question coverage.
    public static let questionCoverage = Self(rawValue: "DK311")
    /// DK312 (warning): Newer clause version.
    public static let newerClauseVersion = Self(rawValue: "DK312")
    /// An id a later library layer also defines; the first layer's entry is used.
    public static let shadowedEntry = Self(rawValue: "DK313")

    // Dockets
    /// DK401 (warning): Comment period closed.
    public static let commentPeriodClosed = Self(rawValue: "DK401")
    /// DK402 (error): Document not in the docket.
    public static let documentNotInDocket = Self(rawValue: "DK402")
    /// DK403 (error): Docket ID given as the document.
    public static let docketIDForDocument = Self(rawValue: "DK403")
    /// DK404 (warning): Comment period closing.
    public static let commentPeriodClosing = Self(rawValue: "DK404")
    /// DK405 (error): No document to file on.
    public static let missingDocumentID = Self(rawValue: "DK405")

    // Signatories
    /// DK501 (error): Malformed CSV.
    public static let malformedCSV = Self(rawValue: "DK501")
    /// DK502 (error): Missing column.
    public static let missingColumn = Self(rawValue: "DK502")
    /// DK503 (error): No organization name.
    public static let missingOrganization = Self(rawValue: "DK503")
    /// DK504 (error): Duplicate signatory.
    public static let duplicateSignatory = Self(rawValue: "DK504")
    /// DK505 (error): Malformed email.
    public static let malformedEmail = Self(rawValue: "DK505")
    /// DK506 (warning): Approvals log line corrupt.
    public static let malformedApproval = Self(rawValue: "DK506")
    /// DK507 (warning): Approved an older version.
    public static let approvedOlderVersion = Self(rawValue: "DK507")
    /// DK508 (error): Decision by an unknown signer.
    public static let approvalUnknownSigner = Self(rawValue: "DK508")
    /// DK509 (note): Signers outstanding.
    public static let signersOutstanding = Self(rawValue: "DK509")
    /// DK510 (error): Unknown version.
    public static let approvalUnknownVersion = Self(rawValue: "DK510")
    /// A sign-on letter packaged while listed organizations have not approved its version.
    public static let unapprovedSigners = Self(rawValue: "DK511")
    /// Two rosters give one organization different display names.
    public static let conflictingDisplayName = Self(rawValue: "DK512")

    // Regulations.gov limits and output
    /// DK601 (error): Character the comment box cannot take.
    public static let characterOutsideBMP = Self(rawValue: "DK601")
    /// DK602 (error): Comment text too long.
    public static let commentBoxTooLong = Self(rawValue: "DK602")
    /// DK603 (note): Comment box near its limit.
    public static let commentBoxNearLimit = Self(rawValue: "DK603")
    /// DK604 (error): Empty comment.
    public static let emptyComment = Self(rawValue: "DK604")
    /// DK605 (error): Too many attachments.
    public static let tooManyAttachments = Self(rawValue: "DK605")
    /// DK606 (error): Attachment too large.
    public static let attachmentTooLarge = Self(rawValue: "DK606")
    /// DK607 (error): Empty attachment.
    public static let emptyAttachment = Self(rawValue: "DK607")
    /// DK608 (error): Attachment type refused.
    public static let attachmentTypeNotAccepted = Self(rawValue: "DK608")
    /// DK609 (error): Duplicate attachment name.
    public static let duplicateAttachmentName = Self(rawValue: "DK609")
    /// DK610 (error): Output not written.
    public static let outputNotWritten = Self(rawValue: "DK610")
    /// DK611 (error): Submitter field too long.
    public static let submitterFieldTooLong = Self(rawValue: "DK611")
    /// DK612 (error): Receipt without email.
    public static let receiptWithoutEmail = Self(rawValue: "DK612")
    /// DK613 (error): Private contact data in public text.
    public static let privateFieldInPublicText = Self(rawValue: "DK613")
    /// DK614 (warning): PDF not converted.
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
