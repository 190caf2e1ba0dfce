import EventDecoding
import MonitorCore
import TerminalUI

/// One key in the detail view of a huge event, as the TUI answers it: `update`, the detail's
/// scroll clamp, then `view(state)` (the ncurses calls left out). The event is one JSON object of
/// `keys` members; the keys pressed walk down, to the end and back up.
struct DetailKeyBench {
    var keys: Int
    var presses: Int
    var width: Int
    var height: Int

    func run() throws {
        let setupStart = Measure.now()
        let members = (0..<keys).map { JSONObject.Member(key: "key\($0)", value: .number(String($0))) }
        let event = Event(kind: .json, payload: .object(JSONObject(members)), record: RecordMetadata())
        var state = MonitorState(config: MonitorConfig(sourceName: "file huge.json"), now: 1_767_225_600)
        update(&state, .sourceStatus(.running))
        update(&state, .records([event], recordCount: 1, receivedAt: 1_767_225_600))
        update(&state, .resize(width: width, height: height))
        FileHandleOutput.stderr("detail: one event of \(keys) keys; setup \(Measure.fixed(Measure.now() - setupStart, 1)) s\n")

        func press(_ key: Key) -> Double {
            let start = Measure.now()
            update(&state, .key(key))
            DetailView.clampScroll(&state, height: height)
            _ = view(state, width: width, height: height)
            return Measure.now() - start
        }
        let open = press(.enter)
        let cycle: [Key] = [.character("j"), .pageDown, .character("G"), .character("k"), .pageUp, .character("g")]
        var times: [Double] = []
        for index in 0..<presses { times.append(press(cycle[index % cycle.count])) }
        let quit = press(.character("q"))
        FileHandleOutput.stdout("""
            {"keys": \(keys), "presses": \(presses), "open_s": \(Measure.fixed(open, 4)), \
            "key_p50_s": \(Measure.fixed(Measure.percentile(times, 0.5), 4)), \
            "key_max_s": \(Measure.fixed(times.max() ?? 0, 4)), "quit_s": \(Measure.fixed(quit, 4))}

            """)
    }
}
