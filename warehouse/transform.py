"""Run dbt programmatically (``dbtRunner``) in a child process.

dbt keeps DuckDB file locks for the life of the process that ran it (dbt-labs/dbt-core#11980),
so each invocation runs in a fresh spawned process: when it returns, the warehouse file is free
for the next writer or for read-only analysts.
"""

from __future__ import annotations

import multiprocessing as mp
import os
from dataclasses import dataclass, field

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


def _child(args: list[str], env: dict[str, str], queue: mp.Queue) -> None:  # pragma: no cover
    os.environ.update(env)
    try:
        from dbt.cli.main import dbtRunner

        res = dbtRunner().invoke(args)
        nodes = []
        result = res.result
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
        error = str(res.exception) if res.exception else None
        queue.put({"success": bool(res.success), "nodes": nodes, "error": error})
    except BaseException as exc:  # report anything, never hang the parent
        queue.put({"success": False, "nodes": [], "error": f"{type(exc).__name__}: {exc}"})


def dbt_env(settings: Settings) -> dict[str, str]:
    """Environment for dbt: the warehouse path and telemetry off."""
    env = dict(TELEMETRY_OFF)
    env["CONVERGENCE_DB"] = str(settings.db_path)
    return env


def run_dbt(settings: Settings, command: str, *extra: str, quiet: bool = True) -> DbtRun:
    """Run ``dbt <command>`` against the warehouse and return per-node results.

    Target and log paths go under ``build/`` so the source tree stays clean.
    """
    target = settings.dbt_target_dir
    args = [
        command,
        "--project-dir",
        str(DBT_PROJECT_DIR),
        "--profiles-dir",
        str(DBT_PROJECT_DIR),
        "--target-path",
        str(target),
        *extra,
    ]
    if quiet:
        args = ["--quiet", *args]
    args = ["--log-path", str(settings.build_dir / "dbt_logs"), *args]
    ctx = mp.get_context("spawn")
    queue: mp.Queue = ctx.Queue()
    proc = ctx.Process(target=_child, args=(args, dbt_env(settings), queue))
    proc.start()
    payload = queue.get()
    proc.join()
    nodes = [NodeResult(**n) for n in payload["nodes"]]
    return DbtRun(command=args, success=payload["success"], nodes=nodes, error=payload["error"])
