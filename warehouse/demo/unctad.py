"""UNCTAD Digital Economy export via the World Bank Data360 API (``unctad/UNCTAD_DE.csv``), and
the UNCTADstat bulk CSV of DDS by category (``unctad/US_DigitallyDeliverableServices.csv``).

Long SDMX-style CSV, 39 columns, no BOM, LF, minimal quoting. DDS imports and exports
(``UNCTAD_DE_DIG_SERVTRADE_ANN_IMP``/``_EXP``) in US$ millions (UNIT_MULT 6), whole numbers
written ``56020.0``, 2010-2022, one row per area × year (unpublished cells have an empty
OBS_VALUE and OBS_STATUS ``O``); aggregates WLD and SSF (sums) first, then economies in UNCTAD's
name order; a few sparse ICT-core business indicators (%, UNIT_MULT 0) follow.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from warehouse.demo.countries import COUNTRIES
from warehouse.demo.dgp import DDS_YEARS
from warehouse.demo.fmt import minimal_row, write_text

COLUMNS: tuple[str, ...] = (
    "STRUCTURE", "STRUCTURE_ID", "ACTION", "FREQ", "FREQ_LABEL", "REF_AREA", "REF_AREA_LABEL",
    "INDICATOR", "INDICATOR_LABEL", "SEX", "SEX_LABEL", "AGE", "AGE_LABEL", "URBANISATION",
    "URBANISATION_LABEL", "UNIT_MEASURE", "UNIT_MEASURE_LABEL", "COMP_BREAKDOWN_1",
    "COMP_BREAKDOWN_1_LABEL", "COMP_BREAKDOWN_2", "COMP_BREAKDOWN_2_LABEL", "COMP_BREAKDOWN_3",
    "COMP_BREAKDOWN_3_LABEL", "TIME_PERIOD", "OBS_VALUE", "AGG_METHOD", "AGG_METHOD_LABEL",
    "DATABASE_ID", "DATABASE_ID_LABEL", "UNIT_MULT", "UNIT_MULT_LABEL", "UNIT_TYPE",
    "UNIT_TYPE_LABEL", "TIME_FORMAT", "TIME_FORMAT_LABEL", "OBS_STATUS", "OBS_STATUS_LABEL",
    "OBS_CONF", "OBS_CONF_LABEL",
)  # fmt: skip
DDS = (
    (
        "UNCTAD_DE_DIG_SERVTRADE_ANN_EXP",
        "International exports in digitally-deliverable services",
        "dds_exp_m",
    ),
    (
        "UNCTAD_DE_DIG_SERVTRADE_ANN_IMP",
        "International imports in digitally-deliverable services",
        "dds_imp_m",
    ),
)
ICT = (
    (
        "UNCTAD_DE_ICT_CORE_UBS_ANN_ALL_B1",
        "Proportion of businesses using computers",
        "PT_BS",
        "Percentage of businesses",
    ),
    (
        "UNCTAD_DE_ICT_CORE_UBS_ANN_ALL_B2",
        "Proportion of persons employed routinely using computers",
        "PT_SAL",
        "Percentage of employees",
    ),
)


def _row(
    area: str,
    label: str,
    ind: str,
    ind_label: str,
    year: int,
    value: str,
    unit: str,
    unit_label: str,
    agg: str,
    mult: str,
) -> list[str]:
    missing = value == ""
    return [
        "datastructure", "WB.DATA360:DS_DATA360(1.2)", "I", "A", "Annual", area, label, ind,
        ind_label, "_T", "Total", "_T", "All age ranges or no breakdown by age", "_T", "Total",
        unit, unit_label, "_Z", "Not Applicable", "_Z", "Not Applicable", "_Z", "Not Applicable",
        str(year), value, agg, agg.title(), "UNCTAD_DE", "Digital Economy and Technology", mult,
        "Millions" if mult == "6" else "Units", "CUR" if mult == "6" else "RATIO",
        "Currency" if mult == "6" else "Ratio", "602", "CCYY", "O" if missing else "A",
        "Missing value" if missing else "Normal value", "PU", "Public",
    ]  # fmt: skip


def _sort_name(c) -> str:
    """UNCTAD orders economies by its own (UN-style) names."""
    if c.iso3 == "TWN":
        return "China, Taiwan Province of"
    return c.snaama_name or c.m49_name or c.unctad_name


def write_unctad(out: Path, panel: pd.DataFrame, rng: np.random.Generator) -> Path:
    """Write UNCTAD_DE.csv."""
    econ = sorted((c for c in COUNTRIES if c.unctad_name), key=_sort_name)
    p = panel[panel["year"].isin(DDS_YEARS)].set_index(["iso3", "year"])
    ssa = {c.iso3 for c in econ if c.wb_region == "Sub-Saharan Africa"}
    lines = [minimal_row(COLUMNS, "\n")]
    for ind, ind_label, col in DDS:
        pub = p[col].where(p["has_dds"])
        areas = [
            ("WLD", "World", pub.groupby(level="year").sum()),
            (
                "SSF",
                "Sub-Saharan Africa",
                pub[pub.index.get_level_values("iso3").isin(ssa)].groupby(level="year").sum(),
            ),
        ]
        areas += [(c.iso3, c.unctad_name, pub.xs(c.iso3, level="iso3")) for c in econ]
        for area, label, vals in areas:
            for y in DDS_YEARS:
                v = vals.get(y)
                text = "" if v is None or np.isnan(v) else f"{v:.1f}"
                row = _row(area, label, ind, ind_label, y, text, "USD", "US dollars", "SUM", "6")
                lines.append(minimal_row(row, "\n"))
    for ind, ind_label, unit, unit_label in ICT:
        for c in econ[::7]:
            for y in (2015, 2018):
                v = round(float(rng.uniform(20.0, 98.0)), 2)
                row = _row(
                    c.iso3, c.unctad_name, ind, ind_label, y, repr(v), unit, unit_label, "MEAN", "0"
                )
                lines.append(minimal_row(row, "\n"))
    path = out / "unctad" / "UNCTAD_DE.csv"
    write_text(path, "".join(lines))
    return path


#: UNCTADstat bulk CSV of DDS trade by category (``unctad/US_DigitallyDeliverableServices.csv``)
DDS_CATEGORY_FILE = "unctad/US_DigitallyDeliverableServices.csv"
DDS_CATEGORY_VALUE = "US$ at current prices in millions"
DDS_CATEGORY_COLUMNS: tuple[str, ...] = (
    "Year", "Economy", "Economy Label", "Flow", "Flow Label", "Category", "Category Label",
    DDS_CATEGORY_VALUE, f"{DDS_CATEGORY_VALUE} Footnote", f"{DDS_CATEGORY_VALUE} Missing value",
)  # fmt: skip
#: the six EBOPS 2010 categories of DDS, then the DDS total (its code in the real file is unknown)
DDS_CATEGORIES: tuple[tuple[str, str], ...] = (
    ("SF", "Insurance and pension services"),
    ("SG", "Financial services"),
    ("SH", "Charges for the use of intellectual property n.i.e."),
    ("SI", "Telecommunications, computer, and information services"),
    ("SJ", "Other business services"),
    ("SK", "Personal, cultural, and recreational services"),
)
DDS_TOTAL: tuple[str, str] = ("DDS", "Digitally-deliverable services")
#: mean category shares of DDS (SF … SK) for imports and exports; SJ is the residual
_DDS_SHARES: dict[str, tuple[float, ...]] = {
    "01": (0.07, 0.12, 0.10, 0.20, 0.45, 0.06),
    "02": (0.05, 0.13, 0.07, 0.25, 0.46, 0.04),
}
_FLOWS: tuple[tuple[str, str, str], ...] = (
    ("01", "Imports", "dds_imp_m"),
    ("02", "Exports", "dds_exp_m"),
)
#: aggregates written before the economies (codes of UNCTADstat groups are illustrative)
_WORLD = ("0000", "World")
_DEVELOPING = ("1400", "Developing economies")


#: UNCTADstat economy codes that are not the economy's M49 code (the rest: zero-padded M49)
UNCTADSTAT_CODES: dict[str, str] = {
    "FRA": "251",
    "IND": "699",
    "ITA": "381",
    "NOR": "579",
    "CHE": "757",
    "USA": "842",
    "TWN": "490",
    "XKX": "412",
}


def _economy(c) -> tuple[str, str]:
    """UNCTADstat economy code and label."""
    if c.iso3 == "TWN":
        return UNCTADSTAT_CODES["TWN"], "China, Taiwan Province of"
    if c.iso3 == "XKX":
        return UNCTADSTAT_CODES["XKX"], "Kosovo"
    return UNCTADSTAT_CODES.get(c.iso3, f"{c.m49:03d}"), c.m49_name or c.unctad_name


def _split(total: float, shares: np.ndarray) -> np.ndarray:
    """Six category values (US$ m, 0.1 precision) summing to ``total``: SJ is the residual."""
    parts = np.round(total * shares, 1)
    parts[4] = 0.0
    parts[4] = round(total - parts.sum(), 1)
    if parts[4] < 0:  # tiny totals: fall back to an exact split on the 0.1 grid
        parts = np.floor(total * shares * 10.0) / 10.0
        parts[4] = round(total - parts.sum() + parts[4], 1)
    return parts


def dds_category_values(panel: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """Published category values: one row per economy × year × flow × category (NaN = empty).

    Imports: the six categories sum to the demo DDS imports total (``dds_imp_m``, the value of
    UNCTAD_DE.csv) of the country-year; exports likewise to ``dds_exp_m``. Not published where
    UNCTAD_DE has no DDS value (``has_dds`` false), plus a few empty export cells of SK.
    """
    econ = [c for c in COUNTRIES if c.unctad_name]
    p = panel[panel["year"].isin(DDS_YEARS)].set_index(["iso3", "year"])
    rows = []
    for c in econ:
        code, label = _economy(c)
        base = {f: rng.dirichlet(np.array(s) * 60.0) for f, s in _DDS_SHARES.items()}
        for y in DDS_YEARS:
            cell = p.loc[(c.iso3, y)]
            for flow, _, col in _FLOWS:
                shares = base[flow] * np.exp(rng.normal(0.0, 0.05, len(DDS_CATEGORIES)))
                shares = shares / shares.sum()
                if not cell["has_dds"]:
                    values = np.full(len(DDS_CATEGORIES) + 1, np.nan)
                else:
                    total = float(cell[col])
                    values = np.append(_split(total, shares), total)
                for (cat, _), v in zip((*DDS_CATEGORIES, DDS_TOTAL), values, strict=True):
                    rows.append((c.iso3, code, label, c.developed, y, flow, cat, v))
    frame = pd.DataFrame(
        rows,
        columns=["iso3", "economy", "label", "developed", "year", "flow", "category", "value"],
    )
    sk_exports = frame.index[(frame["flow"] == "02") & (frame["category"] == "SK")]
    blank = rng.choice(sk_exports.to_numpy(), size=5, replace=False)
    frame.loc[blank, "value"] = np.nan
    return frame


def write_unctad_dds_category(out: Path, panel: pd.DataFrame, rng: np.random.Generator) -> Path:
    """Write US_DigitallyDeliverableServices.csv (UNCTADstat data-centre bulk layout).

    UTF-8 with BOM, CRLF. Rows sorted by year, economy code (as text), flow and category;
    World (0000, the sum of the demo economies) and one 4-digit group are rows like the
    economies. Empty value cells are not published: their ``Missing value`` flag is left empty
    for some and set for others (both mean "no row").
    """
    values = dds_category_values(panel, rng)
    groups = [
        (_WORLD, values),
        (_DEVELOPING, values[values["developed"] == "Developing"]),
    ]
    agg_rows = []
    for (code, label), part in groups:
        sums = part.groupby(["year", "flow", "category"], sort=False)["value"].sum(min_count=1)
        for (y, flow, cat), v in sums.items():
            agg_rows.append((None, code, label, None, y, flow, cat, round(float(v), 1)))
    allrows = pd.concat([pd.DataFrame(agg_rows, columns=values.columns), values])
    allrows = allrows.sort_values(["year", "economy", "flow", "category"], kind="stable")
    flow_labels = {f: lab for f, lab, _ in _FLOWS}
    cat_labels = dict((*DDS_CATEGORIES, DDS_TOTAL))
    lines = [minimal_row(DDS_CATEGORY_COLUMNS, "\r\n")]
    for k, r in enumerate(allrows.itertuples(index=False)):
        empty = r.value is None or np.isnan(r.value)
        text = "" if empty else f"{r.value:.1f}"
        flag = "1" if empty and k % 2 else ""
        row = [
            str(r.year), r.economy, r.label, r.flow, flow_labels[r.flow], r.category,
            cat_labels[r.category], text, "", flag,
        ]  # fmt: skip
        lines.append(minimal_row(row, "\r\n"))
    path = out / DDS_CATEGORY_FILE
    write_text(path, "".join(lines), bom=True)
    return path
