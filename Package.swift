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
    ],
    targets: [
        .systemLibrary(name: "CNCurses", path: "Sources/CNCurses"),
        .systemLibrary(name: "CWCWidth", path: "Sources/CWCWidth"),
        .target(name: "EventDecoding"),
        .target(name: "EventSources", dependencies: ["EventDecoding"]),
        .target(name: "MonitorCore", dependencies: [
            "EventDecoding",
            .product(name: "DequeModule", package: "swift-collections"),
        ]),
        .target(name: "TerminalUI", dependencies: ["EventDecoding", "MonitorCore", "CNCurses", "CWCWidth"]),
        .executableTarget(name: "kinescope", dependencies: [
            "EventDecoding", "EventSources", "MonitorCore", "TerminalUI",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .testTarget(name: "EventDecodingTests", dependencies: ["EventDecoding"]),
        .testTarget(name: "EventSourcesTests", dependencies: ["EventSources"]),
        .testTarget(name: "MonitorCoreTests", dependencies: ["MonitorCore", "EventSources"]),
        .testTarget(name: "TerminalUITests", dependencies: ["TerminalUI", "EventSources"],
                    resources: []),
        .testTarget(name: "IntegrationTests", dependencies: ["EventDecoding"]),
    ],
    swiftLanguageModes: [.v6]
)
