"""Tests of units.py: reading the units file, assigning rows, safe file names."""

from __future__ import annotations

from pathlib import Path

import pytest

from rkt_excel.errors import UnitsError
from rkt_excel.template import Plan
from rkt_excel.units import Unit, assigned_rows, load_units, safe_filename

ROOT = Path(__file__).resolve().parent.parent


def write(tmp_path: Path, text: str, *, encoding: str = "utf-8") -> Path:
    path = tmp_path / "units.csv"
    path.write_bytes(text.encode(encoding))
    return path


def problems_of(path: Path, plan: Plan | None = None) -> list[tuple[int, str]]:
    with pytest.raises(UnitsError) as err:
        load_units(path, plan)
    return err.value.problems


def test_reads_semicolon_file_with_bom(tmp_path: Path, small_plan: Plan) -> None:
    path = write(
        tmp_path,
        "kode;nama;komponen;indikator\r\n"
        "TU;Subbagian Tata Usaha;I, III;\r\n"
        "LANTAS;Seksi Lalu Lintas;;i.2.a III.1.b\r\n"
        "\r\n"
        "WASDAK;Seksi Pengawasan;;\r\n",
        encoding="utf-8-sig",
    )
    assert load_units(path, small_plan) == [
        Unit("TU", "Subbagian Tata Usaha", ("I", "III"), ()),
        Unit("LANTAS", "Seksi Lalu Lintas", (), ("I.2.a", "III.1.b")),
        Unit("WASDAK", "Seksi Pengawasan", (), ()),
    ]


def test_reads_comma_file_with_quoted_lists(tmp_path: Path) -> None:
    path = write(tmp_path, 'Kode,Nama,Komponen\nTU,"Tata Usaha, Umum","I;III"\n')
    assert load_units(path) == [Unit("TU", "Tata Usaha, Umum", ("I", "III"))]


def test_example_units_file_matches_the_embedded_plan(embedded_plan: Plan) -> None:
    units = load_units(ROOT / "workbooks" / "units-kanim-semarang.csv", embedded_plan)
    assert len(units) == 5
    assert sum(1 for u in units if not u.components and not u.indicators) == 1
    covered = {row for u in units for row in assigned_rows(embedded_plan, u)}
    assert covered == set(embedded_plan.index)


def test_missing_column(tmp_path: Path) -> None:
    assert problems_of(write(tmp_path, "kode,komponen\nTU,I\n")) == [
        (1, "missing column 'nama' (the header needs kode and nama)")
    ]


def test_unknown_column_is_reported_not_ignored(tmp_path: Path) -> None:
    problems = problems_of(write(tmp_path, "kode,nama,komponem\nTU,Tata Usaha,I\n"))
    assert [line for line, _ in problems] == [1]
    assert "komponem" in problems[0][1]


def test_duplicate_code_gives_line_numbers(tmp_path: Path) -> None:
    text = "kode,nama\nTU,Tata Usaha\nLANTAS,Lalu Lintas\nTU,Tata Usaha lagi\ntu,lagi\n"
    assert problems_of(write(tmp_path, text)) == [
        (4, "duplicate code 'TU' (line 2)"),
        (5, "code gives the same file as 'TU' (line 2)"),
    ]


def test_unknown_component_and_indicator(tmp_path: Path, small_plan: Plan) -> None:
    text = (
        "kode;nama;komponen;indikator\nTU;Tata Usaha;I;\nX;Seksi X;II;\nY;Seksi Y;;I.1.a, I.9.z\n"
    )
    assert problems_of(write(tmp_path, text), small_plan) == [
        (3, "unknown component 'II'"),
        (4, "unknown indicator 'I.9.z'"),
    ]


def test_line_numbers_count_quoted_newlines(tmp_path: Path, small_plan: Plan) -> None:
    text = 'kode,nama,komponen\nTU,"Tata\nUsaha",I\nX,Seksi X,VII\n'
    assert problems_of(write(tmp_path, text), small_plan) == [(4, "unknown component 'VII'")]


def test_every_problem_is_reported_at_once(tmp_path: Path, small_plan: Plan) -> None:
    text = "kode,nama,komponen\n,Tanpa Kode,I\nTU,,IX\nTU,Tata Usaha,I\n"
    problems = problems_of(write(tmp_path, text), small_plan)
    assert [line for line, _ in problems] == [2, 3, 3, 4]


