"""Read-only loading of the green-TFP marts; absent, empty or malformed marts are reported,
never raised (only a missing database file raises)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from analysis.studies.green_tfp.spec import COUNTRY_PANEL, MARTS, REQUIRED_COLUMNS


@dataclass
class GreenTfpInputs:
    """The marts as DataFrames (``None`` when unusable), the reasons they are unusable and the
    column list of ``marts.country_panel`` (``None`` when that mart is absent)."""

    source: str
    frames: dict[str, pd.DataFrame | None]
    problems: dict[str, str] = field(default_factory=dict)
    rows: dict[str, int | None] = field(default_factory=dict)
    country_columns: list[str] | None = None

    def get(self, table: str) -> pd.DataFrame | None:
        return self.frames.get(table)


def _present_tables(con: duckdb.DuckDBPyConnection) -> set[str]:
    return {
        f"{s}.{t}"
        for s, t in con.execute(
            "select table_schema, table_name from information_schema.tables"
        ).fetchall()
    }


def _normalise(df: pd.DataFrame) -> pd.DataFrame:
    df = df.copy()
    if "year" in df.columns:
        df["year"] = pd.to_numeric(df["year"], errors="coerce").astype("Int64")
        df = df[df["year"].notna()].copy()
        df["year"] = df["year"].astype(int)
    if "region" in df.columns:
        df["region"] = (
            df["region"]
            .astype("string")
            .str.strip()
            .str.lower()
            .replace({"northeast": "north-east", "north east": "north-east"})
            .astype("object")
        )
    for col in ("province_code", "unit_id"):
        if col in df.columns:
            df[col] = df[col].astype(str)
    return df


def read_inputs(
    con: duckdb.DuckDBPyConnection, source: str, tables: tuple[str, ...] = MARTS
) -> GreenTfpInputs:
    present = _present_tables(con)
    inputs = GreenTfpInputs(source=source, frames={})
    for table in tables:
        if table not in present:
            inputs.frames[table] = None
            inputs.rows[table] = None
            inputs.problems[table] = f"{table} does not exist in {source}"
            continue
        df = con.execute(f"select * from {table}").df()
        inputs.rows[table] = len(df)
        missing = [c for c in REQUIRED_COLUMNS[table] if c not in df.columns]
        if missing:
            inputs.frames[table] = None
            inputs.problems[table] = f"{table} lacks column(s) {', '.join(missing)}"
        elif df.empty:
            inputs.frames[table] = None
            inputs.problems[table] = f"{table} is empty in {source}"
        else:
            inputs.frames[table] = _normalise(df)
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
    if isinstance(con_or_db_path, duckdb.DuckDBPyConnection):
        return read_inputs(con_or_db_path, "the given connection")
    path = Path(con_or_db_path)
    if not path.exists():
        raise FileNotFoundError(f"warehouse database not found: {path}")
    with duckdb.connect(str(path), read_only=True) as con:
        return read_inputs(con, str(path))


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
