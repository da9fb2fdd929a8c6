import Foundation
import Testing

@testable import DocketAPI

@Suite struct APIClientTests {
    @Test func anAPIKeyNeverPrintsItself() throws {
        let key = try #require(APIKey("  DEMO_KEY_0123456789abcdef0123456789abcdef\n"))
        #expect(!"\(key)".contains("DEMO_KEY"))
        #expect(!String(reflecting: key).contains("0123456789abcdef0123"))
        #expect(key.mask("sent X-Api-Key: DEMO_KEY_0123456789abcdef0123456789abcdef") == "sent X-Api-Key: \(key)")
        #expect(APIKey(" \n") == nil)
    }

    @Test func theNoticesNumberedQuestionsAreReadInOrderOnce() {
        let text = """
            II. Request for Comment
            OMB invites comment on the following questions.
            1. How should the role of Chief AI Officers be structured?
            2. What coordination is needed among AI governance bodies?
            3. Background.
            2. What coordination is needed among AI governance bodies?
            10. Are there uses of AI that should be presumed to impact rights?
            """
        let questions = FederalRegister.numberedQuestions(in: text)
        #expect(questions.map(\.number) == [1, 2, 10])
        #expect(questions.first?.text == "How should the role of Chief AI Officers be structured?")
    }

    @Test func theDocumentedLimitsAreKeptByWaiting() {
        let limiter = RateLimiter()
        let start = Date(timeIntervalSince1970: 1_768_000_000)
        for second in 0..<50 { #expect(limiter.reserve(isRead: false, now: start.addingTimeInterval(Double(second))) == nil) }
        // The 51st write in the same minute waits until the first of the 50 is a minute old.
        #expect(limiter.reserve(isRead: false, now: start.addingTimeInterval(50)) == 10)
        for second in 0..<999 { _ = limiter.reserve(isRead: true, now: start.addingTimeInterval(Double(second) / 10)) }
        #expect(limiter.reserve(isRead: true, now: start.addingTimeInterval(100)) == nil)
        #expect(limiter.reserve(isRead: true, now: start.addingTimeInterval(100)) == 3500)
    }
}
