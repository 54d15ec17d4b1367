"""Pieces the province studies share: NBS regions, read-only mart loading that reports (never
raises) absent, empty or malformed marts, chart set-up and caveat wording."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import duckdb
import pandas as pd

#: NBS four-region grouping of the provinces, in report order
REGIONS: tuple[str, ...] = ("east", "central", "west", "north-east")
REGION_LABELS: dict[str, str] = {
    "east": "East",
    "central": "Central",
    "west": "West",
    "north-east": "North-east",
}
REGION_COLOURS: dict[str, str] = {
    "east": "tab:blue",
    "central": "tab:orange",
    "west": "tab:green",
    "north-east": "tab:purple",
}


@dataclass
class MartInputs:
    """Marts as DataFrames (``None`` when unusable), why they are unusable, and row counts."""

    source: str
    frames: dict[str, pd.DataFrame | None]
    problems: dict[str, str] = field(default_factory=dict)
    rows: dict[str, int | None] = field(default_factory=dict)

    def get(self, table: str) -> pd.DataFrame | None:
        return self.frames.get(table)


InputsT = TypeVar("InputsT", bound=MartInputs)


def present_tables(con: duckdb.DuckDBPyConnection) -> set[str]:
    """``schema.table`` names of every table and view of the connection."""
    return {
        f"{s}.{t}"
        for s, t in con.execute(
            "select table_schema, table_name from information_schema.tables"
        ).fetchall()
    }


def normalise_region(values: pd.Series) -> pd.Series:
    """Lower-case, stripped region names with 'northeast' / 'north east' -> 'north-east'."""
    return (
        values.astype("string")
        .str.strip()
        .str.lower()
        .replace({"northeast": "north-east", "north east": "north-east"})
    )


def read_marts(
    con: duckdb.DuckDBPyConnection,
    inputs: InputsT,
    tables: Iterable[str],
    required: dict[str, tuple[str, ...]],
    normalise: Callable[[str, pd.DataFrame], pd.DataFrame],
    present: set[str] | None = None,
) -> InputsT:
    """Fill ``inputs`` with ``select *`` of each table: ``None`` plus the reason when the
    table is absent, lacks a ``required`` column or is empty; else ``normalise(table, df)``."""
    present = present_tables(con) if present is None else present
    for table in tables:
        if table not in present:
            inputs.frames[table] = None
            inputs.rows[table] = None
            inputs.problems[table] = f"{table} does not exist in {inputs.source}"
            continue
        df = con.execute(f"select * from {table}").df()
        inputs.rows[table] = len(df)
        missing = [c for c in required[table] if c not in df.columns]
        if missing:
            inputs.frames[table] = None
            inputs.problems[table] = f"{table} lacks column(s) {', '.join(missing)}"
        elif df.empty:
            inputs.frames[table] = None
            inputs.problems[table] = f"{table} is empty in {inputs.source}"
        else:
            inputs.frames[table] = normalise(table, df)
    return inputs


def with_read_only(
    con_or_db_path: duckdb.DuckDBPyConnection | str | Path,
    read: Callable[[duckdb.DuckDBPyConnection, str], InputsT],
) -> InputsT:
    """``read(con, source)`` on an open connection as is, or on a path opened
    ``read_only=True`` (FileNotFoundError when the file does not exist)."""
    if isinstance(con_or_db_path, duckdb.DuckDBPyConnection):
        return read(con_or_db_path, "the given connection")
    path = Path(con_or_db_path)
    if not path.exists():
        raise FileNotFoundError(f"warehouse database not found: {path}")
    with duckdb.connect(str(path), read_only=True) as con:
        return read(con, str(path))


def pyplot():
    """matplotlib.pyplot on the Agg backend (no display needed)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def save_figure(fig, plt, path: Path) -> Path:
    """Tight layout, 120 dpi PNG at ``path`` (folders created), figure closed."""
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=120, bbox_inches="tight")
    plt.close(fig)
    return path


def years_text(years: Iterable) -> str:
    """Sorted years with runs collapsed: '2004, 2008–2012' ('no years' when empty)."""
    ys = sorted({int(y) for y in years})
    if not ys:
        return "no years"
    runs: list[list[int]] = []
    for y in ys:
        if runs and y == runs[-1][1] + 1:
            runs[-1][1] = y
        else:
            runs.append([y, y])
    return ", ".join(f"{a}–{b}" if b > a else str(a) for a, b in runs)


def unit_names(codes: Iterable, lookup: dict[str, str], limit: int = 8) -> str:
    """'Beijing (CN-BJ), Tibet (CN-XZ)', sorted; '… and k more' beyond ``limit``."""
    names = sorted(f"{lookup.get(c, c)} ({c})" for c in set(codes))
    if len(names) > limit:
        return ", ".join(names[:limit]) + f" and {len(names) - limit} more"
    return ", ".join(names)
