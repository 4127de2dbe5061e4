#!/usr/bin/env bash
# Build the one-folder program with PyInstaller and smoke-test it.
#
#   bash packaging/build.sh [DIST_DIR] [WORK_DIR]
#
# Needs the packaging extra: pip install -e '.[packaging]'. Output: DIST_DIR/finsam-desktop/
# (default dist/finsam-desktop/). The smoke test starts the built program offscreen on a fresh demo
# database and checks that the main window was painted.
set -euo pipefail
cd "$(dirname "$0")/.."
DIST="${1:-dist}"
WORK="${2:-build}"
PYTHON="${PYTHON:-python}"

"$PYTHON" -m PyInstaller --noconfirm --clean --distpath "$DIST" --workpath "$WORK" packaging/finsam.spec

PROGRAM="$DIST/finsam-desktop/finsam-desktop"
SMOKE="$(mktemp -d)"
trap 'rm -rf "$SMOKE"' EXIT
echo "Smoke test: $PROGRAM --demo (offscreen)"
OUTPUT="$(XDG_DATA_HOME="$SMOKE/data" XDG_CONFIG_HOME="$SMOKE/config" QT_QPA_PLATFORM=offscreen \
    FINSAM_EXIT_AFTER_SHOW=1 timeout 180 "$PROGRAM" --demo)"
echo "$OUTPUT"
if ! grep -q "^FINSAM_DATA_VISIBLE .* – FINSAM Kansli$" <<<"$OUTPUT"; then
    echo "The built program did not show its main window." >&2
    exit 1
fi
echo "OK: $(du -sh "$DIST/finsam-desktop" | cut -f1) in $DIST/finsam-desktop/"
