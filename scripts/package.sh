#!/usr/bin/env bash
# Builds the Debian packages with CPack (build/release/packages/shardscope_*.deb
# and shardscope-dev_*.deb), installs them with apt on this machine, runs the
# installed `shardscope-cli --version` and the installed GUI's --screenshot
# (offscreen), checks the installed .desktop file, and removes the packages
# again unless --keep is given (or they were installed before).
# Needs root (or sudo) for apt; builds (preset release) what it packages.
set -euo pipefail
dir="$(cd "$(dirname "$0")" && pwd)"
. "$dir/common.sh"
keep=0
[ "${1:-}" = "--keep" ] && keep=1
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"

bash "$dir/install-deps.sh"
build="$SHARDSCOPE_ROOT/build/release"
cd "$SHARDSCOPE_ROOT"
# Only what cmake --install copies (the tests are not packaged).
[ -f "$build/CMakeCache.txt" ] || cmake --preset release >&2
cmake --build --preset release -j "$(nproc)" --target shardscope shardscope-cli shardscope_core shardscope_torch >&2
rm -rf "$build/packages"
(cd "$build" && cpack -G DEB) >&2
debs=("$build"/packages/*.deb)
[ "${#debs[@]}" -eq 2 ] || die "expected 2 .deb files in $build/packages, found: ${debs[*]}"
for d in "${debs[@]}"; do
  log "$(basename "$d"): $(dpkg-deb -f "$d" Depends)"
done
runtime_deb=$(ls "$build"/packages/shardscope_*.deb)
dpkg-deb -f "$runtime_deb" Depends | grep -q 'libqt6widgets6' \
  || die "the runtime package's Depends: lacks the Qt libraries it links (dpkg-shlibdeps did not run?)"

was_installed=0
dpkg-query -W -f='${Status}' shardscope 2>/dev/null | grep -q "install ok installed" && was_installed=1
cleanup() {
  if [ "$keep" = 0 ] && [ "$was_installed" = 0 ]; then
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get remove -y -qq shardscope shardscope-dev >/dev/null || true
  fi
}
trap cleanup EXIT
# apt resolves the Depends: lines (a missing dependency fails here).
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${debs[@]}" >&2

# Run the installed programs by their installed paths, never the build tree.
version=$(/usr/bin/shardscope-cli --version)
log "installed: $version"
case "$version" in *"$(sed -n 's/^  VERSION \(.*\)$/\1/p' "$SHARDSCOPE_ROOT/CMakeLists.txt")"*) ;;
  *) die "/usr/bin/shardscope-cli --version printed '$version'" ;; esac
shot="$(mktemp -d)/window.png"
XDG_CONFIG_HOME="$(dirname "$shot")" SHARDSCOPE_DATA_DIR="$(dirname "$shot")/data" QT_QPA_PLATFORM=offscreen \
  /usr/bin/shardscope --screenshot "$shot"
[ -s "$shot" ] || die "/usr/bin/shardscope --screenshot wrote no picture"
file "$shot" 2>/dev/null | grep -q "PNG image" || head -c 8 "$shot" | grep -q "PNG" || die "$shot is not a PNG"
log "installed GUI screenshot: $shot ($(stat -c %s "$shot") bytes)"
desktop-file-validate /usr/share/applications/shardscope.desktop
[ -f /usr/share/icons/hicolor/scalable/apps/shardscope.svg ] || die "the hicolor icon is missing"

# shardscope-dev: the C++ program `export --format cpp` writes, built the way
# its comment says against the installed package alone (/usr/lib/cmake), then
# run on a local bucket: it must read as many batches as the CLI forms.
work="$(mktemp -d)"
export SHARDSCOPE_DATA_DIR="$work/data"
/usr/bin/shardscope-cli gen local://pkgcheck/train/ --objects 40 --size 3KiB --quiet >&2
cat > "$work/dataset.json" <<'JSON'
{"schema_version": 1, "name": "package check",
 "sources": [{"id": "data", "provider": "local", "bucket": "pkgcheck"}],
 "splits": {"train": {"data": ["train/"]}}, "split": "train",
 "dataset": {"kind": "map"}, "sampler": {"kind": "dynamic", "max_batch_bytes": 10000}, "workers": 2}
JSON
mkdir -p "$work/app"
/usr/bin/shardscope-cli export "$work/dataset.json" --format cpp -o "$work/app/app.cpp"
{
  printf 'cmake_minimum_required(VERSION 3.25)\nproject(exported_app CXX)\nset(CMAKE_CXX_STANDARD 17)\nadd_executable(app app.cpp)\n'
  sed -n '/^\/\/ Build with/,/^\/\/ Run:/s|^//   ||p' "$work/app/app.cpp"
} > "$work/app/CMakeLists.txt"
grep -q "find_package(shardscope" "$work/app/CMakeLists.txt" || die "the exported program's build comment names no find_package(shardscope)"
cmake -S "$work/app" -B "$work/build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF >&2
grep -q "^shardscope_DIR:PATH=/usr/lib" "$work/build/CMakeCache.txt" || die "find_package(shardscope) did not find the installed package"
cmake --build "$work/build" >&2
batches=$("$work/build/app" --names | wc -l)
expected=$(/usr/bin/shardscope-cli batches "$work/dataset.json" --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["batches"]))')
[ "$batches" -gt 0 ] && [ "$batches" = "$expected" ] || die "the exported program read $batches batches, the CLI forms $expected"
log "exported C++ program built against the installed shardscope-dev: $batches batches, as the CLI"
rm -rf "$work"
log "packages OK: ${debs[*]}"
