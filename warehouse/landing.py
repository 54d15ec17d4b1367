"""Landing: files -> reader -> quality gate -> ``raw.*`` (atomic per source) + ``meta.*``.

Per source, one of these outcomes, each recorded per file in ``meta.load_log``:

* ``unchanged``  every file has the checksum of the last landed load: nothing is read;
* ``landed``     read, gate passed, ``raw.<table>`` replaced in one transaction;
* ``quarantined`` read, gate failed: the batch goes to ``quarantine.<table>``, raw is untouched;
* ``failed``     the files could not be read (format error, missing files): raw is untouched;
* ``partial``    (``isolate_files`` sources, e.g. one WIOD NIOT per country) some files failed
  (unreadable, rejected cells, broken identities): the good files' rows replace theirs in one
  transaction, a failed file keeps its last good rows; the run still fails;
* ``absent``     an ``optional`` source without files: its raw table exists, empty.

Only this module writes ``raw``/``meta``/``quarantine``; callers hand it one writer connection.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb
import pandas as pd

from warehouse.db import table_exists
from warehouse.sources.base import ReadResult, Source, SourceFormatError

if TYPE_CHECKING:  # importing Great Expectations takes seconds: only when a gate runs
    from warehouse.quality import GateContext, GateResult

_CHUNK = 1 << 20


def sha256_of(path: Path) -> str:
    """Hex SHA-256 of a file, read in 1 MiB chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def new_run_id() -> str:
    """Run id: UTC timestamp plus a short random suffix, sortable by time."""
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ") + "-" + uuid.uuid4().hex[:6]


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


@dataclass(frozen=True)
class FileInfo:
    path: Path
    sha256: str
    bytes: int

    @property
    def name(self) -> str:
        return self.path.name


@dataclass
class SourcePlan:
    """What a source would read now, and whether that is what already landed."""

    source: Source
    files: list[FileInfo]
    unchanged: bool

    @property
    def missing(self) -> bool:
        return not self.files


@dataclass
class CheckedBatch:
    """A source's files read and gated (or the reason they could not be)."""

    plan: SourcePlan
    load_id: str
    started_at: datetime
    result: ReadResult | None = None
    gate: GateResult | None = None
    error: str | None = None
    #: ``isolate_files`` sources: file name -> why that file fails (it is not landed)
    failed_files: dict[str, list[str]] = field(default_factory=dict)

    @property
    def passed(self) -> bool:
        return (
            self.error is None
            and self.gate is not None
            and self.gate.success
            and not self.failed_files
        )

    @property
    def absent(self) -> bool:
        """An optional source with no files (nothing to read, nothing wrong)."""
        return self.plan.source.optional and self.plan.missing


@dataclass
class LoadOutcome:
    """One source's outcome in one run, with the lines to print for it."""

    source: str
    status: str  # landed | unchanged | quarantined | failed | partial | absent
    load_id: str
    rows_landed: int = 0
    rows_rejected: int = 0
    files: list[str] = field(default_factory=list)
    failure_lines: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.status in ("landed", "unchanged", "absent")


def register_sources(con: duckdb.DuckDBPyConnection, sources: list[Source]) -> None:
    """Write each source's declared origin to ``meta.sources`` (upsert)."""
    for src in sources:
        o = src.origin
        con.execute("delete from meta.sources where source = ?", [src.name])
        con.execute(
            "insert into meta.sources values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                src.name,
                f"raw.{src.table}",
                src.kind,
                o.publisher,
                o.dataset,
                o.edition,
                o.url,
                o.licence,
                o.citation,
                src.description,
                "; ".join(src.known_defects),
            ],
        )


def plan_source(
    con: duckdb.DuckDBPyConnection | None, source: Source, raw_dir: Path, force: bool = False
) -> SourcePlan:
    """Find the source's files, checksum them and compare with the last landed load."""
    files = [
        FileInfo(path=p, sha256=sha256_of(p), bytes=p.stat().st_size)
        for p in source.find_files(raw_dir)
    ]
    unchanged = False
    if files and con is not None and not force and table_exists(con, "raw", source.table):
        last = con.execute(
            """
            select file_name, sha256 from meta.load_log
            where source = ? and status = 'landed' and load_id = (
                select load_id from meta.load_log
                where source = ? and status = 'landed'
                order by finished_at desc limit 1)
            """,
            [source.name, source.name],
        ).fetchall()
        unchanged = sorted(last) == sorted((f.name, f.sha256) for f in files)
    return SourcePlan(source=source, files=files, unchanged=unchanged)


