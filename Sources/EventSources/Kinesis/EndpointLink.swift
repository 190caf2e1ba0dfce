import EventDecoding
import KinesisClient
import Synchronization

/// How the Kinesis endpoint has been answering, shared by every task of one `KinesisSource`:
/// it counts the failed tries in a row, words the retry line the user sees ("connecting to … failed:
/// connection refused, retry 3 in 4 s"), sends the source's status in order, and tells the
/// watchdog for how long nothing has answered.
///
/// "Answered" means any HTTP answer, an error or throttling included: only a refused, dropped or
/// silent connection, or a 5xx, counts as unreachable (`KinesisError.meansUnreachable`).
final class EndpointLink: Sendable {
    private struct State {
        var failuresInRow = 0
        /// The first failure since the endpoint last answered.
        var troubleSince: Double?
        var callsInFlight = 0
        /// When calls began to be outstanding (no call was before).
        var busySince: Double
        var lastHeard: Double
        var lastReason: String?
        var lastReported = -Double.infinity
        var records = 0
    }

    let endpoint: String
    let statuses: AsyncStream<SourceStatus>
    private let continuation: AsyncStream<SourceStatus>.Continuation
    private let clock: @Sendable () -> Double
    private let state: Mutex<State>

    /// Retry lines with the same reason closer together than this are left out: many shards
    /// failing at once would otherwise print one each.
    static let reportInterval = 1.0

    init(endpoint: String, clock: @escaping @Sendable () -> Double) {
        self.endpoint = endpoint.hasSuffix("/") ? String(endpoint.dropLast()) : endpoint
        self.clock = clock
        let now = clock()
        state = Mutex(State(busySince: now, lastHeard: now))
        (statuses, continuation) = AsyncStream.makeStream(of: SourceStatus.self)
    }

    /// Sends a status after those already sent.
    func report(_ status: SourceStatus) { continuation.yield(status) }

    /// No more statuses; `statuses` ends.
    func finish() { continuation.finish() }

    /// Runs one API call (with its own retries inside), noting that calls are outstanding and,
    /// when it returns or fails with an answer, that the endpoint answered.
    func call<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        let now = clock()
        state.withLock { s in
            if s.callsInFlight == 0 && s.troubleSince == nil { s.busySince = now }
            s.callsInFlight += 1
        }
        defer { state.withLock { $0.callsInFlight -= 1 } }
        do {
            let value = try await body()
            heard()
            return value
        } catch let error as KinesisError {
            if !error.meansUnreachable { heard() }
            throw error
        }
    }

    /// The endpoint answered: the failures in a row are over, and a status that said so is replaced.
    func heard() {
        let now = clock()
        let recovered = state.withLock { s -> Bool in
            s.lastHeard = now
            s.failuresInRow = 0
            s.lastReported = -Double.infinity
            defer { s.troubleSince = nil; s.lastReason = nil }
            return s.troubleSince != nil
        }
        if recovered { report(.running) }
    }

    /// A call failed; another try follows in `wait` seconds. Reports the retry line (at most one a
    /// second for the same reason) and returns it.
    @discardableResult
    func failed(_ error: KinesisError, retryIn wait: Double) -> String {
        let now = clock()
        let reason = Self.reason(error)
        let (line, due) = state.withLock { s -> (String, Bool) in
            s.failuresInRow += 1
            if s.troubleSince == nil { s.troubleSince = now }
            let line = "connecting to \(endpoint) failed: \(reason), retry \(s.failuresInRow) in \(Self.seconds(wait))"
            let due = reason != s.lastReason || now - s.lastReported >= Self.reportInterval
            if due { s.lastReported = now }
            s.lastReason = reason
            return (line, due)
        }
        if due { report(.retrying(line)) }
        return line
    }

    /// Seconds for which calls have been outstanding or failing with no answer; 0 while the
    /// endpoint answers or nothing is asked.
    func silence(at now: Double) -> Double {
        state.withLock { s in
            guard s.callsInFlight > 0 || s.troubleSince != nil else { return 0 }
            let since = max(s.lastHeard, min(s.busySince, s.troubleSince ?? .infinity))
            return max(0, now - since)
        }
    }

    /// What the last failure was, for the line that gives up.
    var lastReason: String? { state.withLock { $0.lastReason } }

    /// Records delivered so far from every shard.
    var records: Int { state.withLock { $0.records } }

    func add(records count: Int) { state.withLock { $0.records += count } }

    /// Throws once nothing has answered for `limit` seconds; otherwise runs until cancelled.
    func watch(giveUpAfter limit: Double) async throws {
        while true {
            let now = clock()
            let silent = silence(at: now)
            if silent >= limit {
                let why = lastReason.map { " (last try: \($0))" } ?? ""
                throw SourceError("no answer from \(endpoint) for \(Self.seconds(limit))\(why); giving up")
            }
            // Wake when the limit could be reached, and at least once a second (a call may start).
            let wait = min(1, max(0.05, limit - silent))
            try await Task.sleep(nanoseconds: UInt64(wait * 1e9))
        }
    }

    /// A failure in a few words: "connection refused", "HTTP 503 ServiceUnavailable".
    static func reason(_ error: KinesisError) -> String {
        if error.type == KinesisError.transportType { return error.message }
        if let status = error.statusCode {
            let type = error.type == "HTTP\(status)" ? "" : " \(error.type)"
            return "HTTP \(status)\(type)"
        }
        return error.type
    }

    /// "4 s", "0.4 s", "2 min".
    static func seconds(_ value: Double) -> String {
        if value >= 120 && value.truncatingRemainder(dividingBy: 60) < 0.5 { return "\(Int((value / 60).rounded())) min" }
        if value >= 10 { return "\(Int(value.rounded())) s" }
        let tenths = (value * 10).rounded() / 10
        return tenths == tenths.rounded() ? "\(Int(tenths)) s" : "\(tenths) s"
    }
}
