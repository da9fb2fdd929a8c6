/// What each code means: its usual severity, a title, and an explanation a lead can act on.
/// `docket explain DK613` prints an entry; `docs/diagnostics.md` is generated from this list
/// (`docket explain --all --markdown`), and a test fails when the two differ.
public struct DiagnosticExplanation: Sendable, Hashable {
    /// The code explained.
    public var code: DiagnosticCode
    /// The severity the code is reported with unless a command escalates it.
    public var severity: Diagnostic.Severity
    /// A few words naming the problem.
    public var title: String
    /// What the problem means and what to do, in sentences.
    public var explanation: String
}

extension DiagnosticCode {
    /// This code's entry in the catalog, or nil for a code no release has used.
    public var explanation: DiagnosticExplanation? { DiagnosticCatalog.byCode[self] }
}

/// Every published code, in order.
public enum DiagnosticCatalog {
    /// Every published code's explanation, in code order.
    public static let entries: [DiagnosticExplanation] = rows.map { DiagnosticExplanation(code: $0.0, severity: $0.1, title: $0.2, explanation: $0.3) }

    static let byCode: [DiagnosticCode: DiagnosticExplanation] = Dictionary(uniqueKeysWithValues: entries.map { ($0.code, $0) })

    /// The catalog as the Markdown table in `docs/diagnostics.md`.
    public static func markdown() -> String {
        var text = """
            # Diagnostic codes

            Generated from `Sources/DocketSupport/DiagnosticCatalog.swift` by
            `swift run docket explain --all --markdown > docs/diagnostics.md`; a test fails when this
            file and the catalog differ. `docket explain CODE` prints one entry. The severity is the
            one a code is reported with; `docket package` and `docket submit` make some warnings
            errors (a closed comment period without `--allow-late`, unapproved signers without
            `--allow-unapproved`), and `docket check --werror` makes every warning one.

            | Code | Severity | Title | What it means and what to do |
            |---|---|---|---|

            """
        for entry in entries {
            text += "| \(entry.code) | \(entry.severity) | \(entry.title) | \(entry.explanation.replacingOccurrences(of: "|", with: "\\|")) |\n"
        }
        return text
    }

