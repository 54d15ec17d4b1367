"""Run a source's suite on the frame its reader returned, before landing."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd

from warehouse.quality.context import GateContext
from warehouse.quality.details import columns_of, describe
from warehouse.sources.base import Finding, Source

#: GX result format: counts plus a few examples and their row indexes.
RESULT_FORMAT: dict[str, Any] = {"result_format": "SUMMARY", "partial_unexpected_count": 10}
#: Name of the non-GX check on the reader's rejected cells.
UNPARSEABLE_CELLS = "unparseable_cells"


@dataclass(frozen=True)
class GateFailure:
    """One failed check: expectation type, the column(s) it is about and a one-line detail."""

    expectation: str
    columns: tuple[str, ...]
    detail: str


@dataclass
class GateResult:
    """The outcome of the gate for one source batch."""

    success: bool
    failures: list[GateFailure]
    #: evaluated, successful, unsuccessful (GX expectations plus the rejected-cells check)
    statistics: dict[str, int]
    #: the GX validation result serialised as JSON
    result_json: str
    docs_index: Path | None = None
    #: one row per check: type, column (``a, b`` or None), success, detail (meta.gate_results)
    expectations: list[dict[str, Any]] = field(default_factory=list)


@cache
def _default_context() -> GateContext:
    return GateContext.create(None)


def run_gate(
    source: Source,
    frame: pd.DataFrame,
    *,
    context: GateContext | None = None,
    docs_dir: Path | None = None,
    rejected_cells: int = 0,
    findings: Sequence[Finding] = (),
) -> GateResult:
    """Validate ``frame`` against suite ``raw_<source>``; fail too if ``rejected_cells > 0``
    or if a reader ``finding`` (e.g. a broken IO identity) has severity ``error``.

    ``context``: the run's :class:`GateContext` (a process-wide ephemeral one if omitted).
    ``docs_dir``: build Data Docs right after this validation into a file context rooted there
    (the given ``context`` must then be rooted at ``docs_dir``); otherwise build them once at the
    end of the run with :meth:`GateContext.build_docs`.
    """
    if docs_dir is not None:
        docs_dir = Path(docs_dir).resolve()
        if context is None:
            context = GateContext.create(docs_dir)
        elif context.root_dir != docs_dir:
            raise ValueError(f"context is rooted at {context.root_dir}, not at {docs_dir}")
    context = context or _default_context()

    definition = context.validation_definition(source)
    validation = definition.run(batch_parameters={"dataframe": frame}, result_format=RESULT_FORMAT)

    rows: list[dict[str, Any]] = []
    failures: list[GateFailure] = []
    for outcome in validation.results:
        kind, columns = outcome.expectation_config.type, columns_of(outcome.expectation_config)
        detail = describe(outcome, frame)
        success = bool(outcome.success)
        rows.append(_row(kind, columns, success, detail))
        if not success:
            failures.append(GateFailure(kind, columns, detail))
    cells_ok = rejected_cells <= 0
    cells_detail = f"unparseable cells: {rejected_cells} (see meta.rejected_cells)"
    rows.append(_row(UNPARSEABLE_CELLS, (), cells_ok, cells_detail))
    if not cells_ok:
        failures.append(GateFailure(UNPARSEABLE_CELLS, (), cells_detail))
    for row in finding_rows(findings, checks=source.domain_checks):
        rows.append(row)
        if not row["success"]:
            failures.append(GateFailure(row["type"], (), row["detail"]))

    statistics = {
        "evaluated": len(rows),
        "successful": sum(r["success"] for r in rows),
        "unsuccessful": sum(not r["success"] for r in rows),
    }
    return GateResult(
        success=not failures,
        failures=failures,
        statistics=statistics,
        result_json=json.dumps(validation.to_json_dict(), default=str),
        docs_index=context.build_docs() if docs_dir is not None else None,
        expectations=rows,
    )


def finding_rows(
    findings: Sequence[Finding], checks: Sequence[str] = (), examples: int = 3
) -> list[dict[str, Any]]:
    """One gate-result row per domain check (``identity:<check>``), for every check in
    ``checks`` and every check with findings: errors fail it; known defects and notes are
    counted in the detail. Examples name file, year and row."""
    rows = []
    for check in sorted(set(checks) | {f.check for f in findings}):
        found = [f for f in findings if f.check == check]
        errors = [f for f in found if f.severity == "error"]
        known = [f for f in found if f.severity == "known"]
        notes = len(found) - len(errors) - len(known)
        parts = [f"{len(errors)} beyond tolerance"]
        parts += [str(f) for f in errors[:examples]]
        if len(errors) > examples:
            parts.append(f"... and {len(errors) - examples} more")
        if known:
            reasons = sorted({f.reason or "known publisher feature" for f in known})
            parts.append(f"{len(known)} known ({'; '.join(reasons[:examples])})")
        if notes:
            parts.append(f"{notes} notes")
        rows.append(_row(f"identity:{check}", (), not errors, "; ".join(parts)))
    return rows


def _row(kind: str, columns: tuple[str, ...], success: bool, detail: str) -> dict[str, Any]:
    return {
        "type": kind,
        "column": ", ".join(columns) or None,
        "success": success,
        "detail": detail,
    }


def format_failure_line(source_name: str, file_names: Sequence[str], failure: GateFailure) -> str:
    """``gate failed: <source> [<files>]: <expectation> (<columns>): <detail>`` on one line."""
    names = list(file_names)
    files = ", ".join(names[:3]) + (f", +{len(names) - 3} more" if len(names) > 3 else "")
    columns = f" ({', '.join(failure.columns)})" if failure.columns else ""
    detail = " ".join(failure.detail.split())
    return f"gate failed: {source_name} [{files}]: {failure.expectation}{columns}: {detail}"
