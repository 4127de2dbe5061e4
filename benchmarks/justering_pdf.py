"""Justering figures: demo build, content hash, justerat PDF/A, anslag, three signatures and verification.

Run: /work/venv/bin/python benchmarks/justering_pdf.py   (prints seconds; no assertions)
"""

from __future__ import annotations

import tempfile
import time
from datetime import date
from pathlib import Path

from finsam_desktop.reports.common.signing import create_pkcs12_identity, sign_pdf, verify_pdf
from finsam_desktop.services.demo import build_demo
from finsam_desktop.services.justering.archive import verify_hashes
from finsam_desktop.services.workspace import open_workspace


def timed(label: str, fn):
    start = time.perf_counter()
    result = fn()
    print(f"{label:<48} {time.perf_counter() - start:7.3f} s")
    return result


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        ws = open_workspace(Path(tmp) / "bench.sqlite", auto_backup=False)
        services = ws.services
        timed("demo (all areas, incl. justering)", lambda: build_demo(services, date.today().year))
        rows = services.justering.status.overview(include_done=True)
        done = [r for r in rows if r.justeringsdatum]
        print(f"{'protocols in justering/anslag':<48} {len(rows):7d}")
        with services.db.session() as s:
            checks = timed("verify every stored content hash", lambda: verify_hashes(s))
        print(f"{'hashes checked / ok':<48} {len(checks):4d} / {sum(c.ok for c in checks)}")
        target = done[-1].meeting_id
        pdf = timed("archived justerat PDF (read back)", lambda: services.justering.archive.protocol_pdf(target))
        print(f"{'justerat PDF size (bytes)':<48} {len(pdf):7d}")
        timed("anslag PDF/A", lambda: services.justering.anslag.anslag_pdf(target))
        ids = timed("three throw-away identities", lambda: [create_pkcs12_identity(n, "pw")[0] for n in "ABC"])
        signed = pdf
        start = time.perf_counter()
        for p12, role in zip(ids, ("Justerare", "Ordförande", "Sekreterare")):
            signed = sign_pdf(signed, p12, "pw", role=role)
        print(f"{'three signatures (incremental)':<48} {time.perf_counter() - start:7.3f} s")
        report = timed("verify three signatures", lambda: verify_pdf(signed))
        print(f"{'intact':<48} {report.intact!s:>7}")
        ws.close()


if __name__ == "__main__":
    main()
