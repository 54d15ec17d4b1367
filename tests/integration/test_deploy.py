"""`convergence serve` registers the pipeline as a cron-scheduled deployment on a Prefect API."""

from __future__ import annotations

import pytest

from flows.deploy import build_deployment, load_serve_config


def test_deployment_registers_with_cron_schedule_and_parameters(prefect_harness):
    from prefect import get_client

    deployment = build_deployment(
        name="nightly-test",
        cron="15 2 * * 1-5",
        timezone="UTC",
        parameters={"raw_dir": "/data/raw", "db": "/data/wh.duckdb"},
    )
    deployment_id = deployment.apply()
    with get_client(sync_client=True) as client:
        stored = client.read_deployment(deployment_id)
    assert stored.name == "nightly-test"
    assert stored.parameters == {"raw_dir": "/data/raw", "db": "/data/wh.duckdb"}
    [schedule] = stored.schedules
    assert schedule.schedule.cron == "15 2 * * 1-5"
    assert schedule.schedule.timezone == "UTC"
    assert schedule.active


def test_serve_config_is_validated(tmp_path):
    good = tmp_path / "serve.yaml"
    good.write_text("name: n\ncron: '0 3 * * *'\nparameters: {raw_dir: /r}\n")
    assert load_serve_config(good) == {
        "name": "n",
        "cron": "0 3 * * *",
        "parameters": {"raw_dir": "/r"},
    }
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: n\nschedule: daily\n")
    with pytest.raises(ValueError, match="unknown keys"):
        load_serve_config(bad)
