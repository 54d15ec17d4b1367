"""The replication page: every published coefficient of the paper's Tables 2-4 beside ours.

:func:`replication_frame` returns one row per published cell (table, column, term) with the
paper's estimate, SE and stars, ours, both Ns, sign/significance agreement and a plain-words
explanation of the difference; :func:`write_replication_page` renders it as
``replication.md`` / ``replication.html`` (+ ``tables/replication.csv``) in the report directory.
The explanations are written from the numbers (sign, stars, N) and from what we know differs in
the data and definitions (:data:`COLUMN_NOTES`, :func:`common_differences`), never from the
direction we would like the result to go.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from analysis.panel import CONSTANT, PanelResult
from analysis.studies.digital_imports import (
    LABELS,
    PAPER_CITATION,
    PAPER_TABLE2,
    PAPER_TABLE2_FIT,
    TREATMENT,
)
from analysis.studies.digital_mechanisms.data import DDS_CATEGORIES
from analysis.studies.digital_mechanisms.paper import BOOT_CI, CITATION, paper_cells, paper_fit
from analysis.tables import format_number, stars

if TYPE_CHECKING:
    from analysis.studies.digital_imports import StudyResult
    from analysis.studies.digital_mechanisms import MechanismsResult

PAGE_STEM = "replication"
#: paper row label -> our term (service types are filled from the run's category variables)
TERM_OF_LABEL = {
    "ln imdig": TREATMENT,
    "ln innov": "ln_innov",
    "ln inter": "ln_inter",
    "ln insti": "insti",
    "ln imdig × ln insti": f"{TREATMENT}:insti",
    CONSTANT: CONSTANT,
}
COLUMN_NOTES: dict[tuple[str, str], str] = {
    ("Table 2", "*"): (
        "Same model as the paper: ln upmf on ln imdig with controls added in turn, country and "
        "year fixed effects."
    ),
    ("Table 3", "(1)"): (
        "Innovation is ln(resident + non-resident patent applications), only where both are "
        "published (the paper says 'number of patent applications' without the split), so "
        "countries with a missing part drop out of this channel."
    ),
    ("Table 3", "(2)"): (
        "The paper's ln imdig cell in this column is lost in the seed (it repeats the ln innov "
        "cell), so only b and the constant can be compared."
    ),
    ("Table 3", "(3)"): "Same mediator definition: ln mobile subscriptions per 100 people (WDI).",
    ("Table 3", "(4)"): "Same mediator definition as (3); b is the ln inter coefficient.",
    ("Table 3", "(5)"): (
        "Institutional quality differs by construction: ours is the first principal component "
        "of the six WGI estimates (economic freedom is published for 2019 only in raw/, so it "
        "enters as a time-invariant split in Table 4 instead); the paper combines WGI and the "
        "economic-freedom index and takes a log it does not define for negative scores. We "
        "mean-centre ln imdig and insti before the product, so our ln imdig row is the effect "
        "at average institutions; the interaction is in PC1 units, not the paper's log units."
    ),
    ("Table 4", "(1)"): (
        "Developed = UN M49 'developed regions', estimated on that subsample alone, as the "
        "paper does; the paper's 63 countries are not listed, so our split differs in members."
    ),
    ("Table 4", "(2)"): "As (1), the complementary subsample.",
}
CATEGORY_NOTE_UNCTAD = (
    "Service type from the UNCTAD DDS-by-category file: ln of the category's imports as a share "
    "of services imports (%); the paper does not say whether its ln {label} is a share or a "
    "level."
)
CATEGORY_NOTE_WDI = (
    "The UNCTAD DDS-by-category file was not supplied; this column uses the WDI stand-in "
    "{var}, a different measure from the paper's ln {label}."
)
CATEGORY_NOTE_MISSING = (
    "Not estimated: the UNCTAD DDS-by-category file was not supplied and WDI has no "
    "stand-in for this category (put unctad/US_DigitallyDeliverableServices.csv in the raw "
    "directory to fill it)."
)


def _significance_words(mark: str) -> str:
    return {"***": "1 %", "**": "5 %", "*": "10 %"}.get(mark, "")


def agreement_sentence(row: pd.Series) -> str:
    """Sign, significance and size of ours against the paper, in words (from the numbers)."""
    if row["paper_lost"]:
        return "The paper's cell is lost in the seed: not comparable."
    if not np.isfinite(row["estimate"]):
        return "Not estimated in our run."
    sign = "same sign" if row["same_sign"] else "opposite sign"
    ours_sig, paper_sig = _significance_words(row["stars"]), _significance_words(row["paper_stars"])
    if ours_sig == paper_sig:
        sig = f"both significant at {ours_sig}" if ours_sig else "neither significant at 10 %"
    else:
        sig = (
            f"ours {'significant at ' + ours_sig if ours_sig else 'not significant'}, the "
            f"paper's {'significant at ' + paper_sig if paper_sig else 'not significant'}"
        )
    gap = abs(row["estimate"] - row["paper_estimate"])
    se = row["paper_std_error"]
    size = (
        "within one paper SE"
        if np.isfinite(se) and gap <= se
        else f"{gap / se:.1f} paper SEs apart"
        if np.isfinite(se) and se > 0
        else f"difference {gap:.4f}"
    )
    return f"{sign.capitalize()}; {sig}; {size}."


def _cell(est: float, se: float, mark: str) -> str:
    if not np.isfinite(est):
        return "—"
    return f"{format_number(est, 4)}{mark} ({format_number(se, 4)})"


def _row(
    table: str,
    column: str,
    description: str,
    term: str,
    paper: tuple[float, float, str, bool],
    res: PanelResult | None,
    our_term: str | None,
    n_paper: int,
    note: str,
) -> dict[str, object]:
    p_est, p_se, p_stars, lost = paper
    has = res is not None and our_term is not None and our_term in res.params.index
    est = float(res.params[our_term]) if has else np.nan
    se = float(res.std_errors[our_term]) if has else np.nan
    p = float(res.pvalues[our_term]) if has else np.nan
    row = {
        "table": table,
        "column": column,
        "description": description,
        "term": term,
        "paper_estimate": p_est,
        "paper_std_error": p_se,
        "paper_stars": p_stars,
        "paper_lost": lost,
        "estimate": est,
        "std_error": se,
        "p_value": p,
        "stars": stars(p) if has else "",
        "n_paper": n_paper,
        "n_ours": res.n_obs if res is not None else np.nan,
        "countries_ours": res.n_entities if res is not None else np.nan,
        "same_sign": bool(has and not lost and np.sign(est) == np.sign(p_est)),
        "same_significance": bool(has and not lost and stars(p) == p_stars),
        "note": note,
    }
    row["agreement"] = agreement_sentence(pd.Series(row))
    return row


def _category_note(key: str, label: str, used: dict[str, str]) -> str:
    var = used.get(key)
    if var is None:
        return CATEGORY_NOTE_MISSING
    if var.startswith("ln_dds_"):
        return CATEGORY_NOTE_UNCTAD.format(label=label.removeprefix("ln "))
    return CATEGORY_NOTE_WDI.format(var=var, label=label.removeprefix("ln "))


def replication_frame(baseline: StudyResult, mech: MechanismsResult) -> pd.DataFrame:
    """One row per published cell of Tables 2-4: paper vs ours, Ns, agreement, explanation."""
    rows: list[dict[str, object]] = []
    t2_fit = PAPER_TABLE2_FIT.set_index("model_id")["n_obs"]
    term_order = {t: i for i, t in enumerate(dict.fromkeys(PAPER_TABLE2["term"]))}
    table2 = PAPER_TABLE2.assign(_order=PAPER_TABLE2["term"].map(term_order))
    for cell in table2.sort_values(["model_id", "_order"]).itertuples(index=False):
        rows.append(
            _row(
                "Table 2",
                cell.model_id,
                f"baseline with {int(cell.model_id.strip('()')) - 1} of 5 controls",
                LABELS.get(cell.term, cell.term),
                (cell.estimate, cell.std_error, cell.stars, False),
                baseline.models.get(cell.model_id),
                cell.term,
                int(t2_fit[cell.model_id]),
                COLUMN_NOTES[("Table 2", "*")],
            )
        )
    models: dict[str, PanelResult] = {}
    for table_models in mech.models_by_table.values():
        models.update(table_models)
    label_of_key = {key: label for key, (_, label) in DDS_CATEGORIES.items()}
    terms = dict(TERM_OF_LABEL)
    for key, var in mech.category_variables.items():
        terms[label_of_key[key]] = var
    n_paper = paper_fit().set_index(["table", "column"])["n_obs"]
    for cell in paper_cells().itertuples(index=False):
        key = cell.model_key
        note = COLUMN_NOTES.get((cell.table, cell.column), "")
        if key.startswith("category_"):
            cat = key.removeprefix("category_")
            note = _category_note(cat, label_of_key[cat], mech.category_variables)
        rows.append(
            _row(
                cell.table,
                cell.column,
                cell.description,
                cell.term,
                (cell.estimate, cell.std_error, cell.stars, bool(cell.lost)),
                models.get(key),
                terms.get(cell.term),
                int(n_paper[(cell.table, cell.column)]),
                note,
            )
        )
    return pd.DataFrame.from_records(rows)


def common_differences(baseline: StudyResult, mech: MechanismsResult) -> list[str]:
    """What differs between the paper's data and ours in every column, with our figures."""
    first, last = baseline.years
    n, countries = len(baseline.sample), baseline.sample["iso3"].nunique()
    return [
        f"Years: ours {first}–{last}, the paper's 2008–2020 (our UNCTAD DDS series starts in "
        "2010).",
        f"Countries: ours {countries} with N = {n} in the baseline sample; the paper's 63 "
        "'major countries' (N = 819) are not listed, so the samples overlap only partly.",
        "Sources: manufacturing value added from UN SNAAMA (WDI fallback), DDS imports from "
        "UNCTAD via Data360 and services imports from WDI BoP; the paper uses the World Bank "
        "database and UNCTADstat of its (earlier) vintage.",
        "Standard errors: ours are CR1 cluster-robust by country with t(G−1) p-values; the paper "
        "prints 'robust standard errors' without saying which, so stars can differ even for "
        "equal coefficients.",
        "Constant: ours follows Stata xtreg/areg (_cons at the means, first year as base); the "
        "paper does not state its convention, so constants are comparable only roughly.",
        f"Mediation: each channel is estimated on its own common sample; the identity c = c′ + "
        f"a·b holds in our run to {mech.max_identity_gap:.1e}. The paper's printed bootstrap "
        f"CIs are {BOOT_CI['innov']} (innovation) and {BOOT_CI['inter']} (Internet).",
    ]


