"""Stepwise mediation (Baron-Kenny / Wen-Ye) on a fixed-effects panel, Sobel test, bootstrap.

Equations, all on ONE common sample (rows complete in y, x, m, controls, entity, time), each with
the same controls ``W`` and the same entity and time fixed effects, each fitted by
:func:`analysis.panel.fit_panel_fe` (exact LSDV, CR1 cluster SEs by default):

1. total effect      ``y = c·x  + W'g1 + a_i + l_t + e1``
2. a-path            ``m = a·x  + W'g2 + a_i + l_t + e2``
3. direct effect     ``y = c'·x + b·m + W'g3 + a_i + l_t + e3``

Derived quantities:

- indirect effect ``a·b``; proportion mediated ``a·b / c`` (NaN when ``c = 0``);
- identity ``c = c' + a·b``: exact for OLS when the three equations share sample, controls and FE
  (omitted-variable algebra: projecting m in equation 3 on x, W and FE gives c = c' + b·a);
  ``identity_gap = c - c' - a·b`` is reported and is ~1e-15 in practice;
- Sobel (1982) first-order delta-method test: ``se(ab) = sqrt(b²·s_a² + a²·s_b²)``,
  ``z = a·b / se(ab)``, two-sided ``p = 2·Φ(-|z|)`` (standard normal). ``s_a``, ``s_b`` are the
  SEs of the chosen ``vcov`` (cluster CR1 by default); the covariance of ``a`` and ``b`` is
  ignored, as in Sobel's formula.

Cluster bootstrap of ``a·b`` (:func:`bootstrap_indirect`): B draws, each resampling G whole
entities with replacement from the G entities of the common sample. A duplicated entity gets its
own id, hence its own fixed effect. All B index sets are drawn up front from one
``numpy.random.default_rng(seed)`` (``integers(0, G, size=(B, G))``), so the result does not
depend on ``n_jobs`` or chunking. The percentile CI uses ``numpy.percentile`` (linear
interpolation) of the successful draws at ``(1-level)/2`` and ``(1+level)/2``.

Lean per-draw estimator, exact (not one-pass two-way demeaning): the entity effects are absorbed
by the one-way within transformation, which is exact on unbalanced panels, and the time effects
enter as dummies partialled out by Frisch-Waugh-Lovell -- the same algebra as ``fit_panel_fe``.
Because each duplicated entity has its own effect, the within cross-product matrix of a draw is
the sum of per-entity within cross-products ``S = Σ_g w_g · Z~_g'Z~_g`` (``w_g`` = times entity g
was drawn, ``Z = [y, m, x, W, time dummies]``). Per draw: ``R = S_vv - S_vd S_dd⁺ S_dv`` (time
dummies partialled out; pseudo-inverse, so a year absent from the draw is harmless), then ``a``,
``b``, ``c``, ``c'`` from three small linear solves. The full-sample lean estimate is checked
against ``fit_panel_fe`` (``lean_max_abs_diff``).

A draw fails -- counted by reason, never raised -- when: fewer than ``min_clusters`` distinct
entities were drawn ("too few clusters"); a regressor has no variation left after the fixed
effects, ``R_jj <= 1e-10 · SS_j`` with ``SS_j`` its total sum of squares in the draw (the
criterion of ``fit_panel_fe``; "no within variation: <name>"); the regressors are collinear given
the FE ("singular design"); or ``N - (k + rank(time dummies) + entities) <= 0`` ("no residual
degrees of freedom"). The CI uses the successful draws only; the failure count is reported.
"""

from __future__ import annotations

import math
import os
import time as _time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import pandas as pd
from scipy import special

from analysis.panel import PanelResult, PanelSpecificationError, VcovType, fit_panel_fe

DEFAULT_SEED = 20240917
_ZERO_VARIATION_TOL = 1e-10  # same criterion as analysis.panel
_COLLINEAR_TOL = 1e-12  # smallest eigenvalue of the correlation-scaled regressor block

ParallelMode = Literal["auto", "always", "never"]


class MediationInputError(PanelSpecificationError):
    """The mediation model cannot be estimated as specified (the cause is named in the message)."""


