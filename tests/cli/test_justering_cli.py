from finsam_desktop.cli import main


def test_frister_prints_each_deadline_with_rule(capsys, tmp_path):
    rc = main(
        [
            "--db",
            str(tmp_path / "none.sqlite"),
            "frister",
            "--sammantrade",
            "2022-11-25",
            "--justering",
            "2022-12-05",
            "--anslag",
            "2022-12-05",
        ]
    )
    out = capsys.readouterr().out
    assert rc == 0
    assert "Justering senast            2022-12-09" in out
    assert "Anslag senast               2022-12-07" in out
    assert "Sista dag för överklagande  2022-12-27" in out
    assert "Anslaget tas ned tidigast   2022-12-28" in out
    assert "KL 5 kap. 69 §" in out and "lag (1930:173)" in out
    assert "2022-12-26 är annandag jul" in out
    assert not (tmp_path / "none.sqlite").exists()  # works without a database


def test_frister_flags_the_seed_takedown_date(capsys, tmp_path):
    rc = main(
        [
            "--db",
            str(tmp_path / "x.sqlite"),
            "frister",
            "--sammantrade",
            "221125",
            "--justering",
            "221205",
            "--anslag",
            "221205",
            "--tas-ned",
            "221226",
            "--stil",
            "sista_overklagandedag",
        ]
    )
    out = capsys.readouterr().out
    assert rc == 1
    assert "en dag för tidigt" in out and "2022-12-27" in out


def test_frister_only_meeting_warns_about_weekend_limit(capsys, tmp_path):
    assert main(["--db", str(tmp_path / "x.sqlite"), "frister", "--sammantrade", "2024-11-22"]) == 0
    out = capsys.readouterr().out
    assert "Anslag senast               2024-12-08 (söndag)" in out
    assert "2024-12-08 är söndag" in out


def test_frister_rejects_bad_order(capsys, tmp_path):
    rc = main(
        ["--db", str(tmp_path / "x.sqlite"), "frister", "--sammantrade", "2022-11-25", "--justering", "2022-11-20"]
    )
    assert rc == 2
    assert "Justeringsdatum" in capsys.readouterr().err


# --- exports from a file with a justerat protocol --------------------------------------------------------------

import io  # noqa: E402
from datetime import date  # noqa: E402

import pytest  # noqa: E402
from pypdf import PdfReader  # noqa: E402

from finsam_desktop.domain.organisation.model import Person  # noqa: E402
from finsam_desktop.reports.common.signing import create_pkcs12_identity  # noqa: E402

TODAY = date(2026, 11, 22)


def _text(path) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(path.read_bytes())).pages).split())


@pytest.fixture
def justerat_db(workspace):
    s = workspace.services
    m = s.meetings
    meeting = m.meetings.create_meeting(date(2026, 10, 16), plats="Kommunhuset")
    people = [
        s.forbund.find_person(n) or s.forbund.save_person(Person(0, n, ""))
        for n in ("Eva Forsberg", "Helena Marklund", "Johan Eklund")
    ]
    m.meetings.set_officers(
        meeting.id,
        ordforande_person_id=people[0].id,
        sekreterare_person_id=people[1].id,
        justerare_person_ids=[people[2].id],
    )
    item = m.agenda.add_item(meeting.id, "Ansökan om medel", "beslut", text="Deltagare 19850101-1234 berörs.")
    m.paragraphs.add_clause(item.id, "Att bevilja 400 000 kr.")
    m.meetings.set_status(meeting.id, "protokoll_utkast")
    s.justering.workflow.mark_ready(meeting.id)
    s.justering.workflow.justera(meeting.id, date(2026, 10, 26), anslagsdatum=date(2026, 10, 26), today=TODAY)
    number = m.agenda.get_item(item.id).number
    path = workspace.path
    workspace.close()
    return path, meeting.id, number


def test_export_protocol_is_the_justerat_version(justerat_db, tmp_path, capsys):
    db, mid, _ = justerat_db
    out = tmp_path / "p.pdf"
    assert main(["--db", str(db), "export", "protocol", "--meeting", str(mid), "-o", str(out)]) == 0
    text = _text(out)
    assert "Underskrifter" in text and "Bevis/anslag" in text and "UTKAST" not in text


def test_export_anslag_pdf_text_html(justerat_db, tmp_path):
    db, _mid, _ = justerat_db
    for name in ("a.pdf", "a.txt", "a.html"):
        assert main(["--db", str(db), "export", "anslag", "--meeting", "2026-10-16", "-o", str(tmp_path / name)]) == 0
    assert "Anslaget tas ned tidigast 2026-11-17" in _text(tmp_path / "a.pdf")
    assert "Anslaget tas ned tidigast:" in (tmp_path / "a.txt").read_text(encoding="utf-8")
    assert "<article" in (tmp_path / "a.html").read_text(encoding="utf-8")


def test_export_utdrag_registers_and_rejects_unknown_paragraph(justerat_db, tmp_path, capsys):
    db, mid, number = justerat_db
    out = tmp_path / "u.pdf"
    assert (
        main(
            [
                "--db",
                str(db),
                "export",
                "utdrag",
                "--meeting",
                str(mid),
                "--paragraf",
                str(number),
                "--mottagare",
                "Ådalens kommun",
                "-o",
                str(out),
            ]
        )
        == 0
    )
    assert "Utdrag bestyrkes" in _text(out) and "Helena Marklund" in _text(out)
    assert main(["--db", str(db), "list", "utdrag"]) == 0
    listed = capsys.readouterr().out
    assert f"§ {number}" in listed and "Ådalens kommun" in listed and "Helena Marklund" in listed
    assert main(["--db", str(db), "export", "utdrag", "--meeting", str(mid), "--paragraf", "x", "-o", str(out)]) == 2
    assert "inget paragrafnummer" in capsys.readouterr().err
    assert main(["--db", str(db), "export", "utdrag", "--meeting", str(mid), "--paragraf", "999", "-o", str(out)]) == 2
    assert "§ 999 finns inte" in capsys.readouterr().err


