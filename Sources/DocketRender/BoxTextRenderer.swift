import DocketCompose
import DocketModel
/// Text for the Regulations.gov comment box: at most 5,000 characters and 5,000 UTF-8 bytes,
/// nothing outside the Basic Multilingual Plane (the API rejects emoji).
///
/// When the whole document fits, the box carries all of it. When it does not, the box carries a
/// short form built from the same document (who comments, on what, the recommendation titles)
/// ending "See attached file(s).", and the full text goes in the attachment. The text is never
/// cut at the limit: a comment that stops mid-sentence is worse than a pointer to the file.
public enum BoxTextRenderer {
    /// The comment box's limit, in characters and in bytes.
    public static let limit = RegulationsGovLimits.commentLength
    /// The web form warns when this many characters remain.
    public static let warningMargin = 250

    /// The text for the comment box, as measured by Regulations.gov's rules.
    public struct BoxText: Sendable, Hashable {
        /// How much of the document the box carries.
        public enum Form: String, Sendable, Hashable {
            case full
            /// Who, what, the recommendation titles, and a pointer to the attachment.
            case short
            /// As short, without the titles, for documents whose titles alone overflow.
            case minimal
        }

        /// The text, line breaks as LF.
        public var text: String
        /// How much of the document it carries.
        public var form: Form
        /// Counted as the form submits it: each line break as CR LF, two characters and two bytes.
        public var characterCount: Int
        /// UTF-8 bytes, counted the same way.
        public var byteCount: Int
        /// Characters outside the BMP, with the block each came from.
        public var outsideBMP: [(character: Unicode.Scalar, provenance: Provenance?)]

        /// Whether both counts are within the comment box's limit.
        public var fits: Bool { characterCount <= BoxTextRenderer.limit && byteCount <= BoxTextRenderer.limit }

        /// Equal when the text and form are; the measurements follow from them.
        public static func == (lhs: BoxText, rhs: BoxText) -> Bool { lhs.text == rhs.text && lhs.form == rhs.form }
        /// Hashes the text, which determines everything else.
        public func hash(into hasher: inout Hasher) { hasher.combine(text) }
    }

    /// The fullest form that fits the limits, else the minimal form with its measurements for the error.
    public static func render(_ document: ComposedDocument, version: DraftVersion, stamp: VersionStamp = .draft) -> BoxText {
        let (label, value) = stamp.words(version, docketID: document.header.docketID)
        let footer = "\(label) \(value)"
        let full = fullSections(document, footer: footer)
        let candidates: [(BoxText.Form, [(String, Provenance?)])] = [
            (.full, full),
            (.short, shortSections(document, withTitles: true) + [(footer, nil)]),
            (.minimal, shortSections(document, withTitles: false) + [(footer, nil)]),
        ]
        var last: BoxText?
        for (form, sections) in candidates {
            let box = measure(sections, form: form)
            if box.fits { return box }
            last = box
        }
        return last!
    }

    /// Each section's text with the block it came from, for locating a bad character.
    private static func fullSections(_ document: ComposedDocument, footer: String) -> [(String, Provenance?)] {
        var sections: [(String, Provenance?)] = []
        var blockIndex = 0
        for section in DocumentLayout.sections(of: document) {
            switch section {
            case .titleBlock(let title, let details):
                // The docket line reads as itself; the other details keep their label.
                let lines = [title] + details.map { $0.label == .docket ? "Docket No. \($0.value)" : "\($0.label.rawValue): \($0.value)" }
                sections.append((lines.joined(separator: "\n"), nil))
            case .dateLine(let date):
                sections.append((date, nil))
            case .block(let block):
                defer { blockIndex += 1 }
                // A heading whose section the box leaves out (the appendix tables) or that has
                // nothing under it would stand empty.
                if case .heading = block, !hasContent(after: blockIndex, in: document.blocks) { continue }
                if let text = text(of: block) { sections.append(text) }
            case .versionFooter:
                sections.append((footer, nil))
            }
        }
        return sections
    }

