// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Kinescope",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "kinescope", targets: ["kinescope"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/adam-fowler/compress-nio", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-protobuf", from: "1.39.0"),
    ],
    targets: [
        .systemLibrary(name: "CNCurses", path: "Sources/CNCurses"),
        .systemLibrary(name: "CWCWidth", path: "Sources/CWCWidth"),
        .target(name: "AWSAuth", dependencies: [
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .target(name: "KinesisClient", dependencies: [
            "AWSAuth",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOCore", package: "swift-nio"),
        ]),
        .target(name: "CKinescope"),
        .target(name: "EventDecoding", dependencies: [
            "CKinescope",
            .product(name: "CompressNIO", package: "compress-nio"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "SwiftProtobuf", package: "swift-protobuf"),
        ], exclude: ["KPL/kpl.proto"]),
        .target(name: "EventSources", dependencies: ["EventDecoding", "KinesisClient"]),
        .target(name: "MonitorCore", dependencies: [
            "EventDecoding",
            .product(name: "DequeModule", package: "swift-collections"),
        ]),
        .target(name: "TerminalUI", dependencies: ["EventDecoding", "MonitorCore", "CNCurses", "CWCWidth"]),
        .target(name: "KinescopeConfig", dependencies: ["EventDecoding", "EventSources", "MonitorCore", "TerminalUI"]),
        .executableTarget(name: "kinescope", dependencies: [
            "KinescopeConfig", "AWSAuth", "KinesisClient", "EventDecoding", "EventSources", "MonitorCore", "TerminalUI",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "kinescope-bench", dependencies: [
            "EventDecoding", "EventSources", "MonitorCore", "TerminalUI",
        ], path: "Benchmarks/KinescopeBench"),
        .testTarget(name: "AWSAuthTests", dependencies: ["AWSAuth"]),
        .testTarget(name: "KinesisClientTests", dependencies: ["KinesisClient"]),
        .testTarget(name: "EventDecodingTests", dependencies: ["EventDecoding"]),
        .testTarget(name: "EventSourcesTests", dependencies: ["EventSources"]),
        .testTarget(name: "MonitorCoreTests", dependencies: ["MonitorCore", "EventSources"]),
        .testTarget(name: "TerminalUITests", dependencies: ["TerminalUI", "EventSources"],
                    resources: []),
        .testTarget(name: "KinescopeConfigTests", dependencies: ["KinescopeConfig"]),
        .testTarget(name: "IntegrationTests", dependencies: ["EventDecoding", "KinesisClient"],
                    exclude: ["Support"]),
    ],
    swiftLanguageModes: [.v6]
)