# --------------------------------------------------------------------------------------------------
# Sobel test
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SobelTest:
    """Sobel (1982): ``se = sqrt(b²s_a² + a²s_b²)``, ``z = ab/se``, ``p = 2Φ(-|z|)``."""

    a: float
    se_a: float
    b: float
    se_b: float

    @property
    def indirect(self) -> float:
        return self.a * self.b

    @property
    def std_error(self) -> float:
        return math.sqrt(self.b**2 * self.se_a**2 + self.a**2 * self.se_b**2)

    @property
    def z(self) -> float:
        se = self.std_error
        return self.indirect / se if se > 0 else float("nan")

    @property
    def p_value(self) -> float:
        """Two-sided p-value under the standard normal."""
        return sobel_p_value(self.z)


def sobel_p_value(z: float) -> float:
    """Two-sided standard-normal p-value ``2·Φ(-|z|)``."""
    return float(2.0 * special.ndtr(-abs(z))) if np.isfinite(z) else float("nan")


def sobel_test(a: float, se_a: float, b: float, se_b: float) -> SobelTest:
    """Sobel test of ``a·b`` from the two path coefficients and their standard errors."""
    if se_a < 0 or se_b < 0:
        raise ValueError("standard errors must be non-negative")
    return SobelTest(float(a), float(se_a), float(b), float(se_b))


# --------------------------------------------------------------------------------------------------
# Common sample
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MediationSample:
    """Row bookkeeping from the input frame to the common estimation sample.

    ``n_dropped_missing_by_column`` counts rows missing each variable (a row missing two variables
    is counted under both); ``n_dropped_missing`` counts each dropped row once.
    ``entities_all_missing`` lists, per variable, the entities with that variable missing on every
    row (e.g. a mediator not reported for a whole country); ``n_rows_entities_all_missing`` counts
    their rows. ``singleton_entities`` are entities left with one row after the missing-value drop.
    """

    n_input: int
    n_dropped_missing: int
    n_dropped_missing_by_column: dict[str, int]
    entities_all_missing: dict[str, list[object]]
    n_rows_entities_all_missing: dict[str, int]
    singleton_entities: list[object]
    n_dropped_singletons: int
    n_used: int
    n_entities: int
    n_periods: int

    @property
    def n_dropped(self) -> int:
        return self.n_dropped_missing + self.n_dropped_singletons

    @property
    def n_singleton_entities(self) -> int:
        return len(self.singleton_entities)

    def describe(self) -> str:
        parts = [
            f"{self.n_input} rows in",
            f"{self.n_used} used ({self.n_entities} entities, {self.n_periods} periods)",
        ]
        if self.n_dropped_missing:
            cols = ", ".join(f"{c}: {n}" for c, n in self.n_dropped_missing_by_column.items() if n)
            parts.append(f"{self.n_dropped_missing} dropped for missing values ({cols})")
        for col, ents in self.entities_all_missing.items():
            if ents:
                parts.append(
                    f"{col} missing for whole entities {ents} "
                    f"({self.n_rows_entities_all_missing[col]} rows)"
                )
        if self.n_dropped_singletons:
            parts.append(
                f"{self.n_dropped_singletons} singleton-entity rows dropped "
                f"({self.singleton_entities})"
            )
        elif self.singleton_entities:
            parts.append(f"{len(self.singleton_entities)} singleton entities kept")
        return "; ".join(parts)


def _missing_mask(values: pd.Series) -> pd.Series:
    bad = values.isna()
    if pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
        bad |= ~np.isfinite(values.astype(float).fillna(0.0))
    return bad


