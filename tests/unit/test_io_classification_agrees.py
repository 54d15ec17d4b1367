"""The WIOD industry lists exist three times (reader, analysis groups, dbt seed): they agree."""

from __future__ import annotations

import csv

from analysis.io import groups
from warehouse.settings import DBT_PROJECT_DIR
from warehouse.sources.wiod import INDUSTRIES, KNOWN_ZERO_OUTPUT


def _seed() -> list[dict[str, str]]:
    with open(DBT_PROJECT_DIR / "seeds" / "wiod_industries.csv", newline="") as handle:
        return list(csv.DictReader(handle))


def test_reader_analysis_and_seed_list_the_same_56_industries_in_order():
    seed_codes = tuple(
        row["wiod_code"] for row in sorted(_seed(), key=lambda r: int(r["position"]))
    )
    assert INDUSTRIES == groups.WIOD56 == seed_codes
    assert len(INDUSTRIES) == 56


def test_groups_and_seed_flags_agree():
    seed = _seed()
    assert tuple(r["wiod_code"] for r in seed if r["is_manufacturing"] == "true") == (
        groups.MANUFACTURING
    )
    assert tuple(r["wiod_code"] for r in seed if r["is_producer_service"] == "true") == (
        groups.PRODUCER_SERVICES
    )
    by_subgroup: dict[str, tuple[str, ...]] = {}
    for row in seed:
        if row["service_subgroup"]:
            key = row["service_subgroup"]
            by_subgroup[key] = (*by_subgroup.get(key, ()), row["wiod_code"])
    assert by_subgroup == groups.PRODUCER_SERVICE_SUBGROUPS


def test_china_zero_output_industries_agree():
    assert KNOWN_ZERO_OUTPUT["CHN"] == groups.CHINA_ZERO_OUTPUT
