"""Usage errors from the argument parser read in Swedish, naming the option and the value (no English from argparse)."""

from __future__ import annotations

import pytest

from finsam_desktop.cli import main


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["smtp", "--host", "smtp.example", "--port", "abc"], "argument --port: ogiltigt heltal: 'abc'"),
        (["export", "arshjul", "--year", "tjugo", "-o", "x.pdf"], "argument --year: ogiltigt heltal: 'tjugo'"),
        (["export", "arshjul", "--format", "doc", "-o", "x.pdf"], "argument --format: ogiltigt val: 'doc'"),
    ],
)
def test_bad_option_values_are_refused_in_swedish(tmp_path, capsys, args, expected):
    with pytest.raises(SystemExit) as exit_info:
        main(["--db", str(tmp_path / "f.sqlite"), *args])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert expected in err, err
    assert "invalid" not in err
