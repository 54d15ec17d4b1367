"""Deployments: serve the pipeline on a cron schedule (Prefect ``serve``)."""

from __future__ import annotations

from pathlib import Path

import yaml

from flows.pipeline import pipeline_flow

DEFAULT_CRON = "0 3 * * *"
DEFAULT_NAME = "convergence-pipeline"


def load_serve_config(path: Path | None) -> dict:
    """Read a YAML config with keys ``name``, ``cron``, ``timezone`` and ``parameters``."""
    if path is None:
        return {}
    data = yaml.safe_load(Path(path).read_text()) or {}
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping with name/cron/timezone/parameters")
    unknown = set(data) - {"name", "cron", "timezone", "parameters"}
    if unknown:
        raise ValueError(f"{path}: unknown keys {sorted(unknown)}")
    return data


def build_deployment(
    name: str = DEFAULT_NAME,
    cron: str = DEFAULT_CRON,
    timezone: str | None = None,
    parameters: dict | None = None,
):
    """The pipeline as a deployment object with a cron schedule (not yet registered)."""
    from prefect.schedules import Cron

    schedule = Cron(cron, timezone=timezone) if timezone else Cron(cron)
    return pipeline_flow.to_deployment(
        name=name,
        schedule=schedule,
        parameters=parameters or {},
        description="Convergence Warehouse: ingest, build, analyze, report",
        tags=["convergence"],
    )


def serve_pipeline(
    name: str = DEFAULT_NAME,
    cron: str = DEFAULT_CRON,
    timezone: str | None = None,
    parameters: dict | None = None,
) -> None:
    """Register the deployment and serve it until interrupted (needs a Prefect server)."""
    from prefect import serve

    serve(build_deployment(name, cron, timezone, parameters))
