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
