"""UNCTAD Digital Economy export via the World Bank Data360 API (``unctad/UNCTAD_DE.csv``).

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
