"""Shared fixtures: the embedded plan, a small plan built in code, and generated forms.

``small_plan`` forms are written with FAKE_LKE (a fixed, tiny LKE model) so their content does
not change when the real LKE data (rkt_excel/lke.py) changes; golden snapshots rely on that.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from rkt_excel.errors import ModelError
from rkt_excel.template import Plan, default_template_path, load_template


@dataclass(frozen=True)
class FakeQuestion:
    """A stand-in for rkt_excel.lke.Question with the fields the writer uses."""

    id: str
    text: str
    answer_type: str
    criteria: str = ""
    options: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None


@dataclass(frozen=True)
class FakeModel:
    """A stand-in LKE model: ``question(qid)`` and ``has_question(qid)``."""

    id: str
    questions: dict[str, FakeQuestion]

    def has_question(self, qid: str) -> bool:
        return qid in self.questions

    def question(self, qid: str) -> FakeQuestion:
        try:
            return self.questions[qid]
        except KeyError:
            raise ModelError(f"unknown LKE question {qid!r} in {self.id}") from None


FAKE_LKE = FakeModel(
    "fake-lke",
    {
        "Q1": FakeQuestion(
            "Q1",
            "Apakah tim kerja telah dibentuk?",
            "yn",
            "Ya: SK tim kerja ada.\nTidak: belum ada SK.",
            ("Ya", "Tidak"),
        ),
        "Q2": FakeQuestion(
            "Q2",
            "Apakah rencana kerja telah disusun?",
            "abc",
            "a. seluruhnya; b. sebagian; c. belum.",
            ("A", "B", "C"),
        ),
        "Q3": FakeQuestion("Q3", "Jumlah pegawai yang dilatih", "number"),
        "Q4": FakeQuestion(
            "Q4", "Tingkat keterlibatan pegawai", "abcde", "", ("A", "B", "C", "D", "E")
        ),
    },
)


def make_small_plan() -> Plan:
    """Two components, three sub-areas, five rows; LKE ids from FAKE_LKE; one row without."""
    data: dict[str, Any] = {
        "id": "kecil-2019",
        "version": "3",
        "title": "Rencana Kerja Tahunan Pembangunan Zona Integritas",
        "year": 2019,
        "regulation": "permenpanrb-52-2014",
        "created": dt.date(2019, 2, 18),
        "office": {
            "ministry": "KEMENTERIAN HUKUM DAN HAK ASASI MANUSIA",
            "region": "WILAYAH JAWA TENGAH",
            "name": "KANTOR UJI & COBA",
            "city": "Semarang",
        },
        "document": {"number": "W13-UJI-01", "title": "RKT ZONA INTEGRITAS KANTOR UJI 2019"},
        "legal_basis": ["Peraturan Menteri PANRB Nomor 52 Tahun 2014"],
        "priority_targets": ["Pembentukan Tim Zona Integritas", "Penyusunan RKT"],
        "signatories": [
            {"role": "Penanggung Jawab", "name": "Budi Santoso", "nip": "196509031985031001"},
            {"role": "Ketua", "position": "Kepala Subbagian", "name": "Siti Aminah"},
        ],
        "components": [
            {
                "id": "I",
                "name": "Manajemen Perubahan",
                "title": "MANAJEMEN PERUBAHAN",
                "subareas": [
                    {
                        "no": 1,
                        "name": "Tim Kerja",
                        "indicators": [
                            {
                                "id": "I.1.a",
                                "indicator": "SK Tim Kerja ZI telah dibuat",
                                "actions": ["Memilih anggota tim", "Menetapkan SK"],
                                "evidence": ["SK Tim Kerja"],
                                "target": "Januari 2019",
                                "lke": "Q1",
                            },
                            {
                                "id": "I.1.b",
                                "indicator": "=SUM(A1) bukan rumus, hanya teks",
                                "actions": ["Menyusun RKT"],
                                "evidence": ["Dokumen RKT", "Daftar hadir"],
                                "target": "Februari – Desember 2019",
                                "lke": "Q2",
                            },
                        ],
                    },
                    {
                        "no": 2,
                        "name": "Pemantauan",
                        "indicators": [
                            {
                                "id": "I.2.a",
                                "indicator": "Monev dilakukan berkala",
                                "actions": ["Rapat evaluasi"],
                                "evidence": ["Notulen"],
                                "target": "Juni, Desember 2019",
                                "lke_note": "tidak ada pertanyaan LKE yang sesuai",
                            }
                        ],
                    },
                ],
            },
            {
                "id": "III",
                "name": "Penataan Sistem Manajemen SDM",
                "subareas": [
                    {
                        "no": 1,
                        "name": "Pengembangan pegawai",
                        "indicators": [
                            {
                                "id": "III.1.a",
                                "indicator": "Pegawai mengikuti pelatihan",
                                "actions": ["Mengirim pegawai ke diklat"],
                                "evidence": ["Sertifikat"],
                                "target": "Maret 2019",
                                "lke": "Q3",
                            },
                            {
                                "id": "III.1.b",
                                "indicator": "Pegawai terlibat",
                                "actions": ["Apel"],
                                "evidence": ["Foto"],
                                "target": "Januari s/d Desember 2019",
                                "lke": "Q4",
                            },
                        ],
                    }
                ],
            },
        ],
    }
    return Plan.model_validate(data)


@pytest.fixture
def fake_lke(monkeypatch: pytest.MonkeyPatch) -> FakeModel:
    """Make the writer use FAKE_LKE whatever the plan's regulation."""
    import rkt_excel.generate.book as generate

    monkeypatch.setattr(generate, "load_model", lambda regulation: FAKE_LKE)
    return FAKE_LKE


@pytest.fixture
def small_plan(fake_lke: FakeModel) -> Plan:
    """A small plan built in code (written with FAKE_LKE)."""
    return make_small_plan()


@pytest.fixture(scope="session")
def embedded_plan() -> Plan:
    """The embedded 2019 plan of Kanim Semarang (skipped until it exists)."""
    if not default_template_path().exists():
        pytest.skip("the embedded plan rkt_excel/data/plan-2019-kanim-semarang.yaml is missing")
    return load_template()


@pytest.fixture
def small_workbook(small_plan: Plan, tmp_path: Path) -> Path:
    """The standard workbook of the small plan."""
    from rkt_excel.generate import generate_workbook

    return generate_workbook(small_plan, tmp_path / "rkt.xlsx")


@pytest.fixture
def small_forms(small_plan: Plan, tmp_path: Path) -> Iterator[dict[str, Path]]:
    """Forms of the small plan for three units: by component, by indicator, and unassigned."""
    from rkt_excel.generate import distribute_forms
    from rkt_excel.units import Unit

    units = [
        Unit("TU", "Subbagian Tata Usaha", components=("I",)),
        Unit("LANTAS", "Seksi Lalu Lintas Keimigrasian", indicators=("III.1.b", "I.2.a")),
        Unit("WASDAK", "Seksi Pengawasan dan Penindakan Keimigrasian"),
    ]
    paths = distribute_forms(small_plan, units, tmp_path / "forms")
    yield {u.code: p for u, p in zip(units, paths, strict=True)}
