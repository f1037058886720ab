# Sourced by the scripts that open a real window under Xvfb (screenshots, the packaged app's smoke
# test): installs Xvfb and the X libraries Qt's xcb platform plugin needs that a minimal Debian lacks.
need=()
command -v Xvfb >/dev/null 2>&1 || need+=(xvfb)
for lib in libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 libxkbcommon-x11-0 libxcb-image0 libxcb-render-util0 \
           libxcb-shape0 libxcb-xinerama0 libxcb-randr0 libxcb-xkb1; do
    dpkg -s "$lib" >/dev/null 2>&1 || need+=("$lib")
done
if [ ${#need[@]} -gt 0 ]; then
    apt-get update -qq && apt-get install -y -qq "${need[@]}" >/dev/null
fi

# start_xvfb :N — a 1700×1100×24 Xvfb on display :N for the rest of the script, exported as DISPLAY
# (an error naming the display when it cannot start); the script's EXIT trap calls stop_xvfb.
xvfb=
start_xvfb() {
    Xvfb "$1" -screen 0 1700x1100x24 -nolisten tcp >/dev/null 2>&1 &
    xvfb=$!
    sleep 1
    kill -0 "$xvfb" 2>/dev/null || { echo "$0: Xvfb could not start on $1 (in use? choose another display)" >&2; exit 2; }
    export DISPLAY=$1
}
stop_xvfb() {
    if [ -n "$xvfb" ]; then kill "$xvfb" 2>/dev/null || true; fi
}

# use_work_folder — $work: $KEEP (created, kept for the next run) or a temporary folder removed at exit;
# sets the script's EXIT trap, which also stops Xvfb.
use_work_folder() {
    if [ -n "${KEEP:-}" ]; then work=$KEEP; mkdir -p "$work"; trap 'stop_xvfb' EXIT
    else work=$(mktemp -d); trap 'stop_xvfb; rm -rf "$work"' EXIT; fi
}
