"""Shared bits of the flows: settings from parameters, and the run summary they return."""

from __future__ import annotations

import threading
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


def start_prefect_api_early() -> threading.Thread | None:
    """Start Prefect's temporary API server in a background thread, if one will be needed.

    Without ``PREFECT_API_URL`` Prefect starts a temporary server at the first flow call and
    waits ~10 s for it.  Starting it here lets the caller's imports run meanwhile; ``join()``
    the returned thread before the first flow call.  With a server configured: nothing to do.
    """
    from prefect.settings import PREFECT_API_URL, PREFECT_SERVER_EPHEMERAL_ENABLED

    if PREFECT_API_URL.value() or not PREFECT_SERVER_EPHEMERAL_ENABLED.value():
        return None

    def start() -> None:
        from prefect.server.api.server import SubprocessASGIServer

        SubprocessASGIServer().start()  # the same instance Prefect's client uses later

    thread = threading.Thread(target=start, name="prefect-api-start", daemon=True)
    thread.start()
    return thread
