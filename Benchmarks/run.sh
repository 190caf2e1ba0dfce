#!/usr/bin/env bash
# Kinescope benchmarks: `kinescope stats` vs a jq pipeline over one Pinpoint NDJSON file, and the
# other budgets of issue 6 (decode throughput, frame time, RSS over 10M events, idle CPU, terminal
# bytes/s, PutRecord -> tail/screen latency, startup to first frame).
#
# Usage (from anywhere in the repo):
#   Benchmarks/run.sh                 # the real benchmark: 1,000,000 events, 5 runs per case, every case
#   Benchmarks/run.sh --quick         # CI smoke: 20,000 events, short runs of every case (~1 min after the build)
#   Benchmarks/run.sh --events N --runs R
#   Benchmarks/run.sh --cases jq,decode   # only these cases (default: all)
#   Benchmarks/run.sh --rss-runs R    # runs of each 10M-event RSS case (default 1: ~2 + ~4 min each)
#   Benchmarks/run.sh --no-build      # reuse .build-bench/release/{kinescope,kinescope-bench} as they are
#
# Cases (--cases, comma-separated; "all" is every one):
#   jq       stats vs jq, peak RSS, `stats` startup (steps 2-6 below)
#   decode   kinescope-bench decode FILE: split + decode + classify in memory, MB/s and events/s
#   frame    kinescope-bench frame: view + diff at 200x60, 100,000 retained events, >=1,000 live sessions
#   rss      procbench.py rss: VmRSS every second while 10M demo events go through `stats --file -`
#            and through the TUI (`watch --file FIFO --speed max`, default retention)
#   demo     procbench.py demo: VmRSS every second of `kinescope demo --rate 20000` in tmux for 60 s
#            (a source faster than the screen: memory must stay flat), and the rate the TUI kept
#   idle     procbench.py idle: CPU of the TUI on a silent source for 60 s
#   bytes    procbench.py bytes: terminal bytes/s of `kinescope demo --rate 1000` in a 120x40 pty
#   latency  procbench.py latency: PutRecord -> `tail` stdout and -> TUI screen, moto, 200 ms polls
#   startup  procbench.py startup: exec -> first frame on a pty (`kinescope demo`)
# Budgets are reported, never enforced: the exit code is non-zero only for a failed build, a
# crash, a count mismatch or a case that could not run.
#
# What it does, in one run:
#   1. builds release:  swift build -c release --scratch-path .build-bench
#   2. makes (or reuses) bench-data/pinpoint-seed42-N.ndjson: one Pinpoint event per line, from
#        kinescope tail --demo --max-events N --seed 42 | <keep .event>
#      (python3 json.dumps(obj["event"], ensure_ascii=False, separators=(",",":")) when python3 is
#      there, else `jq -c .event`). A cached file is reused only when its line count is N and its
#      first 1,000 lines equal what the current build generates (so a changed demo generator is
#      noticed and the file is remade).
#   3. checks correctness: the by_type counts of `kinescope stats --format json` must equal
#      `jq -r .event_type FILE | sort | uniq -c`, and events == N, errors == 0. Exit 1 if not.
#   4. times, alternating (A B A B ...), R runs each, warm page cache:
#        (a) kinescope stats --file FILE --format json > /dev/null
#        (b) jq -r .event_type FILE | sort | uniq -c > /dev/null
#      with hyperfine (one `hyperfine --runs 1` per round, --export-json kept) when installed,
#      else a bash loop with `date +%s.%N`.
#   5. extras: peak RSS of (a) and of jq (/usr/bin/time -v), startup of
#      `kinescope stats --file tiny.ndjson` on a 1-line file (hyperfine, 30 runs).
#   6. prints the machine, the results and markdown table rows ready to paste into BENCHMARKS.md;
#      everything is also kept in bench-data/results-<UTC time>/ (summary.md, *.json, times).
#
# Needs: swift, jq, awk; optional: python3 (faster data generation), hyperfine, GNU time.
# MB here is 10^6 bytes. LC_ALL=C is set for the whole run (sort order, number formats).
set -euo pipefail

