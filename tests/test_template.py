"""Plan templates: loading, the problems `template check` reports (file, line, field), dumping."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from rkt_excel.errors import TemplateError
from rkt_excel.template import check_template, dump_template, load_template

SMALL = textwrap.dedent(
    """\
    format: 1
    id: kantor-contoh-2019
    version: "1"
    year: 2019
    regulation: permenpanrb-52-2014
    created: 2019-01-02
    office:
      ministry: KEMENTERIAN CONTOH
      name: KANTOR CONTOH
    document:
      title: RENCANA KERJA TAHUNAN
    components:
      - id: I
        name: Manajemen Perubahan
        subareas:
          - no: 1
            name: Tim Kerja
            indicators:
              - id: I.1.a
                indicator: SK Tim Kerja telah dibuat
                actions: [Membentuk tim]
                evidence: [SK Tim]
                target: Januari 2019
                lke: I.1.a
              - id: I.1.b
                indicator: Anggota tim dipilih dengan prosedur
                target: Februari – Desember 2019
                lke: null
                lke_note: contoh tanpa pertanyaan
    """
)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_small_plan_loads(tmp_path: Path) -> None:
    plan = load_template(write(tmp_path, SMALL))
    assert [i.id for _, _, i in plan.indicators()] == ["I.1.a", "I.1.b"]
    assert plan.indicator("I.1.b").schedule.months == tuple(range(2, 13))
    assert len(plan.content_hash) == 64


def test_dump_round_trip(tmp_path: Path) -> None:
    plan = load_template(write(tmp_path, SMALL))
    again = load_template(text=dump_template(plan))
    assert again == plan
    assert again.content_hash == plan.content_hash


def problems_of(tmp_path: Path, text: str) -> list[tuple[int, str, str]]:
    return [(p.line, p.field, p.message) for p in check_template(write(tmp_path, text))]


def test_missing_field(tmp_path: Path) -> None:
    text = "".join(line for line in SMALL.splitlines(True) if "SK Tim Kerja telah" not in line)
    found = problems_of(tmp_path, text)
    assert found == [(19, "components[0].subareas[0].indicators[0].indicator",
                      "required field is missing")]  # fmt: skip


def test_duplicate_id(tmp_path: Path) -> None:
    found = problems_of(tmp_path, SMALL.replace("id: I.1.b", "id: I.1.a"))
    assert len(found) == 1
    line, field, message = found[0]
    assert (line, field) == (25, "components[0].subareas[0].indicators[1].id")
    assert "duplicate" in message and "line 19" in message


def test_unknown_lke_question(tmp_path: Path) -> None:
    found = problems_of(tmp_path, SMALL.replace("lke: I.1.a", "lke: IX.9.z"))
    assert [(line, field) for line, field, _ in found] == [
        (24, "components[0].subareas[0].indicators[0].lke")
    ]


def test_unparseable_target(tmp_path: Path) -> None:
    found = problems_of(tmp_path, SMALL.replace("target: Januari 2019", "target: Kapan-kapan 2019"))
    assert [(line, field) for line, field, _ in found] == [
        (23, "components[0].subareas[0].indicators[0].target")
    ]
    assert "I.1.a" in found[0][2]


def test_unknown_field_and_bad_yaml(tmp_path: Path) -> None:
    found = problems_of(tmp_path, SMALL.replace("  name: KANTOR CONTOH", "  nama: KANTOR CONTOH"))
    fields = {f for _, f, _ in found}
    assert fields == {"office.name", "office.nama"}
    found = problems_of(tmp_path, "id: x\nyear: [unclosed\n")
    assert len(found) == 1 and found[0][0] in (2, 3) and "YAML" in found[0][2]


def test_load_raises_with_every_problem(tmp_path: Path) -> None:
    text = SMALL.replace("id: I.1.b", "id: I.1.a").replace("Januari 2019", "Nanti 2019")
    with pytest.raises(TemplateError) as info:
        load_template(write(tmp_path, text))
    assert len(info.value.problems) == 2
    assert all(str(p).startswith(str(tmp_path / "plan.yaml") + ":") for p in info.value.problems)


def test_nip_must_be_text(tmp_path: Path) -> None:
    text = SMALL + "signatories:\n  - {role: Ketua, name: Siti, nip: 196402151987032001}\n"
    found = problems_of(tmp_path, text)
    assert [f for _, f, _ in found] == ["signatories[0].nip"]


def test_format_1_still_loads(tmp_path: Path) -> None:
    text = SMALL + (
        "legal_basis:\n  - Undang-undang Nomor 1\n  - Peraturan Nomor 2\n"
        "signatories:\n  - {role: Ketua, name: Siti, nip: '196402151987032001'}\n"
    )
    plan = load_template(write(tmp_path, text))
    assert plan.format == 2
    assert plan.legal_basis == ("Undang-undang Nomor 1", "Peraturan Nomor 2")
    (chapter,) = plan.chapters
    assert (chapter.number, chapter.title, chapter.sections[0].title) == (
        "I", "PENDAHULUAN", "Dasar Hukum"
    )  # fmt: skip
    assert [s.name for s in plan.signatories] == ["Siti"]
    # the team line format 1 printed, now data
    assert plan.signing.team == "Tim Reformasi Birokrasi KANTOR CONTOH"
    assert load_template(text=dump_template(plan)) == plan


DOCUMENT = """\
chapters:
  - number: I
    title: PENDAHULUAN
    body: [Pembuka bab.]
    sections:
      - number: "1"
        title: Dasar Hukum
        body:
          - Paragraf sebelum daftar.
          - {style: a, items: [Undang-undang Nomor 1]}
          - {style: a, items: [Peraturan Nomor 2]}
          - {style: "1", items: [Langkah satu]}
  - {number: II, title: RENCANA AKSI, table: true}
