"""Shared bits of the flows: settings from parameters, and the run summary they return."""

from __future__ import annotations

from dataclasses import dataclass, field

from warehouse.settings import Settings, disable_telemetry, load_settings

disable_telemetry()


def settings_from(raw_dir: str | None, db: str | None, report_dir: str | None) -> Settings:
    """Flow parameters (plain strings, so deployments can set them) -> Settings."""
    return load_settings(raw_dir=raw_dir, db_path=db, report_dir=report_dir)


@dataclass
class StepSummary:
    """What a flow did, in a form the CLI prints and a test asserts on."""

    step: str
    ok: bool
    lines: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    details: dict = field(default_factory=dict)
