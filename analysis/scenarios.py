"""GDP-growth scenarios for value added, energy and CO2 (methods.md §5; seed 004).

From the latest observed year ``t0`` (the base year) to ``target_year`` every scenario grows
real GRP at a constant annual rate ``g`` and derives the rest by the Kaya identity::

    Y_t   = Y_t0 · Π_{s=t0+1..t} (1 + g)      = Y_t0 (1 + g)^(t − t0)      亿元, 2000 prices
    σ_k,t = clip(σ_k,t0 + b_k (t − t0), 0, 1), then if Σ_k σ_k,t > 1: σ_k,t / Σ_k σ_k,t
    VA_k,t = σ_k,t · Y_t                                                  亿元, 2000 prices
    e_t   = e_t0 (1 − r_e)^(t − t0)   energy intensity    万吨标准煤 per 亿元 (2000 prices)
    E_t   = Y_t · e_t                                                      万吨标准煤 (10k tce)
    c_t   = c_t0 (1 − r_c)^(t − t0)   carbon intensity of energy   Mt CO2 per 万吨标准煤
    C_t   = E_t · c_t = Y_t · e_t · c_t                                    Mt CO2

* ``Y`` = ``grp_real_cny_100m`` of ``marts.province_panel`` (GRP chained at 2000 prices);
  national ``Y``, value added, energy and CO2 are the sums over provinces (Tibet reports no
  energy and no CO2, so national energy and CO2 exclude it while national ``Y`` includes it;
  the national intensities are national totals over national real GRP, so the observed
  national totals are reproduced exactly). A unit without any year having all inputs
  (at province level: Tibet, no energy/CO2) is not projected.
* ``k`` ∈ {industry (proxy for manufacturing), producer services (transport + trade + finance
  + real estate)}. The shares are NOMINAL value-added shares (``va_*_cny_100m /
  grp_cny_100m``, current prices) applied to real GRP: no sector deflators are published.
  ``b_k`` is the OLS slope of the share on the year over the trend window (default: the last
  10 observed years up to ``t0``); the projected share starts from the observed ``t0`` share.
  The remainder ``1 − Σ_k σ_k`` (agriculture, construction, other services) is not projected.
* ``r_e`` ('historical'): ``1 − exp(β)`` with ``β`` the OLS slope of ``ln(energy / Y)`` on the
  year over the trend window, i.e. the historical average annual rate of decline; or a plan
  rate (a number) from the config. ``r_c`` likewise from ``ln(CO2 / energy)`` ('historical'),
  0 ('constant') or a plan rate.
* baseline ``g`` = the arithmetic mean of the last 5 observed real growth rates
  ``Y_t / Y_{t−1} − 1`` up to ``t0`` (stated in the output as variable ``gdp_growth_rate``).

The config is YAML, by default ``dbt_project/scenarios.yml`` (:data:`DEFAULT_CONFIG_PATH`;
the dbt model ``marts.scenarios`` resolves its ``scenarios_config`` relative to the dbt
project directory). Schema (defaults in brackets)::

    target_year: 2025            # [2025] last projected year, base year < target_year <= 2100
    trend_window: 10             # [10] observed years (<= t0) for the share / intensity trends
    baseline_window: 5           # [5] growth rates averaged for the baseline growth
    energy_intensity: historical # ['historical'] or a plan decline rate a year, 0 <= r < 1
    carbon_intensity: historical # ['historical'], 'constant' or a decline rate a year
    levels: [national]           # ['national'] and/or 'province'
    scenarios:                   # name -> annual real growth (a fraction), or 'estimated'
      baseline: estimated
      g6_0: 0.06
      g6_5: 0.065
      g7_0: 0.07
      g7_5: 0.075

Everything here is pure pandas/numpy on DataFrames; no database access.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import yaml

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DBT_PROJECT_DIR = PROJECT_ROOT / "dbt_project"
DEFAULT_CONFIG_PATH = DBT_PROJECT_DIR / "scenarios.yml"

NATIONAL_CODE = "CN"
SECTORS = ("industry", "producer_services")
LEVELS = ("national", "province")
ESTIMATED = "estimated"

#: panel column -> role
PANEL_COLUMNS = {
    "grp_real": "grp_real_cny_100m",
    "grp_nominal": "grp_cny_100m",
    "va_industry": "va_industry_cny_100m",
    "va_producer_services": "va_producer_services_cny_100m",
    "energy": "energy_10k_tce",
    "co2": "co2_mt",
}

#: output variable -> unit
UNITS = {
    "grp_real": "亿元 (CNY 100 million), 2000 prices",
    "va_industry_real": "亿元 (CNY 100 million), 2000 prices",
    "va_producer_services_real": "亿元 (CNY 100 million), 2000 prices",
    "share_industry": "share of GRP (nominal VA share)",
    "share_producer_services": "share of GRP (nominal VA share)",
    "energy": "万吨标准煤 (10k tce)",
    "energy_intensity": "万吨标准煤 per 亿元 (2000 prices)",
    "co2": "Mt CO2",
    "carbon_intensity_of_energy": "Mt CO2 per 万吨标准煤",
    "gdp_growth_rate": "fraction a year (real)",
}
OUTPUT_COLUMNS = ["scenario", "year", "unit_id", "variable", "value", "unit"]


class ScenarioConfigError(ValueError):
    """A scenario parameter is invalid; the message names the parameter."""


@dataclass(frozen=True)
class ScenarioConfig:
    """Validated scenario settings (see the module docstring for the YAML schema).

    ``scenarios`` maps a name to an annual real growth rate (fraction) or ``None`` for the
    estimated baseline; ``energy_intensity`` / ``carbon_intensity`` are 'historical',
    'constant' (carbon only) or a float decline rate a year.
    """

    scenarios: dict[str, float | None] = field(
        default_factory=lambda: {
            "baseline": None,
            "g6_0": 0.06,
            "g6_5": 0.065,
            "g7_0": 0.07,
            "g7_5": 0.075,
        }
    )
    target_year: int = 2025
    trend_window: int = 10
    baseline_window: int = 5
    energy_intensity: str | float = "historical"
    carbon_intensity: str | float = "historical"
    levels: tuple[str, ...] = ("national",)

    def __post_init__(self) -> None:
        validate_config(self)


def _is_number(x: Any) -> bool:
    return isinstance(x, int | float) and not isinstance(x, bool) and np.isfinite(x)


def _check_int(name: str, value: Any, low: int, high: int) -> None:
    if not (isinstance(value, int) and not isinstance(value, bool)) or not low <= value <= high:
        raise ScenarioConfigError(f"{name} must be an integer in [{low}, {high}], got {value!r}")


def _check_rule(name: str, value: Any, words: tuple[str, ...]) -> None:
    if isinstance(value, str):
        if value not in words:
            raise ScenarioConfigError(
                f"{name} must be one of {list(words)} or a decline rate in [0, 1), got {value!r}"
            )
    elif not _is_number(value) or not 0 <= value < 1:
        raise ScenarioConfigError(
            f"{name} must be one of {list(words)} or a decline rate in [0, 1), got {value!r}"
        )


def validate_config(config: ScenarioConfig) -> None:
    """Raise :class:`ScenarioConfigError` naming the first invalid parameter.

    Rules: at least one scenario; names non-empty strings; growth ``None`` (estimated) or a
    number in (−0.5, 0.5) (a fraction: 6 % is 0.06); 2000 < target_year ≤ 2100;
    2 ≤ trend_window ≤ 50; 1 ≤ baseline_window ≤ 50; intensity rules as in the schema;
    levels a non-empty subset of {'national', 'province'}.
    """
    if not isinstance(config.scenarios, Mapping) or not config.scenarios:
        raise ScenarioConfigError("scenarios must be a non-empty mapping name -> growth")
    for name, g in config.scenarios.items():
        if not isinstance(name, str) or not name:
            raise ScenarioConfigError(f"scenarios: name {name!r} must be a non-empty string")
        if g is not None and (not _is_number(g) or not -0.5 < g < 0.5):
            raise ScenarioConfigError(
                f"scenarios.{name} must be 'estimated' or an annual growth fraction in "
                f"(-0.5, 0.5) (6 % = 0.06), got {g!r}"
            )
    _check_int("target_year", config.target_year, 2001, 2100)
    _check_int("trend_window", config.trend_window, 2, 50)
    _check_int("baseline_window", config.baseline_window, 1, 50)
    _check_rule("energy_intensity", config.energy_intensity, ("historical",))
    _check_rule("carbon_intensity", config.carbon_intensity, ("historical", "constant"))
    levels = config.levels
    if (
        isinstance(levels, str)
        or not levels
        or any(level not in LEVELS for level in levels)
        or len(set(levels)) != len(levels)
    ):
        raise ScenarioConfigError(
            f"levels must be a non-empty list of distinct values from {list(LEVELS)}, "
            f"got {levels!r}"
        )


def config_from_dict(raw: Mapping[str, Any] | None) -> ScenarioConfig:
    """Build a :class:`ScenarioConfig` from a parsed YAML mapping (missing keys = defaults).

    Scenario growth 'estimated' (or null) means the estimated baseline growth.
    """
    raw = dict(raw or {})
    known = {
        "scenarios",
        "target_year",
        "trend_window",
        "baseline_window",
        "energy_intensity",
        "carbon_intensity",
        "levels",
    }
    unknown = sorted(set(raw) - known)
    if unknown:
        raise ScenarioConfigError(f"unknown parameter(s) {unknown}; allowed: {sorted(known)}")
    kwargs: dict[str, Any] = {k: v for k, v in raw.items() if k != "scenarios" and k != "levels"}
    if "levels" in raw:
        levels = raw["levels"]
        kwargs["levels"] = (levels,) if isinstance(levels, str) else tuple(levels or ())
    if "scenarios" in raw:
        scen = raw["scenarios"]
        if not isinstance(scen, Mapping):
            raise ScenarioConfigError("scenarios must be a mapping name -> growth")
        kwargs["scenarios"] = {
            str(name): (None if g is None or g == ESTIMATED else g) for name, g in scen.items()
        }
    return ScenarioConfig(**kwargs)


def load_scenario_config(path: str | Path = DEFAULT_CONFIG_PATH) -> ScenarioConfig:
    """Read and validate the scenario YAML at ``path`` (schema: module docstring)."""
    text = Path(path).read_text(encoding="utf-8")
    return config_from_dict(yaml.safe_load(text))


# ----------------------------------------------------------------------------- panel prep


def unit_panel(panel: pd.DataFrame, levels: tuple[str, ...] = ("national",)) -> pd.DataFrame:
    """Province panel -> one row per (unit_type, unit_id, year) with the totals needed.

    Columns: unit_type, unit_id, year, grp_real, grp_nominal, va_industry,
    va_producer_services, energy, co2 (units of the panel). ``national`` (unit_id 'CN') sums
    each variable over its regular reporters (provinces reporting it in at least half of the
    years in which any province reports it: Tibet has no energy and no CO2, so those national
    totals exclude it); a year in which a regular reporter is missing gets NaN (no spurious
    drops), and an occasional reporter's values are left out of every year's total.
    """
    missing = [c for c in ["province_code", "year", *PANEL_COLUMNS.values()] if c not in panel]
    if missing:
        raise KeyError(f"panel lacks column(s) {missing}")
    frame = panel[["province_code", "year", *PANEL_COLUMNS.values()]].rename(
        columns={v: k for k, v in PANEL_COLUMNS.items()}
    )
    frame["year"] = frame["year"].astype(int)
    parts = []
    if "province" in levels:
        prov = frame.rename(columns={"province_code": "unit_id"})
        prov.insert(0, "unit_type", "province")
        parts.append(prov)
    if "national" in levels:
        years = sorted(frame["year"].unique())
        nat = pd.DataFrame({"year": years})
        for c in PANEL_COLUMNS:
            wide = frame.pivot_table(
                index="year", columns="province_code", values=c, aggfunc="first", dropna=False
            ).reindex(years)
            reporting_years = wide.notna().any(axis=1).sum()
            core = wide.columns[wide.notna().sum() * 2 >= max(reporting_years, 1)]
            total = wide[core].sum(axis=1, min_count=1)
            total[wide[core].isna().any(axis=1)] = np.nan
            nat[c] = total.to_numpy(dtype=float)
        nat.insert(0, "unit_id", NATIONAL_CODE)
        nat.insert(0, "unit_type", "national")
        parts.append(nat)
    out = pd.concat(parts, ignore_index=True)
    return out.sort_values(["unit_type", "unit_id", "year"], ignore_index=True)


def derived_ratios(units: pd.DataFrame) -> pd.DataFrame:
    """Add share_industry, share_producer_services (nominal VA / nominal GRP),
    energy_intensity = energy / grp_real (万吨标准煤 per 亿元 2000 prices) and
    carbon_intensity_of_energy = co2 / energy (Mt CO2 per 万吨标准煤)."""
    out = units.copy()
    with np.errstate(divide="ignore", invalid="ignore"):
        out["share_industry"] = out["va_industry"] / out["grp_nominal"]
        out["share_producer_services"] = out["va_producer_services"] / out["grp_nominal"]
        out["energy_intensity"] = out["energy"] / out["grp_real"]
        out["carbon_intensity_of_energy"] = out["co2"] / out["energy"]
    return out.replace([np.inf, -np.inf], np.nan)


REQUIRED = [
    "grp_real",
    "share_industry",
    "share_producer_services",
    "energy_intensity",
    "carbon_intensity_of_energy",
]


def base_year_values(units: pd.DataFrame) -> pd.DataFrame:
    """Per unit, the latest year ``t0`` where real GRP, both shares and both intensities are
    all observed, with those values. Index (unit_type, unit_id); columns base_year + REQUIRED.
    Units without such a year are dropped."""
    ratios = derived_ratios(units) if "share_industry" not in units else units
    complete = ratios.dropna(subset=REQUIRED)
    last = complete.sort_values("year").groupby(["unit_type", "unit_id"]).tail(1)
    out = last.set_index(["unit_type", "unit_id"])[["year", *REQUIRED]]
    return out.rename(columns={"year": "base_year"}).sort_index()


# ----------------------------------------------------------------------------- trends


@dataclass(frozen=True)
class Trends:
    """Per-unit trend estimates, one row per (unit_type, unit_id) in ``table``.

    Columns: base_year; share_industry_slope, share_producer_services_slope (share points a
    year, OLS of the nominal share on the year); energy_intensity_decline and
    carbon_intensity_decline (``r = 1 − exp(β)``, β the OLS slope of the log intensity on the
    year: fraction a year, positive = falling); baseline_growth (mean of the last
    ``baseline_window`` real growth rates ``Y_t/Y_{t−1} − 1`` up to the base year);
    n_trend_years (complete years in the trend window).
    """

    table: pd.DataFrame
    window: int
    baseline_window: int


def _slope(x: np.ndarray, y: np.ndarray) -> float:
    ok = np.isfinite(x) & np.isfinite(y)
    if ok.sum() < 2 or np.ptp(x[ok]) == 0:
        return float("nan")
    return float(np.polyfit(x[ok], y[ok], 1)[0])


def baseline_growth(grp_real: pd.Series, base_year: int, n: int = 5) -> float:
    """Mean of the last ``n`` annual growth rates ``Y_t / Y_{t−1} − 1`` for t ≤ base_year.

    ``grp_real`` is indexed by year; only consecutive-year pairs count. NaN if none."""
    s = grp_real.dropna().sort_index()
    s = s[s.index <= base_year]
    years = s.index.to_numpy()
    rates = [
        s.iloc[i] / s.iloc[i - 1] - 1 for i in range(1, len(s)) if years[i] - years[i - 1] == 1
    ]
    return float(np.mean(rates[-n:])) if rates else float("nan")


def estimate_trends(
    panel: pd.DataFrame,
    window: int = 10,
    *,
    baseline_window: int = 5,
    levels: tuple[str, ...] = ("national",),
) -> Trends:
    """Estimate the trend parameters per unit from the province panel.

    ``panel``: marts.province_panel (or the output of :func:`unit_panel`, detected by its
    ``unit_type`` column). Window: the ``window`` calendar years ``t0 − window + 1 .. t0``
    with ``t0`` the unit's base year (:func:`base_year_values`).
    Share slope ``b`` (share a year): OLS ``σ_t = a + b t``. Intensity decline
    ``r = 1 − exp(β)``, OLS ``ln e_t = α + β t`` (energy per real GRP) and
    ``ln c_t = α + β t`` (CO2 per energy). Baseline growth: :func:`baseline_growth`.
    """
    if not isinstance(window, int) or isinstance(window, bool) or window < 2:
        raise ScenarioConfigError(f"trend_window must be an integer >= 2, got {window!r}")
    if not isinstance(baseline_window, int) or baseline_window < 1:
        raise ScenarioConfigError(
            f"baseline_window must be an integer >= 1, got {baseline_window!r}"
        )
    units = panel if "unit_type" in panel else unit_panel(panel, levels)
    ratios = derived_ratios(units)
    base = base_year_values(ratios)
    rows = []
    for (unit_type, unit_id), grp in ratios.groupby(["unit_type", "unit_id"]):
        if (unit_type, unit_id) not in base.index:
            continue
        t0 = int(base.loc[(unit_type, unit_id), "base_year"])
        w = grp[(grp["year"] > t0 - window) & (grp["year"] <= t0)]
        x = w["year"].to_numpy(dtype=float)
        with np.errstate(divide="ignore", invalid="ignore"):
            ln_e = np.log(w["energy_intensity"].to_numpy(dtype=float))
            ln_c = np.log(w["carbon_intensity_of_energy"].to_numpy(dtype=float))
        rows.append(
            {
                "unit_type": unit_type,
                "unit_id": unit_id,
                "base_year": t0,
                "share_industry_slope": _slope(x, w["share_industry"].to_numpy(dtype=float)),
                "share_producer_services_slope": _slope(
                    x, w["share_producer_services"].to_numpy(dtype=float)
                ),
                "energy_intensity_decline": 1 - np.exp(_slope(x, ln_e)),
                "carbon_intensity_decline": 1 - np.exp(_slope(x, ln_c)),
                "baseline_growth": baseline_growth(
                    grp.set_index("year")["grp_real"], t0, baseline_window
                ),
                "n_trend_years": int(w.dropna(subset=REQUIRED).shape[0]),
            }
        )
    table = pd.DataFrame(rows)
    if not table.empty:
        table = table.set_index(["unit_type", "unit_id"]).sort_index()
    return Trends(table=table, window=window, baseline_window=baseline_window)


# ----------------------------------------------------------------------------- projection


def compound(value0: float, growth: float | np.ndarray, years: np.ndarray) -> np.ndarray:
    """``value0 · (1 + g)^n`` for n = ``years`` (elapsed years since the base year)."""
    return value0 * np.power(1.0 + np.asarray(growth, dtype=float), years)


def project_shares(
    share0: Mapping[str, float], slope: Mapping[str, float], years: np.ndarray
) -> dict[str, np.ndarray]:
    """``σ_k,t = clip(σ_k,0 + b_k n, 0, 1)``; if ``Σ_k σ_k,t > 1`` each is divided by the sum.

    ``years`` = elapsed years n; a NaN slope is treated as 0 (no trend)."""
    raw = {
        k: np.clip(share0[k] + np.nan_to_num(slope[k]) * np.asarray(years, float), 0.0, 1.0)
        for k in share0
    }
    total = np.sum(list(raw.values()), axis=0)
    scale = np.where(total > 1.0, total, 1.0)
    return {k: v / scale for k, v in raw.items()}


def _rule_rate(rule: str | float, estimated: float) -> float:
    if rule == "historical":
        return 0.0 if not np.isfinite(estimated) else float(estimated)
    if rule == "constant":
        return 0.0
    return float(rule)


def project(trends: Trends, base_year_values: pd.DataFrame, config: ScenarioConfig) -> pd.DataFrame:
    """Project every scenario × unit from base year + 1 to ``config.target_year``.

    Returns long rows (scenario, year, unit_id, variable, value, unit) plus unit_type, for the
    variables of :data:`UNITS` (formulas: module docstring). ``base_year_values`` as from
    :func:`base_year_values`; ``trends`` from :func:`estimate_trends`. A 'historical' rule
    whose rate cannot be estimated (fewer than 2 years) falls back to 0 (intensity constant);
    an estimated baseline growth that is NaN raises.
    """
    validate_config(config)
    rows = []
    for key, b in base_year_values.iterrows():
        unit_type, unit_id = key
        if key not in trends.table.index:
            raise ValueError(f"no trends for unit {unit_id!r}")
        tr = trends.table.loc[key]
        t0 = int(b["base_year"])
        if config.target_year <= t0:
            raise ScenarioConfigError(
                f"target_year {config.target_year} must be after the base year {t0} "
                f"of unit {unit_id}"
            )
        years = np.arange(t0 + 1, config.target_year + 1)
        n = (years - t0).astype(float)
        shares = project_shares(
            {k: float(b[f"share_{k}"]) for k in SECTORS},
            {k: float(tr[f"share_{k}_slope"]) for k in SECTORS},
            n,
        )
        r_e = _rule_rate(config.energy_intensity, float(tr["energy_intensity_decline"]))
        r_c = _rule_rate(config.carbon_intensity, float(tr["carbon_intensity_decline"]))
        e = compound(float(b["energy_intensity"]), -r_e, n)
        c = compound(float(b["carbon_intensity_of_energy"]), -r_c, n)
        for scenario, g in config.scenarios.items():
            if g is None:
                g = float(tr["baseline_growth"])
                if not np.isfinite(g):
                    raise ValueError(f"baseline growth of {unit_id} cannot be estimated")
            y = compound(float(b["grp_real"]), g, n)
            energy = y * e
            values = {
                "grp_real": y,
                "va_industry_real": shares["industry"] * y,
                "va_producer_services_real": shares["producer_services"] * y,
                "share_industry": shares["industry"],
                "share_producer_services": shares["producer_services"],
                "energy": energy,
                "energy_intensity": e,
                "co2": energy * c,
                "carbon_intensity_of_energy": c,
                "gdp_growth_rate": np.full(len(years), float(g)),
            }
            for variable, vals in values.items():
                rows.append(
                    pd.DataFrame(
                        {
                            "scenario": scenario,
                            "year": years,
                            "unit_type": unit_type,
                            "unit_id": unit_id,
                            "variable": variable,
                            "value": np.asarray(vals, dtype=float),
                            "unit": UNITS[variable],
                        }
                    )
                )
    if not rows:
        return pd.DataFrame(columns=[*OUTPUT_COLUMNS, "unit_type"])
    return pd.concat(rows, ignore_index=True)[[*OUTPUT_COLUMNS, "unit_type"]]


def observed_long(units: pd.DataFrame, base: pd.DataFrame) -> pd.DataFrame:
    """Observed history in the projection's long format, years ≤ each unit's base year.

    Variables as in :data:`UNITS` (observed real growth for gdp_growth_rate; value added
    at 2000 prices = nominal share × real GRP, the same convention as the projection)."""
    ratios = derived_ratios(units).sort_values(["unit_type", "unit_id", "year"])
    ratios["va_industry_real"] = ratios["share_industry"] * ratios["grp_real"]
    ratios["va_producer_services_real"] = ratios["share_producer_services"] * ratios["grp_real"]
    prev = ratios.groupby(["unit_type", "unit_id"])["grp_real"].shift(1)
    prev_year = ratios.groupby(["unit_type", "unit_id"])["year"].shift(1)
    ratios["gdp_growth_rate"] = np.where(
        prev_year == ratios["year"] - 1, ratios["grp_real"] / prev - 1, np.nan
    )
    t0 = base["base_year"].rename("base_year").reset_index()
    ratios = ratios.merge(t0, on=["unit_type", "unit_id"], how="inner")
    ratios = ratios[ratios["year"] <= ratios["base_year"]]
    long = ratios.melt(
        id_vars=["unit_type", "unit_id", "year"],
        value_vars=list(UNITS),
        var_name="variable",
        value_name="value",
    ).dropna(subset=["value"])
    long["unit"] = long["variable"].map(UNITS)
    return long


def run_scenarios(panel: pd.DataFrame, config: ScenarioConfig) -> pd.DataFrame:
    """Panel + config -> observed and projected rows for every scenario (the mart's content).

    Columns: scenario, year, unit_type, unit_id, variable, value, unit, is_projection. The
    observed years (≤ base year) are repeated under every scenario name so a scenario's
    series is complete; grain scenario × year × unit_type × unit_id × variable."""
    units = unit_panel(panel, config.levels)
    trends = estimate_trends(units, config.trend_window, baseline_window=config.baseline_window)
    base = base_year_values(derived_ratios(units))
    projected = project(trends, base, config).assign(is_projection=True)
    history = observed_long(units, base)
    observed = pd.concat(
        [history.assign(scenario=s) for s in config.scenarios], ignore_index=True
    ).assign(is_projection=False)
    columns = [
        "scenario",
        "year",
        "unit_type",
        "unit_id",
        "variable",
        "value",
        "unit",
        "is_projection",
    ]
    out = pd.concat([observed[columns], projected[columns]], ignore_index=True)
    out = out.astype(
        {
            "scenario": "object",
            "year": "int64",
            "unit_type": "object",
            "unit_id": "object",
            "variable": "object",
            "value": "float64",
            "unit": "object",
            "is_projection": "bool",
        }
    )
    return out.sort_values(
        ["scenario", "unit_type", "unit_id", "variable", "year"], ignore_index=True
    )
