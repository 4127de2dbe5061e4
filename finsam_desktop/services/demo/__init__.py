"""The demo förbund: fictitious people and places, shaped like the seed documents.

``build_demo`` fills an empty file: the foundation (``core``), then every area's ``build(services, year)`` in the
order below (later areas use what earlier ones made: the justering needs the Sammanträden protocols).
``population.py`` is not part of the demo file: it generates a clean year of payments with planted faults for the
population analytics' test and benchmark.
"""

from __future__ import annotations

from finsam_desktop.services.container import Services
from finsam_desktop.services.demo import (
    arshjul,
    arsredovisning,
    attest,
    budget,
    core,
    internkontroll,
    justering,
    sammantraden,
    verksamhet,
    verksamhet_year,
)

AREA_BUILDERS = (
    sammantraden.build,
    attest.build,  # before justering: each protocol lists the delegationsbeslut anmälda at it
    justering.build,
    internkontroll.build,
    budget.build,
    verksamhet.build,  # the budget's insatser with their Verksamhet fields, goals and deltagare
    arshjul.build,  # before the årsredovisning: its adoption marks the Årshjul's deadline done
    arsredovisning.build,
    verksamhet_year.build,  # aktiviteter and the verksamhetsplan, on top of everything they draw from
)


def build_demo(services: Services, year: int) -> None:
    core.build(services, year)
    for build in AREA_BUILDERS:
        build(services, year)
