"""Pre-flight: every kind of file that is not a readable form of this plan is refused with its
own code and a one-line message naming the file, and a multi-file read goes on."""

from __future__ import annotations

import shutil
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from defusedxml import DefusedXmlException
from openpyxl.styles import PatternFill

from rkt_excel.collect import check_files
from rkt_excel.errors import FormError
from rkt_excel.generate import distribute_forms
from rkt_excel.issues import Severity, render_issue
from rkt_excel.read import Limits, preflight, read_form, read_forms
from rkt_excel.read.preflight import OLE_MAGIC
from rkt_excel.template import Plan
from rkt_excel.units import Unit

_CACHE: dict[str, Path] = {}


@pytest.fixture
def small_forms(
    small_plan: Plan, tmp_path_factory: pytest.TempPathFactory, tmp_path: Path
) -> dict[str, Path]:
    """The conftest forms of the small plan, generated once per module and copied per test."""
    if not _CACHE:
        units = [
            Unit("TU", "Subbagian Tata Usaha", components=("I",)),
            Unit("WASDAK", "Seksi Wasdak"),
        ]
        paths = distribute_forms(small_plan, units, tmp_path_factory.mktemp("forms"))
        _CACHE.update({u.code: p for u, p in zip(units, paths, strict=True)})
    out = {}
    for code, src in _CACHE.items():
        out[code] = tmp_path / src.name
        shutil.copyfile(src, out[code])
    return out


