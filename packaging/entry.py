"""PyInstaller entry point: the same as the ``finsam-desktop`` command."""

from finsam_desktop.app import main

raise SystemExit(main())
