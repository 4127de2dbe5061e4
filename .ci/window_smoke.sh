#!/usr/bin/env bash
# The real program in a real X window: Xvfb, Qt's xcb plugin and its system libraries, as a Linux user has them.
# Installs what is missing with apt-get (README, "Installera"), starts Xvfb, opens the demo förbund and checks
# that the main window was painted and that the screen shows it (not a blank or black frame).
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(xvfb libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-xinerama0
          libxcb-xkb1 libxkbcommon-x11-0 libxcb-shape0 libegl1 libgl1 fontconfig)
missing=()
for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
    echo "window smoke: installing ${missing[*]}"
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

WORK="$(mktemp -d)"
DISPLAY_NUMBER=97
while [ -e "/tmp/.X${DISPLAY_NUMBER}-lock" ]; do DISPLAY_NUMBER=$((DISPLAY_NUMBER + 1)); done
Xvfb ":${DISPLAY_NUMBER}" -screen 0 1280x800x24 -nolisten tcp >"$WORK/xvfb.log" 2>&1 &
XVFB_PID=$!
trap 'kill "$XVFB_PID" 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X${DISPLAY_NUMBER}" ] && break; sleep 0.1; done

out="$(env -u QT_QPA_PLATFORM -u WAYLAND_DISPLAY DISPLAY=":${DISPLAY_NUMBER}" \
    XDG_DATA_HOME="$WORK/data" XDG_CONFIG_HOME="$WORK/config" \
    FINSAM_EXIT_AFTER_SHOW=1 FINSAM_SCREENSHOT="$WORK/screen.png" \
    timeout 120 finsam-desktop --demo 2>"$WORK/stderr")" || {
    echo "window smoke: finsam-desktop failed"; cat "$WORK/stderr"; exit 1; }
echo "$out"
grep -q "^FINSAM_DATA_VISIBLE .* – FINSAM Kansli" <<<"$out" || { echo "window smoke: the open file was never shown"; cat "$WORK/stderr"; exit 1; }
python - "$WORK/screen.png" <<'PY'
import sys
from PySide6.QtGui import QImage

image = QImage(sys.argv[1])
assert not image.isNull(), "no screenshot"
assert (image.width(), image.height()) == (1280, 800), (image.width(), image.height())
colours = {image.pixel(x, y) for x in range(0, 1280, 16) for y in range(0, 800, 16)}
assert len(colours) > 20, f"the screen is nearly uniform ({len(colours)} colours): the window was not shown"
print(f"window smoke: the screen shows the window ({len(colours)} colours in a 80×50 sample)")
PY
