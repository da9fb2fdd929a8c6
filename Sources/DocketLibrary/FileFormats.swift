import DocketSupport

/// One key of a file format: its name, the type of its value, whether a file must have it, what
/// it means, and the keys of its value when that is a mapping of its own.
public struct FormatField: Sendable {
    /// The key as written in the file (or the column of a CSV header, the field of a JSON line).
    public var key: String
    /// The type of the value, as a person writes it: "text", "date (YYYY-MM-DD)", "list of ids".
    public var type: String
    /// Whether a file without this key is an error.
    public var required: Bool
    /// What the value means, in one or two sentences ending with a period.
    public var meaning: String
    /// The keys of each entry when the value is a mapping, or a list of mappings.
    public var fields: [FormatField]

    /// A key; `fields` for a value that has keys of its own.
    public init(_ key: String, _ type: String, required: Bool = false, _ meaning: String, fields: [FormatField] = []) {
        self.key = key
        self.type = type
        self.required = required
        self.meaning = meaning
        self.fields = fields
    }
}

/// The documented schema of one kind of file: the one list its parser takes its allowed keys
/// from, and the one `docs/reference/formats.md` is printed from.
public struct FileFormat: Sendable {
    /// The format's name, as the reference's heading.
    public var name: String
    /// Where such a file lives, e.g. `plan.yml` beside a campaign's docket.
    public var file: String
    /// What the file is for.
    public var summary: String
    /// Its keys, in the order the reference lists them.
    public var fields: [FormatField]

    /// The keys a parser accepts at the top level.
    public var keys: [String] { fields.map(\.key) }

    /// The keys accepted inside the value of `key`; empty when it has none.
    public func keys(of key: String) -> [String] {
        fields.first { $0.key == key }?.fields.map(\.key) ?? []
    }
}

/// Every file format DocketKit reads, each documented once.
public enum FileFormats {
    /// `plan.yml`: what a campaign files.
    public static let plan = FileFormat(
        name: "Plan", file: "`plan.yml`, in a campaign's folder",
        summary: "What a campaign files: its kind, the docket, the template, the libraries searched, the submitter, the template's values and the sections in order.",
        fields: [
            FormatField("name", "plain folder name", "The output folder's name, `out/<name>/`; the plan's folder name when absent."),
            FormatField("title", "text", "The comment's or letter's title; the docket's title when absent."),
            FormatField(
                "date", "date (YYYY-MM-DD)",
                "The document's date, printed on it and given to a template's `letter_date`; citing an instrument issued after it is an error (DK108). Without it, a letter's `letter_date` or the comment deadline's day."
            ),
            FormatField(
                "kind", "comment, sign-on-letter or letter", required: true, "A comment filed on the docket, a letter organizations sign on to, or a letter one organization sends."
            ),
            FormatField("docket", "path", "The campaign's `docket.yml`. Required for a comment."),
            FormatField("template", "id", "The document template (`Templates/<id>.md`): `comment` or `letter`."),
            FormatField("library", "path or list of paths", "Shared library folders searched, in order, after the plan's own folder."),
            FormatField(
                "submitter", "mapping", required: true, "Who files on Regulations.gov; its fields are the comment form's.",
                fields: [
                    FormatField("type", "individual, organization or anonymous", required: true, "Which of the comment form's three submitters files."),
                    FormatField("firstName", "text", "An individual's first name (required for an individual)."),
                    FormatField("lastName", "text", "An individual's last name (required for an individual)."),
                    FormatField("organization", "text", "The organization's name (required for an organization)."),
                    FormatField("organizationType", "text", "The agency's category for the organization, as the comment form lists it."),
                    FormatField("city", "text", "The submitter's city."),
                    FormatField("state", "text", "The submitter's state."),
                    FormatField("zip", "text", "The submitter's ZIP code."),
                    FormatField("country", "text", "The submitter's country."),
                    FormatField("email", "email address", "Where Regulations.gov sends the receipt; never printed in a public output."),
                    FormatField("phone", "text", "The submitter's phone; never printed in a public output."),
                    FormatField("receipt", "true or false", "Ask Regulations.gov to email a receipt (needs `email`)."),
                ]),
            FormatField("variables", "mapping of name to value", "The values the template and clauses read; each clause declares the type it expects."),
            FormatField(
                "sections", "list", required: true, "The document's parts in order; each entry is one of these keys.",
                fields: [
                    FormatField("clause", "clause id, optionally @version", "A clause from the library."),
                    FormatField("heading", "text", "A heading."),
                    FormatField("recommendations", "list of recommendation ids", "The recommendations, numbered, each with its authorities."),
                    FormatField("insert", "signatures", "Where the list of organizations that approved this version goes."),
                    FormatField("answer", "question number", "With `clause`: the clause answers the docket's numbered question."),
                ]),
            FormatField("signatories", "path", "The roster (`signatories.csv`). Required for a sign-on letter."),
            FormatField(
                "approvals", "required or not-required",
                "`required` (the default): a letter names only the organizations that approved its version. `not-required`: one organization's own comment that names partners as listed, without asking each to approve."
            ),
            FormatField("outputs", "list of md, html, txt, docx", "The formats `docket compose` writes when `--format` is not given."),
            FormatField("open-sign-on", "true or false", "Let organizations not on the roster ask to join on the review server."),
        ])

