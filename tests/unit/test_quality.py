"""Quality gate: real GX validations on hand-made frames."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from warehouse.quality import (
    GateContext,
    GateFailure,
    build_suite,
    format_failure_line,
    run_gate,
)
from warehouse.sources.base import PROVENANCE_COLUMNS, Origin, ReadResult, Source

ORIGIN = Origin("Test publisher", "test dataset", "2026", "https://example.org", "CC-BY-4.0")
LONG_GRAIN = ("indicator_code", "entity_code", "year")
FILE = "API_NY.GDP.PCAP.CD_DS2_en_csv_v2_33610.csv"


def _no_read(paths: object) -> ReadResult:
    raise AssertionError("the gate must not call the reader")


def long_source(name: str = "wdi_api", **changes: object) -> Source:
    source = Source(
        name=name,
        table=name,
        patterns=("x/*.csv",),
        origin=ORIGIN,
        grain=LONG_GRAIN,
        read=_no_read,
        known_units=("current US$", "% of GDP"),
        min_rows=10,
        max_rows=1_000_000,
    )
    return replace(source, **changes)


def long_frame(n_indicators: int = 2, n_entities: int = 5, n_years: int = 4) -> pd.DataFrame:
    """A valid long frame: every indicator x entity x year once."""
    codes = ["NY.GDP.PCAP.CD", "NE.GDI.TOTL.ZS", *[f"X.{i}" for i in range(n_indicators)]]
    codes = codes[:n_indicators]
    keys = pd.MultiIndex.from_product(
        [codes, [f"E{i:03d}" for i in range(n_entities)], range(2000, 2000 + n_years)],
        names=list(LONG_GRAIN),
    ).to_frame(index=False)
    n = len(keys)
    string = "string"
    return pd.DataFrame(
        {
            "source": pd.Series(["wdi_api"] * n, dtype=string),
            "indicator_code": keys["indicator_code"].astype(string),
            "indicator_name": pd.Series(["name"] * n, dtype=string),
            "unit": pd.Series(["current US$"] * n, dtype=string),
            "entity_code": keys["entity_code"].astype(string),
            "entity_name": keys["entity_code"].astype(string),
            "year": keys["year"].astype("int64"),
            "value": np.linspace(1.0, 1000.0, n),
            "vintage": pd.Series(["2026-07-13"] * n, dtype=string),
            "file_name": pd.Series([FILE] * n, dtype=string),
            "row_number": pd.Series(np.arange(5, 5 + n), dtype="int64"),
        }
    )


@pytest.fixture(scope="session")
def gate_context() -> GateContext:
    return GateContext.create(None)


def failing(result, expectation: str) -> GateFailure:
    found = [f for f in result.failures if f.expectation == expectation]
    assert found, f"no {expectation} failure in {result.failures}"
    return found[0]


def test_good_long_frame_passes(gate_context: GateContext) -> None:
    result = run_gate(long_source(), long_frame(), context=gate_context)
    assert result.success, result.failures
    assert result.failures == []
    assert result.statistics["unsuccessful"] == 0
    assert result.statistics["evaluated"] == len(result.expectations)
    kinds = {row["type"] for row in result.expectations}
    assert {
        "expect_compound_columns_to_be_unique",
        "expect_column_values_to_not_be_null",
        "expect_column_values_to_be_between",
        "expect_column_values_to_be_in_set",
        "expect_table_row_count_to_be_between",
        "unparseable_cells",
    } <= kinds
    assert all(row["success"] for row in result.expectations)
    payload = json.loads(result.result_json)
    assert payload["success"] is True
    assert payload["statistics"]["evaluated_expectations"] == result.statistics["evaluated"] - 1


def test_duplicate_keys_fail_naming_compound_unique_and_example(
    gate_context: GateContext,
) -> None:
    frame = long_frame()
    frame = pd.concat([frame, frame.iloc[[3]]], ignore_index=True)
    result = run_gate(long_source(), frame, context=gate_context)
    assert not result.success
    failure = failing(result, "expect_compound_columns_to_be_unique")
    assert failure.columns == LONG_GRAIN
    assert "2 rows with duplicate keys on (indicator_code, entity_code, year)" in failure.detail
    assert "('NY.GDP.PCAP.CD', 'E000', 2003)" in failure.detail
    assert f"first at {FILE} row 8" in failure.detail
    line = format_failure_line("wdi_api", [FILE], failure)
    assert line.startswith(
        f"gate failed: wdi_api [{FILE}]: expect_compound_columns_to_be_unique "
        "(indicator_code, entity_code, year): 2 rows with duplicate keys"
    )
    assert "\n" not in line


def test_null_entity_fails(gate_context: GateContext) -> None:
    frame = long_frame()
    frame.loc[2, "entity_code"] = pd.NA
    result = run_gate(long_source(), frame, context=gate_context)
    assert not result.success
    failure = failing(result, "expect_column_values_to_not_be_null")
    assert failure.columns == ("entity_code",)
    assert failure.detail.startswith("1 null values in entity_code")


def test_year_out_of_range_fails(gate_context: GateContext) -> None:
    frame = long_frame()
    frame.loc[0, "year"] = 2099
    result = run_gate(long_source(), frame, context=gate_context)
    failure = failing(result, "expect_column_values_to_be_between")
    assert failure.columns == ("year",)
    assert failure.detail.startswith("year outside 1949..2035: 1 rows, e.g. 2099")
    assert [f.columns for f in result.failures] == [("year",)]


def test_unknown_unit_fails(gate_context: GateContext) -> None:
    frame = long_frame()
    frame.loc[[1, 4], "unit"] = "furlongs"
    result = run_gate(long_source(), frame, context=gate_context)
    failures = [f for f in result.failures if f.columns == ("unit",)]
    assert [f.expectation for f in failures] == ["expect_column_values_to_be_in_set"]
    assert "2 rows, e.g. 'furlongs'" in failures[0].detail


def test_no_unit_check_without_declared_units(gate_context: GateContext) -> None:
    frame = long_frame()
    frame["unit"] = "anything"
    assert run_gate(long_source(known_units=()), frame, context=gate_context).success


def test_too_few_rows_fails(gate_context: GateContext) -> None:
    result = run_gate(long_source(min_rows=1000), long_frame(), context=gate_context)
    failure = failing(result, "expect_table_row_count_to_be_between")
    assert failure.columns == ()
    assert failure.detail == "row count 40 outside 1000..1000000"
    assert len(result.failures) == 1


def test_rejected_cells_fail_the_gate(gate_context: GateContext) -> None:
    result = run_gate(long_source(), long_frame(), context=gate_context, rejected_cells=7)
    assert not result.success
    assert [f.detail for f in result.failures] == ["unparseable cells: 7 (see meta.rejected_cells)"]
    assert result.statistics == {
        "evaluated": len(result.expectations),
        "successful": len(result.expectations) - 1,
        "unsuccessful": 1,
    }
    row = result.expectations[-1]
    assert row["type"] == "unparseable_cells" and row["success"] is False


def test_missing_column_fails_cleanly(gate_context: GateContext) -> None:
    result = run_gate(long_source(), long_frame().drop(columns="vintage"), context=gate_context)
    failure = failing(result, "expect_table_columns_to_match_set")
    assert "vintage" in failure.detail


def test_source_column_must_name_the_source(gate_context: GateContext) -> None:
    result = run_gate(long_source("wdi_topic"), long_frame(), context=gate_context)
    assert [f.columns for f in result.failures] == [("source",)]


def test_wgi_estimate_range_applies_to_estimates_only(gate_context: GateContext) -> None:
    frame = long_frame(n_indicators=2)
    frame["source"] = "wgi"
    frame["unit"] = "index"
    frame["indicator_code"] = np.where(frame.index % 2 == 0, "vae", "var").astype(str)
    frame["indicator_code"] = frame["indicator_code"].astype("string")
    frame = frame.drop_duplicates(list(LONG_GRAIN), ignore_index=True)
    frame["value"] = np.where(frame["indicator_code"] == "vae", 1.5, 80.0)  # rank 80 is fine
    source = long_source("wgi", known_units=(), min_rows=1)
    assert run_gate(source, frame, context=gate_context).success
    frame.loc[frame.index[frame["indicator_code"] == "vae"][0], "value"] = 7.5
    failure = failing(
        run_gate(source, frame, context=gate_context), "expect_column_values_to_be_between"
    )
    assert failure.columns == ("value",)
    assert "value outside -5..5 where" in failure.detail and "7.5" in failure.detail


def dimension_source(**changes: object) -> Source:
    source = Source(
        name="un_m49",
        table="un_m49",
        patterns=("classification/UNSD_M49*.csv",),
        origin=ORIGIN,
        grain=("m49_code",),
        read=_no_read,
        kind="dimension",
        min_rows=3,
        max_rows=400,
    )
    return replace(source, **changes)


def dimension_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "m49_code": pd.Series(["4", "8", "156", "250"], dtype="string"),
            "country_or_area": pd.Series(["Afghanistan", "Albania", "China", "France"]),
            "developed_developing": pd.Series(["Developing", "Developed", "Developing", None]),
            "source": "un_m49",
            "vintage": "2026",
            "file_name": "UNSD_M49_Methodology.csv",
            "row_number": pd.Series([2, 3, 4, 5], dtype="int64"),
        }
    )


def test_dimension_good_frame_passes(gate_context: GateContext) -> None:
    result = run_gate(dimension_source(), dimension_frame(), context=gate_context)
    assert result.success, result.failures
    columns = {row["column"] for row in result.expectations}
    assert {"m49_code", "developed_developing", *PROVENANCE_COLUMNS} <= columns


def test_dimension_duplicates_fail(gate_context: GateContext) -> None:
    frame = dimension_frame()
    frame.loc[3, "m49_code"] = "156"
    result = run_gate(dimension_source(), frame, context=gate_context)
    failure = failing(result, "expect_column_values_to_be_unique")
    assert failure.columns == ("m49_code",)
    assert "e.g. '156'" in failure.detail


def test_dimension_compound_grain_and_domain(gate_context: GateContext) -> None:
    frame = dimension_frame()
    frame.loc[0, "developed_developing"] = "Emerging"
    result = run_gate(dimension_source(), frame, context=gate_context)
    assert [f.columns for f in result.failures] == [("developed_developing",)]
    source = dimension_source(name="wb_country_meta", grain=("file_name", "country_code"))
    suite = build_suite(source)
    assert suite.name == "raw_wb_country_meta"
    types = [e.expectation_type for e in suite.expectations]
    assert "expect_compound_columns_to_be_unique" in types


def test_data_docs_are_built(tmp_path: Path) -> None:
    context = GateContext.create(tmp_path / "gx_root")
    result = run_gate(long_source(), long_frame(), context=context)
    assert result.docs_index is None
    index = context.build_docs()
    assert index is not None and index.name == "index.html" and index.exists()
    assert index.is_relative_to(tmp_path)
    again = run_gate(long_source(), long_frame(), context=context, docs_dir=tmp_path / "gx_root")
    assert again.docs_index == index


def test_result_json_parses(gate_context: GateContext) -> None:
    frame = long_frame()
    frame.loc[2, "entity_code"] = pd.NA
    result = run_gate(long_source(), frame, context=gate_context)
    payload = json.loads(result.result_json)
    assert payload["success"] is False
    types = [r["expectation_config"]["type"] for r in payload["results"]]
    assert "expect_column_values_to_not_be_null" in types


def test_format_failure_line_truncates_file_list() -> None:
    failure = GateFailure("expect_column_values_to_be_between", ("year",), "year outside\n x")
    files = [f"f{i}.csv" for i in range(5)]
    line = format_failure_line("wgi", files, failure)
    assert line == (
        "gate failed: wgi [f0.csv, f1.csv, f2.csv, +2 more]: "
        "expect_column_values_to_be_between (year): year outside x"
    )


CONTRACT_SOURCES = {
    "wdi_api": "long",
    "wdi_topic": "long",
    "wdi_ddf": "long",
    "unsd_snaama": "long",
    "unctad_de": "long",
    "wgi": "long",
    "heritage": "long",
    "wb_country_meta": "dimension",
    "un_m49": "dimension",
}


@pytest.mark.parametrize("name", sorted(CONTRACT_SOURCES))
def test_every_contract_source_has_a_registrable_suite(
    name: str, gate_context: GateContext
) -> None:
    kind = CONTRACT_SOURCES[name]
    grain = {"long": LONG_GRAIN, "dimension": ("m49_code",)}[kind]
    if name == "wb_country_meta":
        grain = ("file_name", "country_code")
    source = long_source(name, kind=kind, grain=grain)
    suite = build_suite(source)
    assert suite.name == f"raw_{name}"
    assert len(suite.expectations) >= 5
    definition = gate_context.validation_definition(source)
    assert definition.suite.name == f"raw_{name}"


def test_heritage_scores_are_bounded_by_unit(gate_context: GateContext) -> None:
    frame = long_frame()
    frame["source"] = "heritage"
    frame["unit"] = np.where(frame.index < 20, "score 0-100", "US$ billions")
    frame["unit"] = frame["unit"].astype("string")
    frame["value"] = np.where(frame.index < 20, 55.0, 5000.0)  # non-scores are not bounded
    source = long_source("heritage", known_units=())
    assert run_gate(source, frame, context=gate_context).success
    frame.loc[3, "value"] = 101.0
    failure = failing(
        run_gate(source, frame, context=gate_context), "expect_column_values_to_be_between"
    )
    assert (
        "value outside 0..100 where unit IN {'score 0-100'}: 1 rows, e.g. 101.0" in failure.detail
    )
