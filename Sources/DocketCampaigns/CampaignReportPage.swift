import DocketSupport

/// The campaigns report as one standalone HTML page: no script, no outside file, charts as
/// inline SVG, each with a text alternative and the same numbers in a table beside it.
public enum CampaignReportPage {
    /// Okabe and Ito's palette, told apart with any colour vision: five campaigns, other
    /// campaigns, and grey for "not in a campaign".
    static let colors = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#BBBBBB"]
    /// The share bar's parts: in campaigns, standing alone (the same grey), stubs, empty.
    static let shareColors = ["#0072B2", "#BBBBBB", "#F0E442", "#000000"]

    public static func html(_ report: CampaignReport, title: String, generated: String) -> String {
        var page = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(XML.escape(title))</title>
            <style>
            body { font: 16px/1.5 system-ui, sans-serif; color: #1a1a1a; background: #fff; max-width: 60rem; margin: 0 auto; padding: 1.5rem; }
            h1 { font-size: 1.6rem; margin-bottom: 0.25rem; }
            h2 { font-size: 1.25rem; margin-top: 2.5rem; border-bottom: 1px solid #ccc; }
            h3 { font-size: 1.05rem; margin-bottom: 0.25rem; }
            .meta { color: #444; }
            figure { margin: 1rem 0; }
            figcaption { font-weight: 600; }
            svg { max-width: 100%; height: auto; }
            svg text { font: 12px system-ui, sans-serif; fill: #1a1a1a; }
            table { border-collapse: collapse; margin: 0.5rem 0 1rem; }
            th, td { border: 1px solid #bbb; padding: 0.2rem 0.5rem; text-align: left; vertical-align: top; }
            td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
            details { margin: 0.5rem 0; }
            summary { cursor: pointer; }
            blockquote { margin: 0.5rem 0; padding: 0.5rem 1rem; border-left: 4px solid #0072B2; background: #f4f7fa; white-space: pre-wrap; }
            .addition { border-left-color: #E69F00; background: #fbf6ec; }
            .key { display: inline-block; width: 0.9rem; height: 0.9rem; vertical-align: middle; margin-right: 0.3rem; border: 1px solid #555; }
            ul.legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; }
            </style>
            </head>
            <body>
            <main>
            <h1>\(XML.escape(title))</h1>
            <p class="meta">\(XML.escape(generated)). Comments are the same campaign when about half or more of their five-word phrases are shared (estimated Jaccard similarity \(format(report.threshold)) or more)\(report.noticeStruck ? ", after striking the phrases the notice itself contains" : ""). A member that adds 300 or more words of its own counts on its own.</p>

            """
        page += summary(report)
        page += sizesChart(report)
        page += daysChart(report)
        page += campaignsSection(report)
        page += "</main>\n</body>\n</html>\n"
        return page
    }

    static func summary(_ report: CampaignReport) -> String {
        let parts: [(String, Int)] = [
            ("In campaigns", report.inCampaigns), ("Standing alone", report.standAlone), ("Stubs (under 40 words)", report.stubs.count), ("Empty", report.empty),
        ]
        var html = "<h2 id=\"share\">Share of comments in campaigns</h2>\n"
        html += "<p>\(Wording.number(report.comments)) comments; \(Wording.number(report.inCampaigns)) (\(percent(report.shareInCampaigns))) in \(Wording.number(report.campaigns.count)) campaigns. An agency that counts each campaign once counts \(Wording.number(report.collapsedCount)).</p>\n"
        let width = 600.0
        var x = 0.0
        var bars = ""
        for (index, part) in parts.enumerated() where part.1 > 0 {
            let share = Double(part.1) / Double(max(report.comments, 1))
            let w = share * width
            bars += "<rect x=\"\(format(x))\" y=\"0\" width=\"\(format(w))\" height=\"32\" fill=\"\(shareColors[index])\"></rect>\n"
            x += w
        }
        let description = parts.map { "\($0.0): \(Wording.number($0.1)) (\(percent(Double($0.1) / Double(max(report.comments, 1)))))" }.joined(separator: "; ")
        html += "<figure>\n<figcaption id=\"share-title\">All comments, by what they are</figcaption>\n"
        html += "<svg viewBox=\"0 0 600 32\" width=\"600\" height=\"32\" role=\"img\" aria-labelledby=\"share-title share-desc\"><desc id=\"share-desc\">\(XML.escape(description))</desc>\n\(bars)</svg>\n"
        html += "<ul class=\"legend\">" + parts.enumerated().map { "<li><span class=\"key\" style=\"background:\(shareColors[$0.offset])\"></span>\(XML.escape($0.element.0)): \(Wording.number($0.element.1))</li>" }.joined() + "</ul>\n</figure>\n"
        return html
    }

    static func sizesChart(_ report: CampaignReport) -> String {
        let shown = Array(report.campaigns.prefix(20))
        var html = "<h2 id=\"sizes\">Campaign sizes</h2>\n"
        guard !shown.isEmpty else { return html + "<p>No campaigns: no two comments are near-identical.</p>\n" }
        let largest = Double(shown[0].size)
        let rowHeight = 22.0
        let labelWidth = 170.0
        let barWidth = 380.0
        var bars = ""
        for (index, campaign) in shown.enumerated() {
            let y = Double(index) * rowHeight
            let w = max(1, Double(campaign.size) / largest * barWidth)
            bars += "<text x=\"0\" y=\"\(format(y + 15))\">\(index + 1). \(XML.escape(String(campaign.id.suffix(22))))</text>"
            bars += "<rect x=\"\(format(labelWidth))\" y=\"\(format(y + 3))\" width=\"\(format(w))\" height=\"16\" fill=\"\(colors[0])\"></rect>"
            bars += "<text x=\"\(format(labelWidth + w + 6))\" y=\"\(format(y + 15))\">\(Wording.number(campaign.size))</text>\n"
        }
        let height = Double(shown.count) * rowHeight + 4
        let description = shown.enumerated().map { "campaign \($0.offset + 1), \(Wording.number($0.element.size)) comments" }.joined(separator: "; ")
        html += "<figure>\n<figcaption id=\"sizes-title\">The \(shown.count == 1 ? "campaign" : "\(shown.count) largest campaigns"), in comments</figcaption>\n"
        html += "<svg viewBox=\"0 0 640 \(format(height))\" width=\"640\" height=\"\(format(height))\" role=\"img\" aria-labelledby=\"sizes-title sizes-desc\"><desc id=\"sizes-desc\">\(XML.escape(description))</desc>\n\(bars)</svg>\n</figure>\n"
        return html
    }

    static func daysChart(_ report: CampaignReport) -> String {
        var html = "<h2 id=\"days\">Comments per day, campaigns stacked</h2>\n"
        guard !report.days.isEmpty else { return html + "<p>No comment has a posted date.</p>\n" }
        let largest = Double(report.days.map(\.comments).max() ?? 1)
        let chartHeight = 200.0
        let barWidth = max(2, min(24, 600 / Double(report.days.count)))
        let campaigns = report.days.first?.largestCampaigns.count ?? 0
        var bars = ""
        for (index, day) in report.days.enumerated() {
            let x = 40 + Double(index) * barWidth
            var top = chartHeight
            let segments = day.largestCampaigns.enumerated().map { ($0.element, colors[$0.offset]) } + [(day.otherCampaigns, colors[5])]
                + [(day.comments - day.largestCampaigns.reduce(0, +) - day.otherCampaigns, colors[6])]
            for (count, color) in segments where count > 0 {
                let h = Double(count) / largest * chartHeight
                top -= h
                bars += "<rect x=\"\(format(x))\" y=\"\(format(top))\" width=\"\(format(max(1, barWidth - 1)))\" height=\"\(format(h))\" fill=\"\(color)\"></rect>"
            }
        }
        let axis = "<text x=\"0\" y=\"12\">\(Wording.number(Int(largest)))</text><text x=\"0\" y=\"\(format(chartHeight))\">0</text>"
            + "<text x=\"40\" y=\"\(format(chartHeight + 16))\">\(XML.escape(report.days.first!.date))</text>"
            + "<text x=\"\(format(40 + Double(report.days.count) * barWidth))\" y=\"\(format(chartHeight + 16))\" text-anchor=\"end\">\(XML.escape(report.days.last!.date))</text>"
        let width = 40 + Double(report.days.count) * barWidth + 10
        let peak = report.days.max { $0.comments < $1.comments }!
        let description = "\(report.days.count) days from \(report.days.first!.date) to \(report.days.last!.date); the most comments, \(Wording.number(peak.comments)), on \(peak.date). The table below gives every day."
        html += "<figure>\n<figcaption id=\"days-title\">Comments posted each day</figcaption>\n"
        html += "<svg viewBox=\"0 0 \(format(width)) \(format(chartHeight + 22))\" width=\"\(format(width))\" height=\"\(format(chartHeight + 22))\" role=\"img\" aria-labelledby=\"days-title days-desc\"><desc id=\"days-desc\">\(XML.escape(description))</desc>\n\(axis)\n\(bars)\n</svg>\n"
        var legend = (0..<campaigns).map { "<li><span class=\"key\" style=\"background:\(colors[$0])\"></span>Campaign \($0 + 1)</li>" }
        legend.append("<li><span class=\"key\" style=\"background:\(colors[5])\"></span>Other campaigns</li>")
        legend.append("<li><span class=\"key\" style=\"background:\(colors[6])\"></span>Not in a campaign</li>")
        html += "<ul class=\"legend\">\(legend.joined())</ul>\n</figure>\n"
        html += "<details>\n<summary>Every day's counts</summary>\n<table>\n<caption>Comments posted per day</caption>\n<thead><tr><th scope=\"col\">Day</th><th scope=\"col\" class=\"n\">Comments</th>"
        html += (0..<campaigns).map { "<th scope=\"col\" class=\"n\">Campaign \($0 + 1)</th>" }.joined() + "<th scope=\"col\" class=\"n\">Other campaigns</th></tr></thead>\n<tbody>\n"
        for day in report.days {
            html += "<tr><th scope=\"row\">\(XML.escape(day.date))</th><td class=\"n\">\(Wording.number(day.comments))</td>"
                + day.largestCampaigns.map { "<td class=\"n\">\(Wording.number($0))</td>" }.joined() + "<td class=\"n\">\(Wording.number(day.otherCampaigns))</td></tr>\n"
        }
        html += "</tbody>\n</table>\n</details>\n"
        return html
    }

    static func campaignsSection(_ report: CampaignReport) -> String {
        var html = "<h2 id=\"campaigns\">The campaigns</h2>\n"
        guard !report.campaigns.isEmpty else { return html + "<p>None.</p>\n" }
        html += "<table>\n<caption>Each campaign</caption>\n<thead><tr><th scope=\"col\">#</th><th scope=\"col\">Medoid comment</th><th scope=\"col\" class=\"n\">Comments</th><th scope=\"col\" class=\"n\">Stands for</th><th scope=\"col\" class=\"n\">Organizations</th><th scope=\"col\">Posted</th></tr></thead>\n<tbody>\n"
        for (index, campaign) in report.campaigns.prefix(200).enumerated() {
            // Only the first 50 have a section of their own to link to.
            let name = index < 50 ? "<a href=\"#c\(index + 1)\">\(XML.escape(campaign.id))</a>" : XML.escape(campaign.id)
            html += "<tr><td class=\"n\">\(index + 1)</td><td>\(name)</td><td class=\"n\">\(Wording.number(campaign.size))</td><td class=\"n\">\(Wording.number(campaign.represents))</td><td class=\"n\">\(Wording.number(campaign.organizations.count))</td><td>\(XML.escape(dates(campaign)))</td></tr>\n"
        }
        html += "</tbody>\n</table>\n"
        if report.campaigns.count > 200 { html += "<p>\(Wording.number(report.campaigns.count - 200)) smaller campaigns are in the JSON report.</p>\n" }
        for (index, campaign) in report.campaigns.prefix(50).enumerated() {
            html += "<section aria-labelledby=\"c\(index + 1)\">\n<h3 id=\"c\(index + 1)\">\(index + 1). \(XML.escape(campaign.id)): \(Wording.number(campaign.size)) comments</h3>\n"
            html += "<p>Stands for \(Wording.number(campaign.represents)) with the agency's duplicate counts; posted \(XML.escape(dates(campaign))).</p>\n"
            if !campaign.organizations.isEmpty {
                html += "<p>Organizations: " + campaign.organizations.prefix(12).map { "\(XML.escape($0.name)) (\($0.comments))" }.joined(separator: ", ")
                    + (campaign.organizations.count > 12 ? ", and \(campaign.organizations.count - 12) more" : "") + ".</p>\n"
            }
            html += "<details>\n<summary>The medoid's text</summary>\n<blockquote>\(XML.escape(campaign.medoidText.count > 6000 ? String(campaign.medoidText.prefix(6000)) + " …" : campaign.medoidText))</blockquote>\n</details>\n"
            for addition in campaign.additions {
                html += "<p>\(XML.escape(addition.commentID)) adds \(Wording.number(addition.words)) words of its own, for example:</p>\n<blockquote class=\"addition\">\(XML.escape(String(addition.passage.prefix(1200))))</blockquote>\n"
            }
            html += "</section>\n"
        }
        return html
    }

    static func dates(_ campaign: Campaign) -> String {
        switch (campaign.firstPosted, campaign.lastPosted) {
        case (let first?, let last?) where first == last: first
        case (let first?, let last?): "\(first) to \(last)"
        default: "no date"
        }
    }

    static func percent(_ share: Double) -> String {
        let tenths = Int((share * 1000).rounded())
        return "\(tenths / 10).\(tenths % 10)%"
    }

    static func format(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        return hundredths % 100 == 0 ? "\(hundredths / 100)" : "\(hundredths / 100).\(String(hundredths % 100).leftPadded(to: 2))"
    }
}
