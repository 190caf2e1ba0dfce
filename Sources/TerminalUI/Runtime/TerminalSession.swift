#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import MonitorCore

nonisolated(unsafe) private var signalWakeFD: Int32 = -1
nonisolated(unsafe) private var pendingSignal: Int32 = 0
nonisolated(unsafe) private var ncursesWinchHandler: (@convention(c) (Int32) -> Void)?
/// What the crash handler needs, set before it is installed: the actions it replaced (the Swift
/// runtime's crash reporter), indexed by signal number, and the terminal modes from before ncurses.
nonisolated(unsafe) private let replacedCrashActions = UnsafeMutablePointer<sigaction>.allocate(capacity: 65)
nonisolated(unsafe) private var modesBeforeSession = termios()
nonisolated(unsafe) private var haveModesBeforeSession = false
/// Leaves mouse reporting, resets attributes, shows the cursor and leaves the alternate screen.
private let crashResetBytes: [UInt8] = Array("\u{1B}[?1000l\u{1B}[?1006l\u{1B}[0m\u{1B}[?25h\u{1B}[?1049l\r\n".utf8)

/// Runs the TUI: owns the terminal on the calling thread, applies messages from the mailbox and
/// keys from the keyboard to the state, and redraws on change (at most `maxFPS` times a second;
/// less often while new data rewrites much of the screen, see `FramePacer`).
///
/// When nothing happens it sleeps in `poll` until a key, a message, a signal, or the next moment a
/// time-based figure can change (each second while rates decay, otherwise the next minute).
public struct TerminalSession {
    public var colorFlag: String
    public var environment: [String: String]
    public var maxFPS: Double
    public var theme: Theme

    public init(colorFlag: String, environment: [String: String], maxFPS: Double = 10, theme: Theme = .dark) {
        self.colorFlag = colorFlag
        self.environment = environment
        self.maxFPS = maxFPS
        self.theme = theme
    }

    /// How a session ended.
    public struct Outcome: Sendable {
        public var state: MonitorState
        /// The signal (SIGINT, SIGTERM, SIGHUP, SIGQUIT) that ended it, if one did.
        public var signal: Int32?
        /// The terminal's input ended (end of file, hangup, or the descriptor closed) with no
        /// signal: a terminal that went away under a process in a session of its own (`setsid`),
        /// which no SIGHUP reaches.
        public var terminalGone = false
    }

