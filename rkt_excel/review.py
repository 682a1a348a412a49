"""The evaluators' review of a recap: the TPI's (and TPN's) answers, the TPI's notes and the
units' responses, typed into the recap's LKE sheet and read back for the next recap.

Owns the ``Review`` read back (recap/read_review.py builds it), the headers of the review
columns (shared by the LKE sheet's writer and the reader, so no header is written twice), the
three score tracks (self-assessment, TPI, TPN: each ``score.score`` of its own answers) and
their differences, and the notes that concern each unit (``review-note`` Issues on its form).
Pure: no I/O, no spreadsheet library.

A track's answers are the answers its evaluator typed; a blank is unanswered, as in the
official sheet. The hasil inputs (survey results, capaian kinerja) are facts rather than
self-assessed: where an evaluator types none, the track takes the recap's own value.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from rkt_excel.form import FilledForm
from rkt_excel.issues import Issue
from rkt_excel.lke import LkeModel
from rkt_excel.normalize import is_empty
from rkt_excel.score import Level, Scores, score
from rkt_excel.template import Plan

# The review columns of the LKE sheet: field key -> header (the reader finds them by header).
LKE_SHEET = "LKE"  # the recap's LKE sheet (recap/lke_sheet.py writes it under this name)
KODE_HEADER = "Kode"
TPI_ANSWER, TPI_NOTE, RESPONSE, TPN_ANSWER = "tpi_answer", "tpi_note", "response", "tpn_answer"
REVIEW_HEADERS: dict[str, str] = {
    TPI_ANSWER: "Jawaban TPI",
    TPI_NOTE: "Catatan TPI",
    RESPONSE: "Tanggapan Unit",
    TPN_ANSWER: "Jawaban TPN",
}
ANSWER_FIELDS = (TPI_ANSWER, TPN_ANSWER)

SELF, TPI, TPN = "mandiri", "tpi", "tpn"
TRACK_LABELS: dict[str, str] = {SELF: "Penilaian Mandiri", TPI: "TPI", TPN: "TPN"}
EVALUATOR_OF: dict[str, str] = {TPI_ANSWER: TPI, TPN_ANSWER: TPN}
# The levels the comparison shows (Scores.levels() kinds), in their order there.
COMPARED_LEVELS = ("total", "pengungkit", "half", "area", "hasil", "hasil_component")
NOTE_LIMIT = 500  # characters of a note carried into an issue message


@dataclass(frozen=True)
class ReviewEntry:
    """The review columns of one LKE row (a question, or a ratio item for notes), as typed;
    ``cells`` locates each filled field on the returned recap (A1)."""

    key: str
    tpi_answer: Any = None
    tpi_note: str = ""
    response: str = ""
    tpn_answer: Any = None
    cells: Mapping[str, str] = field(default_factory=dict)

    def value(self, key: str) -> Any:
        """A field by key (REVIEW_HEADERS' keys)."""
        return getattr(self, key)

    @property
    def empty(self) -> bool:
        return all(is_empty(self.value(k)) for k in REVIEW_HEADERS)


@dataclass(frozen=True)
class Review:
    """A recap returned by the evaluators, read back: its review entries by LKE row code, the
    hasil inputs and figures typed into its Hasil sheet, and what was wrong in it."""

    path: str
    plan_id: str = ""
    period: str = ""
    entries: Mapping[str, ReviewEntry] = field(default_factory=dict)
    hasil: Mapping[str, Any] = field(default_factory=dict)  # hasil question id -> as typed
    hasil_info: Mapping[str, Any] = field(default_factory=dict)  # hasil.InfoField key -> value
    issues: tuple[Issue, ...] = ()

    def answers(self, evaluator: str) -> dict[str, Any]:
        """The answers ``evaluator`` (TPI or TPN) typed, by question id (blanks left out)."""
        key = TPI_ANSWER if evaluator == TPI else TPN_ANSWER
        return {q: e.value(key) for q, e in self.entries.items() if not is_empty(e.value(key))}


@dataclass(frozen=True)
class Track:
    """One evaluation of the LKE: who (SELF, TPI or TPN), the answers and their scores."""

    name: str
    answers: Mapping[str, Any]
    scores: Scores

    @property
    def label(self) -> str:
        return TRACK_LABELS[self.name]


@dataclass(frozen=True)
class Tracks:
    """The self-assessment and, where entered, the TPI's and the TPN's evaluation."""

    mandiri: Track
    tpi: Track | None = None
    tpn: Track | None = None

    @property
    def all(self) -> tuple[Track, ...]:
        return tuple(t for t in (self.mandiri, self.tpi, self.tpn) if t is not None)


def score_tracks(
    model: LkeModel, answers: Mapping[str, Any], review: Review | None = None
) -> Tracks:
    """Score each track with ``score.score``: the self-assessment (``answers``, the combined
    answers of the units with the hasil inputs) and each evaluator who typed any answer."""
    mine = Track(SELF, dict(answers), score(model, answers))
    if review is None:
        return Tracks(mine)
    hasil = {q: v for q, v in answers.items() if q in model.hasil_inputs}
    found: dict[str, Track] = {}
    for evaluator in (TPI, TPN):
        typed = {q: v for q, v in review.answers(evaluator).items() if q in model.questions}
        if typed:
            theirs = {**hasil, **typed}
            found[evaluator] = Track(evaluator, theirs, score(model, theirs))
    return Tracks(mine, found.get(TPI), found.get(TPN))


@dataclass(frozen=True)
class Compared:
    """One level of the score in every track (None for a track not entered)."""

    level: Level
    values: Mapping[str, float | None]  # track name -> official value

    def difference(self, a: str, b: str) -> float | None:
        """values[a] - values[b], None unless both are known."""
        x, y = self.values.get(a), self.values.get(b)
        return None if x is None or y is None else x - y


def compare(tracks: Tracks) -> list[Compared]:
    """Total, pengungkit, halves, areas, hasil and hasil components of every track."""
    mine = [lv for lv in tracks.mandiri.scores.levels() if lv.level in COMPARED_LEVELS]
    others = {t.name: {lv.id: lv for lv in t.scores.levels()} for t in tracks.all[1:]}
    out = []
    for level in mine:
        values: dict[str, float | None] = {SELF: level.value}
        for name in (TPI, TPN):
            theirs = others.get(name, {}).get(level.id)
            values[name] = theirs.value if theirs is not None else None
        out.append(Compared(level, values))
    return out


def _shown(value: Any) -> str:
    if value is None or is_empty(value):
        return "-"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def review_notes(form: FilledForm, plan: Plan, model: LkeModel, review: Review) -> list[Issue]:
    """``review-note`` issues for a unit's form: on each row linked to an LKE question (or to
    a Jumlah input of a ratio item) that the TPI wrote a note on, or answered otherwise than
    the unit did. Located at the row's JAWABAN LKE cell (its BUKTI DUKUNG cell when the row
    has no answer cell)."""
    out: list[Issue] = []
    for row_id, row in form.rows.items():
        found = plan.index.get(row_id)
        lke = found[2].lke if found is not None else None
        if not lke or lke not in model.questions:
            continue
        question = model.questions[lke]
        keys = [lke] + ([question.item] if question.kind == "jumlah" else [])
        jawaban = row.fields.get("jawaban")
        own = question.normalize(jawaban.value) if jawaban is not None else None
        where = jawaban if jawaban is not None else row.fields.get("bukti_dukung")
        for key in keys:
            entry = review.entries.get(key)
            if entry is None:
                continue
            tpi = model.questions[key].normalize(entry.tpi_answer) if key == lke else None
            note = entry.tpi_note.strip()
            if not note and (tpi is None or tpi == own):
                continue
            out.append(
                Issue(
                    "review-note",
                    form.path,
                    sheet=where.sheet if where is not None else row.sheet,
                    cell=where.cell if where is not None else "",
                    row_id=row_id,
                    field="jawaban" if jawaban is not None else "bukti_dukung",
                    raw=entry.tpi_note or None,
                    params={
                        "question": key,
                        "tpi_answer": _shown(tpi if key == lke else None),
                        "answer": _shown(own if key == lke else None),
                        "note": (note[: NOTE_LIMIT - 1] + "…")
                        if len(note) > NOTE_LIMIT
                        else note or "-",
                    },
                )
            )
    return out


__all__ = [
    "ANSWER_FIELDS",
    "COMPARED_LEVELS",
    "EVALUATOR_OF",
    "KODE_HEADER",
    "LKE_SHEET",
    "RESPONSE",
    "REVIEW_HEADERS",
    "SELF",
    "TPI",
    "TPI_ANSWER",
    "TPI_NOTE",
    "TPN",
    "TPN_ANSWER",
    "TRACK_LABELS",
    "Compared",
    "Review",
    "ReviewEntry",
    "Track",
    "Tracks",
    "compare",
    "review_notes",
    "score_tracks",
]
