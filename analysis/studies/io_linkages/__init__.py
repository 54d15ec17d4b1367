"""Seed 000: two-way linkage between imported producer services and Chinese manufacturing.

Paper: Zhang Xin, "A Two-way Linkage Effect between the Import of Productive Services and the
Upgrading of Manufacturing Industry in China" (``/work/shared/seeds/000_56fdaf4779642a3f.txt``).
The seed holds the abstract only: WIOD input-output tables, China 2000-2014, forward driving
effects of (domestic and foreign) producer services on manufacturing and backward pulling effects
of manufacturing on them, plus regressions of manufacturing output growth and upgrading on
imported producer services. It prints no numbers, so the comparison with the paper
(:func:`paper_claims`) checks the abstract's qualitative findings against ours.

Inputs (dbt marts, contract ``/tmp/io_contract.md``; money in US$ million):
``marts.io_service_manufacturing_links`` (iso3 × year × service_subgroup S × manufacturing
industry j × origin), ``marts.io_country_year`` (iso3 × year) and, optionally,
``marts.io_industry_year`` (consistency check of manufacturing output).

Modules: :mod:`.spec` (constants, labels, :class:`IOSampleRule`, :class:`IOStudyResult`,
:class:`IOStudyError`, :class:`RegSpec`), :mod:`.measures` (validation, forward/backward
measures and their formulas, cross-checks), :mod:`.tables` (China and cross-country tables),
:mod:`.regressions` (panel variables, the twelve specifications, estimation, tables),
:mod:`.paper` (:func:`paper_claims`) and :mod:`.study` (:func:`run_io_study`,
:func:`store_frame`). Every name is re-exported here.
"""

from __future__ import annotations

from analysis.studies.io_linkages.measures import (
    compute_measures,
    cross_check,
    headline_wide,
    rounding_note,
    validate_links,
)
from analysis.studies.io_linkages.paper import (
    paper_claims,
)
from analysis.studies.io_linkages.regressions import (
    LAGGED,
    REG_SPECS,
    REG_TABLES,
    REGRESSION_VARIABLES,
    VARIABLE_LABELS,
    apply_panel_rule,
    build_panel_variables,
    descriptives_table,
    fit_models,
    regression_tables,
    spec_frame,
)
from analysis.studies.io_linkages.spec import (
    ALL_MANUFACTURING,
    ALL_PS,
    CHINA,
    COUNTRY_YEAR_COLUMNS,
    ENTITY,
    KNOWLEDGE_INTENSIVE,
    LINK_COLUMNS,
    LINK_GRAIN,
    MEASURE_LABELS,
    MEASURES,
    ORIGIN_LABELS,
    ORIGINS,
    PANEL_COLUMNS,
    PAPER_CITATION,
    ROUNDING_CAVEAT,
    SELECTED_YEARS,
    STUDY,
    SUBGROUP_LABELS,
    SUBGROUPS,
    TECH_CLASSES,
    TECH_LABELS,
    TIME,
    IOSampleRule,
    IOStudyError,
    IOStudyResult,
    RegSpec,
)
from analysis.studies.io_linkages.study import (
    run_io_study,
    store_frame,
)
from analysis.studies.io_linkages.tables import (
    CHINA_YEARLY_COLUMNS,
    CROSS_MEASURES,
    china_effects,
    china_yearly,
    china_yearly_table,
    cross_country,
    cross_country_table,
    effects_table,
    select_years,
    tech_by_subgroup_table,
)

__all__ = [
    "ALL_MANUFACTURING",
    "ALL_PS",
    "CHINA",
    "CHINA_YEARLY_COLUMNS",
    "COUNTRY_YEAR_COLUMNS",
    "CROSS_MEASURES",
    "ENTITY",
    "KNOWLEDGE_INTENSIVE",
    "LAGGED",
    "LINK_COLUMNS",
    "LINK_GRAIN",
    "MEASURES",
    "MEASURE_LABELS",
    "ORIGINS",
    "ORIGIN_LABELS",
    "PANEL_COLUMNS",
    "PAPER_CITATION",
    "REGRESSION_VARIABLES",
    "REG_SPECS",
    "REG_TABLES",
    "ROUNDING_CAVEAT",
    "SELECTED_YEARS",
    "STUDY",
    "SUBGROUPS",
    "SUBGROUP_LABELS",
    "TECH_CLASSES",
    "TECH_LABELS",
    "TIME",
    "VARIABLE_LABELS",
    "IOSampleRule",
    "IOStudyError",
    "IOStudyResult",
    "RegSpec",
    "apply_panel_rule",
    "build_panel_variables",
    "china_effects",
    "china_yearly",
    "china_yearly_table",
    "compute_measures",
    "cross_check",
    "cross_country",
    "cross_country_table",
    "descriptives_table",
    "effects_table",
    "fit_models",
    "headline_wide",
    "paper_claims",
    "regression_tables",
    "rounding_note",
    "run_io_study",
    "select_years",
    "spec_frame",
    "store_frame",
    "tech_by_subgroup_table",
    "validate_links",
]
