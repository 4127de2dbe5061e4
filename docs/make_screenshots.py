"""Render the main window offscreen with the demo förbund and save one PNG per tab, and the user guide's pictures.

    python docs/make_screenshots.py [--out docs/screenshots] [--guide-out resources/help/bilder] [--year 2026]

Writes one PNG per tab of ``main_window.TABS`` (arshjul.png, sammantraden.png, attest.png, internkontroll.png,
budget.png, verksamhet.png, arsredovisning.png — the Årsredovisning tab shows last year's adopted books) and forbund.png
(Arkiv → Förbundet…). The year is the clock's (``FINSAM_TODAY``) unless ``--year`` says otherwise. The demo database is built in a temporary directory; the user's
own files and settings are not touched.

The user guide's pictures (``GUIDE_SHOTS``, the pages in ``resources/help`` show them) are the same window at 1280×800
scaled to ``GUIDE_WIDTH`` pixels and stored with a palette, so that the shipped program stays small; help.png in
``--out`` is the help window itself.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WIDTH, HEIGHT = 1280, 800
GUIDE_WIDTH = 880
#: (file in the guide's picture folder, tab name, sub-tab index or None): the guide's pictures.
GUIDE_SHOTS = (
    ("arshjul.png", "arshjul", None),
    ("sammantraden.png", "sammantraden", 0),
    ("justering.png", "sammantraden", 4),
    ("attest.png", "attest", None),
    ("stickprov.png", "internkontroll", 2),
    ("budget.png", "budget", 0),
    ("verksamhet.png", "verksamhet", None),
    ("arsredovisning.png", "arsredovisning", None),
)


def sub_tabs(content):
    """The tab's own row of sub-tabs (its first QTabWidget), or None."""
    from PySide6.QtWidgets import QTabWidget

    found = content.findChildren(QTabWidget)
    return found[0] if found else None


def save_small(pixmap, target: Path) -> None:
    """``pixmap`` scaled to GUIDE_WIDTH and stored with a palette (a screenshot needs few colours)."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage

    image = pixmap.toImage().scaledToWidth(GUIDE_WIDTH, Qt.TransformationMode.SmoothTransformation)
    image = image.convertToFormat(QImage.Format.Format_Indexed8, Qt.ImageConversionFlag.ThresholdDither)
    image.save(str(target), "PNG", 9)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--guide-out", type=Path, default=ROOT / "resources" / "help" / "bilder")
    parser.add_argument("--year", type=int, default=None)
    args = parser.parse_args(argv)
    if args.year is None:
        from finsam_desktop import clock

        args.year = clock.today().year

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory(prefix="finsam-screens-") as tmp:
        # Own config and data directories: no remembered geometry/tab, no user files.
        os.environ["XDG_CONFIG_HOME"] = str(Path(tmp) / "config")
        os.environ["XDG_DATA_HOME"] = str(Path(tmp) / "data")
        sys.path.insert(0, str(ROOT))

        from PySide6.QtCore import QEvent
        from PySide6.QtWidgets import QApplication

        from finsam_desktop.app import setup_application
        from finsam_desktop.services.demo import build_demo
        from finsam_desktop.services.workspace import open_workspace
        from finsam_desktop.ui.main_window import TABS, MainWindow
        from finsam_desktop.ui.organisation.forbund_dialog import ForbundDialog

        app = setup_application([sys.argv[0]])
        ws = open_workspace(Path(tmp) / "demo.sqlite", auto_backup=False)
        try:
            build_demo(ws.services, args.year)
            window = MainWindow(ws)
            window.resize(WIDTH, HEIGHT)
            window.show()
            args.out.mkdir(parents=True, exist_ok=True)

            def settle() -> None:
                for _ in range(5):
                    app.processEvents()

            written = []
            for index, (name, _title, _create) in enumerate(TABS):
                window.tabs.setCurrentIndex(index)
                settle()
                content = getattr(window.tabs.widget(index), "content", None)
                year_box = getattr(content, "year_box", None)
                if name == "arsredovisning" and year_box is not None:
                    year_box.setCurrentIndex(max(0, year_box.findData(args.year - 1)))
                    settle()
                target = args.out / f"{name}.png"
                window.grab().save(str(target))
                written.append(target)

            # The guide's pictures: the window at the size of a laptop screen.
            args.guide_out.mkdir(parents=True, exist_ok=True)
            window.resize(1280, 800)
            names = [name for name, _title, _create in TABS]
            for filename, name, sub in GUIDE_SHOTS:
                window.tabs.setCurrentIndex(names.index(name))
                settle()
                content = window.tabs.currentWidget().content
                if sub is not None:
                    sub_tabs(content).setCurrentIndex(sub)
                    settle()
                target = args.guide_out / filename
                save_small(window.grab(), target)
                written.append(target)
                if sub is not None:
                    sub_tabs(content).setCurrentIndex(0)
            window.tabs.setCurrentIndex(names.index("sammantraden"))
            settle()
            window.show_help(window.help_target())
            help_window = window.help_window
            help_window.resize(1280, 800)
            help_window.search.setText("anslag")
            settle()
            target = args.out / "help.png"
            help_window.grab().save(str(target))
            written.append(target)
            help_window.close()
            window.resize(WIDTH, HEIGHT)

            dialog = ForbundDialog(window.ctx, window)
            dialog.resize(1180, 760)
            dialog.pages.setCurrentWidget(dialog.members_page)
            dialog.members_page.state_amount.setText("3 465 000")
            dialog.show()
            settle()
            target = args.out / "forbund.png"
            dialog.grab().save(str(target))
            written.append(target)
            target = args.guide_out / "forbund.png"
            save_small(dialog.grab(), target)
            written.append(target)
            dialog.done(0)
            window.close()
            # Tear the widgets down while Qt is still running (not at interpreter exit).
            dialog.deleteLater()
            window.deleteLater()
            QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
            QApplication.processEvents()
            del dialog, window
        finally:
            ws.close()
    for path in written:
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
