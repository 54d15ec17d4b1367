"""Turn raw cells into the typed long frame and the rejected-cell frame.

Every reader ends with a frame of *candidate cells* (one per publisher cell, empty or not) and
calls :func:`cells_to_long`: empty cells and publisher placeholders are dropped (not
published), unparseable ones become rejected rows, the rest become typed long rows.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from warehouse.sources.base import LONG_COLUMNS, REJECTED_COLUMNS, ReadResult, empty_long_frame

#: Columns a candidate-cell frame must have (``year`` and ``raw`` may be text or numbers).
CELL_COLUMNS: tuple[str, ...] = (
    "indicator_code",
    "indicator_name",
    "unit",
    "entity_code",
    "entity_name",
    "year",
    "raw",  # the published cell: text (CSV) or number/text (xlsx, Stata)
    "row_number",
    "column",  # the publisher's column the value came from (for rejections)
)

_INT_RE = re.compile(r"^[+-]?\d+$")


def empty_rejected() -> pd.DataFrame:
    """An empty rejected-cells frame."""
    return pd.DataFrame(
        {
            "file_name": pd.Series(dtype="string"),
            "row_number": pd.Series(dtype="int64"),
            "column": pd.Series(dtype="string"),
            "raw_value": pd.Series(dtype="string"),
            "reason": pd.Series(dtype="string"),
        }
    )[list(REJECTED_COLUMNS)]


def _as_text(raw: pd.Series) -> pd.Series:
    """Cell contents as stripped text; missing (None/NaN) cells become ''."""
    text = raw.astype("string").fillna("")
    return text.str.strip()


def parse_numbers(raw: pd.Series, missing: Iterable[str] = ("",)) -> tuple[pd.Series, pd.Series]:
    """Parse published cells as float64.

    Returns ``(values, status)`` aligned with ``raw``; status is ``"empty"`` (not published:
    blank or a placeholder in ``missing``), ``"ok"`` or a rejection reason.
    """
    if raw.empty:
        return pd.Series(dtype="float64", index=raw.index), pd.Series(dtype=object, index=raw.index)
    if pd.api.types.is_numeric_dtype(raw) and not pd.api.types.is_bool_dtype(raw):
        values = raw.astype("float64")
        status = pd.Series("ok", index=raw.index, dtype=object)
        status[values.isna()] = "empty"
        status[np.isinf(values)] = "not a finite number"
        return values, status
    if isinstance(raw.dtype, pd.StringDtype):
        numeric = pd.Series(False, index=raw.index)
    else:
        numeric = raw.map(
            lambda v: isinstance(v, (int, float, np.number)) and not isinstance(v, bool)
        ).astype(bool)
    text = _as_text(raw.where(~numeric, None))
    values = pd.Series(np.nan, index=raw.index, dtype="float64")
    if numeric.any():
        values[numeric] = raw[numeric].astype("float64")
    from_text = ~numeric & ~text.isin(list(missing))
    if from_text.any():
        values[from_text] = pd.to_numeric(text[from_text], errors="coerce").astype("float64")
    status = pd.Series("ok", index=raw.index, dtype=object)
    status[(numeric & values.isna()) | (~numeric & ~from_text)] = "empty"
    status[from_text & values.isna()] = "not a number"
    status[np.isinf(values)] = "not a finite number"
    return values, status


def parse_years(raw: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Parse a year column as int64; returns ``(years, ok_mask)`` (bad years are 0)."""
    if pd.api.types.is_integer_dtype(raw):
        return raw.astype("int64"), pd.Series(True, index=raw.index)
    text = _as_text(raw).str.replace(r"\.0$", "", regex=True)
    ok = text.str.fullmatch(_INT_RE.pattern).fillna(False).astype(bool)
    years = pd.Series(0, index=raw.index, dtype="int64")
    years[ok] = text[ok].astype("int64")
    return years, ok