    /// `docket.yml`: the docket a campaign answers.
    public static let docket = FileFormat(
        name: "Docket", file: "`docket.yml`, in a campaign's folder; `docket fetch` writes it",
        summary: "The docket and the document comments are filed on, its comment period and the notice's questions, each fetched field with where it came from.",
        fields: [
            FormatField("id", "docket ID", required: true, "The Regulations.gov docket ID, e.g. OMB-2023-0020."),
            FormatField("document", "document ID", "The document comments are filed on, e.g. OMB-2023-0020-0001."),
            FormatField("objectId", "16 hex digits", "The document's internal id; comments hang off it in the API."),
            FormatField("agency", "agency acronym", required: true, "The agency, e.g. OMB."),
            FormatField("agencyName", "text", "The agency's name as the notice prints it."),
            FormatField("title", "text", required: true, "The docket's title."),
            FormatField("rin", "RIN", "The Regulation Identifier Number, when the docket has one."),
            FormatField("federalRegister", "citation", "The notice's Federal Register citation, e.g. 88 FR 75625."),
            FormatField("frDocument", "FR document number", "The notice's document number, e.g. 2023-24269."),
            FormatField("published", "date (YYYY-MM-DD)", "The notice's publication date."),
            FormatField("commentsOpen", "timestamp with offset", "When the comment period opened."),
            FormatField("commentsClose", "timestamp with offset", "When the comment period closes, e.g. 2023-12-05T23:59:00-05:00."),
            FormatField(
                "questions", "list", "The notice's numbered questions.",
                fields: [
                    FormatField("number", "integer", required: true, "The number the notice gives the question."),
                    FormatField("text", "text", required: true, "The question."),
                ]),
            FormatField(
                "confirmed", "list", "Identifiers a person (or `docket fetch`) checked at their source, so they are not called unverified.",
                fields: [
                    FormatField("id", "identifier", required: true, "The docket ID, document ID or citation checked."),
                    FormatField("by", "text", required: true, "Who checked it."),
                    FormatField("on", "date (YYYY-MM-DD)", required: true, "When."),
                    FormatField("at", "URL", required: true, "Where it was read."),
                ]),
            FormatField(
                "fetched", "mapping of field to source", "Where `docket fetch` read each field, and when.",
                fields: [
                    FormatField("from", "URL", required: true, "The address the field was read from."),
                    FormatField("at", "timestamp", required: true, "When it was read."),
                ]),
        ])

    /// A recommendation's front matter.
    public static let recommendation = FileFormat(
        name: "Recommendation", file: "`Recommendations/<id>.md`: YAML front matter, then the recommendation's text in Markdown",
        summary: "One thing the coalition asks for, with the authorities it rests on and, where it has one, its comparison with the EU AI Act.",
        fields: [
            FormatField("id", "id (lower-case words joined by hyphens)", required: true, "How plans name it; unique across the libraries a plan searches."),
            FormatField("title", "text", required: true, "The recommendation as a heading."),
            FormatField("summary", "text", required: true, "One sentence, used in the summary list and the comment box."),
            FormatField("tags", "list of words", "For `docket library list --tag` and search."),
            FormatField("systems", "list of DHS AI inventory IDs", "The DHS systems it speaks to, e.g. DHS-2408; each checked against the registry."),
            FormatField(
                "authorities", "list", "The US authorities it rests on.",
                fields: [
                    FormatField("cite", "citation", required: true, "A pinpoint the citation grammar reads, e.g. OMB M-25-21 App. §4(b)(vi)."),
                    FormatField("note", "text", "What the authority says that matters here."),
                ]),
            FormatField(
                "eu", "list", "The EU AI Act provisions compared (required with `comparison`).",
                fields: [
                    FormatField("cite", "EU AI Act citation", required: true, "e.g. EU AI Act Art. 86(1)."),
                    FormatField("requires", "text", required: true, "What the provision requires, in one sentence."),
                ]),
            FormatField("comparison", "text", "How the US rule compares with the EU's, for the comparison table."),
            FormatField("addressed", "list of diagnostic codes", "Notes the text already answers (DK104), so they are not repeated."),
            FormatField("facts-as-of", "date (YYYY-MM-DD)", "The date the text was written for, when it records no evidence; otherwise derived from the evidence."),
            FormatField(
                "evidence", "mapping of evidence id to entry", "The sources of the text's statements of fact, each cited in the text as `[^id]`; see the Evidence format.",
                fields: []),
        ])

