"""One PAdES signature on the justerat protocol (issue 22: ≤ 0.3 s): the median of several signatures, each as an
incremental update on the file the previous signer left, and what the certificate file's loading costs of it.

Run: python benchmarks/pades_sign.py [ROUNDS]   (prints seconds; no assertions)
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

import _protocol30

from finsam_desktop.reports.common.signing import _signer, create_pkcs12_identity, sign_pdf, verify_pdf


def main(rounds: int = 5) -> None:
    with tempfile.TemporaryDirectory(prefix="finsam-pades-") as tmp:
        ws, meeting_id = _protocol30.build(Path(tmp) / "bench.sqlite")
        pdf = ws.services.meetings.documents.protocol_pdf(meeting_id)
        ws.close()
    identities = [create_pkcs12_identity(n, "pw")[0] for n in ("Justerare", "Ordförande", "Sekreterare")]
    sign_pdf(pdf, identities[0], "pw", role="Uppvärmning")  # imports pyHanko once
    signs, loads = [], []
    for _ in range(rounds):
        signed = pdf
        for p12, role in zip(identities, ("Justerare", "Ordförande", "Sekreterare")):
            start = time.perf_counter()
            signed = sign_pdf(signed, p12, "pw", role=role)
            signs.append(time.perf_counter() - start)
            start = time.perf_counter()
            _signer(p12, b"pw")
            loads.append(time.perf_counter() - start)
    report = verify_pdf(signed)
    print(
        f"{'one PAdES signature, median of ' + str(len(signs)):<44} {statistics.median(signs):7.3f} s  (target ≤ 0.3 s)"
    )
    print(f"{'  of which loading the .p12 (key checked)':<44} {statistics.median(loads):7.3f} s")
    print(f"{'three signatures intact':<44} {report.intact!s:>7}  ({len(report.signatures)} signatures)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
