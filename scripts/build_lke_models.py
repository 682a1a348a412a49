"""Build rkt_excel/data/lke-*.yaml from the derived LKE tables (developer tool, not shipped).

Reads the CSVs of shared/lke-data (see SOURCES.md there) and writes the two scoring models.
The YAML files are committed; run this again only when the sources change, then review the diff.

    python scripts/build_lke_models.py [--src shared/lke-data] [--out rkt_excel/data]

``--src`` is the team's shared LKE data folder (its SOURCES.md names each file's origin),
relative to the current folder unless given.
"""

from __future__ import annotations

import argparse
import csv
import difflib
import re
from pathlib import Path
from typing import Any

import yaml

S_REG90 = "PermenPANRB 90/2021 Lampiran III (LKE)"
S_XLSX90 = "LKE ZI Excel (axxpxmd/zona_integritas, form kuesioner.xlsx)"
S_TAB6 = "PermenPANRB 90/2021 Bab IV / Tabel 6 (p. 52-53, 58)"
S_REG52 = "PermenPANRB 52/2014"
S_KUMHAM = "Kemenkumham 2019 (Kepmenkumham M.HH-07.OT.03.01 Tahun 2019 via SIAP ZI, Kanwil Jatim)"

AREA_NAMES = {
    1: "Manajemen Perubahan",
    2: "Penataan Tatalaksana",
    3: "Penataan Sistem Manajemen SDM Aparatur",
    4: "Penguatan Akuntabilitas",
    5: "Penguatan Pengawasan",
    6: "Peningkatan Kualitas Pelayanan Publik",
}
# Names the ministry worksheet spells differently from the regulation: the regulation's name.
# PermenPANRB 52/2014 calls sub-area I.3 "Pemantauan dan Evaluasi Pembangunan Zona Integritas";
# the Kemenkumham 2019 worksheet has "Pemantauan dan Evaluasi Pembukaan WBK / WBBM".
REGULATION_NAMES: dict[str, str] = {
    "Pemantauan dan Evaluasi Pembukaan WBK / WBBM": (
        "Pemantauan dan Evaluasi Pembangunan Zona Integritas"
    ),
}
ROMAN = ["I", "II", "III", "IV", "V", "VI"]
TYPE_OF = {
    "Ya/Tidak": "yn",
    "A/B/C": "abc",
    "A/B/C/D": "abcd",
    "A/B/C/D/E": "abcde",
}
ANSWER_TYPES: dict[str, Any] = {
    "yn": {
        "options": ["Ya", "Tidak"],
        "values": [1, 0],
        "source": f"{S_XLSX90}: Nilai formula",
    },
    "abc": {
        "options": ["A", "B", "C"],
        "values": [1, 0.5, 0],
        "source": f"{S_XLSX90}: Nilai formula",
    },
    "abcd": {
        "options": ["A", "B", "C", "D"],
        "values": [1, 0.67, 0.33, 0],
        "source": f"{S_XLSX90}: Nilai formula (rounded constants 0.67/0.33, not 2/3 and 1/3)",
    },
    "abcde": {
        "options": ["A", "B", "C", "D", "E"],
        "values": [1, 0.75, 0.5, 0.25, 0],
        "source": f"{S_XLSX90}: Nilai formula",
    },
}

