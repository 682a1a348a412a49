"""The komponen hasil inputs: the survey values and the other hasil figures a recap carries
(respondents, services covered, survey period, report link, TLHP, capaian kinerja), and their
checks.

Owns the Hasil sheet's layout shared by its writer (recap/hasil_sheet.py) and the reader of a
returned recap (recap/read_review.py): the sheet name, the key and value columns, the fields
and how a typed value is read; and the checks: the ZI survey scale (0–4: a 0–5 or 0–100
looking value names the likely confusion) and the sample size (at least 30 respondents per
unit, PermenPANRB 90/2021 Bab IV; not fewer respondents than services covered). Pure: no I/O,
no spreadsheet library; problems are Issues.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from rkt_excel.catalogue import Text
from rkt_excel.issues import Issue
from rkt_excel.lke import LkeModel, Question
from rkt_excel.normalize import is_empty, parse_number

SHEET_HASIL = "Hasil"
KEY_COL, LABEL_COL, VALUE_COL = 0, 1, 2  # 0-based: the key (stable id), the label, the input
HEADER_ROW = 3  # 0-based; the fields follow from the next row
SURVEY_MAX = 4.0  # the ZI survey indices (IPAK, IPKP) run 0-4
MIN_RESPONDENTS = 30  # PermenPANRB 90/2021 Bab IV C.2.d: at least 30 respondents per unit

INTEGER, PERCENT, TEXT = "integer", "percent", "text"


@dataclass(frozen=True)
class InfoField:
    """A hasil figure the recap carries that is not an LKE input of the model."""

    key: str
    label: str
    kind: str  # INTEGER, PERCENT or TEXT


RESPONDENTS = InfoField("responden", "Jumlah responden survei", INTEGER)
SERVICES = InfoField("layanan", "Jumlah jenis layanan yang disurvei", INTEGER)
PERIOD = InfoField("periode", "Periode survei", TEXT)
REPORT_LINK = InfoField("tautan_laporan", "Tautan laporan survei", TEXT)
TLHP = InfoField("tlhp", "Penyelesaian tindak lanjut hasil pemeriksaan APIP/BPK (TLHP, %)", PERCENT)
CAPAIAN = InfoField("capaian_kinerja", "Capaian kinerja (% sasaran kinerja tercapai)", PERCENT)


def info_fields(model: LkeModel) -> tuple[InfoField, ...]:
    """The figures of the Hasil sheet besides the model's hasil inputs: TLHP only where the
    model does not score it (90/2021 makes it a proposal requirement), capaian kinerja only
    where the model has no capaian input (52/2014)."""
    fields = [RESPONDENTS, SERVICES, PERIOD, REPORT_LINK]
    if "H.TLHP" not in model.questions:
        fields.append(TLHP)
    if "H.CAPAIAN" not in model.questions:
        fields.append(CAPAIAN)
    return tuple(fields)


def hasil_questions(model: LkeModel) -> tuple[Question, ...]:
    """The model's hasil inputs, in sheet order."""
    return tuple(model.questions[qid] for comp in model.hasil for qid in comp.items)


def read_info(field: InfoField, raw: Any) -> tuple[Any, bool]:
    """(value, valid) of a typed figure: a whole number >= 0, a percentage 0-100, or text.
    A blank is (None, True)."""
    if is_empty(raw):
        return None, True
    if field.kind == TEXT:
        return str(raw).strip(), True
    number = parse_number(raw)
    if number is None or number < 0:
        return None, False
    if field.kind == INTEGER:
        return (int(number), True) if float(number).is_integer() else (None, False)
    return (number, True) if number <= 100 else (None, False)


