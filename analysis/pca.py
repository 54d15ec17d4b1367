"""Principal components of standardised indicators (e.g. institutional quality from the six WGI).

Conventions (methods.md §1, "Moderation"):

- Sample: the frame *as given* -- for a panel this is the pooled country-year panel, one fit for
  all years, so the scores compare across years. Rows with a missing or non-finite value in any
  input column are left out of the fit (listwise) and get a NaN score; they are counted.
- Standardisation: ``z_j = (x_j - mean_j) / sd_j`` with the sample SD at ``ddof=1`` (n - 1), as
  R's ``scale()`` / ``prcomp(..., scale. = TRUE)``. The covariance of the standardised columns is
  then the correlation matrix ``R = Z'Z / (n - 1)``.
- Decomposition: ``R = V diag(lambda) V'`` (symmetric eigen-decomposition), components ordered by
  decreasing eigenvalue. ``lambda_k`` is the variance of component k's scores; ``sqrt(lambda_k)``
  is what ``prcomp`` prints as "Standard deviation"; explained variance ratio ``lambda_k / p``.
  Loadings are the unit-length eigenvectors (``prcomp``'s ``rotation``), *not* eigenvectors scaled
  by ``sqrt(lambda)`` (factor-analysis "loadings").
- Scores: ``Z V`` (``prcomp``'s ``x``); the first column is the index (e.g. ``insti``).
- Sign: an eigenvector is defined only up to sign. Rule ``"sum_positive"`` (default) flips each
  component so that its loadings sum to a positive number. For component 1 this is the same as
  requiring its scores to correlate positively with the row mean of the standardised inputs,
  because ``cov(Z v, Z 1/p) = v' R 1 / p = lambda v'1 / p`` and ``lambda > 0``. When all loadings
  of component 1 share a sign (the usual case for the WGI), the rule makes them all positive
  (methods.md: "sign fixed so loadings are positive"); mixed signs are flagged in ``notes``.
  Rule ``"anchor"`` makes the loading of a named column positive; ``"none"`` keeps the solver's
  sign (arbitrary, only for comparison). A loadings sum of exactly zero falls back to making the
  largest absolute loading positive.

Checked against R's ``prcomp(USArrests, scale. = TRUE)`` in ``tests/unit/test_analysis_pca.py``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import pandas as pd

SignRule = Literal["sum_positive", "anchor", "none"]
DDOF = 1
_SUM_TOL = 1e-12


class PCAInputError(ValueError):
    """The requested PCA cannot be computed as specified (named cause in the message)."""


@dataclass(frozen=True)
class PCAResult:
    """Output of :func:`first_component`.

    ``loadings`` is p x p (rows: input columns, columns: ``PC1`` ... ``PCp``); ``scores`` is the
    first component for every row of the input frame (same index; NaN where an input is missing);
    ``component_scores`` holds all components the same way.
    """

    columns: list[str]
    loadings: pd.DataFrame
    eigenvalues: pd.Series
    explained_variance_ratio: pd.Series
    scores: pd.Series
    component_scores: pd.DataFrame
    means: pd.Series
    std_devs_input: pd.Series
    sign_rule: str
    sign_rule_description: str
    flipped: pd.Series  # per component: was the solver's eigenvector multiplied by -1?
    n_input: int
    n_used: int
    n_dropped_missing: int
    n_dropped_missing_by_column: dict[str, int]
    ddof: int = DDOF
    notes: list[str] = field(default_factory=list)

    @property
    def std_devs(self) -> pd.Series:
        """Standard deviation of each component's scores, ``sqrt(eigenvalue)`` (prcomp ``sdev``)."""
        return np.sqrt(self.eigenvalues.clip(lower=0.0))

    @property
    def cumulative_variance_ratio(self) -> pd.Series:
        return self.explained_variance_ratio.cumsum()

    @property
    def pc1_loadings(self) -> pd.Series:
        return self.loadings["PC1"]

    def summary(self) -> pd.DataFrame:
        """prcomp's ``summary()`` table: standard deviation, proportion, cumulative proportion."""
        return pd.DataFrame(
            {
                "std_dev": self.std_devs,
                "eigenvalue": self.eigenvalues,
                "proportion": self.explained_variance_ratio,
                "cumulative": self.cumulative_variance_ratio,
            }
        )

    def describe(self) -> str:
        share = float(self.explained_variance_ratio.iloc[0])
        parts = [
            f"PCA of {len(self.columns)} standardised columns (ddof={self.ddof}) on "
            f"{self.n_used} of {self.n_input} rows",
            f"PC1 explains {share:.1%}",
            f"sign rule: {self.sign_rule_description}",
        ]
        if self.n_dropped_missing:
            cols = ", ".join(f"{c}: {n}" for c, n in self.n_dropped_missing_by_column.items() if n)
            parts.append(f"{self.n_dropped_missing} rows missing an input ({cols})")
        return "; ".join(parts)


