"""Publication tables: regression tables from PanelResults and descriptive statistics.

A :class:`PublicationTable` holds display cells (strings) plus a note line; renderers turn it into
Markdown, CSV, LaTeX (booktabs) and HTML. Conventions (methods.md §1): stars * p<0.10, ** p<0.05,
*** p<0.01 (two-sided, t distribution of each model); standard errors in parentheses under the
coefficient; R-squared rows always carry their name ("Within R²", "LSDV adj. R²").
"""

from __future__ import annotations

import csv
import html
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analysis.panel import CONSTANT, PanelResult

STAR_LEVELS: tuple[tuple[float, str], ...] = ((0.01, "***"), (0.05, "**"), (0.10, "*"))
STAR_NOTE = "* p<0.10, ** p<0.05, *** p<0.01"
VCOV_LABELS = {
    "cluster": "Cluster-robust (CR1, Stata small-sample factor) standard errors by {cluster}",
    "hc1": "Heteroskedasticity-robust (HC1) standard errors",
    "iid": "Conventional (iid) standard errors",
    "driscoll_kraay": (
        "Driscoll–Kraay standard errors (Bartlett kernel, maximum lag {lags}, xtscc small-sample "
        "factor)"
    ),
}


@dataclass
class PublicationTable:
    """Display cells of one table: ``header`` then ``rows``; ``note`` goes under the table.

    ``se_rows`` marks rows holding standard errors (rendered without a row label);
    ``section_breaks`` are row indices before which a horizontal rule is drawn.
    """

    title: str
    header: list[str]
    rows: list[list[str]]
    note: str = ""
    se_rows: set[int] = field(default_factory=set)
    section_breaks: set[int] = field(default_factory=set)

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame(self.rows, columns=self.header)


def stars(p_value: float) -> str:
    """Significance stars for a two-sided p-value (``""`` when p >= 0.10 or missing)."""
    if p_value is None or not np.isfinite(p_value):
        return ""
    for level, mark in STAR_LEVELS:
        if p_value < level:
            return mark
    return ""


def format_number(value: float, digits: int) -> str:
    if value is None or not np.isfinite(value):
        return ""
    text = f"{value:.{digits}f}"
    return text.lstrip("-") if float(text) == 0 else text


def describe_vcov(result: PanelResult) -> str:
    return VCOV_LABELS[result.vcov_type].format(cluster=result.cluster, lags=result.dk_lags)


def regression_table(
    results: Sequence[PanelResult],
    *,
    title: str,
    column_labels: Sequence[str] | None = None,
    term_labels: Mapping[str, str] | None = None,
    fe_labels: Mapping[str, str] | None = None,
    digits: int = 4,
    include_constant: bool = True,
    entity_label: str = "Entities",
    note_extra: str = "",
) -> PublicationTable:
    """Side-by-side models: coefficient (stars) over (SE), FE rows, N, entities, R² rows.

    ``fe_labels`` maps a fixed-effect column name to its row label, e.g.
    ``{"iso3": "Country FE", "year": "Year FE"}``.
    """
    if not results:
        raise ValueError("regression_table needs at least one result")
    labels = dict(term_labels or {})
    labels.setdefault(CONSTANT, "Constant (_cons)")
    columns = list(column_labels or [f"({i + 1})" for i in range(len(results))])
    terms: list[str] = []
    for res in results:
        terms += [t for t in res.regressors if t not in terms]
    if include_constant:
        terms.append(CONSTANT)

    rows: list[list[str]] = []
    se_rows: set[int] = set()
    for term in terms:
        coef_row, se_row = [labels.get(term, term)], [""]
        for res in results:
            if term in res.params.index:
                coef_row.append(format_number(res.params[term], digits) + stars(res.pvalues[term]))
                se_row.append(f"({format_number(res.std_errors[term], digits)})")
            else:
                coef_row.append("")
                se_row.append("")
        rows.append(coef_row)
        se_rows.add(len(rows))
        rows.append(se_row)

    breaks = {len(rows)}
    fe_names: list[str] = []
    for res in results:
        fe_names += [f for f in res.fixed_effects if f not in fe_names]
    fe_map = dict(fe_labels or {})
    for fe in fe_names:
        rows.append(
            [fe_map.get(fe, f"{fe} FE")]
            + ["Yes" if fe in r.fixed_effects else "No" for r in results]
        )
    breaks.add(len(rows))
    rows.append(["N"] + [str(r.n_obs) for r in results])
    rows.append([entity_label] + [str(r.n_entities) for r in results])
    rows.append(["Within R²"] + [format_number(r.within_r2, digits) for r in results])
    rows.append(["LSDV adj. R²"] + [format_number(r.lsdv_adj_r2, digits) for r in results])

    vcov_texts = sorted({describe_vcov(r) for r in results})
    note = (
        f"Note: {'; '.join(vcov_texts)} in parentheses; {STAR_NOTE}. "
        "Within R² is net of all fixed effects; LSDV adj. R² counts the dummies. "
        f"{CONSTANT} as in Stata xtreg/areg (mean of y minus mean of regressors and year dummies "
        "times coefficients, first year as base)."
    )
    if note_extra:
        note += " " + note_extra
    return PublicationTable(
        title=title,
        header=["", *columns],
        rows=rows,
        note=note,
        se_rows=se_rows,
        section_breaks=breaks,
    )


