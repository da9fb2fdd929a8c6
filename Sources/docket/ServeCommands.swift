import ArgumentParser
import DocketKit
import DocketModel
import DocketReview
import DocketServer
import DocketSupport
import Foundation

extension Docket {
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Serve the review pages signatories approve, decline or comment on, and the lead's dashboard.",
            discussion: """
                Decisions go to approvals.jsonl beside signatories.csv, the log 'docket sign', 'signers' and 'package' read. \
                Invitations, listing corrections and the open sign-on queue are kept in .docket/store.sqlite in the campaign folder. \
                The lead logs in with the token in DOCKET_LEAD_TOKEN, or in --lead-token-file; without either, a new token is written \
                to .docket/lead-token (readable by its owner only) and its path printed.
                """)

        @Argument(help: "The plan file.")
        var plan: String

        @Option(name: .long, help: "The address to listen on.")
        var host: String = "127.0.0.1"

        @Option(name: .long, help: "The port to listen on; 0 picks a free one.")
        var port: Int = 8080

        @Option(name: .long, help: "A file holding the lead's token.")
        var leadTokenFile: String?

        @Flag(name: .long, help: "Mark cookies Secure: set when a TLS proxy serves the pages over HTTPS.")
        var secureCookies = false

        func run() async throws {
            let base = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            // A plan that does not compose stops here, before anything is written for it.
            let signOff = try openSignOff(plan)
            let token: String
            do {
                let resolved = try LeadToken.resolve(file: leadTokenFile, campaign: signOff.campaign)
                token = resolved.token
                if let file = resolved.createdIn { writeStandardOutput("the lead's token is in \(file.path)\n") }
            } catch {
                report([error])
                throw ExitCode.failure
            }
            let campaign: ReviewCampaign
            do {
                campaign = try ReviewCampaign(signOff: signOff, plan: plan, baseDirectory: base, leadToken: token)
            } catch {
                writeStandardError("docket serve: \(error)\n")
                throw ExitCode.failure
            }
            let options = ReviewServer.Options(host: host, port: port, secureCookies: secureCookies)
            let (host, plan) = (self.host, self.plan)
            do {
                try await ReviewServer.run(campaign, options: options) { port in
                    writeStandardOutput("serving \(plan) at http://\(host):\(port)/ (signers: /s/<link>, lead: /lead)\n")
                }
            } catch {
                writeStandardError("docket serve: \(error)\n")
                throw ExitCode.failure
            }
        }
    }

    struct Invite: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Give every signer a personal review link, as a mail-merge CSV and one email draft each.",
            discussion: """
                Writes out/<plan>/invitations/: invitations.csv and <signer>.eml drafts to send from your own mail client. \
                They hold contact data and live links: keep them private. Only a hash of each link's secret is stored. \
                Signers who already hold a link keep it; --revoke ends one, and the next run gives that signer a new link.
                """)

        @OptionGroup var links: LinkOptions

        @Option(name: .long, help: "End this signer's link instead of inviting.")
        var revoke: String?

        @Option(name: .long, help: "The folder the invitations are written to (default: out/<plan>/invitations).")
        var out: String?

        var plan: String { links.plan }

        func run() throws {
            let base = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            let signOff = try openSignOff(plan)
            let store = try SignOnStore(campaign: signOff.campaign)
            if let revoke {
                guard try store.revokeInvitation(for: revoke) else {
                    writeStandardError("signer '\(revoke)' holds no invitation\n")
                    throw ExitCode.failure
                }
                writeStandardOutput("revoked the link of \(revoke); 'docket invite' gives them a new one\n")
                return
            }
            let folder = out.map { base.resolving($0) } ?? signOff.campaign.outputs(under: base.appendingPathComponent(Campaign.defaultOutputRoot)).invitations
            let result = try links.invitations(signOff, store: store).write(into: folder, at: commandNow)
            writeStandardOutput("invited \(Wording.count(result.invited.count, "signer")) in \(result.folder.path)")
            if !result.alreadyInvited.isEmpty { writeStandardOutput("; \(result.alreadyInvited.count) already hold a link") }
            writeStandardOutput("\n")
            if !result.withoutEmail.isEmpty {
                writeStandardOutput("no email for \(result.withoutEmail.joined(separator: ", ")): their links are in invitations.csv only\n")
            }
        }
    }

    struct Remind: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write reminder drafts for the signers who have not decided on the current version.",
            discussion: """
                Writes out/<plan>/reminders/: reminders.csv and <signer>.eml drafts, each with a new personal link; the link sent \
                before stops working. They hold contact data and live links: keep them private.
                """)

        @OptionGroup var links: LinkOptions

        @Option(
            name: .long, parsing: .upToNextOption,
            help: "The statuses to remind, comma-separated: pending, requested-changes, approved-older-version, declined (default: all but declined).")
        var status: [String] = []

        @Option(name: .long, help: "The folder the reminders are written to (default: out/<plan>/reminders).")
        var out: String?

        /// "changes-requested" is read as "requested-changes", the way people say it.
        func statuses() throws -> Set<SignerReport.Kind> {
                let words = status.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                guard !words.isEmpty else { return [.pending, .requestedChanges, .approvedOlder] }
                return Set(
                    try words.map { word in
                        guard let kind = SignerReport.Kind(rawValue: word == "changes-requested" ? "requested-changes" : word), kind != .approved else {
                            throw ValidationError("--status takes pending, requested-changes, approved-older-version or declined, not '\(word)'")
                        }
                        return kind
                    })
        }

        func validate() throws { _ = try statuses() }

        func run() throws {
            let base = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            let signOff = try openSignOff(links.plan)
            let store = try SignOnStore(campaign: signOff.campaign)
            let folder = out.map { base.resolving($0) } ?? signOff.campaign.outputs(under: base.appendingPathComponent(Campaign.defaultOutputRoot)).reminders
            let result = try links.invitations(signOff, store: store).writeReminders(into: folder, statuses: try statuses(), at: commandNow)
            guard !result.invited.isEmpty else {
                writeStandardOutput("no signer to remind: everyone with those statuses has decided on version \(signOff.draft.version.short)\n")
                return
            }
            writeStandardOutput("wrote \(Wording.count(result.invited.count, "reminder")) in \(result.folder.path)\n")
            if !result.withoutEmail.isEmpty {
                writeStandardOutput("no email for \(result.withoutEmail.joined(separator: ", ")): their links are in reminders.csv only\n")
            }
        }
    }

    /// The plan, the address links point at and the answer-by date: what `invite` and `remind`
    /// both ask for.
    struct LinkOptions: ParsableArguments {
        @Argument(help: "The plan file.")
        var plan: String

        @Option(name: .long, help: "The address signers reach 'docket serve' at.")
        var baseURL: String = "http://127.0.0.1:8080"

        @Option(name: .long, help: "The date answers are asked for, YYYY-MM-DD (default: the plan's response_by, else the docket's deadline).")
        var by: String?

        func validate() throws {
            if let by, CalendarDate(iso: by) == nil { throw ValidationError("--by takes a real date written YYYY-MM-DD, not '\(by)'") }
            guard baseURL.hasPrefix("http://") || baseURL.hasPrefix("https://") else { throw ValidationError("--base-url must start with http:// or https://") }
        }

        func invitations(_ signOff: SignOff, store: SignOnStore) -> Invitations {
            Invitations(signOff: signOff, store: store, baseURL: baseURL, respondBy: by.flatMap(CalendarDate.init(iso:)) ?? ReviewRequest.respondBy(signOff.draft))
        }
    }
}
