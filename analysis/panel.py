"""Fixed-effects panel regression (entity FE, optional time FE) with Stata-compatible inference.

Model: ``y_it = x_it'b + a_i + l_t + e_it``.

Estimator (exact LSDV, no iteration): the entity effects are absorbed by the within transformation
``z~_it = z_it - mean_i(z)`` (exact for unbalanced panels: only one factor is absorbed),
and the time effects enter as explicit dummies for every period except the first (the base). By
Frisch-Waugh-Lovell this equals OLS of y on x, entity dummies and time dummies (LSDV), for balanced
and unbalanced panels alike -- no alternating projections needed, and the time effects and Stata's
``_cons`` come out directly. This is what Stata's ``xtreg y x i.year, fe`` (and gretl's ``panel``
with time dummies) computes.

Degrees of freedom (N observations, k slopes, T-1 time dummies, E entities, G clusters):
- ``K_total = k + (T-1) + E``: all LSDV parameters (the constant is spanned by the entity dummies).
  iid and HC1 use ``N - K_total`` (Stata ``xtreg, fe`` / reghdfe: Grunfeld one-way gives 188).
- ``K_cluster = k + (T-1) + 1``: slopes, time dummies and the constant, *not* the entity dummies
  nested in the clusters (Stata/reghdfe CR1):
  ``V = (X'X)^-1 [sum_g X_g'e_g e_g'X_g] (X'X)^-1 * G/(G-1) * (N-1)/(N-K_cluster)``.
  If entities are not nested in the clusters, ``K_cluster = K_total``.
- HC1: ``V = (X'X)^-1 [sum_i x_i x_i' e_i^2] (X'X)^-1 * N/(N-K_total)`` (statsmodels LSDV HC1).
- p-values and CIs use the t distribution with ``G-1`` dof (cluster) or ``N-K_total`` (iid, HC1).

Driscoll-Kraay (``vcov="driscoll_kraay"``; Driscoll & Kraay 1998, Hoechle 2007 Stata Journal 7(3),
``xtscc y x i.year, fe``), robust to heteroskedasticity, serial correlation up to ``m`` lags and
arbitrary cross-sectional dependence. With ``Z`` the design, ``e`` the LSDV residuals and
``t = 1..T`` the *positions* of the sorted distinct time values present in the estimation sample:

- ``h_t = sum_{i in t} z_it e_it`` (sum over the entities observed in period t; unbalanced is fine);
- ``Omega_j = sum_{t=j+1..T} h_t h_{t-j}'``, where lag ``j`` means ``j`` positions apart in that
  sorted list (a calendar gap common to all entities is skipped, not filled with zeros; xtscc
  refuses such data instead);
- ``S = Omega_0 + sum_{j=1..m} (1 - j/(m+1)) (Omega_j + Omega_j')`` (Bartlett weights);
- ``V = (Z'Z)^-1 S (Z'Z)^-1 * T/(T-1) * (N-1)/(N-K_dk)`` with ``K_dk = k + (T-1) + 1`` (slopes,
  kept time dummies and the constant; entity dummies not counted, i.e. ``K_cluster``);
- p-values and CIs use the t distribution with ``T-1`` dof; ``m`` defaults to Hoechle's
  ``floor(4 (T/100)^(2/9))``.

The factor ``T/(T-1) * (N-1)/(N-K_dk)`` is xtscc's (versions 1.3/1.4: ``(TT/(TT-1)) *
((nObs-1)/(nObs-rank))`` with rank the columns of the within-transformed design including
``_cons``); its option ``ase`` and statsmodels ``cov_type="nw-groupsum"`` with
``use_correction=False`` apply no factor; statsmodels' ``use_correction="cluster"`` applies
``T/(T-1) * (N-1)/(N-K)`` with ``K`` all columns of its design (``K_total`` for an LSDV fit);
linearmodels' ``DriscollKraay`` applies ``N/(N-df)`` (df = absorbed effects, plus regressors if
``debiased``). The slope SEs equal the definition on the within-transformed design ``X~``
(time dummies included); ``_cons`` uses the same augmented design as the other types, which is
exactly the ``[X~ + xbar, 1]`` regression xtscc, fe runs.

Constant (``_cons``) follows Stata ``xtreg, fe`` / ``areg``: ``_cons = mean(y) - mean(X)'b`` over
the
estimation sample, where X includes the time dummies (base = first period), i.e.
``_cons = ybar - xbar'b - sum_t share_t * l_t`` with ``l_t`` measured relative to the base period.
Its standard error comes from the augmented design ``[X~ + xbar, 1]`` (Stata's device). The
reghdfe/fixest convention (``ybar - xbar'b``, time effects absorbed) is in ``glance()`` as
``cons_absorbed_time``.

R-squared, each with its own name:
- ``within_r2 = 1 - SSR / TSS(y net of entity AND time effects)`` (reghdfe, fixest, R plm twoways);
- ``within_r2_xtreg = 1 - SSR / TSS(y net of entity effects)`` (Stata xtreg with ``i.year``, gretl);
- ``lsdv_r2 = 1 - SSR / TSS(y - ybar)`` and ``lsdv_adj_r2 = 1 - (1 - lsdv_r2)(N-1)/(N-K_total)``
  (the "R2 ~ 0.99" printed by papers: all dummies counted).

Singleton entities (one observation) are kept, as in ``xtreg, fe`` (reghdfe drops them); their
residual is zero, so they do not move ``b``, but they count in N, E and G. ``drop_singletons=True``
drops them (reghdfe convention). Either way the count is reported.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import pandas as pd
from scipy import special

VcovType = Literal["iid", "hc1", "cluster", "driscoll_kraay"]
VCOV_TYPES: tuple[str, ...] = ("iid", "hc1", "cluster", "driscoll_kraay")
CONSTANT = "_cons"
_ZERO_VARIATION_TOL = 1e-10


class PanelSpecificationError(ValueError):
    """The requested regression cannot be estimated as specified (named cause in the message)."""


@dataclass(frozen=True)
class SampleAccounting:
    """Row bookkeeping from the input frame to the estimation sample.

    ``n_dropped_missing_by_column`` counts rows missing each variable (a row missing two variables
    is counted under both), whereas ``n_dropped_missing`` counts each dropped row once.
    """

    n_input: int
    n_dropped_missing: int
    n_dropped_missing_by_column: dict[str, int]
    n_singleton_entities: int
    n_dropped_singletons: int
    n_used: int

    @property
    def n_dropped(self) -> int:
        return self.n_dropped_missing + self.n_dropped_singletons

    def describe(self) -> str:
        parts = [f"{self.n_input} rows in", f"{self.n_used} used"]
        if self.n_dropped_missing:
            cols = ", ".join(f"{c}: {n}" for c, n in self.n_dropped_missing_by_column.items() if n)
            parts.append(f"{self.n_dropped_missing} dropped for missing values ({cols})")
        if self.n_dropped_singletons:
            parts.append(f"{self.n_dropped_singletons} singleton-entity rows dropped")
        elif self.n_singleton_entities:
            parts.append(f"{self.n_singleton_entities} singleton entities kept")
        return "; ".join(parts)


@dataclass
class PanelResult:
    """Estimates, covariance and fit statistics of :func:`fit_panel_fe`."""

    dep_var: str
    regressors: list[str]
    entity: str
    time: str | None
    vcov_type: VcovType
    cluster: str | None
    params: pd.Series  # slopes then _cons
    cov: pd.DataFrame
    df_inference: int
    n_obs: int
    n_entities: int
    n_periods: int
    n_clusters: int | None
    k_total: int
    k_cluster: int
    ssr: float
    within_r2: float
    within_r2_xtreg: float
    lsdv_r2: float
    lsdv_adj_r2: float
    cons_absorbed_time: float
    time_effects: pd.Series  # relative to the base (first) period; empty without time FE
    sample: SampleAccounting
    notes: list[str] = field(default_factory=list)
    conf_level: float = 0.95
    dk_lags: int | None = None  # Bartlett maximum lag m (Driscoll-Kraay only)

    @property
    def std_errors(self) -> pd.Series:
        return pd.Series(np.sqrt(np.diag(self.cov.to_numpy())), index=self.params.index)

    @property
    def tvalues(self) -> pd.Series:
        return self.params / self.std_errors

    @property
    def pvalues(self) -> pd.Series:
        return pd.Series(
            2 * special.stdtr(self.df_inference, -np.abs(self.tvalues.to_numpy())),
            index=self.params.index,
        )

    @property
    def n_dropped(self) -> int:
        return self.sample.n_dropped

    @property
    def fixed_effects(self) -> list[str]:
        return [self.entity] + ([self.time] if self.time else [])

    def conf_int(self, level: float | None = None) -> pd.DataFrame:
        """``b +/- t_{1-a/2, dof} * se``."""
        crit = special.stdtrit(self.df_inference, 0.5 + (level or self.conf_level) / 2)
        se = self.std_errors
        return pd.DataFrame(
            {"conf_low": self.params - crit * se, "conf_high": self.params + crit * se}
        )

    def tidy(self, include_constant: bool = True) -> pd.DataFrame:
        """One row per term: term, estimate, std_error, statistic, p_value, conf_low, conf_high."""
        ci = self.conf_int()
        out = pd.DataFrame(
            {
                "term": self.params.index,
                "estimate": self.params.to_numpy(),
                "std_error": self.std_errors.to_numpy(),
                "statistic": self.tvalues.to_numpy(),
                "p_value": self.pvalues.to_numpy(),
                "conf_low": ci["conf_low"].to_numpy(),
                "conf_high": ci["conf_high"].to_numpy(),
            }
        )
        if not include_constant:
            out = out[out["term"] != CONSTANT]
        return out.reset_index(drop=True)

    def glance(self) -> dict[str, object]:
        """Fit statistics, each under an explicit name (there is no bare "r2")."""
        return {
            "dep_var": self.dep_var,
            "regressors": list(self.regressors),
            "fixed_effects": self.fixed_effects,
            "vcov": self.vcov_type,
            "cluster": self.cluster,
            "n_obs": self.n_obs,
            "n_entities": self.n_entities,
            "n_periods": self.n_periods,
            "n_clusters": self.n_clusters,
            "df_inference": self.df_inference,
            "dk_lags": self.dk_lags,
            "k_total": self.k_total,
            "k_cluster": self.k_cluster,
            "within_r2": self.within_r2,
            "within_r2_xtreg": self.within_r2_xtreg,
            "lsdv_r2": self.lsdv_r2,
            "lsdv_adj_r2": self.lsdv_adj_r2,
            "ssr": self.ssr,
            "sigma_e": float(np.sqrt(self.ssr / (self.n_obs - self.k_total))),
            "cons_absorbed_time": self.cons_absorbed_time,
            "n_input": self.sample.n_input,
            "n_dropped": self.sample.n_dropped,
            "n_dropped_missing": self.sample.n_dropped_missing,
            "n_singleton_entities": self.sample.n_singleton_entities,
            "sample_accounting": self.sample.describe(),
        }


def _group_demean(values: np.ndarray, codes: np.ndarray, n_groups: int) -> np.ndarray:
    """``z - mean_g(z)`` column by column (exact one-way within transformation)."""
    counts = np.bincount(codes, minlength=n_groups).astype(float)
    out = np.empty_like(values, dtype=float)
    for j in range(values.shape[1]):
        means = np.bincount(codes, weights=values[:, j], minlength=n_groups) / counts
        out[:, j] = values[:, j] - means[codes]
    return out


def _residualize(target: np.ndarray, basis: np.ndarray) -> np.ndarray:
    """Residual of each column of ``target`` after OLS on ``basis`` (no-op if basis is empty)."""
    if basis.shape[1] == 0:
        return target
    coef, *_ = np.linalg.lstsq(basis, target, rcond=None)
    return target - basis @ coef


def _independent_columns(matrix: np.ndarray, tol: float = 1e-9) -> list[int]:
    """Indices of a maximal set of linearly independent columns, kept greedily left to right."""
    kept: list[int] = []
    for j in range(matrix.shape[1]):
        resid = _residualize(matrix[:, [j]], matrix[:, kept])
        scale = float(np.linalg.norm(matrix[:, j])) or 1.0
        if float(np.linalg.norm(resid)) > tol * scale:
            kept.append(j)
    return kept


def default_dk_lags(n_periods: int) -> int:
    """Hoechle's (xtscc) default maximum lag ``floor(4 (T/100)^(2/9))``."""
    return int(np.floor(4 * (n_periods / 100) ** (2 / 9)))


