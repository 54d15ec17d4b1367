"""Session fixtures: telemetry off, one Prefect test harness, demo and real raw folders."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from warehouse.settings import PROJECT_ROOT, disable_telemetry

disable_telemetry()
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")

SHARED_RAW = Path(
    os.environ.get("CONVERGENCE_SHARED_RAW", PROJECT_ROOT.parent / "shared" / "data" / "raw")
)


@pytest.fixture(scope="session", autouse=True)
def own_build_dir(tmp_path_factory) -> Path:
    """Each session (each pytest-xdist worker) builds in its own folder: dbt targets, GX Data
    Docs and the demo data of the CLI never collide between workers."""
    build = tmp_path_factory.getbasetemp() / "build"
    os.environ["CONVERGENCE_BUILD_DIR"] = str(build)
    return build


@pytest.fixture(scope="session")
def prefect_harness():
    """One temporary Prefect API for the whole session (flows run for real against it)."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


@pytest.fixture(scope="session")
def shared_raw() -> Path:
    """The real published files (../shared/data/raw); integration tests skip without them."""
    if not (SHARED_RAW / "SOURCES.md").exists():
        pytest.skip(f"real data not found at {SHARED_RAW}")
    return SHARED_RAW


@pytest.fixture(scope="session")
def demo_raw(tmp_path_factory) -> Path:
    """The demo data set, generated once per session."""
    from warehouse.demo import generate

    out = tmp_path_factory.mktemp("demo_raw")
    generate(out)
    return out
