"""Full-text search across 20 years of synthetic meetings (~6 000 §; target < 50 ms)."""

from __future__ import annotations

import random
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

from sqlalchemy import insert, text

from finsam_desktop.persistence.models import AgendaItem, MeetingRow
from finsam_desktop.services.workspace import open_workspace

WORDS = (
    "ansökan medel insats arbetskonsulent budgetuppföljning samverkan aktivitetsersättning psykolog "
    "arbetsterapeut delårsrapport verksamhetsplan uppföljning deltagare rehabilitering försörjningsstöd "
    "arbetsförmedlare kommunen regionen försäkringskassan indikatorer årsredovisning"
).split()


QUERIES = ("ansökan arbetskonsulent", "psykolog", "delårsrapport verksamhetsplan", "rehab")


def fill(db, years: range, rng: random.Random) -> int:
    """Ten meetings of 30 § a year, straight into the tables and the search index; returns the § count."""
    count = 0
    with db.session() as s:
        for year in years:
            number = 1
            for month in range(1, 11):
                mid = s.execute(
                    insert(MeetingRow).values(
                        organ_id=1,
                        datum=date(year, month, 20),
                        plats="",
                        digital=False,
                        typ="ordinarie",
                        status="protokoll_utkast",
                        anteckning="",
                    )
                ).inserted_primary_key[0]
                for pos in range(1, 31):
                    rubrik = " ".join(rng.choice(WORDS) for _ in range(6)).capitalize()
                    body = " ".join(rng.choice(WORDS) for _ in range(120))
                    iid = s.execute(
                        insert(AgendaItem).values(
                            meeting_id=mid,
                            position=pos,
                            paragraph_number=number,
                            rubrik=rubrik,
                            kind="beslut",
                            text=body,
                        )
                    ).inserted_primary_key[0]
                    s.execute(
                        text("INSERT INTO fts_paragraph(rowid, rubrik, body) VALUES (:i, :r, :b)"),
                        {"i": iid, "r": rubrik, "b": body},
                    )
                    number += 1
                    count += 1
    return count


def time_queries(search) -> dict[str, tuple[float, int]]:
    """Median of ten searches per query (after one warm-up), and the number of hits."""
    timings = {}
    for query in QUERIES:
        search.search(query)
        runs = []
        for _ in range(10):
            t = time.perf_counter()
            hits = search.search(query)
            runs.append(time.perf_counter() - t)
        timings[query] = (statistics.median(runs), len(hits))
    return timings


def main() -> None:
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        ws = open_workspace(Path(tmp) / "bench.sqlite", auto_backup=False, lock=False)
        ws.services.forbund.create("Samordningsförbundet Benchmark", "222000-3079")
        t = time.perf_counter()
        count = fill(ws.services.db, range(2006, 2026), rng)
        build = time.perf_counter() - t
        timings = time_queries(ws.services.meetings.search)
        ws.close()
    print(f"{count} paragrafer i 20 år (byggt på {build:.1f} s)")
    for query, (secs, n) in timings.items():
        print(f"  sök ”{query}”: median {secs * 1000:.1f} ms ({n} träffar, högst 50 visas; mål < 50 ms)")


if __name__ == "__main__":
    main()
