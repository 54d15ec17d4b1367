"""Input-output sources: their long layout :data:`IO_COLUMNS` and their registry ``IO_SOURCES``.

IO tables do not fit :data:`~warehouse.sources.base.LONG_COLUMNS` (a cell has a *row* and a
*column* code, not an indicator × entity), so they land in their own long layout, one row per
published cell (zeros included; empty cells are not rows):

* ``source``: source name (``wiod_niot``, ``wiod_wiot``, ``oecd_iot``, ``nbs_iot``,
  ``china_employment``);
* ``country``: ISO3 of the table's country (for the WIOT: the *using* country);
* ``year``: int, the table year;
* ``origin``: ``domestic`` / ``imports`` (WIOD Z^d and Z^m rows with their final uses; NBS
  42-sector 2017/2018/2020 tables), ``tot`` (value-added block: WIOD II_fob … GO, NBS TII …
  TI of those tables), ``total`` (competitive-import tables and series: OECD, other NBS,
  employment);
* ``row_code``: publisher's row code (WIOD ``C26``/``VA``, OECD ``26``/``VALU``, NBS
  ``001``/``TVA``, employment ``A01``); WIOT rows are ``<supplier ISO3>/<code>`` (``CHN/C26``);
* ``column_code``: publisher's column code (``C26``, ``CONS_h``, ``GO``, ``HFCE``, ``FU101``);
  employment: ``EMP``;
* ``value``: float64 in ``unit``, as published (zeros kept; empty/NA cells are not rows);
* ``unit``: ``US$ million`` (WIOD, OECD), ``10,000 CNY`` (NBS), ``10,000 persons``
  (employment);
* ``vintage``: edition (``2016-11`` WIOD Nov16, ``2021 edition`` OECD, ``ionet fa9d0423``);
* ``file_name``: base name of the file;
* ``row_number``: 1-based physical line (CSV), sheet row (xlsx) or data.frame row (rda).

Text columns are ``category`` (the NIOT alone are ~4.9 million cells). ``IO_SOURCES`` is
kept apart from the country registry ``warehouse.sources.SOURCES``; it is built lazily (module
``__getattr__``) so that the reader modules can import the helpers defined here.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd

from warehouse.sources.base import ReadResult, Source
from warehouse.sources.long_frame import concat_rejected, empty_rejected, parse_numbers

IO_COLUMNS: tuple[str, ...] = (
    "source",
    "country",
    "year",
    "origin",
    "row_code",
    "column_code",
    "value",
    "unit",
    "vintage",
    "file_name",
    "row_number",
)

#: grain (unique key) of every IO long table
IO_GRAIN: tuple[str, ...] = ("file_name", "country", "year", "origin", "row_code", "column_code")

ORIGINS: tuple[str, ...] = ("domestic", "imports", "tot", "total")

_TEXT = ("source", "country", "origin", "row_code", "column_code", "unit", "vintage", "file_name")


def empty_io_frame() -> pd.DataFrame:
    """An empty frame with :data:`IO_COLUMNS` and their dtypes."""
    cols: dict[str, pd.Series] = {}
    for c in IO_COLUMNS:
        if c in _TEXT:
            cols[c] = pd.Series(pd.Categorical([]))
        elif c == "value":
            cols[c] = pd.Series(dtype="float64")
        else:
            cols[c] = pd.Series(dtype="int64")
    return pd.DataFrame(cols)


def io_frame(columns: dict[str, object], n: int) -> pd.DataFrame:
    """Build a typed IO frame of ``n`` rows from arrays or scalars (scalars are broadcast)."""
    out: dict[str, object] = {}
    for c in IO_COLUMNS:
        v = columns[c]
        if c in _TEXT:
            if isinstance(v, pd.Categorical):
                out[c] = v
            elif np.isscalar(v):
                out[c] = pd.Categorical.from_codes(np.zeros(n, dtype=np.int8), [str(v)])
            else:
                out[c] = pd.Categorical(v)
        elif c == "value":
            out[c] = np.asarray(v, dtype="float64") if not np.isscalar(v) else np.full(n, v, float)
        else:
            out[c] = np.asarray(v, dtype="int64") if not np.isscalar(v) else np.full(n, v, "int64")
    return pd.DataFrame(out, copy=False)


def repeated_codes(labels: np.ndarray, times: int, keep: np.ndarray) -> pd.Categorical:
    """``np.repeat(labels, times)[keep]`` as a categorical, factorizing ``labels`` only once."""
    codes, uniques = pd.factorize(np.asarray(labels, dtype=object))
    return pd.Categorical.from_codes(np.repeat(codes, times)[keep], list(uniques))


def tiled_codes(labels: Sequence[str], times: int, keep: np.ndarray) -> pd.Categorical:
    """``np.tile(labels, times)[keep]`` as a categorical (``labels`` must be distinct)."""
    codes = np.tile(np.arange(len(labels), dtype=np.int32), times)[keep]
    return pd.Categorical.from_codes(codes, list(labels))


def wide_to_io(
    df: pd.DataFrame,
    *,
    file_name: str,
    code_column: str,
    value_columns: Sequence[str],
    origin: str | np.ndarray,
    **scalars: object,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A wide table (one row per row code, one column per column code) -> IO long cells.

    ``row_number`` is the 1-based position in ``df``; ``origin`` is one value or one per row;
    ``scalars`` give source, country, year, unit, vintage. Missing cells (R ``NA``) are not
    published (no row); non-numeric text becomes a rejected cell.
    """
    n_rows, n_cols = len(df), len(value_columns)
    codes = df[code_column].astype(str).str.strip().to_numpy(dtype=object)
    lines = np.arange(1, n_rows + 1, dtype=np.int64)
    parsed = [parse_numbers(df[c]) for c in value_columns]
    values = np.column_stack([v.to_numpy() for v, _ in parsed]).ravel() if n_cols else np.array([])
    status = np.column_stack([s.to_numpy() for _, s in parsed]).ravel() if n_cols else values
    keep = status == "ok"
    bad = ~keep & (status != "empty")
    rejected = empty_rejected()
    if bad.any():
        raw = np.column_stack([df[c].astype(str).to_numpy() for c in value_columns]).ravel()
        rejected = pd.DataFrame(
            {
                "file_name": file_name,
                "row_number": np.repeat(lines, n_cols)[bad],
                "column": np.tile(np.asarray(value_columns, dtype=object), n_rows)[bad],
                "raw_value": raw[bad],
                "reason": status[bad],
            }
        ).astype(empty_rejected().dtypes.to_dict())
    origins = (
        pd.Categorical.from_codes(np.zeros(int(keep.sum()), dtype=np.int8), [origin])
        if isinstance(origin, str)
        else repeated_codes(origin, n_cols, keep)
    )
    frame = io_frame(
        {
            **scalars,
            "origin": origins,
            "row_code": repeated_codes(codes, n_cols, keep),
            "column_code": tiled_codes([str(c) for c in value_columns], n_rows, keep),
            "value": values[keep],
            "file_name": file_name,
            "row_number": np.repeat(lines, n_cols)[keep],
        },
        int(keep.sum()),
    )
    return frame, rejected


