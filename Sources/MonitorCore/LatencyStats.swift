import EventDecoding

/// One leg of an event's way from the app to Kinescope, measured between two timestamps the event
/// carries: the client's `event_timestamp`, Pinpoint's `arrival_timestamp`, Kinesis'
/// `ApproximateArrivalTimestamp` and the time Kinescope received the record.
///
/// The detail view shows one event's hops and the latency view summarises them over the events in
/// view; both use these definitions, so the two never disagree.
public enum LatencyHop: String, Sendable, CaseIterable {
    case clientToPinpoint, pinpointToKinesis, kinesisToKinescope
    /// Client → Kinescope: the event's age when Kinescope saw it, which is the sum of the three
    /// stages when all are known, and still known when a middle timestamp is missing.
    case endToEnd

    /// The three stages in order, without the total.
    public static let stages: [LatencyHop] = [.clientToPinpoint, .pinpointToKinesis, .kinesisToKinescope]

    public var label: String {
        switch self {
        case .clientToPinpoint: return "client → Pinpoint"
        case .pinpointToKinesis: return "Pinpoint → Kinesis"
        case .kinesisToKinescope: return "Kinesis → Kinescope"
        case .endToEnd: return "client → Kinescope"
        }
    }

    /// The hop's time in seconds, negative when the clocks disagree; nil when the event lacks one
    /// of the two timestamps (file sources have no Kinesis arrival, non-Pinpoint events no
    /// `arrival_timestamp`).
    public func seconds(_ stored: StoredEvent) -> Double? {
        let event = stored.event
        switch self {
        case .clientToPinpoint:
            guard let sent = event.eventTime, let ingested = event.ingestTime else { return nil }
            return ingested - sent
        case .pinpointToKinesis:
            guard let ingested = event.ingestTime, let arrival = event.record.arrival else { return nil }
            return arrival - ingested
        case .kinesisToKinescope:
            guard let arrival = event.record.arrival else { return nil }
            return stored.receivedAt - arrival
        case .endToEnd:
            guard let sent = event.eventTime else { return nil }
            return stored.receivedAt - sent
        }
    }
}

/// The latency of one hop over a set of events: how many had it, how many lacked it or had it
/// negative (clock skew), exact percentiles and a histogram on a log scale.
public struct HopLatency: Sendable, Equatable {
    public var hop: LatencyHop
    /// Events that have both timestamps of this hop.
    public var count: Int
    /// Events in the set that lack one of them.
    public var missing: Int
    /// Events whose hop is below zero. They stay in the percentiles and the histogram (in its
    /// first bucket) rather than being dropped, so skew shows instead of flattering the figures.
    public var negative: Int
    public var p50: Double?
    public var p90: Double?
    public var p99: Double?
    public var max: Double?
    /// Sum of the hop's seconds, for its share of the total time.
    public var total: Double
    /// Counts per `LatencyStats.bucketUpperBounds` bucket.
    public var histogram: [Int]
}

/// Latency per hop over the events in view: what the latency view (`L`) shows.
///
/// Percentiles are exact, by nearest rank over the sorted values: p50 of [1, 2, 3, 4] is 2. The
/// view holds at most `--retain` events (10,000 by default), so sorting them when the view is drawn
/// is cheap, and exact figures can be checked by hand; a streaming histogram (HdrHistogram) would
/// add a dependency, approximate the values and need an offset for negative hops.
///
/// ```swift
/// let stats = LatencyStats(state: state)        // the retained events matching the filter
/// stats.hop(.clientToPinpoint).p99              // seconds, or nil when no event has that hop
/// ```
public struct LatencyStats: Sendable, Equatable {
    /// Upper bounds (exclusive) of the histogram's buckets, in seconds: below zero (skew), under
    /// 10 ms, 100 ms, 1 s, 10 s, 1 min, 10 min; a last bucket takes everything longer. Decades up
    /// to a second and then the units people think in, so "two minutes" lands in a bucket of its own.
    public static let bucketUpperBounds: [Double] = [0, 0.01, 0.1, 1, 10, 60, 600]
    public static let bucketLabels = ["<0", "<10ms", "<100ms", "<1s", "<10s", "<1m", "<10m", ">=10m"]

    /// Events the figures are over.
    public var events: Int
    /// The three stages, then `endToEnd`.
    public var hops: [HopLatency]

    public init(_ events: some Sequence<StoredEvent>) {
        var values: [LatencyHop: [Double]] = [:]
        var count = 0
        for stored in events {
            count += 1
            for hop in LatencyHop.allCases {
                if let seconds = hop.seconds(stored), seconds.isFinite { values[hop, default: []].append(seconds) }
            }
        }
        self.events = count
        hops = LatencyHop.allCases.map { hop in Self.summarise(hop, values[hop] ?? [], of: count) }
    }

    /// Over the events in view: the retained ones that match the filter.
    public init(state: MonitorState) {
        self.init((0..<state.visibleCount).lazy.compactMap { index in
            state.visibleSerial(at: index).flatMap { state.event(serial: $0) }
        })
    }

    public func hop(_ hop: LatencyHop) -> HopLatency {
        hops.first { $0.hop == hop }!
    }

    /// The hop's share of the time spent in the three stages, from 0 to 1; nil for the total or
    /// when there is no positive time to share.
    public func share(of hop: LatencyHop) -> Double? {
        guard hop != .endToEnd else { return nil }
        let sum = LatencyHop.stages.reduce(0) { $0 + self.hop($1).total }
        guard sum > 0, self.hop(hop).count > 0 else { return nil }
        return self.hop(hop).total / sum
    }

    static func summarise(_ hop: LatencyHop, _ unsorted: [Double], of events: Int) -> HopLatency {
        let sorted = unsorted.sorted()
        var histogram = [Int](repeating: 0, count: bucketUpperBounds.count + 1)
        for value in sorted { histogram[bucket(value)] += 1 }
        return HopLatency(hop: hop, count: sorted.count, missing: events - sorted.count,
                          negative: sorted.prefix { $0 < 0 }.count,
                          p50: percentile(sorted, perMille: 500), p90: percentile(sorted, perMille: 900),
                          p99: percentile(sorted, perMille: 990), max: sorted.last,
                          total: sorted.reduce(0, +), histogram: histogram)
    }

    /// The histogram bucket of `seconds`.
    public static func bucket(_ seconds: Double) -> Int {
        bucketUpperBounds.firstIndex { seconds < $0 } ?? bucketUpperBounds.count
    }

    /// Nearest rank: the value at rank ⌈p·n⌉ (from 1) of the sorted values. Per mille in integers,
    /// so 0.9 × 10 cannot round up to rank 10 in floating point.
    public static func percentile(_ sorted: [Double], perMille: Int) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let rank = Swift.max(1, (perMille * sorted.count + 999) / 1000)
        return sorted[Swift.min(rank, sorted.count) - 1]
    }
}
