"""Write the report: seed-002 tables and chart, the seed-000 input–output section (optional),
``index.md`` and ``index.html``."""

from __future__ import annotations

import html
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
from jinja2 import Environment
from scipy import special

from analysis.tables import RENDERERS, PublicationTable, to_html, to_markdown

if TYPE_CHECKING:
    from analysis.studies.convergence_indices import ConvergenceStudyResult
    from analysis.studies.digital_imports import StudyResult
    from analysis.studies.digital_mechanisms import MechanismsResult
    from analysis.studies.green_tfp import GreenTfpStudyResult
    from analysis.studies.io_linkages import IOStudyResult

TABLE_FILES = {"table1": "table1_descriptives", "table2": "table2_baseline"}
CHART_FILE = "figures/imdig_coefficients.png"
IO_SECTION_TITLE = "Input–output linkages (seed 000)"
MECHANISMS_SECTION_TITLE = "Mechanisms, heterogeneity and robustness (seed 002)"
CONVERGENCE_SECTION_TITLE = "Convergence of manufacturing and producer services (seeds 001, 004)"
GREEN_TFP_SECTION_TITLE = "Green total factor productivity and co-agglomeration (seed 004)"
IO_CHART_CHINA = "figures/io_china_ps_coefficients.png"
IO_CHART_CROSS = "figures/io_cross_country_ps_direct.png"
#: table key of IOStudyResult.tables -> file stem (identical), in report order
IO_TABLE_ORDER: tuple[str, ...] = (
    "io_china_yearly",
    "io_forward_subgroup",
    "io_backward_subgroup",
    "io_forward_tech",
    "io_backward_tech",
    "io_tech_by_subgroup",
    "io_cross_country",
    "io_descriptives",
    "io_growth",
    "io_upgrading",
    "io_backward_pull",
)


def write_table_files(table: PublicationTable, directory: Path, stem: str) -> dict[str, Path]:
    """``<stem>.md/.csv/.tex/.html`` under ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    written = {}
    for ext, render in RENDERERS.items():
        path = directory / f"{stem}.{ext}"
        path.write_text(render(table), encoding="utf-8")
        written[ext] = path
    return written


def plot_treatment_coefficients(result: StudyResult, path: Path) -> Path:
    """Ours vs paper: ln imdig coefficient per Table-2 column with 95 % CIs.

    Our CI uses the t(G-1) critical value of the model; the paper's is ``b ± 1.96·SE`` (the paper
    does not state its dof).
    """
    from analysis.studies.digital_imports import TREATMENT

    comp = result.comparison[result.comparison["term"] == TREATMENT].reset_index(drop=True)
    positions = range(len(comp))
    crit = [special.stdtrit(result.models[m].df_inference, 0.975) for m in comp["model_id"]]
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7, 4))
    half_widths = [c * s for c, s in zip(crit, comp["std_error"], strict=True)]
    ax.errorbar(
        [p - 0.1 for p in positions],
        comp["estimate"],
        yerr=half_widths,
        fmt="o",
        capsize=4,
        label="This replication (CR1 cluster 95 % CI)",
    )
    ax.errorbar(
        [p + 0.1 for p in positions],
        comp["paper_estimate"],
        yerr=1.96 * comp["paper_std_error"],
        fmt="s",
        capsize=4,
        color="grey",
        label="Ling & Wu Table 2 (±1.96 SE)",
    )
    ax.axhline(0, color="black", linewidth=0.8)
    ax.set_xticks(list(positions), comp["model_id"])
    ax.set_xlabel("Table 2 column (controls added one at a time)")
    ax.set_ylabel("Coefficient of ln imdig")
    ax.legend(fontsize=8)
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=120)
    plt.close(fig)
    return path


def _explanations(result: StudyResult) -> list[str]:
    """Plain-words reasons for differences, stated from the run's own numbers."""
    from analysis.studies.digital_imports import PAPER_SE_NOTE

    first, last = result.years
    n = len(result.sample)
    countries = result.sample["iso3"].nunique()
    out = [
        f"Sample: ours has N = {n} observations on {countries} countries, {first}–{last}; the "
        f"paper has N = 819 on 63 countries, 2008–2020 (balanced 63 × 13). Our UNCTAD "
        f"digitally-deliverable-services series starts in 2010, so 2008–2009 cannot be used, and "
        f"the paper does not list its 63 countries.",
        "Data vintages: our series are later releases (UN SNAAMA manufacturing value added instead "
        "of WDI NV.IND.MANF.CD, current WDI vintages); revisions move levels and, through the "
        "within transformation, the coefficients.",
        "Definition of the regressor: the paper divides UNCTADstat digitally-deliverable services "
        "imports by UNCTADstat total services trade; UNCTAD's total services series is not among "
        "the raw files, so our denominator is the World Bank BoP total of service imports "
        "(BM.GSR.NFSV.CD). The two publishers' totals differ, so the share, and its change "
        "within a country, differ too (the mart flags country-years where the share exceeds 100).",
        f"Standard errors: ours are CR1 cluster-robust by country. {PAPER_SE_NOTE} If the paper's "
        "were heteroskedasticity-only or conventional, its SEs would be smaller and its stars "
        "more generous than ours on the same data.",
        "Constant: our _cons follows Stata xtreg/areg (mean of y minus mean regressors and year "
        "dummies times coefficients, first year as base); the paper's convention is not stated, "
        "so constants are compared for completeness only.",
    ]
    return out


