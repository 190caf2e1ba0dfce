#!/bin/bash
# Builds the decoder fuzzer with libFuzzer and AddressSanitizer and runs it.
#   Fuzz/run.sh                 1,000,000 executions from the seed corpus
#   Fuzz/run.sh -runs=0 FILE    replay one input (e.g. a crash-… artifact)
# Extra arguments go to libFuzzer. New inputs it finds go to Fuzz/work-corpus (not committed).
set -euo pipefail
cd "$(dirname "$0")"
# `--sanitize=fuzzer` links libFuzzer and handles the entry point but instruments only the
# executable's own module; `-Xswiftc -sanitize=fuzzer,address` instruments every module, so the
# decoder's branches guide the search.
swift build -c debug --sanitize=fuzzer --sanitize=address -Xswiftc -sanitize=fuzzer,address 2>&1 \
    | grep -v "Cannot export local symbol" >&2
mkdir -p work-corpus artifacts
if [ $# -eq 0 ]; then
    set -- -runs=1000000 -max_len=8192 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
fi
case "$*" in
    *-runs=0*) exec .build/debug/DecoderFuzzer -artifact_prefix=artifacts/ "$@" ;;
    *) exec .build/debug/DecoderFuzzer -artifact_prefix=artifacts/ "$@" work-corpus Corpus ;;
esac
