"""evidence.py: the evidence rule, the flags (validate and consolidate) and the completeness
figures, on forms built in code (test_consolidate.make_form) with values worked out by hand."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_consolidate import make_form

from rkt_excel.consolidate import consolidate
from rkt_excel.evidence import (
    EMPTY_LINK,
    FILE_NAME,
    FILE_URL,
    GENERIC_ITEM,
    LOCAL_ADDRESS,
    LOCAL_PATH,
    NETWORK_SHARE,
    NOT_A_LINK,
    URL,
    Completeness,
    EvidenceItem,
    check_evidence,
    classify,
    evidence_items,
    link_key,
    match_items,
    reused_links,
    scan_evidence,
)
from rkt_excel.evidence_folder import folder_name, write_evidence_folder
from rkt_excel.lke import load_model
from rkt_excel.template import Plan
from rkt_excel.units import Unit
from rkt_excel.validate import validate

AS_OF = dt.date(2019, 6, 30)
SHEET_I, SHEET_III = "I Manajemen Perubahan", "III Sistem Manajemen SDM"


def _ind(rid: str, lke: str, evidence: list[str]) -> dict[str, Any]:
    return {
        "id": rid,
        "indicator": f"Indikator {rid}",
        "evidence": evidence,
        "target": "Januari 2019",
        "lke": lke,
    }


def evidence_plan() -> Plan:
    """Component I: I.a (2 BUKTI FISIK), I.b (1), I.c (none listed); III: III.a (3)."""
    return Plan.model_validate(
        {
            "id": "bukti-2019",
            "year": 2019,
            "regulation": "permenpanrb-52-2014",
            "created": dt.date(2019, 1, 2),
            "office": {"ministry": "KEMENTERIAN UJI", "name": "KANTOR UJI"},
            "document": {"title": "RKT"},
            "components": [
                {
                    "id": "I",
                    "name": "Manajemen Perubahan",
                    "subareas": [
                        {
                            "no": 1,
                            "name": "Tim Kerja",
                            "indicators": [
                                _ind("I.a", "I.1.a", ["SK Tim Kerja", "Daftar hadir rapat"]),
                                _ind("I.b", "I.1.b", ["Notulen"]),
                                _ind("I.c", "I.2.a", []),
                            ],
                        }
                    ],
                },
                {
                    "id": "III",
                    "name": "Penataan Sistem Manajemen SDM",
                    "subareas": [
                        {
                            "no": 1,
                            "name": "Perencanaan",
                            "indicators": [
                                _ind(
                                    "III.a",
                                    "III.1.a",
                                    ["Peta jabatan", "Analisis beban kerja", "Dokumen kebutuhan"],
                                )
                            ],
                        }
                    ],
                },
            ],
        }
    )


TU = Unit("TU", "Tata Usaha", components=("I",))
SDM = Unit("SDM", "Kepegawaian", indicators=("I.a", "III.a"))
WASDAK = Unit("WASDAK", "Pengawasan", components=("III",))


# --- the rule: what each text is ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("https://drive.google.com/file/d/1AbC/view", URL),
        ("http://kanim.go.id/sk", URL),
        ("www.kanim.go.id/sk", URL),
        ("http://8.8.8.8/sk.pdf", URL),  # a public address
        ("https://", EMPTY_LINK),
        ("http://", EMPTY_LINK),
        ("www.", EMPTY_LINK),
        ("http://localhost/sk.pdf", LOCAL_ADDRESS),
        ("http://127.0.0.1:8080/x", LOCAL_ADDRESS),
        ("http://192.168.1.5/berkas", LOCAL_ADDRESS),
        ("http://10.0.0.1/x", LOCAL_ADDRESS),
        ("http://172.16.0.9/x", LOCAL_ADDRESS),
        ("http://172.32.0.9/x", URL),  # just outside 172.16.0.0/12
        ("http://fileserver/zi/sk.pdf", LOCAL_ADDRESS),  # one-word host: intranet only
        ("http://nas.local/sk.pdf", LOCAL_ADDRESS),
        ("C:\\Dokumen ZI\\SK Tim.pdf", LOCAL_PATH),
        ("d:/zi/sk.pdf", LOCAL_PATH),
        ("/home/budi/sk.pdf", LOCAL_PATH),
        ("\\\\server\\zi\\sk.pdf", NETWORK_SHARE),
        ("//server/zi/sk.pdf", NETWORK_SHARE),
        ("smb://server/zi", NETWORK_SHARE),
        ("file:///C:/zi/sk.pdf", FILE_URL),
        ("FILE://server/zi", FILE_URL),
        ("lihat map", NOT_A_LINK),
        ("terlampir", NOT_A_LINK),
        ("SK Kepala Kantor Nomor 12 Tahun 2019", NOT_A_LINK),
        ("mailto:tu@kanim.go.id", NOT_A_LINK),
        ("ftp://kanim.go.id/sk.pdf", NOT_A_LINK),
        ("SK_Tim_ZI_2019.pdf", FILE_NAME),
        ("Notulen rapat 12.docx", FILE_NAME),
        ("Bukti/SK Tim.PDF", FILE_NAME),
        ("..\\bukti\\foto.jpg", FILE_NAME),
        ("setup.exe", NOT_A_LINK),  # not a document extension
        ("SK Tim.", NOT_A_LINK),
    ],
)
def test_classify(text: str, kind: str) -> None:
    assert classify(text) == kind


def test_items_of_a_cell_lines_bullets_labels_and_hyperlinks() -> None:
    text = "1. SK Tim: https://drive.google.com/a, https://bit.ly/b\n- Notulen.pdf; lihat map\n"
    assert evidence_items(text) == (
        EvidenceItem("https://drive.google.com/a", URL, "SK Tim"),
        EvidenceItem("https://bit.ly/b", URL, "SK Tim"),
        EvidenceItem("Notulen.pdf", FILE_NAME),
        EvidenceItem("lihat map", NOT_A_LINK),
    )
    # A hyperlink is the item; the cell's words are its label.
    assert evidence_items("SK Tim Kerja", "https://drive.google.com/x") == (
        EvidenceItem("https://drive.google.com/x", URL, "SK Tim Kerja"),
    )
    assert evidence_items("SK Tim", "") == (EvidenceItem("", EMPTY_LINK, "SK Tim"),)
    assert evidence_items("SK", "file:///C:/sk.pdf")[0].kind == FILE_URL
    assert evidence_items(None) == () and evidence_items("  \n ") == ()


def test_link_key_ignores_case_slash_fragment_and_drive_sharing_parameter() -> None:
    a = link_key("https://Drive.Google.com/drive/folders/ZI?usp=sharing")
    assert a == link_key("https://drive.google.com/drive/folders/ZI/?usp=drive_link#x")
    assert a == "drive.google.com/drive/folders/ZI"
    assert link_key("https://x.go.id/open?id=1") != link_key("https://x.go.id/open?id=2")
    assert link_key("www.x.go.id/a") == link_key("http://www.x.go.id/a")


def test_match_by_name_then_by_number() -> None:
    items = (
        EvidenceItem("https://bit.ly/abk", URL),
        EvidenceItem("Peta jabatan.pdf", FILE_NAME),
        EvidenceItem("lihat map", NOT_A_LINK),  # never counts
    )
    met, missing = match_items(["Peta jabatan", "Analisis beban kerja", "Dokumen"], items)
    assert met == ("Peta jabatan", "Analisis beban kerja")
    assert missing == ("Dokumen",)
    assert match_items(["A b c"], ()) == ((), ("A b c",))


# --- the flags of one form (validate) ----------------------------------------------------------


def _codes(form: Any, plan: Plan) -> list[tuple[str, str, str]]:
    found = validate(form, plan, as_of=AS_OF).issues
    wanted = {"evidence-unreachable", "empty-link", "answer-without-evidence"}
    return [(i.code, i.sheet, i.cell) for i in found if i.code in wanted]


def test_unreachable_evidence_is_flagged_once_per_item_at_its_cell() -> None:
    plan = evidence_plan()
    form = make_form(
        plan,
        "TU.xlsx",
        TU,
        {
            "I.a": {
                "status": "Dalam Proses",
                "bukti_dukung": "C:\\zi\\sk.pdf\nlihat map\nlihat map",
            },
            "I.b": {"status": "Dalam Proses", "bukti_dukung": "https://drive.google.com/x"},
            "I.c": {"status": "Dalam Proses", "bukti_dukung": "\\\\server\\zi"},
        },
    )
    found = validate(form, plan, as_of=AS_OF).issues
    unreachable = [
        (i.cell, i.params["value"], str(i.params["kind"]))
        for i in found
        if i.code == "evidence-unreachable"
    ]
    assert unreachable == [
        ("M6", "C:\\zi\\sk.pdf", "lokasi berkas di komputer sendiri"),
        ("M6", "lihat map", "keterangan, bukan tautan atau nama berkas"),
        ("M8", "\\\\server\\zi", "folder jaringan kantor"),
    ]
    assert {i.sheet for i in found if i.code == "evidence-unreachable"} == {SHEET_I}


def test_empty_link_only_on_a_done_action() -> None:
    plan = evidence_plan()
    form = make_form(
        plan,
        "TU.xlsx",
        TU,
        {
            "I.a": {"status": "Selesai", "bukti_dukung": "SK Tim"},  # =HYPERLINK("", "SK Tim")
            "I.b": {"status": "Dalam Proses", "bukti_dukung": "SK"},
            "I.c": {"status": "Selesai", "bukti_dukung": "https://"},
        },
        links={"I.a": "", "I.b": ""},
    )
    assert _codes(form, plan) == [("empty-link", SHEET_I, "M6"), ("empty-link", SHEET_I, "M8")]


@pytest.mark.parametrize(
    ("row", "answer", "bukti", "flagged"),
    [
        ("I.a", "Ya", None, True),  # yn: Ya is above Tidak
        ("I.a", "Tidak", None, False),  # the lowest answer needs no evidence
        ("I.b", "B", "lihat map", True),  # abc: B above C; prose is no evidence
        ("I.b", "A", "SK.pdf", False),  # a file name is evidence
        ("I.b", "C", None, False),
        ("I.a", "Ya", "https://drive.google.com/x", False),
    ],
)
def test_answer_above_the_lowest_needs_evidence(
    row: str, answer: str, bukti: str | None, flagged: bool
) -> None:
    plan = evidence_plan()
    form = make_form(
        plan,
        "TU.xlsx",
        TU,
        {row: {"status": "Dalam Proses", "jawaban": answer, "bukti_dukung": bukti}},
    )
    found = [
        i for i in validate(form, plan, as_of=AS_OF).issues if i.code == "answer-without-evidence"
    ]
    if flagged:
        (issue,) = found
        assert (issue.sheet, issue.cell, issue.field) == (SHEET_I, "K6", "jawaban")
        lowest = {"I.a": "Tidak", "I.b": "C"}[row]
        assert dict(issue.params) == {"answer": answer, "lowest": lowest}
    else:
        assert found == []


# --- completeness, on a hand-worked case ----------------------------------------------------


def _office() -> Any:
    plan = evidence_plan()
    tu = make_form(
        plan,
        "TU.xlsx",
        TU,
        {
            "I.a": {
                "status": "Selesai",
                "bukti_dukung": "Daftar hadir: https://drive.google.com/file/d/abc\nSK_Tim_Kerja.pdf",
            },
            "I.b": {"status": "Dalam Proses", "bukti_dukung": "lihat map"},
            "I.c": {"status": "Tidak Relevan"},
        },
    )
    sdm = make_form(
        plan,
        "SDM.xlsx",
        SDM,
        {
            "I.a": {"status": "Selesai", "bukti_dukung": "C:\\Dokumen\\sk.pdf"},
            "III.a": {
                "status": "Dalam Proses",
                "bukti_dukung": "Peta jabatan.pdf\nhttps://bit.ly/abk",
            },
        },
    )
    return plan, consolidate([tu, sdm], plan, reports=None, units=[TU, SDM, WASDAK], as_of=AS_OF)


def test_completeness_per_indicator_question_component_unit() -> None:
    _, c = _office()
    report = c.evidence_report
    # I.a: TU met both (one by label, one by file name), SDM's local path counts 0: 2 of 4.
    # I.b: 0 of 1 (prose). I.c: TU says Tidak Relevan, so nothing is expected.
    # III.a: SDM 2 of 3 (Peta jabatan by name, the bit.ly link by number), WASDAK sent no form.
    assert report.by_indicator() == {
        "I.a": Completeness(4, 2),
        "I.b": Completeness(1, 0),
        "III.a": Completeness(6, 2),
    }
    assert report.by_question() == {
        "I.1.a": Completeness(4, 2),
        "I.1.b": Completeness(1, 0),
        "III.1.a": Completeness(6, 2),
    }
    assert report.by_component() == {"I": Completeness(5, 2), "III": Completeness(6, 2)}
    assert report.by_unit() == {
        "TU": Completeness(3, 2),
        "SDM": Completeness(5, 2),
        "WASDAK": Completeness(3, 0),
    }
    assert report.overall == Completeness(11, 4)
    assert report.overall.percent == pytest.approx(100 * 4 / 11)
    assert Completeness(0, 0).percent is None
    sdm_iii = next(ch for ch in report.checks if (ch.row_id, ch.unit_code) == ("III.a", "SDM"))
    assert sdm_iii.met == ("Peta jabatan", "Analisis beban kerja")
    assert sdm_iii.missing == ("Dokumen kebutuhan",)
    assert report.missing_by_question()["I.1.a"] == (
        ("SDM", "SK Tim Kerja"),
        ("SDM", "Daftar hadir rapat"),
    )


def test_an_indicator_without_bukti_fisik_expects_one_item() -> None:
    plan = evidence_plan()
    form = make_form(plan, "TU.xlsx", TU, {"I.c": {"status": "Belum"}})
    c = consolidate([form], plan, reports=None, units=[TU], as_of=AS_OF)
    (check,) = [ch for ch in c.evidence_report.checks if ch.row_id == "I.c"]
    assert check.expected == (GENERIC_ITEM,) and check.missing == (GENERIC_ITEM,)


# --- one link reused across unrelated questions (consolidation) --------------------------------


def test_a_link_reused_across_sub_areas_is_flagged_at_each_cell() -> None:
    plan = evidence_plan()
    folder = "https://drive.google.com/drive/folders/ZI"
    tu = make_form(
        plan,
        "TU.xlsx",
        TU,
        {  # I.a and I.b are both sub-component I.1: one document may serve both
            "I.a": {"status": "Selesai", "bukti_dukung": folder + "?usp=sharing"},
            "I.b": {"status": "Selesai", "bukti_dukung": folder},
        },
    )
    sdm = make_form(
        plan, "SDM.xlsx", SDM, {"III.a": {"status": "Selesai", "bukti_dukung": folder + "/"}}
    )
    found = reused_links(plan, load_model(plan.regulation), [tu, sdm])
    assert {
        p: [(i.sheet, i.cell, i.row_id, i.params["questions"]) for i in v] for p, v in found.items()
    } == {
        "TU.xlsx": [(SHEET_I, "M6", "I.a", "III.1.a"), (SHEET_I, "M7", "I.b", "III.1.a")],
        "SDM.xlsx": [(SHEET_III, "M6", "III.a", "I.1.a, I.1.b")],
    }
    c = consolidate([tu, sdm], plan, reports=None, units=[TU, SDM], as_of=AS_OF)
    table = c.issues[c.issues["code"] == "evidence-reused"]
    assert sorted(zip(table["file"], table["cell"], strict=True)) == [
        ("SDM.xlsx", "M6"),
        ("TU.xlsx", "M6"),
        ("TU.xlsx", "M7"),
    ]
    assert c.summary.warnings == 3


def test_the_same_link_within_one_sub_area_or_by_two_units_is_not_flagged() -> None:
    plan = evidence_plan()
    link = "https://drive.google.com/file/d/sk"
    tu = make_form(
        plan, "TU.xlsx", TU, {"I.a": {"bukti_dukung": link}, "I.b": {"bukti_dukung": link}}
    )
    sdm = make_form(plan, "SDM.xlsx", SDM, {"I.a": {"bukti_dukung": link}})
    assert reused_links(plan, load_model(plan.regulation), [tu, sdm]) == {}


def test_one_scan_finds_what_the_check_and_the_reuse_rule_find() -> None:
    """consolidate's single pass (scan_evidence) gives the same checks and the same
    evidence-reused issues, in the same order, as check_evidence and reused_links; a row
    marked Tidak Relevan needs no evidence, but a link it gives still counts as reused."""
    plan = evidence_plan()
    folder = "https://drive.google.com/drive/folders/ZI"
    tu = make_form(
        plan,
        "TU.xlsx",
        TU,
        {
            "I.b": {"status": "Selesai", "bukti_dukung": f"SK {folder}\nfoto.jpg"},
            "I.a": {"status": "Tidak Relevan", "bukti_dukung": folder + "?usp=sharing"},
            "III.a": {"status": "Selesai", "bukti_dukung": "https://x.example/a"},
        },
    )
    sdm = make_form(
        plan, "SDM.xlsx", SDM, {"III.a": {"status": "Sudah", "bukti_dukung": folder + "/"}}
    )
    model = load_model(plan.regulation)
    units = {"TU": tu, "SDM": sdm}
    assigned = {"I.a": ["TU"], "I.b": ["SDM", "TU"], "III.a": ["SDM", "TU"], "I.c": ["TU"]}
    report, reused = scan_evidence(plan, model, assigned, units)
    assert report == check_evidence(plan, assigned, units)
    assert reused == reused_links(plan, model, units.values())
    assert [(p, i.row_id) for p, v in reused.items() for i in v] == [
        ("TU.xlsx", "I.a"),
        ("TU.xlsx", "I.b"),
        ("SDM.xlsx", "III.a"),
    ]
    assert ("I.a", "TU") not in {(ch.row_id, ch.unit_code) for ch in report.checks}


_HOST_CHARS = st.sampled_from("0123456789abcdef.:[]%-_xyzAZ١٢  ")


def _host_is_local_reference(host: str) -> bool:
    """The local-address rule as first written: ask ipaddress about every host."""
    import ipaddress

    host = host.strip("[]").rstrip(".").lower()
    if host == "localhost" or host.endswith((".localhost", ".local", ".lan", ".internal")):
        return True
    if host.endswith(".home.arpa"):
        return True
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return "." not in host
    return ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_unspecified


@given(st.text(_HOST_CHARS, max_size=45))
def test_the_local_address_rule_asks_ipaddress_only_when_it_could_answer(host: str) -> None:
    from rkt_excel.evidence import _host_is_local

    assert _host_is_local(host) == _host_is_local_reference(host)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("http://[::1]/x", LOCAL_ADDRESS),
        ('http://evil.example","klik', NOT_A_LINK),  # a quote is no part of a host name
    ],
)
def test_classify_odd_hosts(text: str, kind: str) -> None:
    assert classify(text) == kind


# --- the evidence folder and its index ------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "name", "folder"),
    [
        # 44 characters: "melakukan" would make it 54, over the 48 allowed
        (
            "P.1.i.a",
            "Unit kerja telah membentuk tim untuk melakukan pembangunan ZI",
            "P.1.i.a Unit kerja telah membentuk tim untuk",
        ),
        ("V.1", 'Sub: a/b "c" <d>? e|f*g\\h', "V.1 Sub a b c d e f g h"),
        ("VI.2", "Pelayanan — café prima", "VI.2 Pelayanan cafe prima"),
        ("X", "Akhir.", "X Akhir"),
        ("CON", "", "_CON"),
        ("", "", "_"),
    ],
)
def test_folder_names_are_safe_everywhere(key: str, name: str, folder: str) -> None:
    found = folder_name(key, name)
    assert found == folder and len(found) <= 48


def test_the_folder_tree_and_its_index(tmp_path: Path) -> None:
    _, c = _office()
    written = write_evidence_folder(c, tmp_path / "bukti")
    model = c.model
    hasil = [q for comp in model.hasil for q in comp.items]
    assert list(written.folders) == [*model.items, *hasil]  # one per question, LKE order
    assert all(f.is_dir() for f in written.folders.values())
    assert written.folders["I.1.a"].relative_to(tmp_path / "bukti").parts == (
        "I Manajemen Perubahan",
        "I.1 Tim Kerja",
        folder_name("I.1.a", model.items["I.1.a"].text),
    )
    assert written.folders["H.IPAK"].parts[-3] == "H Komponen Hasil"
    note = (written.folders["I.1.a"] / "_bukti.txt").read_text(encoding="utf-8")
    assert "- SK Tim Kerja\n- Daftar hadir rapat\n" in note
    assert "TU (baris I.a): 2 dari 2 bukti fisik" in note
    assert "SDM (baris I.a): 0 dari 2 bukti fisik" in note
    assert "  - C:\\Dokumen\\sk.pdf [lokasi berkas di komputer sendiri]" in note
    wb = openpyxl.load_workbook(written.index)
    assert wb.sheetnames == ["Indeks Bukti", "Kelengkapan", "Aturan Bukti"]
    rows = [[cell.value for cell in r] for r in wb["Indeks Bukti"].iter_rows()]
    assert rows[0][:4] == ["Kode", "Pertanyaan", "Folder", "Kode Unit"]
    lines = [(r[0], r[3], r[5], r[6], r[8]) for r in rows[1:]]
    assert lines == [
        ("I.1.a", "SDM", "I.a", "C:\\Dokumen\\sk.pdf", "Tidak"),  # units in code order
        ("I.1.a", "TU", "I.a", "https://drive.google.com/file/d/abc", "Ya"),
        ("I.1.a", "TU", "I.a", "SK_Tim_Kerja.pdf", "Ya"),
        ("I.1.b", "TU", "I.b", "lihat map", "Tidak"),
        ("III.1.a", "SDM", "III.a", "Peta jabatan.pdf", "Ya"),
        ("III.1.a", "SDM", "III.a", "https://bit.ly/abk", "Ya"),
        ("III.1.a", "WASDAK", "III.a", "(belum ada bukti dukung)", None),
    ]
    assert written.items == 6
    links = {
        c.value: c.hyperlink.target
        for r in wb["Indeks Bukti"].iter_rows()
        for c in r
        if c.hyperlink
    }
    assert links == {
        "https://drive.google.com/file/d/abc": "https://drive.google.com/file/d/abc",
        "https://bit.ly/abk": "https://bit.ly/abk",
    }
    share = [[cell.value for cell in r] for r in wb["Kelengkapan"].iter_rows()][1:]
    assert [(r[0], r[3], r[4], r[5]) for r in share] == [
        ("I.1.a", 4, 2, 50.0),
        ("I.1.b", 1, 0, 0.0),
        ("III.1.a", 6, 2, pytest.approx(33.333333)),
    ]


def test_evidence_text_never_becomes_a_formula_in_the_index(tmp_path: Path) -> None:
    plan = evidence_plan()
    text = '=HYPERLINK("http://evil.example","klik")'
    form = make_form(plan, "TU.xlsx", TU, {"I.b": {"status": "Selesai", "bukti_dukung": text}})
    c = consolidate([form], plan, reports=None, units=[TU], as_of=AS_OF)
    written = write_evidence_folder(c, tmp_path)
    ws = openpyxl.load_workbook(written.index)["Indeks Bukti"]
    cells = [cell for r in ws.iter_rows() for cell in r if str(cell.value).startswith("=")]
    assert cells == [] or all(cell.data_type == "s" for cell in cells)
    assert any(cell.value == "http://evil.example" for r in ws.iter_rows() for cell in r)