    private static func hasContent(after index: Int, in blocks: [Block]) -> Bool {
        let next = index + 1
        guard next < blocks.count else { return false }
        if case .heading = blocks[next] { return false }
        return text(of: blocks[next]).map { !$0.0.isEmpty } ?? false
    }

    private static func text(of block: Block) -> (String, Provenance?)? {
        switch block {
        case .heading(let heading):
            return (heading.text.uppercased(), heading.provenance)
        case .prose(let prose):
            return (PlainText.render(markdown: prose.markdown), prose.provenance)
        case .recommendation(let recommendation):
            let parts = DocumentLayout.parts(of: recommendation).compactMap(text)
            return (parts.filter { !$0.isEmpty }.joined(separator: "\n\n"), recommendation.provenance)
        case .summary(let items):
            return (items.map { "\($0.number). \($0.title)" }.joined(separator: "\n"), nil)
        case .answer(let answer):
            return ("Question \(answer.question). \(answer.questionText)\n\n" + PlainText.render(markdown: answer.markdown), answer.provenance)
        case .signatories(let block):
            return (([block.closing, block.lead].compactMap { $0 } + block.lines).joined(separator: "\n"), nil)
        case .comparisonTable, .authoritiesIndex:
            // Each recommendation already states its authorities and the EU comparison;
            // the appendix tables repeat them for the attachment's reader.
            return nil
        }
    }

    /// The box leaves out the inventory entries: the attachment carries them, and the box
    /// is where space runs out first.
    private static func text(of part: DocumentLayout.RecommendationPart) -> String? {
        switch part {
        case .heading(let label, let title): "\(label): \(title)"
        case .inBrief(let summary): summary
        case .body(let markdown): PlainText.render(markdown: markdown)
        case .usAuthorities(let entries): "US authorities: " + entries.map(\.citation).joined(separator: "; ") + "."
        case .euProvisions(let points): "EU AI Act: " + points.map(\.authority.citation).joined(separator: "; ") + "."
        case .comparison(let markdown): PlainText.render(markdown: markdown)
        case .systems: nil
        }
    }

    private static func shortSections(_ document: ComposedDocument, withTitles: Bool) -> [(String, Provenance?)] {
        let header = document.header
        let what = document.kind == .comment ? "comment" : (document.kind == .signOnLetter ? "sign-on letter" : "letter")
        var opening = (header.from ?? "The submitter") + " submits the attached \(what)"
        if let subject = header.subject {
            opening += " on \u{201C}\(subject)\u{201D}" + (header.docketID.map { " (Docket No. \($0))" } ?? "")
        } else {
            opening += ", \u{201C}\(header.title)\u{201D}"
        }
        if let signatories = document.signatories { opening += ", signed by \(signatories.lines.count) organization\(signatories.lines.count == 1 ? "" : "s")" }
        opening += "."
        var sections: [(String, Provenance?)] = [(opening, nil)]
        let recommendations = document.recommendations
        if !recommendations.isEmpty {
            let count = recommendations.count == 1 ? "one recommendation" : "\(recommendations.count) recommendations"
            if withTitles {
                let list = recommendations.map { "\($0.number). \($0.title)" }.joined(separator: "\n")
                sections.append(("It makes \(count):\n\n\(list)", nil))
            } else {
                sections.append(("It makes \(count).", nil))
            }
        }
        sections.append(("See attached file(s).", nil))
        return sections
    }

    private static func measure(_ sections: [(String, Provenance?)], form: BoxText.Form) -> BoxText {
        let nonEmpty = sections.filter { !$0.0.isEmpty }
        let text = nonEmpty.map(\.0).joined(separator: "\n\n") + "\n"
        var outside: [(Unicode.Scalar, Provenance?)] = []
        for (section, provenance) in nonEmpty {
            for scalar in section.unicodeScalars where scalar.value > 0xFFFF { outside.append((scalar, provenance)) }
        }
        let (characters, bytes) = RegulationsGovLimits.measure(text)
        return BoxText(text: text, form: form, characterCount: characters, byteCount: bytes, outsideBMP: outside)
    }
}
