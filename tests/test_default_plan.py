"""The embedded default plan is a faithful transcription of the 2019 Kanim Semarang RKT seed.

The seed (../shared/seed relative to the repository) is parsed here independently of rkt_excel:
row counts, every indicator / action / evidence bullet and every target phrase must match the
plan, after the known page-break/OCR repairs listed below. Tests that need the seed or the LKE
CSV are skipped with a reason when those files are absent.
"""

from __future__ import annotations

import csv
import importlib.util
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml

from rkt_excel.schedule import parse_target
from rkt_excel.template import ItemList, Plan, check_template

HERE = Path(__file__).resolve()
PLAN_PATH = HERE.parents[1] / "rkt_excel" / "data" / "plan-2019-kanim-semarang.yaml"
# shared/ sits beside the repository (CI, the main checkout); RKT_SHARED points elsewhere (a
# worktree one level deeper).
SHARED = Path(os.environ.get("RKT_SHARED") or HERE.parents[2] / "shared")
SEED_PATH = SHARED / "seed" / "000_f1d98ce3822fb91a.txt"
LKE_CSV = SHARED / "lke-data" / "lke_permenpanrb_52_2014_kemenkumham2019_items_derived.csv"

ROMAN = ("I", "II", "III", "IV", "V", "VI")
CANONICAL_AREAS = (
    "Manajemen Perubahan",
    "Penataan Tatalaksana",
    "Penataan Sistem Manajemen SDM",
    "Penguatan Akuntabilitas Kinerja",
    "Penguatan Pengawasan",
    "Peningkatan Kualitas Pelayanan Publik",
)

# Data rows of the seed's RKT table per component (a row = a line whose INDIKATOR cell holds a
# list; the page-break continuation line 166 "haji / jemaah haji" is not a row).
SEED_ROWS = {"I": 7, "II": 6, "III": 14, "IV": 11, "V": 18, "VI": 12}
# Two seed rows hold two indicators each and are split into two plan rows:
#   II  line 81:  "SOP telah mengacu ... dipahami seluruh pegawai." + "SOP telah dievaluasi"
#   III line 107: "Pengukuran kinerja individu ..." + "Hasil penilaian kinerja individu ..."
SPLITS = {"II": 1, "III": 1}
PLAN_ROWS = {"I": 7, "II": 7, "III": 15, "IV": 11, "V": 18, "VI": 12}

# Seed text -> plan text for the page-break / typo repairs (everything else is verbatim).
REPAIRS = {
    # the word "pelayanan" was pushed to the next page (seed line 159)
    "Terdapat SOP bagi pelaksana standar": "Terdapat SOP bagi pelaksana standar pelayanan",
    "Dokumen SOP bagi pelaksana standar": "Dokumen SOP bagi pelaksana standar pelayanan",
    # "haji" / "jemaah haji" pushed to the next page (seed line 166)
    "Peningkatan kenyamanan layanan paspor bagi jemaah": (
        "Peningkatan kenyamanan layanan paspor bagi jemaah haji"
    ),
    "Peningkatan kenyamanan layanan paspor bagi": (
        "Peningkatan kenyamanan layanan paspor bagi jemaah haji"
    ),
    # month typo in TARGET WAKTU
    "Januar s/d Desember 2019": "Januari s/d Desember 2019",
}
# One seed row (line 81) has one action for two indicators: both plan rows carry it.
SHARED_ACTIONS = Counter({"Melakukan evaluasi terhadap dokumen SOP yang telah ada": 1})
# The fragments those repairs consume: any other continuation text means unrepaired damage.
CONTINUATIONS = Counter({"pelayanan": 2, "haji": 1, "jemaah haji": 1})
REPAIRED_ROWS = {"II.1.a", "II.1.b", "III.4.c", "III.4.d", "VI.1.c", "VI.2.e", "VI.3.a"}

_TAG = re.compile(r"<[^>]+>")
_ROW_ID = re.compile(r"^(I|II|III|IV|V|VI)\.([1-9][0-9]*)\.([a-z])$")


def _norm(text: str) -> str:
    """Strip HTML tags, collapse whitespace and drop a leading bullet marker ("•" or "-")."""
    s = " ".join(_TAG.sub(" ", text).split())
    return re.sub(r"^[•-]\s*", "", s)


def _repair(text: str) -> str:
    return REPAIRS.get(text, text)


@dataclass
class SeedComponent:
    rows: int = 0
    indicators: Counter[str] = field(default_factory=Counter)
    actions: Counter[str] = field(default_factory=Counter)
    evidence: Counter[str] = field(default_factory=Counter)
    targets: set[str] = field(default_factory=set)


@dataclass
class Seed:
    components: dict[str, SeedComponent]
    continuations: Counter[str]
    legal_basis: list[str]
    priority_targets: list[str]
    text: str