# --- checks -----------------------------------------------------------------------------------
# What a survey value above 4 most likely is, by input and range (upper bound inclusive).
_LIKELY: dict[str, tuple[tuple[float, Text], ...]] = {
    "H.IPAK": (
        (5.0, Text("Indeks Perilaku Anti Korupsi (IPAK) BPS, skala 0–5",
                   "BPS' Anti-Corruption Behaviour Index (IPAK), scale 0–5")),
        (100.0, Text("Survei Penilaian Integritas (SPI) KPK, skala 0–100",
                     "KPK's Integrity Assessment Survey (SPI), scale 0–100")),
    ),
    "H.IPKP": (
        (5.0, Text("skala Likert 1–5", "a 1–5 Likert scale")),
        (100.0, Text("Indeks Kepuasan Masyarakat (IKM, PermenPANRB 14/2017), skala 25–100",
                     "the public satisfaction index (IKM, PermenPANRB 14/2017), scale 25–100")),
    ),
}  # fmt: skip
_GENERIC = (
    (5.0, Text("indeks skala 0–5", "an index on a 0–5 scale")),
    (100.0, Text("persentase atau indeks skala 0–100", "a percentage or a 0–100 index")),
)
_NOT_AN_INDEX = Text("bukan nilai indeks survei", "not a survey index at all")


def likely_confusion(question: Question, value: float) -> Text | None:
    """What a survey value outside 0-4 most likely is (None when it is within the scale, or
    the input is not a 0-4 survey)."""
    if question.answer_type != "score" or question.maximum != SURVEY_MAX or value <= SURVEY_MAX:
        return None
    for upper, text in _LIKELY.get(question.id, _GENERIC):
        if value <= upper:
            return text
    return _NOT_AN_INDEX


def check_hasil(
    model: LkeModel,
    values: Mapping[str, Any],
    info: Mapping[str, Any],
    *,
    file: str,
    sheet: str = "",
    cells: Mapping[str, str] | None = None,
) -> list[Issue]:
    """The scale and sample checks of hasil inputs (``values``, question id -> as typed) and
    figures (``info``, field key -> value): ``survey-scale``, ``survey-sample-small``,
    ``survey-services-uncovered``. ``cells`` locates each key on ``sheet`` of ``file``."""
    where = cells or {}
    out: list[Issue] = []

    def add(code: str, key: str, raw: Any, params: dict[str, Any]) -> None:
        out.append(
            Issue(code, file, sheet=sheet if key in where else "", cell=where.get(key, ""),
                  field=key, raw=raw, params=params)
        )  # fmt: skip

    for question in hasil_questions(model):
        raw = values.get(question.id)
        number = None if isinstance(raw, bool) else parse_number(raw)
        likely = None if number is None else likely_confusion(question, number)
        if likely is not None and number is not None:
            params = {"question": question.id, "value": f"{number:g}", "likely": likely}
            add("survey-scale", question.id, raw, params)
    respondents = info.get(RESPONDENTS.key)
    services = info.get(SERVICES.key)
    if isinstance(respondents, int) and respondents < MIN_RESPONDENTS:
        params = {"respondents": respondents, "minimum": MIN_RESPONDENTS}
        add("survey-sample-small", RESPONDENTS.key, respondents, params)
    if isinstance(respondents, int) and isinstance(services, int) and respondents < services:
        params = {"respondents": respondents, "services": services}
        add("survey-services-uncovered", SERVICES.key, services, params)
    return out


def per_service(info: Mapping[str, Any]) -> float | None:
    """Respondents per service covered (None unless both are known and services > 0)."""
    respondents, services = info.get(RESPONDENTS.key), info.get(SERVICES.key)
    if isinstance(respondents, int) and isinstance(services, int) and services > 0:
        return respondents / services
    return None


__all__ = [
    "CAPAIAN",
    "HEADER_ROW",
    "KEY_COL",
    "LABEL_COL",
    "MIN_RESPONDENTS",
    "PERIOD",
    "REPORT_LINK",
    "RESPONDENTS",
    "SERVICES",
    "SHEET_HASIL",
    "SURVEY_MAX",
    "TLHP",
    "VALUE_COL",
    "InfoField",
    "check_hasil",
    "hasil_questions",
    "info_fields",
    "likely_confusion",
    "per_service",
    "read_info",
]