def read_files(plan: SourcePlan) -> CheckedBatch:
    """Read the plan's files; a bad file becomes ``batch.error``, never an exception."""
    source = plan.source
    batch = CheckedBatch(
        plan=plan, load_id=f"{source.name}-{uuid.uuid4().hex[:12]}", started_at=_now()
    )
    if plan.missing:
        if not source.optional:
            batch.error = f"no files found matching {', '.join(source.patterns)}"
        return batch
    try:
        batch.result = source.read([f.path for f in plan.files])
    except SourceFormatError as exc:
        batch.error = str(exc)
    except (OSError, ValueError, UnicodeError) as exc:  # unexpected but still a bad file
        batch.error = f"cannot read: {type(exc).__name__}: {exc}"
    return batch


def _isolate_failed_files(batch: CheckedBatch) -> None:
    """Move files that cannot land on their own out of the batch's frame (``failed_files``)."""
    result = batch.result
    assert result is not None
    failed: dict[str, list[str]] = {name: [msg] for name, msg in result.file_errors.items()}
    for finding in result.findings:
        if finding.severity == "error":
            failed.setdefault(finding.file_name, []).append(f"identity {finding}")
    if len(result.rejected):
        for name, cells in result.rejected.groupby("file_name", observed=True):
            failed.setdefault(str(name), []).extend(
                rejected_cell_lines(batch.plan.source.name, cells, limit=3)
            )
    batch.failed_files = failed
    if failed and len(result.frame):
        keep = ~result.frame["file_name"].isin(list(failed)).to_numpy()
        result.frame = result.frame.loc[keep].reset_index(drop=True)


def check_batch(batch: CheckedBatch, gate_context: GateContext | None = None) -> CheckedBatch:
    """Run the source's quality gate on a read batch (no-op when reading failed).

    ``isolate_files`` sources: files with read errors, rejected cells or error findings are
    set aside first (``batch.failed_files``); the gate runs on the remaining files.
    """
    result = batch.result
    if result is None or batch.error is not None:
        return batch
    from warehouse.quality import run_gate

    findings = result.findings
    rejected = len(result.rejected)
    if batch.plan.source.isolate_files:
        _isolate_failed_files(batch)
        findings = [f for f in findings if f.file_name not in batch.failed_files]
        rejected = 0
        if not len(result.frame):
            batch.error = "no file could be landed"
            return batch
    batch.gate = run_gate(
        batch.plan.source,
        result.frame,
        context=gate_context,
        rejected_cells=rejected,
        findings=findings,
    )
    return batch


def read_and_check(plan: SourcePlan, gate_context: GateContext | None = None) -> CheckedBatch:
    """Read and gate one source (what ``convergence check`` does, without landing)."""
    return check_batch(read_files(plan), gate_context)


def _log_rows(
    batch: CheckedBatch, run_id: str, status: str, rows_landed: int, message: str | None
) -> list[dict]:
    """One meta.load_log row per file of the batch (one row without file when none was found)."""
    result = batch.result
    common = {
        "load_id": batch.load_id,
        "run_id": run_id,
        "source": batch.plan.source.name,
        "started_at": batch.started_at,
        "finished_at": _now(),
        "status": status,
        "gate_success": batch.gate.success if batch.gate else None,
        "message": message,
    }
    rows = []
    for info in batch.plan.files:
        if info.name in batch.failed_files:  # isolate_files: this file failed on its own
            reasons = " | ".join(batch.failed_files[info.name])[:4000]
            per_file = {"status": "failed", "message": reasons, "rows_landed": None}
        else:
            per_file = {}
        per_file |= {
            "path": str(info.path),
            "file_name": info.name,
            "sha256": info.sha256,
            "bytes": info.bytes,
        }
        if result is not None:
            per_file |= {
                "rows_read": result.rows_read.get(info.name),
                "rows_rejected": _count_for_file(result.rejected, info.name),
                "vintage": result.vintages.get(info.name),
            }
            if status == "landed" and info.name not in batch.failed_files:
                per_file["rows_landed"] = (
                    _count_for_file(result.frame, info.name)
                    if "file_name" in result.frame.columns
                    else rows_landed
                )
        rows.append(common | per_file)
    return rows or [common]


def _count_for_file(frame: pd.DataFrame, file_name: str) -> int:
    return int((frame["file_name"] == file_name).sum()) if len(frame) else 0


def _insert_log(con: duckdb.DuckDBPyConnection, rows: list[dict]) -> None:
    """Append rows to meta.load_log by column name (absent columns stay NULL)."""
    frame = pd.DataFrame.from_records(rows)
    _run_on_frame(con, frame, "insert into meta.load_log by name select * from {frame}")


