import Foundation
import Testing

@testable import DocketKit
@testable import DocketCitations
@testable import DocketCompose
@testable import DocketLibrary
@testable import DocketMarkdown
@testable import DocketModel
@testable import DocketRender
@testable import DocketReview
@testable import DocketSubmission
@testable import DocketSupport

/// The library and examples shipped in this repository are what coalition leads paste into real
/// filings: every citation must resolve and no known-wrong form may appear anywhere.
@Suite struct BundledLibraryTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func bundledLibraryAndExamplesHaveNoErrors() {
        let report = Checker.check(paths: ["Recommendations", "Templates", "Examples"], now: fixedNow, baseDirectory: Self.packageRoot)
        #expect(report.errorCount == 0, "\(report.diagnostics.filter { $0.severity == .error })")
        #expect(report.files.count >= 9)
    }

    @Test func everyCitationInTheLibraryResolves() throws {
        let workspace = Workspace(loading: ["Recommendations"], baseDirectory: Self.packageRoot)
        #expect(workspace.recommendations.count >= 3)
        for recommendation in workspace.recommendations {
            #expect(!recommendation.eu.isEmpty, "\(recommendation.id) has no EU comparison")
            for authority in recommendation.allCitations {
                let citation = try #require(authority.citation, "\(authority.text.value) in \(recommendation.id) does not parse")
                let resolution = AuthorityRegistry.shared.resolve(citation)
                #expect(resolution.isKnown, "\(citation) in \(recommendation.id): \(resolution.outcome)")
            }
        }
    }

    /// The audit of 2026-12-03 (item 10) found M-24-10 subsection numbers printed in two letters
    /// with no primary text behind them. A pinpoint the registry cannot back with a primary text
    /// stays out of what the library and the examples cite; the section it sits in is cited instead.
    @Test func noRecommendationCitesAnOMBSubsectionWithoutPrimaryEvidence() throws {
        let root = Self.packageRoot.appendingPathComponent("Examples")
        let exampleLibraries = try FileManager.default.contentsOfDirectory(atPath: root.path)
            .map { "Examples/\($0)/Recommendations" }
            .filter { FileManager.default.fileExists(atPath: Self.packageRoot.appendingPathComponent($0).path) }
        #expect(exampleLibraries.count >= 3)
        var checked = 0
        for folder in ["Recommendations"] + exampleLibraries {
            let workspace = Workspace(loading: [folder], baseDirectory: Self.packageRoot)
            for recommendation in workspace.recommendations {
                for authority in recommendation.allCitations {
                    guard let citation = authority.citation, case .ombMemo = citation.instrument else { continue }
                    guard case .section(_, let subsections) = citation.pinpoint, !subsections.isEmpty else { continue }
                    checked += 1
                    if case .unverified(let why) = AuthorityRegistry.shared.resolve(citation).outcome {
                        Issue.record("\(folder)/\(recommendation.id) cites \(citation): \(why)")
                    }
                }
            }
        }
        #expect(checked >= 20)
    }

    /// Known-wrong forms from the research, searched in every library and example file's raw text,
    /// bodies included, so a wrong pinpoint cannot hide in prose either.
    @Test func noKnownWrongFormAppearsAnywhere() throws {
        let wrongForms = [
            "M-24-10 §7", "MEASURE 2.14", "Annex III point 9", "Art. 114", "Art. 85(1)",
            "§5(c)(iii) = independent evaluation", "73 NIST subcategories", "73 subcategories",
        ]
        let folders = ["Recommendations", "Templates", "Examples"].map { Self.packageRoot.appendingPathComponent($0) }
        var checked = 0
        for folder in folders {
            let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)!.compactMap { $0 as? URL }
            for file in files where ["md", "yml", "csv"].contains(file.pathExtension) {
                let text = try String(contentsOf: file, encoding: .utf8)
                for form in wrongForms {
                    #expect(!text.contains(form), "\(file.lastPathComponent) contains \(form)")
                }
                checked += 1
            }
        }
        #expect(checked >= 9)
    }

    @Test func exampleSignatoriesCarryNoRealContactData() throws {
        let workspace = Workspace(loading: ["Examples"], baseDirectory: Self.packageRoot)
        let signatories = workspace.signatoryLists.values.flatMap { $0 }
        #expect(!signatories.isEmpty)
        for signatory in signatories {
            if let email = signatory.contactEmail {
                #expect(email.hasSuffix("example.org"), "\(email) must use a reserved example domain")
            }
            if let phone = signatory.contactPhone {
                #expect(phone.contains("555-01"), "\(phone) must be a fictional 555-01xx number")
            }
        }
    }
}