def _mechanism_ci_lines(mech: MechanismsResult) -> list[str]:
    lines = []
    for r in mech.mediation_summary.itertuples(index=False):
        if r.channel not in BOOT_CI:
            continue
        lo, hi = BOOT_CI[r.channel]
        excludes = r.boot_ci_low > 0 or r.boot_ci_high < 0
        lines.append(
            f"{r.channel}: a·b ours {r.indirect:.4f}, bootstrap CI [{r.boot_ci_low:.4f}, "
            f"{r.boot_ci_high:.4f}] ({r.boot_n} draws, {r.boot_failed} failed); paper CI "
            f"[{lo:.4f}, {hi:.4f}]; ours {'excludes' if excludes else 'includes'} 0, the "
            "paper's excludes 0."
        )
    return lines


def _view(frame: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Column": frame["column"],
            "Model": frame["description"],
            "Term": frame["term"],
            "Paper": [
                "lost in seed" if lost else _cell(e, s, m)
                for e, s, m, lost in zip(
                    frame["paper_estimate"],
                    frame["paper_std_error"],
                    frame["paper_stars"],
                    frame["paper_lost"],
                    strict=True,
                )
            ],
            "Ours": [
                _cell(e, s, m)
                for e, s, m in zip(
                    frame["estimate"], frame["std_error"], frame["stars"], strict=True
                )
            ],
            "N paper": frame["n_paper"],
            "N ours": frame["n_ours"].map(lambda v: "—" if pd.isna(v) else str(int(v))),
            "Agreement": frame["agreement"],
        }
    )


