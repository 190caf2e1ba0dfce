#!/usr/bin/env bash
# Kinescope benchmark: `kinescope stats` vs a jq pipeline over one Pinpoint NDJSON file.
#
# Usage (from anywhere in the repo):
#   Benchmarks/run.sh                 # 1,000,000 events, 5 runs per case (the real benchmark)
#   Benchmarks/run.sh --quick         # 20,000 events, 1 run per case (CI smoke: builds, checks, times)
#   Benchmarks/run.sh --events N --runs R
#   Benchmarks/run.sh --no-build      # reuse .build-bench/release/kinescope as it is
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
while (($#)); do
    case "$1" in
        --events) EVENTS="${2:?--events needs N}"; shift 2 ;;
        --runs) RUNS="${2:?--runs needs R}"; shift 2 ;;
        --quick) EVENTS=20000; RUNS=1; shift ;;
        --no-build) BUILD=0; shift ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) echo "run.sh: unknown argument: $1 (see --help)" >&2; exit 64 ;;
    esac
done
[[ "$EVENTS" =~ ^[1-9][0-9]*$ ]] || { echo "run.sh: --events must be a positive integer" >&2; exit 64; }
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || { echo "run.sh: --runs must be a positive integer" >&2; exit 64; }

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
# What was built: the commit, plus how many files under Sources/ differed from it (at build time;
# with --no-build, at run time, which may not be what the binary was built from).
DIRTY=$(git status --porcelain -- Sources Package.swift 2>/dev/null | wc -l | tr -d ' ')
COMMIT="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
((DIRTY == 0)) || COMMIT+=" (+$DIRTY uncommitted files under Sources/, Package.swift)"
[[ -x "$BIN" ]] || die "no binary at $BIN (run without --no-build)"

# ---------------------------------------------------------------- data
mkdir -p bench-data
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

OUT="bench-data/results-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$OUT"

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
log "results kept in $OUT"