signing:
  place: Kota Contoh
  date: 2030-03-01
  team: Tim Kerja Kantor Contoh
  heading: "Mengetahui:"
  signatories:
    - {role: Ketua, name: Siti, nip: "196402151987032001"}
annexes:
  - title: [MEKANISME, TAHUN 2019]
    body:
      - "Baris satu\\nbaris dua"
priority_title: [TARGET]
priority_targets: [Satu, Dua]
"""


def test_format_2_document(tmp_path: Path) -> None:
    plan = load_template(write(tmp_path, SMALL.replace("format: 1", "format: 2") + DOCUMENT))
    body = plan.chapters[0].sections[0].body
    # adjacent lists of one style are one list (their numbering runs on)
    assert [type(b).__name__ for b in body] == ["str", "ItemList", "ItemList"]
    assert plan.legal_basis == ("Undang-undang Nomor 1", "Peraturan Nomor 2", "Langkah satu")
    assert plan.annexes[0].body == ("Baris satu\nbaris dua",)
    assert plan.signatories[0].name == "Siti"
    dumped = dump_template(plan)
    assert "|-\n" in dumped  # text with line breaks is a literal block
    assert load_template(text=dumped) == plan


def test_document_problems(tmp_path: Path) -> None:
    text = SMALL.replace("format: 1", "format: 2") + DOCUMENT
    text = text.replace("[Peraturan Nomor 2]", "['']")
    found = problems_of(tmp_path, text)
    assert [(line, field) for line, field, _ in found] == [
        (40, "chapters[0].sections[0].body[2].items[0]")
    ]
    found = problems_of(
        tmp_path,
        SMALL.replace("format: 1", "format: 2")
        + DOCUMENT.replace("table: true}", "table: true}\n  - {title: LAGI, table: true}"),
    )
    assert [(line, field) for line, field, _ in found] == [(43, "chapters[2].table")]


def test_items_are_one_line_and_sub_area_numbers_unique(tmp_path: Path) -> None:
    found = problems_of(tmp_path, SMALL.replace("[Membentuk tim]", '["Membentuk\\ntim"]'))
    assert [(line, field) for line, field, _ in found] == [
        (21, "components[0].subareas[0].indicators[0].actions[0]")
    ]
    extra = (
        "      - no: 1\n        name: Lagi\n        indicators:\n"
        "          - {id: I.1.z, indicator: X, lke: I.1.b}\n"
    )
    found = problems_of(tmp_path, SMALL + extra)
    assert [(line, field) for line, field, _ in found] == [(30, "components[0].subareas[1].no")]


def test_plan_problems_read_in_indonesian_and_in_english(tmp_path: Path) -> None:
    text = SMALL.replace("year: 2019", "year: dua ribu")
    text = "".join(line for line in text.splitlines(True) if "SK Tim Kerja telah" not in line)
    found = {p.field: p for p in check_template(write(tmp_path, text))}
    year, missing = found["year"], next(p for f, p in found.items() if f.endswith("indicator"))
    assert year.render("id").endswith("year: harus berupa bilangan bulat")
    assert year.render("en").endswith("year: must be a whole number")
    assert missing.render("id").endswith("indicator: wajib diisi tetapi tidak ada")
    assert str(missing).endswith("indicator: required field is missing")  # str() is English