def _driscoll_kraay(
    z: np.ndarray,
    bread: np.ndarray,
    resid: np.ndarray,
    time_codes: np.ndarray,
    n_periods: int,
    lags: int | None,
    k_dk: int,
    time: str | None,
) -> tuple[np.ndarray, int, int]:
    """Driscoll-Kraay covariance (xtscc factor), its t dof ``T-1`` and the lag used.

    ``time_codes`` are the positions ``0..T-1`` of the sorted distinct periods of the sample, so
    every period has at least one observation and lag ``j`` means ``j`` positions apart.
    """
    if n_periods < 2:
        raise PanelSpecificationError(
            f"Driscoll-Kraay SEs need at least 2 periods of {time!r}; the sample has {n_periods}"
        )
    m = default_dk_lags(n_periods) if lags is None else int(lags)
    if m > n_periods - 1:
        raise PanelSpecificationError(
            f"dk_lags={m} exceeds T-1={n_periods - 1} (T = periods of {time!r} in the sample)"
        )
    n, n_cols = z.shape
    if n - k_dk <= 0:
        raise PanelSpecificationError(
            f"no degrees of freedom for the Driscoll-Kraay factor: N={n} <= K={k_dk}"
        )
    scores = z * resid[:, None]
    h = np.zeros((n_periods, n_cols))
    np.add.at(h, time_codes, scores)
    meat = h.T @ h
    for j in range(1, m + 1):
        omega_j = h[j:].T @ h[:-j]  # sum_t h_t h_{t-j}'
        meat += (1 - j / (m + 1)) * (omega_j + omega_j.T)
    factor = n_periods / (n_periods - 1) * (n - 1) / (n - k_dk)
    return bread @ meat @ bread * factor, n_periods - 1, m