    /// A clause's or document template's front matter.
    public static let clause = FileFormat(
        name: "Clause", file: "`Templates/clauses/<name>.md` (a clause) or `Templates/<id>.md` (a document template): YAML front matter, then a Mustache body",
        summary: "A reusable paragraph, or a document's skeleton, with the variables it reads declared and typed.",
        fields: [
            FormatField("id", "dotted id, e.g. intro.coalition", required: true, "How plans and other clauses name it."),
            FormatField(
                "version", "integer", required: true, "Raised whenever the text changes; plans may pin `id@version`, and `docket library lock` records each version's hash."),
            FormatField("title", "text", required: true, "What the clause is, for `docket library list`."),
            FormatField("description", "text", "When to use it."),
            FormatField("tags", "list of words", "For `docket library list --tag` and search."),
            FormatField(
                "variables", "mapping of variable name to declaration", "Each variable the body reads.",
                fields: [
                    FormatField("type", "string, integer, date or list", required: true, "What a plan must give; anything else is an error at the value."),
                    FormatField("required", "true or false", "A plan that uses the clause must give a value."),
                    FormatField("default", "value of the type", "The value when a plan gives none."),
                    FormatField("description", "text", "What the value is for."),
                ]),
            FormatField("facts-as-of", "date (YYYY-MM-DD)", "As for a recommendation."),
            FormatField("evidence", "mapping of evidence id to entry", "As for a recommendation; see the Evidence format."),
        ])

    /// One entry under `evidence:` in a recommendation's or clause's front matter.
    public static let evidence = FileFormat(
        name: "Evidence", file: "each entry under `evidence:` in a recommendation's or clause's front matter, keyed by an id the text cites as `[^id]`",
        summary: "What supports one statement of fact: the source, when it was published, and the passage read.",
        fields: [
            FormatField("kind", "primary or secondary", required: true, "Primary: the instrument's or the system owner's own text. Secondary: an account of it."),
            FormatField("source", "URL", required: true, "The source's address."),
            FormatField("read", "URL", "Where the passage was read, when that is a faithful copy of the source (an archive, a data file)."),
            FormatField("published", "date (YYYY-MM-DD)", required: true, "When the source was published; the newest gives the entry's facts-as-of date."),
            FormatField("passage", "text", required: true, "The words of the source that support the statement."),
        ])

    /// `signatories.csv`: the roster of a sign-on letter.
    public static let roster = FileFormat(
        name: "Roster", file: "`signatories.csv`, beside the plan: a CSV file with a header row",
        summary: "The organizations asked to sign, one a row. Only `organization`, `city` and `state` ever reach a public output.",
        fields: [
            FormatField(
                "id", "id (lower-case words joined by hyphens)", "The signer's id in `approvals.jsonl` and on the command line; made from the organization's name when absent."),
            FormatField("organization", "text", required: true, "The name printed in the letter once the organization approves."),
            FormatField("city", "text", "Printed after the name."),
            FormatField("state", "text", "Printed after the city."),
            FormatField("contact_name", "text", "Private: who the invitation goes to."),
            FormatField("contact_email", "email address", "Private: where the invitation goes."),
            FormatField("contact_phone", "text", "Private."),
        ])

    /// `approvals.jsonl`: every decision, one JSON object a line, appended by `docket sign` and the review server.
    public static let approvals = FileFormat(
        name: "Approvals", file: "`approvals.jsonl`, beside the roster: one JSON object a line, only ever appended",
        summary: "Each decision a signer made, bound to the version it was made on; the latest decision of each signer counts.",
        fields: [
            FormatField("signer", "roster id", required: true, "Who decided."),
            FormatField("decision", "approve, decline or request-changes", required: true, "What they decided."),
            FormatField("version", "sha256:<64 hex digits>", required: true, "The version of the text decided on."),
            FormatField("at", "timestamp (ISO 8601, UTC)", required: true, "When."),
            FormatField("comment", "text", "What they asked for, or why."),
        ])

    /// Every format, in the reference's order.
    public static let all = [plan, docket, recommendation, clause, evidence, roster, approvals]

    /// The reference, as `docs/reference/formats.md`.
    public static func markdown() -> String {
        var out = """
            # File formats

            Generated from `Sources/DocketLibrary/FileFormats.swift`, the schema each parser takes its keys
            from, by `Tools/generate-format-reference > docs/reference/formats.md`; a test fails when this
            file and the schema differ. A key a format does not list is a warning (DK012) at its line, with
            the nearest known key suggested.


            """
        for format in all {
            out += "## \(format.name)\n\n\(format.file). \(format.summary)\n\n"
            out += table(format.fields)
            for field in format.fields where !field.fields.isEmpty {
                out += "\n### \(format.name): `\(field.key)`\n\n" + table(field.fields)
            }
            out += "\n"
        }
        return String(out.dropLast())
    }

    private static func table(_ fields: [FormatField]) -> String {
        var out = "| Key | Type | Required | Meaning |\n| --- | --- | --- | --- |\n"
        for field in fields {
            out += "| `\(field.key)` | \(field.type) | \(field.required ? "yes" : "") | \(field.meaning.replacingOccurrences(of: "|", with: "\\|")) |\n"
        }
        return out
    }
}