# Reform ratio items of 90/2021: which Jumlah input is the numerator, which the denominator.
# Keyed by item id; inputs are listed in sheet order as (role, text). Roles: num, den, prev, cur,
# info (required by the sheet's "Blm Diisi" test but not used in the ratio).
RATIOS: dict[str, dict[str, Any]] = {
    "R.1.i.a": {
        "rule": "share",
        "inputs": [("den", "Jumlah Agen Perubahan"), ("num", "Jumlah Perubahan yang dibuat")],
    },
    "R.1.i.b": {
        "rule": "share",
        "inputs": [
            ("den", "Jumlah Perubahan yang dibuat"),
            ("num", "Jumlah Perubahan yang telah diintegrasikan dalam sistem manajemen"),
        ],
    },
    "R.3.iii.a": {
        "rule": "decrease",
        "inputs": [
            ("prev", "Jumlah pelanggaran tahun sebelumnya"),
            ("cur", "Jumlah pelanggaran tahun ini"),
            ("info", "Jumlah pelanggaran yang telah diberikan sanksi/hukuman"),
        ],
    },
    "R.4.i.a": {
        "rule": "share",
        "inputs": [
            ("den", "Jumlah Sasaran Kinerja"),
            ("num", "Jumlah Sasaran Kinerja yang tercapai 100% atau lebih"),
        ],
    },
    "R.5.ii.a": {
        "rule": "share",
        "inputs": [
            ("den", "Jumlah pengaduan masyarakat yang harus ditindaklanjuti"),
            ("info", "Jumlah pengaduan masyarakat yang sedang diproses"),
            ("num", "Jumlah pengaduan masyarakat yang selesai ditindaklanjuti"),
        ],
    },
    "R.5.iii.a": {
        "rule": "share",
        "inputs": [
            ("den", "Jumlah yang harus melaporkan: Kepala satuan kerja"),
            ("den", "Jumlah yang harus melaporkan: Pejabat yang diwajibkan menyampaikan LHKPN"),
            ("den", "Jumlah yang harus melaporkan: Lainnya"),
            ("num", "Jumlah yang sudah melaporkan"),
        ],
    },
    "R.5.iii.b": {
        "rule": "share",
        "inputs": [
            ("den", "Jumlah yang harus melaporkan: Pejabat administrator (eselon III)"),
            ("den", "Jumlah yang harus melaporkan: Pejabat pengawas (eselon IV)"),
            ("den", "Jumlah yang harus melaporkan: Fungsional dan pelaksana"),
            ("num", "Jumlah yang sudah melaporkan"),
        ],
    },
    "R.6.i.b": {
        "rule": "share",
        "inputs": [
            ("den", "Jumlah perijinan/pelayanan yang terdata/terdaftar"),
            ("num", "Jumlah perijinan/pelayanan yang telah dipermudah"),
        ],
    },
}
RATIO_NOTES = {
    "share": "min(1, pembilang / penyebut) as in the LKE sheet; a zero denominator gives #DIV/0! "
    "in the sheet; here it counts 0 (certainty: uncertain).",
    "decrease": "both years 0 -> 1; else max(0, (sebelumnya - ini) / sebelumnya) as in the LKE "
    "sheet; last year 0 and this year > 0 gives #DIV/0! in the sheet; here it counts 0 "
    "(certainty: uncertain).",
}


def clean(text: str) -> str:
    """Collapse runs of spaces (not newlines: the criteria a/b/c are one per line)."""
    lines = [" ".join(line.split()) for line in text.replace("\r", "").split("\n")]
    return "\n".join(line for line in lines if line)


def label_of(raw: str) -> str:
    return raw.strip().strip(".").strip("()").strip()


