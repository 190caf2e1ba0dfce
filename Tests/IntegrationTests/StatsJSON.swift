import EventDecoding
import XCTest

/// Reading the numbers in `stats --format json` output, shared by the CLI test classes.
enum StatsJSON {
    static func int(_ value: JSONValue?) -> Int? {
        guard case .number(let lexeme)? = value else { return nil }
        return Int(lexeme)
    }

    /// A `by_type`-style object as a dictionary of counts; fails the test when it is not one.
    static func counts(_ value: JSONValue?, file: StaticString = #filePath, line: UInt = #line) throws -> [String: Int] {
        let object = try XCTUnwrap(value?.object, "expected an object of counts", file: file, line: line)
        var out: [String: Int] = [:]
        for member in object.members {
            out[member.key] = try XCTUnwrap(int(member.value), "\(member.key) is not a count", file: file, line: line)
        }
        return out
    }
}

extension XCTestCase {
    func int(_ value: JSONValue?) -> Int? { StatsJSON.int(value) }

    func counts(_ value: JSONValue?, file: StaticString = #filePath, line: UInt = #line) throws -> [String: Int] {
        try StatsJSON.counts(value, file: file, line: line)
    }
}