def _prepare_sample(
    df: pd.DataFrame, columns: list[str], entity: str, drop_singletons: bool
) -> tuple[pd.DataFrame, SampleAccounting]:
    missing_df = pd.DataFrame(index=df.index)
    for col in columns:
        values = df[col]
        bad = values.isna()
        if pd.api.types.is_numeric_dtype(values):
            bad |= ~np.isfinite(values.astype(float).fillna(0.0))
        missing_df[col] = bad
    any_missing = missing_df.any(axis=1)
    sample = df.loc[~any_missing, columns]
    counts = sample.groupby(entity, sort=False)[entity].transform("size")
    singleton_rows = counts == 1
    n_singletons = int(singleton_rows.sum())
    if drop_singletons:
        sample = sample.loc[~singleton_rows]
    accounting = SampleAccounting(
        n_input=len(df),
        n_dropped_missing=int(any_missing.sum()),
        n_dropped_missing_by_column={c: int(missing_df[c].sum()) for c in columns},
        n_singleton_entities=n_singletons,
        n_dropped_singletons=n_singletons if drop_singletons else 0,
        n_used=len(sample),
    )
    return sample, accounting


def fit_panel_fe(
    df: pd.DataFrame,
    y: str,
    x: list[str],
    entity: str,
    time: str | None,
    vcov: VcovType = "cluster",
    cluster: str | None = None,
    *,
    drop_singletons: bool = False,
    conf_level: float = 0.95,
    dk_lags: int | None = None,
) -> PanelResult:
    """Estimate ``y ~ x + entity FE (+ time FE)``; see the module docstring for every convention.

    Rows with a missing or non-finite value in y, x, entity, time or the cluster variable are
    dropped jointly and counted (``result.sample``). ``cluster`` defaults to ``entity``.
    ``vcov="driscoll_kraay"`` needs ``time`` (which also enters as time FE) and takes the Bartlett
    maximum lag ``dk_lags`` (``None``: ``floor(4 (T/100)^(2/9))``, T = periods in the sample;
    an integer ``0 <= dk_lags <= T-1`` otherwise); the lag used is ``result.dk_lags``.
    Raises :class:`PanelSpecificationError` for an empty sample, a regressor without variation
    beyond the fixed effects (named), collinear regressors, fewer than two clusters, or a
    Driscoll-Kraay request without ``time``, with fewer than two periods or with an invalid lag.
    """
    if vcov not in VCOV_TYPES:
        raise PanelSpecificationError(
            f"vcov must be 'iid', 'hc1', 'cluster' or 'driscoll_kraay', not {vcov!r}"
        )
    if vcov == "driscoll_kraay":
        if time is None:
            raise PanelSpecificationError(
                "vcov='driscoll_kraay' needs the time variable: pass time=<column> (the "
                "cross-sectional sums h_t are formed per period)"
            )
        if dk_lags is not None and (
            isinstance(dk_lags, bool) or not isinstance(dk_lags, (int, np.integer)) or dk_lags < 0
        ):
            raise PanelSpecificationError(
                f"dk_lags must be None or a non-negative integer, not {dk_lags!r}"
            )
    elif dk_lags is not None:
        raise PanelSpecificationError(
            f"dk_lags applies only to vcov='driscoll_kraay' (vcov is {vcov!r})"
        )
    if not x:
        raise PanelSpecificationError("at least one regressor is required")
    cluster_var = (cluster or entity) if vcov == "cluster" else None
    columns = list(
        dict.fromkeys(
            [y, *x, entity, *([time] if time else []), *([cluster_var] if cluster_var else [])]
        )
    )
    absent = [c for c in columns if c not in df.columns]
    if absent:
        raise PanelSpecificationError(f"columns not in the data: {absent}")

    data, accounting = _prepare_sample(df, columns, entity, drop_singletons)
    n = len(data)
    if n == 0:
        raise PanelSpecificationError(
            f"empty estimation sample after dropping missing values ({accounting.describe()})"
        )
    notes: list[str] = []

    entity_codes, entity_levels = pd.factorize(data[entity], sort=True)
    n_entities = len(entity_levels)
    yv = data[y].to_numpy(dtype=float)
    xv = data[x].to_numpy(dtype=float)

    if time is not None:
        time_codes, time_levels = pd.factorize(data[time], sort=True)
        n_periods = len(time_levels)
        dummies = np.zeros((n, max(n_periods - 1, 0)))
        rows = np.nonzero(time_codes > 0)[0]
        dummies[rows, time_codes[rows] - 1] = 1.0
        dummy_names = [str(level) for level in time_levels[1:]]
    else:
        n_periods = int(data[entity].groupby(data[entity]).size().max()) if n else 0
        dummies = np.zeros((n, 0))
        dummy_names = []
        time_levels = pd.Index([])

    design = np.column_stack([xv, dummies])
    design_dm = _group_demean(design, entity_codes, n_entities)
    y_dm = _group_demean(yv[:, None], entity_codes, n_entities)[:, 0]
    k = len(x)

    # Time dummies: keep a linearly independent set (an all-singleton year is absorbed).
    keep_dummies = _independent_columns(design_dm[:, k:])
    if len(keep_dummies) < dummies.shape[1]:
        dropped = [dummy_names[j] for j in range(dummies.shape[1]) if j not in keep_dummies]
        notes.append(f"time dummies collinear with the entity effects, omitted: {dropped}")
    d_dm = design_dm[:, k:][:, keep_dummies]

    # Regressors: variation left after entity and time effects?
    x_two_way = _residualize(design_dm[:, :k], d_dm)
    for j, name in enumerate(x):
        raw_ss = float(np.sum((xv[:, j] - xv[:, j].mean()) ** 2))
        left_ss = float(np.sum(x_two_way[:, j] ** 2))
        if raw_ss == 0.0 or left_ss <= _ZERO_VARIATION_TOL * raw_ss:
            fe = "entity and time" if time else "entity"
            raise PanelSpecificationError(
                f"regressor {name!r} has no within variation: "
                f"it is absorbed by the {fe} fixed effects"
            )
    if len(_independent_columns(x_two_way)) < k:
        raise PanelSpecificationError(f"regressors are collinear (given the fixed effects): {x}")

    full_dm = np.column_stack([design_dm[:, :k], d_dm])
    full_raw = np.column_stack([xv, dummies[:, keep_dummies]])
    k_time = d_dm.shape[1]
    xtx = full_dm.T @ full_dm
    beta = np.linalg.solve(xtx, full_dm.T @ y_dm)
    resid = y_dm - full_dm @ beta
    ssr = float(resid @ resid)

    means = full_raw.mean(axis=0)
    cons = float(yv.mean() - means @ beta)
    cons_absorbed = float(yv.mean() - xv.mean(axis=0) @ beta[:k])

    k_total = k + k_time + n_entities
    dof_resid = n - k_total
    if dof_resid <= 0:
        raise PanelSpecificationError(
            f"no residual degrees of freedom: N={n} <= K_total={k_total} (slopes + time dummies "
            "+ entities)"
        )

    # Augmented design [X~ + xbar, 1]: slope block of its inverse equals (X~'X~)^-1.
    z = np.column_stack([full_dm + means, np.ones(n)])
    bread = np.linalg.inv(z.T @ z)

    n_clusters: int | None = None
    nested = True
    if vcov == "iid":
        cov = bread * ssr / dof_resid
        df_inference = dof_resid
    elif vcov == "hc1":
        scores = z * resid[:, None]
        cov = bread @ (scores.T @ scores) @ bread * n / dof_resid
        df_inference = dof_resid
    elif vcov == "driscoll_kraay":
        cov, df_inference, dk_lags = _driscoll_kraay(
            z, bread, resid, time_codes, n_periods, dk_lags, k + k_time + 1, time
        )
        notes.append(
            f"Driscoll-Kraay: Bartlett kernel, maximum lag {dk_lags}, T={n_periods} periods; "
            f"factor T/(T-1)*(N-1)/(N-K) with K={k + k_time + 1}; t({n_periods - 1})"
        )
    else:
        cluster_codes, cluster_levels = pd.factorize(data[cluster_var], sort=True)
        n_clusters = len(cluster_levels)
        if n_clusters < 2:
            raise PanelSpecificationError(
                f"cluster-robust SEs need at least 2 clusters; {cluster_var!r} has {n_clusters}"
            )
        nested = bool((pd.Series(cluster_codes).groupby(entity_codes).nunique() == 1).all())
        k_cl = k + k_time + 1 if nested else k_total
        if not nested:
            notes.append(
                f"entities not nested in clusters {cluster_var!r}: K counts entity dummies"
            )
        scores = np.zeros((n_clusters, z.shape[1]))
        np.add.at(scores, cluster_codes, z * resid[:, None])
        factor = n_clusters / (n_clusters - 1) * (n - 1) / (n - k_cl)
        cov = bread @ (scores.T @ scores) @ bread * factor
        df_inference = n_clusters - 1

    k_cluster = k + k_time + 1 if nested else k_total
    slope_idx = [*range(k), k + k_time]
    names = [*x, CONSTANT]
    params = pd.Series(np.append(beta[:k], cons), index=names, dtype=float)
    cov_df = pd.DataFrame(cov[np.ix_(slope_idx, slope_idx)], index=names, columns=names)

    tss_total = float(np.sum((yv - yv.mean()) ** 2))
    tss_entity = float(y_dm @ y_dm)
    y_two_way = _residualize(y_dm[:, None], d_dm)[:, 0]
    tss_within = float(y_two_way @ y_two_way)
    lsdv_r2 = 1 - ssr / tss_total if tss_total > 0 else float("nan")
    time_effects = pd.Series(
        beta[k:],
        index=pd.Index([dummy_names[j] for j in keep_dummies], name=time),
        dtype=float,
    )

    return PanelResult(
        dep_var=y,
        regressors=list(x),
        entity=entity,
        time=time,
        vcov_type=vcov,
        cluster=cluster_var,
        params=params,
        cov=cov_df,
        df_inference=int(df_inference),
        n_obs=n,
        n_entities=n_entities,
        n_periods=n_periods,
        n_clusters=n_clusters,
        k_total=k_total,
        k_cluster=k_cluster,
        ssr=ssr,
        within_r2=1 - ssr / tss_within if tss_within > 0 else float("nan"),
        within_r2_xtreg=1 - ssr / tss_entity if tss_entity > 0 else float("nan"),
        lsdv_r2=lsdv_r2,
        lsdv_adj_r2=1 - (1 - lsdv_r2) * (n - 1) / dof_resid,
        cons_absorbed_time=cons_absorbed,
        time_effects=time_effects,
        sample=accounting,
        notes=notes,
        conf_level=conf_level,
        dk_lags=dk_lags,
    )