def prepare_common_sample(
    df: pd.DataFrame,
    y: str,
    x: str,
    m: str,
    controls: list[str],
    entity: str,
    time: str | None,
    cluster: str | None = None,
    *,
    drop_singletons: bool = True,
) -> tuple[pd.DataFrame, MediationSample]:
    """Rows complete in every model variable (jointly), singleton entities dropped; all counted."""
    variables = [y, x, m, *controls]
    if len(set(variables)) != len(variables):
        raise MediationInputError(
            f"y, x, m and controls must be distinct columns; got y={y!r}, x={x!r}, m={m!r}, "
            f"controls={controls}"
        )
    keys = [entity, *([time] if time else []), *([cluster] if cluster else [])]
    if set(variables) & set(keys):
        raise MediationInputError("entity/time/cluster cannot also be a model variable")
    columns = list(dict.fromkeys([*variables, *keys]))
    absent = [c for c in columns if c not in df.columns]
    if absent:
        raise MediationInputError(f"columns not in the data: {absent}")

    missing = pd.DataFrame({c: _missing_mask(df[c]) for c in columns}, index=df.index)
    any_missing = missing.any(axis=1)

    entities_all_missing: dict[str, list[object]] = {}
    rows_all_missing: dict[str, int] = {}
    ent_known = ~missing[entity]
    for col in variables:
        per_entity = missing.loc[ent_known, col].groupby(df.loc[ent_known, entity]).all()
        ents = sorted(per_entity.index[per_entity].tolist(), key=str)
        entities_all_missing[col] = ents
        rows_all_missing[col] = int(df.loc[ent_known, entity].isin(ents).sum()) if ents else 0

    sample = df.loc[~any_missing, columns].copy()
    sizes = sample.groupby(entity, sort=False)[entity].transform("size")
    singleton_rows = sizes == 1
    singletons = sorted(sample.loc[singleton_rows, entity].tolist(), key=str)
    if drop_singletons:
        sample = sample.loc[~singleton_rows]
    accounting = MediationSample(
        n_input=len(df),
        n_dropped_missing=int(any_missing.sum()),
        n_dropped_missing_by_column={c: int(missing[c].sum()) for c in columns},
        entities_all_missing=entities_all_missing,
        n_rows_entities_all_missing=rows_all_missing,
        singleton_entities=singletons,
        n_dropped_singletons=len(singletons) if drop_singletons else 0,
        n_used=len(sample),
        n_entities=int(sample[entity].nunique()),
        n_periods=int(sample[time].nunique()) if time else 0,
    )
    if accounting.n_used == 0:
        raise MediationInputError(f"empty common sample ({accounting.describe()})")
    return sample, accounting


def _check_clusters(sample: pd.DataFrame, cluster_var: str, min_clusters: int) -> int:
    n_clusters = int(sample[cluster_var].nunique())
    if n_clusters < max(min_clusters, 2):
        raise MediationInputError(
            f"too few clusters: {cluster_var!r} has {n_clusters} in the common sample, "
            f"at least {max(min_clusters, 2)} required"
        )
    return n_clusters


# --------------------------------------------------------------------------------------------------
# Stepwise mediation
# --------------------------------------------------------------------------------------------------


