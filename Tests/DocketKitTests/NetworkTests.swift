import Foundation
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

@testable import DocketAPI

/// The limits every request is held to, as values.
@Suite struct NetworkTests {
    @Test(arguments: [
        ("120", 120.0), ("0", 0.0), (" 7 ", 7.0), ("-5", nil), ("nan", nil), ("inf", nil), ("1e3", nil), ("99999999999999999999", nil), ("", nil), ("ten", nil),
    ] as [(String, Double?)])
    func retryAfterIsDelaySecondsOrNothing(value: String, seconds: Double?) {
        #expect(Network.retryAfter(value) == seconds)
    }

    @Test func retryAfterTakesAnHTTPDate() {
        let now = Date(timeIntervalSince1970: 1_784_000_000)
        let later = "Tue, 14 Jul 2026 03:34:20 GMT"
        let seconds = Network.retryAfter(later, now: now)
        #expect(seconds.map { abs($0 - (1_784_000_060 - 1_784_000_000)) < 1 } == true, "\(String(describing: seconds))")
        #expect(Network.retryAfter("Wed, 01 Jan 2020 00:00:00 GMT", now: now) == 0)
    }

    /// URLSession's own limit on a whole request would otherwise end a request at 120 s that
    /// `--timeout 600` allows: the sessions leave the deadline to `within` and `bounded`.
    @Test func theSessionsDoNotCutALongerTimeoutShort() {
        #expect(Network.open.configuration.timeoutIntervalForResource >= Network.longestDeadline)
        #expect(Network.keyed.configuration.timeoutIntervalForResource >= Network.longestDeadline)
        #expect(Network.longestDeadline > Network.defaultDeadline)
    }

    @Test func sameOriginMeansSchemeHostAndPort() {
        let base = URL(string: "https://api.regulations.gov/v4/dockets/X")
        #expect(Network.sameOrigin(base, URL(string: "https://API.regulations.gov:443/v4/other")))
        #expect(!Network.sameOrigin(base, URL(string: "http://api.regulations.gov/v4/dockets/X")))
        #expect(!Network.sameOrigin(base, URL(string: "https://api.regulations.gov.evil.example/v4")))
        #expect(!Network.sameOrigin(base, URL(string: "https://api.regulations.gov:8443/v4")))
    }

    @Test func aDeadlineStopsAnOperationThatDoesNotEnd() async throws {
        let started = Date()
        await #expect(throws: Network.DeadlinePassed.self) {
            try await Network.bounded(0.2) {
                try await Task.sleep(nanoseconds: 600_000_000_000)
                return 1
            }
        }
        // Long before the operation itself would end, however busy the machine running the
        // tests in parallel is.
        #expect(Date().timeIntervalSince(started) < 120)
        #expect(try await Network.bounded(5) { 42 } == 42)
    }
}

/// Answers read through the client's own decoders and middlewares, as the fuzz target feeds them.
@Suite struct AnswerReadingTests {
    static let recorded = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("api/recorded")

    @Test func aRecordedCommentReadsAsAComment() async throws {
        let body = try Data(contentsOf: Self.recorded.appendingPathComponent("USTR-2015-0010-0002.json"))
        let results = await AnswerReading.read(status: 200, headers: [("Content-Type", "application/vnd.api+json")], body: body)
        #expect(results[3] == "USTR-2015-0010-0002", "\(results)")
    }

    @Test(arguments: [
        (302, [("Location", "http://elsewhere.example/")], "", "redirected the request to another host"),
        (200, [("Content-Type", "application/vnd.api+json")], "{\"data\": ", "does not read"),
        (503, [("Content-Type", "text/html")], "<html>down</html>", "503"),
        (200, [("Content-Type", "application/vnd.api+json")], "\u{0}\u{7}\u{FFFF}", "does not read"),
    ] as [(Int, [(String, String)], String, String)])
    func aBrokenAnswerIsOneSentence(status: Int, headers: [(String, String)], body: String, says: String) async {
        let results = await AnswerReading.read(status: status, headers: headers.map { (name: $0.0, value: $0.1) }, body: Data(body.utf8))
        #expect(results.count >= 4)
        for result in results.prefix(4) {
            #expect(result.contains(says), "\(result)")
            #expect(!result.contains("NSError") && result.count < 300, "\(result)")
        }
    }
}