def _bullets(cell: str) -> list[str]:
    return [_repair(_norm(item)) for item in re.findall(r"<li>(.*?)</li>", cell, re.S)]


def _outside_lists(cell: str) -> list[str]:
    """Text of a cell that is not inside a list (page-break leftovers such as <p>pelayanan</p>)."""
    rest = _norm(re.sub(r"<ul.*?</ul>", " ", cell, flags=re.S))
    return [rest] if rest else []


def parse_seed(text: str) -> Seed:
    comps: dict[str, SeedComponent] = {}
    continuations: Counter[str] = Counter()
    current: SeedComponent | None = None
    for line in text.splitlines():
        cells = line.split("\t")
        if len(cells) != 6 or cells[0] == "NO":
            continue
        no, _komponen, indikator, aksi, bukti, target = cells
        head = _norm(no).split(" ")[0]
        if head in ROMAN and not indikator.strip():
            current = comps.setdefault(head, SeedComponent())
            continue
        assert current is not None, f"table row before a component heading: {line[:60]!r}"
        indicators = _bullets(indikator)
        if indicators:
            current.rows += 1
            for cell in (indikator, aksi, bukti):
                continuations.update(_outside_lists(cell))
        else:  # a row continued from the previous page: plain text, no lists
            for cell in (aksi, bukti):
                continuations.update(_outside_lists(cell))
            continue
        current.indicators.update(indicators)
        current.actions.update(_bullets(aksi) or _outside_lists(aksi))
        current.evidence.update(_bullets(bukti) or _outside_lists(bukti))
        phrases = re.findall(r"<p>(.*?)</p>", target) or [target]
        current.targets.update(_repair(_norm(p)) for p in phrases)
    legal = re.findall(r"^- [a-e]\. (.+)$", text.split("Dasar hukum", 1)[1].split("###")[0], re.M)
    prio_block = text.split("TARGET PRIORITAS", 1)[1]
    prio = [m.group(2).strip() for m in re.finditer(r"^(\d+)\t(.+)$", prio_block, re.M)]
    return Seed(comps, continuations, [s.strip() for s in legal], prio, text)


@pytest.fixture(scope="module")
def plan() -> Plan:
    data = yaml.safe_load(PLAN_PATH.read_text(encoding="utf-8"))
    return Plan.model_validate(data)