@dataclass
class MediationResult:
    """Three equations on one sample, indirect effect, Sobel test and the identity check."""

    y: str
    x: str
    m: str
    controls: list[str]
    entity: str
    time: str | None
    vcov_type: VcovType
    total: PanelResult  # y ~ x + W + FE            -> c
    a_path: PanelResult  # m ~ x + W + FE           -> a
    direct: PanelResult  # y ~ x + m + W + FE       -> c', b
    sample: MediationSample
    notes: list[str] = field(default_factory=list)

    @property
    def c(self) -> float:
        return float(self.total.params[self.x])

    @property
    def a(self) -> float:
        return float(self.a_path.params[self.x])

    @property
    def c_prime(self) -> float:
        return float(self.direct.params[self.x])

    @property
    def b(self) -> float:
        return float(self.direct.params[self.m])

    @property
    def se_a(self) -> float:
        return float(self.a_path.std_errors[self.x])

    @property
    def se_b(self) -> float:
        return float(self.direct.std_errors[self.m])

    @property
    def indirect(self) -> float:
        return self.a * self.b

    @property
    def proportion_mediated(self) -> float:
        """``a·b / c`` (can exceed 1 or be negative under inconsistent mediation; NaN if c = 0)."""
        return self.indirect / self.c if self.c != 0 else float("nan")

    @property
    def identity_gap(self) -> float:
        """``c - c' - a·b``; zero up to rounding for OLS on a common sample."""
        return self.c - self.c_prime - self.indirect

    @property
    def sobel(self) -> SobelTest:
        return sobel_test(self.a, self.se_a, self.b, self.se_b)

    @property
    def equations(self) -> dict[str, PanelResult]:
        return {"total": self.total, "a_path": self.a_path, "direct": self.direct}

    def tidy(self) -> pd.DataFrame:
        """One row per path: c, a, c', b (t-based, from the equations) and a·b (Sobel, normal)."""
        rows = []
        for effect, eq, term in (
            ("total (c)", self.total, self.x),
            ("a-path (a)", self.a_path, self.x),
            ("direct (c')", self.direct, self.x),
            ("b-path (b)", self.direct, self.m),
        ):
            tidy = eq.tidy().set_index("term")
            rows.append(
                {
                    "effect": effect,
                    "equation": f"{eq.dep_var} ~ {' + '.join(eq.regressors)} + FE",
                    "estimate": tidy.loc[term, "estimate"],
                    "std_error": tidy.loc[term, "std_error"],
                    "statistic": tidy.loc[term, "statistic"],
                    "p_value": tidy.loc[term, "p_value"],
                    "reference": f"t({eq.df_inference})",
                }
            )
        sob = self.sobel
        rows.append(
            {
                "effect": "indirect (a·b)",
                "equation": "Sobel",
                "estimate": sob.indirect,
                "std_error": sob.std_error,
                "statistic": sob.z,
                "p_value": sob.p_value,
                "reference": "N(0,1)",
            }
        )
        return pd.DataFrame(rows)

    def glance(self) -> dict[str, object]:
        sob = self.sobel
        return {
            "y": self.y,
            "x": self.x,
            "m": self.m,
            "controls": list(self.controls),
            "fixed_effects": self.total.fixed_effects,
            "vcov": self.vcov_type,
            "n_obs": self.total.n_obs,
            "n_entities": self.total.n_entities,
            "n_periods": self.total.n_periods,
            "n_clusters": self.total.n_clusters,
            "c": self.c,
            "a": self.a,
            "c_prime": self.c_prime,
            "b": self.b,
            "indirect": self.indirect,
            "proportion_mediated": self.proportion_mediated,
            "identity_gap": self.identity_gap,
            "sobel_se": sob.std_error,
            "sobel_z": sob.z,
            "sobel_p": sob.p_value,
            "n_dropped": self.sample.n_dropped,
            "sample_accounting": self.sample.describe(),
            "notes": list(self.notes),
        }


def _fit_equation(label: str, data: pd.DataFrame, dep: str, regs: list[str], **kw) -> PanelResult:
    try:
        return fit_panel_fe(data, dep, regs, **kw)
    except PanelSpecificationError as exc:
        raise MediationInputError(f"{label} equation ({dep} ~ {' + '.join(regs)}): {exc}") from exc


def fit_mediation(
    df: pd.DataFrame,
    y: str,
    x: str,
    m: str,
    controls: list[str],
    entity: str,
    time: str | None,
    vcov: VcovType = "cluster",
    cluster: str | None = None,
    *,
    drop_singletons: bool = True,
    min_clusters: int = 2,
    conf_level: float = 0.95,
) -> MediationResult:
    """Fit the total, a-path and direct equations on one common sample (see module docstring).

    Rows missing any of y, x, m, controls, entity, time (or the cluster variable) are dropped
    jointly and counted; singleton entities are dropped (``drop_singletons``) and counted.
    Raises :class:`MediationInputError` (a ``PanelSpecificationError``) naming the cause: empty
    sample, fewer than ``min_clusters`` clusters (cluster vcov), a regressor without within
    variation or collinear regressors (naming the equation).
    """
    controls = list(controls)
    cluster_var = (cluster or entity) if vcov == "cluster" else None
    data, accounting = prepare_common_sample(
        df, y, x, m, controls, entity, time, cluster_var, drop_singletons=drop_singletons
    )
    notes: list[str] = []
    if vcov == "cluster":
        n_clusters = _check_clusters(data, cluster_var, min_clusters)
        if n_clusters < 30:
            notes.append(f"only {n_clusters} clusters: CR1 SEs may be unreliable (G < 30)")
    kw = dict(
        entity=entity,
        time=time,
        vcov=vcov,
        cluster=cluster,
        drop_singletons=False,
        conf_level=conf_level,
    )
    # The direct equation first: it names a regressor (x, m or a control) without within variation.
    direct = _fit_equation("direct", data, y, [x, m, *controls], **kw)
    total = _fit_equation("total", data, y, [x, *controls], **kw)
    a_path = _fit_equation("a-path", data, m, [x, *controls], **kw)
    if not total.n_obs == a_path.n_obs == direct.n_obs == accounting.n_used:
        raise AssertionError("the three equations must share one sample")
    for eq in (total, a_path, direct):
        notes.extend(f"{eq.dep_var} ~ {'+'.join(eq.regressors)}: {n}" for n in eq.notes)
    result = MediationResult(
        y=y,
        x=x,
        m=m,
        controls=controls,
        entity=entity,
        time=time,
        vcov_type=vcov,
        total=total,
        a_path=a_path,
        direct=direct,
        sample=accounting,
        notes=notes,
    )
    if result.c == 0:
        notes.append("total effect c is exactly 0: proportion mediated undefined")
    return result


