"""Charts of the green-TFP study (matplotlib, Agg backend)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from analysis.studies.green_tfp.spec import (
    BASELINE_SCENARIO,
    CHART_PATHS,
    CHART_RANKED,
    CHART_SCENARIOS,
    NATIONAL,
    NATIONAL_SCENARIO_UNIT,
    REGION_COLOURS,
    REGION_LABELS,
    REGIONS,
    SCENARIO_CHART_TITLES,
    SCENARIO_VARIABLES,
)
from analysis.studies.shared import pyplot as _pyplot
from analysis.studies.shared import save_figure as _save

if TYPE_CHECKING:
    from analysis.studies.green_tfp.spec import GreenTfpStudyResult


def plot_ranked(result: GreenTfpStudyResult, path: Path) -> Path | None:
    """Mean super-SBM score by province, highest at the top, coloured by region."""
    prov = result.frames.get("provinces", pd.DataFrame())
    if prov.empty or prov["mean_score"].notna().sum() == 0:
        return None
    data = prov.dropna(subset=["mean_score"]).sort_values("mean_score")
    plt = _pyplot()
    from matplotlib.patches import Patch

    fig, ax = plt.subplots(figsize=(7, max(3.0, 0.25 * len(data) + 1.2)))
    colours = [REGION_COLOURS.get(r, "grey") for r in data["region"]]
    ax.barh(data["province"].astype(str), data["mean_score"], color=colours)
    ax.axvline(1.0, color="black", linewidth=0.8, linestyle="--")
    handles = [
        Patch(color=REGION_COLOURS[r], label=REGION_LABELS[r])
        for r in REGIONS
        if r in set(data["region"])
    ]
    if not set(data["region"]) <= set(REGIONS):
        handles.append(Patch(color="grey", label="region unknown"))
    ax.legend(handles=handles, fontsize=8, loc="lower right")
    scores = result.frames.get("scores", pd.DataFrame())
    used = scores[scores["in_summary"]] if not scores.empty else scores
    years = f", {int(used['year'].min())}–{int(used['year'].max())}" if not used.empty else ""
    ax.set_xlabel(f"Mean super-SBM score{years} (≥ 1: on the frontier)")
    ax.tick_params(axis="y", labelsize=7)
    return _save(fig, plt, path)


def plot_paths(result: GreenTfpStudyResult, path: Path) -> Path | None:
    """Cumulative GML index (base year = 1) per year: geometric mean over the provinces of
    each region and of all provinces."""
    paths = result.frames.get("paths", pd.DataFrame())
    if paths.empty:
        return None
    plt = _pyplot()
    from matplotlib.ticker import MaxNLocator

    fig, ax = plt.subplots(figsize=(7.5, 4.5))
    for group in (NATIONAL, *REGIONS):
        g = paths[paths["group"] == group].sort_values("year")
        if g.empty:
            continue
        ax.plot(
            g["year"],
            g["value"],
            color="black" if group == NATIONAL else REGION_COLOURS[group],
            linewidth=2.2 if group == NATIONAL else 1.3,
            marker="o",
            markersize=3,
            label="All provinces" if group == NATIONAL else REGION_LABELS[group],
        )
    ax.axhline(1.0, color="grey", linewidth=0.5, linestyle=":")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("Year")
    ax.set_ylabel("Cumulative GML index (geometric mean over provinces)")
    ax.legend(fontsize=8)
    return _save(fig, plt, path)


def plot_scenarios(result: GreenTfpStudyResult, path: Path) -> Path | None:
    """Four panels (VA industry, VA producer services, energy, CO2): the observed national
    series and the projection of each scenario."""
    scen = result.frames.get("scenarios", pd.DataFrame())
    if scen.empty:
        return None
    nat = scen[scen["unit_type"] == NATIONAL_SCENARIO_UNIT]
    variables = [v for v in SCENARIO_VARIABLES if v in set(nat["variable"])]
    if not variables:
        return None
    plt = _pyplot()
    from matplotlib.ticker import MaxNLocator

    n_cols = 2 if len(variables) > 1 else 1
    n_rows = (len(variables) + n_cols - 1) // n_cols
    fig, axes = plt.subplots(n_rows, n_cols, figsize=(5.2 * n_cols, 3.6 * n_rows), squeeze=False)
    scenarios = sorted(set(nat["scenario"]), key=lambda s: (s != BASELINE_SCENARIO, s))
    for ax, var in zip(axes.flat, variables, strict=False):
        v = nat[nat["variable"] == var]
        observed = v[~v["is_projection"].fillna(False).astype(bool)]
        obs = observed.groupby("year")["value"].first().sort_index()
        ax.plot(obs.index, obs.values, color="black", linewidth=1.8, label="observed")
        last_obs = (obs.index[-1], obs.values[-1]) if not obs.empty else None
        for scenario in scenarios:
            p = v[(v["scenario"] == scenario) & v["is_projection"].fillna(False).astype(bool)]
            p = p.sort_values("year")
            xs, ys = list(p["year"]), list(p["value"])
            if last_obs is not None:
                xs, ys = [last_obs[0], *xs], [last_obs[1], *ys]
            ax.plot(
                xs,
                ys,
                linestyle="--" if scenario == BASELINE_SCENARIO else "-",
                linewidth=1.2,
                label=scenario,
            )
        ax.set_title(SCENARIO_CHART_TITLES.get(var, var), fontsize=9)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.tick_params(labelsize=7)
        ax.legend(fontsize=6)
    for ax in list(axes.flat)[len(variables) :]:
        ax.set_visible(False)
    return _save(fig, plt, path)


def write_charts(result: GreenTfpStudyResult, report_dir: str | Path) -> dict[str, Path]:
    """The three charts under ``report_dir`` (``figures/…``); a chart without data is skipped."""
    root = Path(report_dir)
    written: dict[str, Path] = {}
    for key, fn, rel in (
        ("gtfp_chart_ranked", plot_ranked, CHART_RANKED),
        ("gtfp_chart_paths", plot_paths, CHART_PATHS),
        ("gtfp_chart_scenarios", plot_scenarios, CHART_SCENARIOS),
    ):
        path = fn(result, root / rel)
        if path is not None:
            written[key] = path
    return written
