"""Worldwide Governance Indicators, Stata release (``wgidataset.dta``).

One observation per economy × year with ``code`` (WGI's ISO3-like code), ``countryname``,
``year`` and 36 float variables ``<dim><field>``: dims va pv ge rq rl cc, fields e (estimate,
std. normal units), s (its standard error), n (number of sources), r (percentile rank 0-100),
l/u (percentile rank of the lower/upper bound of the 90% confidence interval).
Values are float32 in the file; they are widened through their shortest decimal text
(``1.482331``), not through binary widening (``1.4823310375213623``).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from warehouse.sources.base import Origin, ReadResult, Source, SourceFormatError
from warehouse.sources.long_frame import FileRead, cells_to_long, read_each

DIMENSIONS: dict[str, str] = {
    "va": "Voice and Accountability",
    "pv": "Political Stability and Absence of Violence/Terrorism",
    "ge": "Government Effectiveness",
    "rq": "Regulatory Quality",
    "rl": "Rule of Law",
    "cc": "Control of Corruption",
}
#: field letter -> (label, unit)
FIELDS: dict[str, tuple[str, str]] = {
    "e": ("estimate", "index (std. normal units)"),
    "s": ("standard error", "index (std. normal units)"),
    "n": ("number of sources", "count"),
    "r": ("percentile rank", "percentile rank 0-100"),
    "l": ("percentile rank, lower bound of 90% CI", "percentile rank 0-100"),
    "u": ("percentile rank, upper bound of 90% CI", "percentile rank 0-100"),
}
VARIABLES: dict[str, tuple[str, str]] = {
    f"{d}{f}": (f"{dim_name}: {field_name}", unit)
    for d, dim_name in DIMENSIONS.items()
    for f, (field_name, unit) in FIELDS.items()
}
ID_COLUMNS = ("code", "countryname", "year")

#: edition of each delivered file (SOURCES.md), used as vintage
VINTAGES: dict[str, str] = {"wgidataset.dta": "2022 update"}


def read_dta(path: Path) -> pd.DataFrame:
    """The Stata file as a frame (missing values as NaN)."""
    if path.stat().st_size == 0:
        raise SourceFormatError(path, "empty file (0 bytes)")
    try:
        return pd.read_stata(path, convert_categoricals=False)
    except Exception as exc:  # pandas raises ValueError/struct.error for non-Stata bytes
        message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise SourceFormatError(path, f"not a readable Stata .dta file: {message}") from exc


def widen(values: pd.Series) -> np.ndarray:
    """float32 -> float64 through the shortest decimal representation (NaN kept)."""
    arr = values.to_numpy()
    if arr.dtype == np.float32:
        return arr.astype(str).astype(np.float64)
    return arr.astype(np.float64)


def read_wgi_file(path: Path) -> tuple[pd.DataFrame, pd.DataFrame, int]:
    """Read one WGI .dta file: ``(long frame, rejected, observations)``."""
    data = read_dta(path)
    missing = [c for c in (*ID_COLUMNS, *VARIABLES) if c not in data.columns]
    if missing:
        raise SourceFormatError(
            path,
            f"missing required variable(s) {', '.join(missing)}; "
            f"found {', '.join(map(str, data.columns))}",
        )
    if data.empty:
        raise SourceFormatError(path, "no observations")
    row_number = np.arange(1, len(data) + 1, dtype=np.int64)
    parts = []
    for var, (name, unit) in VARIABLES.items():
        raw = data[var]
        if pd.api.types.is_numeric_dtype(raw):
            raw = pd.Series(widen(raw), index=data.index)
        present = raw.notna().to_numpy()
        parts.append(
            pd.DataFrame(
                {
                    "indicator_code": var,
                    "indicator_name": name,
                    "unit": unit,
                    "entity_code": data["code"].to_numpy()[present],
                    "entity_name": data["countryname"].to_numpy()[present],
                    "year": data["year"].to_numpy()[present],
                    "raw": raw.to_numpy()[present],
                    "row_number": row_number[present],
                    "column": var,
                }
            )
        )
    cells = pd.concat(parts, ignore_index=True)
    frame, rejected = cells_to_long(
        cells, source="wgi", file_name=path.name, vintage=VINTAGES.get(path.name, "undated")
    )
    return frame, rejected, len(data)


def read(paths: Sequence[Path]) -> ReadResult:
    """Read WGI Stata files into the ``wgi`` long table."""

    def one(path: Path) -> FileRead:
        frame, rejected, n_rows = read_wgi_file(path)
        return FileRead(frame, rejected, n_rows, VINTAGES.get(path.name, "undated"), None)

    return read_each(paths, one)


WGI = Source(
    name="wgi",
    table="wgi",
    patterns=("wgi/wgidataset*.dta",),
    origin=Origin(
        publisher="World Bank (Kaufmann and Kraay)",
        dataset="Worldwide Governance Indicators",
        edition="2022 update, data 1996-2021",
        url="https://www.worldbank.org/en/publication/worldwide-governance-indicators",
        licence="CC BY 4.0",
        citation=(
            "Kaufmann, D. and A. Kraay, Worldwide Governance Indicators, 2022 update; copied from "
            "zjq1234567/replication-governance-indicators @ed69a926, raw_data/wgidataset.dta."
        ),
    ),
    grain=("indicator_code", "entity_code", "year"),
    read=read,
    description=(
        "Six governance dimensions × six fields (estimate, s.e., sources, percentile rank and "
        "its 90% CI) for 214 economies, 1996-2021; indicator_code = Stata variable (gee, …)."
    ),
    known_units=tuple(sorted({u for _, u in FIELDS.values()})),
    min_rows=50,
    max_rows=900_000,
    known_defects=(
        "No data for 1997, 1999 and 2001 (WGI was biennial until 2002).",
        "No 2022-2023 (needs the 2023/2024 WGI update).",
        "WGI's own codes differ from ISO3: ADO (Andorra), ROM (Romania), ZAR (DR Congo), "
        "TMP (Timor-Leste), KSV (Kosovo), WBG (West Bank and Gaza), ANT, JEY.",
        "Values are float32 in the Stata file (about 7 significant digits).",
    ),
)
