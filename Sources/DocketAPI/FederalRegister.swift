import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The Federal Register's documents API (`/api/v1/documents/{number}.json`). It publishes no
/// OpenAPI spec, so the fields DocketKit uses are decoded with `Codable` types of our own.
public struct FederalRegister: Sendable {
    public static let production = URL(string: "https://www.federalregister.gov/api/v1")!

    /// The fields of one Federal Register document that a docket file records.
    public struct Document: Decodable, Sendable, Hashable {
        public var title: String
        public var documentNumber: String
        /// "88 FR 75625".
        public var citation: String?
        public var publicationDate: String?
        public var commentsCloseOn: String?
        public var htmlURL: String?
        /// The notice's plain text, where its numbered questions are.
        public var rawTextURL: String?
        public var agencies: [Agency]?

        /// An agency the notice names.
        public struct Agency: Decodable, Sendable, Hashable {
            public var name: String?
        }

        enum CodingKeys: String, CodingKey {
            case title, citation, agencies
            case documentNumber = "document_number"
            case publicationDate = "publication_date"
            case commentsCloseOn = "comments_close_on"
            case htmlURL = "html_url"
            case rawTextURL = "raw_text_url"
        }
    }

    public let baseURL: URL
    /// Bounds each request, body included, as `RegulationsGov`'s does (`--timeout`).
    public let deadline: TimeInterval

    public init(baseURL: URL = FederalRegister.production, deadline: TimeInterval = Network.defaultDeadline) {
        self.baseURL = baseURL
        self.deadline = deadline
    }

    /// The document numbered `number` (e.g. 2023-24269), and the URL it was read from.
    public func document(_ number: String) async throws(APIFailure) -> (Document, URL) {
        let url = baseURL.appendingPathComponent("documents/\(number).json")
        let data = try await get(url)
        do {
            return (try JSONDecoder().decode(Document.self, from: data), url)
        } catch {
            throw APIFailure("the Federal Register's answer for \(number) is not in the documented form: \(error)")
        }
    }

    /// The notice's numbered questions: lines of its text that start with a number and end with
    /// a question mark, in order, each number once.
    public func questions(of document: Document) async -> [(number: Int, text: String)] {
        guard let text = await rawText(of: document) else { return [] }
        return Self.numberedQuestions(in: text)
    }

    /// The notice's plain text (`raw_text_url`), nil when it has none or it cannot be read.
    public func rawText(of document: Document) async -> String? {
        guard let raw = document.rawTextURL, let url = URL(string: raw), let data = try? await get(url) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    /// `1. Should …?` lines of `text`, numbered as printed.
    public static func numberedQuestions(in text: String) -> [(number: Int, text: String)] {
        var found: [(Int, String)] = []
        var seen: Set<Int> = []
        for line in text.split(whereSeparator: \.isNewline) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard let dot = trimmed.firstIndex(of: "."), let number = Int(trimmed[..<dot]), number > 0, number < 1000 else { continue }
            let question = trimmed[trimmed.index(after: dot)...].trimmingCharacters(in: .whitespaces)
            guard question.hasSuffix("?"), question.count > 10, seen.insert(number).inserted else { continue }
            found.append((number, question))
        }
        return found
    }

    private func get(_ url: URL) async throws(APIFailure) -> Data {
        do {
            let (data, response) = try await Network.within(deadline) { try await Network.open.data(from: url) }
            let status = (response as? HTTPURLResponse)?.statusCode ?? 0
            guard status == 200 else {
                throw APIFailure(status == 404 ? "the Federal Register has no document at \(url.absoluteString)" : "the Federal Register answered \(status)", status: status)
            }
            return data
        } catch let failure as APIFailure {
            throw failure
        } catch let late as Network.DeadlinePassed {
            throw APIFailure("\(url.host ?? "the Federal Register") did not answer within \(Int(late.seconds)) s; nothing was written")
        } catch {
            throw RegulationsGov.sentence(for: error, host: url.host ?? "the Federal Register", status: nil)
        }
    }
}
