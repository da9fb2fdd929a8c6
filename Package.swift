// swift-tools-version:6.0
import PackageDescription

// One target per stage; each depends only on the stages before it, so the compiler enforces the
// one-way flow the README's architecture section describes:
// Support → Markdown, Citations → Model → Library → Compose → Render → Review → Submission →
// DocketKit (the workflows that touch disk, clock and processes) → DocketServer (the review
// server and its store), DocketComments (the docket's comments and their store) → docket (the CLI).
let package = Package(
    name: "DocketKit",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "DocketKit", targets: ["DocketKit"]),
        // The pure stages alone: no file, clock, process or network access.
        .library(
            name: "DocketStages",
            targets: ["DocketSupport", "DocketMarkdown", "DocketCitations", "DocketModel", "DocketLibrary", "DocketCompose", "DocketRender", "DocketReview", "DocketSubmission"]),
        .executable(name: "docket", targets: ["docket"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", exact: "2.1.1"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", exact: "0.9.20"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-openapi-runtime.git", from: "1.13.4"),
        .package(url: "https://github.com/apple/swift-openapi-urlsession.git", from: "1.4.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        // `swift package generate-documentation`: the pure stages' API reference (DocC).
        .package(url: "https://github.com/swiftlang/swift-docc-plugin.git", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        .target(
            name: "DocketSupport",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")]
        ),
        .target(
            name: "DocketMarkdown",
            dependencies: ["DocketSupport", "CCmark", .product(name: "Mustache", package: "swift-mustache")]
        ),
        .target(
            name: "DocketCitations",
            dependencies: ["DocketSupport", .product(name: "Yams", package: "Yams")],
            resources: [.copy("Resources/authorities.yml")]
        ),
        .target(
            name: "DocketModel",
            dependencies: ["DocketSupport", "DocketCitations"]
        ),
        .target(
            name: "DocketLibrary",
            dependencies: ["DocketModel", "DocketMarkdown", .product(name: "Yams", package: "Yams")]
        ),
        .target(
            name: "DocketCompose",
            dependencies: ["DocketLibrary", .product(name: "Mustache", package: "swift-mustache")]
        ),
        .target(
            name: "DocketRender",
            dependencies: ["DocketCompose", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        .target(
            name: "DocketReview",
            dependencies: ["DocketRender"]
        ),
        .target(
            name: "DocketSubmission",
            dependencies: ["DocketReview", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        // The Regulations.gov v4 client, generated from GSA's spec by Tools/regenerate-api-client
        // and committed, and the Federal Register's documents API.
        .target(
            name: "DocketAPI",
            dependencies: [
                "DocketModel",
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "OpenAPIURLSession", package: "swift-openapi-urlsession"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            exclude: ["openapi-generator-config.yaml"]
        ),
        // One system call Swift's Glibc module does not expose: swapping two folders atomically.
        .target(name: "CDocketFS"),
        .target(
            name: "DocketKit",
            dependencies: ["DocketSubmission", "DocketAPI", "CDocketFS"]
        ),
        // Form-letter campaigns among a docket's comments: shingles, one-permutation MinHash,
        // LSH banding and union-find, from values alone (a pure stage, like those before
        // DocketKit).
        .target(name: "CHints"),
        .target(name: "DocketCampaigns", dependencies: ["DocketSupport", "CHints"]),
        // `docket comments`: the docket's posted comments, pulled from Regulations.gov or
        // imported, in an embedded SQLite store or on a PostgreSQL server.
        .target(
            name: "DocketComments",
            dependencies: [
                "DocketKit", "DocketAPI", "DocketCampaigns",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // `docket serve` and `docket invite`: the review server over one campaign, and the store
        // of invitations, corrections and newcomers it keeps beside the campaign.
        .target(
            name: "DocketServer",
            dependencies: [
                "DocketKit",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            resources: [.copy("Templates")]
        ),
        .executableTarget(
            name: "docket",
            dependencies: [
                "DocketKit",
                "DocketServer",
                "DocketComments",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "docket-bench",
            dependencies: ["DocketKit", "DocketServer", "DocketComments", "DocketCampaigns", "CCmark"],
            path: "Benchmarks",
            exclude: ["RESULTS.md", "minhash_reference.py"]
        ),
        .testTarget(
            name: "DocketKitTests",
            dependencies: [
                "DocketKit", "DocketAPI", .product(name: "PropertyBased", package: "swift-property-based"),
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
            ],
            resources: [.copy("Fixtures")]
        ),
        // The pure stages tested from values alone: no DocketKit, no file but a bundled resource.
        .testTarget(
            name: "DocketStagesTests",
            dependencies: [
                "DocketSupport", "DocketMarkdown", "DocketCitations", "DocketModel", "DocketLibrary", "DocketCompose", "DocketRender", "DocketReview", "DocketSubmission",
                .product(name: "PropertyBased", package: "swift-property-based"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        .testTarget(
            name: "DocketCLITests",
            dependencies: ["docket"]
        ),
        .testTarget(
            name: "DocketServerTests",
            dependencies: ["DocketServer", .product(name: "HummingbirdTesting", package: "hummingbird")]
        ),
        .testTarget(
            name: "DocketCampaignsTests",
            dependencies: ["DocketCampaigns"]
        ),
        // The comment store's suite, run on SQLite and on a PostgreSQL server it starts.
        .testTarget(
            name: "DocketCommentsTests",
            dependencies: ["DocketComments"]
        ),
    ]
)

// The fuzz driver exists only when asked for (`DOCKET_FUZZ=1`): it links libFuzzer, which a
// normal build does not have. Tests/fuzz/run builds and runs it.
if Context.environment["DOCKET_FUZZ"] == "1" {
    package.targets.append(.executableTarget(name: "docket-fuzz", dependencies: ["DocketKit", "DocketAPI"], path: "Tests/fuzz/driver"))
}
