#!/usr/bin/env bash
# screenshots.sh — PNG screenshots of the real kinescope TUI in a real terminal.
#
# Usage:
#   scripts/screenshots.sh [--install] [--out DIR] [--wait SECONDS]
#   KINESCOPE_BIN=/path/to/kinescope scripts/screenshots.sh
#
#   --install       apt-get install the Debian packages it needs first (needs root)
#   --out DIR       where to write the PNGs (default: screenshots/ in the repo)
#   --wait SECONDS  how long the demo runs before the first shot (default: 12)
#   -h, --help      show this help
#
# What it does: builds kinescope in release mode into .build-shots/ (a scratch
# path of its own, so it never waits on another build's lock) unless
# KINESCOPE_BIN names a binary; starts Xvfb on a free display; runs
# `kinescope demo --seed 1` in xterm (DejaVu Sans Mono 11, 120x40, TERM=xterm-256color;
# fontconfig falls back to VL Gothic for Japanese and to Symbola for emoji); waits so the panes fill
# with traffic; then captures the xterm window with ImageMagick's `import`, typing
# keys with xdotool between shots:
#   main.png      the monitor as it starts
#   help.png      after `?`            (help overlay)
#   detail.png    after Esc, Enter     (detail view of the selected event)
#   sessions.png  after Esc, Tab, Tab  (sessions pane focused)
# Every process it starts is stopped on exit. Running it again overwrites the PNGs.
#
# Debian packages: xvfb xterm imagemagick xdotool x11-utils fonts-dejavu-core
#                  fonts-vlgothic, and (optional, for emoji) fonts-symbola.
# Emoji: xterm draws through Xft, which cannot use a colour bitmap font such as
# Noto Color Emoji (fonts-noto-color-emoji changes nothing here), so emoji come out
# as monochrome outlines from Symbola; without it they are empty boxes.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/screenshots"
WAIT=12
INSTALL=0
PACKAGES=(xvfb xterm imagemagick xdotool x11-utils fonts-dejavu-core fonts-vlgothic)
OPTIONAL_PACKAGES=(fonts-symbola)

usage() { sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}"; }

while [[ $# -gt 0 ]]; do
    case "$1" in
        --install) INSTALL=1 ;;
        --out) OUT="${2:?--out needs a directory}"; shift ;;
        --wait) WAIT="${2:?--wait needs seconds}"; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "screenshots.sh: unknown argument: $1" >&2; usage >&2; exit 2 ;;
    esac
    shift
done

# ImageMagick's own `import`, never a stand-in that may be earlier on PATH.
IMPORT=/usr/bin/import

if [[ $INSTALL -eq 1 ]]; then
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${PACKAGES[@]}"
    for pkg in "${OPTIONAL_PACKAGES[@]}"; do
        DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$pkg" \
            || echo "screenshots.sh: optional package $pkg not installed; going on without it" >&2
    done
fi

# --- check what it needs -----------------------------------------------------
missing=()
have() { command -v "$1" >/dev/null 2>&1; }
have Xvfb    || missing+=("xvfb (Xvfb)")
have xterm   || missing+=("xterm")
[[ -x $IMPORT ]] && "$IMPORT" -version 2>/dev/null | grep -q ImageMagick \
             || missing+=("imagemagick ($IMPORT)")
have xdotool || missing+=("xdotool")
have xdpyinfo || missing+=("x11-utils (xdpyinfo)")
if have fc-list; then
    fc-list | grep -q "DejaVu Sans Mono" || missing+=("fonts-dejavu-core (DejaVu Sans Mono)")
    fc-list | grep -q "VL Gothic"        || missing+=("fonts-vlgothic (VL Gothic)")
else
    missing+=("fontconfig (fc-list)")
