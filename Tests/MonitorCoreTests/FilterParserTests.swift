import XCTest
import EventDecoding
@testable import MonitorCore

/// The filter language's syntax: what parses, how it groups, and where and why it is rejected.
final class FilterParserTests: XCTestCase {
    private func outline(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> String? {
        do {
            return try EventFilter.parse(text).root?.outline
        } catch {
            XCTFail("'\(text)' did not parse: \(error)", file: file, line: line)
            return nil
        }
    }

    private func failure(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> FilterParseError? {
        do {
            let filter = try EventFilter.parse(text)
            XCTFail("'\(text)' parsed as \(filter.root?.outline ?? "nothing")", file: file, line: line)
            return nil
        } catch {
            return error
        }
    }

    private func assertFails(_ text: String, at position: Int, _ message: String,
                             file: StaticString = #filePath, line: UInt = #line) {
        guard let error = failure(text, file: file, line: line) else { return }
        XCTAssertEqual(error, FilterParseError(position: position, message: message), "for '\(text)'", file: file, line: line)
    }

    // MARK: - Empty

    func testEmptyAndBlankTextParseToTheFilterThatMatchesEverything() throws {
        for text in ["", " ", "\t \n"] {
            let filter = try EventFilter.parse(text)
            XCTAssertTrue(filter.isEmpty)
            XCTAssertEqual(filter.source, text)
            XCTAssertTrue(filter.matches(Event(kind: .error)))
        }
        XCTAssertTrue(EventFilter().isEmpty)
        XCTAssertFalse(try EventFilter.parse("error").isEmpty)
    }

    func testFiltersAreEqualWhenWrittenTheSameWay() throws {
        XCTAssertEqual(try EventFilter.parse("attr.x~a+ error"), try EventFilter.parse("attr.x~a+ error"))
        XCTAssertNotEqual(try EventFilter.parse("a b"), try EventFilter.parse("a or b"))
        XCTAssertEqual(try EventFilter.parse("kind:sms").description, "kind:sms")
    }

    // MARK: - Terms

    func testEveryTermTypeParsesAsOneTerm() {
        let terms = [
            "type:_session.*", "type:(error)", "kind:email", "kind:pinpoint.email", "kind:error", "kind:json",
            "platform:android", "session:f843", "client:7CA9", "shard:3", "shard:shardId-000000000001",
            "attr.feedback=received", #"attr.title="Kinescope Shop""#, "attr.a.b=1", "attr.label~^Sign",
            "metric.price>10", "metric.price<10", "metric.price>=10", "metric.price<=10", "metric.price=10",
            "metric.price!=10", "metric.price>-1.5e3", "error", "ERROR", "pageView", #""two words""#, "日本語",
        ]
        for term in terms {
            XCTAssertEqual(outline(term), term)
        }
    }

    func testTermsBuildTheExpectedMatchers() throws {
        guard case .term(.kind(let kinds), _)? = try EventFilter.parse("kind:pinpoint").root else {
            return XCTFail("kind:pinpoint is not a kind term")
        }
        XCTAssertEqual(kinds, FilterKindSet { $0.rawValue.hasPrefix("pinpoint.") })
        guard case .term(.metric(let path, let comparison, let number), _)? = try EventFilter.parse("metric.a.b>=2.5").root else {
            return XCTFail("not a metric term")
        }
        XCTAssertEqual(path.components, ["a", "b"])
        XCTAssertEqual(comparison, .greaterOrEqual)
        XCTAssertEqual(number, 2.5)
        guard case .term(.attributeEquals(_, let value), _)? = try EventFilter.parse(#"attr.t="say \"hi\" \\ \d""#).root else {
            return XCTFail("not an attribute term")
        }
        XCTAssertEqual(value, #"say "hi" \ \d"#)
        guard case .term(.text(let needle, _), _)? = try EventFilter.parse(#""Two  Words""#).root else {
            return XCTFail("not a phrase")
        }
        XCTAssertEqual(needle.text, "two  words")
        guard case .term(.shard(let shard), _)? = try EventFilter.parse("shard:0003").root else {
            return XCTFail("not a shard term")
        }
        XCTAssertEqual(shard.number, 3)
    }

    func testFieldNamesAndKeywordsIgnoreCase() {
        XCTAssertEqual(outline("Type:a PLATFORM:ios OR Attr.x=1 And b"), "((Type:a AND PLATFORM:ios) OR (Attr.x=1 AND b))")
    }

    func testQuotingTurnsKeywordsAndFieldsIntoWords() throws {
        XCTAssertEqual(outline(#""or" "and" "foo:bar""#), #"("or" AND "and" AND "foo:bar")"#)
        guard case .term(.text, _)? = try EventFilter.parse(#""error""#).root else {
            return XCTFail(#""error" should search for the word"#)
        }
    }

    func testRegexKeepsItsOwnParenthesesClassesAndEscapes() {
        XCTAssertEqual(outline("(attr.label~(Sign|Share) or error)"), "(attr.label~(Sign|Share) OR error)")
        XCTAssertEqual(outline(#"attr.x~[)(]\) b"#), #"(attr.x~[)(]\) AND b)"#)
        XCTAssertEqual(outline(#"attr.x~"a (b)|c d" e"#), #"(attr.x~"a (b)|c d" AND e)"#)
        XCTAssertEqual(outline("(type:(error) or f(x))"), "(type:(error) OR f(x))")
    }

    func testBangInsideAWordIsPartOfIt() {
        XCTAssertEqual(outline("hello! metric.x!=1"), "(hello! AND metric.x!=1)")
    }

    // MARK: - Grouping

    func testSideBySideTermsAreAnd() {
        XCTAssertEqual(outline("a b c"), "(a AND b AND c)")
        XCTAssertEqual(outline("a and b c"), "(a AND b AND c)")
    }

    func testAndBindsTighterThanOr() {
        XCTAssertEqual(outline("a b or c"), "((a AND b) OR c)")
        XCTAssertEqual(outline("a or b c"), "(a OR (b AND c))")
        XCTAssertEqual(outline("a or b or c d"), "(a OR b OR (c AND d))")
    }

    func testParenthesesGroup() {
        XCTAssertEqual(outline("a (b or c)"), "(a AND (b OR c))")
        XCTAssertEqual(outline("(a)"), "a")
    }

    func testNestedParentheses() {
        XCTAssertEqual(outline("!(a (b or !(c d))) or ((e))"), "(!(a AND (b OR !(c AND d))) OR e)")
        XCTAssertEqual(outline("((a or b)(c or d))"), "((a OR b) AND (c OR d))")
    }

    func testNegationAppliesToOneTermOrGroup() {
        XCTAssertEqual(outline("!a b"), "(!a AND b)")
        XCTAssertEqual(outline("!!a"), "!!a")
        XCTAssertEqual(outline("! a"), "!a")
        XCTAssertEqual(outline("!(a or b)"), "!(a OR b)")
    }

    // MARK: - Errors

    func testErrorDescriptionNamesThePosition() {
        let error = failure("type:_session.* or")
        XCTAssertEqual(error?.description, "at 18: expected a term after 'or'")
    }

    func testUnbalancedParentheses() {
        assertFails("(a b", at: 4, "expected ')' to close the '(' at 0")
        assertFails("a (b (c)", at: 8, "expected ')' to close the '(' at 2")
        assertFails("a b)", at: 3, "unexpected ')' (no '(' to close)")
        assertFails(")", at: 0, "unexpected ')' (no '(' to close)")
        assertFails("()", at: 1, "expected a term after '('")
    }

    func testDanglingOperators() {
        assertFails("a or", at: 4, "expected a term after 'or'")
        assertFails("a OR  ", at: 6, "expected a term after 'OR'")
        assertFails("a or or b", at: 5, "expected a term after 'or'")
        assertFails("(a or)", at: 5, "expected a term after 'or'")
        assertFails("or a", at: 0, "expected a term before 'or'")
        assertFails("a and", at: 5, "expected a term after 'and'")
        assertFails("and a", at: 0, "expected a term before 'and'")
        assertFails("a !", at: 3, "expected a term after '!'")
        assertFails("!", at: 1, "expected a term after '!'")
        assertFails("! or a", at: 2, "expected a term after '!'")
        assertFails("a !)", at: 3, "expected a term after '!'")
    }

    func testUnknownFieldListsTheKnownOnes() {
        let known = "(known: type, kind, platform, session, client, shard, attr.NAME, metric.NAME, error)"
        assertFails("foo:bar", at: 0, "unknown field 'foo' \(known)")
        assertFails("error platform:ios Foo:bar", at: 19, "unknown field 'foo' \(known)")
    }

    func testUnknownKind() {
        let names = EventKind.allCases.map(\.rawValue).joined(separator: ", ")
        assertFails("kind:mail", at: 5, "unknown kind 'mail' (known: \(names))")
    }

    func testMissingValuesAndNames() {
        assertFails("type:", at: 5, "expected a value after 'type:'")
        assertFails("a session: b", at: 10, "expected a value after 'session:'")
        assertFails("attr.feedback", at: 13, "expected '=' or '~' after 'attr.feedback'")
        assertFails("attr.", at: 5, "expected an attribute name after 'attr.'")
        assertFails("attr.=x", at: 5, "expected an attribute name after 'attr.'")
        assertFails("attr.x=", at: 7, "expected a value after 'attr.x='")
        assertFails("metric.>3", at: 7, "expected a metric name after 'metric.'")
    }

    func testBadMetricComparisonOrNumber() {
        assertFails("metric.price", at: 12, "expected a comparison (<, <=, >, >=, =, !=) after 'metric.price'")
        assertFails("metric.price=>3", at: 12, "expected a comparison (<, <=, >, >=, =, !=) after 'metric.price'")
        assertFails("metric.price>abc", at: 13, "expected a number after 'metric.price>', found 'abc'")
        assertFails("x metric.price>=1e999", at: 16, "expected a number after 'metric.price>=', found '1e999'")
        assertFails("metric.price>", at: 13, "expected a value after 'metric.price>'")
    }

    func testBadRegexIsReportedAtTheRegex() {
        assertFails("a attr.x~a(b", at: 9, "invalid regular expression: expected ')'")
        let error = failure("attr.label~[z-a]")
        XCTAssertEqual(error?.position, 11)
        XCTAssertTrue(error?.message.hasPrefix("invalid regular expression: ") == true, error?.message ?? "")
    }

    func testBadQuotes() {
        assertFails(#""abc"#, at: 0, #"unterminated quote (no closing '"')"#)
        assertFails(#"a attr.title="x y"#, at: 13, #"unterminated quote (no closing '"')"#)
        assertFails(#""a"b"#, at: 3, "unexpected text after the closing quote")
    }

    func testPositionsCountCharactersNotBytes() {
        assertFails("日本語 (x", at: 6, "expected ')' to close the '(' at 4")
        // A flag is one character (two scalars, eight bytes).
        assertFails("🇯🇵 or", at: 4, "expected a term after 'or'")
        assertFails("café foo:x", at: 5, "unknown field 'foo' (known: type, kind, platform, session, client, shard, attr.NAME, metric.NAME, error)")
    }
}
