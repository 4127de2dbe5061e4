"""Search and the protocol PDF on both engines (issue 17): the same figures on SQLite and on PostgreSQL, and
their ratio. PostgreSQL is a throw-away server from the Debian package's binaries (tests/pg.py) on this machine,
or the server named by ``FINSAM_TEST_PG_URL``.

    python benchmarks/both_engines.py [--years 20]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

import _protocol30  # noqa: E402
import sammantraden_search  # noqa: E402

from tests import pg  # noqa: E402


def measure(target: str, years: int) -> dict[str, float]:
    """Protocol PDF with its data fetch (median of 5) and each search query (median of 10) on ``target``."""
    ws, meeting_id = _protocol30.build(target)
    try:
        docs = ws.services.meetings.documents
        docs.protocol_pdf(meeting_id)  # warm-up: fonts, first queries
        runs = []
        for _ in range(5):
            t = time.perf_counter()
            docs.protocol_pdf(meeting_id)
            runs.append(time.perf_counter() - t)
        figures = {"protokoll-PDF, 30 §": statistics.median(runs)}
        sammantraden_search.fill(ws.services.db, range(2030, 2030 + years), random.Random(7))
        for query, (secs, _n) in sammantraden_search.time_queries(ws.services.meetings.search).items():
            figures[f"sök ”{query}”"] = secs
    finally:
        ws.close()
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, default=20, help="år med 10 sammanträden à 30 § att söka i")
    args = parser.parse_args(argv)
    reason = pg.unavailable_reason()
    if reason:
        print(f"PostgreSQL saknas: {reason}")
        return 1
    server = None
    if pg.os.environ.get(pg.ENV_URL):
        server_url = pg.os.environ[pg.ENV_URL]
    else:
        server = pg.PgServer(pg.find_bindir())
        server.start()
        server_url = server.url
    try:
        with tempfile.TemporaryDirectory() as tmp:
            lite = measure(str(Path(tmp) / "bench.sqlite"), args.years)
        url = pg.create_database(server_url)
        try:
            post = measure(url, args.years)
        finally:
            pg.drop_database(url)
    finally:
        if server is not None:
            server.stop()
    print(f"{args.years * 300} § att söka i; median i ms (PostgreSQL / SQLite)")
    for name in lite:
        print(
            f"  {name:40} SQLite {lite[name] * 1000:7.1f}   PostgreSQL {post[name] * 1000:7.1f}   {post[name] / lite[name]:.2f}×"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