def _store_gate(con: duckdb.DuckDBPyConnection, batch: CheckedBatch, run_id: str) -> None:
    gate = batch.gate
    if gate is None:
        return
    checked = _now()
    con.executemany(
        "insert into meta.gate_results values (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                batch.load_id,
                run_id,
                batch.plan.source.name,
                str(e.get("type")),
                _column_text(e.get("column")),
                bool(e.get("success")),
                e.get("detail"),
                checked,
            )
            for e in gate.expectations
        ],
    )
    con.execute(
        "insert into meta.gate_reports values (?, ?, ?, ?, ?, ?, ?)",
        [
            batch.load_id,
            run_id,
            batch.plan.source.name,
            gate.success,
            gate.result_json,
            str(gate.docs_index) if gate.docs_index else None,
            checked,
        ],
    )


def link_gate_docs(con: duckdb.DuckDBPyConnection, run_id: str, docs_index: Path) -> None:
    """Record the Data Docs page (HTML validation results) on the run's gate reports."""
    con.execute(
        "update meta.gate_reports set docs_index = ? where run_id = ? and docs_index is null",
        [str(docs_index), run_id],
    )


def _column_text(column: object) -> str | None:
    if column is None:
        return None
    if isinstance(column, list | tuple):
        return ", ".join(map(str, column))
    return str(column)


def _store_rejected(con: duckdb.DuckDBPyConnection, batch: CheckedBatch) -> None:
    result = batch.result
    if result is None or not len(result.rejected):
        return
    rejected = result.rejected.rename(columns={"column": "column_name"}).assign(
        load_id=batch.load_id, source=batch.plan.source.name
    )
    _run_on_frame(con, rejected, "insert into meta.rejected_cells by name select * from {frame}")


def _run_on_frame(con: duckdb.DuckDBPyConnection, frame: pd.DataFrame, sql: str) -> None:
    """Run ``sql`` with ``{frame}`` standing for the DataFrame (registered for the statement)."""
    con.register("_landing_frame", frame)
    try:
        con.execute(sql.format(frame="_landing_frame"))
    finally:
        con.unregister("_landing_frame")


def rejected_cell_lines(source_name: str, rejected: pd.DataFrame, limit: int = 5) -> list[str]:
    """One line per unparseable cell (file, row, column, text, reason), at most ``limit``."""
    lines = [
        f"unparseable cell: {source_name} [{r.file_name}] row {r.row_number}, column "
        f"{r.column!r}: {r.raw_value!r} ({r.reason})"
        for r in rejected.head(limit).itertuples(index=False)
    ]
    if len(rejected) > limit:
        lines.append(
            f"unparseable cell: {source_name}: … and {len(rejected) - limit} more "
            "(all in meta.rejected_cells)"
        )
    return lines


def _frame_for_table(batch: CheckedBatch) -> pd.DataFrame:
    frame = batch.result.frame.copy()  # type: ignore[union-attr]
    frame["load_id"] = batch.load_id
    return frame


def _select_all(frame: pd.DataFrame) -> str:
    """``select`` list of ``frame`` with categorical columns cast to VARCHAR (not ENUM)."""
    cats = [c for c in frame.columns if isinstance(frame[c].dtype, pd.CategoricalDtype)]
    if not cats:
        return "*"
    return "* replace (" + ", ".join(f'cast("{c}" as varchar) as "{c}"' for c in cats) + ")"


def _write_raw(con: duckdb.DuckDBPyConnection, batch: CheckedBatch, frame: pd.DataFrame) -> None:
    """Replace the source's raw table, or (``isolate_files``) just the landed files' rows."""
    source = batch.plan.source
    table = f"raw.{source.table}"
    select = f"select {_select_all(frame)} from {{frame}}"
    if source.isolate_files and table_exists(con, "raw", source.table):
        names = sorted(set(frame["file_name"].astype(str)))
        con.execute(f"delete from {table} where file_name in (select unnest(?))", [names])
        _run_on_frame(con, frame, f"insert into {table} by name {select}")
    else:
        _run_on_frame(con, frame, f"create or replace table {table} as {select}")


def _empty_raw_frame(source: Source) -> pd.DataFrame:
    """The typed, empty frame of a source's raw layout (``long`` or ``io``)."""
    from warehouse.sources.base import empty_long_frame
    from warehouse.sources.io_registry import empty_io_frame

    layouts = {"long": empty_long_frame, "io": empty_io_frame}
    if source.kind not in layouts:
        raise ValueError(f"{source.name}: an optional source must be long or io, not {source.kind}")
    return layouts[source.kind]()


