"""Shared bits of the flows: settings from parameters, and the run summary they return."""

from __future__ import annotations

import contextlib
import importlib.util
import os
import socket
import subprocess
import sys
import time
import tomllib
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

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


@dataclass
class ApiHandle:
    """The Prefect API the flows will use; ``wait()`` before the first flow call."""

    url: str | None
    server: _TemporaryApi | None = None

    def wait(self) -> None:
        if self.server is not None:
            self.server.wait_ready()


@contextlib.contextmanager
def prefect_api() -> Iterator[ApiHandle]:
    """Make sure the flows have a Prefect API for the duration of the block.

    With ``PREFECT_API_URL`` configured (environment, profile) or inside
    ``prefect_test_harness`` nothing happens.  Otherwise a temporary local API (Prefect's own
    ephemeral-server command) is started *now*, before Prefect is even imported, so its ~10 s
    start-up overlaps the caller's imports instead of starting lazily at the first flow call;
    it is stopped at the end.  Yields an :class:`ApiHandle`; ``wait()`` before the first flow.
    """
    early = None if _api_probably_configured() else _TemporaryApi()
    try:
        from prefect.settings import (
            PREFECT_API_URL,
            PREFECT_SERVER_EPHEMERAL_ENABLED,
            temporary_settings,
        )

        if PREFECT_API_URL.value() or not PREFECT_SERVER_EPHEMERAL_ENABLED.value():
            if early is not None:  # a setting the cheap probe did not see: use it instead
                early.stop()
                early = None
            yield ApiHandle(url=PREFECT_API_URL.value() or None)
            return
        early = early or _TemporaryApi()
        with temporary_settings(updates={PREFECT_API_URL: early.api_url}):
            yield ApiHandle(url=early.api_url, server=early)
    finally:
        if early is not None:
            early.stop()


def _api_probably_configured() -> bool:
    """Cheap probe, without importing Prefect: might an API URL be configured?

    True when Prefect is already imported (e.g. under ``prefect_test_harness``), when
    ``PREFECT_API_URL`` is in the environment or the active profile, or when a ``prefect.toml``
    or ``.env`` in the working directory could set it; the caller then lets Prefect decide.
    """
    if "prefect" in sys.modules or os.environ.get("PREFECT_API_URL"):
        return True
    if any(Path(name).exists() for name in ("prefect.toml", ".env")):
        return True
    home = Path(os.environ.get("PREFECT_HOME", "~/.prefect")).expanduser()
    profiles = Path(os.environ.get("PREFECT_PROFILES_PATH", home / "profiles.toml"))
    try:
        data = tomllib.loads(profiles.read_text())
    except (OSError, tomllib.TOMLDecodeError):
        return False
    active = os.environ.get("PREFECT_PROFILE") or data.get("active", "ephemeral")
    return bool(data.get("profiles", {}).get(active, {}).get("PREFECT_API_URL"))


class _TemporaryApi:
    """``uvicorn prefect.server.api.server:create_app`` on a free loopback port."""

    def __init__(self) -> None:
        spec = importlib.util.find_spec("prefect")  # locate without importing (seconds)
        app_dir = Path(spec.origin).parents[1] if spec and spec.origin else Path.cwd()
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        self.api_url = f"http://127.0.0.1:{self.port}/api"
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "uvicorn",
                "--app-dir",
                str(app_dir),
                "--factory",
                "prefect.server.api.server:create_app",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--log-level",
                "error",
                "--lifespan",
                "on",
            ],
            env={
                **os.environ,
                "PREFECT_UI_ENABLED": "0",
                "PREFECT__SERVER_EPHEMERAL": "1",
                "PREFECT__SERVER_FINAL": "1",
            },
        )

    def wait_ready(self, timeout: float | None = None) -> None:
        """Poll ``/health`` until the API answers (or fail with a readable error)."""
        limit = timeout or float(
            os.environ.get("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
        )
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"temporary Prefect API exited with code {self.process.returncode}"
                )
            try:
                with urllib.request.urlopen(f"{self.api_url}/health", timeout=1) as resp:
                    if resp.status == 200:
                        return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(
            f"temporary Prefect API did not start within {limit:.0f} s; set "
            "PREFECT_API_URL to a running server (`prefect server start`)"
        )

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