# --------------------------------------------------------------------------------------------------
# Lean exact estimator for the bootstrap
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _LeanStats:
    """Per-entity sufficient statistics of the common sample (picklable for worker processes).

    ``within[g]`` is the flattened ``Z~_g'Z~_g`` (within-entity demeaned ``[y, m, x, W, D]``);
    ``sums[g]``/``sumsq[g]`` are sums and sums of squares of the globally centred model variables,
    ``counts[g]`` the rows of entity g.
    """

    names: tuple[str, ...]  # y, m, x, controls
    n_vars: int
    n_dummies: int
    within: np.ndarray  # (G, p*p)
    sums: np.ndarray  # (G, n_vars)
    sumsq: np.ndarray  # (G, n_vars)
    counts: np.ndarray  # (G,)
    min_clusters: int


def _lean_stats(
    data: pd.DataFrame,
    y: str,
    x: str,
    m: str,
    controls: list[str],
    entity: str,
    time: str | None,
    min_clusters: int,
) -> tuple[_LeanStats, pd.Index]:
    codes, levels = pd.factorize(data[entity], sort=True)
    n_groups = len(levels)
    values = data[[y, m, x, *controls]].to_numpy(dtype=float)
    if time is not None:
        t_codes, t_levels = pd.factorize(data[time], sort=True)
        dummies = np.zeros((len(data), max(len(t_levels) - 1, 0)))
        rows = np.nonzero(t_codes > 0)[0]
        dummies[rows, t_codes[rows] - 1] = 1.0
    else:
        dummies = np.zeros((len(data), 0))
    z = np.column_stack([values, dummies])
    counts = np.bincount(codes, minlength=n_groups).astype(float)
    means = (
        np.stack(
            [np.bincount(codes, weights=z[:, j], minlength=n_groups) for j in range(z.shape[1])],
            axis=1,
        )
        / counts[:, None]
    )
    z_within = z - means[codes]
    p = z.shape[1]
    within = np.zeros((n_groups, p * p))
    np.add.at(within, codes, (z_within[:, :, None] * z_within[:, None, :]).reshape(len(z), p * p))
    centred = values - values.mean(axis=0)
    sums = np.zeros((n_groups, values.shape[1]))
    sumsq = np.zeros((n_groups, values.shape[1]))
    np.add.at(sums, codes, centred)
    np.add.at(sumsq, codes, centred**2)
    stats = _LeanStats(
        names=(y, m, x, *controls),
        n_vars=values.shape[1],
        n_dummies=dummies.shape[1],
        within=within,
        sums=sums,
        sumsq=sumsq,
        counts=counts,
        min_clusters=max(min_clusters, 2),
    )
    return stats, pd.Index(levels)


class _DrawFailure(Exception):
    """A bootstrap draw in which a model is not identified (reason in ``args[0]``)."""


