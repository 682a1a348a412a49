"""Identity of a returned form: is it made from this plan, this version, these contents, and
for which unit?

Owns the plan-identity check and the unit-identity cross-checks. The reader runs the plan
check (``check_plan``) when it reads a form with a plan and records the plan on the form;
validate and consolidate ask ``plan_mismatch``, which checks again only a form read without
that plan. ``unit_conflicts`` compares every place a form names its unit (the hidden metadata,
the custom property, the visible Identitas, the form id) with each other and with the units
file; validate reports them and the intake never lets such a form count for a unit. Owns the
form id (``form_id``), which generate writes. Pure: no I/O.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any

from rkt_excel.catalogue import Text
from rkt_excel.form import FilledForm
from rkt_excel.issues import Issue
from rkt_excel.template import Plan
from rkt_excel.units import Unit

# Where a form names its unit (FormIdentity.unit_claims keys), in words.
CLAIM_PLACES: dict[str, Text] = {
    "meta": Text("lembar metadata tersembunyi", "the hidden metadata sheet"),
    "property": Text("properti dokumen", "the document property"),
    "identitas": Text("lembar Identitas (Kode Unit)", "the Identitas sheet (Kode Unit)"),
    "form_id": Text("ID formulir", "the form id"),
}


def form_id(plan_hash: str, unit_code: str = "") -> str:
    """The form's stable id: the first 16 hex digits of sha256(plan hash + unit code)."""
    return hashlib.sha256((plan_hash + unit_code).encode("utf-8")).hexdigest()[:16]


def unit_conflicts(form: FilledForm, units: Sequence[Unit] | None = None) -> list[Issue]:
    """``unit-mismatch`` issues: a place of the form naming another unit than the one the
    form is read as (``identity.unit_code``), each naming both codes. A form id is traced
    back to its unit among the codes the form names and the units file."""
    ident = form.identity
    if ident.kind != "form":
        return []
    main = ident.unit_code
    claims = dict(ident.unit_claims)
    first = next((place for place, code in ident.unit_claims if code == main), "meta")
    out: list[Issue] = []
    cell = form.identity_cells.get("unit_code")

    def conflict(place: str, other: str) -> None:
        where = {"sheet": cell.sheet, "cell": cell.cell} if place == "identitas" and cell else {}
        params = {"a_where": CLAIM_PLACES[first], "a": main or "?",
                  "b_where": CLAIM_PLACES[place], "b": other or "?"}  # fmt: skip
        out.append(Issue("unit-mismatch", form.path, field="unit_code", params=params, **where))

    for place, code in claims.items():
        if code and code != main:
            conflict(place, code)
    if ident.form_id and ident.plan_hash and form_id(ident.plan_hash, main) != ident.form_id:
        candidates = [*claims.values(), *(u.code for u in units or ())]
        owner = next((c for c in candidates if form_id(ident.plan_hash, c) == ident.form_id), "")
        conflict("form_id", owner)
    return out


def check_plan(
    plan_id: str, plan_version: str, plan_hash: str, plan: Plan
) -> tuple[str, dict[str, Any]] | None:
    """Compare a form's plan identity with a plan: None when it matches, else (code, params)
    for ``template-mismatch`` or ``template-version-mismatch``."""
    if plan_id != plan.id:
        return "template-mismatch", {"found": plan_id or "?", "expected": plan.id}
    if plan_version and plan_version != plan.version:
        return "template-version-mismatch", {
            "found": plan_version, "expected": plan.version, "plan_id": plan.id,
        }  # fmt: skip
    if plan_hash and plan_hash != plan.content_hash:
        found = f"{plan_id} v{plan_version or '?'} #{plan_hash[:8]}"
        return "template-mismatch", {
            "found": found, "expected": f"{plan.id} v{plan.version} #{plan.content_hash[:8]}",
        }  # fmt: skip
    return None


def plan_mismatch(form: FilledForm, plan: Plan) -> tuple[str, dict[str, Any]] | None:
    """``check_plan`` for a form read back, unless the reader already checked it against
    this very plan (``FilledForm.checked_plan``)."""
    if form.checked_plan and form.checked_plan == plan.content_hash:
        return None
    ident = form.identity
    return check_plan(ident.plan_id, ident.plan_version, ident.plan_hash, plan)
