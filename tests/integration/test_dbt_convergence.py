"""dbt build of the convergence indices on a small warehouse, checked against numpy.

The tiny raw fixture of tests/fixtures/raw_fixture.py (country panel: CHN, USA, KEN, AZE,
Kosovo) plus the real WIOD 2016 NIOT files of four countries (CHN, DEU, LUX, USA; 2000-2014)
landed as the loader does; then ``dbt build`` of everything the four convergence marts need
(through ``warehouse.transform``, in a worker process). The province side is the zero-row stub
and must build without error. Expected values come from the numpy references of
analysis.convergence, applied to the long input table the SQL reads.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest

from analysis.convergence import (
    ca_index,
    coordination_band,
    egk_index,
    location_quotients,
    reference_coupling,
)
from tests.fixtures.raw_fixture import build_raw_fixture
from warehouse.settings import Settings
from warehouse.sources.io_registry import IO_SOURCES
from warehouse.transform import run_dbt

pytestmark = pytest.mark.integration

WIOD_COUNTRIES = ("CHN", "DEU", "LUX", "USA")
MARTS = (
    "coupling_entropy_weights",
    "coupling_coordination",
    "coagglomeration",
    "convergence_tests",
)
SELECT = tuple(f"+{m}+" for m in MARTS)
UNIT_TESTS = (
    "test_type:unit,path:models/intermediate/convergence",
    "test_type:unit,path:models/marts/convergence",
)


def _land_niot(con: duckdb.DuckDBPyConnection, paths: list[Path]) -> int:
    """raw.wiod_niot as the landing writes it: reader frame, text as VARCHAR, plus load_id."""
    source = IO_SOURCES["wiod_niot"]
    frame = source.read(paths).frame.copy()
    frame["load_id"] = "wiod_niot-test"
    text = [c for c in frame.columns if str(frame[c].dtype) in ("category", "object")]
    columns = ", ".join(f"cast({c} as varchar) as {c}" if c in text else c for c in frame.columns)
    con.register("landed", frame)
    con.execute(f"create or replace table raw.{source.table} as select {columns} from landed")
    con.unregister("landed")
    return len(frame)


def _settings(db_path: Path, work: Path) -> Settings:
    return Settings(db_path=db_path, report_dir=work / "report", build_dir=work / "build")


@pytest.fixture(scope="module")
def conv_db(shared_raw: Path, tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("dbt_convergence")
    db_path = work / "warehouse.duckdb"
    build_raw_fixture(db_path)
    niot = [shared_raw / "io" / "wiod2016_niot_csv" / f"{c}_NIOT_nov16.csv" for c in WIOD_COUNTRIES]
    with duckdb.connect(str(db_path)) as con:
        assert _land_niot(con, niot) == len(WIOD_COUNTRIES) * 15 * 120 * 63
    settings = _settings(db_path, work)
    # cautious: only the data tests whose every parent is built here; the upstream models'
    # unit tests belong to their own suites, ours run next
    result = run_dbt(
        settings,
        "build",
        "--select",
        *SELECT,
        "--exclude",
        "test_type:unit",
        "--indirect-selection",
        "cautious",
    )
    failures = [(n.unique_id, n.status, n.message) for n in result.failures]
    assert result.success, (result.error, failures)
    units = run_dbt(settings, "test", "--select", *UNIT_TESTS)
    assert units.success, (units.error, [(n.unique_id, n.message) for n in units.failures])
    assert len(units.nodes) == 9
    for node in result.nodes:
        if node.unique_id.split(".")[-1] in (*MARTS, "int_convergence__tests_computed"):
            print(f"\n{node.unique_id}: {node.seconds:.2f} s")
    return db_path


def frame(db: Path, sql: str) -> pd.DataFrame:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).df()


def test_entropy_weights_sum_to_one_per_variant_and_subsystem(conv_db: Path) -> None:
    weights = frame(conv_db, "select * from marts.coupling_entropy_weights")
    sums = weights.groupby(["variant", "subsystem"])["w_j"].sum()
    # the raw fixture's two China provinces: every province_va input; of the employment
    # variant only the manufacturing side (a subsystem without data has no weights)
    assert set(sums.index.get_level_values("variant")) == {
        "country_panel",
        "wiod",
        "province_va",
        "province_employment",
    }
    employment = weights[weights["variant"] == "province_employment"]
    assert set(employment["subsystem"]) == {"manufacturing"}
    assert np.allclose(sums.to_numpy(), 1.0, rtol=0, atol=1e-12)
    assert ((weights["e_j"] >= -1e-12) & (weights["e_j"] <= 1 + 1e-12)).all()
    # wiod: 4 countries × 15 years, all complete
    assert set(weights.loc[weights["variant"] == "wiod", "n"]) == {60}


def _reference(db: Path, formula: str = "standard") -> tuple[pd.DataFrame, pd.DataFrame]:
    values = frame(db, "select * from intermediate.int_convergence_indicator_values")
    values["year"] = values["year"].astype("int64")
    return reference_coupling(values, shift=0.0001, alpha=0.5, beta=0.5, formula=formula)


def _compare(db: Path, reference: pd.DataFrame) -> pd.DataFrame:
    sql = frame(db, "select * from marts.coupling_coordination")
    sql["year"] = sql["year"].astype("int64")
    keys = ["unit_type", "unit_id", "year", "variant"]
    merged = sql.merge(reference, on=keys, how="outer", suffixes=("", "_ref"), indicator=True)
    assert (merged["_merge"] == "both").all(), merged[merged["_merge"] != "both"][keys]
    for column in ("u1", "u2", "c", "t", "d"):
        gap = (merged[column] - merged[f"{column}_ref"]).abs().max()
        assert gap <= 1e-12, (column, gap)
    return merged


def test_sql_d_equals_the_numpy_reference(conv_db: Path) -> None:
    weights_ref, coordination_ref = _reference(conv_db)
    merged = _compare(conv_db, coordination_ref)
    assert set(merged["formula"]) == {"standard"}
    weights = frame(conv_db, "select * from marts.coupling_entropy_weights")
    both = weights.merge(
        weights_ref, on=["variant", "subsystem", "indicator"], suffixes=("", "_ref")
    )
    assert len(both) == len(weights) == len(weights_ref)
    assert (both["w_j"] - both["w_j_ref"]).abs().max() <= 1e-12
    assert (both["e_j"] - both["e_j_ref"]).abs().max() <= 1e-12


def test_corrected_formula_equals_the_numpy_reference(conv_db: Path, tmp_path: Path) -> None:
    copy = tmp_path / "corrected.duckdb"
    shutil.copy(conv_db, copy)
    result = run_dbt(
        _settings(copy, tmp_path),
        "run",
        "--select",
        "int_convergence__coupling_computed",
        "coupling_coordination",
        "--vars",
        "{coupling_formula: corrected}",
    )
    assert result.success, result.error
    merged = _compare(copy, _reference(copy, "corrected")[1])
    assert set(merged["formula"]) == {"corrected"}


def test_bands_are_consistent_with_d(conv_db: Path) -> None:
    rows = frame(conv_db, "select * from marts.coupling_coordination")
    assert len(rows) > 0
    for row in rows.itertuples():
        rank, label, lower, upper = coordination_band(row.d)
        assert (row.band_rank, row.band, row.band_lower, row.band_upper) == (
            rank,
            label,
            lower,
            upper,
        )
    ratio = rows["u1"] / rows["u2"]
    assert np.allclose(rows["relative_development"], ratio, rtol=1e-15)
    lagging = rows["relative_development_label"]
    assert (lagging[ratio > 1.1 + 1e-9] == "producer_services_lagging").all()
    assert (lagging[ratio < 0.9 - 1e-9] == "manufacturing_lagging").all()


def test_country_and_province_rows(conv_db: Path) -> None:
    counts = frame(
        conv_db,
        """
        select variant, unit_type, count(*) as n, count(distinct unit_id) as units
        from marts.coupling_coordination group by all order by variant
        """,
    )
    assert counts["variant"].tolist() == ["country_panel", "province_va", "wiod"]
    wiod = counts[counts["variant"] == "wiod"].iloc[0]
    assert (wiod["n"], wiod["units"]) == (60, 4)
    # the fixture's complete country-years: CHN, USA, Kosovo with DDS imports (2010-2020/21)
    assert counts.loc[counts["variant"] == "country_panel", "units"].item() == 3
    # the raw fixture's China data: Guangdong and Tibet, 2000-2002, value-added variant only
    province = counts[counts["variant"] == "province_va"].iloc[0]
    assert (province["unit_type"], province["n"], province["units"]) == ("province", 6, 2)
    inputs = frame(
        conv_db,
        """
        select
            (select count(*) from intermediate.int_province_convergence_indicators) as indicators,
            (select count(*) from intermediate.int_province_sector_employment) as employment
        """,
    ).iloc[0]
    # one row per province × year of marts.province_panel (31 × 3); employment: section C only,
    # Guangdong 2000-2002 (2000 from the fixture's yearbook table) and Tibet 2001-2002
    assert inputs.to_dict() == {"indicators": 93, "employment": 5}


def test_coagglomeration_equals_numpy_for_2014(conv_db: Path) -> None:
    industries = frame(
        conv_db,
        "select * from marts.io_industry_year where year = 2014 order by iso3",
    )
    va = industries.pivot_table(
        index="iso3",
        columns=industries["is_manufacturing"].map({True: "m", False: "o"}),
        values="value_added_musd",
        aggfunc="sum",
    )
    finance = (
        industries[industries["service_subgroup"] == "finance"]
        .groupby("iso3")["value_added_musd"]
        .sum()
    )
    totals = industries.groupby("iso3")["value_added_musd"].sum()
    lq = location_quotients(np.column_stack([va["m"], finance]), totals.to_numpy())
    expected_ca = pd.Series(ca_index(lq[:, 0], lq[:, 1]), index=totals.index)
    expected_egk = egk_index(va["m"], finance, totals)
    rows = frame(
        conv_db,
        """
        select * from marts.coagglomeration
        where year = 2014 and industry_pair = 'manufacturing:finance'
        """,
    )
    ca = rows[rows["measure"] == "ca_lq"].set_index("unit_id")["value"].sort_index()
    assert ca.index.tolist() == list(WIOD_COUNTRIES)
    assert np.allclose(ca.to_numpy(), expected_ca.to_numpy(), rtol=1e-12, atol=0)
    egk = rows[rows["measure"] == "egk"]
    assert egk["unit_id"].tolist() == ["wiod_countries"] and egk["n_units"].item() == 4
    assert egk["value"].item() == pytest.approx(expected_egk, rel=1e-10)
    pairs = frame(conv_db, "select distinct industry_pair from marts.coagglomeration")
    assert len(pairs) == 8  # producer services + 7 sub-groups


def test_convergence_tests_cover_the_country_series(conv_db: Path) -> None:
    tests = frame(conv_db, "select * from marts.convergence_tests")
    assert set(tests["series"]) == {
        "coupling_d:country_panel",
        "coupling_d:wiod",
        "gdp_pc_usd",
        # the raw fixture's two China provinces (2000-2002)
        "coupling_d:province_va",
        "grp_pc_real_cny",
        "manufacturing_labour_productivity",
    }
    wiod = tests[tests["series"] == "coupling_d:wiod"].set_index("test")
    assert (wiod.loc["sigma", "n_units"] == 4).all() and len(wiod.loc["sigma"]) == 15
    d = frame(
        conv_db,
        "select year, stddev_samp(ln(d)) as sd from marts.coupling_coordination "
        "where variant = 'wiod' group by year order by year",
    )
    assert np.allclose(wiod.loc["sigma"].sort_values("year")["sigma"], d["sd"], rtol=1e-12)
    panel = wiod.loc["beta_panel_fe"]
    assert panel["status"] == "ok" and panel["se_type"] == "cr1_unit" and panel["n_obs"] == 56
    assert set(tests["status"]) <= {"ok", "not_estimated"}
