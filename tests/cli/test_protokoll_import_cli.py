"""``finsam import protokoll``: a dry run lists what was recognised, nothing is stored until --godkann."""

from __future__ import annotations

from finsam_desktop.cli import main
from tests.fixtures.protokoll_f1_f2 import SEED_TEXT


def test_import_protokoll_lists_then_stores_with_godkann(workspace, capsys):
    db = str(workspace.path)
    workspace.close()
    assert main(["--db", db, "import", "protokoll", "--fil", str(SEED_TEXT), "--torrkorning"]) == 0
    out = capsys.readouterr().out
    assert "Sammanträdet 2022-11-25: § 120–146, 10 närvarande" in out
    assert "Sammanträdet 2022-10-21: § 98–119, 9 närvarande" in out
    assert "Justerare: Lina Kempe" in out.replace("justerare: ", "Justerare: ")
    assert "rad 146:" in out and "Torrkörning: inget sparades." in out
    # The source's takedown dates differ from the rule (the day after the last appeal day): warned, not refused.
    assert (
        "Varning: Sammanträdet 2022-11-25: Protokollet anger att anslaget tas ned 2022-12-26, men enligt regeln "
        "(anslaget 2022-12-05 + 3 veckor, kommunallagen 8 kap. 12 §) tas det ned tidigast 2022-12-28"
    ) in out
    assert "Varning: Sammanträdet 2022-10-21: Protokollet anger att anslaget tas ned 2022-11-22" in out
    assert main(["--db", db, "import", "protokoll", "--fil", str(SEED_TEXT)]) == 2
    assert "--godkann" in capsys.readouterr().err
    assert main(["--db", db, "list", "meetings"]) == 0
    assert "2022" not in capsys.readouterr().out
    assert main(["--db", db, "import", "protokoll", "--fil", str(SEED_TEXT), "--godkann"]) == 0
    assert "2 protokoll importerade (2022-11-25, 2022-10-21), 49 paragrafer." in capsys.readouterr().out
    assert main(["--db", db, "search", "psykologtjänst"]) == 0
    assert "2022-11-25  Styrelsen  § 137" in capsys.readouterr().out
    assert main(["--db", db, "import", "protokoll", "--fil", str(SEED_TEXT), "--godkann"]) == 2
    assert "finns redan ett sammanträde" in capsys.readouterr().err


def test_import_protokoll_garbled_and_missing_file(workspace, tmp_path, capsys):
    db = str(workspace.path)
    workspace.close()
    bad = tmp_path / "trasig.txt"
    bad.write_bytes(b"\x93hej\x81\x8d")
    assert main(["--db", db, "import", "protokoll", "--fil", str(bad)]) == 2
    assert "tecken som inte går att läsa" in capsys.readouterr().err
    junk = tmp_path / "junk.txt"
    junk.write_text("bara text\nutan protokoll\n", encoding="utf-8")
    assert main(["--db", db, "import", "protokoll", "--fil", str(junk), "--godkann"]) == 2
    captured = capsys.readouterr()
    assert "rad 1–2" in captured.out and "kan inte importeras" in captured.err
    assert main(["--db", db, "import", "protokoll", "--fil", str(tmp_path / "saknas.pdf")]) == 2
    assert "finns inte" in capsys.readouterr().err