def _lean_batch(stats: _LeanStats, indices: np.ndarray) -> tuple[np.ndarray, list[str | None]]:
    """``(a, b, c, c')`` per row of ``indices`` (entity positions; duplicates get distinct ids).

    Returns a ``(n, 4)`` array (NaN rows for failed draws) and the failure reason per draw (None if
    the draw succeeded). Each draw's numbers depend only on its own row of ``indices``.
    """
    indices = np.atleast_2d(indices)
    n, n_picked = indices.shape
    nv, nd = stats.n_vars, stats.n_dummies
    p = nv + nd
    out = np.full((n, 4), np.nan)
    reason = np.full(n, None, dtype=object)

    def alive() -> np.ndarray:
        return np.equal(reason, None)

    ordered = np.sort(indices, axis=1)
    distinct = 1 + (np.diff(ordered, axis=1) != 0).sum(axis=1)
    reason[distinct < stats.min_clusters] = "too few clusters"

    s = np.stack([stats.within[row].sum(axis=0) for row in indices]).reshape(n, p, p)
    n_obs = stats.counts[indices].sum(axis=1)
    svv = s[:, :nv, :nv]
    rank_d = np.zeros(n, dtype=int)
    with np.errstate(all="ignore"):
        if nd:
            evals, evecs = np.linalg.eigh(s[:, nv:, nv:])
            top = np.maximum(evals.max(axis=1, keepdims=True), 0.0)
            keep = evals > top * nd * 1e-12
            rank_d = keep.sum(axis=1)
            inv = np.where(keep, 1.0 / np.where(keep, evals, 1.0), 0.0)
            proj = s[:, :nv, nv:] @ evecs
            svv = svv - (proj * inv[:, None, :]) @ proj.transpose(0, 2, 1)
        # Variation left after the FE relative to total variation (the panel.py criterion).
        sums = stats.sums[indices].sum(axis=1)
        raw_ss = stats.sumsq[indices].sum(axis=1) - sums**2 / n_obs[:, None]
    diag = np.diagonal(svv, axis1=1, axis2=2)
    regs = [2, 1, *range(3, nv)]  # x, m, controls
    for j in regs:
        bad = (raw_ss[:, j] <= 0) | ~(diag[:, j] > _ZERO_VARIATION_TOL * raw_ss[:, j])
        reason[bad & alive()] = f"no within variation: {stats.names[j]}"
    block = svv[:, regs][:, :, regs]
    live = alive()
    if live.any():
        scale = 1.0 / np.sqrt(np.diagonal(block[live], axis1=1, axis2=2))
        corr = block[live] * scale[:, :, None] * scale[:, None, :]
        singular = np.zeros(n, dtype=bool)
        singular[live] = ~(np.linalg.eigvalsh(corr)[:, 0] > _COLLINEAR_TOL)
        reason[singular] = "singular design"
    no_dof = n_obs - (len(regs) + rank_d + n_picked) <= 0
    reason[no_dof & alive()] = "no residual degrees of freedom"

    ok = np.nonzero(alive())[0]
    if ok.size:
        xc = [2, *range(3, nv)]  # x, controls
        sv = svv[ok]
        try:
            coef = np.linalg.solve(sv[:, xc][:, :, xc], sv[:, xc][:, :, [1, 0]])  # m, y on x, W
            coef_d = np.linalg.solve(block[ok], sv[:, regs][:, :, [0]])  # y on x, m, W
        except np.linalg.LinAlgError:  # pragma: no cover - screened by the eigenvalue check
            reason[ok] = "singular design"
        else:
            out[ok] = np.column_stack(
                [coef[:, 0, 0], coef_d[:, 1, 0], coef[:, 0, 1], coef_d[:, 0, 0]]
            )
            bad = ok[~np.isfinite(out[ok]).all(axis=1)]
            reason[bad] = "singular design"
            out[bad] = np.nan
    return out, reason.tolist()


def _lean_draw(stats: _LeanStats, picks: np.ndarray) -> tuple[float, float, float, float]:
    """``(a, b, c, c')`` for one draw; raises :class:`_DrawFailure` with the reason."""
    values, reasons = _lean_batch(stats, np.asarray(picks)[None, :])
    if reasons[0] is not None:
        raise _DrawFailure(reasons[0])
    return tuple(float(v) for v in values[0])  # type: ignore[return-value]


def _run_chunk(args: tuple[_LeanStats, np.ndarray]) -> tuple[np.ndarray, list[str | None]]:
    stats, indices = args
    return _lean_batch(stats, indices)


# --------------------------------------------------------------------------------------------------
# Cluster bootstrap
# --------------------------------------------------------------------------------------------------