def test_empty_file(tmp_path: Path) -> None:
    assert problems_of(write(tmp_path, "")) == [(1, "the file is empty")]
    assert problems_of(write(tmp_path, "kode,nama\n")) == [
        (2, "no units: add one line per unit kerja below the header")
    ]


def test_bad_encoding_names_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, "kode,nama\nTU,Tata Usaha\nX,Seksi Pengawasan ü\n", encoding="cp1252")
    problems = problems_of(path)
    assert problems[0][0] == 3
    assert "UTF-8" in problems[0][1]


def test_assigned_rows(small_plan: Plan) -> None:
    assert assigned_rows(small_plan, Unit("A", "a")) == [
        "I.1.a",
        "I.1.b",
        "I.2.a",
        "III.1.a",
        "III.1.b",
    ]
    assert assigned_rows(small_plan, Unit("A", "a", ("III",))) == ["III.1.a", "III.1.b"]
    both = Unit("A", "a", ("III",), ("I.2.a",))
    assert assigned_rows(small_plan, both) == ["I.2.a", "III.1.a", "III.1.b"]


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("TU", "TU"),
        ("TU/1", "TU-1"),
        ("Seksi Lalu Lintas", "Seksi-Lalu-Lintas"),
        ("Åkses:ü", "Akses-u"),
        ("../../etc", "etc"),
        ("CON", "CON"),
    ],
)
def test_safe_filename(code: str, expected: str) -> None:
    assert safe_filename(code) == expected


def test_safe_filename_of_nothing_usable_is_stable() -> None:
    name = safe_filename("???")
    assert name.startswith("unit-") and name == safe_filename("???")
    assert name != safe_filename("***")


# --- strict quoting: a stray quote never swallows the units after it ---------------------------


def test_an_unclosed_quote_is_reported_and_the_other_units_still_read(tmp_path: Path) -> None:
    # csv would read lines 2-4 as one unit whose name is 'Tata Usaha;I\nLANTAS;...'.
    text = 'kode;nama;komponen\nTU;"Tata Usaha;I\nLANTAS;Lalu Lintas;II\nWASDAK;;III\n'
    assert problems_of(write(tmp_path, text)) == [
        (2, 'a quote (") opened here is never closed: the rest of the file would become one cell'),
        (4, "nama is empty"),  # the lines after the quote are still read
    ]


def test_a_quote_closed_lines_later_is_reported(tmp_path: Path) -> None:
    text = 'kode,nama\nTU,"Tata Usaha\nLANTAS,Lalu Lintas\nWASDAK,"Pengawasan"\n'
    problems = problems_of(write(tmp_path, text))
    assert problems[0] == (
        2,
        'the quote (") opened here closes only on line 4: lines 2 to 4 would become one cell',
    )


def test_text_after_a_closing_quote_is_reported(tmp_path: Path) -> None:
    text = 'kode,nama\nTU,"Tata" Usaha\nLANTAS,Lalu Lintas\n'
    assert problems_of(write(tmp_path, text)) == [
        (2, 'text after a closing quote (") in the same cell')
    ]


def test_quotes_as_excel_writes_them_are_read(tmp_path: Path) -> None:
    # Doubled quotes inside a quoted cell, a quoted delimiter, spaces after a closing quote,
    # a quoted line break (Alt+Enter), a quote inside an unquoted cell, CR-only line ends.
    text = (
        'kode;nama;komponen\r"TU";"Seksi ""A""; Umum"  ;I\r'
        'LANTAS;"Lalu\rLintas";\rWASDAK;Seksi "B";\r'
    )
    assert load_units(write(tmp_path, text)) == [
        Unit("TU", 'Seksi "A"; Umum', ("I",)),
        Unit("LANTAS", "Lalu\rLintas"),
        Unit("WASDAK", 'Seksi "B"'),
    ]


def test_an_unclosed_quote_in_the_header(tmp_path: Path) -> None:
    assert problems_of(write(tmp_path, 'kode,"nama\nTU,Tata Usaha\n'))[0][0] == 1
