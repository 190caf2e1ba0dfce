#!/usr/bin/env python3
"""Process-level benchmarks of issue 6: RSS over time, idle CPU, terminal bytes/s, startup to
first frame, and PutRecord -> tail/screen latency against moto. Driven by Benchmarks/run.sh.

Each subcommand prints one JSON object on stdout (progress on stderr):

  rss      --bin K --gen G --events N --front stats|tui [--interval S] [--samples FILE]
           G generates N demo events (NDJSON); they stream through `K stats --file -` (headless)
           or `K watch --file FIFO --speed max` in a 120x40 pty (TUI, default retention). VmRSS of
           K is sampled every S seconds; "flat" compares the peak after warm-up (the first 20 %
           of the run) with the peak of the last 20 %.
  demo     --bin K [--rate R] [--seconds S] [--interval I] [--samples FILE]
           `K demo --rate R` in tmux (120x40) for S seconds; VmRSS of K every I seconds, CPU, and
           the events the header counts (read with `capture-pane`) for the rate the TUI kept.
           "Flat" as for rss: the peak of the last 20 % against the peak after the first 20 %.
  idle     --bin K --seconds S [--warmup W]
           `K watch --file FIFO` in a pty, the FIFO held open by a writer that never writes; CPU
           (utime+stime from /proc/PID/stat) and bytes written to the terminal over S seconds.
  bytes    --bin K --rate R --seconds S [--warmup W] [--cols C --rows L]
           `K demo --rate R` in a CxL pty; bytes read from the pty master per second.
  startup  --bin K --runs N
           `K demo` in a 120x40 pty: time from exec to the first byte on the pty and to the end
           of the first frame (the first burst of output, closed by 30 ms of quiet).
  latency  --bin K --records N [--poll 200ms] [--front tail|screen|both]
           moto_server on a free port, a 1-shard stream; records are put one at a time at random
           gaps (0.05-0.35 s, so puts fall uniformly in the poll cycle), each carrying a unique
           event_type; the time from just before PutRecord to the line on `K tail ... --from latest`
           stdout, or to the marker on a tmux screen running `K watch` (polled every 5 ms).
"""

import argparse
import fcntl
import json
import os
import random
import shutil
import signal
import socket
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
import urllib.request

CLK_TCK = os.sysconf("SC_CLK_TCK")
TERM_ENV = {"TERM": "xterm-256color", "LC_ALL": "C.UTF-8"}


