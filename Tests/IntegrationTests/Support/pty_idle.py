#!/usr/bin/env python3
"""Run a program in a pseudo-terminal and count the bytes it writes while idle.

Usage: pty_idle.py [--cols N] [--rows N] [--settle S] [--window S] [--timeout S] -- PROGRAM ARGS...

1. Starts PROGRAM on a new pty of COLS x ROWS (the environment is passed through: set TERM and
   LC_ALL in it).
2. Waits for the first frames to settle: some output, then SETTLE seconds without any.
3. Counts every byte written during the next WINDOW seconds. The window never spans the start of a
   minute: Kinescope's header clock shows the minute, so an idle screen legitimately redraws it
   then. If the window would cross one, the script waits until one second past it and lets the
   clock's redraw settle first.
4. Types 'q' and waits for the program to exit.

Prints one JSON object: {"settle_bytes", "idle_bytes", "idle_sample", "window_start_second",
"exit_code"}. Exits 2 if the program never drew or never settled, with the reason on stderr.
"""
import json
import os
import pty
import select
import struct
import sys
import time


def parse(argv):
    options = {"cols": 100, "rows": 30, "settle": 1.5, "window": 5.0, "timeout": 30.0}
    i = 0
    while i < len(argv) and argv[i] != "--":
        name = argv[i].lstrip("-")
        options[name] = float(argv[i + 1])
        i += 2
    return options, argv[i + 1:]


def main():
    options, program = parse(sys.argv[1:])
    if not program:
        print("usage: pty_idle.py [options] -- PROGRAM ARGS...", file=sys.stderr)
        return 2
    pid, fd = pty.fork()
    if pid == 0:
        import fcntl
        import termios
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", int(options["rows"]), int(options["cols"]), 0, 0))
        try:
            os.execvp(program[0], program)
        finally:
            os._exit(127)

    deadline = time.monotonic() + options["timeout"]

    def read_for(seconds):
        """Bytes written during the next `seconds` (None once the program has gone)."""
        out = bytearray()
        end = time.monotonic() + seconds
        while True:
            left = end - time.monotonic()
            if left <= 0:
                return bytes(out)
            ready, _, _ = select.select([fd], [], [], left)
            if ready:
                try:
                    chunk = os.read(fd, 65536)
                except OSError:
                    chunk = b""
                if not chunk:
                    return None
                out += chunk

    def settle():
        """Reads until SETTLE seconds pass without output; returns the bytes read."""
        total = bytearray()
        while True:
            if time.monotonic() > deadline:
                print("the program never stopped writing", file=sys.stderr)
                sys.exit(2)
            chunk = read_for(options["settle"])
            if chunk is None:
                print("the program exited early; it wrote: %r" % bytes(total[-500:]), file=sys.stderr)
                sys.exit(2)
            total += chunk
            if not chunk and total:
                return bytes(total)

    settle_bytes = len(settle())
    second = time.time() % 60
    if second + options["window"] + 0.5 > 60:
        time.sleep(60 - second + 1)
        settle_bytes += len(settle())
        second = time.time() % 60
    idle = read_for(options["window"])
    if idle is None:
        print("the program exited during the idle window", file=sys.stderr)
        return 2

    os.write(fd, b"q")
    status = None
    end = time.monotonic() + 10
    while time.monotonic() < end:
        if read_for(0.05) is None:
            pass
        waited, raw = os.waitpid(pid, os.WNOHANG)
        if waited == pid:
            status = os.waitstatus_to_exitcode(raw)
            break
    print(json.dumps({
        "settle_bytes": settle_bytes,
        "idle_bytes": len(idle),
        "idle_sample": idle[:200].decode("latin-1"),
        "window_start_second": round(second, 2),
        "exit_code": status,
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
