import XCTest

/// A test case that drives the real binary in its own tmux server: `driver` is a fresh
/// `TmuxDriver` for each test (skipped when tmux is not installed) and is killed after it.
class TmuxTestCase: XCTestCase {
    var driver: TmuxDriver?

    override func setUpWithError() throws {
        try super.setUpWithError()
        guard let tmux = ProcessRunner.which("tmux") else { throw XCTSkip("tmux is not installed") }
        driver = try TmuxDriver(tmux: tmux)
    }

    override func tearDown() {
        driver?.kill()
        driver = nil
        super.tearDown()
    }
}