def _land_absent(con: duckdb.DuckDBPyConnection, batch: CheckedBatch, run_id: str) -> LoadOutcome:
    """Optional source without files: make sure its (empty) raw table exists, log it."""
    source = batch.plan.source
    if not table_exists(con, "raw", source.table):
        empty = _empty_raw_frame(source).assign(load_id=pd.Series(dtype="string"))
        _run_on_frame(
            con,
            empty,
            f"create table raw.{source.table} as select {_select_all(empty)} from {{frame}}",
        )
    message = f"optional source: no files matching {', '.join(source.patterns)}"
    with _transaction(con):
        _insert_log(con, _log_rows(batch, run_id, "absent", 0, message))
    return LoadOutcome(source=source.name, status="absent", load_id=batch.load_id)


def land_batch(con: duckdb.DuckDBPyConnection, batch: CheckedBatch, run_id: str) -> LoadOutcome:
    """Write a checked batch: raw (gate passed) or quarantine (gate failed), atomically."""
    source = batch.plan.source
    files = [f.name for f in batch.plan.files]
    outcome = LoadOutcome(source=source.name, status="failed", load_id=batch.load_id, files=files)
    if batch.absent:
        return _land_absent(con, batch, run_id)
    file_lines = [
        f"file failed: {source.name}: {line}"
        for name in sorted(batch.failed_files)
        for line in batch.failed_files[name]
    ]
    if batch.error is not None:
        outcome.failure_lines = [f"read failed: {source.name}: {batch.error}", *file_lines]
        with _transaction(con):
            _insert_log(con, _log_rows(batch, run_id, "failed", 0, batch.error))
        return outcome

    assert batch.result is not None and batch.gate is not None
    outcome.rows_rejected = len(batch.result.rejected)
    frame = _frame_for_table(batch)
    if batch.gate.success:
        with _transaction(con):
            _write_raw(con, batch, frame)
            _store_gate(con, batch, run_id)
            _store_rejected(con, batch)
            _insert_log(con, _log_rows(batch, run_id, "landed", len(frame), None))
        outcome.status = "partial" if batch.failed_files else "landed"
        outcome.failure_lines = file_lines
        outcome.rows_landed = len(frame)
        return outcome

    from warehouse.quality import format_failure_line

    outcome.status = "quarantined"
    outcome.failure_lines = (
        [format_failure_line(source.name, files, failure) for failure in batch.gate.failures]
        + (file_lines if source.isolate_files else [])
        + ([] if source.isolate_files else rejected_cell_lines(source.name, batch.result.rejected))
    )
    message = " | ".join(outcome.failure_lines)[:4000]
    with _transaction(con):
        _run_on_frame(
            con,
            frame,
            f"create or replace table quarantine.{source.table} as "
            f"select {_select_all(frame)} from {{frame}}",
        )
        _store_gate(con, batch, run_id)
        _store_rejected(con, batch)
        _insert_log(con, _log_rows(batch, run_id, "quarantined", 0, message))
    return outcome


def record_unchanged(con: duckdb.DuckDBPyConnection, plan: SourcePlan, run_id: str) -> LoadOutcome:
    """Log that a source's files are byte-identical to its last landed load."""
    batch = CheckedBatch(
        plan=plan, load_id=f"{plan.source.name}-{uuid.uuid4().hex[:12]}", started_at=_now()
    )
    with _transaction(con):
        _insert_log(
            con,
            _log_rows(
                batch, run_id, "unchanged", 0, "checksums equal the last landed load; nothing read"
            ),
        )
    return LoadOutcome(
        source=plan.source.name,
        status="unchanged",
        load_id=batch.load_id,
        files=[f.name for f in plan.files],
    )


class _transaction:
    """``with _transaction(con):`` — BEGIN/COMMIT, ROLLBACK on any exception."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con

    def __enter__(self) -> None:
        self.con.execute("begin transaction")

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        if exc_type is None:
            self.con.execute("commit")
        else:
            self.con.execute("rollback")


def outcome_summary(outcomes: list[LoadOutcome]) -> str:
    """JSON summary (for artifacts and logs)."""
    return json.dumps(
        [
            {
                "source": o.source,
                "status": o.status,
                "rows_landed": o.rows_landed,
                "rows_rejected": o.rows_rejected,
                "files": o.files,
                "failures": o.failure_lines,
            }
            for o in outcomes
        ],
        indent=2,
    )