    private static let rows: [(DiagnosticCode, Diagnostic.Severity, String, String)] = [
        (.unreadableFile, .error, "File cannot be read", "The file or folder named does not exist or cannot be opened. Check the path and its permissions."),
        (.invalidUTF8, .error, "Not UTF-8", "DocketKit reads text files as UTF-8. Save the file as UTF-8; the location is the first byte that is not."),
        (.emptyFile, .error, "Empty file", "The file holds nothing to read: a roster with no header, a library file with no content."),
        (.fileTooLarge, .error, "File too large", "Library, plan and roster files are limited to 5 MB, so a stray data file cannot stall a check."),
        (.missingFrontMatter, .error, "No front matter", "A recommendation or clause starts with YAML front matter between two `---` lines."),
        (.unterminatedFrontMatter, .error, "Front matter not closed", "The front matter opened with `---` has no closing `---` line."),
        (.malformedYAML, .error, "Malformed YAML", "The YAML does not parse. The location is where the parser stopped; fix the indentation or quoting there."),
        (.unknownFileKind, .warning, "Not a DocketKit file", "The file is in a library folder but is neither a recommendation, a clause nor a template; it is ignored."),
        (.missingField, .error, "Missing field", "A required field is absent. The message names the field and what it is for."),
        (.wrongType, .error, "Wrong type", "A field holds the wrong kind of value, such as a list where text is expected."),
        (.unknownKey, .warning, "Unknown key", "A key DocketKit does not read, often a typo; the fix-it suggests the nearest known key."),
        (.duplicateID, .error, "Duplicate id", "Two entries in one library folder share an id (and version). Rename one; the same id in another folder layers over it instead."),
        (.invalidID, .error, "Invalid id", "Ids are lowercase letters, digits, dots and dashes."),
        (
            .invalidValue, .error, "Invalid value",
            "The value is not one this field takes: an unknown output format, a date that names no day, a kind or status DocketKit does not know."
        ),
        (.emptyBody, .error, "Empty body", "A recommendation or clause has front matter but no text."),
        (.rawHTMLDropped, .warning, "Raw HTML dropped", "Rendering drops raw HTML (libcmark's safe mode), so this markup will not appear in any output. Write it as Markdown."),
        (
            .unsafeName, .error, "Name is not one plain path component",
            "A value that becomes a file or folder name (a plan's name, a signer id, a supporter id) must be one plain name: not empty, no `/`, no leading dot, no control character, at most 255 bytes."
        ),
        (.controlCharacter, .error, "Control character", "A NUL, ESC or other control character is in the text. A NUL would cut the text short in HTML and DOCX; remove it."),
        (.aliasExpansion, .error, "YAML alias refused", "A YAML alias of a list or mapping could expand without limit (an alias bomb). Write the values out."),
        (.malformedCitation, .error, "Malformed citation", "The citation is not in a form DocketKit reads, such as `OMB M-24-10 §5(c)(iv)(A)` or `EU AI Act Art. 5(1)(e)`."),
        (
            .unknownCitation, .error, "Unknown citation",
            "The instrument exists but the pinpoint does not: a section, article or annex the registry says it lacks. The message says what it has."
        ),
        (
            .unverifiedCitation, .warning, "Unverified citation",
            "The citation is well formed but no primary text in the registry confirms it. Check it against the source and record it under `confirmed:` or in a library's `authorities.yml`."
        ),
        (
            .rescindedWithoutSuccessor, .warning, "Rescinded provision cited alone",
            "The provision was rescinded by the document's date and its successor is not cited beside it. Cite the successor too (the fix-it names it)."
        ),
        (
            .rescindedWithoutReplacement, .note, "Rescinded with no successor",
            "The provision was rescinded and nothing replaced it; say so in the text, then mark the note done with `addressed: [DK104]`."
        ),
        (
            .identifierPatternMismatch, .warning, "Identifier does not match its pattern",
            "A docket ID, document ID or Federal Register citation is not written the way that identifier is."
        ),
        (.wrongInstrumentForField, .error, "Wrong instrument for the field", "An EU AI Act citation under `authorities:` or a US one under `eu:`; move it to its field."),
        (.nonCanonicalCitation, .note, "Non-canonical spelling", "The citation is right but written differently from its canonical form; the fix-it gives it."),
        (.citedBeforeIssued, .error, "Cited before it was issued", "The document cites an instrument issued after the document's date. Use text written for that date."),
        (
            .factsAfterDocumentDate, .error, "Facts newer than the document",
            "A recommendation or clause rests on evidence published after the document's date (or says `facts-as-of` a later date). Use an entry written for that date."
        ),
        (.missingEUComparison, .error, "No EU AI Act comparison", "A recommendation dated after the EU AI Act was adopted gives no `eu:` comparison."),
        (
            .factWithoutEvidence, .warning, "Fact without evidence",
            "A paragraph states a fact about a system, a date, a count or a finding (it holds a year, a figure, an inventory ID or a quotation) and cites no evidence. Add `[^id]` after the claim and an `evidence:` entry with the source, its publication date and the passage."
        ),
        (.unknownEvidence, .error, "Evidence not found", "A `[^id]` marker names no entry of the file's `evidence:`."),
        (.unusedEvidence, .warning, "Evidence never cited", "An `evidence:` entry that no paragraph cites with `[^id]`; cite it where the claim is, or remove it."),
        (
            .secondaryEvidenceOnly, .note, "Resting on secondary sources",
            "The document being packaged cites pinpoints, or states claims, that only secondary sources support; the note lists them so the lead can confirm each against its primary text before filing."
        ),
        (
            .factsDateWrittenByHand, .warning, "Facts date written by hand",
            "`facts-as-of:` is derived from the publication dates of the file's evidence; remove the line, or give the claims their evidence."
        ),
        (.templateSyntax, .error, "Template syntax error", "The Mustache template does not parse at this location."),
        (.undeclaredVariable, .error, "Undeclared variable", "The body uses a `{{variable}}` its front matter does not declare under `variables:`."),
        (.unusedVariable, .warning, "Unused variable", "A declared variable the body never uses."),
        (.unknownVariableType, .error, "Unknown variable type", "Variables are string, integer, date (YYYY-MM-DD) or list."),
        (.defaultTypeMismatch, .error, "Default of the wrong type", "A variable's default is not of its declared type."),
        (.unknownPartial, .error, "Include names no clause", "A `{{> id}}` include names a clause the library does not have."),
        (.unknownReference, .error, "Reference names no recommendation", "A `{{ref.ID}}` names no recommendation of the plan."),
        (
            .clauseTextChanged, .warning, "Clause changed under its version",
            "The clause's text differs from the hash recorded in `clause-versions.json`: give the changed text a new version, or run `docket library lock`."
        ),
        (.clauseNotRecorded, .note, "Clause version not recorded", "This clause version is not in `clause-versions.json`; `docket library lock` records it."),
        (.malformedClauseLock, .error, "Malformed clause lock", "`clause-versions.json` is not a lock file DocketKit wrote."),
        (.includeCycle, .error, "Include cycle", "Clauses include each other, directly or through others."),
        (.nestingTooDeep, .error, "Nested too deep", "Sections or includes are nested deeper than DocketKit renders."),
        (.expansionTooLarge, .error, "Includes expand too far", "The body's includes would expand past 1,000,000 bytes."),
        (.unknownField, .error, "Unknown field of a built-in value", "A tag such as `{{docket.nonexistent}}` names a field the built-in value does not have."),
        (.unclosedTag, .error, "Tag never closed", "A Mustache tag or comment is opened and never closed."),
        (.unknownClause, .error, "Unknown clause", "The plan names a clause no library layer defines; the fix-it suggests the nearest id."),
        (.unknownRecommendation, .error, "Unknown recommendation", "The plan names a recommendation no library layer defines."),
        (.missingReferencedFile, .error, "Referenced file missing", "A docket, roster or library folder the plan names does not exist or does not load."),
        (.variableTypeMismatch, .error, "Variable of the wrong type", "A plan variable's value is not of the type its clause declares."),
        (.missingVariable, .error, "Required variable missing", "A clause needs a variable the plan does not set and that has no default."),
        (.unusedPlanVariable, .warning, "Plan variable unused", "The plan (or a supporters file's column) sets a variable no clause reads; it is left out."),
        (.unknownClauseVersion, .error, "Unknown clause version", "The plan pins a clause to a version the library does not have."),
        (.unknownQuestion, .error, "Unknown docket question", "A section answers a question number the docket's notice does not ask."),
        (.submitterFields, .error, "Submitter fields", "The submitter's fields are mixed (an individual's name on an organization) or the organization type is missing."),
        (.noLibrary, .error, "No library", "No folder with `Recommendations/` or `Templates/` was found for the plan; add `library: PATH`."),
        (.questionCoverage, .note, "Question coverage", "Which of the notice's numbered questions the comment answers."),
        (.newerClauseVersion, .warning, "Newer clause version", "The plan pins a clause version and the library has a newer one."),
        (.shadowedEntry, .note, "Entry shadowed by an earlier layer", "An id a later library layer also defines; the first layer's entry is used."),
        (
            .commentPeriodClosed, .warning, "Comment period closed",
            "The docket's comment period has closed. A warning in `check`; `package` and `submit` refuse it unless `--allow-late`."
        ),
        (.documentNotInDocket, .error, "Document not in the docket", "The document ID does not belong to the docket ID."),
        (.docketIDForDocument, .error, "Docket ID given as the document", "Comments are filed on a document (`…-0001`), not on the docket itself."),
        (.commentPeriodClosing, .warning, "Comment period closing", "Three days or fewer are left to comment."),
        (.missingDocumentID, .error, "No document to file on", "The docket names no document ID; `docket fetch` reads the one open for comment."),
        (.malformedCSV, .error, "Malformed CSV", "A row does not parse as CSV (an unclosed quote), or has more or fewer fields than the header (warning)."),
        (.missingColumn, .error, "Missing column", "The roster needs an `organization` column (a supporters file an `id` column)."),
        (.missingOrganization, .error, "No organization name", "A roster row, a sign-on form or a correction gives no organization name."),
        (.duplicateSignatory, .error, "Duplicate signatory", "Two rows make the same signer id."),
        (.malformedEmail, .error, "Malformed email", "A contact email is not an address like name@example.org (one `@`, a dotted domain, no spaces)."),
        (.malformedApproval, .warning, "Approvals log line corrupt", "A line of `approvals.jsonl` is not a whole decision, often one cut short by a crash; it counts for nobody."),
        (.approvedOlderVersion, .warning, "Approved an older version", "Signers approved an earlier version; until they approve this one they are not listed."),
        (.approvalUnknownSigner, .error, "Decision by an unknown signer", "A decision names a signer id not in the roster (a warning when read from the log)."),
        (.signersOutstanding, .note, "Signers outstanding", "Signers who have not approved this version: pending, declined or asking for changes."),
        (.approvalUnknownVersion, .error, "Unknown version", "A version that was never stored: give the full hash or a unique prefix of 7 or more digits of a composed version."),
        (
            .unapprovedSigners, .error, "Unapproved signers",
            "A sign-on letter is packaged while listed organizations have not approved its version; `--allow-unapproved` packages it in the names of those who did."
        ),
        (.conflictingDisplayName, .error, "One signer, two names", "Two rosters give one signer id different organization names."),
        (.characterOutsideBMP, .error, "Character the comment box cannot take", "A character outside Unicode's Basic Multilingual Plane (an emoji) in the comment-box text."),
        (.commentBoxTooLong, .error, "Comment text too long", "The comment-box text is over Regulations.gov's 5,000-character limit; the full text goes in the attachment."),
        (.commentBoxNearLimit, .note, "Comment box near its limit", "The comment-box text is within 250 characters of the limit."),
        (.emptyComment, .error, "Empty comment", "The comment has no text."),
        (.tooManyAttachments, .error, "Too many attachments", "Regulations.gov takes at most 20 attachments."),
        (.attachmentTooLarge, .error, "Attachment too large", "An attachment is over 10,000,000 bytes."),
        (.emptyAttachment, .error, "Empty attachment", "An attachment has no content."),
        (.attachmentTypeNotAccepted, .error, "Attachment type refused", "Regulations.gov does not take files of this type."),
        (.duplicateAttachmentName, .error, "Duplicate attachment name", "Two attachments have the same name."),
        (.outputNotWritten, .error, "Output not written", "A file could not be written (a full disk, a folder that is a file, permissions); nothing that was there is changed."),
        (.submitterFieldTooLong, .error, "Submitter field too long", "A submitter field is longer than Regulations.gov takes."),
        (.receiptWithoutEmail, .error, "Receipt without email", "An email receipt is asked for but the submitter has no email."),
        (
            .privateFieldInPublicText, .error, "Private contact data in public text",
            "A signer's email or phone number, or the submitter's, appears in text that is published. Remove it from the clause or variable named."
        ),
        (.pdfNotConverted, .warning, "PDF not converted", "LibreOffice could not make the PDF; the package attaches the DOCX."),
        (.unreadableApprovals, .error, "Approvals log unreadable", "`approvals.jsonl` exists but cannot be read (a folder, or its permissions), so no decision could be counted."),
        (
            .packageOutOfDate, .error, "Package out of date",
            "`docket submit` files only what `docket package` wrote for the version the plan composes to now: a file is missing or changed, or the plan has changed since. Package again."
        ),
        (
            .alreadyFiled, .error, "Already filed",
            "This version was filed before (`submissions.jsonl`), or an earlier run sent it and stopped before its answer was recorded. Look for it on Regulations.gov; `--again` files it a second time."
        ),
        (
            .campaignFolderInUse, .error, "Folder cannot hold a new campaign",
            "`docket init` writes only into a new or empty folder whose name can be the plan's name; it never overwrites."
        ),
        (
            .apiFailure, .error, "API request failed",
            "Regulations.gov or the Federal Register refused the request (a bad key, a rate limit, an unknown docket) or could not be reached. The message says which, with the key masked; nothing was written."
        ),
        (
            .malformedComment, .error, "Not a comment record",
            "A CSV row, a JSON file or a field of one does not read as a Regulations.gov comment: a broken quote, a row with the wrong number of fields, JSON that is not a v4 comment. The location is where reading stopped; the import stored nothing."
        ),
        (
            .unknownCommentSource, .error, "Not an import DocketKit reads",
            "`docket comments import` reads a Regulations.gov bulk-download CSV, a Mirrulations folder (`AGENCY/DOCKET/text-DOCKET/comments/*.json`) and v4 comment JSON files. The path given is none of these."
        ),
        (
            .commentStoreFailure, .error, "Comment store unavailable",
            "The comment store could not be opened or written: a SQLite file that is not a DocketKit store, a full disk, a PostgreSQL server that does not answer or refuses the login. Nothing already stored was changed."
        ),
        (
            .requestBudgetSpent, .error, "Request budget spent",
            "`docket comments pull` keeps to the hourly request budget (1,000 for a registered key) across runs and stopped at it. Everything fetched so far is stored; run the pull again after the time given and it resumes where it stopped."
        ),
        (
            .attachmentWithoutText, .note, "Attachment without text",
            "An attachment's text could not be read: a scanned PDF with no text layer, a file that is not what its name says, a file over 100 MB (skipped). The comment is stored; its attachment is listed as \"no text\" with the reason."
        ),
        (
            .unknownComment, .error, "No such comment",
            "The store holds no comment with that ID. `docket comments list` shows the IDs it holds; `docket comments pull` fetches a docket's comments."
        ),
    ]
}
