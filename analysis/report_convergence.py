"""Report section of the convergence-indices study (seeds 001, 004): tables in md/csv/tex/html,
three charts and a short narrative generated from the numbers."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.report_sections import (
    Section,
    failure_section,
    ordered_tables,
    render,
    write_tables,
)
from analysis.studies.convergence_indices import (
    CHART_PATHS,
    CHART_RANKED,
    CHART_SIGMA,
    NATIONAL,
    SECTION_TITLE,
    TABLE_ORDER,
    ConvergenceStudyResult,
    ranking_variant,
    write_charts,
)
from analysis.studies.convergence_indices.spec import (
    REGION_LABELS,
    REGIONS,
    SERIES_LABELS,
)
from analysis.tables import to_csv

CHART_ALT = {
    "conv_chart_ranked": "Coupling coordination D by province, last year",
    "conv_chart_paths": "National and regional mean D over time",
    "conv_chart_sigma": "σ of ln GRP per capita and of ln D over time",
}
CHART_FILES = {
    "conv_chart_ranked": CHART_RANKED,
    "conv_chart_paths": CHART_PATHS,
    "conv_chart_sigma": CHART_SIGMA,
}


def _names(frame: pd.DataFrame) -> str:
    return ", ".join(f"{r.province} ({r.d:.3f})" for r in frame.itertuples(index=False))


def _province_sentences(result: ConvergenceStudyResult) -> list[str]:
    variant = ranking_variant(result)
    if variant is None:
        return []
    prov = result.frames["provinces"]
    data = prov[prov["variant"] == variant]
    first, last = int(data["year"].min()), int(data["year"].max())
    now = data[data["year"] == last].sort_values("d", ascending=False)
    k = min(3, max(1, len(now) // 2))
    out = [
        f"Provinces ({variant}, {last}): highest D in {_names(now.head(k))}; lowest in "
        f"{_names(now.tail(k).iloc[::-1])}."
    ]
    means = result.frames["regional_means"]
    vm = means[means["variant"] == variant]
    nat = vm[vm["group"] == NATIONAL].set_index("year")["mean_d"]
    if first != last and first in nat.index and last in nat.index:
        a, b = nat[first], nat[last]
        verb = "rose" if b > a else "fell" if b < a else "was unchanged"
        out.append(
            f"The unweighted mean D over provinces {verb} from {a:.3f} in {first} to {b:.3f} in "
            f"{last}."
        )
    reg = vm[(vm["year"] == last) & vm["group"].isin(REGIONS)].sort_values(
        "mean_d", ascending=False
    )
    if len(reg) > 1:
        order = " > ".join(f"{REGION_LABELS[r.group]} {r.mean_d:.3f}" for r in reg.itertuples())
        out.append(f"Regional means in {last}: {order}.")
    labels = now["relative_development_label"].value_counts()
    if not labels.empty:
        parts = [f"{n} {label.replace('_', ' ')}" for label, n in labels.items()]
        out.append(f"Relative development U1/U2 in {last}: {', '.join(parts)}.")
    return out


def _p_text(p: float) -> str:
    return f"p = {p:.3f}" if pd.notna(p) else "p n/a"


def _test_sentences(result: ConvergenceStudyResult) -> list[str]:
    tests = result.frames.get("tests", pd.DataFrame())
    if tests.empty:
        return []
    out = []
    for (unit_type, series), sub in tests.groupby(["unit_type", "series"], sort=False):
        label = SERIES_LABELS.get(series, f"{series} ({unit_type})")
        bits = []
        sig = sub[(sub["test"] == "sigma") & sub["sigma"].notna()].sort_values("year")
        trend = sub[(sub["test"] == "sigma_trend") & (sub["status"] == "ok")]
        if not sig.empty:
            a, b = sig.iloc[0], sig.iloc[-1]
            text = f"σ {a['sigma']:.3f} ({int(a['year'])}) → {b['sigma']:.3f} ({int(b['year'])})"
            if not trend.empty:
                t = trend.iloc[0]
                significant = pd.notna(t["p_value"]) and t["p_value"] < 0.10
                direction = "falls" if t["coefficient"] < 0 else "rises"
                text += (
                    f", trend {t['coefficient']:+.4f} a year ({_p_text(t['p_value'])}): σ "
                    f"{direction}"
                )
                if not significant:
                    text += ", not significant at 10 %"
                elif direction == "falls":
                    text += " (σ-convergence at 10 %)"
            bits.append(text)
        for test, name in (("beta_absolute", "absolute β"), ("beta_panel_fe", "panel-FE β")):
            b = sub[(sub["test"] == test) & (sub["status"] == "ok")]
            if b.empty:
                continue
            r = b.iloc[0]
            text = (
                f"{name} {r['coefficient']:+.4f} (SE {r['std_error']:.4f}, {_p_text(r['p_value'])})"
            )
            if r["coefficient"] < 0 and pd.notna(r.get("half_life_years")):
                text += f", half-life {r['half_life_years']:.1f} years"
            elif r["coefficient"] >= 0:
                text += ", no β-convergence"
            bits.append(text)
        if bits:
            out.append(f"{label}: " + "; ".join(bits) + ".")
    return out


def _egk_sentences(result: ConvergenceStudyResult) -> list[str]:
    egk = result.frames.get("egk", pd.DataFrame())
    out = []
    if egk.empty:
        return out
    for unit_id, g in egk.dropna(subset=["value"]).groupby("unit_id"):
        g = g.sort_values("year")
        a, b = g.iloc[0], g.iloc[-1]
        text = f"{a['value']:.4f} in {int(a['year'])}"
        if len(g) > 1:
            text += f", {b['value']:.4f} in {int(b['year'])}"
        out.append(
            f"EGK co-agglomeration of manufacturing and producer services ({unit_id}): {text}."
        )
    return out


def _country_sentences(result: ConvergenceStudyResult) -> list[str]:
    countries = result.frames.get("countries", pd.DataFrame())
    if countries.empty:
        return []
    out = []
    for variant in ("wiod", "country_panel"):
        v = countries[countries["variant"] == variant]
        if v.empty or "CHN" not in set(v["unit_id"]):
            continue
        last = int(v["year"].max())
        vy = v[v["year"] == last].set_index("unit_id")
        if "CHN" not in vy.index:
            continue
        rank = int(vy["d"].rank(ascending=False, method="min")["CHN"])
        out.append(
            f"China ({variant}, {last}): D = {vy.loc['CHN', 'd']:.3f}, rank {rank} of {len(vy)} "
            f"({vy.loc['CHN', 'band']})."
        )
    return out


def narrative(result: ConvergenceStudyResult) -> list[str]:
    """Plain sentences from the numbers: leaders and laggards, σ trend, β and half-life."""
    return (
        _province_sentences(result)
        + _test_sentences(result)
        + _egk_sentences(result)
        + _country_sentences(result)
    )


def write_convergence_section(
    report_dir: str | Path, result: ConvergenceStudyResult
) -> tuple[list[str], str, dict[str, Path]]:
    """Write the tables (md/csv/tex/html; the full band table CSV only) under ``tables/`` and
    the charts under ``figures/``; return (markdown lines, html, written paths)."""
    root = Path(report_dir)
    tables_dir = root / "tables"
    ordered = ordered_tables(result.tables, TABLE_ORDER)
    written = write_tables(ordered, tables_dir)
    csv_files = []
    for key, table in result.csv_tables.items():
        tables_dir.mkdir(parents=True, exist_ok=True)
        path = tables_dir / f"{key}.csv"
        path.write_text(to_csv(table), encoding="utf-8")
        written[f"{key}.csv"] = path
        csv_files.append(f"{key}.csv")
    charts = write_charts(result, root)
    written.update(charts)

    intro = [
        "Seeds 001 (Liang & Luo, convergence of manufacturing and producer services) and 004 "
        "(Zheng et al., coupling coordination and co-agglomeration of the two industries across "
        "Chinese provinces and regions) measure how far the two industries develop together. "
        "We compute, from the warehouse marts: the coupling coordination degree D = sqrt(C·T) of "
        "an entropy-weighted manufacturing score U1 and producer-services score U2 (bands of "
        "width 0.1), LQ-based (CA) and Ellison–Glaeser–Kerr co-agglomeration, and σ- and "
        "β-convergence tests (docs/indices.md).",
    ]
    section = Section(
        title=SECTION_TITLE,
        intro=intro,
        lists=[("Main numbers", narrative(result)), ("Not available", result.unavailable_lines())],
        tables=ordered,
        charts=[(rel, CHART_ALT[key]) for key, rel in CHART_FILES.items() if key in charts],
        caveats=result.caveats,
        files_heading="Convergence files",
        csv_only=csv_files,
    )
    md, page = render(section)
    return md, page, written


def convergence_failure_section(reason: str) -> tuple[list[str], str]:
    """Markdown lines and HTML when the study could not run at all (e.g. no database)."""
    return failure_section(SECTION_TITLE, "Convergence study", reason)