def summary_sentence(frame: pd.DataFrame) -> str:
    """Counts over the comparable cells (constants excluded): sign and significance agreement."""
    comp = frame.loc[~frame["paper_lost"] & frame["estimate"].notna() & (frame["term"] != CONSTANT)]
    missing = frame.loc[~frame["paper_lost"] & frame["estimate"].isna()]
    n_sign, n_sig = int(comp["same_sign"].sum()), int(comp["same_significance"].sum())
    return (
        f"{len(comp)} published coefficients (constants excluded) have a counterpart in our run: "
        f"{n_sign} with the same sign, {n_sig} "
        f"with the same significance stars. {len(missing)} published cells have no counterpart "
        f"(not estimable with the data supplied); {int(frame['paper_lost'].sum())} published "
        "cell(s) are lost in the seed's text."
    )


def write_replication_page(
    report_dir: str | Path, baseline: StudyResult, mech: MechanismsResult
) -> tuple[pd.DataFrame, dict[str, Path]]:
    """``replication.md``, ``replication.html`` and ``tables/replication.csv``; returns the
    frame and the paths."""
    root = Path(report_dir)
    frame = replication_frame(baseline, mech)
    (root / "tables").mkdir(parents=True, exist_ok=True)
    csv_path = root / "tables" / f"{PAGE_STEM}.csv"
    frame.to_csv(csv_path, index=False)
    title = "Replication: the paper's published coefficients beside ours"
    intro = [
        f"Reference: {CITATION} (Table 2: {PAPER_CITATION}). Every published cell of Tables "
        "2-4 is listed with ours from the same run; 'Paper' and 'Ours' show estimate, stars and "
        "(SE); 'paper SEs apart' is |ours − paper| / paper SE.",
        summary_sentence(frame),
    ]
    common = common_differences(baseline, mech)
    ci_lines = _mechanism_ci_lines(mech)
    md = [f"# {title}", "", *[p + "\n" for p in intro], "## What differs everywhere", ""]
    md += [f"- {line}" for line in common] + [""]
    body_html = [f"<h1>{html.escape(title)}</h1>"] + [f"<p>{html.escape(p)}</p>" for p in intro]
    body_html += ["<h2>What differs everywhere</h2><ul>"]
    body_html += [f"<li>{html.escape(line)}</li>" for line in common] + ["</ul>"]
    for table in ("Table 2", "Table 3", "Table 4"):
        part = frame.loc[frame["table"] == table]
        md += [f"## {table}", "", _view(part).to_markdown(index=False), ""]
        body_html += [f"<h2>{table}</h2>", _view(part).to_html(index=False, escape=True)]
        notes = part.drop_duplicates("column")[["column", "note"]]
        notes = notes.loc[notes["note"] != ""].drop_duplicates("note")
        md += [f"- {c}: {n}" for c, n in zip(notes["column"], notes["note"], strict=True)] + [""]
        body_html += ["<ul>"] + [
            f"<li>{html.escape(c)}: {html.escape(n)}</li>"
            for c, n in zip(notes["column"], notes["note"], strict=True)
        ]
        body_html += ["</ul>"]
        if table == "Table 3" and ci_lines:
            md += ["Bootstrap confidence intervals of a·b:", ""] + [f"- {x}" for x in ci_lines]
            md += [""]
            body_html += ["<p>Bootstrap confidence intervals of a·b:</p><ul>"]
            body_html += [f"<li>{html.escape(x)}</li>" for x in ci_lines] + ["</ul>"]
    md += [f"Data: [replication.csv](tables/{PAGE_STEM}.csv) · [report](index.md)", ""]
    body_html += [
        f'<p>Data: <a href="tables/{PAGE_STEM}.csv">replication.csv</a> · '
        '<a href="index.html">report</a></p>'
    ]
    md_path = root / f"{PAGE_STEM}.md"
    md_path.write_text("\n".join(md), encoding="utf-8")
    html_path = root / f"{PAGE_STEM}.html"
    html_path.write_text(
        "<!doctype html><html><head><meta charset='utf-8'>"
        f"<title>{html.escape(title)}</title><style>body{{font-family:sans-serif;max-width:70em;"
        "margin:auto}table{border-collapse:collapse;font-size:90%}td,th{border-bottom:1px solid "
        "#ddd;padding:2px 6px;text-align:left}</style></head><body>"
        + "\n".join(body_html)
        + "</body></html>",
        encoding="utf-8",
    )
    return frame, {
        "replication.md": md_path,
        "replication.html": html_path,
        "replication.csv": csv_path,
    }


__all__ = [
    "COLUMN_NOTES",
    "agreement_sentence",
    "common_differences",
    "replication_frame",
    "summary_sentence",
    "write_replication_page",
]