def build_90(src: Path) -> dict[str, Any]:
    rows = list(csv.DictReader((src / "lke_permenpanrb_90_2021_items_derived.csv").open()))
    sub_areas: list[dict[str, Any]] = []
    by_id: dict[str, dict[str, Any]] = {}
    hasil_rows = []
    for row in rows:
        half_raw = row["sub_komponen"]
        if not (half_raw.startswith("I. PEMENUHAN") or half_raw.startswith("II. REFORM")):
            hasil_rows.append(row)
            continue
        half = "P" if "PEMENUHAN" in half_raw else "R"
        area_no = int(row["area"].split(".")[0])
        sa_label, _, sa_name = row["sub_area"].strip().partition(" ")
        sa_name = REGULATION_NAMES.get(" ".join(sa_name.split()), sa_name)
        sa_label = label_of(sa_label)
        sa_weight = float(row["sub_area_bobot"])
        if half == "R" and area_no == 5 and "Harta Kekayaan" in row["sub_area"]:
            # LHKPN (i) and LHKASN (ii) are two parts of sub-area iii (bobot 2 = 1 + 1).
            sa_label, sa_name, sa_weight = "iii", "Penyampaian Laporan Harta Kekayaan", 2.0
        sa_id = f"{half}.{area_no}.{sa_label}"
        if sa_id not in by_id:
            sa = {
                "id": sa_id,
                "half": half,
                "area": ROMAN[area_no - 1],
                "label": sa_label,
                "name": " ".join(sa_name.split()),
                "weight": sa_weight,
                "source": f"{S_REG90}; {S_XLSX90} row {row['row']}",
                "certainty": "confirmed",
                "items": [],
            }
            by_id[sa_id] = sa
            sub_areas.append(sa)
        sa = by_id[sa_id]
        if row["kind"] == "input_jumlah":
            continue  # the inputs are generated from RATIOS below
        items = sa["items"]
        label = label_of(row["item"])
        if not label or label == "-":
            label = chr(ord("a") + len(items))
        item_id = f"{sa_id}.{label}"
        item: dict[str, Any] = {
            "id": item_id,
            "label": label,
            "text": clean(row["pertanyaan"]),
            "criteria": clean(row["penjelasan"]),
        }
        if row["jenis_jawaban"] == "%":
            spec = RATIOS[item_id]
            item["answer_type"] = "ratio"
            item["rule"] = spec["rule"]
            item["inputs"] = [
                {"id": f"{item_id}.j{n}", "role": role, "text": text}
                for n, (role, text) in enumerate(spec["inputs"], start=1)
            ]
            item["note"] = RATIO_NOTES[spec["rule"]]
            if item_id.startswith("R.5.iii."):
                item["note"] += (
                    " The total 'Jumlah yang harus melaporkan' is the sum of its three parts, "
                    "as in the Lampiran III example (3 = 1 + 1 + 1)."
                )
        else:
            item["answer_type"] = TYPE_OF[row["jenis_jawaban"]]
        items.append(item)
    lhk = by_id["R.5.iii"]
    lhk["note"] = (
        "Regulation: LHKPN (bobot 1) + LHKASN (bobot 1) = 2; modelled as "
        "AVERAGE(LHKPN%, LHKASN%) x 2, which equals the regulation's sum when both are "
        "answered. The LKE sheet's formula "
        "AVERAGE(L176:L179)*H175 ignores LHKASN (it averages the LHKPN value with the LHKPN "
        "ratio); we follow the regulation."
    )
    lhk["source"] = f"{S_REG90} (LHKPN 1,00 + LHKASN 1,00); {S_XLSX90} rows 175-189"

    hasil = [
        {
            "id": "bersih",
            "name": "Birokrasi yang Bersih dan Akuntabel",
            "weight": 22.5,
            "source": f"{S_REG90}; PermenPANRB 90/2021 Tabel 4",
            "items": [
                {
                    "id": "H.IPAK",
                    "text": "Nilai Survei Persepsi Korupsi (Survei Eksternal)",
                    "answer_type": "score",
                    "max": 4,
                    "weight": 17.5,
                    "criteria": clean(hasil_rows[0]["penjelasan"]),
                    "note": "nilai = skor survei (0-4) / 4 x 17,5",
                    "source": f"{S_REG90}; {S_XLSX90} row 202 (=K202/4*H202)",
                },
                {
                    "id": "H.CAPAIAN",
                    "text": "Capaian Kinerja Lebih Baik dari pada Capaian Kinerja Sebelumnya",
                    "answer_type": "abcde",
                    "weight": 5,
                    "criteria": clean(hasil_rows[1]["penjelasan"]),
                    "note": "nilai = nilai jawaban A-E x 5",
                    "source": f"{S_REG90}; {S_XLSX90} row 203",
                },
            ],
        },
        {
            "id": "pelayanan",
            "name": "Pelayanan Publik yang Prima",
            "weight": 17.5,
            "source": f"{S_REG90}; PermenPANRB 90/2021 Tabel 4",
            "items": [
                {
                    "id": "H.IPKP",
                    "text": "Nilai Persepsi Kualitas Pelayanan (Survei Eksternal)",
                    "answer_type": "score",
                    "max": 4,
                    "weight": 17.5,
                    "criteria": clean(hasil_rows[2]["penjelasan"]),
                    "note": "nilai = skor survei (0-4) / 4 x 17,5",
                    "source": f"{S_REG90}; {S_XLSX90} row 205 (=K205/4*H205)",
                },
            ],
        },
    ]
    areas = []
    for n in range(1, 7):
        halves = {
            h: sum(s["weight"] for s in sub_areas if s["half"] == h and s["area"] == ROMAN[n - 1])
            for h in ("P", "R")
        }
        areas.append(
            {
                "id": ROMAN[n - 1],
                "number": n,
                "name": AREA_NAMES[n],
                "weight": halves["P"] + halves["R"],
                "source": "PermenPANRB 90/2021 Tabel 3 and Lampiran III",
            }
        )
    area_min_note = (
        "Tabel 6 says 'bobot nilai minimal per area pengungkit'; whether an area means "
        "Pemenuhan + Reform together or each half is ambiguous. Checked both ways; the predikat "
        "uses whole areas (as the LKE app axxpxmd/zona_integritas does); the BPS app "
        "(aryasepta7901/EZonaIntegritas) checks each half."
    )
    thresholds = [
        {"predikat": "WBK", "target": "total", "min": 75, "source": S_TAB6},
        {"predikat": "WBK", "target": "pengungkit", "min": 40, "source": S_TAB6},
        {
            "predikat": "WBK",
            "target": "each-area",
            "min_share": 0.60,
            "source": S_TAB6,
            "certainty": "uncertain",
            "note": area_min_note,
        },
        {"predikat": "WBK", "target": "hasil:bersih", "min": 18.25, "source": S_TAB6},
        {
            "predikat": "WBK",
            "target": "H.IPAK",
            "min": 15.75,
            "source": S_TAB6,
            "note": "skor survei minimal 3,60",
        },
        {"predikat": "WBK", "target": "H.CAPAIAN", "min": 2.50, "source": S_TAB6},
        {
            "predikat": "WBK",
            "target": "hasil:pelayanan",
            "min": 14.00,
            "source": S_TAB6,
            "note": "skor survei minimal 3,20",
        },
        {"predikat": "WBBM", "target": "total", "min": 85, "source": S_TAB6},
        {"predikat": "WBBM", "target": "pengungkit", "min": 48, "source": S_TAB6},
        {
            "predikat": "WBBM",
            "target": "each-area",
            "min_share": 0.75,
            "source": S_TAB6,
            "certainty": "uncertain",
            "note": area_min_note,
        },
        {"predikat": "WBBM", "target": "hasil:bersih", "min": 19.50, "source": S_TAB6},
        {
            "predikat": "WBBM",
            "target": "H.IPAK",
            "min": 15.75,
            "source": S_TAB6,
            "note": "skor survei minimal 3,60",
        },
        {"predikat": "WBBM", "target": "H.CAPAIAN", "min": 3.75, "source": S_TAB6},
        {
            "predikat": "WBBM",
            "target": "hasil:pelayanan",
            "min": 15.75,
            "source": S_TAB6,
            "note": "skor survei minimal 3,60",
        },
    ]
    return {
        "id": "permenpanrb-90-2021",
        "title": "LKE Zona Integritas menuju WBK/WBBM (PermenPANRB 90/2021)",
        "regulation": "Peraturan Menteri PANRB Nomor 90 Tahun 2021 (diubah PermenPANRB 5/2024, "
        "yang hanya mengubah syarat pengusulan)",
        "source": f"{S_REG90}; {S_XLSX90}; lke-research.md sections 3.3, 4, 5, 6",
        "note": (
            "Pengungkit 60 (Pemenuhan 30 + Reform 30) + Hasil 40. Item value 0..1; sub-area "
            "nilai = AVERAGE(item values) x bobot. The WBBM prerequisite 'telah mendapatkan "
            "predikat Menuju WBK' is a status, not a score, and is not checked."
        ),
        "scoring": "average",
        "answer_types": {
            **ANSWER_TYPES,
            "number": {"min": 0, "source": f"{S_XLSX90}: data validation whole >= 0"},
            "score": {"min": 0, "max": 4, "source": f"{S_REG90}: Nilai (0-4)"},
        },
        "halves": [
            {"id": "P", "name": "Pemenuhan", "weight": 30, "source": S_REG90},
            {"id": "R", "name": "Reform", "weight": 30, "source": S_REG90},
        ],
        "areas": areas,
        "sub_areas": sub_areas,
        "hasil": hasil,
        "thresholds": thresholds,
    }