def rezip(
    src: Path,
    dst: Path,
    edit: Callable[[str, bytes], bytes | None],
    extra: Iterable[tuple[str, bytes]] = (),
) -> Path:
    """Copy an xlsx part by part; ``edit`` returns new bytes (None drops the part)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = edit(info.filename, zin.read(info))
            if data is not None:
                zout.writestr(info.filename, data)
        for name, data in extra:
            zout.writestr(name, data)
    return dst


def refused(path: Path, plan: Plan | None = None, **kw: Any) -> FormError:
    with pytest.raises(FormError) as info:
        read_form(path, plan, **kw)
    err = info.value
    assert err.issue.code == err.code and err.issue.file == str(path)
    assert str(path) in str(err) and "\n" not in str(err)
    assert err.path == str(path)
    return err


BAD_BYTES: dict[str, tuple[bytes, str]] = {
    "empty.xlsx": (b"", "empty-file"),
    "data.xlsx": (b"ID;STATUS;CAPAIAN\nI.1.a;Selesai;100\n", "not-a-spreadsheet"),
    "web.xlsx": (b"<!DOCTYPE html>\n<html><body><table><tr><td>1</td></tr>", "not-a-spreadsheet"),
    "scan.xlsx": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", "not-a-spreadsheet"),
    "photo.xlsx": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64), "not-a-spreadsheet"),
    "photo2.xlsx": (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(64), "not-a-spreadsheet"),
    "old.xls": (OLE_MAGIC + bytes(504) + "Workbook".encode("utf-16-le") + bytes(64), "legacy-xls"),
    "old-renamed.xlsx": (OLE_MAGIC + bytes(504) + "Book".encode("utf-16-le"), "legacy-xls"),
    "locked.xlsx": (
        OLE_MAGIC
        + bytes(504)
        + "EncryptionInfo".encode("utf-16-le")
        + bytes(50)
        + "EncryptedPackage".encode("utf-16-le")
        + bytes(64),
        "encrypted",
    ),
    "broken.xlsx": (b"PK\x03\x04" + b"\x14\x00" + bytes(40) + b"garbage", "unreadable"),
}


@pytest.mark.parametrize("name", sorted(BAD_BYTES))
def test_bad_bytes(name: str, tmp_path: Path) -> None:
    data, code = BAD_BYTES[name]
    path = tmp_path / name
    path.write_bytes(data)
    assert refused(path).code == code


def test_kinds_are_named(tmp_path: Path) -> None:
    for name, words in (("scan.xlsx", "PDF"), ("web.xlsx", "HTML"), ("data.xlsx", "CSV")):
        path = tmp_path / name
        path.write_bytes(BAD_BYTES[name][0])
        assert words in render_issue(refused(path).issue, "en")


def test_missing_file(tmp_path: Path) -> None:
    assert refused(tmp_path / "nowhere.xlsx").code == "file-not-found"


def test_other_zips(tmp_path: Path) -> None:
    docx = tmp_path / "surat.xlsx"
    with zipfile.ZipFile(docx, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<document/>")
    ods = tmp_path / "calc.xlsx"
    with zipfile.ZipFile(ods, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", "<office:document-content/>")
    assert refused(docx).code == "not-a-spreadsheet"
    err = refused(ods)
    assert err.code == "not-a-spreadsheet"
    assert "OpenDocument" in render_issue(err.issue, "en")
    assert "lembar kerja OpenDocument" in render_issue(err.issue, "id")


def _bomb(path: Path, size: int) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/worksheets/sheet1.xml", b"<a>" + b" " * size + b"</a>")
    return path


def test_zip_bomb_by_ratio(tmp_path: Path) -> None:
    path = _bomb(tmp_path / "bomb.xlsx", 3_000_000)  # ~3 MB of spaces deflate to ~3 KB
    assert path.stat().st_size < 20_000
    err = refused(path, limits=Limits(max_ratio=100, ratio_min_bytes=100_000))
    assert err.code == "zip-bomb" and "ratio" in str(err)


def test_zip_bomb_by_total_size(tmp_path: Path) -> None:
    path = _bomb(tmp_path / "bomb.xlsx", 300_000)
    assert refused(path, limits=Limits(max_total_bytes=200_000)).code == "zip-bomb"
    assert refused(path, limits=Limits(max_part_bytes=200_000)).code == "zip-bomb"


def test_zip_bomb_by_entries(tmp_path: Path) -> None:
    path = tmp_path / "many.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
        for i in range(60):
            z.writestr(f"xl/media/p{i}.xml", "<p/>")
    assert refused(path, limits=Limits(max_entries=50)).code == "zip-bomb"


def test_file_size_limit(small_forms: dict[str, Path]) -> None:
    assert refused(small_forms["TU"], limits=Limits(max_file_bytes=1000)).code == "zip-bomb"


def test_default_limits_accept_a_real_form(small_forms: dict[str, Path]) -> None:
    assert preflight(small_forms["WASDAK"]) == []


LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
    b"<sst><si><t>&lol2;</t></si></sst>"
)


@pytest.mark.parametrize("part", ["xl/sharedStrings.xml", "xl/workbook.xml", "customXml/item1.xml"])
def test_xml_entities(part: str, small_forms: dict[str, Path], tmp_path: Path) -> None:
    def edit(name: str, data: bytes) -> bytes:
        if name == part:
            return (
                LAUGHS if part != "xl/workbook.xml" else data.replace(b"?>", b"?><!DOCTYPE x>", 1)
            )
        return data

    extra = [] if part.startswith("xl/") else [(part, LAUGHS)]
    path = rezip(small_forms["TU"], tmp_path / "xxe.xlsx", edit, extra)
    err = refused(path)
    assert err.code == "xml-entities"


def test_xml_entities_in_utf16(small_forms: dict[str, Path], tmp_path: Path) -> None:
    text = '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE a [<!ENTITY b "c">]><a>&b;</a>'
    data = b"\xff\xfe" + text.encode("utf-16-le")
    path = rezip(
        small_forms["TU"], tmp_path / "x16.xlsx", lambda n, d: d, [("customXml/i.xml", data)]
    )
    assert refused(path).code == "xml-entities"


def test_not_our_form(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active.append(["No", "Uraian", "Status"])
    wb.active.append([1, "Rapat", "Selesai"])
    path = tmp_path / "lain.xlsx"
    wb.save(path)
    assert refused(path).code == "not-our-form"


def test_form_of_another_plan(small_plan: Plan, small_forms: dict[str, Path]) -> None:
    other = Plan.model_validate({**small_plan.model_dump(), "id": "lain-2019"})
    err = refused(small_forms["TU"], other)
    assert err.code == "template-mismatch" and "lain-2019" in str(err)


def test_form_of_another_version(small_plan: Plan, small_forms: dict[str, Path]) -> None:
    newer = Plan.model_validate({**small_plan.model_dump(), "version": "4"})
    assert refused(small_forms["TU"], newer).code == "template-version-mismatch"


def test_form_of_an_edited_plan_with_the_same_version(
    small_plan: Plan, small_forms: dict[str, Path]
) -> None:
    # model_validate, not model_copy: a copy would keep the cached content_hash.
    edited = Plan.model_validate({**small_plan.model_dump(), "title": "Judul lain"})
    assert refused(small_forms["TU"], edited).code == "template-mismatch"


def test_unknown_form_format(small_forms: dict[str, Path], tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(small_forms["TU"])
    wb["_rkt_meta"]["B1"] = "rkt-form/9"
    path = tmp_path / "future.xlsx"
    wb.save(path)
    assert refused(path).code == "unsupported-format"


def test_macros_are_ignored_with_a_warning(
    small_plan: Plan, small_forms: dict[str, Path], tmp_path: Path
) -> None:
    path = rezip(
        small_forms["TU"],
        tmp_path / "form.xlsm",
        lambda n, d: d,
        [("xl/vbaProject.bin", b"\x00" * 64)],
    )
    form = read_form(path, small_plan)
    codes = [(i.code, i.severity) for i in form.issues]
    assert codes == [("macros-ignored", Severity.WARNING)]
    assert set(form.rows) == {"I.1.a", "I.1.b", "I.2.a"}


def test_many_files_go_on_after_bad_ones(
    small_plan: Plan, small_forms: dict[str, Path], tmp_path: Path
) -> None:
    paths: list[Path] = []
    for name, (data, _) in sorted(BAD_BYTES.items()):
        path = tmp_path / name
        path.write_bytes(data)
        paths.append(path)
    paths.insert(3, small_forms["TU"])
    forms, issues = read_forms(paths, small_plan)
    assert [f.path for f in forms] == [str(small_forms["TU"])]
    assert sorted((i.file, i.code) for i in issues) == sorted(
        (str(tmp_path / n), code) for n, (_, code) in BAD_BYTES.items()
    )
    for issue in issues:
        assert issue.severity is Severity.ERROR
        for lang in ("id", "en"):
            message = render_issue(issue, lang)
            assert "\n" not in message and issue.file not in message

    report = check_files(paths, small_plan)
    refused_files = {i.file for i in report if i.code in {c for _, c in BAD_BYTES.values()}}
    assert refused_files == {str(p) for p in paths if p != small_forms["TU"]}
    assert any(i.file == str(small_forms["TU"]) for i in report)  # the good form was checked


def test_a_value_far_away_is_refused_before_calamine(
    small_plan: Plan, small_forms: dict[str, Path]
) -> None:
    # calamine allocates rows x columns up to the last value and aborts the whole process
    # when it cannot: one stray cell must not take a batch of 1000 forms down.
    wb = openpyxl.load_workbook(small_forms["TU"])
    ws = wb[small_plan.components[0].id + " Manajemen Perubahan"]
    ws["XFD1048576"] = "nyasar"
    ws["Z2000"] = "nyasar juga"  # a little far is fine
    wb.save(small_forms["TU"])
    err = refused(small_forms["TU"], small_plan)
    assert err.code == "sheet-too-large" and "XFD1048576" in str(err)
    ws["XFD1048576"].value = None
    ws["XFD1048576"].fill = PatternFill("solid", start_color="FF0000")  # style only: no value
    wb.save(small_forms["TU"])
    assert read_form(small_forms["TU"], small_plan).rows["I.1.a"].sheet == ws.title


# --- the second line: the reader's own expat parsers ------------------------------------------

_DTD = b'<?xml version="1.0"?><!DOCTYPE r [<!ELEMENT r ANY>]><r/>'
_ENTITY = b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY e "boom">]><r>&e;</r>'
_UNPARSED = b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY e SYSTEM "x" NDATA n>]><r/>'
_EXTERNAL = b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY e SYSTEM "file:///etc/passwd">]><r>&e;</r>'


@pytest.mark.parametrize(
    ("data", "refusal"),
    [
        (_DTD, "DTDForbidden"),
        (_ENTITY, "DTDForbidden"),  # the DOCTYPE is met first
        (_UNPARSED, "DTDForbidden"),
        (_EXTERNAL, "DTDForbidden"),
    ],
)
def test_the_readers_expat_parsers_refuse_dtds(data: bytes, refusal: str) -> None:
    """Pre-flight refuses these parts first; the sheet scan and the small-part reader refuse
    them again on their own (read/xmldefence.py), whichever runs."""
    from rkt_excel.read.extent import scan_sheet
    from rkt_excel.read.ooxml import parse_events

    with pytest.raises(DefusedXmlException) as err:
        parse_events(data, lambda _name, _attrs: None)
    assert type(err.value).__name__ == refusal
    with pytest.raises(DefusedXmlException) as err:
        scan_sheet(data)
    assert type(err.value).__name__ == refusal


@pytest.mark.parametrize(
    ("handler", "refusal"),
    [
        ("StartDoctypeDeclHandler", "DTDForbidden"),
        ("EntityDeclHandler", "EntitiesForbidden"),
        ("UnparsedEntityDeclHandler", "EntitiesForbidden"),
        ("ExternalEntityRefHandler", "ExternalReferenceForbidden"),
    ],
)
def test_each_defence_of_the_expat_parser_raises_its_refusal(handler: str, refusal: str) -> None:
    """Past the DOCTYPE handler (a part without a DOCTYPE cannot declare an entity), each
    handler still refuses on its own: called as expat calls it."""
    from rkt_excel.read.xmldefence import defended_parser

    parser = defended_parser()
    arity = {"StartDoctypeDeclHandler": 4, "EntityDeclHandler": 7,
             "UnparsedEntityDeclHandler": 5, "ExternalEntityRefHandler": 4}[handler]  # fmt: skip
    with pytest.raises(DefusedXmlException) as err:
        getattr(parser, handler)(*(["x"] + [None] * (arity - 1)))
    assert type(err.value).__name__ == refusal