def _accounting_markdown(accounting: pd.DataFrame) -> str:
    if accounting.empty:
        return "No rows were dropped."
    return accounting.to_markdown(index=False)


def _cells(estimates: pd.Series, marks: pd.Series, ses: pd.Series) -> list[str]:
    return [f"{e:.4f}{s} ({se:.4f})" for e, s, se in zip(estimates, marks, ses, strict=True)]


def _comparison_view(result: StudyResult) -> pd.DataFrame:
    comp = result.comparison
    return pd.DataFrame(
        {
            "column": comp["model_id"],
            "term": comp["term"],
            "ours": _cells(comp["estimate"], comp["stars"], comp["std_error"]),
            "paper": _cells(comp["paper_estimate"], comp["paper_stars"], comp["paper_std_error"]),
            "same sign": comp["same_sign"].map({True: "yes", False: "NO"}),
            "same stars": comp["same_significance"].map({True: "yes", False: "no"}),
        }
    )


def _table1_vs_paper(result: StudyResult) -> pd.DataFrame:
    from analysis.studies.digital_imports import PAPER_TABLE1

    merged = result.descriptives.merge(PAPER_TABLE1, on="variable", suffixes=("", "_paper"))
    view = pd.DataFrame({"variable": merged["variable"]})
    for stat in ("n", "mean", "sd", "min", "max"):
        digits = 0 if stat == "n" else 3
        view[stat] = [
            f"{a:.{digits}f} / {b:.{digits}f}"
            for a, b in zip(merged[stat], merged[f"{stat}_paper"], strict=True)
        ]
    return view


