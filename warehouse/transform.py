"""Run dbt programmatically (``dbtRunner``) in a spawned worker process.

Two reasons for a separate process:

* dbt keeps DuckDB file locks for the life of the process that ran it
  (dbt-labs/dbt-core#11980): when the worker exits, the warehouse file is free again for the
  next writer or for read-only analysts;
* importing dbt and parsing the project takes ~10 s; a worker started early
  (:func:`prewarm`) does that on the second core while the ingest runs.  Parsing does not open
  the warehouse, so it does not collide with the loader's write lock.

The worker parses once (``dbt parse``) and hands the manifest to every later command.
"""

from __future__ import annotations

import atexit
import multiprocessing as mp
import os
import queue as queue_module
from dataclasses import dataclass, field
from typing import Any

from warehouse.settings import DBT_PROJECT_DIR, TELEMETRY_OFF, Settings


@dataclass
class NodeResult:
    unique_id: str
    resource_type: str
    status: str
    message: str | None
    seconds: float


@dataclass
class DbtRun:
    """Outcome of one dbt command."""

    command: list[str]
    success: bool
    nodes: list[NodeResult] = field(default_factory=list)
    error: str | None = None

    @property
    def failures(self) -> list[NodeResult]:
        bad = {"error", "fail", "runtime error"}
        return [n for n in self.nodes if n.status.lower() in bad]

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for node in self.nodes:
            out[node.status] = out.get(node.status, 0) + 1
        return out


def _node_dicts(result: Any) -> list[dict[str, Any]]:
    nodes = []
    for r in getattr(result, "results", None) or []:
        node = getattr(r, "node", None)
        nodes.append(
            {
                "unique_id": getattr(node, "unique_id", "?"),
                "resource_type": str(getattr(node, "resource_type", "?")),
                "status": str(getattr(r, "status", "?")),
                "message": getattr(r, "message", None),
                "seconds": float(getattr(r, "execution_time", 0.0) or 0.0),
            }
        )
    return nodes


def _worker(
    common: list[str], env: dict[str, str], inbox: mp.Queue, outbox: mp.Queue
) -> None:  # pragma: no cover - runs in the child
    """Import dbt, parse the project once, then run commands until told to stop."""
    os.environ.update(env)
    manifest = None
    try:
        from dbt.cli.main import dbtRunner

        parsed = dbtRunner().invoke(["parse", *common])
        manifest = parsed.result if parsed.success else None
    except BaseException as exc:  # report on the first command instead of dying silently
        startup_error = f"{type(exc).__name__}: {exc}"
    else:
        startup_error = None
    while (job := inbox.get()) is not None:
        if startup_error:
            outbox.put({"success": False, "nodes": [], "error": startup_error})
            continue
        try:
            res = dbtRunner(manifest=manifest).invoke([*job, *common])
            error = str(res.exception) if res.exception else None
            outbox.put(
                {"success": bool(res.success), "nodes": _node_dicts(res.result), "error": error}
            )
        except BaseException as exc:
            outbox.put({"success": False, "nodes": [], "error": f"{type(exc).__name__}: {exc}"})


def dbt_env(settings: Settings) -> dict[str, str]:
    """Environment for dbt: the warehouse path and telemetry off."""
    env = dict(TELEMETRY_OFF)
    env["CONVERGENCE_DB"] = str(settings.db_path)
    return env


def common_args(settings: Settings, quiet: bool = True) -> list[str]:
    """Options every command gets: project, profile, target and log paths under build/."""
    args = [
        "--project-dir",
        str(DBT_PROJECT_DIR),
        "--profiles-dir",
        str(DBT_PROJECT_DIR),
        "--target-path",
        str(settings.dbt_target_dir),
        "--log-path",
        str(settings.build_dir / "dbt_logs"),
    ]
    return [*args, "--quiet"] if quiet else args


class DbtSession:
    """A dbt worker process: start it early, run commands, close it to release the file."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.common = common_args(settings)
        ctx = mp.get_context("spawn")
        self._inbox: mp.Queue = ctx.Queue()
        self._outbox: mp.Queue = ctx.Queue()
        self._proc = ctx.Process(
            target=_worker,
            args=(self.common, dbt_env(settings), self._inbox, self._outbox),
            daemon=True,
        )
        self._proc.start()

    def run(self, command: str, *extra: str) -> DbtRun:
        """``dbt <command> [extra]`` (e.g. ``"build"``, ``"docs generate"``)."""
        job = [*command.split(), *extra]
        self._inbox.put(job)
        payload = None
        while payload is None:
            try:
                payload = self._outbox.get(timeout=1.0)
            except queue_module.Empty:  # still running, or died without a word
                if not self._proc.is_alive():
                    payload = {
                        "success": False,
                        "nodes": [],
                        "error": f"dbt worker ended with exit code {self._proc.exitcode}",
                    }
        nodes = [NodeResult(**n) for n in payload["nodes"]]
        return DbtRun(
            command=[*job, *self.common],
            success=payload["success"],
            nodes=nodes,
            error=payload["error"],
        )

    def close(self, wait: bool = True) -> None:
        """Stop the worker; the warehouse file is free afterwards.

        ``wait=False`` terminates at once (fine for a worker that never ran a command: parsing
        holds no lock on the warehouse).
        """
        if self._proc.is_alive() and not wait:
            self._proc.terminate()
            self._proc.join()
        elif self._proc.is_alive():
            self._inbox.put(None)
            self._proc.join(timeout=30)
            if self._proc.is_alive():
                self._proc.terminate()
                self._proc.join()
        for channel in (self._inbox, self._outbox):
            channel.close()
            channel.join_thread()


_PREWARMED: dict[str, DbtSession] = {}


def prewarm(settings: Settings) -> None:
    """Start a worker for these settings now (import + parse run in the background)."""
    key = str(settings.db_path)
    if key not in _PREWARMED:
        _PREWARMED[key] = DbtSession(settings)


def take_session(settings: Settings) -> DbtSession:
    """The prewarmed worker for these settings, or a new one; the caller closes it."""
    return _PREWARMED.pop(str(settings.db_path), None) or DbtSession(settings)


def release_prewarmed(settings: Settings) -> None:
    """Stop a prewarmed worker that will not be used (e.g. the build was up to date)."""
    session = _PREWARMED.pop(str(settings.db_path), None)
    if session is not None:
        session.close(wait=False)


def run_dbt(settings: Settings, command: str, *extra: str) -> DbtRun:
    """One dbt command in its own worker (released afterwards)."""
    session = take_session(settings)
    try:
        return session.run(command, *extra)
    finally:
        session.close()


@atexit.register
def _close_prewarmed() -> None:  # pragma: no cover - interpreter shutdown
    for session in _PREWARMED.values():
        session.close(wait=False)
    _PREWARMED.clear()
