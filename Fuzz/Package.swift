// swift-tools-version: 6.1
// A libFuzzer target for Kinescope's decoder, kept out of the main package so that `swift test`
// never builds it. `Sources/EventDecoding` is a symlink to the real sources (the main package
// exports no library product to depend on). See README.md.
import PackageDescription

let package = Package(
    name: "KinescopeFuzz",
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/adam-fowler/compress-nio", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-protobuf", from: "1.39.0"),
    ],
    targets: [
        .target(name: "EventDecoding", dependencies: [
            .product(name: "CompressNIO", package: "compress-nio"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "SwiftProtobuf", package: "swift-protobuf"),
        ], exclude: ["KPL/kpl.proto"]),
        .executableTarget(name: "DecoderFuzzer", dependencies: ["EventDecoding"]),
    ],
    swiftLanguageModes: [.v6]
)