def concat_io(frames: Sequence[pd.DataFrame]) -> pd.DataFrame:
    """Concatenate IO frames; text columns stay categorical (categories unioned)."""
    frames = [f for f in frames if not f.empty]
    if not frames:
        return empty_io_frame()
    if len(frames) == 1:
        return frames[0].reset_index(drop=True)
    out: dict[str, object] = {}
    for c in IO_COLUMNS:
        if c in _TEXT:
            out[c] = pd.api.types.union_categoricals([f[c] for f in frames], ignore_order=True)
        else:
            out[c] = np.concatenate([f[c].to_numpy() for f in frames])
    return pd.DataFrame(out, copy=False)


def combine(reads: dict[str, tuple[pd.DataFrame, pd.DataFrame, int, str]]) -> ReadResult:
    """``{file name: (frame, rejected, rows read, vintage)}`` -> one :class:`ReadResult`."""
    return ReadResult(
        frame=concat_io([r[0] for r in reads.values()]),
        rejected=concat_rejected([r[1] for r in reads.values()]),
        rows_read={k: r[2] for k, r in reads.items()},
        vintages={k: r[3] for k, r in reads.items()},
    )


@cache
def _collect() -> dict[str, Source]:
    from warehouse.sources.nbs_iot import NBS_IOT
    from warehouse.sources.oecd_iot import OECD_IOT
    from warehouse.sources.sea_employment import CHINA_EMPLOYMENT
    from warehouse.sources.wiod import WIOD_NIOT, WIOD_WIOT

    return {s.name: s for s in (WIOD_NIOT, WIOD_WIOT, OECD_IOT, NBS_IOT, CHINA_EMPLOYMENT)}


def __getattr__(name: str) -> object:
    if name == "IO_SOURCES":
        return _collect()
    raise AttributeError(name)


def read_all(raw_dir: Path) -> dict[str, ReadResult]:
    """Read every IO source found under ``raw_dir`` (sources without files are skipped)."""
    results = {}
    for name, src in _collect().items():
        files = src.find_files(raw_dir)
        if files:
            results[name] = src.read(files)
    return results