def _norm(text: str) -> str:
    text = re.sub(r"^[a-h]\.\s*", "", text.lower())
    text = re.sub(r"\bapakah\b", "", text)
    return " ".join(re.sub(r"[^a-z0-9 ]", " ", text).split())


# 52/2014 questions whose best text match in 90/2021 Pemenuhan is wrong or missing (by CSV no).
COUNTERPART_OVERRIDE: dict[int, str | None] = {58: "P.5.iii.b", 50: None, 61: None, 72: None}
NO_COUNTERPART_TYPE = {50: "abc", 61: "yn", 72: "yn"}


def build_52(src: Path, model90: dict[str, Any]) -> dict[str, Any]:
    rows = list(
        csv.DictReader((src / "lke_permenpanrb_52_2014_kemenkumham2019_items_derived.csv").open())
    )
    p_items = [
        (sa, item) for sa in model90["sub_areas"] if sa["half"] == "P" for item in sa["items"]
    ]
    p_by_id = {item["id"]: item for _, item in p_items}
    areas: list[dict[str, Any]] = []
    sub_areas: list[dict[str, Any]] = []
    area_of: dict[str, dict[str, Any]] = {}
    sa_of: dict[tuple[str, str], dict[str, Any]] = {}
    for row in rows:
        roman, _, area_name = row["area"].partition(". ")
        if roman not in area_of:
            area = {
                "id": roman,
                "number": ROMAN.index(roman) + 1,
                "name": area_name.strip(),
                "weight": float(row["area_bobot_persen"]),
                "source": f"{S_REG52} Bab II (tabel bobot komponen pengungkit)",
            }
            area_of[roman] = area
            areas.append(area)
        key = (roman, row["sub_komponen"])
        if key not in sa_of:
            ordinal = sum(1 for k in sa_of if k[0] == roman) + 1
            sa = {
                "id": f"{roman}.{ordinal}",
                "half": "",
                "area": roman,
                "label": str(ordinal),
                "name": REGULATION_NAMES.get(
                    " ".join(row["sub_komponen"].split()), " ".join(row["sub_komponen"].split())
                ),
                "weight": float(row["sub_komponen_nilai"]),
                "raw_weight": float(row["sub_komponen_nilai"]),
                "source": f"{S_KUMHAM}: nomorsoal.nilai (same numbers in a KPPN app, 2018)",
                "certainty": "uncertain",
                "note": "Kemenkumham sub-weight; whether it is the official LKE weight is not "
                "confirmed by any source.",
                "items": [],
            }
            sa_of[key] = sa
            sub_areas.append(sa)
        sa = sa_of[key]
        text = clean(row["pertanyaan"])
        m = re.match(r"^([a-h])\.\s*", text)
        letter = m.group(1) if m else "a"
        qid = f"{sa['id']}.{letter}"
        no = int(row["no"])
        if no in COUNTERPART_OVERRIDE:
            counterpart = COUNTERPART_OVERRIDE[no]
        else:
            area_no = ROMAN.index(roman) + 1
            cands = [i for s, i in p_items if s["id"].startswith(f"P.{area_no}.")]
            best = max(
                cands,
                key=lambda i: difflib.SequenceMatcher(None, _norm(text), _norm(i["text"])).ratio(),
            )
            counterpart = best["id"]
        text = text[m.end() :] if m else text  # the letter is the label, not part of the text
        item: dict[str, Any] = {"id": qid, "label": letter, "text": text}
        if counterpart:
            other = p_by_id[counterpart]
            item["answer_type"] = other["answer_type"]
            item["criteria"] = other["criteria"]
            item["counterpart"] = counterpart
            item["note"] = (
                f"Answer type and criteria taken from the matching 90/2021 Pemenuhan item "
                f"{counterpart} (the 52/2014 LKE scales were not found; 90/2021 says its "
                f"Pemenuhan questions are those of the previous LKE)."
            )
        else:
            item["answer_type"] = NO_COUNTERPART_TYPE[no]
            item["criteria"] = ""
            item["note"] = (
                "No counterpart in 90/2021; answer type assumed "
                f"({NO_COUNTERPART_TYPE[no]}), no criteria text in the sources."
            )
        item["certainty"] = "uncertain"
        item["petunjuk"] = clean(row["petunjuk_teknis_kemenkumham"].replace(" || ", "\n"))
        item["data_dukung"] = clean(row["data_dukung_kemenkumham"].replace(" || ", "\n"))
        sa["items"].append(item)
    # Scale sub-weights so each area carries its regulation weight (only area II needs it:
    # the Kemenkumham numbers sum to 4 there, the regulation says 5).
    for area in areas:
        mine = [s for s in sub_areas if s["area"] == area["id"]]
        raw = sum(s["raw_weight"] for s in mine)
        for s in mine:
            if abs(raw - area["weight"]) > 1e-9:
                s["weight"] = round(s["raw_weight"] * area["weight"] / raw, 6)
                s["note"] += (
                    f" Scaled x{area['weight']:g}/{raw:g} so that the area sums to its "
                    f"regulation weight {area['weight']:g} (Kemenkumham value {s['raw_weight']:g})."
                )
            del s["raw_weight"]
    # Give the 90/2021 Pemenuhan items the Kemenkumham data dukung of their 52/2014 counterpart.
    for sa in sub_areas:
        for item in sa["items"]:
            other_id = item.get("counterpart")
            if other_id and item["data_dukung"] and not p_by_id[other_id].get("data_dukung"):
                p_by_id[other_id]["data_dukung"] = item["data_dukung"]
                p_by_id[other_id]["data_dukung_source"] = (
                    f"{S_KUMHAM}, data dukung of the 52/2014 question {item['id']}"
                )
    hasil_note = (
        "The regulation gives 20 for the component; the 15 (IPAK) / 5 (TLHP) split is implied "
        "only by the minimums 13,5 and 3,5 (certainty: uncertain)."
    )
    hasil = [
        {
            "id": "bersih",
            "name": "Terwujudnya Pemerintahan yang Bersih dan Bebas KKN",
            "weight": 20,
            "source": f"{S_REG52} Bab II (indikator hasil)",
            "note": hasil_note,
            "items": [
                {
                    "id": "H.IPAK",
                    "text": "Nilai persepsi korupsi (survei eksternal)",
                    "answer_type": "score",
                    "max": 4,
                    "weight": 15,
                    "criteria": "Diisi dengan nilai hasil survei eksternal persepsi korupsi "
                    "(skala 0-4).",
                    "certainty": "uncertain",
                    "note": "Weight 15 and the 0-4 scale (nilai = skor / 4 x 15) are inferred.",
                    "source": S_REG52,
                },
                {
                    "id": "H.TLHP",
                    "text": "Persentase penyelesaian TLHP (tindak lanjut hasil pemeriksaan)",
                    "answer_type": "score",
                    "max": 100,
                    "weight": 5,
                    "criteria": "Diisi dengan persentase penyelesaian tindak lanjut hasil "
                    "pemeriksaan (0-100).",
                    "certainty": "uncertain",
                    "note": "Weight 5 and nilai = persen / 100 x 5 are inferred.",
                    "source": S_REG52,
                },
            ],
        },
        {
            "id": "pelayanan",
            "name": "Terwujudnya Peningkatan Kualitas Pelayanan Publik kepada Masyarakat",
            "weight": 20,
            "source": f"{S_REG52} Bab II (indikator hasil)",
            "items": [
                {
                    "id": "H.IPKP",
                    "text": "Nilai persepsi kualitas pelayanan (survei eksternal)",
                    "answer_type": "score",
                    "max": 4,
                    "weight": 20,
                    "criteria": "Diisi dengan nilai hasil survei eksternal persepsi kualitas "
                    "pelayanan (skala 0-4).",
                    "certainty": "uncertain",
                    "note": "The 0-4 scale (nilai = skor / 4 x 20) is inferred.",
                    "source": S_REG52,
                },
            ],
        },
    ]
    s_thr = f"{S_REG52} Bab III B.4 (penetapan WBK/WBBM)"
    thresholds = [
        {"predikat": "WBK", "target": "total", "min": 75, "source": s_thr},
        {"predikat": "WBK", "target": "hasil:bersih", "min": 18, "source": s_thr},
        {"predikat": "WBK", "target": "H.IPAK", "min": 13.5, "source": s_thr},
        {"predikat": "WBK", "target": "H.TLHP", "min": 3.5, "source": s_thr},
        {"predikat": "WBBM", "target": "total", "min": 85, "source": s_thr},
        {"predikat": "WBBM", "target": "hasil:bersih", "min": 18, "source": s_thr},
        {"predikat": "WBBM", "target": "H.IPAK", "min": 13.5, "source": s_thr},
        {"predikat": "WBBM", "target": "H.TLHP", "min": 3.5, "source": s_thr},
        {"predikat": "WBBM", "target": "hasil:pelayanan", "min": 16, "source": s_thr},
    ]
    return {
        "id": "permenpanrb-52-2014",
        "title": "LKE Zona Integritas menuju WBK/WBBM (PermenPANRB 52/2014, pertanyaan "
        "Kemenkumham 2019)",
        "regulation": "Peraturan Menteri PANRB Nomor 52 Tahun 2014",
        "source": f"{S_REG52}; {S_KUMHAM}; lke-research.md sections 3.1, 4.3, 5, 7.2",
        "note": (
            "Area weights, hasil weights and thresholds are from the regulation. The 81 "
            "questions and 23 sub-components are those used by Kemenkumham in 2019. The "
            "52/2014 LKE answer scales and aggregation were not found: this model uses the "
            "90/2021 scales of the matching Pemenuhan item and AVERAGE x sub-weight "
            "(certainty: uncertain)."
        ),
        "scoring": "average",
        "answer_types": {
            **ANSWER_TYPES,
            "number": {"min": 0, "source": "not used by this model"},
            "score": {"min": 0, "max": 4, "source": "inferred; TLHP uses 0-100 (see H.TLHP)"},
        },
        "halves": [],
        "areas": areas,
        "sub_areas": sub_areas,
        "hasil": hasil,
        "thresholds": thresholds,
    }


class _Dumper(yaml.SafeDumper):
    pass


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def write(model: dict[str, Any], out: Path) -> None:
    header = (
        f"# {model['title']}\n"
        "# Generated by scripts/build_lke_models.py from shared/lke-data; review diffs like code.\n"
    )
    text = yaml.dump(model, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
    (out / f"lke-{model['id']}.yaml").write_text(header + text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--src", type=Path, default=Path("shared/lke-data"))
    parser.add_argument("--out", type=Path, default=Path(__file__).parent.parent / "rkt_excel/data")
    args = parser.parse_args()
    m90 = build_90(args.src)
    m52 = build_52(args.src, m90)
    write(m90, args.out)
    write(m52, args.out)


if __name__ == "__main__":
    main()
