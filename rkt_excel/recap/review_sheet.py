"""The recap's Reviu TPI sheet: the self-assessment, TPI and TPN scores side by side with their
differences highlighted, then per LKE question the answers of each track, the TPI's note, the
unit's response and the units concerned.

Owns this sheet's layout and texts. The tracks are the consolidation's (``review.score_tracks``,
each ``score.score`` of its own answers); the review entries are the returned recap's, read back
by ``read_review``. Computes no score itself.
"""

from __future__ import annotations

from typing import Any

from rkt_excel.guide import TRACKS_TEXT
from rkt_excel.lke import LkeModel
from rkt_excel.recap.cells import Sheet
from rkt_excel.recap.context import RecapContext
from rkt_excel.recap.labels import predikat_label
from rkt_excel.review import SELF, TPI, TPN, TRACK_LABELS, Review, Tracks, compare

NAME = "Reviu TPI"
SCORE_HEADERS = (
    "Kode", "Tingkat", "Bobot", TRACK_LABELS[SELF], TRACK_LABELS[TPI], TRACK_LABELS[TPN],
    "Selisih TPI − Mandiri", "Selisih TPN − TPI",
)  # fmt: skip
ANSWER_HEADERS = (
    "Kode", "Pertanyaan", "Jawaban Mandiri", "Jawaban TPI", "Jawaban TPN", "Catatan TPI",
    "Tanggapan Unit", "Unit terkait",
)  # fmt: skip
WIDTHS = (12, 52, 12, 14, 14, 30, 30, 18)
SHOWN = 0.005  # a difference below this shows as none (scores are shown to 2 decimals)


def write(ctx: RecapContext, sh: Sheet) -> None:
    """The three tracks' scores, then the answers and notes per question."""
    c, ws, fmt = ctx.consolidation, sh.ws, sh.fmt
    tracks = c.tracks
    ws.write_string(0, 0, "REVIU: PENILAIAN MANDIRI, TPI DAN TPN", fmt["title"])
    row = 1
    for line in (*TRACKS_TEXT, _source(c.review)):
        sh.prose(row, line, len(WIDTHS) - 1, sum(WIDTHS))
        row += 1
    row += 1
    for col, width in enumerate(WIDTHS):
        ws.set_column(col, col, width)
    sh.print_setup()
    if tracks is None:
        return
    head = row
    row = _scores(ctx, sh, tracks, row)
    ws.repeat_rows(head)
    _answers(ctx, sh, tracks, c.review, row + 1)


def _source(review: Review | None) -> str:
    if review is None:
        return (
            "Belum ada rekap reviu: kolom TPI dan TPN masih kosong. Setelah TPI mengisi sheet "
            "LKE, jalankan rkt-excel consolidate --review <rekap yang dikembalikan>."
        )
    period = f" (periode {review.period})" if review.period else ""
    return f"Reviu dibaca dari: {review.path}{period}."


def _scores(ctx: RecapContext, sh: Sheet, tracks: Tracks, row: int) -> int:
    """The score table; returns the row after it."""
    ws, fmt = sh.ws, sh.fmt
    for col, title in enumerate(SCORE_HEADERS):
        ws.write_string(row, col, title, fmt["header"])
    sh.fit_rows(row, list(zip(SCORE_HEADERS, WIDTHS, strict=True)))
    row += 1
    first = row
    for line in compare(tracks):
        sh.put(row, 0, line.level.id)
        sh.put(row, 1, line.level.name)
        sh.fit_rows(row, [(line.level.name, WIDTHS[1])])
        sh.put(row, 2, line.level.weight, "score")
        for col, name in ((3, SELF), (4, TPI), (5, TPN)):
            value = line.values.get(name)
            sh.put(row, col, None if value is None else round(value, 6), "score")
        for col, (a, b) in ((6, (TPI, SELF)), (7, (TPN, TPI))):
            diff = line.difference(a, b)
            sh.put(row, col, None if diff is None else round(diff, 6), "score")
        row += 1
    # Differences highlighted: lower than the track before it red, higher green.
    worse = ctx.workbook.add_format({"bg_color": "#FFC7CE", "font_color": "#9C0006"})
    better = ctx.workbook.add_format({"bg_color": "#C6EFCE", "font_color": "#006100"})
    for criteria, value, look in (("<", -SHOWN, worse), (">", SHOWN, better)):
        ws.conditional_format(
            first, 6, row - 1, 7,
            {"type": "cell", "criteria": criteria, "value": value, "format": look},
        )  # fmt: skip
    sh.put(row, 1, "Perkiraan predikat", "label")
    sh.put(row + 1, 1, "Pertanyaan dijawab", "label")
    for col, track in ((3, tracks.mandiri), (4, tracks.tpi), (5, tracks.tpn)):
        if track is None:
            sh.put(row, col, "-")
            continue
        sh.put(row, col, predikat_label(track.scores.predikat))
        sh.put(row + 1, col, f"{track.scores.answered} dari {track.scores.questions}")
    return row + 2


def _shown(model: LkeModel, code: str, raw: Any) -> Any:
    """An answer as the sheet shows it: canonical when valid, else as typed."""
    question = model.questions.get(code)
    if question is None or raw is None:
        return raw
    canonical = question.normalize(raw)
    return canonical if canonical is not None else raw


def _answers(ctx: RecapContext, sh: Sheet, tracks: Tracks, review: Review | None, row: int) -> None:
    """One line per LKE row the evaluators answered differently or wrote on."""
    c, ws, fmt = ctx.consolidation, sh.ws, sh.fmt
    model = c.model
    ws.write_string(row, 0, "JAWABAN DAN CATATAN PER PERTANYAAN", fmt["section"])
    row += 1
    for col, title in enumerate(ANSWER_HEADERS):
        ws.write_string(row, col, title, fmt["header"])
    sh.fit_rows(row, list(zip(ANSWER_HEADERS, WIDTHS, strict=True)))
    row += 1
    entries = review.entries if review is not None else {}
    mine = tracks.mandiri.answers
    order = {q: n for n, q in enumerate((*model.questions, *model.items))}
    codes = set(entries) & set(order)
    for track in tracks.all[1:]:
        codes |= {
            q
            for q, answer in track.answers.items()
            if _shown(model, q, answer) != _shown(model, q, mine.get(q))
        }
    for code in sorted(codes, key=order.__getitem__):
        entry = entries.get(code)
        own = _shown(model, code, mine.get(code))
        text = model.questions[code].text if code in model.questions else model.items[code].text
        sh.put(row, 0, code)
        sh.put(row, 1, text)
        sh.put(row, 2, own)
        for col, other in ((3, tracks.tpi), (4, tracks.tpn)):
            theirs = _shown(model, code, other.answers.get(code)) if other is not None else None
            style = "late" if theirs is not None and theirs != own else "text"
            sh.put(row, col, theirs, style)
        sh.put(row, 5, entry.tpi_note if entry is not None else "")
        sh.put(row, 6, entry.response if entry is not None else "")
        owners = ", ".join(c.owners.get(code, ()))
        sh.put(row, 7, owners)
        texts = [text, entry.tpi_note if entry else "", entry.response if entry else "", owners]
        sh.fit_rows(
            row, list(zip(texts, (WIDTHS[1], WIDTHS[5], WIDTHS[6], WIDTHS[7]), strict=True))
        )
        row += 1
    if not codes:
        sh.put(row, 1, "Tidak ada catatan atau perbedaan jawaban.")


__all__ = ["NAME", "write"]
