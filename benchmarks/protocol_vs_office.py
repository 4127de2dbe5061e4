"""The protocol PDF against LibreOffice converting the same protocol from .docx — the ratio issue 22 asks for.

    python benchmarks/protocol_vs_office.py [--runs 5]

The 30-§ meeting of ``_protocol30``; the same protocol written as .docx with the published-document blocks (the
header, every § with its att-satser, the bilagor). Measured, interleaved, fresh processes for the whole-process
figures:

- in process: the draft protocol PDF (the tagged pipeline, Typst) with its data fetch (``protocol_pdf``) against ``soffice --headless
  --convert-to pdf`` of the .docx (LibreOffice started warm once first, with its own profile directory);
- whole process: ``finsam export protocol`` against the same ``soffice`` process.

Prints medians and the ratios against the targets (in process ≥ 50×, ≤ 25 ms; whole process ≥ 3×). Without
LibreOffice it prints the program's own figures and says the ratio was not measured. Never a test gate.
"""

from __future__ import annotations

import argparse
import io
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

import _protocol30
from pypdf import PdfReader

from finsam_desktop.reports.common.word import docx_bytes
from finsam_desktop.reports.sammantraden.protocol_blocks import bilagor_blocks, header_blocks, paragraph_blocks

IN_PROCESS_TARGET = 50.0
IN_PROCESS_MS = 25.0
WHOLE_PROCESS_TARGET = 3.0
FINSAM = _protocol30.FINSAM


def protocol_docx(doc) -> bytes:
    blocks = header_blocks(doc)
    for p in doc.paragraphs:
        blocks += paragraph_blocks(p, doc)
    blocks += bilagor_blocks(doc)
    return docx_bytes(f"Protokoll {doc.organ_namn}", doc.forbund_namn, blocks, title_page=False)


def soffice_run(soffice: str, docx: Path, out: Path, profile: Path) -> float:
    start = time.perf_counter()
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            str(docx),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    elapsed = time.perf_counter() - start
    if not (out / (docx.stem + ".pdf")).exists():
        raise RuntimeError("LibreOffice wrote no PDF")
    return elapsed


def finsam_run(db: Path, meeting_id: int, out: Path) -> float:
    start = time.perf_counter()
    subprocess.run(
        [
            *FINSAM,
            "--db",
            str(db),
            "export",
            "protocol",
            "--meeting",
            str(meeting_id),
            "-o",
            str(out),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    with tempfile.TemporaryDirectory(prefix="finsam-office-") as tmpdir:
        tmp = Path(tmpdir)
        db = tmp / "bench.sqlite"
        ws, meeting_id = _protocol30.build(db)
        documents = ws.services.meetings.documents
        doc = documents.protocol_document(meeting_id)
        docx = tmp / "protokoll.docx"
        docx.write_bytes(protocol_docx(doc))
        documents.protocol_pdf(meeting_id)  # warm-up: fonts, report modules
        in_process = []
        for _ in range(max(args.runs, 5) * 2):
            start = time.perf_counter()
            pdf = documents.protocol_pdf(meeting_id)
            in_process.append(time.perf_counter() - start)
        ws.close()
        pages = len(PdfReader(io.BytesIO(pdf)).pages)
        ours = statistics.median(in_process)
        print(
            f"protokoll, 30 §, {pages} sidor: i processen (med datahämtning) median {ours * 1000:.1f} ms "
            f"(mål ≤ {IN_PROCESS_MS:.0f} ms: {'uppfyllt' if ours * 1000 <= IN_PROCESS_MS else 'EJ uppfyllt'})"
        )

        whole, office = [], []
        profile = tmp / "lo-profile"
        if soffice:
            soffice_run(soffice, docx, tmp / "lo-warm", profile)  # first start builds the profile
        for i in range(args.runs):  # interleaved, so load on the machine hits both alike
            whole.append(finsam_run(db, meeting_id, tmp / f"finsam-{i}.pdf"))
            if soffice:
                office.append(soffice_run(soffice, docx, tmp / f"lo-{i}", profile))
        ours_whole = statistics.median(whole)
        print(f"finsam export protocol, hel process: median {ours_whole:.3f} s")
        if not soffice:
            print("LibreOffice (soffice) finns inte: kvoterna mättes inte.")
            return 0
        lo = statistics.median(office)
        print(f"soffice --convert-to pdf av samma protokoll som .docx: median {lo:.3f} s")
        ratio_in, ratio_whole = lo / ours, lo / ours_whole
        print(
            f"kvot i processen: {ratio_in:.0f}× (mål ≥ {IN_PROCESS_TARGET:.0f}×: "
            f"{'uppfyllt' if ratio_in >= IN_PROCESS_TARGET else 'EJ uppfyllt'})"
        )
        print(
            f"kvot hel process: {ratio_whole:.1f}× (mål ≥ {WHOLE_PROCESS_TARGET:.0f}×: "
            f"{'uppfyllt' if ratio_whole >= WHOLE_PROCESS_TARGET else 'EJ uppfyllt'})"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
