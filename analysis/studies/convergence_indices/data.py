"""Read-only loading of the convergence marts; absent, empty or malformed marts are reported,
never raised (only a missing database file raises)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd

from analysis.studies.convergence_indices.spec import (
    COUPLING,
    MARTS,
    PROVINCE_PANEL,
    REQUIRED_COLUMNS,
)
from analysis.studies.shared import MartInputs, normalise_region, read_marts, with_read_only


class ConvergenceInputs(MartInputs):
    """The marts as DataFrames (``None`` when unusable) and the reasons they are unusable."""


def _normalise(table: str, df: pd.DataFrame) -> pd.DataFrame:
    df = df.copy()
    if "year" in df.columns:
        df["year"] = pd.to_numeric(df["year"], errors="coerce").astype("Int64")
    if "region" in df.columns:
        df["region"] = normalise_region(df["region"])
    if table == COUPLING:
        df = df[df["d"].notna()]
    return df


def read_inputs(
    con: duckdb.DuckDBPyConnection, source: str, tables: tuple[str, ...] = MARTS
) -> ConvergenceInputs:
    return read_marts(
        con, ConvergenceInputs(source=source, frames={}), tables, REQUIRED_COLUMNS, _normalise
    )


def load_inputs(con_or_db_path: duckdb.DuckDBPyConnection | str | Path) -> ConvergenceInputs:
    """Read the four convergence marts and ``marts.province_panel``.

    A path is opened ``read_only=True`` (FileNotFoundError when the file is missing); an open
    connection is used as is (only SELECTs are issued).
    """
    return with_read_only(con_or_db_path, read_inputs)


def province_lookup(inputs: ConvergenceInputs) -> pd.DataFrame:
    """One row per province_code: English name (else Chinese name, else code) and region."""
    panel = inputs.get(PROVINCE_PANEL)
    if panel is None:
        return pd.DataFrame(columns=["province_code", "province", "region"])
    cols = [c for c in ("province_name_en", "province_name_zh") if c in panel.columns]
    frame = panel.sort_values("year").groupby("province_code", as_index=False).last()
    name = frame["province_code"].astype(str)
    for col in reversed(cols):
        name = frame[col].where(frame[col].notna() & (frame[col].astype(str) != ""), name)
    return pd.DataFrame(
        {
            "province_code": frame["province_code"].astype(str),
            "province": name.astype(str),
            "region": frame["region"].astype("string"),
        }
    )
