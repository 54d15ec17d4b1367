"""Report section of the green-TFP study (seed 004): tables in md/csv/tex/html, three charts
and a short narrative generated from the numbers."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from analysis.report_sections import (
    Section,
    failure_section,
    ordered_tables,
    render,
    write_tables,
)
from analysis.studies.green_tfp import (
    CHART_PATHS,
    CHART_RANKED,
    CHART_SCENARIOS,
    SECTION_TITLE,
    TABLE_ORDER,
    GreenTfpStudyResult,
    write_charts,
)
from analysis.studies.green_tfp.spec import (
    BASELINE_SCENARIO,
    GROUP_LABELS,
    MANUFACTURING_HEAVY,
    NATIONAL,
    REGION_LABELS,
    REGIONS,
    SCENARIO_SHORT,
    SERVICE_HEAVY,
)

CHART_ALT = {
    "gtfp_chart_ranked": "Mean super-SBM green TFP score by province",
    "gtfp_chart_paths": "Cumulative GML index by region",
    "gtfp_chart_scenarios": "GDP-growth scenarios: value added, energy and CO2",
}
CHART_FILES = {
    "gtfp_chart_ranked": CHART_RANKED,
    "gtfp_chart_paths": CHART_PATHS,
    "gtfp_chart_scenarios": CHART_SCENARIOS,
}


def _p_text(p: float) -> str:
    return f"p = {p:.3f}" if pd.notna(p) else "p n/a"


def _names(frame: pd.DataFrame) -> str:
    return ", ".join(f"{r.province} ({r.mean_score:.3f})" for r in frame.itertuples(index=False))


def _province_sentences(result: GreenTfpStudyResult) -> list[str]:
    prov = result.frames.get("provinces", pd.DataFrame())
    if prov.empty:
        return []
    data = prov.dropna(subset=["mean_score"]).sort_values("mean_score", ascending=False)
    if data.empty:
        return []
    scores = result.frames["scores"]
    used = scores[scores["in_summary"]]
    span = f"{int(used['year'].min())}–{int(used['year'].max())}"
    k = min(3, max(1, len(data) // 2))
    out = [
        f"Mean super-SBM score {span}: highest in {_names(data.head(k))}; lowest in "
        f"{_names(data.tail(k).iloc[::-1])}. {int((data['n_super_efficient'] > 0).sum())} of "
        f"{len(data)} provinces are on the frontier (score ≥ 1) in at least one year."
    ]
    cum = data.dropna(subset=["cumulative"]).sort_values("cumulative", ascending=False)
    if len(cum) > 1:
        first = cum.iloc[0]
        base, last = int(first["base_year"]), int(first["last_year"])
        top, bottom = cum.iloc[0], cum.iloc[-1]
        n_up = int((cum["cumulative"] > 1).sum())
        out.append(
            f"Cumulative GML {base}→{last}: {n_up} of {len(cum)} provinces gained green TFP; "
            f"largest gain {top['province']} ({top['cumulative']:.3f}), largest loss or "
            f"smallest gain {bottom['province']} ({bottom['cumulative']:.3f})."
        )
    return out


def _group_sentences(result: GreenTfpStudyResult) -> list[str]:
    summary = result.frames.get("group_summary", pd.DataFrame())
    if summary.empty:
        return []
    whole = summary[summary["period"] == summary["period"].iloc[-1]].set_index("group")
    period = summary["period"].iloc[-1]
    out = []
    if NATIONAL in whole.index:
        r = whole.loc[NATIONAL]
        growth = 100 * (r["geo_gml"] - 1) if pd.notna(r["geo_gml"]) else np.nan
        text = f"All scored provinces, {period}: mean super-SBM {r['mean_score']:.3f}"
        if pd.notna(growth):
            text += f", geometric-mean GML {r['geo_gml']:.4f} ({growth:+.2f} % a year)"
        if pd.notna(r["cumulative"]):
            text += (
                f", cumulative {r['cumulative']:.3f} ({int(r['base_year'])}→{int(r['last_year'])})"
            )
        out.append(text + ".")
    if SERVICE_HEAVY in whole.index and MANUFACTURING_HEAVY in whole.index:
        s, m = whole.loc[SERVICE_HEAVY], whole.loc[MANUFACTURING_HEAVY]
        out.append(
            f"{GROUP_LABELS[SERVICE_HEAVY]} provinces ({int(s['n_provinces'])}) vs "
            f"{GROUP_LABELS[MANUFACTURING_HEAVY].lower()} ({int(m['n_provinces'])}): mean "
            f"super-SBM {s['mean_score']:.3f} vs {m['mean_score']:.3f}; geometric-mean GML "
            f"{s['geo_gml']:.4f} vs {m['geo_gml']:.4f}; cumulative GML {s['cumulative']:.3f} vs "
            f"{m['cumulative']:.3f}."
        )
    reg = whole[whole.index.isin(REGIONS)]
    if len(reg) > 1:
        by_score = reg.sort_values("mean_score", ascending=False)
        by_cum = reg.dropna(subset=["cumulative"]).sort_values("cumulative", ascending=False)
        out.append(
            "Regions by mean super-SBM: "
            + " > ".join(f"{REGION_LABELS[g]} {r.mean_score:.3f}" for g, r in by_score.iterrows())
            + (
                "; by cumulative GML: "
                + " > ".join(f"{REGION_LABELS[g]} {r.cumulative:.3f}" for g, r in by_cum.iterrows())
                if not by_cum.empty
                else ""
            )
            + "."
        )
    return out


def _regression_sentences(result: GreenTfpStudyResult) -> list[str]:
    out = []
    for label, term, name in (
        ("(1) CA", "ca", "CA"),
        ("(2) CA lagged", "ca_lag1", "lagged CA"),
        ("(4) D", "coupling_d", "coupling coordination D"),
    ):
        model = result.models.get(label)
        if model is None:
            continue
        t = model.tidy().set_index("term")
        if term not in t.index:
            continue
        r = t.loc[term]
        sig = "significant at 10 %" if r["p_value"] < 0.10 else "not significant at 10 %"
        out.append(
            f"Green TFP growth on {name} (Table G-3 {label}): {r['estimate']:+.3f} per cent "
            f"points per unit (CR1 SE {r['std_error']:.3f}, {_p_text(r['p_value'])}; {sig}); "
            f"N = {model.n_obs}, {model.n_entities} provinces, within R² {model.within_r2:.3f}."
        )
    model = result.models.get("(3) CA + CA²")
    if model is not None:
        t = model.tidy().set_index("term")
        if {"ca", "ca_sq"} <= set(t.index):
            b1, b2 = t.loc["ca", "estimate"], t.loc["ca_sq", "estimate"]
            text = (
                f"Nonlinear test (G-3 (3)): CA {b1:+.3f} ({_p_text(t.loc['ca', 'p_value'])}), "
                f"CA² {b2:+.3f} ({_p_text(t.loc['ca_sq', 'p_value'])})"
            )
            if b2 != 0:
                shape = "U" if b2 > 0 else "inverted U"
                text += f"; implied {shape} with turning point at CA = {-b1 / (2 * b2):.2f}"
            out.append(text + ".")
    return out


def _scenario_sentences(result: GreenTfpStudyResult) -> list[str]:
    summary = result.frames.get("scenario_summary", pd.DataFrame())
    if summary.empty:
        return []
    info = result.frames.get("scenario_info", pd.DataFrame())
    target = info["target_year"].iloc[0] if "target_year" in info else "the target year"
    cells = summary.set_index(["scenario", "variable"])
    out = []
    for var in ("co2", "energy"):
        if (BASELINE_SCENARIO, var) not in cells.index:
            continue
        base = cells.loc[(BASELINE_SCENARIO, var), "value"]
        others = [
            f"{s} {cells.loc[(s, var), 'value']:,.0f} ({cells.loc[(s, var), 'change_pct']:+.1f} %)"
            for s in dict.fromkeys(summary["scenario"])
            if s != BASELINE_SCENARIO and (s, var) in cells.index
        ]
        out.append(
            f"{SCENARIO_SHORT[var]} in {target} (China): baseline {base:,.0f}; "
            + "; ".join(others)
            + "."
        )
    changes = summary[summary["scenario"] != BASELINE_SCENARIO].dropna(subset=["change_pct"])
    spread = changes.groupby("scenario")["change_pct"].agg(lambda c: c.max() - c.min())
    if not spread.empty and (spread < 1e-6).all():
        out.append(
            "Every variable differs from the baseline by the same percentage in each scenario: "
            "the shares and intensities follow the same paths in all scenarios, so value added, "
            "energy and CO2 scale with real GRP alone."
        )
    return out


def narrative(result: GreenTfpStudyResult) -> list[str]:
    """Plain sentences from the numbers: leaders and laggards, groups and regions, the
    regression coefficients, the scenario values."""
    return (
        _province_sentences(result)
        + _group_sentences(result)
        + _regression_sentences(result)
        + _scenario_sentences(result)
    )


def defaults_lines(result: GreenTfpStudyResult) -> list[str]:
    d = result.defaults
    if not d:
        return []
    return [
        f"DEA model {d['dea_model']}, returns to scale {d['rts']} (read from marts.green_tfp).",
        f"Frontier of the scores: {d['score_frontier']}; of the GML index: {d['gml_frontier']}.",
        f"Inputs: {d['inputs']}; good output: {d['good_output']}; bad output: {d['bad_output']}.",
        f"Structure groups: {result.options.describe_structure_rule()}.",
    ]


def write_green_tfp_section(
    report_dir: str | Path, result: GreenTfpStudyResult
) -> tuple[list[str], str, dict[str, Path]]:
    """Write the tables (md/csv/tex/html) under ``tables/`` and the charts under ``figures/``;
    return (markdown lines, html, written paths)."""
    root = Path(report_dir)
    ordered = ordered_tables(result.tables, TABLE_ORDER)
    written = write_tables(ordered, root / "tables")
    charts = write_charts(result, root)
    written.update(charts)
    intro = [
        "Seed 004 (Zheng et al., green coordinated development of producer services and "
        "manufacturing under the dual-carbon goals) measures the green total factor "
        "productivity (GTFP) of Chinese provinces with super-efficiency DEA — labour, capital "
        "and energy in, value added as the good and CO2 as the bad output — relates it to the "
        "co-agglomeration of manufacturing and producer services, and simulates GDP-growth "
        "scenarios. We summarise the scores of marts.green_tfp by structure group and region, "
        "regress GTFP growth on co-agglomeration with province and year fixed effects, and "
        "tabulate the marts.scenarios projections.",
    ]
    section = Section(
        title=SECTION_TITLE,
        intro=intro,
        lists=[
            ("Defaults", defaults_lines(result)),
            ("Main numbers", narrative(result)),
            ("Not available", result.unavailable_lines()),
        ],
        tables=ordered,
        charts=[(rel, CHART_ALT[key]) for key, rel in CHART_FILES.items() if key in charts],
        caveats=result.caveats,
        files_heading="Green TFP files",
    )
    md, page = render(section)
    return md, page, written


def green_tfp_failure_section(reason: str) -> tuple[list[str], str]:
    """Markdown lines and HTML when the study could not run at all (e.g. no database)."""
    return failure_section(SECTION_TITLE, "Green TFP study", reason)