@dataclass
class BootstrapResult:
    """Cluster-bootstrap distribution of ``a·b`` with its percentile CI and failure accounting."""

    estimate: float  # a·b on the full common sample (fit_panel_fe)
    lean_max_abs_diff: float  # max |lean - fit_panel_fe| over a, b, c, c' on the full sample
    n_boot: int
    seed: int
    conf_level: float
    ci_low: float
    ci_high: float
    draws: pd.DataFrame  # one row per draw: a, b, indirect, c, c_prime, failure (None if ok)
    indices: np.ndarray  # (B, G) positions into ``entity_levels``, drawn up front
    entity_levels: pd.Index
    failures_by_reason: dict[str, int]
    elapsed_seconds: float
    n_jobs: int
    n_workers_used: int
    chunk_size: int
    sample: MediationSample
    notes: list[str] = field(default_factory=list)

    @property
    def n_failed(self) -> int:
        return int(sum(self.failures_by_reason.values()))

    @property
    def n_success(self) -> int:
        return self.n_boot - self.n_failed

    @property
    def successful(self) -> np.ndarray:
        return self.draws.loc[self.draws["failure"].isna(), "indirect"].to_numpy()

    @property
    def std_error(self) -> float:
        vals = self.successful
        return float(np.std(vals, ddof=1)) if vals.size > 1 else float("nan")

    @property
    def used_parallel(self) -> bool:
        return self.n_workers_used > 1

    def glance(self) -> dict[str, object]:
        return {
            "indirect": self.estimate,
            "boot_se": self.std_error,
            "boot_mean": float(np.mean(self.successful)) if self.n_success else float("nan"),
            "ci_low": self.ci_low,
            "ci_high": self.ci_high,
            "conf_level": self.conf_level,
            "ci_method": "percentile (cluster bootstrap, entities resampled)",
            "n_boot": self.n_boot,
            "n_success": self.n_success,
            "n_failed": self.n_failed,
            "failures_by_reason": dict(self.failures_by_reason),
            "seed": self.seed,
            "elapsed_seconds": self.elapsed_seconds,
            "n_workers_used": self.n_workers_used,
            "lean_max_abs_diff": self.lean_max_abs_diff,
            "notes": list(self.notes),
        }


def cluster_resample(df: pd.DataFrame, entity: str, picks: np.ndarray) -> pd.DataFrame:
    """The frame of one draw: entity ``levels[picks[k]]`` copied with new id ``"<id>#<k>"``.

    ``picks`` are positions into the sorted unique entities of ``df``. Used to cross-check the lean
    bootstrap against :func:`fit_mediation`; the bootstrap itself never builds these frames.
    """
    levels = pd.Index(pd.unique(df[entity])).sort_values()
    groups = df.groupby(entity, sort=True).indices
    parts = []
    for k, pos in enumerate(np.asarray(picks)):
        part = df.iloc[groups[levels[pos]]].copy()
        part[entity] = f"{levels[pos]}#{k}"
        parts.append(part)
    return pd.concat(parts, ignore_index=True)


