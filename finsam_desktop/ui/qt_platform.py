"""Before Qt starts on Linux: can its window-system plugin (xcb) load? If not, say which package is missing.

Without this, Qt aborts with "Could not load the Qt platform plugin "xcb"" in English and a core dump. The
plugin's own shared library is opened first (the Qt libraries are already loaded by PySide6), so the
dynamic loader names exactly the system library that is missing.
"""

from __future__ import annotations

import ctypes
import os
import re
import sys
from pathlib import Path

#: Debian/Ubuntu packages Qt's xcb plugin needs on a bare machine (README, "Installera").
XCB_PACKAGES = (
    "libxcb-cursor0",
    "libxcb-icccm4",
    "libxcb-keysyms1",
    "libxcb-image0",
    "libxcb-render-util0",
    "libxcb-xinerama0",
    "libxcb-xkb1",
    "libxkbcommon-x11-0",
    "libxcb-shape0",
    "libegl1",
    "libgl1",
    "fontconfig",
)

#: soname prefix → Debian package.
_PACKAGE_OF = {
    "libxcb-cursor.so": "libxcb-cursor0",
    "libxcb-icccm.so": "libxcb-icccm4",
    "libxcb-keysyms.so": "libxcb-keysyms1",
    "libxcb-image.so": "libxcb-image0",
    "libxcb-render-util.so": "libxcb-render-util0",
    "libxcb-xinerama.so": "libxcb-xinerama0",
    "libxcb-xkb.so": "libxcb-xkb1",
    "libxkbcommon-x11.so": "libxkbcommon-x11-0",
    "libxkbcommon.so": "libxkbcommon0",
    "libxcb-shape.so": "libxcb-shape0",
    "libxcb-randr.so": "libxcb-randr0",
    "libxcb-render.so": "libxcb-render0",
    "libxcb-shm.so": "libxcb-shm0",
    "libxcb-sync.so": "libxcb-sync1",
    "libxcb-xfixes.so": "libxcb-xfixes0",
    "libxcb-util.so": "libxcb-util1",
    "libxcb.so": "libxcb1",
    "libX11-xcb.so": "libx11-xcb1",
    "libX11.so": "libx11-6",
    "libEGL.so": "libegl1",
    "libGL.so": "libgl1",
    "libOpenGL.so": "libopengl0",
    "libGLX.so": "libglx0",
    "libfontconfig.so": "fontconfig",
    "libfreetype.so": "libfreetype6",
    "libdbus-1.so": "libdbus-1-3",
}

INSTALL_LINE = "sudo apt-get install " + " ".join(XCB_PACKAGES)

NO_DISPLAY = (
    "FINSAM Kansli kan inte öppna något fönster: ingen skärm är ansluten (miljövariabeln DISPLAY saknas).\n"
    "Starta programmet i en grafisk session, eller på en dator utan skärm under Xvfb:\n"
    "  Xvfb :1 -screen 0 1280x800x24 &  DISPLAY=:1 finsam-desktop\n"
    "Kommandoradsprogrammet ”finsam” fungerar utan fönstersystem."
)


def missing_library(error: str) -> str | None:
    """The library the dynamic loader could not find, from its message."""
    match = re.search(r"([\w.+-]+\.so(?:\.\d+)*): cannot open shared object file", error)
    return match.group(1) if match else None


def package_for(library: str) -> str | None:
    for prefix, package in sorted(_PACKAGE_OF.items(), key=lambda kv: -len(kv[0])):
        if library.startswith(prefix):
            return package
    return None


def message_for(error: str) -> str:
    """A Swedish explanation of why the window cannot open, naming the package to install."""
    library = missing_library(error)
    package = package_for(library) if library else None
    if library and package:
        first = f"Systembiblioteket {library} saknas (Debian/Ubuntu-paketet {package})."
    elif library:
        first = f"Systembiblioteket {library} saknas."
    else:
        first = f"Qt:s fönstersystemsmodul (xcb) kan inte laddas: {error}"
    return (
        f"FINSAM Kansli kan inte öppna något fönster. {first}\n"
        f"Installera det som behövs med:\n  {INSTALL_LINE}\n"
        "Kommandoradsprogrammet ”finsam” fungerar utan fönstersystem."
    )


def xcb_plugin() -> Path | None:
    try:
        import PySide6
    except ImportError:  # pragma: no cover - PySide6 is a dependency
        return None
    path = Path(PySide6.__file__).parent / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    return path if path.exists() else None


def uses_xcb(environ: dict[str, str] | os._Environ = os.environ, platform: str = sys.platform) -> bool:
    """Whether Qt will pick its xcb plugin: Linux, and no other platform asked for."""
    if not platform.startswith("linux"):
        return False
    wanted = environ.get("QT_QPA_PLATFORM", "").split(";")[0].split(":")[0].strip()
    if wanted:
        return wanted == "xcb"
    return not environ.get("WAYLAND_DISPLAY")


def xcb_problem(loader=ctypes.CDLL, environ: dict[str, str] | os._Environ = os.environ) -> str | None:
    """A Swedish message when Qt's xcb plugin will not load here, else None."""
    if not uses_xcb(environ):
        return None
    plugin = xcb_plugin()
    if plugin is None:
        return None
    try:
        loader(str(plugin))
    except OSError as exc:
        return message_for(str(exc))
    if not environ.get("DISPLAY"):
        return NO_DISPLAY
    return None