_HTML_TEMPLATE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ title }}</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; line-height: 1.45; }
table { border-collapse: collapse; margin: 1rem 0; }
th, td { padding: 0.2rem 0.7rem; text-align: center; }
th[scope=row], td:first-child { text-align: left; }
caption { font-weight: bold; text-align: left; }
table.pubtable thead { border-top: 2px solid #000; border-bottom: 1px solid #000; }
table.pubtable tbody { border-bottom: 2px solid #000; }
tr.rule { border-top: 1px solid #000; }
tr.se td { color: #444; }
td.note { font-size: 0.85em; text-align: left; }
table.dataframe td, table.dataframe th { border: 1px solid #ccc; }
</style></head><body>
<h1>{{ title }}</h1>
<p>{{ meta }}</p>
{% for heading, paragraphs, raw in sections %}
<h2>{{ heading }}</h2>
{% for p in paragraphs %}<p>{{ p }}</p>
{% endfor %}{{ raw }}
{% endfor %}
</body></html>
"""


def write_report(
    report_dir: str | Path,
    result: StudyResult,
    run_id: str | None = None,
    *,
    io_result: IOStudyResult | None = None,
    io_failure: str | None = None,
    mechanisms: MechanismsResult | None = None,
    mechanisms_failure: str | None = None,
    convergence: ConvergenceStudyResult | None = None,
    convergence_failure: str | None = None,
    green_tfp: GreenTfpStudyResult | None = None,
    green_tfp_failure: str | None = None,
) -> dict[str, Path]:
    """Write every table format, the charts and ``index.md``/``index.html``; return the paths.

    With ``io_result`` the seed-000 section (:func:`write_io_section`) is added; with
    ``io_failure`` (and no result) the section says why it is missing; with neither, the report
    is the seed-002 report alone. ``mechanisms`` / ``mechanisms_failure`` do the same for the
    seed-002 mechanisms section (:func:`write_mechanisms_section`), ``convergence`` /
    ``convergence_failure`` for the seeds 001/004 section
    (:func:`analysis.report_convergence.write_convergence_section`), ``green_tfp`` /
    ``green_tfp_failure`` for the seed-004 green-TFP section after it
    (:func:`analysis.report_green_tfp.write_green_tfp_section`).
    """
    from analysis.studies.digital_imports import PAPER_CITATION

    root = Path(report_dir)
    tables_dir = root / "tables"
    written: dict[str, Path] = {}
    for key, table in (("table1", result.table1), ("table2", result.table2)):
        for ext, path in write_table_files(table, tables_dir, TABLE_FILES[key]).items():
            written[f"{key}.{ext}"] = path
    written["chart"] = plot_treatment_coefficients(result, root / CHART_FILE)

    first, last = result.years
    n, countries = len(result.sample), result.sample["iso3"].nunique()
    title = "Digital service imports and manufacturing upgrading: replication of seed 002"
    io_md: list[str] = []
    io_html = ""
    if io_result is not None:
        title += "; input–output linkages of imported producer services (seed 000)"
        io_md, io_html, io_written = write_io_section(root, io_result)
        written.update(io_written)
    elif io_failure:
        io_md = [f"## {IO_SECTION_TITLE}", "", f"IO study not available: {io_failure}", ""]
        io_html = f"<p>IO study not available: {html.escape(io_failure)}</p>"
    mech_md: list[str] = []
    mech_html = ""
    replication_md: list[str] = []
    replication_html = ""
    if mechanisms is not None:
        mech_md, mech_html, mech_written = write_mechanisms_section(root, mechanisms)
        written.update(mech_written)
        from analysis.studies.digital_mechanisms.replication import (
            summary_sentence,
            write_replication_page,
        )

        replication, rep_written = write_replication_page(root, result, mechanisms)
        written.update(rep_written)
        replication_md = [
            "## Replication page",
            "",
            "[replication.md](replication.md) / [replication.html](replication.html): every "
            "published coefficient of the paper's Tables 2–4 beside ours, with the differences "
            f"explained. {summary_sentence(replication)}",
            "",
        ]
        replication_html = (
            '<p><a href="replication.html">Replication page</a>: every published coefficient of '
            "the paper's Tables 2–4 beside ours, with the differences explained. "
            f"{html.escape(summary_sentence(replication))}</p>"
        )
    elif mechanisms_failure:
        mech_md = [f"## {MECHANISMS_SECTION_TITLE}", "", f"Not available: {mechanisms_failure}", ""]
        mech_html = f"<p>Not available: {html.escape(mechanisms_failure)}</p>"
    conv_md: list[str] = []
    conv_html = ""
    if convergence is not None:
        from analysis.report_convergence import write_convergence_section

        conv_md, conv_html, conv_written = write_convergence_section(root, convergence)
        written.update(conv_written)
    elif convergence_failure:
        from analysis.report_convergence import convergence_failure_section

        conv_md, conv_html = convergence_failure_section(convergence_failure)
    gtfp_md: list[str] = []
    gtfp_html = ""
    if green_tfp is not None:
        from analysis.report_green_tfp import write_green_tfp_section

        gtfp_md, gtfp_html, gtfp_written = write_green_tfp_section(root, green_tfp)
        written.update(gtfp_written)
    elif green_tfp_failure:
        from analysis.report_green_tfp import green_tfp_failure_section

        gtfp_md, gtfp_html = green_tfp_failure_section(green_tfp_failure)
    meta = (
        f"Run {run_id or result.extras.get('run_id', 'n/a')}, generated "
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC. Reference: {PAPER_CITATION}."
    )
    data_text = [
        "Data: marts.country_panel of the warehouse (one row per iso3 × year): manufacturing value "
        "added in current US$ (UN SNAAMA), digitally-deliverable services imports as a share of "
        "services imports (UNCTAD), GDP per capita, FDI net inflows % GDP, gross fixed capital "
        "formation % GDP, R&D % GDP and urban population % (World Bank WDI, SNAAMA for GFCF).",
        "Variables: ln upmf = ln(MVA / 1e9), ln imdig = ln(DDS share %), pgdp = GDP per capita / "
        "1000; fdi, gfcf, rd, urban in percent. Model: ln upmf on ln imdig and controls with "
        "country and year fixed effects (exact LSDV), CR1 standard errors clustered by country.",
    ]
    if result.extras.get("input_note"):
        data_text.insert(0, f"Input: {result.extras['input_note']}")
    sample_text = [
        f"Sample rule: {result.rule.describe()}.",
        f"Estimation sample: N = {n}, {countries} countries, {first}–{last}. Rows dropped, by "
        "reason, in the order the rules are applied:",
    ]
    explanations = _explanations(result)
    comparison_view = _comparison_view(result)
    t1_vs = _table1_vs_paper(result)

    md = [f"# {title}", "", meta, "", "## Data", "", *[p + "\n" for p in data_text]]
    md += [
        "## Sample",
        "",
        *[p + "\n" for p in sample_text],
        _accounting_markdown(result.accounting),
        "",
    ]
    md += ["## Table 1", "", to_markdown(result.table1)]
    md += ["Ours / paper, per statistic:", "", t1_vs.to_markdown(index=False), ""]
    md += ["## Table 2", "", to_markdown(result.table2)]
    md += ["## Comparison with the paper", "", result.headline, ""]
    md += [comparison_view.to_markdown(index=False), ""]
    md += [f"- {line}" for line in result.differences] + [""]
    md += ["### Why the results can differ", ""] + [f"- {line}" for line in explanations] + [""]
    md += ["## Chart", "", f"![ln imdig coefficient by column]({CHART_FILE})", ""]
    md += replication_md
    md += mech_md
    md += io_md
    md += conv_md
    md += gtfp_md
    md += (
        ["## Files", ""]
        + [
            f"- [{TABLE_FILES[k]}.{ext}](tables/{TABLE_FILES[k]}.{ext})"
            for k in ("table1", "table2")
            for ext in RENDERERS
        ]
        + [f"- [chart]({CHART_FILE})", ""]
    )
    index_md = root / "index.md"
    index_md.write_text("\n".join(md), encoding="utf-8")
    written["index.md"] = index_md

    def ul(items: list[str]) -> str:
        return "<ul>" + "".join(f"<li>{html.escape(i)}</li>" for i in items) + "</ul>"

    file_links = (
        "<ul>"
        + "".join(
            f'<li><a href="tables/{TABLE_FILES[k]}.{ext}">{TABLE_FILES[k]}.{ext}</a></li>'
            for k in ("table1", "table2")
            for ext in RENDERERS
        )
        + f'<li><a href="{CHART_FILE}">chart</a></li></ul>'
    )
    accounting_html = (
        result.accounting.to_html(index=False)
        if not result.accounting.empty
        else "<p>No rows dropped.</p>"
    )
    sections = [
        ("Data", data_text, ""),
        ("Sample", sample_text, accounting_html),
        (
            "Table 1",
            [],
            to_html(result.table1) + "<p>Ours / paper:</p>" + t1_vs.to_html(index=False),
        ),
        ("Table 2", [], to_html(result.table2)),
        (
            "Comparison with the paper",
            [result.headline],
            comparison_view.to_html(index=False) + ul(result.differences),
        ),
        ("Why the results can differ", [], ul(explanations)),
        ("Chart", [], f'<img src="{CHART_FILE}" alt="ln imdig coefficient by column" width="640">'),
        *([("Replication page", [], replication_html)] if replication_html else []),
        *([(MECHANISMS_SECTION_TITLE, [], mech_html)] if mech_html else []),
        *([(IO_SECTION_TITLE, [], io_html)] if io_html else []),
        *([(CONVERGENCE_SECTION_TITLE, [], conv_html)] if conv_html else []),
        *([(GREEN_TFP_SECTION_TITLE, [], gtfp_html)] if gtfp_html else []),
        ("Files", [], file_links),
    ]
    env = Environment(autoescape=False)
    page = env.from_string(_HTML_TEMPLATE).render(
        title=html.escape(title),
        meta=html.escape(meta),
        sections=[(html.escape(h), [html.escape(p) for p in ps], raw) for h, ps, raw in sections],
    )
    index_html = root / "index.html"
    index_html.write_text(page, encoding="utf-8")
    written["index.html"] = index_html
    return written


# ----------------------------------------------------------------------------------------------
# Seed 000: input–output linkages


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def plot_io_china(io_result: IOStudyResult, path: Path) -> Path:
    """Focus country's GO-weighted PS coefficients of manufacturing (%), every year.

    Left: imported (direct Am, complete Am·Ld); right: domestic (direct Ad, complete Ld−I).
    Separate panels because the domestic coefficients are several times the imported ones.
    """
    plt = _pyplot()
    focus = io_result.extras.get("focus", "CHN")
    frame = io_result.china_yearly
    fig, axes = plt.subplots(1, 2, figsize=(9, 4), sharex=True)
    from matplotlib.ticker import MaxNLocator

    labels = {
        ("direct", "imported"): "Direct (Am)",
        ("complete", "imported"): "Complete (Am·Ld)",
        ("direct", "domestic"): "Direct (Ad)",
        ("complete", "domestic"): "Complete (Ld−I)",
    }
    for ax, origin in zip(axes, ("imported", "domestic"), strict=True):
        for kind, marker in (("direct", "o"), ("complete", "s")):
            ax.plot(
                frame["year"],
                frame[f"ps_{kind}_{origin}"],
                marker=marker,
                label=labels[(kind, origin)],
            )
        ax.set_title(f"{focus}: {origin} producer services")
        ax.set_xlabel("Year")
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_ylim(bottom=0)
        ax.legend(fontsize=8)
    axes[0].set_ylabel("PS inputs per 100 US$ of manufacturing output")
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=120)
    plt.close(fig)
    return path


def plot_io_cross_country(io_result: IOStudyResult, path: Path) -> Path:
    """Last year: domestic (x) vs imported (y) direct PS coefficient (%) by country; the y axis
    is logarithmic when the imported coefficients span more than a factor of 10."""
    plt = _pyplot()
    focus = io_result.extras.get("focus", "CHN")
    year = io_result.cross_years[-1]
    frame = io_result.cross_country
    xcol, ycol = f"ps_direct_domestic_{year}", f"ps_direct_imported_{year}"
    fig, ax = plt.subplots(figsize=(7, 5))
    others = frame[frame["iso3"] != focus]
    ax.scatter(others[xcol], others[ycol], s=18, color="tab:blue", label="Other WIOD countries")
    for r in others.itertuples(index=False):
        ax.annotate(
            r.iso3,
            (getattr(r, xcol), getattr(r, ycol)),
            fontsize=6,
            xytext=(2, 2),
            textcoords="offset points",
        )
    mine = frame[frame["iso3"] == focus]
    if not mine.empty:
        ax.scatter(mine[xcol], mine[ycol], s=90, color="tab:red", marker="*", label=focus, zorder=3)
        ax.annotate(
            focus,
            (mine[xcol].iloc[0], mine[ycol].iloc[0]),
            fontsize=9,
            color="tab:red",
            xytext=(4, 4),
            textcoords="offset points",
        )
    ax.set_xlabel(f"Domestic PS direct coefficient, {year} (% of manufacturing output)")
    if (frame[ycol] > 0).all() and frame[ycol].max() > 10 * frame[ycol].min():
        from matplotlib.ticker import FormatStrFormatter

        ax.set_yscale("log")  # imported coefficients span orders of magnitude (IRL vs CHN)
        ax.yaxis.set_major_formatter(FormatStrFormatter("%g"))
        ax.set_ylabel(f"Imported PS direct coefficient, {year} (%, log scale)")
    else:
        ax.set_ylabel(f"Imported PS direct coefficient, {year} (%)")
    ax.legend(fontsize=8)
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=120)
    plt.close(fig)
    return path


def _check_sentence(io_result: IOStudyResult) -> str:
    checks = io_result.checks
    n = int(checks["n_compared"].min()) if not checks.empty else 0
    bad = checks[checks["n_mismatch"] > 0]
    if checks.empty or n == 0:
        return "Cross-check with marts.io_country_year: no rows could be compared."
    if bad.empty:
        return (
            "Cross-check: our GO-weighted (backward) and supply-weighted (forward) PS measures "
            f"computed from the links equal the eight ps_* columns of marts.io_country_year in "
            f"all {n} country-years (max |difference| {checks['max_abs_diff'].max():.1e})."
        )
    return "Cross-check FAILED for: " + ", ".join(
        f"{r.column} ({r.n_mismatch} of {r.n_compared} rows)" for r in bad.itertuples()
    )


def _spec_view(io_result: IOStudyResult) -> pd.DataFrame:
    from analysis.studies.io_linkages import spec_frame

    view = spec_frame(io_result.specs, io_result.models)
    return view[["model", "question", "formula", "N", "countries", "years"]]


def write_io_section(
    report_dir: str | Path, io_result: IOStudyResult
) -> tuple[list[str], str, dict[str, Path]]:
    """Seed-000 tables (md/csv/tex/html), two charts; return (markdown lines, html, paths)."""
    from analysis.studies.io_linkages import PAPER_CITATION, VARIABLE_LABELS

    root = Path(report_dir)
    tables_dir = root / "tables"
    written: dict[str, Path] = {}
    tables = [(k, io_result.tables[k]) for k in IO_TABLE_ORDER if k in io_result.tables]
    for key, table in tables:
        for ext, path in write_table_files(table, tables_dir, key).items():
            written[f"{key}.{ext}"] = path
    long_path = tables_dir / "io_measures_long.csv"
    io_result.measures.to_csv(long_path, index=False)
    written["io_measures_long.csv"] = long_path
    written["io_chart_china"] = plot_io_china(io_result, root / IO_CHART_CHINA)
    written["io_chart_cross_country"] = plot_io_cross_country(io_result, root / IO_CHART_CROSS)

    focus = io_result.extras.get("focus", "CHN")
    first, last = io_result.years[0], io_result.years[-1]
    c0, c1 = io_result.cross_years
    n_countries = io_result.cross_country["iso3"].nunique()
    sel = ", ".join(str(y) for y in io_result.selected_years)
    china = io_result.china_yearly.dropna(subset=["ps_direct_imported"])
    intro = [
        f"Reference: {PAPER_CITATION}. The seed holds the abstract only (no tables), so we "
        "rebuild its measures from the WIOD national IO tables (Release 2016) and compare "
        "with the abstract's qualitative findings.",
        "Data: marts.io_service_manufacturing_links (7 producer-service sub-groups × 19 "
        "manufacturing industries × domestic/imported, per country-year) and "
        f"marts.io_country_year ({n_countries} countries, {first}–{last}). Backward pulling = "
        "manufacturing's consumption of producer services: GO-weighted coefficients "
        "Σ_j x_j Σ_S coef_S,j / Σ_j x_j over manufacturing j, direct (Ad, Am) and complete "
        "(Ld−I, Am·Ld, non-competitive import model). Forward driving = producer services' "
        "distribution into manufacturing: direct = share of their supply (domestic output or "
        "total imports) delivered to manufacturing (H); complete = manufacturing output "
        "supported directly and indirectly per 100 US$ of that supply (Ghosh; can exceed 100). "
        "All in %.",
        _check_sentence(io_result),
    ]
    if not china.empty:
        a, b = china.iloc[0], china.iloc[-1]
        intro.append(
            f"{focus}: the imported PS direct coefficient of manufacturing is "
            f"{a['ps_direct_imported']:.2f} % of output in {int(a['year'])} and "
            f"{b['ps_direct_imported']:.2f} % in {int(b['year'])} (domestic: "
            f"{a['ps_direct_domestic']:.2f} % → {b['ps_direct_domestic']:.2f} %); complete "
            f"imported {a['ps_complete_imported']:.2f} % → {b['ps_complete_imported']:.2f} %."
        )
    caveat = io_result.notes[0]
    other_notes = io_result.notes[1:]
    spec_view = _spec_view(io_result)
    var_view = pd.DataFrame(
        {"variable": list(VARIABLE_LABELS), "meaning": list(VARIABLE_LABELS.values())}
    )
    reg_text = [
        f"Panel regressions (extension; the paper studies China alone): {n_countries}-country "
        "WIOD panel from marts.io_country_year, country and year fixed effects (exact LSDV), "
        "CR1 standard errors clustered by country (t with G−1 dof). Sample rule: "
        f"{io_result.rule.describe()}. Percent variables on a 0–100 scale; g_mfg = "
        "100·Δ ln manufacturing output; ps_imp_kibs_direct = imported information & ICT, "
        "finance and professional & R&D services.",
        "Reading the growth models: the PS intensity has manufacturing output in its "
        "denominator, so in a year of fast output growth with sticky service inputs the "
        "intensity falls; contemporaneous coefficients, (1)–(2), are therefore pushed towards "
        "negative values by construction. Models (3)–(4) use the previous year's intensities. "
        "Likewise PS use = coefficient × output, so in (10)–(12) an elasticity of 1 means an "
        "unchanged coefficient.",
    ]
    t = dict(tables)

    def md_table(key: str) -> list[str]:
        return [to_markdown(t[key])] if key in t else []

    md = [f"## {IO_SECTION_TITLE}", "", *[p + "\n" for p in intro], f"**{caveat}**", ""]
    md += [f"### {focus}: producer-service coefficients of manufacturing, {first}–{last}", ""]
    md += md_table("io_china_yearly")
    md += [f"![{focus} PS coefficients]({IO_CHART_CHINA})", ""]
    md += [f"### {focus}: forward driving and backward pulling, by sub-group ({sel})", ""]
    md += md_table("io_forward_subgroup") + md_table("io_backward_subgroup")
    md += [f"### {focus}: by manufacturing technology intensity ({sel})", ""]
    md += md_table("io_forward_tech") + md_table("io_backward_tech")
    md += md_table("io_tech_by_subgroup")
    md += [f"### {n_countries} countries, {c0} and {c1}", ""]
    md += md_table("io_cross_country")
    md += [f"![Cross-country PS coefficients {c1}]({IO_CHART_CROSS})", ""]
    md += ["### Panel regressions", "", *[p + "\n" for p in reg_text]]
    md += ["Specifications:", "", spec_view.to_markdown(index=False), ""]
    md += ["Variables:", "", var_view.to_markdown(index=False), ""]
    md += md_table("io_descriptives")
    for key in ("io_growth", "io_upgrading", "io_backward_pull"):
        md += md_table(key)
    if not io_result.accounting.empty:
        md += ["Rows dropped before estimation:", "", io_result.accounting.to_markdown(index=False)]
        md += [""]
    md += ["### Comparison with the paper's abstract", ""]
    md += [io_result.claims.to_markdown(index=False), ""]
    if other_notes:
        md += ["### Notes", ""] + [f"- {n}" for n in other_notes] + [""]
    files = [f"{k}.{ext}" for k, _ in tables for ext in RENDERERS]
    md += ["### IO files", ""] + [f"- [{f}](tables/{f})" for f in files]
    md += [
        "- [io_measures_long.csv](tables/io_measures_long.csv)",
        f"- [chart: {focus} time series]({IO_CHART_CHINA})",
        f"- [chart: cross-country]({IO_CHART_CROSS})",
        "",
    ]

    def p(text: str) -> str:
        return f"<p>{html.escape(text)}</p>"

    def h3(text: str) -> str:
        return f"<h3>{html.escape(text)}</h3>"

    def html_table(key: str) -> str:
        return to_html(t[key]) if key in t else ""

    parts = [*[p(x) for x in intro], f"<p><strong>{html.escape(caveat)}</strong></p>"]
    parts += [h3(f"{focus}: producer-service coefficients of manufacturing, {first}–{last}")]
    parts += [
        html_table("io_china_yearly"),
        f'<img src="{IO_CHART_CHINA}" alt="{focus} PS coefficients" width="720">',
    ]
    parts += [
        h3(f"{focus}: forward driving and backward pulling, by sub-group ({sel})"),
        html_table("io_forward_subgroup"),
        html_table("io_backward_subgroup"),
    ]
    parts += [
        h3(f"{focus}: by manufacturing technology intensity ({sel})"),
        html_table("io_forward_tech"),
        html_table("io_backward_tech"),
        html_table("io_tech_by_subgroup"),
    ]
    parts += [
        h3(f"{n_countries} countries, {c0} and {c1}"),
        html_table("io_cross_country"),
        f'<img src="{IO_CHART_CROSS}" alt="cross-country PS coefficients" width="640">',
    ]
    parts += [
        h3("Panel regressions"),
        *[p(x) for x in reg_text],
        p("Specifications:"),
        spec_view.to_html(index=False),
        p("Variables:"),
        var_view.to_html(index=False),
        html_table("io_descriptives"),
    ]
    parts += [html_table(k) for k in ("io_growth", "io_upgrading", "io_backward_pull")]
    if not io_result.accounting.empty:
        parts += [p("Rows dropped before estimation:"), io_result.accounting.to_html(index=False)]
    parts += [h3("Comparison with the paper's abstract"), io_result.claims.to_html(index=False)]
    if other_notes:
        parts += [
            h3("Notes"),
            "<ul>" + "".join(f"<li>{html.escape(n)}</li>" for n in other_notes) + "</ul>",
        ]
    links = [f'<li><a href="tables/{f}">{f}</a></li>' for f in files]
    links += [
        '<li><a href="tables/io_measures_long.csv">io_measures_long.csv</a></li>',
        f'<li><a href="{IO_CHART_CHINA}">chart: {focus} time series</a></li>',
        f'<li><a href="{IO_CHART_CROSS}">chart: cross-country</a></li>',
    ]
    parts += [h3("IO files"), "<ul>" + "".join(links) + "</ul>"]
    return md, "\n".join(parts), written


# ----------------------------------------------------------------------------------------------
# Seed 002: mechanisms, heterogeneity, robustness


def write_mechanisms_section(
    report_dir: str | Path, mechanisms: MechanismsResult
) -> tuple[list[str], str, dict[str, Path]]:
    """Mechanism tables (md/csv/tex/html) and the marginal-effect chart; return (markdown lines,
    html, paths)."""
    from analysis.studies.digital_mechanisms import CHART_FILE as MECH_CHART

    root = Path(report_dir)
    written: dict[str, Path] = {}
    for key, table in mechanisms.tables.items():
        for ext, path in write_table_files(table, root / "tables", key).items():
            written[f"{key}.{ext}"] = path
    chart = mechanisms.write_chart(root / MECH_CHART)
    if chart is not None:
        written["mechanisms_chart"] = chart
    summary = mechanisms.mediation_summary
    intro = [
        f"Same sample rule as Tables 1–2 ({mechanisms.rule.describe()}); Table-2 column-(6) "
        "controls, country and year FE, CR1 SEs by country unless stated. Cluster bootstrap: "
        f"B = {mechanisms.n_boot}, seed {mechanisms.seed}.",
    ]
    if not summary.empty:
        intro.append(
            "Identity c = c′ + a·b: largest gap over the channels "
            f"{mechanisms.max_identity_gap:.1e}."
        )
    lines = mechanisms.summary_lines()
    md = [f"## {MECHANISMS_SECTION_TITLE}", "", *[p + "\n" for p in intro]]
    md += [f"- {line}" for line in lines] + [""]
    html_parts = ["<p>" + html.escape(" ".join(intro)) + "</p>"]
    html_parts.append("<ul>" + "".join(f"<li>{html.escape(x)}</li>" for x in lines) + "</ul>")
    for key, table in mechanisms.tables.items():
        md += [
            to_markdown(table),
            f"Files: {', '.join(f'[{ext}](tables/{key}.{ext})' for ext in RENDERERS)}",
            "",
        ]
        html_parts.append(to_html(table))
    if chart is not None:
        md += [f"![marginal effect of ln imdig by insti]({MECH_CHART})", ""]
        html_parts.append(
            f'<img src="{MECH_CHART}" alt="marginal effect of ln imdig by insti" width="640">'
        )
    if not mechanisms.problems.empty:
        md += ["Models not estimated:", "", mechanisms.problems.to_markdown(index=False), ""]
        html_parts.append(mechanisms.problems.to_html(index=False))
    return md, "".join(html_parts), written
