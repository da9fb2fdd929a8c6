import Crypto
import DocketKit
import DocketSupport
import Foundation
import GRDB

/// What the review server keeps beside a campaign that the campaign's own files do not hold:
/// invitations (only the hash of each secret), corrections signers propose to their listing,
/// and organizations waiting in the open sign-on queue. Decisions are not here: they go to the
/// campaign's `approvals.jsonl`, the one log `docket sign`, `signers` and `package` also read.
///
/// The database lives in `<campaign>/.docket/store.sqlite`, created with its migrations on
/// first open. It holds contact data of newcomers, so it stays on the lead's machine.
public final class SignOnStore: Sendable {
    /// A proposed change to how an organization is listed, waiting for the lead.
    public struct Correction: Sendable, Hashable, Codable, FetchableRecord, PersistableRecord {
        public static let databaseTableName = "correction"
        public var id: Int64?
        public var signer: String
        public var organization: String
        public var city: String
        public var state: String
        public var proposedAt: Date
        public var status: Status
    }

    /// An organization that asked to join through the open sign-on form.
    public struct Newcomer: Sendable, Hashable, Codable, FetchableRecord, PersistableRecord {
        public static let databaseTableName = "newcomer"
        public var id: Int64?
        public var organization: String
        public var city: String
        public var state: String
        public var contactName: String
        public var contactEmail: String
        /// The version whose text they read and approved.
        public var version: String
        public var submittedAt: Date
        public var status: Status
    }

    /// Where a correction or a newcomer stands.
    public enum Status: String, Sendable, Hashable, Codable, DatabaseValueConvertible {
        case pending, accepted, rejected
    }

    private let queue: DatabaseQueue