def bootstrap_indirect(
    df: pd.DataFrame,
    y: str,
    x: str,
    m: str,
    controls: list[str],
    entity: str,
    time: str | None,
    *,
    B: int = 1000,
    seed: int = DEFAULT_SEED,
    n_jobs: int = 2,
    parallel: ParallelMode = "auto",
    conf_level: float = 0.95,
    drop_singletons: bool = True,
    min_clusters: int = 2,
    chunk_size: int | None = None,
    parallel_min_seconds: float = 1.0,
) -> BootstrapResult:
    """Cluster (entity) bootstrap of ``a·b`` with a percentile CI; failed draws counted by reason.

    Same common sample as :func:`fit_mediation` (which is run first; bad input raises there). The
    B×G index matrix comes from ``default_rng(seed).integers(0, G, (B, G))`` before any estimation,
    so draws are identical for any ``n_jobs``. Draws are processed in chunks; with
    ``parallel="auto"`` the first chunk runs in-process and the rest go to a
    ``ProcessPoolExecutor(n_jobs)`` only if their estimated serial time exceeds
    ``parallel_min_seconds`` (pool start-up costs ~0.1-0.5 s); ``"always"``/``"never"`` force it.
    Measured: ~900 rows, 100 entities, 11 years, 6 controls -- B=1000 in ~0.15 s and B=10000 in
    ~0.8 s serial, which a 2-process pool does not beat, so ``"auto"`` stays serial there.
    """
    if B < 1:
        raise ValueError("B must be at least 1")
    if not 0 < conf_level < 1:
        raise ValueError("conf_level must lie in (0, 1)")
    started = _time.perf_counter()
    controls = list(controls)
    full = fit_mediation(
        df,
        y,
        x,
        m,
        controls,
        entity,
        time,
        vcov="cluster",
        drop_singletons=drop_singletons,
        min_clusters=min_clusters,
    )
    data, accounting = prepare_common_sample(
        df, y, x, m, controls, entity, time, entity, drop_singletons=drop_singletons
    )
    stats, levels = _lean_stats(data, y, x, m, controls, entity, time, min_clusters)
    n_groups = len(levels)
    lean_full = np.array(_lean_draw(stats, np.arange(n_groups)))
    exact_full = np.array([full.a, full.b, full.c, full.c_prime])
    lean_diff = float(np.max(np.abs(lean_full - exact_full)))

    rng = np.random.default_rng(seed)
    indices = rng.integers(0, n_groups, size=(B, n_groups))

    n_jobs = max(1, min(int(n_jobs), os.cpu_count() or 1))
    if chunk_size is None:  # independent of n_jobs: identical chunks, identical bits
        chunk_size = max(50, math.ceil(B / 8))
    chunks = [indices[i : i + chunk_size] for i in range(0, B, chunk_size)]
    results: list[tuple[np.ndarray, list[str | None]]] = []
    n_workers = 1
    if parallel == "always" and n_jobs > 1 and len(chunks) > 1:
        n_workers = min(n_jobs, len(chunks))
        with ProcessPoolExecutor(max_workers=n_workers) as pool:
            results = list(pool.map(_run_chunk, [(stats, c) for c in chunks]))
    else:
        t0 = _time.perf_counter()
        results.append(_run_chunk((stats, chunks[0])))
        rest = chunks[1:]
        estimated = (_time.perf_counter() - t0) * len(rest)
        if parallel == "auto" and n_jobs > 1 and len(rest) > 1 and estimated > parallel_min_seconds:
            n_workers = min(n_jobs, len(rest))
            with ProcessPoolExecutor(max_workers=n_workers) as pool:
                results.extend(pool.map(_run_chunk, [(stats, c) for c in rest]))
        else:
            results.extend(_run_chunk((stats, c)) for c in rest)

    values = np.vstack([r[0] for r in results])
    reasons = [reason for r in results for reason in r[1]]
    draws = pd.DataFrame(
        {
            "a": values[:, 0],
            "b": values[:, 1],
            "indirect": values[:, 0] * values[:, 1],
            "c": values[:, 2],
            "c_prime": values[:, 3],
            "failure": pd.Series(reasons, dtype=object),
        }
    )
    failures = dict(Counter(r for r in reasons if r is not None).most_common())
    ok = draws.loc[draws["failure"].isna(), "indirect"].to_numpy()
    notes: list[str] = []
    tail = 100 * (1 - conf_level) / 2
    if ok.size:
        ci_low, ci_high = (float(v) for v in np.percentile(ok, [tail, 100 - tail]))
    else:
        ci_low = ci_high = float("nan")
        notes.append("every bootstrap draw failed: no CI")
    if failures:
        notes.append(
            f"{sum(failures.values())} of {B} draws failed ({failures}); "
            "the percentile CI uses the successful draws only"
        )
    if lean_diff > 1e-8:
        notes.append(f"lean estimator differs from fit_panel_fe by {lean_diff:.2e} on full sample")
    return BootstrapResult(
        estimate=full.indirect,
        lean_max_abs_diff=lean_diff,
        n_boot=B,
        seed=seed,
        conf_level=conf_level,
        ci_low=ci_low,
        ci_high=ci_high,
        draws=draws,
        indices=indices,
        entity_levels=levels,
        failures_by_reason=failures,
        elapsed_seconds=_time.perf_counter() - started,
        n_jobs=n_jobs,
        n_workers_used=n_workers,
        chunk_size=chunk_size,
        sample=accounting,
        notes=notes,
    )