def test_export_publicering_masks(justerat_db, tmp_path):
    db, mid, _ = justerat_db
    out = tmp_path / "w.pdf"
    assert main(["--db", str(db), "export", "publicering", "--meeting", str(mid), "-o", str(out)]) == 0
    text = _text(out)
    assert "19850101-1234" not in text and "Publiceringsversion" in text


def test_sign_then_verify_pdf(justerat_db, tmp_path, capsys, monkeypatch):
    db, mid, _ = justerat_db
    monkeypatch.setenv("FINSAM_P12_LOSENORD", "pw")
    for name, role in (
        ("Johan Eklund", "Justerare"),
        ("Eva Forsberg", "Ordförande"),
        ("Helena Marklund", "Sekreterare"),
    ):
        p12 = tmp_path / f"{role}.p12"
        p12.write_bytes(create_pkcs12_identity(name, "pw")[0])
        assert main(["--db", str(db), "sign", "--meeting", str(mid), "--p12", str(p12), "--roll", role]) == 0
    out = tmp_path / "signed.pdf"
    assert main(["--db", str(db), "export", "protocol", "--meeting", str(mid), "-o", str(out)]) == 0
    capsys.readouterr()
    assert main(["--db", str(db), "verify-pdf", str(out)]) == 0
    report = capsys.readouterr().out
    assert "3 underskrift(er)" in report and "Dokumentet är intakt." in report
    assert report.index("Johan Eklund") < report.index("Eva Forsberg") < report.index("Helena Marklund")
    data = bytearray(out.read_bytes())
    data[data.find(b"stream") + 40] ^= 1
    out.write_bytes(bytes(data))
    assert main(["--db", str(db), "verify-pdf", str(out)]) == 1
    assert "INTE intakt" in capsys.readouterr().out


def test_list_justering(justerat_db, capsys):
    db, _mid, _ = justerat_db
    assert main(["--db", str(db), "list", "justering"]) == 0
    out = capsys.readouterr().out
    assert "Styrelsen 2026-10-16" in out and "Anslaget" in out and "2026-11-17" in out


def test_verify_pdf_with_trusted_root(justerat_db, tmp_path, capsys, monkeypatch):
    from cryptography.hazmat.primitives.serialization import Encoding

    db, mid, _ = justerat_db
    _, ca_cert, ca_key = create_pkcs12_identity("Förbundets test-CA", "x", ca=True)
    p12 = tmp_path / "j.p12"
    p12.write_bytes(create_pkcs12_identity("Johan Eklund", "pw", issuer_key=ca_key, issuer_cert=ca_cert)[0])
    monkeypatch.setenv("FINSAM_P12_LOSENORD", "pw")
    assert main(["--db", str(db), "sign", "--meeting", str(mid), "--p12", str(p12), "--roll", "Justerare"]) == 0
    out = tmp_path / "s.pdf"
    main(["--db", str(db), "export", "protocol", "--meeting", str(mid), "-o", str(out)])
    root = tmp_path / "ca.pem"
    root.write_bytes(ca_cert.public_bytes(Encoding.PEM))
    capsys.readouterr()
    assert main(["--db", str(db), "verify-pdf", str(out), "--betrodd", str(root)]) == 0
    assert "betrott certifikat" in capsys.readouterr().out
    monkeypatch.setenv("FINSAM_P12_LOSENORD", "fel")
    assert main(["--db", str(db), "sign", "--meeting", str(mid), "--p12", str(p12), "--roll", "Ordförande"]) == 2
    assert "lösenord" in capsys.readouterr().err


def test_workflow_commands(workspace, capsys):
    s = workspace.services
    m = s.meetings
    meeting = m.meetings.create_meeting(date(2026, 9, 4), plats="Kommunhuset")
    people = [
        s.forbund.find_person(n) or s.forbund.save_person(Person(0, n, ""))
        for n in ("Eva Forsberg", "Helena Marklund", "Johan Eklund")
    ]
    m.meetings.set_officers(
        meeting.id,
        ordforande_person_id=people[0].id,
        sekreterare_person_id=people[1].id,
        justerare_person_ids=[people[2].id],
    )
    m.meetings.set_status(meeting.id, "protokoll_utkast")
    db = workspace.path
    workspace.close()
    ref = ["--meeting", "2026-09-04"]
    assert main(["--db", str(db), "klart-for-justering", *ref]) == 0
    assert main(["--db", str(db), "oppna-igen", *ref, "--skal", "  "]) == 2
    assert "Skäl" in capsys.readouterr().err
    assert main(["--db", str(db), "justera", *ref, "--datum", "2026-09-14"]) == 0
    assert "Justerat 2026-09-14 av Johan Eklund" in capsys.readouterr().out
    assert main(["--db", str(db), "anslag", *ref, "--datum", "2026-09-15"]) == 0
    out = capsys.readouterr().out
    assert "sista dag för överklagande 2026-10-06; tas ned tidigast 2026-10-07" in out
    assert main(["--db", str(db), "nedtaget", *ref, "--datum", "2026-10-06"]) == 2
    assert "för tidigt" in capsys.readouterr().err
    assert main(["--db", str(db), "nedtaget", *ref, "--datum", "2026-10-07"]) == 0
    assert "Nedtaget 2026-10-07" in capsys.readouterr().out