def descriptive_stats(df: pd.DataFrame, variables: Sequence[str]) -> pd.DataFrame:
    """Per variable: n (non-missing), mean, sd (ddof=1, as Stata ``summarize``), min, max."""
    records = []
    for var in variables:
        col = pd.to_numeric(df[var], errors="coerce").dropna()
        records.append(
            {
                "variable": var,
                "n": int(col.size),
                "mean": float(col.mean()) if col.size else float("nan"),
                "sd": float(col.std(ddof=1)) if col.size > 1 else float("nan"),
                "min": float(col.min()) if col.size else float("nan"),
                "max": float(col.max()) if col.size else float("nan"),
            }
        )
    return pd.DataFrame.from_records(records, columns=["variable", "n", "mean", "sd", "min", "max"])


def descriptive_table(
    stats_frame: pd.DataFrame,
    *,
    title: str,
    labels: Mapping[str, str] | None = None,
    digits: int = 3,
    note: str = "",
) -> PublicationTable:
    """Obs, Mean, S.D., Min, Max per variable from :func:`descriptive_stats` output."""
    names = dict(labels or {})
    rows = [
        [
            names.get(r.variable, r.variable),
            str(int(r.n)),
            format_number(r.mean, digits),
            format_number(r.sd, digits),
            format_number(r.min, digits),
            format_number(r.max, digits),
        ]
        for r in stats_frame.itertuples(index=False)
    ]
    return PublicationTable(
        title=title,
        header=["Variable", "Obs.", "Mean", "S.D.", "Min.", "Max."],
        rows=rows,
        note=note or "Note: S.D. is the sample standard deviation (n−1 denominator).",
    )


# ----------------------------------------------------------------------------------------------
# Renderers


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("*", "\\*").replace("_", "\\_")


def to_markdown(table: PublicationTable) -> str:
    """GitHub-flavoured pipe table with the title above and the note below."""
    lines = [f"**{table.title}**", ""]
    lines.append("| " + " | ".join(_md_cell(h) for h in table.header) + " |")
    lines.append("|" + "|".join([":---"] + [":---:"] * (len(table.header) - 1)) + "|")
    for row in table.rows:
        lines.append("| " + " | ".join(_md_cell(c) for c in row) + " |")
    if table.note:
        lines += ["", f"*{_md_cell(table.note)}*"]
    return "\n".join(lines) + "\n"


def to_csv(table: PublicationTable) -> str:
    """Display cells as CSV; the note is the last row (first cell)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(table.header)
    writer.writerows(table.rows)
    if table.note:
        writer.writerow([table.note] + [""] * (len(table.header) - 1))
    return buffer.getvalue()


_LATEX_ESCAPES = {
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    "²": r"$^{2}$",
    "−": "-",
    "×": r"$\times$",
}


def latex_escape(text: str) -> str:
    return "".join(_LATEX_ESCAPES.get(ch, ch) for ch in text)


def _latex_cell(text: str) -> str:
    stripped = text.rstrip("*")
    n_stars = len(text) - len(stripped)
    cell = latex_escape(stripped)
    return cell + (f"$^{{{'*' * n_stars}}}$" if n_stars and stripped else "")


def to_latex(table: PublicationTable, label: str | None = None) -> str:
    """A ``table`` float with a booktabs ``tabular``; the note as a footnotesize paragraph."""
    n_cols = len(table.header)
    lines = [
        r"\begin{table}[htbp]",
        r"\centering",
        rf"\caption{{{latex_escape(table.title)}}}",
    ]
    if label:
        lines.append(rf"\label{{{label}}}")
    lines += [
        rf"\begin{{tabular}}{{l{'c' * (n_cols - 1)}}}",
        r"\toprule",
        " & ".join(_latex_cell(h) for h in table.header) + r" \\",
        r"\midrule",
    ]
    for i, row in enumerate(table.rows):
        if i in table.section_breaks and i > 0:
            lines.append(r"\midrule")
        lines.append(" & ".join(_latex_cell(c) for c in row) + r" \\")
    lines += [r"\bottomrule", r"\end{tabular}"]
    if table.note:
        lines += [r"\par\smallskip", rf"{{\footnotesize {latex_escape(table.note)}\par}}"]
    lines.append(r"\end{table}")
    return "\n".join(lines) + "\n"


def to_html(table: PublicationTable, css_class: str = "pubtable") -> str:
    """An HTML ``<table>`` with caption, thead/tbody and the note in ``<tfoot>``."""
    esc = html.escape
    parts = [
        f'<table class="{css_class}">',
        f"<caption>{esc(table.title)}</caption>",
        "<thead><tr>",
    ]
    parts += [f"<th>{esc(h)}</th>" for h in table.header]
    parts.append("</tr></thead><tbody>")
    for i, row in enumerate(table.rows):
        classes = []
        if i in table.se_rows:
            classes.append("se")
        if i in table.section_breaks and i > 0:
            classes.append("rule")
        attr = f' class="{" ".join(classes)}"' if classes else ""
        cells = [f'<th scope="row">{esc(row[0])}</th>'] + [f"<td>{esc(c)}</td>" for c in row[1:]]
        parts.append(f"<tr{attr}>" + "".join(cells) + "</tr>")
    parts.append("</tbody>")
    if table.note:
        parts.append(
            f'<tfoot><tr><td colspan="{len(table.header)}" class="note">'
            f"{esc(table.note)}</td></tr></tfoot>"
        )
    parts.append("</table>")
    return "\n".join(parts) + "\n"


RENDERERS = {"md": to_markdown, "csv": to_csv, "tex": to_latex, "html": to_html}
