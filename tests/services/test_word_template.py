"""Issue 18: the förbund's own Word template (.dotx or .docx). The kallelse and the protocol in Word take its header
(the logo line), its heading styles and its margins; a template that lacks a style still gives a document; a file
that is no Word template is refused with its name and the reason, and nothing is stored."""

from __future__ import annotations

import zipfile
from io import BytesIO

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Cm, RGBColor

from finsam_desktop.cli import main
from finsam_desktop.domain.common.errors import ValidationError
from finsam_desktop.persistence.backup import online_copy
from finsam_desktop.reports.common.word import DOCX, DOTX

#: workspace/demo_workspace on SQLite and PostgreSQL (tests/conftest.py, docs/postgresql.md).
BOTH_ENGINES = True

HEADER = "SAMORDNINGSFÖRBUNDET EXEMPELBYGDEN · logga"
BLUE = RGBColor(0x12, 0x34, 0x56)


def _template(dotx: bool = True, without: tuple[str, ...] = ()) -> bytes:
    word = Document()
    word.sections[0].header.paragraphs[0].text = HEADER
    word.sections[0].left_margin = Cm(3.1)
    word.styles["Heading 1"].font.color.rgb = BLUE
    for style in list(word.styles.element.findall(qn("w:style"))):
        if style.get(qn("w:styleId")) in without:
            word.styles.element.remove(style)
    word.add_paragraph("Mallens exempeltext, som inte ska följa med.")
    out = BytesIO()
    word.save(out)
    if not dotx:
        return out.getvalue()
    zin, res = zipfile.ZipFile(BytesIO(out.getvalue())), BytesIO()
    with zipfile.ZipFile(res, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            zout.writestr(item, data.replace(DOCX, DOTX) if item.filename == "[Content_Types].xml" else data)
    return res.getvalue()


def test_the_kallelse_and_protocol_follow_the_forbunds_template(demo_services):
    docs = demo_services.meetings.documents
    plain = Document(BytesIO(docs.kallelse_docx(10)))
    assert plain.sections[0].header.paragraphs[0].text == "Samordningsförbundet Exempelbygden"
    demo_services.word_template.set("Exempelbygden.dotx", _template())
    for data in (docs.kallelse_docx(10), docs.protocol_docx(10)):
        word = Document(BytesIO(data))
        assert word.sections[0].header.paragraphs[0].text == HEADER
        assert round(word.sections[0].left_margin.cm, 2) == 3.1
        assert word.styles["Heading 1"].font.color.rgb == BLUE
        texts = [p.text for p in word.paragraphs]
        assert "Mallens exempeltext, som inte ska följa med." not in texts
        assert word.paragraphs[0].text  # the document's own text starts the body
    assert [p.style.name for p in Document(BytesIO(docs.kallelse_docx(10))).paragraphs][1] == "Heading 1"
    demo_services.word_template.remove()
    assert Document(BytesIO(docs.kallelse_docx(10))).sections[0].header.paragraphs[0].text != HEADER


def test_a_template_without_heading_or_list_styles_still_gives_the_document(demo_services):
    bare = _template(dotx=False, without=("Heading1", "Heading2", "Heading3", "ListBullet", "TableGrid"))
    demo_services.word_template.set("enkel.docx", bare)
    word = Document(BytesIO(demo_services.meetings.documents.kallelse_docx(10)))
    heading = next(p for p in word.paragraphs if p.text == "Förslag till dagordning")
    assert heading.runs[0].bold and heading.paragraph_format.keep_with_next


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("kallelse.dotx", b"%PDF-1.7 not a template", "är ingen Word-fil (.docx eller .dotx)."),
        ("tom.dotx", b"", "är tom."),
        ("arkiv.dotx", None, "dokumentdelen saknas."),
    ],
)
def test_a_file_that_is_no_template_is_refused_and_nothing_is_stored(demo_services, name, data, reason):
    if data is None:  # a zip, but no Word document inside
        buf = BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            z.writestr("readme.txt", "hej")
        data = buf.getvalue()
    with pytest.raises(ValidationError) as err:
        demo_services.word_template.set(name, data)
    assert str(err.value).startswith("Word-mall: ") and name in str(err.value) and str(err.value).endswith(reason)
    assert demo_services.word_template.get() is None


def test_finsam_word_mall_sets_shows_and_removes_it(_demo_template, tmp_path, capsys):
    db = tmp_path / "demo.sqlite"
    online_copy(_demo_template, db)
    (tmp_path / "mall.dotx").write_bytes(_template())
    assert main(["--db", str(db), "word-mall", "--fil", str(tmp_path / "mall.dotx")]) == 0
    assert main(["--db", str(db), "word-mall"]) == 0
    assert "Word-mall: mall.dotx" in capsys.readouterr().out
    assert main(["--db", str(db), "export", "kallelse", "--meeting", "10", "-o", str(tmp_path / "k.docx")]) == 0
    assert Document(str(tmp_path / "k.docx")).sections[0].header.paragraphs[0].text == HEADER
    (tmp_path / "trasig.dotx").write_bytes(b"PK\x03\x04 broken")
    assert main(["--db", str(db), "word-mall", "--fil", str(tmp_path / "trasig.dotx")]) != 0
    assert "”trasig.dotx” är ingen Word-fil" in capsys.readouterr().err
    assert main(["--db", str(db), "word-mall", "--ta-bort"]) == 0
    assert main(["--db", str(db), "word-mall"]) == 0
    assert "Ingen Word-mall är vald." in capsys.readouterr().out
