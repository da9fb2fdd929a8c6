// swift-tools-version:6.0
import PackageDescription

// Runs swift-openapi-generator for Tools/regenerate-api-client. It is a package of its own so that
// building DocketKit never builds the generator: the generated client is committed.
let package = Package(
    name: "OpenAPIGenerator",
    dependencies: [
        .package(url: "https://github.com/apple/swift-openapi-generator.git", exact: "1.14.3")
    ]
)
