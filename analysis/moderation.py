"""Moderation (interaction) models on the two-way fixed-effects panel estimator.

Model (methods.md §1, "Moderation"), estimated with :func:`analysis.panel.fit_panel_fe`:

    y_it = b1·(x_it − cx) + b2·(z_it − cz) + b3·(x_it − cx)(z_it − cz)
           + g'controls_it + a_i + l_t + e_it

- ``center=True``: ``cx``, ``cz`` are the means of x and z on the *estimation sample* (rows
  complete in y, x, z, controls, entity, time and cluster); ``center=False``: ``cx = cz = 0``.
  Centring changes b1 and b2 (b1 becomes the effect of x at the mean of z, b2 the effect of z at
  the mean of x) but not b3, the fit, or any marginal effect at a given z.
- Marginal effect of x at moderator value z: ``dy/dx = b1 + b3·(z − cz)``, with the delta-method
  standard error ``sqrt(V11 + (z − cz)² V33 + 2 (z − cz) V13)`` from the model's covariance
  (cluster CR1 by default), t with the model's inference dof (``G − 1`` when clustered).
- Percentiles of z are taken on the estimation sample (rows, not entities) with
  ``numpy.percentile``'s default linear interpolation (R's type 7).
- Bad input: rows missing any model variable are dropped and counted by column; entities whose
  moderator is missing on every row are listed with their row count (they leave the model
  entirely). A regressor without variation beyond the fixed effects raises
  :class:`ModerationSpecificationError` naming it. A time-invariant moderator (e.g. a score for a
  single year) cannot enter a country-FE model as a level: split the sample with
  :func:`entity_split_flag` and use :func:`split_interaction` / :func:`group_slope_difference`.

Group split (pooled interaction model):

    y_it = b·x_it + d·x_it·1[g_i] + g'controls_it + a_i + l_t + e_it

``b`` is the slope of the reference group (flag 0), ``b + d`` that of the flagged group, and the
t-test of ``d`` tests the slope difference. Controls, time effects and the error variance are
pooled across the groups, so ``d`` is close to, but not identical with, the difference of two
separate subgroup regressions (identical without time effects and controls). The level of a
time-invariant flag is absorbed by the entity effects and is left out; a flag with variation
beyond the fixed effects (e.g. a staggered switch) also enters as a level (noted). Rows missing
the flag are dropped by the regression and counted in ``panel.sample``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import special

from analysis.panel import PanelResult, PanelSpecificationError, VcovType, fit_panel_fe

_ZERO_VARIATION_TOL = 1e-10


class ModerationSpecificationError(PanelSpecificationError):
    """The moderation or split model cannot be estimated as specified (cause named)."""


# ----------------------------------------------------------------------------------------------
# Sample preparation


@dataclass(frozen=True)
class ModerationSample:
    """Rows from the input frame to the estimation sample.

    ``n_dropped_missing_by_column`` counts rows missing each variable (a row can count under
    several); ``entities_without_moderator`` are entities whose moderator is missing on every
    row (their ``n_rows_entities_without_moderator`` rows are part of ``n_dropped_missing``).
    """

    n_input: int
    n_dropped_missing: int
    n_dropped_missing_by_column: dict[str, int]
    entities_without_moderator: list[object]
    n_rows_entities_without_moderator: int
    n_used: int

    def describe(self) -> str:
        parts = [f"{self.n_input} rows in", f"{self.n_used} used"]
        if self.n_dropped_missing:
            cols = ", ".join(f"{c}: {n}" for c, n in self.n_dropped_missing_by_column.items() if n)
            parts.append(f"{self.n_dropped_missing} dropped for missing values ({cols})")
        if self.entities_without_moderator:
            parts.append(
                f"{len(self.entities_without_moderator)} entities without any moderator value "
                f"({self.n_rows_entities_without_moderator} rows): "
                f"{self.entities_without_moderator}"
            )
        return "; ".join(parts)


def _missing_mask(df: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    out = pd.DataFrame(index=df.index)
    for col in columns:
        values = df[col]
        bad = values.isna()
        if pd.api.types.is_numeric_dtype(values):
            bad |= ~np.isfinite(values.astype(float).fillna(0.0))
        out[col] = bad
    return out


def _check_columns(df: pd.DataFrame, columns: list[str]) -> None:
    absent = [c for c in columns if c not in df.columns]
    if absent:
        raise ModerationSpecificationError(f"columns not in the data: {absent}")


def _within_share(values: np.ndarray, entity: pd.Series, time: pd.Series | None) -> float:
    """Share of the variation of ``values`` left after entity (and time) effects (FWL, exact)."""
    raw_ss = float(np.sum((values - values.mean()) ** 2))
    if raw_ss == 0.0:
        return 0.0
    codes, levels = pd.factorize(entity, sort=True)
    counts = np.bincount(codes, minlength=len(levels)).astype(float)

    def demean(mat: np.ndarray) -> np.ndarray:
        out = np.empty_like(mat, dtype=float)
        for j in range(mat.shape[1]):
            means = np.bincount(codes, weights=mat[:, j], minlength=len(levels)) / counts
            out[:, j] = mat[:, j] - means[codes]
        return out

    resid = demean(values[:, None].astype(float))
    if time is not None:
        t_codes, t_levels = pd.factorize(time, sort=True)
        if len(t_levels) > 1:
            dummies = np.zeros((len(values), len(t_levels) - 1))
            rows = np.nonzero(t_codes > 0)[0]
            dummies[rows, t_codes[rows] - 1] = 1.0
            d_dm = demean(dummies)
            coef, *_ = np.linalg.lstsq(d_dm, resid, rcond=None)
            resid = resid - d_dm @ coef
    return float(np.sum(resid**2)) / raw_ss


def _require_within(
    data: pd.DataFrame, var: str, entity: str, time: str | None, hint: str = ""
) -> None:
    share = _within_share(
        data[var].to_numpy(dtype=float), data[entity], data[time] if time else None
    )
    if share <= _ZERO_VARIATION_TOL:
        fe = "entity and time" if time else "entity"
        raise ModerationSpecificationError(
            f"variable {var!r} has no within variation on the estimation sample: it is absorbed "
            f"by the {fe} fixed effects{hint}"
        )


# ----------------------------------------------------------------------------------------------
# Continuous moderator


@dataclass(frozen=True)
class ModerationResult:
    """Output of :func:`fit_moderation`; ``panel`` is the underlying :class:`PanelResult`.

    Parameter names: ``x`` and ``z`` (centred when ``centered``), ``interaction`` (``"x:z"``),
    the controls and ``_cons``. ``z_sample`` is the raw (uncentred) moderator on the estimation
    sample, indexed like the input frame.
    """

    panel: PanelResult
    y: str
    x: str
    z: str
    controls: list[str]
    entity: str
    time: str | None
    interaction: str
    centered: bool
    x_center: float
    z_center: float
    x_mean: float
    z_mean: float
    z_sample: pd.Series
    sample: ModerationSample
    notes: list[str] = field(default_factory=list)

    @property
    def params(self) -> pd.Series:
        return self.panel.params

    @property
    def cov(self) -> pd.DataFrame:
        return self.panel.cov

    @property
    def std_errors(self) -> pd.Series:
        return self.panel.std_errors

    @property
    def df_inference(self) -> int:
        return self.panel.df_inference

    def tidy(self, include_constant: bool = False) -> pd.DataFrame:
        return self.panel.tidy(include_constant=include_constant)

    def interaction_test(self) -> dict[str, float]:
        """b3 with its SE, t, p and CI (the test of moderation)."""
        row = self.tidy().set_index("term").loc[self.interaction]
        return {k: float(v) for k, v in row.items()}

    def describe(self) -> str:
        centre = (
            f"x, z centred at estimation-sample means {self.x_center:.6g}, {self.z_center:.6g}"
            if self.centered
            else "x, z not centred"
        )
        return f"{self.y} ~ {self.x} * {self.z}; {centre}; {self.sample.describe()}"


def fit_moderation(
    df: pd.DataFrame,
    y: str,
    x: str,
    z: str,
    controls: Sequence[str] = (),
    entity: str = "iso3",
    time: str | None = "year",
    vcov: VcovType = "cluster",
    center: bool = True,
    *,
    cluster: str | None = None,
    conf_level: float = 0.95,
) -> ModerationResult:
    """Estimate ``y ~ x + z + x:z + controls + entity FE + time FE`` (see the module docstring).

    ``cluster`` defaults to ``entity`` (with ``vcov="cluster"``). Raises
    :class:`ModerationSpecificationError` (a :class:`PanelSpecificationError`) for absent or
    clashing columns, an empty sample, or x / z without within variation (named).
    """
    controls = list(controls)
    interaction = f"{x}:{z}"
    if x == z:
        raise ModerationSpecificationError(f"x and z must differ, both are {x!r}")
    clash = [c for c in (y, x, z, interaction) if c in controls]
    if y in (x, z) or clash:
        raise ModerationSpecificationError(
            f"y, x, z and the interaction must be distinct from each other and from the "
            f"controls (y={y!r}, x={x!r}, z={z!r}, controls={controls})"
        )
    cluster_var = (cluster or entity) if vcov == "cluster" else None
    columns = list(
        dict.fromkeys(
            [y, x, z, *controls, entity]
            + ([time] if time else [])
            + ([cluster_var] if cluster_var else [])
        )
    )
    _check_columns(df, columns)

    missing = _missing_mask(df, columns)
    any_missing = missing.any(axis=1)
    z_present = (~missing[z]).groupby(df[entity], sort=True).any()
    no_moderator = [e for e, ok in z_present.items() if not ok]
    rows_no_moderator = int(df[entity].isin(no_moderator).sum()) if no_moderator else 0
    accounting = ModerationSample(
        n_input=len(df),
        n_dropped_missing=int(any_missing.sum()),
        n_dropped_missing_by_column={c: int(missing[c].sum()) for c in columns},
        entities_without_moderator=no_moderator,
        n_rows_entities_without_moderator=rows_no_moderator,
        n_used=int((~any_missing).sum()),
    )
    data = df.loc[~any_missing, columns].copy()
    if data.empty:
        raise ModerationSpecificationError(
            f"empty estimation sample after dropping missing values ({accounting.describe()})"
        )
    notes: list[str] = []
    if no_moderator:
        notes.append(
            f"moderator {z!r} missing for whole entities, dropped: {no_moderator} "
            f"({rows_no_moderator} rows)"
        )

    _require_within(data, x, entity, time)
    _require_within(
        data,
        z,
        entity,
        time,
        hint=(
            "; a time-invariant moderator cannot enter as a level -- use entity_split_flag() "
            "with split_interaction() / group_slope_difference()"
        ),
    )

    z_raw = data[z].astype(float)
    x_mean = float(data[x].astype(float).mean())
    z_mean = float(z_raw.mean())
    x_center, z_center = (x_mean, z_mean) if center else (0.0, 0.0)
    data[x] = data[x].astype(float) - x_center
    data[z] = z_raw - z_center
    data[interaction] = data[x] * data[z]

    panel = fit_panel_fe(
        data,
        y,
        [x, z, interaction, *controls],
        entity,
        time,
        vcov=vcov,
        cluster=cluster,
        conf_level=conf_level,
    )
    if panel.n_obs != len(data):  # fit_panel_fe must use exactly our (centred) sample
        raise ModerationSpecificationError(
            f"internal: panel sample {panel.n_obs} != moderation sample {len(data)}"
        )
    notes.extend(panel.notes)
    return ModerationResult(
        panel=panel,
        y=y,
        x=x,
        z=z,
        controls=controls,
        entity=entity,
        time=time,
        interaction=interaction,
        centered=center,
        x_center=x_center,
        z_center=z_center,
        x_mean=x_mean,
        z_mean=z_mean,
        z_sample=z_raw.rename(z),
        sample=accounting,
        notes=notes,
    )


def marginal_effect_se(v11: float, v33: float, v13: float, dz: np.ndarray | float) -> np.ndarray:
    """Delta-method SE of ``b1 + b3·dz``: ``sqrt(V11 + dz² V33 + 2 dz V13)``."""
    dz = np.asarray(dz, dtype=float)
    var = v11 + dz**2 * v33 + 2 * dz * v13
    return np.sqrt(np.maximum(var, 0.0))


def marginal_effects(
    result: ModerationResult,
    z_values: Iterable[float] | None = None,
    percentiles: Sequence[float] = (10, 50, 90),
    *,
    level: float | None = None,
) -> pd.DataFrame:
    """Marginal effect of x at given moderator values (raw scale) or at sample percentiles of z.

    Columns: ``percentile`` (NaN for explicit ``z_values``), ``z``, ``z_minus_center``,
    ``effect``, ``std_error``, ``statistic``, ``p_value``, ``conf_low``, ``conf_high``.
    """
    if z_values is not None:
        z = np.asarray(list(z_values), dtype=float)
        pct = np.full(len(z), np.nan)
    else:
        pct = np.asarray(list(percentiles), dtype=float)
        if np.any((pct < 0) | (pct > 100)):
            raise ValueError(f"percentiles must lie in [0, 100], got {list(pct)}")
        z = np.percentile(result.z_sample.to_numpy(dtype=float), pct)
    dz = z - result.z_center
    b1 = float(result.params[result.x])
    b3 = float(result.params[result.interaction])
    cov = result.cov
    se = marginal_effect_se(
        float(cov.loc[result.x, result.x]),
        float(cov.loc[result.interaction, result.interaction]),
        float(cov.loc[result.x, result.interaction]),
        dz,
    )
    effect = b1 + b3 * dz
    dof = result.df_inference
    with np.errstate(divide="ignore", invalid="ignore"):
        stat = effect / se
    crit = special.stdtrit(dof, 0.5 + (level or result.panel.conf_level) / 2)
    return pd.DataFrame(
        {
            "percentile": pct,
            "z": z,
            "z_minus_center": dz,
            "effect": effect,
            "std_error": se,
            "statistic": stat,
            "p_value": 2 * special.stdtr(dof, -np.abs(stat)),
            "conf_low": effect - crit * se,
            "conf_high": effect + crit * se,
        }
    )


def marginal_effect_chart(
    result: ModerationResult,
    path: str | Path,
    *,
    level: float = 0.95,
    n_points: int = 200,
    x_label: str | None = None,
    y_label: str | None = None,
    title: str | None = None,
) -> Path:
    """PNG (or any matplotlib format by suffix): the marginal effect of x over the observed range
    of z with its ``level`` confidence band, and a histogram of z on the estimation sample below.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    path = Path(path)
    z_obs = result.z_sample.to_numpy(dtype=float)
    grid = np.linspace(z_obs.min(), z_obs.max(), n_points)
    me = marginal_effects(result, z_values=grid, level=level)

    fig, (ax, ax_hist) = plt.subplots(
        2, 1, figsize=(7, 5.5), sharex=True, gridspec_kw={"height_ratios": [3, 1]}
    )
    vcov = result.panel.vcov_type
    band = f"{level:.0%} CI ({'cluster CR1' if vcov == 'cluster' else vcov})"
    ax.fill_between(grid, me["conf_low"], me["conf_high"], alpha=0.25, label=band)
    ax.plot(grid, me["effect"], lw=2, label=f"d{result.y}/d{result.x}")
    ax.axhline(0.0, color="black", lw=0.8, ls="--")
    ax.axvline(result.z_mean, color="grey", lw=0.8, ls=":", label=f"mean of {result.z}")
    ax.set_ylabel(y_label or f"Marginal effect of {result.x} on {result.y}")
    ax.set_title(title or f"Marginal effect of {result.x} by {result.z}")
    ax.legend(loc="best", fontsize=8)
    ax_hist.hist(z_obs, bins=min(30, max(5, len(z_obs) // 10)), color="grey", alpha=0.7)
    ax_hist.set_ylabel("Obs.")
    ax_hist.set_xlabel(x_label or f"{result.z} (moderator)")
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=120)
    plt.close(fig)
    return path


# ----------------------------------------------------------------------------------------------
# Group split (time-invariant moderator)


def split_name(x: str, group_flag: str) -> str:
    """Column name of ``x·1[group]`` built by :func:`split_interaction`."""
    return f"{x}:{group_flag}"


def _flag_values(df: pd.DataFrame, group_flag: str) -> pd.Series:
    flag = df[group_flag]
    if pd.api.types.is_bool_dtype(flag):
        return flag.astype(float)
    if not pd.api.types.is_numeric_dtype(flag):
        raise ModerationSpecificationError(
            f"group flag {group_flag!r} must be boolean or 0/1, got dtype {flag.dtype}"
        )
    values = flag.astype(float)
    bad = sorted(set(values.dropna().unique()) - {0.0, 1.0})
    if bad:
        raise ModerationSpecificationError(
            f"group flag {group_flag!r} must be 0/1 (or missing), found values {bad[:5]}"
        )
    return values


def split_interaction(
    df: pd.DataFrame, x: str, group_flag: str, name: str | None = None
) -> pd.DataFrame:
    """Copy of ``df`` with the column ``x·1[group_flag]`` (named ``split_name(x, group_flag)``).

    ``group_flag`` is boolean or 0/1; a missing flag gives a missing product (dropped and counted
    by the regression).
    """
    _check_columns(df, [x, group_flag])
    name = name or split_name(x, group_flag)
    if name in df.columns:
        raise ModerationSpecificationError(f"column {name!r} already exists in the data")
    out = df.copy()
    out[name] = out[x].astype(float) * _flag_values(df, group_flag)
    return out


def entity_split_flag(
    df: pd.DataFrame, score: str, entity: str, cutoff: float | str = "median"
) -> pd.Series:
    """1.0 for entities whose (time-invariant) ``score`` is above ``cutoff``, else 0.0.

    Each entity's score is its single distinct non-missing value (e.g. a 2019 score stored on one
    row or repeated on all); more than one distinct value raises. ``cutoff="median"`` is the
    median across entities (each entity once); scores equal to the cutoff go to group 0.
    Entities without a score get NaN. Returned on the index of ``df``.
    """
    _check_columns(df, [score, entity])
    values = df[score].astype(float).where(np.isfinite(df[score].astype(float)))
    distinct = values.groupby(df[entity], sort=True).nunique()
    varying = distinct[distinct > 1].index.tolist()
    if varying:
        raise ModerationSpecificationError(
            f"score {score!r} is not time-invariant: {len(varying)} entities have several "
            f"values (e.g. {varying[:5]}); pass a single-year score"
        )
    per_entity = values.groupby(df[entity], sort=True).first()
    known = per_entity.dropna()
    if known.empty:
        raise ModerationSpecificationError(f"score {score!r} is missing for every entity")
    cut = float(known.median()) if cutoff == "median" else float(cutoff)
    flag_entity = (per_entity > cut).astype(float).where(per_entity.notna())
    return df[entity].map(flag_entity).astype(float).rename(f"{score}_above_{cutoff}")


@dataclass(frozen=True)
class GroupDifferenceResult:
    """Output of :func:`group_slope_difference` (pooled interaction model, see module doc)."""

    panel: PanelResult
    x: str
    group_flag: str
    interaction: str
    flag_level_included: bool
    n_obs_by_group: dict[int, int]
    n_entities_by_group: dict[int, int]
    notes: list[str] = field(default_factory=list)

    def _row(self, estimate: float, variance: float) -> dict[str, float]:
        se = float(np.sqrt(max(variance, 0.0)))
        stat = estimate / se if se > 0 else float("nan")
        dof = self.panel.df_inference
        crit = float(special.stdtrit(dof, 0.5 + self.panel.conf_level / 2))
        return {
            "estimate": estimate,
            "std_error": se,
            "statistic": stat,
            "p_value": float(2 * special.stdtr(dof, -abs(stat))),
            "conf_low": estimate - crit * se,
            "conf_high": estimate + crit * se,
        }

    @property
    def difference(self) -> dict[str, float]:
        """``d``: slope(group 1) − slope(group 0) with its t-test."""
        b, v = self.panel.params, self.panel.cov
        return self._row(
            float(b[self.interaction]), float(v.loc[self.interaction, self.interaction])
        )

    def table(self) -> pd.DataFrame:
        """Slopes of x in group 0 and group 1 and their difference (rows), with inference."""
        b, v = self.panel.params, self.panel.cov
        x, d = self.x, self.interaction
        rows = {
            f"{x} | {self.group_flag}=0": self._row(float(b[x]), float(v.loc[x, x])),
            f"{x} | {self.group_flag}=1": self._row(
                float(b[x] + b[d]), float(v.loc[x, x] + v.loc[d, d] + 2 * v.loc[x, d])
            ),
            "difference (1 − 0)": self.difference,
        }
        return pd.DataFrame.from_dict(rows, orient="index")


def group_slope_difference(
    df: pd.DataFrame,
    y: str,
    x: str,
    group_flag: str,
    controls: Sequence[str] = (),
    entity: str = "iso3",
    time: str | None = "year",
    vcov: VcovType = "cluster",
    *,
    cluster: str | None = None,
    conf_level: float = 0.95,
) -> GroupDifferenceResult:
    """Fit ``y ~ x + x·1[group] + controls + FE`` and test the slope difference (t-test of d)."""
    controls = list(controls)
    _check_columns(df, [y, x, group_flag, *controls, entity, *([time] if time else [])])
    interaction = split_name(x, group_flag)
    flag = _flag_values(df, group_flag)
    present = set(flag.dropna().unique())
    if present != {0.0, 1.0}:
        raise ModerationSpecificationError(
            f"group flag {group_flag!r} needs both groups; present: {sorted(present)}"
        )
    data = split_interaction(df, x, group_flag, name=interaction)
    data[group_flag] = flag

    cluster_var = (cluster or entity) if vcov == "cluster" else None
    needed = list(
        dict.fromkeys(
            [y, x, interaction, group_flag, *controls, entity]
            + ([time] if time else [])
            + ([cluster_var] if cluster_var else [])
        )
    )
    _check_columns(data, needed)
    used = data.loc[~_missing_mask(data, needed).any(axis=1)]
    if set(used[group_flag].unique()) != {0.0, 1.0}:
        raise ModerationSpecificationError(
            f"after dropping rows with missing values only group(s) "
            f"{sorted(used[group_flag].unique())} of {group_flag!r} remain"
        )
    share = _within_share(
        used[group_flag].to_numpy(dtype=float), used[entity], used[time] if time else None
    )
    varies = bool(share > _ZERO_VARIATION_TOL)
    regressors = [x, interaction]
    notes: list[str] = []
    if varies:
        regressors.append(group_flag)
        notes.append(
            f"group flag {group_flag!r} varies beyond the fixed effects: its level is included"
        )
    else:
        notes.append(f"group flag {group_flag!r} level absorbed by the fixed effects")
    panel = fit_panel_fe(
        data,
        y,
        [*regressors, *controls],
        entity,
        time,
        vcov=vcov,
        cluster=cluster,
        conf_level=conf_level,
    )
    n_obs = used.groupby(group_flag).size()
    n_ent = used.groupby(group_flag)[entity].nunique()
    notes.extend(panel.notes)
    return GroupDifferenceResult(
        panel=panel,
        x=x,
        group_flag=group_flag,
        interaction=interaction,
        flag_level_included=varies,
        n_obs_by_group={int(k): int(v) for k, v in n_obs.items()},
        n_entities_by_group={int(k): int(v) for k, v in n_ent.items()},
        notes=notes,
    )


__all__ = [
    "GroupDifferenceResult",
    "ModerationResult",
    "ModerationSample",
    "ModerationSpecificationError",
    "entity_split_flag",
    "fit_moderation",
    "group_slope_difference",
    "marginal_effect_chart",
    "marginal_effect_se",
    "marginal_effects",
    "split_interaction",
    "split_name",
]