def cells_to_long(
    cells: pd.DataFrame,
    *,
    source: str,
    file_name: str,
    vintage: str,
    missing: Iterable[str] = ("",),
    year_column: str = "year",
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Build ``(long frame, rejected frame)`` from candidate cells of one file.

    ``year_column`` names the publisher's column holding the year, for rejections of
    unparseable years (wide files carry the year in the header and never reject it).
    """
    if cells.empty:
        return empty_long_frame(), empty_rejected()
    values, status = parse_numbers(cells["raw"], missing)
    years, year_ok = parse_years(cells["year"])
    present = status != "empty"
    bad_year = present & ~year_ok
    bad_value = present & year_ok & (status != "ok")
    rejected = pd.concat(
        [
            pd.DataFrame(
                {
                    "column": year_column,
                    "raw_value": cells.loc[bad_year, "year"],
                    "reason": "year is not an integer",
                    "row_number": cells.loc[bad_year, "row_number"],
                }
            ),
            pd.DataFrame(
                {
                    "column": cells.loc[bad_value, "column"],
                    "raw_value": cells.loc[bad_value, "raw"],
                    "reason": status[bad_value],
                    "row_number": cells.loc[bad_value, "row_number"],
                }
            ),
        ]
    )
    keep = present & year_ok & (status == "ok")
    kept = cells.loc[keep]
    frame = pd.DataFrame(
        {
            "source": source,
            "indicator_code": kept["indicator_code"].astype("string").str.strip(),
            "indicator_name": kept["indicator_name"].astype("string").str.strip(),
            "unit": kept["unit"].astype("string"),
            "entity_code": kept["entity_code"].astype("string").str.strip(),
            "entity_name": kept["entity_name"].astype("string").str.strip(),
            "year": years[keep],
            "value": values[keep],
            "vintage": vintage,
            "file_name": file_name,
            "row_number": kept["row_number"].astype("int64"),
        }
    )
    return _typed_long(frame), _typed_rejected(rejected, file_name)


def _typed_long(frame: pd.DataFrame) -> pd.DataFrame:
    template = empty_long_frame()
    out = frame[list(LONG_COLUMNS)].reset_index(drop=True)
    return out.astype(template.dtypes.to_dict())


def _typed_rejected(rejected: pd.DataFrame, file_name: str) -> pd.DataFrame:
    if rejected.empty:
        return empty_rejected()
    out = rejected.assign(file_name=file_name)
    out["raw_value"] = out["raw_value"].map(str)
    out = out.sort_values(["row_number", "column"], kind="stable").reset_index(drop=True)
    return out[list(REJECTED_COLUMNS)].astype(empty_rejected().dtypes.to_dict())


def concat_long(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """Concatenate long frames keeping the dtypes of :func:`empty_long_frame`."""
    frames = [f for f in frames if not f.empty]
    if not frames:
        return empty_long_frame()
    return pd.concat(frames, ignore_index=True).astype(empty_long_frame().dtypes.to_dict())


def concat_rejected(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """Concatenate rejected frames (empty ones skipped)."""
    frames = [f for f in frames if not f.empty]
    if not frames:
        return empty_rejected()
    return pd.concat(frames, ignore_index=True)


@dataclass(frozen=True)
class FileRead:
    """What reading one file gives: long rows, rejected cells, data rows seen, vintage."""

    frame: pd.DataFrame
    rejected: pd.DataFrame
    rows_read: int
    vintage: str
    encoding: str | None = "utf-8"  # None for binary formats (xlsx, Stata)


def read_each(paths: Sequence[Path], read_one: Callable[[Path], FileRead]) -> ReadResult:
    """Read every file with ``read_one`` and combine the results into one :class:`ReadResult`."""
    reads = {Path(p).name: read_one(Path(p)) for p in paths}
    return ReadResult(
        frame=concat_long([r.frame for r in reads.values()]),
        rejected=concat_rejected([r.rejected for r in reads.values()]),
        rows_read={name: r.rows_read for name, r in reads.items()},
        vintages={name: r.vintage for name, r in reads.items()},
        encodings={name: r.encoding for name, r in reads.items() if r.encoding},
    )
