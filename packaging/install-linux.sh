#!/usr/bin/env bash
# Install the frozen Heritage Explorer for the current user (no root needed), or remove it.
#
#   packaging/install-linux.sh [--from DIR|TARBALL] [--prefix PREFIX]     install (or update)
#   packaging/install-linux.sh --uninstall [--prefix PREFIX]                remove what it installed
#
# PREFIX defaults to ~/.local. Installs
#   PREFIX/opt/HeritageExplorer/                    the frozen app (dist/HeritageExplorer)
#   PREFIX/bin/heritage-explorer                    a link to its executable
#   PREFIX/share/applications/heritage-explorer.desktop
#   PREFIX/share/icons/hicolor/<N>x<N>/apps/heritage-explorer.png (16..256) and scalable/…svg
# and records every file it wrote in PREFIX/opt/HeritageExplorer/.installed-files, which
# --uninstall reads, so that nothing else is touched. The app comes from --from (a dist folder
# or the .tar.gz made by packaging/build.sh), else from the folder this script sits in when it
# is the unpacked app, else from dist/HeritageExplorer of the source tree.
set -euo pipefail

APP=HeritageExplorer
NAME=heritage-explorer
SIZES=(16 32 48 64 128 256)
prefix="${HOME:?HOME is not set}/.local"
from=""
action=install

usage() { sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
    case "$1" in
        --from) from=${2:?--from needs a folder or .tar.gz}; shift 2 ;;
        --prefix) prefix=${2:?--prefix needs a folder}; shift 2 ;;
        --uninstall) action=uninstall; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "install-linux.sh: unknown argument: $1" >&2; usage >&2; exit 2 ;;
    esac
done
mkdir -p "$prefix"
prefix=$(cd "$prefix" && pwd)
target="$prefix/opt/$APP"
manifest="$target/.installed-files"
applications="$prefix/share/applications"
icons="$prefix/share/icons/hicolor"

refresh_caches() {  # both optional: desktops rescan on their own too
    if command -v update-desktop-database >/dev/null 2>&1; then
        update-desktop-database -q "$applications" 2>/dev/null || true
    fi
    if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f "$icons/index.theme" ]; then
        gtk-update-icon-cache -q -t "$icons" 2>/dev/null || true
    fi
}

uninstall() {
    if [ ! -f "$manifest" ]; then
        echo "install-linux.sh: nothing to remove: $manifest not found (not installed under $prefix?)" >&2
        return 1
    fi
    while IFS= read -r path; do
        case "$path" in
            "$prefix"/*) rm -f -- "$path" ;;
            *) echo "install-linux.sh: skipping $path (outside $prefix)" >&2 ;;
        esac
    done < "$manifest"
    rm -rf -- "$target"
    rmdir -p "$prefix/opt" "$prefix/bin" 2>/dev/null || true
    refresh_caches
    echo "removed $APP from $prefix"
}

if [ "$action" = uninstall ]; then
    uninstall
    exit $?
fi

# -- locate the app to install ------------------------------------------------------------------
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [ -z "$from" ]; then
    if [ -x "$here/$APP" ] && [ -d "$here/_internal" ]; then
        from=$here
    else
        from="$here/../dist/$APP"
    fi
fi
if [ -f "$from" ]; then
    tar -xzf "$from" -C "$work"
    source_dir="$work/$APP"
else
    source_dir=$from
fi
if [ ! -x "$source_dir/$APP" ] || [ ! -d "$source_dir/_internal/resources" ]; then
    echo "install-linux.sh: $from is not a built $APP (expected $APP and _internal/resources/ in it);" \
         "build it with packaging/build.sh" >&2
    exit 2
fi
source_dir=$(cd "$source_dir" && pwd)
resources="$source_dir/_internal/resources"

# -- copy the app (to a temporary folder beside the target, then swapped in) --------------------
mkdir -p "$prefix/opt" "$prefix/bin" "$applications"
staging="$prefix/opt/.$APP.installing"
rm -rf -- "$staging"
cp -a "$source_dir" "$staging"
if [ -d "$target" ]; then
    rm -rf -- "$target.old"
    mv "$target" "$target.old"
fi
mv "$staging" "$target"
rm -rf -- "$target.old"
installed=()

ln -sfn "$target/$APP" "$prefix/bin/$NAME"
installed+=("$prefix/bin/$NAME")

for size in "${SIZES[@]}"; do
    dir="$icons/${size}x${size}/apps"
    mkdir -p "$dir"
    cp "$resources/icons/$NAME-$size.png" "$dir/$NAME.png"
    installed+=("$dir/$NAME.png")
done
mkdir -p "$icons/scalable/apps"
cp "$resources/icons/$NAME.svg" "$icons/scalable/apps/$NAME.svg"
installed+=("$icons/scalable/apps/$NAME.svg")

# The desktop entry runs the installed executable by its absolute path. The icon is found by
# name in ~/.local/share/icons; under another prefix (not searched by desktops) by its path.
icon=$NAME
if [ "$prefix" != "$HOME/.local" ]; then
    icon="$icons/256x256/apps/$NAME.png"
fi
sed -e "s|^Exec=.*|Exec=\"$target/$APP\"|" -e "s|^TryExec=.*|TryExec=$target/$APP|" -e "s|^Icon=.*|Icon=$icon|" \
    "$resources/$NAME.desktop" > "$applications/$NAME.desktop.tmp"
mv "$applications/$NAME.desktop.tmp" "$applications/$NAME.desktop"
installed+=("$applications/$NAME.desktop")

printf '%s\n' "${installed[@]}" > "$manifest"
refresh_caches
echo "installed $APP in $target"
echo "  start it from the applications menu (Heritage Explorer) or with: $prefix/bin/$NAME"