    /// The signals that end a session as a quit does, with the terminal restored: SIGQUIT among
    /// them, so the Swift runtime's crash handler (which catches QUIT) never draws over the screen.
    static let endingSignals = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]

    /// The signals of a crash (a trap such as `fatalError` or a failed precondition is SIGILL or
    /// SIGTRAP). While the session runs, a crash first gives the terminal back (modes, cursor, main
    /// screen), then goes on to the handler it replaced, so the Swift runtime's crash report is
    /// written to a usable terminal instead of over the TUI in raw mode.
    static let crashSignals = [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP, SIGABRT]

    /// Runs until the user quits or a terminating signal arrives; the terminal is restored on
    /// every way out, thrown errors included.
    public func run(state initial: MonitorState, mailbox: Mailbox, clock: any MonitorClock) -> Outcome {
        var state = initial
        signalWakeFD = mailbox.wakeWriteFD
        let handler: @convention(c) (Int32) -> Void = { signal in
            pendingSignal = signal
            var byte: UInt8 = 2
            _ = write(signalWakeFD, &byte, 1)
        }
        let previousHandlers = Self.endingSignals.map { ($0, signal($0, handler)) }
        defer { for (number, old) in previousHandlers { signal(number, old) } }

        haveModesBeforeSession = tcgetattr(STDIN_FILENO, &modesBeforeSession) == 0
        // Globals are initialised on first use, which must not happen inside the handler.
        _ = crashResetBytes.count
        let crash: @convention(c) (Int32, UnsafeMutablePointer<siginfo_t>?, UnsafeMutableRawPointer?) -> Void = { signal, info, _ in
            // Async-signal-safe calls only: write, tcsetattr, sigaction, raise.
            crashResetBytes.withUnsafeBufferPointer { _ = write(STDOUT_FILENO, $0.baseAddress, $0.count) }
            if haveModesBeforeSession { _ = tcsetattr(STDIN_FILENO, TCSANOW, &modesBeforeSession) }
            _ = sigaction(signal, replacedCrashActions + Int(signal), nil)
            // A fault or trap happens again when this returns, now reaching the replaced handler; a
            // signal that was sent (abort, kill) is sent again, and is delivered on return.
            if let info, info.pointee.si_code <= 0 { _ = raise(signal) }
        }
        for number in Self.crashSignals {
            var action = sigaction()
            action.__sigaction_handler.sa_sigaction = crash
            action.sa_flags = SA_SIGINFO | SA_ONSTACK
            sigemptyset(&action.sa_mask)
            _ = sigaction(number, &action, replacedCrashActions + Int(number))
        }
        defer { for number in Self.crashSignals { _ = sigaction(number, replacedCrashActions + Int(number), nil) } }

        let backend = NCursesBackend(colorFlag: colorFlag, environment: environment)
        defer { backend.shutdown() }
        // ncurses notices SIGWINCH only inside its next read; chaining to its handler and waking
        // the loop makes an idle screen redraw at the new size at once.
        let winch: @convention(c) (Int32) -> Void = { signal in
            ncursesWinchHandler?(signal)
            var byte: UInt8 = 3
            _ = write(signalWakeFD, &byte, 1)
        }
        let previousWinch = signal(SIGWINCH, winch)
        // SIG_DFL and SIG_IGN are the values 0 and 1, not functions to call.
        if let previousWinch, unsafeBitCast(previousWinch, to: Int.self) > 1 {
            ncursesWinchHandler = previousWinch
        }
        defer {
            signal(SIGWINCH, previousWinch)
            ncursesWinchHandler = nil
        }
        var size = backend.size
        update(&state, .resize(width: size.width, height: size.height))
        state.ui.pageSize = MainLayout.pageSize(width: size.width, height: size.height)
        update(&state, .tick(clock.now()))
        // --mouse or the config's `mouse = true` is said to fail as `m` is; a config warning
        // already in the footer stays (it is also on stderr, the mouse is not).
        applyMouse(&state, backend: backend, quietIfNoticed: true)
        var pacer = FramePacer(minInterval: 1 / maxFPS)
        var dirty = true
        // Set by keys, resizes and effects: drawn at the frame rate, not held back by the budget.
        var urgent = true
        let effects = EffectRunner(environment: environment, terminal: FileDescriptorSink(fd: STDOUT_FILENO))
        var trim = HeapTrim()

        var terminalGone = false
        while !state.shouldQuit && pendingSignal == 0 && !terminalGone {
            let now = clock.now()
            var due: Double { urgent ? pacer.nextInputFrame() : pacer.nextFrame() }
            if dirty && now >= due {
                backend.draw(view(state, width: size.width, height: size.height, theme: theme))
                pacer.recordDraw(cells: backend.lastCellsWritten, at: now)
                dirty = false
                urgent = false
            }
            let timeout = dirty ? due - now : nextTick(state, now: now) - now
            var fds = [pollfd(fd: backend.inputFD, events: Int16(POLLIN), revents: 0),
                       pollfd(fd: mailbox.wakeReadFD, events: Int16(POLLIN), revents: 0)]
            _ = poll(&fds, 2, Int32(max(0, min(timeout, 60)) * 1000) + 1)

            let inputs = backend.pendingInput()
            // A terminal that is gone stays "readable" for ever with nothing to read: without this
            // check the loop would wake at once, again and again, at 100 % CPU.
            if inputs.isEmpty && fds[0].revents & Int16(POLLIN | POLLHUP | POLLERR | POLLNVAL) != 0
                && backend.inputEnded(polled: fds[0].revents) {
                terminalGone = true
            }
            for input in inputs {
                switch input {
                case .resize:
                    backend.acknowledgeResize()
                    size = backend.size
                    update(&state, .resize(width: size.width, height: size.height))
                case .key(let key):
                    update(&state, .key(key))
                case .mouse(let mouse):
                    if let message = PointerHitTest.message(for: mouse, state: state, width: size.width, height: size.height) {
                        update(&state, message)
                    }
                }
                // Keys and resizes change what a page is (size, zoom) and move the detail view's
                // scroll; clamping rebuilds the detail's lines, so it is not done on every wake.
                state.ui.pageSize = MainLayout.pageSize(width: size.width, height: size.height, zoomed: state.ui.zoomed)
                DetailView.clampScroll(&state, height: size.height)
                dirty = true
                urgent = true
            }
            // `m` (or --mouse at start) asks for the mouse; a terminal that cannot report it turns it off again.
            if state.ui.mouse != backend.mouseEnabled { applyMouse(&state, backend: backend) }
            // Copies and writes queued by the keys above run here, between frames: ncurses has
            // flushed its output, so an OSC 52 sequence cannot land inside a drawing sequence.
            if effects.performQueued(&state) {
                dirty = true
                urgent = true
            }
            let messages = mailbox.drain()
            for message in messages { update(&state, message) }
            if !messages.isEmpty {
                dirty = true
                trim.noteActivity()
            }
            trim.trimIfDue(at: now)
            let before = state.now
            update(&state, .tick(clock.now()))
            if Int(state.now) != Int(before) { dirty = true }
        }
        return Outcome(state: state, signal: pendingSignal == 0 ? nil : pendingSignal,
                       terminalGone: pendingSignal == 0 && terminalGone)
    }

    /// Asks the terminal for the mouse as `state.ui.mouse` says, and turns it off again with a
    /// notice when the terminal cannot report it (vt100, linux console without gpm).
    private func applyMouse(_ state: inout MonitorState, backend: NCursesBackend, quietIfNoticed: Bool = false) {
        let wanted = state.ui.mouse
        state.ui.mouse = backend.setMouse(wanted)
        guard wanted && !state.ui.mouse, !(quietIfNoticed && state.ui.notice != nil) else { return }
        state.ui.notice = Notice(Self.noMouseNotice, isError: true)
    }

    /// The footer's notice when the mouse was asked for and the terminal cannot report it.
    public static let noMouseNotice = "this terminal does not report the mouse"

    /// When the screen can next change with no input: each second while any rate or sparkline is
    /// still moving, otherwise at the next minute (the header clock).
    func nextTick(_ state: MonitorState, now: Double) -> Double {
        if !state.ratesAreQuiet(at: now) { return now.rounded(.down) + 1 }
        return (now / 60).rounded(.down) * 60 + 60
    }
}

/// Hands memory the process freed back to the system, at most once a second and only while data
/// flows (an idle screen never pays for it).
///
/// Events are decoded on other threads than the UI thread, and glibc gives each thread a heap
/// (arena) of its own. When decoding moves to another thread, the working set (the 10,000 retained
/// events plus batches in flight, about 30 MB) is built up in another arena, and the old one keeps
/// its pages although nearly all of it is free: RSS stepped between about 75 and 105 MB at random
/// points of a long run. `malloc_trim(0)` releases the free pages of every arena.
struct HeapTrim {
    var interval: Double = 1
    private var lastTrim = -Double.infinity
    private var pending = false

    mutating func noteActivity() {
        pending = true
    }

    mutating func trimIfDue(at now: Double) {
        guard pending, now - lastTrim >= interval else { return }
        pending = false
        lastTrim = now
        Self.release()
    }

    #if canImport(Glibc)
    /// `malloc_trim` is declared in `<malloc.h>`, which the Glibc module leaves out; it is looked up
    /// once. Nil where the C library has none (musl), and then trimming is skipped.
    private static let mallocTrim: (@convention(c) (Int) -> Int32)? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)
    }()

    static func release() { _ = mallocTrim?(0) }
    #else
    static func release() {}
    #endif
}
