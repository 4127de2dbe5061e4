"""The demo förbund: fictitious people and places, shaped like the seed documents.

``build_demo`` fills an empty file. The foundation part lives in ``core``; every area adds its
own module ``finsam_desktop.services.demo.<area>`` with ``build(services, year)``.
"""

from __future__ import annotations

import importlib

from finsam_desktop.services.container import Services
from finsam_desktop.services.demo import core

AREA_DEMO_MODULES = ("sammantraden", "justering", "attest", "internkontroll", "budget", "arshjul")


def build_demo(services: Services, year: int) -> None:
    core.build(services, year)
    for name in AREA_DEMO_MODULES:
        module_name = f"{__name__}.{name}"
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise
            continue
        module.build(services, year)