fi
if [[ ${#missing[@]} -gt 0 ]]; then
    {
        echo "screenshots.sh: missing:"
        printf '  - %s\n' "${missing[@]}"
        echo "Install them with:"
        echo "  apt-get update && apt-get install -y ${PACKAGES[*]} ${OPTIONAL_PACKAGES[*]}"
        echo "or run: $0 --install"
    } >&2
    exit 1
fi
if ! fc-list | grep -q "Symbola"; then
    echo "screenshots.sh: note: fonts-symbola is not installed; emoji will show as empty boxes" \
         "(apt-get install fonts-symbola, or run with --install)" >&2
fi

# --- the binary --------------------------------------------------------------
if [[ -n ${KINESCOPE_BIN:-} ]]; then
    BIN="$KINESCOPE_BIN"
    [[ -x $BIN ]] || { echo "screenshots.sh: KINESCOPE_BIN=$BIN is not an executable" >&2; exit 1; }
else
    echo "screenshots.sh: building kinescope (release, .build-shots)..." >&2
    (cd "$ROOT" && swift build -c release --scratch-path .build-shots --product kinescope >&2)
    BIN="$ROOT/.build-shots/release/kinescope"
fi
BIN="$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")"

# --- processes, cleaned up on exit -------------------------------------------
XVFB_PID=""
XTERM_PID=""
WORK="$(mktemp -d)"
cleanup() {
    local pid
    for pid in "$XTERM_PID" "$XVFB_PID"; do
        [[ -n $pid ]] || continue
        kill "$pid" 2>/dev/null || true
    done
    for pid in "$XTERM_PID" "$XVFB_PID"; do
        [[ -n $pid ]] || continue
        for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
        kill -9 "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# A free display, from :99 up. Xvfb takes its lock file atomically and exits at once
# when the display is taken, so a server of ours that is up and still running owns it.
start_xvfb() {
    local n=$1
    [[ -e /tmp/.X${n}-lock || -e /tmp/.X11-unix/X${n} ]] && return 1
    Xvfb ":$n" -screen 0 1400x900x24 -nolisten tcp -dpi 96 >"$WORK/xvfb.log" 2>&1 &
    XVFB_PID=$!
    for _ in $(seq 1 100); do
        if ! kill -0 "$XVFB_PID" 2>/dev/null; then
            wait "$XVFB_PID" 2>/dev/null || true
            XVFB_PID=""
            return 1
        fi
        if DISPLAY=":$n" xdpyinfo >/dev/null 2>&1 && kill -0 "$XVFB_PID" 2>/dev/null; then
            export DISPLAY=":$n"
            return 0
        fi
        sleep 0.1
    done
    kill "$XVFB_PID" 2>/dev/null || true
    wait "$XVFB_PID" 2>/dev/null || true
    XVFB_PID=""
    return 1
}
DISPLAY_NUM=99
until start_xvfb "$DISPLAY_NUM"; do
    DISPLAY_NUM=$((DISPLAY_NUM + 1))
    if [[ $DISPLAY_NUM -ge 200 ]]; then
        cat "$WORK/xvfb.log" >&2 2>/dev/null || true
        echo "screenshots.sh: could not start Xvfb on any display in :99-:199" >&2
        exit 1
    fi
done

# xterm: DejaVu Sans Mono; for glyphs it lacks xterm asks fontconfig, which finds
# VL Gothic (Japanese) and Symbola (emoji). No -fd: a fixed double-width face would
# stop that fallback and turn every emoji into a box.
XTERM_ARGS=(
    -fa "DejaVu Sans Mono" -fs 11
    -geometry 120x40+0+0 -bg '#1c1c1c' -fg '#d0d0d0'
    -u8 -bc +sb -b 0 -bw 0
    -xrm 'XTerm*allowBoldFonts: true'
    -xrm 'XTerm*cursorBlink: false'
    -xrm 'XTerm*renderFont: true'
    -xrm 'XTerm*cjkWidth: false'
    -xrm 'XTerm*metaSendsEscape: true'
    -T kinescope-shots
)
LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color \
    xterm "${XTERM_ARGS[@]}" -e env TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 \
        "$BIN" demo --seed 1 >"$WORK/xterm.log" 2>&1 &
XTERM_PID=$!

WID=""
for _ in $(seq 1 100); do
    WID="$(xdotool search --name '^kinescope-shots$' 2>/dev/null | head -n1 || true)"
    [[ -n $WID ]] && break
    kill -0 "$XTERM_PID" 2>/dev/null || { cat "$WORK/xterm.log" >&2; echo "screenshots.sh: xterm died" >&2; exit 1; }
    sleep 0.1
done
[[ -n $WID ]] || { echo "screenshots.sh: the xterm window never appeared" >&2; exit 1; }

# No window manager here: give the xterm the keyboard focus and keep the pointer on it.
focus() {
    xdotool mousemove --window "$WID" 20 20 >/dev/null 2>&1 || true
    xdotool windowfocus --sync "$WID" >/dev/null 2>&1 || xdotool windowfocus "$WID"
}
keys() {
    focus
    local key
    for key in "$@"; do
        xdotool key --delay 100 "$key"
        sleep 0.6
    done
    sleep 1.2   # let the TUI redraw
}
shot() {
    local name="$1"
    kill -0 "$XTERM_PID" 2>/dev/null || { cat "$WORK/xterm.log" >&2; echo "screenshots.sh: xterm exited before $name" >&2; exit 1; }
    mkdir -p "$OUT"
    "$IMPORT" -window "$WID" -depth 8 -strip \
        -define png:exclude-chunks=date,time \
        -define png:compression-level=9 \
        "$WORK/$name"
    mv -f "$WORK/$name" "$OUT/$name"
    echo "screenshots.sh: wrote $OUT/$name ($(stat -c %s "$OUT/$name") bytes)" >&2
}

echo "screenshots.sh: running $BIN demo --seed 1 on $DISPLAY; waiting ${WAIT}s for traffic..." >&2
sleep "$WAIT"
focus
shot main.png

keys question          # ?  -> help overlay
shot help.png

keys Escape Return     # close help, open the selected event's detail
shot detail.png

keys Escape Tab Tab    # close detail, focus the sessions pane
shot sessions.png

keys Return            # the selected session's timeline (drill-down)
shot session.png

keys L                 # the latency view over the events in view
shot latency.png

keys Escape Escape Tab # back to the session view, to the panes, focus the events pane
keys slash             # the filter prompt, with an expression typed but not applied
focus
xdotool type --delay 60 'type:_session.* platform:ios'
sleep 1.2
shot filter.png

keys Escape q          # cancel the prompt, quit kinescope; cleanup stops whatever is left
echo "screenshots.sh: done: $OUT/{main,help,detail,sessions,session,latency,filter}.png" >&2
