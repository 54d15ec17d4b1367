"""Write the seed-002 report: table files, a coefficient chart, ``index.md`` and ``index.html``."""

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
    from analysis.studies.digital_imports import StudyResult

TABLE_FILES = {"table1": "table1_descriptives", "table2": "table2_baseline"}
CHART_FILE = "figures/imdig_coefficients.png"


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
    return view  # fmt: skip


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
    report_dir: str | Path, result: StudyResult, run_id: str | None = None
) -> dict[str, Path]:
    """Write every table format, the chart and ``index.md``/``index.html``; return the paths."""
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
    md += ["## Files", ""] + [
        f"- [{TABLE_FILES[k]}.{ext}](tables/{TABLE_FILES[k]}.{ext})"
        for k in ("table1", "table2")
        for ext in RENDERERS
    ] + [f"- [chart]({CHART_FILE})", ""]  # fmt: skip
    index_md = root / "index.md"
    index_md.write_text("\n".join(md), encoding="utf-8")
    written["index.md"] = index_md

    def ul(items: list[str]) -> str:
        return "<ul>" + "".join(f"<li>{html.escape(i)}</li>" for i in items) + "</ul>"

    file_links = "<ul>" + "".join(
        f'<li><a href="tables/{TABLE_FILES[k]}.{ext}">{TABLE_FILES[k]}.{ext}</a></li>'
        for k in ("table1", "table2")
        for ext in RENDERERS
    ) + f'<li><a href="{CHART_FILE}">chart</a></li></ul>'  # fmt: skip
    accounting_html = (
        result.accounting.to_html(index=False)
        if not result.accounting.empty
        else "<p>No rows dropped.</p>"
    )
    sections = [
        ("Data", data_text, ""),
        ("Sample", sample_text, accounting_html),
        ("Table 1", [],
         to_html(result.table1) + "<p>Ours / paper:</p>" + t1_vs.to_html(index=False)),
        ("Table 2", [], to_html(result.table2)),
        ("Comparison with the paper", [result.headline],
         comparison_view.to_html(index=False) + ul(result.differences)),
        ("Why the results can differ", [], ul(explanations)),
        ("Chart", [], f'<img src="{CHART_FILE}" alt="ln imdig coefficient by column" width="640">'),
        ("Files", [], file_links),
    ]  # fmt: skip
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
