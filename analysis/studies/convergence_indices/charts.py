"""Charts of the convergence study (matplotlib, Agg backend)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from analysis.studies.convergence_indices.measures import NATIONAL
from analysis.studies.convergence_indices.spec import (
    CHART_PATHS,
    CHART_RANKED,
    CHART_SIGMA,
    PROVINCE_VARIANTS,
    REGION_COLOURS,
    REGION_LABELS,
    REGIONS,
    SERIES_LABELS,
)
from analysis.studies.shared import pyplot as _pyplot
from analysis.studies.shared import save_figure as _save

if TYPE_CHECKING:
    from analysis.studies.convergence_indices.spec import ConvergenceStudyResult


def ranking_variant(result: ConvergenceStudyResult) -> str | None:
    prov = result.frames.get("provinces", pd.DataFrame())
    if prov.empty:
        return None
    present = set(prov["variant"])
    candidates = [result.options.ranking_variant, *PROVINCE_VARIANTS, *sorted(present)]
    return next(v for v in candidates if v in present)


def plot_ranked(result: ConvergenceStudyResult, path: Path) -> Path | None:
    """D by province in the last year of the ranking variant, highest at the top."""
    variant = ranking_variant(result)
    if variant is None:
        return None
    prov = result.frames["provinces"]
    data = prov[prov["variant"] == variant]
    last = int(data["year"].max())
    data = data[data["year"] == last].sort_values("d")
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(7, max(3.0, 0.25 * len(data) + 1.2)))
    colours = [REGION_COLOURS.get(r, "grey") for r in data["region"]]
    ax.barh(data["province"].astype(str), data["d"], color=colours)
    from matplotlib.patches import Patch

    handles = [
        Patch(color=REGION_COLOURS[r], label=REGION_LABELS[r])
        for r in REGIONS
        if r in set(data["region"])
    ]
    if "unknown" in set(data["region"]):
        handles.append(Patch(color="grey", label="region unknown"))
    ax.legend(handles=handles, fontsize=8, loc="lower right")
    ax.set_xlabel(f"Coupling coordination degree D, {last} ({variant})")
    ax.set_xlim(0, max(1.0, float(data["d"].max()) * 1.05))
    for x in (0.5, 0.6, 0.7, 0.8):
        ax.axvline(x, color="grey", linewidth=0.5, linestyle=":")
    ax.tick_params(axis="y", labelsize=7)
    return _save(fig, plt, path)


def plot_paths(result: ConvergenceStudyResult, path: Path) -> Path | None:
    """National and regional unweighted means of D per year; employment variant dashed."""
    means = result.frames.get("regional_means", pd.DataFrame())
    if means.empty:
        return None
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(7.5, 4.5))
    styles = {"province_va": "-", "province_employment": "--"}
    variants = [v for v in PROVINCE_VARIANTS if v in set(means["variant"])]
    variants += sorted(set(means["variant"]) - set(variants))
    for variant in variants:
        style = styles.get(variant, ":")
        vm = means[means["variant"] == variant]
        for group in (NATIONAL, *REGIONS):
            g = vm[vm["group"] == group].sort_values("year")
            if g.empty:
                continue
            colour = "black" if group == NATIONAL else REGION_COLOURS[group]
            name = "All provinces" if group == NATIONAL else REGION_LABELS[group]
            ax.plot(
                g["year"],
                g["mean_d"],
                linestyle=style,
                color=colour,
                linewidth=2.2 if group == NATIONAL else 1.3,
                label=f"{name} ({variant})",
            )
    from matplotlib.ticker import MaxNLocator

    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("Year")
    ax.set_ylabel("Mean D (unweighted over provinces)")
    ax.legend(fontsize=7, ncol=2, loc="upper center", bbox_to_anchor=(0.5, -0.14))
    return _save(fig, plt, path)


def plot_sigma(result: ConvergenceStudyResult, path: Path) -> Path | None:
    """σ of ln GRP per capita (and labour productivity) and σ of ln D over time."""
    sigma = result.frames.get("sigma", pd.DataFrame())
    if sigma.empty:
        return None
    panels = []
    for unit_type, plural in (("province", "provinces"), ("country", "countries")):
        part = sigma[sigma["unit_type"] == unit_type]
        is_d = part["series"].str.startswith("coupling_d:")
        panels = [
            (part[~is_d], f"σ of ln GRP/GDP per capita and productivity, {plural}"),
            (part[is_d], f"σ of ln D, {plural}"),
        ]
        panels = [(f, t) for f, t in panels if not f.empty]
        if panels:  # provinces first; countries only when there is no province series
            break
    if not panels:
        return None
    plt = _pyplot()
    from matplotlib.ticker import MaxNLocator

    fig, axes = plt.subplots(1, len(panels), figsize=(5 * len(panels), 4), squeeze=False)
    for ax, (frame, title) in zip(axes[0], panels, strict=True):
        for series, g in frame.groupby("series", sort=True):
            g = g.sort_values("year")
            style = "--" if series.endswith("province_employment") else "-"
            ax.plot(
                g["year"],
                g["sigma"],
                linestyle=style,
                marker="o",
                markersize=3,
                label=SERIES_LABELS.get(series, series),
            )
        ax.set_title(title, fontsize=10)
        ax.set_xlabel("Year")
        ax.set_ylabel("σ (SD of logs, ddof = 1)")
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.legend(fontsize=7)
    return _save(fig, plt, path)


def write_charts(result: ConvergenceStudyResult, report_dir: str | Path) -> dict[str, Path]:
    """The three charts under ``report_dir`` (``figures/…``); a chart without data is skipped."""
    root = Path(report_dir)
    written: dict[str, Path] = {}
    for key, fn, rel in (
        ("conv_chart_ranked", plot_ranked, CHART_RANKED),
        ("conv_chart_paths", plot_paths, CHART_PATHS),
        ("conv_chart_sigma", plot_sigma, CHART_SIGMA),
    ):
        path = fn(result, root / rel)
        if path is not None:
            written[key] = path
    return written