def _sign_description(rule: str, anchor: str | None) -> str:
    if rule == "sum_positive":
        return (
            "each component flipped so its loadings sum to > 0 (PC1 correlates positively "
            "with the mean of the standardised inputs)"
        )
    if rule == "anchor":
        return f"each component flipped so the loading of {anchor!r} is > 0"
    return "none (solver's arbitrary eigenvector sign)"


def first_component(
    df: pd.DataFrame,
    columns: list[str],
    sign_rule: SignRule = "sum_positive",
    *,
    anchor: str | None = None,
) -> PCAResult:
    """PCA of the standardised ``columns`` of ``df``; see the module docstring for conventions.

    Raises :class:`PCAInputError` for absent or non-numeric columns, fewer than 2 complete rows,
    a column without variation (named), an unknown sign rule, or a bad anchor.
    """
    if sign_rule not in ("sum_positive", "anchor", "none"):
        raise PCAInputError(
            f"sign_rule must be 'sum_positive', 'anchor' or 'none', not {sign_rule!r}"
        )
    columns = list(columns)
    if not columns:
        raise PCAInputError("at least one column is required")
    if len(set(columns)) != len(columns):
        raise PCAInputError(f"duplicate columns: {columns}")
    absent = [c for c in columns if c not in df.columns]
    if absent:
        raise PCAInputError(f"columns not in the data: {absent}")
    non_numeric = [c for c in columns if not pd.api.types.is_numeric_dtype(df[c])]
    if non_numeric:
        raise PCAInputError(f"columns are not numeric: {non_numeric}")
    if sign_rule == "anchor" and anchor not in columns:
        raise PCAInputError(f"sign_rule='anchor' needs anchor= one of {columns}, got {anchor!r}")

    values = df[columns].astype(float)
    bad = ~np.isfinite(values.to_numpy())  # NaN and +/-inf
    by_column = {c: int(bad[:, j].sum()) for j, c in enumerate(columns)}
    used = ~bad.any(axis=1)
    n_used = int(used.sum())
    if n_used < 2:
        raise PCAInputError(f"PCA needs at least 2 complete rows, found {n_used}")

    x = values.to_numpy()[used]
    means = x.mean(axis=0)
    sds = x.std(axis=0, ddof=DDOF)
    flat = [c for c, s in zip(columns, sds, strict=True) if not s > 0]
    if flat:
        raise PCAInputError(f"columns without variation on the {n_used} complete rows: {flat}")
    z = (x - means) / sds
    corr = z.T @ z / (n_used - DDOF)

    eigval, eigvec = np.linalg.eigh(corr)
    order = np.argsort(eigval)[::-1]
    eigval = eigval[order]
    eigvec = eigvec[:, order]

    p = len(columns)
    flipped = np.zeros(p, dtype=bool)
    if sign_rule != "none":
        for k in range(p):
            v = eigvec[:, k]
            if sign_rule == "anchor":
                ref = v[columns.index(anchor)]  # type: ignore[arg-type]
            else:
                ref = v.sum()
                if abs(ref) <= _SUM_TOL:
                    ref = v[np.argmax(np.abs(v))]
            if ref < 0:
                eigvec[:, k] = -v
                flipped[k] = True

    names = [f"PC{k + 1}" for k in range(p)]
    all_scores = np.full((len(df), p), np.nan)
    all_scores[used] = z @ eigvec
    component_scores = pd.DataFrame(all_scores, index=df.index, columns=names)

    notes: list[str] = []
    pc1 = eigvec[:, 0]
    if np.any(pc1 > 0) and np.any(pc1 < 0):
        neg = [c for c, v in zip(columns, pc1, strict=True) if v < 0]
        notes.append(f"PC1 loadings have mixed signs (negative: {neg}); not all positive")
    if sign_rule == "anchor" and abs(pc1[columns.index(anchor)]) < 1e-8:  # type: ignore[arg-type]
        notes.append(f"anchor {anchor!r} has a ~0 loading on PC1: its sign is not identified")
    if p > 1 and np.isclose(eigval[0], eigval[1], rtol=1e-8, atol=1e-12):
        notes.append("PC1 and PC2 have (nearly) equal eigenvalues: PC1 is not unique")

    return PCAResult(
        columns=columns,
        loadings=pd.DataFrame(eigvec, index=pd.Index(columns), columns=names),
        eigenvalues=pd.Series(eigval, index=names, dtype=float),
        explained_variance_ratio=pd.Series(eigval / eigval.sum(), index=names, dtype=float),
        scores=component_scores["PC1"].rename("PC1"),
        component_scores=component_scores,
        means=pd.Series(means, index=pd.Index(columns), dtype=float),
        std_devs_input=pd.Series(sds, index=pd.Index(columns), dtype=float),
        sign_rule=sign_rule,
        sign_rule_description=_sign_description(sign_rule, anchor),
        flipped=pd.Series(flipped, index=names),
        n_input=len(df),
        n_used=n_used,
        n_dropped_missing=len(df) - n_used,
        n_dropped_missing_by_column=by_column,
        notes=notes,
    )
