"""Run any DEA model of :mod:`analysis.dea` on a table, by name (the engine of ``convergence dea``).

Cross-section models (``ccr``, ``bcc``, ``sbm``, ``super_sbm``, ``ddf``) with a ``period``
column are solved period by period, each period its own frontier (contemporaneous), and the
results stacked; without ``period`` the whole table is one cross-section. Panel models
(``ml`` contemporaneous Malmquist–Luenberger, ``gml`` global ML, ``malmquist`` radial) need
``period``. Bad outputs are required by ``ddf``, ``ml`` and ``gml`` and used by the SBM models
when given.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis.dea._common import attached_table
from analysis.dea.ddf import ddf
from analysis.dea.malmquist import malmquist, malmquist_luenberger
from analysis.dea.radial import radial
from analysis.dea.sbm import sbm

CROSS_SECTION = ("ccr", "bcc", "sbm", "super_sbm", "ddf")
PANEL = ("ml", "gml", "malmquist")
MODELS = CROSS_SECTION + PANEL


@dataclass(frozen=True)
class DEASpec:
    """What to run: model name, column roles, returns to scale and orientation."""

    model: str
    inputs: tuple[str, ...]
    outputs: tuple[str, ...]
    bad_outputs: tuple[str, ...] = ()
    dmu: str = "dmu"
    period: str | None = None
    rts: str = "crs"
    orientation: str | None = None  # default per model: input (radial), none (SBM), output

    def validate(self, columns: Sequence[str]) -> None:
        """Raise ``ValueError`` naming the problem (unknown model, missing columns, roles)."""
        if self.model not in MODELS:
            raise ValueError(f"unknown model {self.model!r}; choose one of {', '.join(MODELS)}")
        if not self.inputs or not self.outputs:
            raise ValueError("at least one input and one (good) output column are required")
        if self.model in ("ddf", "ml", "gml") and not self.bad_outputs:
            raise ValueError(f"model {self.model!r} needs --bad-outputs")
        if self.model in PANEL and not self.period:
            raise ValueError(f"model {self.model!r} is a panel index: give the --period column")
        wanted = [self.dmu, *self.inputs, *self.outputs, *self.bad_outputs]
        wanted += [self.period] if self.period else []
        missing = [c for c in wanted if c not in columns]
        if missing:
            raise ValueError(f"columns not in the table: {missing}; it has {list(columns)}")


def _cross_section(frame: pd.DataFrame, spec: DEASpec) -> pd.DataFrame:
    common = {"dmu": spec.dmu, "rts": spec.rts}
    if spec.period:
        common["period"] = spec.period
    if spec.model in ("ccr", "bcc"):
        rts = "crs" if spec.model == "ccr" else "vrs"
        return radial(
            frame,
            spec.inputs,
            spec.outputs,
            orientation=spec.orientation or "input",
            **{**common, "rts": rts},
        )
    if spec.model in ("sbm", "super_sbm"):
        return sbm(
            frame,
            spec.inputs,
            spec.outputs,
            spec.bad_outputs,
            orientation=spec.orientation or "none",
            super_efficiency=spec.model == "super_sbm",
            **common,
        )
    return ddf(frame, spec.inputs, spec.outputs, spec.bad_outputs, **common)


def run_dea(frame: pd.DataFrame, spec: DEASpec) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(results, problems): the model's tidy result and the data problems it reported (DMUs
    named), stacked over periods for cross-section models."""
    spec.validate(list(frame.columns))
    if spec.model in PANEL:
        if spec.model == "malmquist":
            result = malmquist(
                frame,
                spec.inputs,
                spec.outputs,
                spec.dmu,
                spec.period,
                orientation=spec.orientation or "output",
            )
        else:
            kind = "global" if spec.model == "gml" else "contemporaneous"
            result = malmquist_luenberger(
                frame,
                spec.inputs,
                spec.outputs,
                spec.bad_outputs,
                spec.dmu,
                spec.period,
                spec.rts,
                kind,
            )
        return result, attached_table(result, "problems")
    parts = [frame] if not spec.period else [g for _, g in frame.groupby(spec.period, sort=True)]
    results = [_cross_section(part, spec) for part in parts]
    problems = [attached_table(r, "problems") for r in results]
    problems = [p for p in problems if not p.empty]
    return (
        pd.concat(results, ignore_index=True),
        pd.concat(problems, ignore_index=True) if problems else pd.DataFrame(),
    )


def complete_rows(frame: pd.DataFrame, spec: DEASpec) -> tuple[pd.DataFrame, int]:
    """Rows with every column the model uses present (a DMU needs all its inputs and outputs),
    and how many were left out. Columns the table lacks are left to :meth:`DEASpec.validate`."""
    used = [spec.dmu, *spec.inputs, *spec.outputs, *spec.bad_outputs]
    used += [spec.period] if spec.period else []
    if any(c not in frame.columns for c in used):
        return frame, 0
    incomplete = frame[used].isna().any(axis=1)
    return frame.loc[~incomplete], int(incomplete.sum())


def read_table(path: Path) -> pd.DataFrame:
    """A CSV (UTF-8) or Parquet file by its suffix (Parquet through DuckDB: no pyarrow needed)."""
    path = Path(path)
    if path.suffix.lower() in (".parquet", ".pq"):
        import duckdb

        with duckdb.connect() as con:
            return con.execute("select * from read_parquet(?)", [str(path)]).df()
    if path.suffix.lower() in (".csv", ".txt"):
        return pd.read_csv(path)
    raise ValueError(f"{path.name}: unknown table format (use .csv or .parquet)")


def _flat(frame: pd.DataFrame) -> pd.DataFrame:
    """List cells (peers, lambdas) as space-separated text."""
    out = frame.copy()
    for column in out.columns:
        if out[column].map(lambda v: isinstance(v, list | tuple)).any():
            out[column] = out[column].map(
                lambda v: " ".join(map(str, v)) if isinstance(v, list | tuple) else v
            )
    return out


def write_table(frame: pd.DataFrame, path: Path) -> Path:
    """CSV or Parquet by suffix (Parquet through DuckDB); list cells are written as text."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    out = _flat(frame)
    if path.suffix.lower() in (".parquet", ".pq"):
        import duckdb

        with duckdb.connect() as con:
            con.register("result", out)
            con.execute(f"copy result to '{path.as_posix()}' (format parquet)")
    elif path.suffix.lower() == ".csv":
        out.to_csv(path, index=False)
    else:
        raise ValueError(f"{path.name}: unknown output format (use .csv or .parquet)")
    return path


__all__ = [
    "CROSS_SECTION",
    "MODELS",
    "PANEL",
    "DEASpec",
    "complete_rows",
    "read_table",
    "run_dea",
    "write_table",
]
