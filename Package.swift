// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "DocketKit",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "DocketKit", targets: ["DocketKit"]),
        .executable(name: "docket", targets: ["docket"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", exact: "2.1.1"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", exact: "0.9.20"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        .target(
            name: "DocketKit",
            dependencies: [
                "CCmark",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            resources: [.copy("Resources/authorities.yml")]
        ),
        .executableTarget(
            name: "docket",
            dependencies: [
                "DocketKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "docket-bench",
            dependencies: ["DocketKit", "CCmark"],
            path: "Benchmarks",
            exclude: ["RESULTS.md"]
        ),
        .testTarget(
            name: "DocketKitTests",
            dependencies: ["DocketKit"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "DocketCLITests",
            dependencies: ["docket"]
        ),
    ]
)