def rss_phases(samples, path):
    """The VmRSS values of (time, kB) samples, their count, the values after warm-up (the first
    fifth), the second fifth and the last fifth; the samples are written to `path` when given."""
    values = [v for _, v in samples]
    n = len(values)
    warm = values[max(1, n // 5):] if n >= 5 else values
    early = values[n // 5: max(n // 5 + 1, 2 * n // 5)] if n >= 5 else values
    late = values[-max(1, n // 5):] if n else []
    if path:
        with open(path, "w") as f:
            for t, v in samples:
                f.write(f"{t:.2f}\t{v}\n")
    return values, n, warm, early, late

def log(message):
    print(f"procbench: {message}", file=sys.stderr, flush=True)


def summary(values):
    values = sorted(values)
    if not values:
        return {"n": 0}
    def pct(p):
        return values[min(len(values) - 1, max(0, int(-(-p * len(values) // 1)) - 1))]
    return {"n": len(values), "median": statistics.median(values), "p90": pct(0.9),
            "min": values[0], "max": values[-1]}


# ------------------------------------------------------------------ /proc helpers
def rss_kb(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except (FileNotFoundError, ProcessLookupError):
        return None
    return None


def hwm_kb(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except (FileNotFoundError, ProcessLookupError):
        return None
    return None


def cpu_seconds(pid):
    """utime + stime of the whole process (all threads, dead ones included), in seconds."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLK_TCK


def context_switches(pid):
    total = 0
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{task}/status") as f:
                for line in f:
                    if line.startswith(("voluntary_ctxt_switches", "nonvoluntary_ctxt_switches")):
                        total += int(line.split()[1])
        except FileNotFoundError:
            pass
    return total


# ------------------------------------------------------------------ a program in a pty
class PtyProgram:
    """Runs argv with a new pty (cols x rows) as its controlling terminal and stdin/stdout/stderr;
    a thread drains the master, keeping (monotonic time, byte count) for every read."""

    def __init__(self, argv, cols=120, rows=40, env=None):
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        environment = dict(os.environ)
        environment.update(TERM_ENV)
        environment.update(env or {})

        def controlling_tty():
            os.setsid()
            fcntl.ioctl(0, termios.TIOCSCTTY, 0)

        self.started = time.monotonic()
        self.process = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=environment,
                                        preexec_fn=controlling_tty, close_fds=True)
        os.close(slave)
        self.chunks = []
        self.data = bytearray()
        self.keep_data = False
        self.lock = threading.Lock()
        self.reader = threading.Thread(target=self._drain, daemon=True)
        self.reader.start()

    def _drain(self):
        while True:
            try:
                block = os.read(self.master, 65536)
            except OSError:
                return
            if not block:
                return
            now = time.monotonic()
            with self.lock:
                self.chunks.append((now, len(block)))
                if self.keep_data:
                    self.data += block

    def bytes_between(self, start, end):
        with self.lock:
            return sum(n for t, n in self.chunks if start <= t < end)

    def type(self, text):
        os.write(self.master, text.encode())

    def quit(self, timeout=10):
        if self.process.poll() is None:
            try:
                self.type("q")
                self.process.wait(timeout=timeout)
            except (OSError, subprocess.TimeoutExpired):
                self.process.kill()
                self.process.wait()
        self.reader.join(timeout=2)
        try:
            os.close(self.master)
        except OSError:
            pass
        return self.process.returncode


# ------------------------------------------------------------------ rss
def cmd_rss(args):
    tmp = tempfile.mkdtemp(prefix="kinescope-rss-")
    gen_argv = [args.gen, "generate", "--events", str(args.events), "--seed", "42"]
    samples = []
    started = time.monotonic()
    pty = None
    if args.front == "stats":
        gen = subprocess.Popen(gen_argv, stdout=subprocess.PIPE)
        target = subprocess.Popen([args.bin, "stats", "--file", "-", "--format", "json"], stdin=gen.stdout,
                                  stdout=subprocess.PIPE)
        gen.stdout.close()
        pid = target.pid
        out = []
        reader = threading.Thread(target=lambda: out.append(target.stdout.read()), daemon=True)
        reader.start()
        while target.poll() is None:
            value = rss_kb(pid)
            if value:
                samples.append((time.monotonic() - started, value))
                peak = hwm_kb(pid) or 0
            time.sleep(args.interval)
        reader.join()
        gen.wait()
        stats = json.loads(out[0]) if out and out[0] else {}
        events_seen = stats.get("events")
        if target.returncode != 0 or events_seen != args.events:
            raise SystemExit(f"stats exited {target.returncode} with events={events_seen}, wanted {args.events}")
    else:
        fifo = os.path.join(tmp, "events.fifo")
        os.mkfifo(fifo)
        pty = PtyProgram([args.bin, "watch", "--file", fifo, "--speed", "max"], cols=120, rows=40)
        pid = pty.process.pid
        with open(os.path.join(tmp, "gen.err"), "w") as err:
            gen = subprocess.Popen(" ".join([*map(sh_quote, gen_argv), ">", sh_quote(fifo)]), shell=True, stderr=err)
        peak = 0
        # The generator ends when the TUI has read all but the last pipe buffer; then the TUI is
        # done once its CPU time stops growing.
        gen_done_at = None
        last_cpu, quiet = None, 0
        while pty.process.poll() is None:
            value = rss_kb(pid)
            if value:
                samples.append((time.monotonic() - started, value))
                peak = hwm_kb(pid) or peak
            if gen.poll() is not None:
                gen_done_at = gen_done_at or time.monotonic()
                cpu = cpu_seconds(pid)
                quiet = quiet + 1 if last_cpu is not None and cpu - last_cpu < 0.05 * args.interval else 0
                last_cpu = cpu
                if quiet >= 3 or time.monotonic() - gen_done_at > 120:
                    break
            time.sleep(args.interval)
        code = pty.quit()
        if gen.returncode != 0:
            raise SystemExit(f"generator exited {gen.returncode}")
        if code not in (0, None):
            raise SystemExit(f"kinescope watch exited {code}")
        events_seen = None
    shutil.rmtree(tmp, ignore_errors=True)
    elapsed = time.monotonic() - started
    values, n, warm, early, late = rss_phases(samples, args.samples)
    mb = lambda kb: round(kb * 1024 / 1e6, 1)
    result = {
        "case": f"rss-{args.front}", "events": args.events, "seconds": round(elapsed, 1), "samples": n,
        "interval_s": args.interval,
        "peak_mb": mb(max(peak, max(values, default=0))),
        "after_warmup_min_mb": mb(min(warm, default=0)), "after_warmup_max_mb": mb(max(warm, default=0)),
        "early_peak_mb": mb(max(early, default=0)), "late_peak_mb": mb(max(late, default=0)),
        "growth_mb": mb(max(late, default=0) - max(early, default=0)),
        "events_per_s": round(args.events / elapsed) if elapsed > 0 else None,
        "rss_mb_by_decile": [mb(values[min(n - 1, (n * k) // 10)]) for k in range(11)] if n else [],
    }
    print(json.dumps(result))


def sh_quote(text):
    return "'" + text.replace("'", "'\\''") + "'"


# ------------------------------------------------------------------ RSS of a fast demo in the TUI
def header_events(text):
    """The events count in the TUI's header ("1,234 events" or "12 of 1,234 events"), or None."""
    first = text.splitlines()[0] if text else ""
    words = first.replace("│", " ").split()
    for i, word in enumerate(words[1:], 1):
        if word.startswith("event"):
            digits = words[i - 1].replace(",", "")
            if digits.isdigit():
                return int(digits)
    return None


def cmd_demo(args):
    tmux = shutil.which("tmux")
    if not tmux:
        raise SystemExit("tmux is not installed")
    sock = f"kinescope-demo-{os.getpid()}"
    base = [tmux, "-u", "-L", sock, "-f", "/dev/null"]
    program = " ".join(sh_quote(a) for a in [args.bin, "demo", "--rate", str(args.rate)])
    subprocess.run(base + ["new-session", "-d", "-s", "k", "-x", "120", "-y", "40",
                           f"env TERM=xterm-256color LC_ALL=C.UTF-8 {program}"], check=True)
    samples, counts = [], []
    try:
        pid = int(subprocess.run(base + ["display-message", "-p", "-t", "k", "#{pane_pid}"], capture_output=True,
                                 text=True, check=True).stdout.strip())
        started = time.monotonic()
        cpu0 = cpu_seconds(pid)
        peak = 0
        while time.monotonic() - started < args.seconds:
            value = rss_kb(pid)
            if value is None:
                raise SystemExit("kinescope demo exited early")
            now = time.monotonic() - started
            samples.append((now, value))
            peak = hwm_kb(pid) or peak
            shown = subprocess.run(base + ["capture-pane", "-p", "-t", "k"], capture_output=True, text=True).stdout
            events = header_events(shown)
            if events is not None:
                counts.append((now, events))
            time.sleep(args.interval)
        elapsed = time.monotonic() - started
        cpu = cpu_seconds(pid) - cpu0
        header = subprocess.run(base + ["capture-pane", "-p", "-t", "k"], capture_output=True, text=True).stdout.splitlines()[:1]
    finally:
        subprocess.run(base + ["send-keys", "-t", "k", "q"], capture_output=True)
        time.sleep(0.5)
        subprocess.run(base + ["kill-server"], capture_output=True)
    values, n, warm, early, late = rss_phases(samples, args.samples)
    mb = lambda kb: round(kb * 1024 / 1e6, 1)
    # The rate kept after warm-up: the header's events over the last 80 % of the run.
    kept = None
    later = [(t, c) for t, c in counts if t >= elapsed / 5]
    if len(later) >= 2 and later[-1][0] > later[0][0]:
        kept = round((later[-1][1] - later[0][1]) / (later[-1][0] - later[0][0]))
    print(json.dumps({
        "case": "demo-rss", "rate": args.rate, "seconds": round(elapsed, 1), "samples": n, "interval_s": args.interval,
        "peak_mb": mb(max(peak, max(values, default=0))),
        "after_warmup_min_mb": mb(min(warm, default=0)), "after_warmup_max_mb": mb(max(warm, default=0)),
        "early_peak_mb": mb(max(early, default=0)), "late_peak_mb": mb(max(late, default=0)),
        "growth_mb": mb(max(late, default=0) - max(early, default=0)),
        "cpu_percent": round(100 * cpu / elapsed, 1),
        "events_shown": counts[-1][1] if counts else None, "events_per_s_kept": kept,
        "header": header[0].strip() if header else "",
        "rss_mb_by_decile": [mb(values[min(n - 1, (n * k) // 10)]) for k in range(11)] if n else [],
    }, ensure_ascii=False))


# ------------------------------------------------------------------ idle CPU
def cmd_idle(args):
    tmp = tempfile.mkdtemp(prefix="kinescope-idle-")
    fifo = os.path.join(tmp, "silent.fifo")
    os.mkfifo(fifo)
    # A writer that opens the FIFO and never writes: the source waits forever, as a quiet stream.
    writer = subprocess.Popen(f"exec sleep 100000 > {sh_quote(fifo)}", shell=True)
    pty = PtyProgram([args.bin, "watch", "--file", fifo], cols=120, rows=40)
    try:
        time.sleep(args.warmup)
        if pty.process.poll() is not None:
            raise SystemExit(f"kinescope watch exited early ({pty.process.returncode})")
        pid = pty.process.pid
        cpu0, cs0, t0 = cpu_seconds(pid), context_switches(pid), time.monotonic()
        time.sleep(args.seconds)
        cpu1, cs1, t1 = cpu_seconds(pid), context_switches(pid), time.monotonic()
        written = pty.bytes_between(t0, t1)
        rss = rss_kb(pid)
    finally:
        pty.quit()
        writer.kill()
        writer.wait()
        shutil.rmtree(tmp, ignore_errors=True)
    window = t1 - t0
    print(json.dumps({
        "case": "idle", "seconds": round(window, 2), "cpu_s": round(cpu1 - cpu0, 3),
        "cpu_percent": round(100 * (cpu1 - cpu0) / window, 3), "clock_tick_s": 1 / CLK_TCK,
        "context_switches": cs1 - cs0, "wakeups_per_s": round((cs1 - cs0) / window, 2),
        "terminal_bytes": written, "rss_mb": round((rss or 0) * 1024 / 1e6, 1),
    }))


# ------------------------------------------------------------------ terminal bytes/s
def cmd_bytes(args):
    pty = PtyProgram([args.bin, "demo", "--rate", str(args.rate)], cols=args.cols, rows=args.rows)
    try:
        time.sleep(args.warmup)
        if pty.process.poll() is not None:
            raise SystemExit(f"kinescope demo exited early ({pty.process.returncode})")
        pid = pty.process.pid
        cpu0, t0 = cpu_seconds(pid), time.monotonic()
        time.sleep(args.seconds)
        cpu1, t1 = cpu_seconds(pid), time.monotonic()
        first = pty.bytes_between(0, pty.started + 0.5)
        with pty.lock:
            window = [(t, n) for t, n in pty.chunks if t0 <= t < t1]
        per_second = [0] * int(args.seconds)
        for t, n in window:
            k = int(t - t0)
            if k < len(per_second):
                per_second[k] += n
        # Frames: bursts of reads separated by at least 20 ms of quiet.
        bursts, last = 0, None
        for t, _ in window:
            if last is None or t - last > 0.02:
                bursts += 1
            last = t
    finally:
        pty.quit()
    total = sum(n for _, n in window)
    elapsed = t1 - t0
    print(json.dumps({
        "case": "bytes", "rate": args.rate, "cols": args.cols, "rows": args.rows, "seconds": round(elapsed, 2),
        "bytes": total, "bytes_per_s": round(total / elapsed), "kb_per_s": round(total / elapsed / 1000, 2),
        "per_second_bytes": summary(per_second), "frames_per_s": round(bursts / elapsed, 1),
        "bytes_per_frame": round(total / bursts) if bursts else None,
        "first_paint_bytes": first, "cpu_percent": round(100 * (cpu1 - cpu0) / elapsed, 1),
    }))


# ------------------------------------------------------------------ startup
def cmd_startup(args):
    first_byte, first_frame = [], []
    for run in range(args.runs):
        pty = PtyProgram([args.bin, "demo"], cols=120, rows=40)
        deadline = pty.started + 10
        while time.monotonic() < deadline:
            time.sleep(0.005)
            with pty.lock:
                chunks = list(pty.chunks)
            if chunks and time.monotonic() - chunks[-1][0] > 0.03:
                break
        pty.quit()
        if not chunks:
            raise SystemExit("kinescope demo wrote nothing within 10 s")
        start = pty.started
        first_byte.append((chunks[0][0] - start) * 1000)
        end = chunks[0][0]
        for t, _ in chunks:
            if t - end > 0.03:
                break
            end = t
        first_frame.append((end - start) * 1000)
    r = lambda s: {k: (round(v, 2) if isinstance(v, float) else v) for k, v in s.items()}
    print(json.dumps({"case": "startup", "runs": args.runs, "first_byte_ms": r(summary(first_byte)),
                      "first_frame_ms": r(summary(first_frame))}))


# ------------------------------------------------------------------ latency against moto
def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Moto:
    def __init__(self):
        exe = shutil.which("moto_server")
        if not exe:
            raise SystemExit("moto_server is not installed (pip install 'moto[server]')")
        for _ in range(5):
            self.port = free_port()
            self.process = subprocess.Popen([exe, "-H", "127.0.0.1", "-p", str(self.port)],
                                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                            start_new_session=True)
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline and self.process.poll() is None:
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{self.port}/moto-api/", timeout=1)
                    self.endpoint = f"http://127.0.0.1:{self.port}"
                    return
                except Exception:
                    time.sleep(0.1)
            self.stop()
        raise SystemExit("moto_server did not start")

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


def aws_environment(tmp):
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update({"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
                "AWS_REGION": "us-east-1", "AWS_DEFAULT_REGION": "us-east-1",
                "AWS_CONFIG_FILE": os.path.join(tmp, "config"),
                "AWS_SHARED_CREDENTIALS_FILE": os.path.join(tmp, "credentials"),
                "AWS_EC2_METADATA_DISABLED": "true"})
    return env


def record(marker):
    return json.dumps({"event_type": marker, "marker": marker, "bench": "latency",
                       "event_timestamp": int(time.time() * 1000)}).encode()


def measure(kinesis, stream, records, seen, label, wait_s=5.0):
    """Puts warm-up records until one is seen, then `records` timed ones; returns latencies (ms)."""
    for attempt in range(100):
        marker = f"warm-{label}-{attempt:03d}"
        kinesis.put_record(StreamName=stream, Data=record(marker), PartitionKey="bench")
        deadline = time.monotonic() + 1.0
        while time.monotonic() < deadline and marker not in seen:
            time.sleep(0.01)
        if marker in seen:
            break
    else:
        raise SystemExit(f"{label}: no warm-up record arrived within 100 s")
    put_at, put_ms = {}, []
    for i in range(records):
        time.sleep(random.uniform(0.05, 0.35))
        marker = f"lat{label[0]}{i:04d}"
        put_at[marker] = time.monotonic()
        kinesis.put_record(StreamName=stream, Data=record(marker), PartitionKey=f"k{i}")
        put_ms.append((time.monotonic() - put_at[marker]) * 1000)
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline and not all(m in seen for m in put_at):
        time.sleep(0.02)
    missing = [m for m in put_at if m not in seen]
    if missing:
        raise SystemExit(f"{label}: {len(missing)} of {records} records never arrived (first: {missing[0]})")
    return [(seen[m] - put_at[m]) * 1000 for m in put_at], put_ms


def cmd_latency(args):
    import boto3
    from botocore.config import Config
    tmp = tempfile.mkdtemp(prefix="kinescope-latency-")
    env = aws_environment(tmp)
    moto = Moto()
    results = {"case": "latency", "poll_interval": args.poll, "records": args.records}
    try:
        kinesis = boto3.client("kinesis", endpoint_url=moto.endpoint, region_name="us-east-1",
                               aws_access_key_id="testing", aws_secret_access_key="testing",
                               config=Config(retries={"max_attempts": 2}))
        stream = "kinescope-latency"
        kinesis.create_stream(StreamName=stream, ShardCount=1)
        common = ["--stream", stream, "--endpoint-url", moto.endpoint, "--region", "us-east-1",
                  "--poll-interval", args.poll, "--from", "latest"]
        if args.front in ("tail", "both"):
            seen = {}
            tail = subprocess.Popen([args.bin, "tail", *common], stdout=subprocess.PIPE, env=env)

            def read_tail():
                for line in tail.stdout:
                    now = time.monotonic()
                    try:
                        event = json.loads(line).get("event") or {}
                    except ValueError:
                        continue
                    if isinstance(event, dict) and "marker" in event:
                        seen[event["marker"]] = now
            threading.Thread(target=read_tail, daemon=True).start()
            try:
                lat, put_ms = measure(kinesis, stream, args.records, seen, "tail")
            finally:
                tail.terminate()
                tail.wait()
            results["tail_ms"] = {k: round(v, 1) for k, v in summary(lat).items()}
            results["put_ms"] = {k: round(v, 1) for k, v in summary(put_ms).items()}
            log(f"tail: p50 {statistics.median(lat):.1f} ms")
        if args.front in ("screen", "both"):
            tmux = shutil.which("tmux")
            if not tmux:
                raise SystemExit("tmux is not installed")
            sock = f"kinescope-bench-{os.getpid()}"
            base = [tmux, "-u", "-L", sock, "-f", "/dev/null"]
            program = " ".join(sh_quote(a) for a in [args.bin, "watch", *common])
            envs = " ".join(f"{k}={sh_quote(v)}" for k, v in env.items() if k.startswith("AWS_"))
            subprocess.run(base + ["new-session", "-d", "-s", "k", "-x", "120", "-y", "40",
                                   f"env TERM=xterm-256color LC_ALL=C.UTF-8 {envs} {program}; exec sleep 600"],
                           check=True)
            seen, stop = {}, threading.Event()

            def watch_screen():
                while not stop.is_set():
                    shown = subprocess.run(base + ["capture-pane", "-p", "-t", "k"], capture_output=True,
                                           text=True).stdout
                    now = time.monotonic()
                    start = 0
                    while True:
                        at = shown.find("lats", start)
                        if at < 0:
                            break
                        seen.setdefault(shown[at:at + 8], now)
                        start = at + 4
                    for word in shown.split():
                        if word.startswith("warm-screen-"):
                            seen.setdefault(word[:15], now)
                    time.sleep(0.005)
            poller = threading.Thread(target=watch_screen, daemon=True)
            poller.start()
            try:
                lat, _ = measure(kinesis, stream, args.records, seen, "screen")
            finally:
                stop.set()
                poller.join(timeout=2)
                subprocess.run(base + ["kill-server"], capture_output=True)
            results["screen_ms"] = {k: round(v, 1) for k, v in summary(lat).items()}
            log(f"screen: p50 {statistics.median(lat):.1f} ms")
    finally:
        moto.stop()
        shutil.rmtree(tmp, ignore_errors=True)
    print(json.dumps(results))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("rss")
    p.add_argument("--bin", required=True)
    p.add_argument("--gen", required=True)
    p.add_argument("--events", type=int, required=True)
    p.add_argument("--front", choices=["stats", "tui"], required=True)
    p.add_argument("--interval", type=float, default=1.0)
    p.add_argument("--samples")
    p = sub.add_parser("demo")
    p.add_argument("--bin", required=True)
    p.add_argument("--rate", type=int, default=20000)
    p.add_argument("--seconds", type=float, default=60)
    p.add_argument("--interval", type=float, default=1.0)
    p.add_argument("--samples")
    p = sub.add_parser("idle")
    p.add_argument("--bin", required=True)
    p.add_argument("--seconds", type=float, default=60)
    p.add_argument("--warmup", type=float, default=5)
    p = sub.add_parser("bytes")
    p.add_argument("--bin", required=True)
    p.add_argument("--rate", type=int, default=1000)
    p.add_argument("--seconds", type=float, default=20)
    p.add_argument("--warmup", type=float, default=3)
    p.add_argument("--cols", type=int, default=120)
    p.add_argument("--rows", type=int, default=40)
    p = sub.add_parser("startup")
    p.add_argument("--bin", required=True)
    p.add_argument("--runs", type=int, default=30)
    p = sub.add_parser("latency")
    p.add_argument("--bin", required=True)
    p.add_argument("--records", type=int, default=60)
    p.add_argument("--poll", default="200ms")
    p.add_argument("--front", choices=["tail", "screen", "both"], default="both")
    args = parser.parse_args()
    {"rss": cmd_rss, "demo": cmd_demo, "idle": cmd_idle, "bytes": cmd_bytes, "startup": cmd_startup, "latency": cmd_latency}[args.command](args)


if __name__ == "__main__":
    main()
