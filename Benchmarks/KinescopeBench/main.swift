#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// kinescope-bench: in-process benchmarks for the budgets of issue 6 that a whole-process run
// cannot isolate (decode throughput, one frame), plus a fast demo-event generator for the
// process-level scripts. Driven by Benchmarks/run.sh; see Benchmarks/README.md.

let usage = """
    usage: kinescope-bench decode FILE [--reps N]
               read FILE (NDJSON) into memory, then time split + decode + classify into events
           kinescope-bench frame [--events N] [--sessions N] [--frames N] [--width W] [--height H]
                                 [--per-frame N]
               time view(state) + the diff against the previous frame
           kinescope-bench detail [--keys N] [--presses N] [--width W] [--height H]
               time one key in the detail view of an event with N keys (update + clamp + view)
           kinescope-bench generate --events N [--seed S]
               write N demo Pinpoint events as NDJSON to stdout (one event object per line)
    Results go to stdout as one JSON object (decode, frame); progress goes to stderr.
    """

let arguments = BenchArguments(Array(CommandLine.arguments.dropFirst()))
do {
    switch arguments.command {
    case "decode":
        guard let path = arguments.positional.first else { throw BenchArguments.Failure(message: "decode needs a FILE") }
        try DecodeBench(path: path, repetitions: arguments.int("reps", default: 5)).run()
    case "frame":
        try FrameBench(events: arguments.int("events", default: 100_000),
                       sessions: arguments.int("sessions", default: 1_000),
                       frames: arguments.int("frames", default: 200),
                       width: arguments.int("width", default: 200),
                       height: arguments.int("height", default: 60),
                       eventsPerFrame: arguments.int("per-frame", default: 100)).run()
    case "detail":
        try DetailKeyBench(keys: arguments.int("keys", default: 1_000_000), presses: arguments.int("presses", default: 12),
                           width: arguments.int("width", default: 120), height: arguments.int("height", default: 40)).run()
    case "generate":
        try EventGenerator(events: arguments.int("events", default: 1_000_000),
                           seed: UInt64(arguments.int("seed", default: 42))).run()
    default:
        FileHandleOutput.stderr(usage + "\n")
        exit(arguments.command == "help" || arguments.command == "--help" ? 0 : 64)
    }
} catch let failure as BenchArguments.Failure {
    FileHandleOutput.stderr("kinescope-bench: \(failure.message)\n\(usage)\n")
    exit(64)
} catch {
    FileHandleOutput.stderr("kinescope-bench: \(error)\n")
    exit(1)
}
