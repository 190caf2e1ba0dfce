import XCTest
@testable import AWSAuth

/// The INI dialect of `~/.aws/config` and `~/.aws/credentials`.
final class AWSConfigFileTests: XCTestCase {
    private func parse(_ text: String) -> AWSConfigFile {
        AWSConfigFile.parse(text, path: "/test/config")
    }

    func testSectionsKeysCommentsAndWhitespace() {
        let file = parse("""
        # a comment
        ; another comment
        stray = ignored before any section

        [default]
          output   =   json  
        region=us-east-1
        AWS_Access_Key_ID = AKIDDEFAULT
        this line is not a setting
        [ profile   dev ]   # trailing text after the header is ignored
        region : eu-west-1
        cli_pager =
        endpoint_url = http://localhost:4567 # not a comment, as in botocore
        """)
        XCTAssertEqual(file.sections["default"], ["region": "us-east-1", "output": "json", "aws_access_key_id": "AKIDDEFAULT"])
        XCTAssertEqual(file.configProfile("dev")?["region"], "eu-west-1")
        XCTAssertEqual(file.configProfile("dev")?["cli_pager"], "")
        XCTAssertEqual(file.configProfile("dev")?["endpoint_url"], "http://localhost:4567 # not a comment, as in botocore")
        XCTAssertNil(file.configProfile("missing"))
    }

    func testCRLFAndByteOrderMark() {
        let file = parse("\u{FEFF}[default]\r\nregion = ap-south-1\r\n\r\n[profile x]\r\nregion = sa-east-1\r\n")
        XCTAssertEqual(file.configProfile("default")?["region"], "ap-south-1")
        XCTAssertEqual(file.configProfile("x")?["region"], "sa-east-1")
    }

    func testNestedSubsectionsAndContinuationLines() {
        let file = parse("""
        [profile dev]
        s3 =
          max_concurrent_requests = 20
          addressing_style = path
        services = local
        credential_process = /usr/bin/creds
          --flag
        region = eu-central-1

        [services local]
        kinesis =
          endpoint_url = http://127.0.0.1:4567
        """)
        let dev = file.configProfile("dev")
        XCTAssertEqual(dev?["s3.max_concurrent_requests"], "20")
        XCTAssertEqual(dev?["s3.addressing_style"], "path")
        XCTAssertEqual(dev?["s3"], "")
        XCTAssertEqual(dev?["credential_process"], "/usr/bin/creds\n--flag")
        XCTAssertEqual(dev?["region"], "eu-central-1")
        XCTAssertEqual(file.servicesSection("local")?["kinesis.endpoint_url"], "http://127.0.0.1:4567")
    }

    func testProfileSectionNamingInTheConfigFile() {
        let file = parse("""
        [default]
        region = us-east-1
        output = text
        [profile default]
        output = json
        [dev]
        region = not-a-config-profile
        [profile "with space"]
        region = us-west-2
        [profiles dev]
        region = nope
        """)
        XCTAssertEqual(file.configProfile("default"), ["region": "us-east-1", "output": "json"])
        XCTAssertNil(file.configProfile("dev"), "config file profiles need the 'profile ' prefix")
        XCTAssertEqual(file.configProfile("with space")?["region"], "us-west-2")
        XCTAssertEqual(file.credentialsProfile("dev")?["region"], "not-a-config-profile")
    }

    func testRepeatedSectionsMergeWithLaterKeysWinning() {
        let file = parse("""
        [a]
        x = 1
        y = 1
        [b]
        [a]
        y = 2
        """)
        XCTAssertEqual(file.credentialsProfile("a"), ["x": "1", "y": "2"])
        XCTAssertEqual(file.credentialsProfile("b"), [:])
    }

    func testLoadingMissingFileAndDirectory() throws {
        let directory = try TemporaryDirectory()
        XCTAssertNil(try AWSConfigFile.load(path: "\(directory.path)/missing"))
        XCTAssertThrowsError(try AWSConfigFile.load(path: directory.path)) { error in
            XCTAssertEqual((error as? AWSConfigurationError)?.kind, .unreadableFile)
            XCTAssertEqual(String(describing: error), "cannot read AWS file \(directory.path): it is a directory")
        }
        let path = try directory.write("config", "[default]\nregion = us-east-1\n")
        XCTAssertEqual(try AWSConfigFile.load(path: path)?.configProfile("default")?["region"], "us-east-1")
    }

    func testDevNullIsAnEmptyFile() throws {
        // AWS_CONFIG_FILE=/dev/null is how people switch a file off.
        let file = try XCTUnwrap(try AWSConfigFile.load(path: "/dev/null"))
        XCTAssertTrue(file.sections.isEmpty)
    }
}