EVENTS=1000000
RUNS=5
BUILD=1
SEED=42
QUICK=0
CASES=all
RSS_RUNS=1
while (($#)); do
    case "$1" in
        --events) EVENTS="${2:?--events needs N}"; shift 2 ;;
        --runs) RUNS="${2:?--runs needs R}"; shift 2 ;;
        --quick) EVENTS=20000; RUNS=1; QUICK=1; shift ;;
        --cases) CASES="${2:?--cases needs a list}"; shift 2 ;;
        --rss-runs) RSS_RUNS="${2:?--rss-runs needs R}"; shift 2 ;;
        --no-build) BUILD=0; shift ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) echo "run.sh: unknown argument: $1 (see --help)" >&2; exit 64 ;;
    esac
done
[[ "$EVENTS" =~ ^[1-9][0-9]*$ ]] || { echo "run.sh: --events must be a positive integer" >&2; exit 64; }
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || { echo "run.sh: --runs must be a positive integer" >&2; exit 64; }
ALL_CASES="jq decode frame rss demo idle bytes latency startup"
for c in ${CASES//,/ }; do
    [[ "$c" == all || " $ALL_CASES " == *" $c "* ]] || { echo "run.sh: unknown case '$c' (cases: all $ALL_CASES)" >&2; exit 64; }
done
want() { [[ ",$CASES," == *",all,"* || ",$CASES," == *",$1,"* ]]; }

export LC_ALL=C
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
die() { echo "run.sh: FAIL: $*" >&2; exit 1; }
log() { echo "== $*" >&2; }
for tool in swift jq awk; do command -v "$tool" >/dev/null || die "$tool is not installed"; done

# ---------------------------------------------------------------- build
SCRATCH=.build-bench
if ((BUILD)); then
    log "building release (--scratch-path $SCRATCH)"
    # Others may be editing Sources/ while this builds ("was modified during the build"): retry.
    for attempt in 1 2 3; do
        if swift build -c release --scratch-path "$SCRATCH" >&2; then break; fi
        ((attempt < 3)) || die "release build failed 3 times"
        log "build failed (attempt $attempt), retrying in 5 s"; sleep 5
    done
fi
BIN="$ROOT/$SCRATCH/release/kinescope"
BENCH="$ROOT/$SCRATCH/release/kinescope-bench"
# What was built: the commit, plus how many files under Sources/ differed from it (at build time;
# with --no-build, at run time, which may not be what the binary was built from).
DIRTY=$(git status --porcelain -- Sources Package.swift 2>/dev/null | wc -l | tr -d ' ')
COMMIT="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
((DIRTY == 0)) || COMMIT+=" (+$DIRTY uncommitted files under Sources/, Package.swift)"
[[ -x "$BIN" ]] || die "no binary at $BIN (run without --no-build)"
[[ -x "$BENCH" ]] || die "no binary at $BENCH (run without --no-build)"
OUT="bench-data/results-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$OUT"

# ---------------------------------------------------------------- data
mkdir -p bench-data
if want jq || want decode; then
DATA="bench-data/pinpoint-seed${SEED}-${EVENTS}.ndjson"
if command -v python3 >/dev/null; then
    GEN=python3
    keep_event() {
        python3 -c '
import json, sys
out = sys.stdout
for line in sys.stdin:
    if line.strip():
        out.write(json.dumps(json.loads(line)["event"], ensure_ascii=False, separators=(",", ":")))
        out.write("\n")
'
    }
else
    GEN=jq
    keep_event() { jq -c .event; }
fi
lines_of() { wc -l < "$1" | tr -d ' '; }
cache_ok() {
    [[ -f "$DATA" ]] || return 1
    [[ "$(lines_of "$DATA")" == "$EVENTS" ]] || { log "cached $DATA has the wrong line count"; return 1; }
    local probe=$((EVENTS < 1000 ? EVENTS : 1000))
    if ! cmp -s <("$BIN" tail --demo --max-events "$probe" --seed "$SEED" | keep_event) \
                <(head -n "$probe" "$DATA"); then
        log "cached $DATA differs from what this build generates"; return 1
    fi
}
if cache_ok; then
    log "reusing $DATA"
else
    log "generating $DATA ($EVENTS events, seed $SEED, via $GEN)"
    tmp="$DATA.tmp.$$"
    trap 'rm -f "$tmp"' EXIT
    "$BIN" tail --demo --max-events "$EVENTS" --seed "$SEED" | keep_event > "$tmp"
    [[ "$(lines_of "$tmp")" == "$EVENTS" ]] || die "generated $(lines_of "$tmp") lines, wanted $EVENTS"
    mv "$tmp" "$DATA"
    trap - EXIT
fi
BYTES=$(stat -c %s "$DATA")
TINY=bench-data/tiny.ndjson
head -n 1 "$DATA" > "$TINY"
fi  # data


if want jq; then
# ---------------------------------------------------------------- correctness
log "checking correctness"
"$BIN" stats --file "$DATA" --format json > "$OUT/stats.json" || die "kinescope stats exited $?"
jq -r '.by_type | to_entries[] | "\(.value)\t\(.key)"' "$OUT/stats.json" | sort > "$OUT/kinescope.counts"
jq -r .event_type "$DATA" | sort | uniq -c | sed -E 's/^ *([0-9]+) /\1\t/' | sort > "$OUT/jq.counts"
if ! diff -u "$OUT/jq.counts" "$OUT/kinescope.counts" > "$OUT/counts.diff"; then
    cat "$OUT/counts.diff" >&2
    die "by_type counts differ between kinescope and jq (above; - jq, + kinescope)"
fi
read -r K_EVENTS K_ERRORS < <(jq -r '"\(.events) \(.errors)"' "$OUT/stats.json")
[[ "$K_EVENTS" == "$EVENTS" ]] || die "kinescope counted $K_EVENTS events, the file has $EVENTS"
[[ "$K_ERRORS" == "0" ]] || die "kinescope reported $K_ERRORS errors"
TYPES=$(wc -l < "$OUT/jq.counts" | tr -d ' ')
log "ok: $EVENTS events, $TYPES event types, counts equal"

# ---------------------------------------------------------------- timing
Q_BIN=$(printf %q "$BIN"); Q_DATA=$(printf %q "$DATA")
CMD_K="$Q_BIN stats --file $Q_DATA --format json > /dev/null"
CMD_J="jq -r .event_type $Q_DATA | sort | uniq -c > /dev/null"
SHOW_K="kinescope stats --file $DATA --format json > /dev/null"
SHOW_J="$CMD_J"
cat "$DATA" > /dev/null   # warm the page cache for both cases
: > "$OUT/kinescope.times"; : > "$OUT/jq.times"
if command -v hyperfine >/dev/null; then
    TIMER="hyperfine $(hyperfine --version | awk '{print $2}')"
    for ((i = 1; i <= RUNS; i++)); do
        log "round $i/$RUNS (hyperfine)"
        hyperfine --runs 1 --style none --export-json "$OUT/round-$i.json" \
            -n kinescope "$CMD_K" -n jq "$CMD_J" >&2
        jq -r '.results[0].times[]' "$OUT/round-$i.json" >> "$OUT/kinescope.times"
        jq -r '.results[1].times[]' "$OUT/round-$i.json" >> "$OUT/jq.times"
    done
else
    TIMER="bash loop, date +%s.%N"
    time_once() { local t0 t1; t0=$(date +%s.%N); bash -c "$1"; t1=$(date +%s.%N); awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.6f\n", b - a }'; }
    for ((i = 1; i <= RUNS; i++)); do
        log "round $i/$RUNS (bash loop)"
        time_once "$CMD_K" >> "$OUT/kinescope.times"
        time_once "$CMD_J" >> "$OUT/jq.times"
    done
fi
median() { sort -g "$1" | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
range() { sort -g "$1" | awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%.3f–%.3f", lo, hi }'; }
MED_K=$(median "$OUT/kinescope.times"); MED_J=$(median "$OUT/jq.times")
RANGE_K=$(range "$OUT/kinescope.times"); RANGE_J=$(range "$OUT/jq.times")

# ---------------------------------------------------------------- extras: peak RSS, startup
peak_rss() {  # prints MB (10^6 bytes) of the max RSS of: bash -c "$1"; empty when GNU time is missing
    [[ -x /usr/bin/time ]] || return 0
    /usr/bin/time -v -o "$OUT/time-v.txt" bash -c "$1" > /dev/null 2>&1 || return 0
    awk -F: '/Maximum resident set size/ { printf "%.1f", $2 * 1024 / 1e6 }' "$OUT/time-v.txt"
}
log "peak RSS"
RSS_K=$(peak_rss "exec $Q_BIN stats --file $Q_DATA --format json")
RSS_J=$(peak_rss "exec jq -r .event_type $Q_DATA")
STARTUP=""
if command -v hyperfine >/dev/null; then
    log "startup (1-line file, 30 runs)"
    hyperfine -N --warmup 3 --runs 30 --style none --export-json "$OUT/startup.json" \
        "$BIN stats --file $TINY" >&2 || true
    STARTUP=$(jq -r '.results[0].median * 1000 | . * 10 | round / 10' "$OUT/startup.json" 2>/dev/null || true)
fi

# ---------------------------------------------------------------- report
MB=$(awk -v b="$BYTES" 'BEGIN { printf "%.1f", b / 1e6 }')
calc() { awk "BEGIN { printf \"$1\", $2 }"; }
TP_K_MB=$(calc %.1f "$BYTES / 1e6 / $MED_K"); TP_J_MB=$(calc %.1f "$BYTES / 1e6 / $MED_J")
TP_K_EV=$(calc %.0f "$EVENTS / $MED_K"); TP_J_EV=$(calc %.0f "$EVENTS / $MED_J")
RATIO=$(calc %.2f "$MED_J / $MED_K")
{
    echo "## Kinescope benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo
    echo "- commit: $COMMIT"
    echo "- machine: $(nproc) cores, $(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1), $(free -g | awk '/^Mem:/ { print $2 }') GiB RAM"
    echo "- tools: $(swift --version 2>&1 | head -1); $(jq --version); timer: $TIMER"
    echo "- data: $DATA — $EVENTS events, $MB MB, $TYPES event types, generated via $GEN; warm page cache"
    echo "- runs: $RUNS per case, alternating; median (min–max) seconds"
    echo
    echo "| case | command | events | MB | median s (min–max) | MB/s | events/s |"
    echo "|---|---|---:|---:|---:|---:|---:|"
    echo "| kinescope stats | \`$SHOW_K\` | $EVENTS | $MB | $(calc %.3f "$MED_K") ($RANGE_K) | $TP_K_MB | $TP_K_EV |"
    echo "| jq \\| sort \\| uniq -c | \`${SHOW_J//|/\\|}\` | $EVENTS | $MB | $(calc %.3f "$MED_J") ($RANGE_J) | $TP_J_MB | $TP_J_EV |"
    [[ -n "$RSS_K" ]] && echo "| peak RSS, kinescope stats | \`/usr/bin/time -v kinescope stats --file $DATA --format json\` | $EVENTS | $MB | max RSS $RSS_K MB | | |"
    [[ -n "$RSS_J" ]] && echo "| peak RSS, jq | \`/usr/bin/time -v jq -r .event_type $DATA\` | $EVENTS | $MB | max RSS $RSS_J MB | | |"
    [[ -n "$STARTUP" ]] && echo "| startup | \`hyperfine -N --warmup 3 --runs 30 'kinescope stats --file $TINY'\` | 1 | | median $STARTUP ms | | |"
    echo
    echo "ratio jq / kinescope (median): **${RATIO}×**"
} | tee "$OUT/summary.md"
fi  # want jq


# ---------------------------------------------------------------- issue 6 budgets
# Each case writes one JSON object per run into $OUT; the rows below are medians over the runs
# (min–max of the per-run figures in brackets).
PROC="python3 $ROOT/Benchmarks/procbench.py"
if want frame || want rss || want demo || want idle || want bytes || want latency || want startup; then
    command -v python3 >/dev/null || die "python3 is needed for the process-level cases"
fi
q() { ((QUICK)) && echo "$1" || echo "$2"; }
upto3() { ((RUNS < 3)) && echo "$RUNS" || echo 3; }
# jq over the per-run JSON files: median, min, max of one numeric path, formatted "m (lo–hi)".
agg() {  # agg PATH DIGITS FILES...
    local path="$1" digits="$2"; shift 2
    jq -rs --argjson d "$digits" "[.[] | $path] | sort as \$v | (\$v | length) as \$n
        | (if \$n % 2 == 1 then \$v[(\$n - 1) / 2] else (\$v[\$n / 2 - 1] + \$v[\$n / 2]) / 2 end) as \$m
        | def f: (. * pow(10; \$d) | round) / pow(10; \$d) | tostring;
        if \$n == 1 then (\$m | f) else \"\(\$m | f) (\(\$v[0] | f)–\(\$v[-1] | f))\" end" "$@"
}
med() {  # med PATH FILES...: the bare median
    local path="$1"; shift
    jq -rs "[.[] | $path] | sort as \$v | (\$v | length) as \$n
        | if \$n % 2 == 1 then \$v[(\$n - 1) / 2] else (\$v[\$n / 2 - 1] + \$v[\$n / 2]) / 2 end" "$@"
}
verdict() { awk "BEGIN { exit !($1) }" && echo "met" || echo "**missed**"; }
ROWS="$OUT/budgets.md"
: > "$ROWS"
row() { echo "$*" >> "$ROWS"; }

if want decode; then
    REPS=$(q 3 "$RUNS")
    log "decode: $DATA, $REPS repetitions"
    "$BENCH" decode "$DATA" --reps "$REPS" > "$OUT/decode.json" || die "kinescope-bench decode failed"
    read -r D_MB D_LO D_HI D_EV D_SPLIT D_EVENTS D_CPU D_CLO D_CHI D_CEV < <(jq -r '"\(.mb_per_s) \(.mb_per_s_min) \(.mb_per_s_max) \(.events_per_s) \(.split_only_mb_per_s) \(.events) \(.mb_per_cpu_s) \(.mb_per_cpu_s_min) \(.mb_per_cpu_s_max) \(.events_per_cpu_s)"' "$OUT/decode.json")
    # The budget is per core: judged on the thread's CPU time, which a busy shared machine does
    # not inflate the way it does wall time (both are shown).
    row "| decode throughput, 1 core | \`kinescope-bench decode $DATA --reps $REPS\` ($D_EVENTS events in memory; split + decode + classify) | $REPS | **$D_CPU MB/s** per CPU-second ($D_CLO–$D_CHI), $D_CEV events/s; wall clock $D_MB MB/s ($D_LO–$D_HI), $D_EV events/s; splitting alone $D_SPLIT MB/s | ≥ 400 MB/s | $(verdict "$D_CPU >= 400") |"
fi

if want frame; then
    F_RUNS=$(q 1 "$RUNS"); F_FRAMES=$(q 50 300)
    for ((i = 1; i <= F_RUNS; i++)); do
        log "frame: run $i/$F_RUNS ($F_FRAMES frames)"
        "$BENCH" frame --events 100000 --sessions 1000 --frames "$F_FRAMES" > "$OUT/frame-$i.json" || die "kinescope-bench frame failed"
    done
    F_MED=$(med .median_us "$OUT"/frame-*.json)
    read -r F_LIVE F_KEPT F_VIEW F_DIFF F_ORDER < <(jq -r '"\(.sessions_live) \(.sessions_kept) \(.view_median_us) \(.diff_median_us) \(.session_ordering_median_us)"' "$OUT/frame-1.json")
    row "| one frame (view + diff), 200×60, 100,000 events, $F_LIVE live sessions ($F_KEPT kept), 100 new events per frame | \`kinescope-bench frame --events 100000 --sessions 1000 --frames $F_FRAMES\` | $F_RUNS × $F_FRAMES frames | **$(agg '.median_us / 1000' 3 "$OUT"/frame-*.json) ms**; p90 $(agg '.p90_us / 1000' 3 "$OUT"/frame-*.json) ms; view $F_VIEW µs + diff $F_DIFF µs, of the view $F_ORDER µs ordering the sessions (run 1) | ≤ 2 ms median | $(verdict "$F_MED <= 2000") |"
fi

if want rss; then
    R_EVENTS=$(q 200000 10000000); R_RUNS=$(q 1 "$RSS_RUNS"); R_INT=$(q 0.25 1)
    for front in stats tui; do
        for ((i = 1; i <= R_RUNS; i++)); do
            log "rss: $front, run $i/$R_RUNS, $R_EVENTS events"
            $PROC rss --bin "$BIN" --gen "$BENCH" --events "$R_EVENTS" --front "$front" --interval "$R_INT" \
                --samples "$OUT/rss-$front-$i.tsv" > "$OUT/rss-$front-$i.json" || die "rss ($front) failed"
        done
        PEAK=$(med .peak_mb "$OUT"/rss-$front-*.json); GROWTH=$(med .growth_mb "$OUT"/rss-$front-*.json)
        if [[ $front == stats ]]; then
            CMD="kinescope-bench generate --events $R_EVENTS \\| kinescope stats --file - --format json"
        else
            CMD="kinescope watch --file FIFO --speed max (120×40 pty; FIFO fed by kinescope-bench generate --events $R_EVENTS)"
        fi
        row "| peak RSS, $R_EVENTS events through $front | \`$CMD\`, VmRSS every ${R_INT} s | $R_RUNS | **$(agg .peak_mb 1 "$OUT"/rss-$front-*.json) MB** peak; after warm-up $(agg .after_warmup_min_mb 1 "$OUT"/rss-$front-*.json)–$(agg .after_warmup_max_mb 1 "$OUT"/rss-$front-*.json) MB; growth first→last fifth $(agg .growth_mb 1 "$OUT"/rss-$front-*.json) MB; $(agg .events_per_s 0 "$OUT"/rss-$front-*.json) events/s | ≤ 150 MB, flat | peak $(verdict "$PEAK <= 150"), flat $(verdict "$GROWTH <= 5") |"
    done
fi

if want demo; then
    command -v tmux >/dev/null || die "tmux is needed for the demo case"
    M_S=$(q 10 60); M_RUNS=$(q 1 "$RSS_RUNS")
    for ((i = 1; i <= M_RUNS; i++)); do
        log "demo: run $i/$M_RUNS, 20,000 events/s for $M_S s"
        $PROC demo --bin "$BIN" --rate 20000 --seconds "$M_S" --samples "$OUT/demo-$i.tsv" > "$OUT/demo-$i.json" || die "demo failed"
    done
    PEAK=$(med .peak_mb "$OUT"/demo-*.json); GROWTH=$(med .growth_mb "$OUT"/demo-*.json)
    row "| peak RSS, TUI on a 20,000 events/s demo for $M_S s | \`kinescope demo --rate 20000\` in tmux 120×40, VmRSS every 1 s | $M_RUNS | **$(agg .peak_mb 1 "$OUT"/demo-*.json) MB** peak; after warm-up $(agg .after_warmup_min_mb 1 "$OUT"/demo-*.json)–$(agg .after_warmup_max_mb 1 "$OUT"/demo-*.json) MB; growth first→last fifth $(agg .growth_mb 1 "$OUT"/demo-*.json) MB; $(agg .events_per_s_kept 0 "$OUT"/demo-*.json) events/s shown; CPU $(agg .cpu_percent 1 "$OUT"/demo-*.json) % | ≤ 150 MB, flat | peak $(verdict "$PEAK <= 150"), flat $(verdict "$GROWTH <= 5") |"
fi

if want idle; then
    I_S=$(q 5 60); I_RUNS=$(q 1 "$(upto3)")
    for ((i = 1; i <= I_RUNS; i++)); do
        log "idle: run $i/$I_RUNS, $I_S s"
        $PROC idle --bin "$BIN" --seconds "$I_S" > "$OUT/idle-$i.json" || die "idle failed"
    done
    I_MED=$(med .cpu_percent "$OUT"/idle-*.json)
    row "| CPU while idle, TUI, no events | \`kinescope watch --file FIFO\` (120×40 pty; the FIFO's writer never writes), utime+stime over $I_S s after 5 s | $I_RUNS | **$(agg .cpu_percent 3 "$OUT"/idle-*.json) % of a core**; $(agg .wakeups_per_s 2 "$OUT"/idle-*.json) context switches/s; $(agg .terminal_bytes 0 "$OUT"/idle-*.json) bytes written | < 0.5 % | $(verdict "$I_MED < 0.5") |"
fi

if want bytes; then
    B_S=$(q 5 20); B_RUNS=$(q 1 "$RUNS")
    for ((i = 1; i <= B_RUNS; i++)); do
        log "bytes: run $i/$B_RUNS, $B_S s"
        $PROC bytes --bin "$BIN" --rate 1000 --seconds "$B_S" > "$OUT/bytes-$i.json" || die "bytes failed"
    done
    B_MED=$(med .kb_per_s "$OUT"/bytes-*.json)
    row "| terminal bytes/s, 1,000 events/s, 120×40 | \`kinescope demo --rate 1000\` in a 120×40 pty, bytes read from the master over $B_S s after 3 s | $B_RUNS | **$(agg .kb_per_s 1 "$OUT"/bytes-*.json) KB/s**; $(agg .frames_per_s 1 "$OUT"/bytes-*.json) frames/s, $(agg .bytes_per_frame 0 "$OUT"/bytes-*.json) bytes/frame | < 20 KB/s | $(verdict "$B_MED < 20") |"
fi

if want latency; then
    command -v moto_server >/dev/null || die "moto_server is needed for the latency case (pip install 'moto[server]')"
    command -v tmux >/dev/null || die "tmux is needed for the latency case"
    L_REC=$(q 20 60); L_RUNS=$(q 1 "$(upto3)")
    for ((i = 1; i <= L_RUNS; i++)); do
        log "latency: run $i/$L_RUNS, $L_REC records per front"
        $PROC latency --bin "$BIN" --records "$L_REC" --poll 200ms > "$OUT/latency-$i.json" || die "latency failed"
    done
    L_TAIL=$(med .tail_ms.median "$OUT"/latency-*.json); L_SCREEN=$(med .screen_ms.median "$OUT"/latency-*.json)
    row "| PutRecord → \`tail\` stdout, moto, 200 ms polls | \`kinescope tail --stream S --endpoint-url http://127.0.0.1:PORT --region us-east-1 --poll-interval 200ms --from latest\` | $L_RUNS × $L_REC records | **p50 $(agg .tail_ms.median 1 "$OUT"/latency-*.json) ms**; p90 $(agg .tail_ms.p90 1 "$OUT"/latency-*.json) ms; PutRecord itself $(agg .put_ms.median 1 "$OUT"/latency-*.json) ms | p50 ≤ 250 ms | $(verdict "$L_TAIL <= 250") |"
    row "| PutRecord → TUI screen, moto, 200 ms polls | \`kinescope watch --stream S …same options…\` in tmux 120×40, \`capture-pane\` every 5 ms | $L_RUNS × $L_REC records | **p50 $(agg .screen_ms.median 1 "$OUT"/latency-*.json) ms**; p90 $(agg .screen_ms.p90 1 "$OUT"/latency-*.json) ms | p50 ≤ 250 ms | $(verdict "$L_SCREEN <= 250") |"
fi

if want startup; then
    S_RUNS=$(q 5 30)
    log "startup: $S_RUNS runs"
    $PROC startup --bin "$BIN" --runs "$S_RUNS" > "$OUT/startup-tui.json" || die "startup failed"
    S_MED=$(jq -r .first_frame_ms.median "$OUT/startup-tui.json")
    row "| startup to first frame, release | \`kinescope demo\` in a 120×40 pty: exec → end of the first burst of output | $S_RUNS | **$(jq -r '"\(.first_frame_ms.median) ms (\(.first_frame_ms.min)–\(.first_frame_ms.max))"' "$OUT/startup-tui.json")**; first byte $(jq -r .first_byte_ms.median "$OUT/startup-tui.json") ms | ≤ 100 ms | $(verdict "$S_MED <= 100") |"
fi

if [[ -s "$ROWS" ]]; then
    {
        echo
        echo "## Issue 6 budgets, $(date -u '+%Y-%m-%d %H:%M UTC')"
        echo
        echo "- commit: $COMMIT"
        echo "- machine: $(nproc) cores, $(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1), $(free -g | awk '/^Mem:/ { print $2 }') GiB RAM, load average $(cut -d' ' -f1-3 /proc/loadavg) at the end"
        echo "- mode: $( ((QUICK)) && echo "--quick (short runs: the suite works; not a measurement)" || echo "full")"
        echo
        echo "| case | command | runs | median (min–max) | budget | status |"
        echo "|---|---|---:|---|---|---|"
        cat "$ROWS"
    } | tee -a "$OUT/summary.md"
fi
log "results kept in $OUT"