@pytest.fixture(scope="module")
def seed() -> Seed:
    if not SEED_PATH.is_file():
        pytest.skip(f"seed document not found at {SEED_PATH}")
    return parse_seed(SEED_PATH.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def lke_ids() -> set[str]:
    if not LKE_CSV.is_file():
        pytest.skip(f"LKE question list not found at {LKE_CSV}")
    ids: list[str] = []
    subs: dict[str, list[str]] = {}
    with LKE_CSV.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            area = row["area"].split(".", 1)[0].strip()
            names = subs.setdefault(area, [])
            if row["sub_komponen"] not in names:
                names.append(row["sub_komponen"])
            letter = re.match(r"^([a-z])\.\s", row["pertanyaan"].strip())
            ids.append(
                f"{area}.{names.index(row['sub_komponen']) + 1}.{letter[1] if letter else 'a'}"
            )
    assert len(ids) == 81 and len(set(ids)) == 81, "expected 81 distinct LKE questions"
    return set(ids)


def _plan_counter(plan: Plan, cid: str, attr: str) -> Counter[str]:
    comp = next(c for c in plan.components if c.id == cid)
    out: Counter[str] = Counter()
    for ind in comp.indicators:
        value = getattr(ind, attr)
        out.update(" ".join(v.split()) for v in ((value,) if isinstance(value, str) else value))
    return out


def _differences(plan: Plan, seed: Seed) -> list[str]:
    """Every bullet/target that differs between the seed and the plan, per component."""
    problems = []
    for cid, sc in seed.components.items():
        for attr, expected in (
            ("indicator", sc.indicators),
            ("actions", sc.actions),
            ("evidence", sc.evidence),
        ):
            got = _plan_counter(plan, cid, attr)
            if attr == "actions":
                got -= SHARED_ACTIONS
            problems += [f"{cid} {attr} missing from plan: {t!r}" for t in expected - got]
            problems += [f"{cid} {attr} not in seed: {t!r}" for t in got - expected]
        targets = set(_plan_counter(plan, cid, "target"))
        if targets != sc.targets:
            problems.append(f"{cid} targets differ: {sorted(targets ^ sc.targets)}")
    return problems


# --- the plan file on its own ------------------------------------------------------------


def test_components_are_the_six_areas_in_order(plan: Plan) -> None:
    assert [c.id for c in plan.components] == list(ROMAN)
    assert [c.name for c in plan.components] == list(CANONICAL_AREAS)
    # titles are the headings as printed: the seed's IV reads "PENGAKUAN AKUNTABILITAS"
    printed = [a.upper() for a in CANONICAL_AREAS]
    printed[3] = "PENGAKUAN AKUNTABILITAS"
    assert [c.title for c in plan.components] == printed


def test_row_counts_per_component(plan: Plan) -> None:
    assert {k: SEED_ROWS[k] + SPLITS.get(k, 0) for k in SEED_ROWS} == PLAN_ROWS
    assert {c.id: len(c.indicators) for c in plan.components} == PLAN_ROWS


def test_ids_are_unique_and_follow_the_pattern(plan: Plan) -> None:
    ids = [i.id for _, _, i in plan.indicators()]
    assert len(ids) == len(set(ids)) == sum(PLAN_ROWS.values())
    for comp in plan.components:
        assert [s.no for s in comp.subareas] == list(range(1, len(comp.subareas) + 1))
        for sub in comp.subareas:
            for n, ind in enumerate(sub.indicators):
                m = _ROW_ID.match(ind.id)
                assert m, ind.id
                assert (m[1], int(m[2]), m[3]) == (comp.id, sub.no, "abcdefghijklmnop"[n])


def test_every_target_parses_and_is_2019(plan: Plan) -> None:
    empty = []
    for _, _, ind in plan.indicators():
        parsed = parse_target(ind.target)
        assert parsed.year in (None, plan.year), ind.id
        if not ind.target:
            empty.append(ind.id)
    assert empty == ["III.3.a", "III.3.b"]  # empty in the seed, left empty


def test_cover_legal_basis_priorities_and_signatories(plan: Plan) -> None:
    assert plan.year == 2019 and plan.regulation == "permenpanrb-52-2014"
    assert plan.office.name == "KANTOR IMIGRASI KELAS I TPI SEMARANG"
    assert plan.document.number == "W13.IMI.IMI.1-PR.01.02- 0707 TAHUN 2019"
    assert len(plan.legal_basis) == 5
    assert plan.legal_basis[0].startswith("Undang-undang Nomor 28 Tahun 1999")
    assert plan.legal_basis[4].startswith("Keputusan Menteri Hukum dan Hak Asasi Manusia")
    assert len(plan.priority_targets) == 15
    assert plan.priority_targets[0] == "Pembentukan Tim Zona Integritas"
    signers = [(s.role, s.name, s.nip) for s in plan.signatories]
    assert signers == [
        ("Penanggung Jawab", "Filianto Akbar", "196509031985031001"),
        ("Ketua", "Siti Solikhah", "196402151987032001"),
    ]
    assert all(re.fullmatch(r"\d{18}", s.nip) for s in plan.signatories)
    assert plan.signing.team == "Tim Reformasi Birokrasi Kantor Imigrasi Kelas I TPI Semarang"
    assert (plan.signing.place, plan.signing.heading) == ("Semarang", "Mengetahui:")
    assert plan.document.cover[-1] == "TAHUN 2019" and len(plan.document.cover) == 4


def test_chapters_and_annex(plan: Plan) -> None:
    assert [(c.number, c.title, c.table) for c in plan.chapters] == [
        ("I", "PENDAHULUAN", False),
        ("II", "PROGRAM KERJA REFORMASI BIROKRASI", False),
        ("III", "RENCANA AKSI REFORMASI BIROKRASI", True),
        ("IV", "PENUTUP", False),
    ]
    bab1 = plan.chapters[0]
    assert [s.title for s in bab1.sections] == [
        "Latar Belakang", "Dasar hukum", "Maksud dan Tujuan", "Pengertian Umum"
    ]  # fmt: skip
    # Pengertian Umum: one paragraph, then items a-g (c joined across the page break)
    body = bab1.sections[3].body
    assert isinstance(body[0], str) and body[0].endswith("yang dimaksud dengan :")
    assert isinstance(body[1], ItemList) and len(body[1].items) == 7
    assert "program Manajemen Perubahan, Penataan Tatalaksana" in body[1].items[2]
    assert len(plan.chapters[3].body) == 2  # Penutup: two paragraphs
    (annex,) = plan.annexes
    assert annex.title[0] == "MEKANISME PEMBENTUKAN"
    assert isinstance(annex.body[0], ItemList) and annex.body[0].style == "1"
    assert len(annex.body[0].items) == 6
    assert plan.priority_title[0] == "DOKUMEN RENCANA KERJA TAHUNAN (RKT)"


def test_an_action_can_serve_two_indicators(plan: Plan) -> None:
    assert (
        plan.indicator("II.1.a").actions
        == plan.indicator("II.1.b").actions
        == ("Melakukan evaluasi terhadap dokumen SOP yang telah ada",)
    )


def test_repairs_are_recorded(plan: Plan) -> None:
    assert {i.id for _, _, i in plan.indicators() if i.repair} == REPAIRED_ROWS
    # the seed's "PENGAKUAN AKUNTABILITAS" heading is repaired (checked by the titles test)
    for _, _, ind in plan.indicators():
        assert ind.lke is not None or ind.lke_note, f"{ind.id}: lke null without lke_note"


def test_loads_with_load_template() -> None:
    if importlib.util.find_spec("rkt_excel.lke") is None:
        pytest.skip("rkt_excel.lke (the scoring models) is not written yet")
    problems = [p for p in check_template(PLAN_PATH) if p.field != "regulation"]
    assert problems == []


# --- against the seed ----------------------------------------------------------------------


def test_seed_row_counts(seed: Seed) -> None:
    assert {k: v.rows for k, v in seed.components.items()} == SEED_ROWS


def test_seed_damage_is_exactly_the_known_damage(seed: Seed) -> None:
    assert seed.continuations == CONTINUATIONS


def test_every_seed_bullet_and_target_is_in_the_plan(plan: Plan, seed: Seed) -> None:
    assert _differences(plan, seed) == []


def test_difference_check_can_fail(plan: Plan, seed: Seed) -> None:
    data = plan.model_dump()
    ind = data["components"][0]["subareas"][0]["indicators"][0]
    ind["actions"] = ind["actions"][1:]
    ind["target"] = "Maret 2019"
    broken = Plan.model_validate(data)
    problems = _differences(broken, seed)
    assert any("actions missing from plan" in p for p in problems)
    assert any("I targets differ" in p for p in problems)


def test_cover_matches_seed(plan: Plan, seed: Seed) -> None:
    assert plan.legal_basis == tuple(seed.legal_basis)
    assert plan.priority_targets == tuple(seed.priority_targets)
    assert plan.document.number in seed.text
    for s in plan.signatories:
        assert f"{s.name}  \nNIP.{s.nip}" in seed.text
        assert f"{s.role}," in seed.text


def test_lke_ids_are_known_questions(plan: Plan, lke_ids: set[str]) -> None:
    for comp, _, ind in plan.indicators():
        if ind.lke is None:
            continue
        assert ind.lke in lke_ids, f"{ind.id}: unknown LKE question {ind.lke}"
        assert ind.lke.split(".")[0] == comp.id, f"{ind.id}: LKE {ind.lke} is in another area"


def _seed_outside_table(text: str) -> list[str]:
    """Every non-empty line of the seed outside the two tables, without its markdown marks,
    list letters and numbers."""
    pieces = []
    for line in text.splitlines():
        if "\t" in line or not line.strip():
            continue
        s = re.sub(r"[*#]", "", line).strip()
        s = re.sub(r"^- [a-z]\. |^\d\. ", "", s)
        if s:
            pieces.append(" ".join(s.split()))
    return pieces


def _plan_text(plan: Plan) -> str:
    """The plan's document text as a reader sees it printed (independent of rkt_excel)."""
    out = [plan.office.ministry, plan.office.region, plan.office.name, plan.document.number]
    out += plan.document.cover

    def blocks(body: tuple[str | ItemList, ...]) -> None:
        for block in body:
            out.extend(block.items if isinstance(block, ItemList) else [block])

    for chapter in plan.chapters:
        out.append(f"BAB {chapter.number} {chapter.title}")
        blocks(chapter.body)
        for section in chapter.sections:
            out.append(f"{section.number}. {section.title}")
            blocks(section.body)
    sg = plan.signing
    assert sg.date is not None
    out += [f"{sg.place}, {sg.date.day} Februari {sg.date.year}", sg.team, sg.heading]
    for person in sg.signatories:
        out += [f"{person.role},", person.name, f"NIP.{person.nip}"]
    for annex in plan.annexes:
        out += annex.title
        blocks(annex.body)
    out += plan.priority_title
    return " ".join(" ".join(t.split()) for t in out)


def test_every_seed_paragraph_outside_the_table_is_in_the_plan(plan: Plan, seed: Seed) -> None:
    pieces = _seed_outside_table(seed.text)
    assert len(pieces) > 60
    corpus = _plan_text(plan)
    missing = [p for p in pieces if p not in corpus]
    assert missing == []
    # and the check can fail: a dropped paragraph is found
    data = plan.model_dump()
    data["chapters"][3]["body"] = data["chapters"][3]["body"][:1]
    broken = _plan_text(Plan.model_validate(data))
    assert [p for p in pieces if p not in broken] == [
        " ".join(re.sub(r"[*#]", "", seed.text.splitlines()[176]).split())
    ]
