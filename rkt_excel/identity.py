"""Identity of a returned form: is it made from this plan, this version, these contents?

Owns the plan-identity check. The reader runs it (``check_plan``) when it reads a form with a
plan and records the plan on the form; validate and consolidate ask ``plan_mismatch``, which
checks again only a form read without that plan. Pure: no I/O.
"""

from __future__ import annotations

from typing import Any

from rkt_excel.form import FilledForm
from rkt_excel.template import Plan


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