    /// Opens (creating on first use) the store of `campaign`.
    public init(campaign: Campaign) throws {
        try campaign.createPrivateFolder()
        var configuration = Configuration()
        // Every answer the server reports as saved is on disk first.
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        // `docket invite` and `docket serve` may open one store at once: a writer waits for the
        // other instead of failing with "database is locked".
        configuration.busyMode = .timeout(30)
        queue = try DatabaseQueue(path: campaign.storeURL.path, configuration: configuration)
        // GRDB reads which migrations were applied outside the transaction that applies them,
        // so two processes opening a new store at once both ran v1 and the second failed on
        // "table invitation already exists": one migrator at a time, under a lock on the folder.
        let folder = open(campaign.privateFolder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard folder >= 0 else { throw Diagnostic.error(.unreadableFile, "cannot open the folder", at: .file(campaign.privateFolder.path)) }
        defer { close(folder) }
        while flock(folder, LOCK_EX) != 0 {
            guard errno == EINTR else {
                throw Diagnostic.error(.outputNotWritten, "cannot lock the folder: \(String(cString: strerror(errno)))", at: .file(campaign.privateFolder.path))
            }
        }
        defer { flock(folder, LOCK_UN) }
        try Self.migrator.migrate(queue)
    }

    private static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.create(table: "invitation") { table in
                table.column("signer", .text).primaryKey()
                table.column("tokenHash", .blob).notNull()
                table.column("issuedAt", .datetime).notNull()
            }
            try db.create(table: "correction") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("signer", .text).notNull()
                table.column("organization", .text).notNull()
                table.column("city", .text).notNull()
                table.column("state", .text).notNull()
                table.column("proposedAt", .datetime).notNull()
                table.column("status", .text).notNull()
            }
            try db.create(table: "newcomer") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("organization", .text).notNull()
                table.column("city", .text).notNull()
                table.column("state", .text).notNull()
                table.column("contactName", .text).notNull()
                table.column("contactEmail", .text).notNull()
                table.column("version", .text).notNull()
                table.column("submittedAt", .datetime).notNull()
                table.column("status", .text).notNull()
            }
        }
        // A link is found by its hash through an index, not by comparing it with every row:
        // the hash of a 256-bit secret says nothing of the secret, so the time an index lookup
        // takes cannot help a guess.
        migrator.registerMigration("v2: index of link hashes") { db in
            try db.create(index: "invitation_tokenHash", on: "invitation", columns: ["tokenHash"], unique: true)
        }
        return migrator
    }

    // MARK: Invitations

    /// A new secret for `signer`, replacing any earlier one; only its hash is stored.
    public func issueInvitation(for signer: String, at date: Date = Date()) throws -> String {
        let token = Secret.random()
        try queue.write { db in
            try db.execute(
                sql: "INSERT OR REPLACE INTO invitation (signer, tokenHash, issuedAt) VALUES (?, ?, ?)", arguments: [signer, Secret.hash(token), date])
        }
        return token
    }

    /// A new secret for each of `signers` who holds none, decided and stored in one
    /// transaction: two `docket invite` at once never give one signer two links (the second
    /// would silently end the first).
    public func issueInvitations(toUninvited signers: [String], at date: Date = Date()) throws -> [(signer: String, token: String)] {
        try queue.write { db in
            let held = Set(try String.fetchAll(db, sql: "SELECT signer FROM invitation"))
            var issued: [(signer: String, token: String)] = []
            for signer in signers where !held.contains(signer) {
                let token = Secret.random()
                try db.execute(sql: "INSERT INTO invitation (signer, tokenHash, issuedAt) VALUES (?, ?, ?)", arguments: [signer, Secret.hash(token), date])
                issued.append((signer, token))
            }
            return issued
        }
    }

    /// Ends `signer`'s invitation; false when they had none.
    public func revokeInvitation(for signer: String) throws -> Bool {
        try queue.write { db in
            try db.execute(sql: "DELETE FROM invitation WHERE signer = ?", arguments: [signer])
            return db.changesCount > 0
        }
    }

    /// The signers who hold a live invitation.
    public func invitedSigners() throws -> Set<String> {
        try queue.read { db in Set(try String.fetchAll(db, sql: "SELECT signer FROM invitation")) }
    }

    /// The signer whose invitation `token` is, or nil.
    public func signer(forToken token: String) async throws -> String? {
        let presented = Secret.hash(token)
        return try await queue.read { db in try String.fetchOne(db, sql: "SELECT signer FROM invitation WHERE tokenHash = ?", arguments: [presented]) }
    }

    // MARK: Corrections and newcomers

    /// Records a signer's proposed listing, replacing a pending one of theirs.
    public func proposeCorrection(signer: String, organization: String, city: String, state: String, at date: Date = Date()) async throws {
        try await queue.write { db in
            try db.execute(sql: "DELETE FROM correction WHERE signer = ? AND status = 'pending'", arguments: [signer])
            let correction = Correction(id: nil, signer: signer, organization: organization, city: city, state: state, proposedAt: date, status: .pending)
            try correction.insert(db)
        }
    }

    public func pendingCorrections() async throws -> [Correction] {
        try await queue.read { db in try Correction.filter(Column("status") == Status.pending.rawValue).order(Column("id")).fetchAll(db) }
    }

    /// Queues an organization from the open sign-on form; returns its number in the queue.
    @discardableResult
    public func addNewcomer(organization: String, city: String, state: String, contactName: String, contactEmail: String, version: String, at date: Date = Date())
        async throws -> Int64
    {
        try await queue.write { db in
            let newcomer = Newcomer(
                id: nil, organization: organization, city: city, state: state, contactName: contactName, contactEmail: contactEmail, version: version,
                submittedAt: date, status: .pending)
            try newcomer.insert(db)
            return db.lastInsertedRowID
        }
    }

    public func pendingNewcomers() async throws -> [Newcomer] {
        try await queue.read { db in try Newcomer.filter(Column("status") == Status.pending.rawValue).order(Column("id")).fetchAll(db) }
    }

    /// Marks a pending correction or newcomer decided, running `apply` (the roster write) in
    /// the same transaction: if the roster cannot be written, the entry stays pending.
    public func resolveCorrection(_ id: Int64, accept: Bool, apply: (Correction) throws -> Void) throws -> Correction? {
        try queue.write { db in
            guard var correction = try Correction.fetchOne(db, key: id), correction.status == .pending else { return nil }
            if accept { try apply(correction) }
            correction.status = accept ? .accepted : .rejected
            try correction.update(db)
            return correction
        }
    }

    /// See `resolveCorrection`.
    public func resolveNewcomer(_ id: Int64, accept: Bool, apply: (Newcomer) throws -> Void) throws -> Newcomer? {
        try queue.write { db in
            guard var newcomer = try Newcomer.fetchOne(db, key: id), newcomer.status == .pending else { return nil }
            if accept { try apply(newcomer) }
            newcomer.status = accept ? .accepted : .rejected
            try newcomer.update(db)
            return newcomer
        }
    }
}

/// Random secrets for links and cookies, and their comparison.
public enum Secret {
    /// 256 random bits from the system's generator, URL-safe.
    public static func random() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// SHA-256 of the secret: what the store keeps instead of it.
    public static func hash(_ token: String) -> Data { Data(SHA256.hash(data: Data(token.utf8))) }

    /// Equality whose time depends only on the lengths, never on where the first difference is.
    public static func constantTimeEqual(_ lhs: Data, _ rhs: Data) -> Bool {
        guard lhs.count == rhs.count else { return false }
        var difference: UInt8 = 0
        for (left, right) in zip(lhs, rhs) { difference |= left ^ right }
        return difference == 0
    }

    /// `constantTimeEqual` for text.
    public static func constantTimeEqual(_ lhs: String, _ rhs: String) -> Bool { constantTimeEqual(Data(lhs.utf8), Data(rhs.utf8)) }
}
