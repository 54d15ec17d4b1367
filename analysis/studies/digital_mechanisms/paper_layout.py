"""Tables 3 and 4 in the paper's own layout (columns, row order, "Control variables: Yes").

Table 3: (1) innovation a-path, (2) innovation outcome equation, (3) Internet a-path, (4) Internet
outcome equation, (5) moderation by institutional quality -- the models of :mod:`.channels` and
:mod:`.institutions`. Table 4: (1) developed and (2) developing countries estimated **separately**
(as the paper does; the pooled test of the difference is in Table 5b), (3)-(8) one regression per
digital-service type replacing ln imdig.

Table 4 columns (3)-(8) use the UNCTAD DDS-by-category shares (``ln_dds_<category>``) when the
user supplied the category file. Without it, the columns that have a WDI stand-in use it, named
in the column header -- (4) the insurance-and-financial share of services imports (WDI does not
split them), (5) charges for the use of intellectual property (US$ million), (6) the ICT share --
and (3), (7), (8) say "not estimated" with the reason. Nothing is substituted silently.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd

from analysis.panel import CONSTANT, PanelResult, fit_panel_fe
from analysis.studies.digital_imports import CONTROLS, DEP_VAR, ENTITY, TIME, TREATMENT
from analysis.studies.digital_mechanisms.data import DDS_CATEGORIES, Bookkeeping
from analysis.tables import PublicationTable, describe_vcov, format_number, stars

TABLE_ID = "table4_paper"
#: Table 4 category -> (WDI stand-in variable, header note) when the UNCTAD file is absent
WDI_STAND_INS: dict[str, tuple[str, str]] = {
    "financial": ("ln_insfin", "WDI insurance + financial share"),
    "ip_charges": ("ln_ip", "WDI IP charges, US$ m"),
    "ict": ("ln_ict", "WDI ICT share"),
}
NO_CATEGORY_FILE = (
    "no UNCTAD DDS-by-category data (file unctad/US_DigitallyDeliverableServices.csv not "
    "supplied) and no WDI stand-in"
)


@dataclass(frozen=True)
class PaperColumn:
    """One column of a paper-layout table: our model (or why there is none) and which of its
    terms fills each paper row."""

    header: str
    model: PanelResult | None
    terms: Mapping[str, str] = field(default_factory=dict)  # paper row label -> our term
    missing: str = ""


def _fit(data: pd.DataFrame, x: str) -> PanelResult:
    return fit_panel_fe(data, DEP_VAR, [x, *CONTROLS], ENTITY, TIME, vcov="cluster", cluster=ENTITY)


def subsample_models(data: pd.DataFrame, book: Bookkeeping) -> dict[str, PanelResult]:
    """Developed and developing countries estimated separately (paper Table 4 (1)-(2))."""
    models: dict[str, PanelResult] = {}
    n_missing = int(data["developed"].isna().sum())
    for key, flag in (("developed_only", 1.0), ("developing_only", 0.0)):
        part = data.loc[data["developed"] == flag]
        res = book.attempt(TABLE_ID, key, lambda part=part: _fit(part, TREATMENT))
        if res is not None:
            models[key] = res
            book.record(
                TABLE_ID,
                key,
                res,
                f"subsample of {len(part)} rows; {n_missing} rows without is_developed excluded",
                n_input=len(data),
            )
    return models


def category_models(
    data: pd.DataFrame, book: Bookkeeping
) -> tuple[dict[str, PanelResult], dict[str, str], dict[str, str]]:
    """One regression per service type; returns (models by ``category_<key>``, the variable used
    per key, why a key has no model)."""
    models: dict[str, PanelResult] = {}
    used: dict[str, str] = {}
    missing: dict[str, str] = {}
    for key in DDS_CATEGORIES:
        var = f"ln_dds_{key}"
        if var not in data or data[var].notna().sum() == 0:
            if key not in WDI_STAND_INS:
                missing[key] = NO_CATEGORY_FILE
                continue
            var = WDI_STAND_INS[key][0]
        res = book.attempt(TABLE_ID, f"category_{key}", lambda var=var: _fit(data, var))
        if res is None:
            missing[key] = f"not estimable with {var} (see problems)"
            continue
        models[f"category_{key}"] = res
        used[key] = var
        book.record(TABLE_ID, f"category_{key}", res, f"service-type variable {var}")
    return models, used, missing


def paper_layout_table(
    columns: Sequence[PaperColumn],
    row_labels: Sequence[str],
    *,
    title: str,
    note: str = "",
    digits: int = 4,
) -> PublicationTable:
    """Coefficient (stars) over (SE) for each paper row, then Control variables, _cons, the FE
    rows (with the paper's names), N, countries, within R² and LSDV adj. R² (labelled)."""
    header = ["", *[c.header for c in columns]]
    rows: list[list[str]] = []
    se_rows: set[int] = set()

    def coef_rows(label: str, term_of: Mapping[int, str | None]) -> None:
        coef, se = [label], [""]
        for i, col in enumerate(columns):
            term = term_of.get(i)
            if col.model is None or term is None or term not in col.model.params.index:
                coef.append("")
                se.append("")
                continue
            coef.append(
                format_number(col.model.params[term], digits) + stars(col.model.pvalues[term])
            )
            se.append(f"({format_number(col.model.std_errors[term], digits)})")
        rows.append(coef)
        se_rows.add(len(rows))
        rows.append(se)

    for label in row_labels:
        coef_rows(label, {i: c.terms.get(label) for i, c in enumerate(columns)})
    breaks = {len(rows)}

    def flag_row(label: str, test) -> None:
        rows.append(
            [label] + [("Yes" if test(c.model) else "No") if c.model else "" for c in columns]
        )

    flag_row("Control variables", lambda m: all(v in m.regressors for v in CONTROLS))
    coef_rows(CONSTANT, dict.fromkeys(range(len(columns)), CONSTANT))
    breaks.add(len(rows))
    flag_row("Country FE (paper: Regional effects)", lambda m: ENTITY in m.fixed_effects)
    flag_row("Year FE (paper: Time effects)", lambda m: TIME in m.fixed_effects)

    def stat_row(label: str, value) -> None:
        rows.append([label] + [value(c.model) if c.model else "—" for c in columns])

    stat_row("N", lambda m: str(m.n_obs))
    stat_row("Countries", lambda m: str(m.n_entities))
    stat_row("Within R²", lambda m: format_number(m.within_r2, digits))
    stat_row("LSDV adj. R²", lambda m: format_number(m.lsdv_adj_r2, digits))
    vcovs = sorted({describe_vcov(c.model) for c in columns if c.model is not None})
    missing = [f"{c.header}: not estimated, {c.missing}" for c in columns if c.model is None]
    full_note = (
        f"Note: {'; '.join(vcovs)} in parentheses; * p<0.10, ** p<0.05, *** p<0.01. Control "
        f"variables: {', '.join(CONTROLS)}. Within R² is net of all fixed effects; LSDV adj. R² "
        "counts the dummies (the paper's 'adj. R2')."
    )
    if note:
        full_note += " " + note
    if missing:
        full_note += " " + "; ".join(missing) + "."
    return PublicationTable(
        title=title,
        header=header,
        rows=rows,
        note=full_note,
        se_rows=se_rows,
        section_breaks=breaks,
    )


def table3_paper(
    equations: Mapping[str, PanelResult], moderation: PanelResult | None, note: str = ""
) -> PublicationTable:
    """Paper Table 3: mediation columns (1)-(4) and moderation (5)."""
    spec = [
        ("(1) ln innov", "innov:a_path", {"ln imdig": TREATMENT}),
        ("(2) ln upmf", "innov:direct", {"ln imdig": TREATMENT, "ln innov": "ln_innov"}),
        ("(3) ln inter", "inter:a_path", {"ln imdig": TREATMENT}),
        ("(4) ln upmf", "inter:direct", {"ln imdig": TREATMENT, "ln inter": "ln_inter"}),
    ]
    cols = [
        PaperColumn(h, equations.get(k), t, "" if k in equations else "model not estimated")
        for h, k, t in spec
    ]
    cols.append(
        PaperColumn(
            "(5) ln upmf",
            moderation,
            {
                "ln imdig": TREATMENT,
                "ln insti": "insti",
                "ln imdig × ln insti": f"{TREATMENT}:insti",
            },
            "" if moderation is not None else "moderation model not estimated",
        )
    )
    return paper_layout_table(
        cols,
        ["ln imdig", "ln innov", "ln inter", "ln insti", "ln imdig × ln insti"],
        title="Table 3. Regression results for mediating and moderating effects (paper layout)",
        note="Column headers name the dependent variable. Our 'ln insti' row is insti = PC1 of "
        "the six standardised WGI estimates, and in (5) ln imdig and insti are mean-centred "
        "before the product (the paper's institutional index and centring are not stated). " + note,
    )


def table4_paper(
    subsamples: Mapping[str, PanelResult],
    categories: Mapping[str, PanelResult],
    used: Mapping[str, str],
    missing: Mapping[str, str],
    note: str = "",
) -> PublicationTable:
    """Paper Table 4: (1) developed, (2) developing, (3)-(8) the six digital-service types."""
    cols = [
        PaperColumn(
            "(1) developed",
            subsamples.get("developed_only"),
            {"ln imdig": TREATMENT},
            "subsample model not estimated",
        ),
        PaperColumn(
            "(2) developing",
            subsamples.get("developing_only"),
            {"ln imdig": TREATMENT},
            "subsample model not estimated",
        ),
    ]
    labels = ["ln imdig"]
    for i, (key, (_, label)) in enumerate(DDS_CATEGORIES.items(), start=3):
        labels.append(label)
        var = used.get(key)
        header = f"({i}) {label.removeprefix('ln ')}"
        if var is not None and not var.startswith("ln_dds_"):
            header += f" [{WDI_STAND_INS[key][1]}]"
        cols.append(
            PaperColumn(
                header,
                categories.get(f"category_{key}"),
                {label: var} if var else {},
                missing.get(key, ""),
            )
        )
    return paper_layout_table(
        cols,
        labels,
        title="Table 4. Results of heterogeneity analysis (paper layout)",
        note="(1)-(2): UN M49 developed/developing, estimated separately. (3)-(8): the service "
        "type replaces ln imdig; ln <type> = ln of its imports as a share of services imports "
        "(%) from the UNCTAD DDS-by-category file, or the WDI stand-in named in the header. "
        + note,
    )


__all__ = [
    "NO_CATEGORY_FILE",
    "WDI_STAND_INS",
    "PaperColumn",
    "category_models",
    "paper_layout_table",
    "subsample_models",
    "table3_paper",
    "table4_paper",
]
