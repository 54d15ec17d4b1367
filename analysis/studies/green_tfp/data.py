"""Read-only loading of the green-TFP marts; absent, empty or malformed marts are reported,
never raised (only a missing database file raises)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from analysis.studies.green_tfp.spec import COUNTRY_PANEL, MARTS, REQUIRED_COLUMNS
from analysis.studies.shared import (
    MartInputs,
    normalise_region,
    present_tables,
    read_marts,
    with_read_only,
)


@dataclass
class GreenTfpInputs(MartInputs):
    """The marts as DataFrames (``None`` when unusable), the reasons they are unusable and the
    column list of ``marts.country_panel`` (``None`` when that mart is absent)."""

    country_columns: list[str] | None = None


def _normalise(table: str, df: pd.DataFrame) -> pd.DataFrame:
    df = df.copy()
    if "year" in df.columns:
        df["year"] = pd.to_numeric(df["year"], errors="coerce").astype("Int64")
        df = df[df["year"].notna()].copy()
        df["year"] = df["year"].astype(int)
    if "region" in df.columns:
        df["region"] = normalise_region(df["region"]).astype("object")
    for col in ("province_code", "unit_id"):
        if col in df.columns:
            df[col] = df[col].astype(str)
    return df


def read_inputs(
    con: duckdb.DuckDBPyConnection, source: str, tables: tuple[str, ...] = MARTS
) -> GreenTfpInputs:
    present = present_tables(con)
    inputs = GreenTfpInputs(source=source, frames={})
    read_marts(con, inputs, tables, REQUIRED_COLUMNS, _normalise, present)
    if COUNTRY_PANEL in present:
        schema, name = COUNTRY_PANEL.split(".")
        inputs.country_columns = [
            r[0]
            for r in con.execute(
                "select column_name from information_schema.columns where table_schema = ? "
                "and table_name = ? order by ordinal_position",
                [schema, name],
            ).fetchall()
        ]
    else:
        inputs.problems[COUNTRY_PANEL] = f"{COUNTRY_PANEL} does not exist in {source}"
    return inputs


def load_inputs(con_or_db_path: duckdb.DuckDBPyConnection | str | Path) -> GreenTfpInputs:
    """Read the green-TFP marts (and the column list of ``marts.country_panel``).

    A path is opened ``read_only=True`` (FileNotFoundError when the file is missing); an open
    connection is used as is (only SELECTs are issued).
    """
    return with_read_only(con_or_db_path, read_inputs)


def province_lookup(green: pd.DataFrame | None, panel: pd.DataFrame | None) -> pd.DataFrame:
    """One row per province_code: English name (else Chinese name, else code) and region,
    from province_panel and then marts.green_tfp."""
    parts = []
    for frame in (panel, green):
        if frame is None:
            continue
        cols = [c for c in ("province_name_en", "province_name_zh") if c in frame.columns]
        last = frame.sort_values("year").groupby("province_code", as_index=False).last()
        name = last["province_code"].astype(str)
        for col in reversed(cols):
            ok = last[col].notna() & (last[col].astype(str) != "")
            name = last[col].astype(str).where(ok, name)
        parts.append(
            pd.DataFrame(
                {
                    "province_code": last["province_code"].astype(str),
                    "province": name.astype(str),
                    "region": last["region"].astype("object"),
                }
            )
        )
    if not parts:
        return pd.DataFrame(columns=["province_code", "province", "region"])
    out = pd.concat(parts, ignore_index=True).drop_duplicates("province_code", keep="first")
    out["region"] = out["region"].where(out["region"].notna(), "unknown")
    return out.reset_index(drop=True)
