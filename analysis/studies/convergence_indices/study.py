"""The convergence-indices study (:func:`run_convergence_study`)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd

from analysis.studies.convergence_indices.caveats import build_caveats
from analysis.studies.convergence_indices.data import load_inputs, province_lookup
from analysis.studies.convergence_indices.measures import (
    band_counts,
    grp_per_capita,
    grp_tests,
    province_coupling,
    regional_means,
    sigma_from_coupling,
)
from analysis.studies.convergence_indices.spec import (
    COAGGLOMERATION,
    COUNTRY_VARIANTS,
    COUPLING,
    PROVINCE_PANEL,
    PROVINCE_VARIANTS,
    TESTS,
    WEIGHTS,
    ConvergenceOptions,
    ConvergenceStudyResult,
)
from analysis.studies.convergence_indices.tables import (
    bands_full_table,
    bands_summary_table,
    ca_regions_table,
    countries_table,
    coupling_by_province_table,
    egk_table,
    entropy_weights_table,
    sigma_beta_table,
)
from analysis.tables import PublicationTable


def _why(inputs, table: str) -> str:
    return inputs.problems.get(table, f"{table} has no usable rows")


def run_convergence_study(
    con_or_db_path: duckdb.DuckDBPyConnection | str | Path,
    options: ConvergenceOptions | None = None,
) -> ConvergenceStudyResult:
    """Tables C-1 … C-6, chart data and caveats from the convergence marts (read-only).

    Never raises for absent or empty marts: each part that cannot be built is listed in
    ``result.unavailable`` with the reason. Raises FileNotFoundError when the database file
    does not exist.
    """
    options = options or ConvergenceOptions()
    inputs = load_inputs(con_or_db_path)
    frames_in = inputs.frames
    coupling = frames_in[COUPLING]
    weights = frames_in[WEIGHTS]
    coag = frames_in[COAGGLOMERATION]
    tests = frames_in[TESTS]
    panel = frames_in[PROVINCE_PANEL]

    lookup = province_lookup(inputs)
    names = dict(zip(lookup["province_code"], lookup["province"], strict=True))
    prov = province_coupling(coupling, lookup)
    means = regional_means(prov)
    counts = band_counts(prov)
    grp, grp_how = grp_per_capita(panel)
    in_mart = tests is not None and "grp_pc_real_cny" in set(tests.get("series", []))
    if in_mart:  # marts.convergence_tests has the province GRP-per-capita series itself
        grp_rows = pd.DataFrame()
    else:
        try:
            grp_rows = grp_tests(grp)
        except Exception as err:  # reported; the rest of the study goes on
            grp_rows = pd.DataFrame()
            grp_how += f" (tests failed: {err})"

    tables: dict[str, PublicationTable] = {}
    csv_tables: dict[str, PublicationTable] = {}
    unavailable: dict[str, str] = dict(inputs.problems)
    selected: dict[str, tuple[int, ...]] = {}

    # C-1, C-2 ------------------------------------------------------------------------------
    province_variants = [v for v in PROVINCE_VARIANTS if v in set(prov["variant"])]
    province_variants += sorted(set(prov["variant"]) - set(province_variants))
    if coupling is None:
        reason = _why(inputs, COUPLING)
        unavailable["Table C-1 (D by province)"] = reason
        unavailable["Table C-2 (bands)"] = reason
    elif prov.empty:
        reason = f"{COUPLING} has no province rows yet"
        unavailable["Table C-1 (D by province)"] = reason
        unavailable["Table C-2 (bands)"] = reason
    else:
        if panel is None:
            unavailable["Regional means of D"] = (
                f"{_why(inputs, PROVINCE_PANEL)}: provinces have no region, only the national "
                "mean is shown"
            )
        for variant in province_variants:
            years = options.years_for(variant, prov.loc[prov["variant"] == variant, "year"])
            if not years:
                unavailable[f"Table C-1 ({variant})"] = "none of the requested years is present"
                continue
            selected[variant] = years
            tables[f"conv_c1_d_{variant}"] = coupling_by_province_table(prov, means, variant, years)
        for variant in PROVINCE_VARIANTS:
            if variant not in province_variants:
                unavailable[f"Table C-1 ({variant})"] = f"{COUPLING} has no {variant} rows"
        if selected:
            tables["conv_c2_bands_summary"] = bands_summary_table(counts, selected)
        csv_tables["conv_c2_bands_full"] = bands_full_table(prov)

    # C-3 -----------------------------------------------------------------------------------
    if weights is None:
        unavailable["Table C-3 (entropy weights)"] = _why(inputs, WEIGHTS)
    else:
        tables["conv_c3_entropy_weights"] = entropy_weights_table(weights)

    # C-4 -----------------------------------------------------------------------------------
    ca = pd.DataFrame()
    egk = pd.DataFrame()
    if coag is None:
        unavailable["Table C-4 (co-agglomeration)"] = _why(inputs, COAGGLOMERATION)
    else:
        pair = coag[coag["industry_pair"] == options.headline_pair].copy()
        pair["year"] = pair["year"].astype(int)
        ca = pair[(pair["measure"] == "ca_lq") & (pair["unit_type"] == "province")]
        ca = ca.merge(
            lookup[["province_code", "region"]],
            how="left",
            left_on="unit_id",
            right_on="province_code",
        )
        egk = pair[pair["measure"] == "egk"]
        if ca.empty:
            unavailable["Table C-4a (CA by region)"] = (
                f"{COAGGLOMERATION} has no province ca_lq rows for {options.headline_pair}"
            )
        else:
            ca_variant = sorted(ca["variant"].unique())[0]
            ca = ca[ca["variant"] == ca_variant]
            years = options.years_for(ca_variant, ca["year"])
            if years:
                selected[f"coagglomeration:{ca_variant}"] = years
                tables["conv_c4_ca_regions"] = ca_regions_table(
                    ca, years, ca_variant, options.headline_pair
                )
            else:
                unavailable["Table C-4a (CA by region)"] = "none of the requested years is present"
        if egk.empty:
            unavailable["Table C-4b (EGK)"] = (
                f"{COAGGLOMERATION} has no egk rows for {options.headline_pair}"
            )
        else:
            tables["conv_c4_egk"] = egk_table(egk, options.headline_pair)

    # C-5 -----------------------------------------------------------------------------------
    parts = []
    if tests is not None:
        parts.append(tests)
    else:
        unavailable["Table C-5 (σ/β from marts.convergence_tests)"] = _why(inputs, TESTS)
    if not grp_rows.empty:
        parts.append(grp_rows)
    elif panel is not None and not in_mart:
        unavailable["σ/β of GRP per capita"] = (
            f"{PROVINCE_PANEL} has no GRP per capita (nor GRP and population) column"
        )
    all_tests = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()
    if not all_tests.empty:
        tables["conv_c5_sigma_beta"] = sigma_beta_table(all_tests)
    sigma_rows = (
        all_tests[all_tests["test"] == "sigma"][["unit_type", "series", "year", "sigma"]]
        if not all_tests.empty
        else pd.DataFrame(columns=["unit_type", "series", "year", "sigma"])
    )
    if tests is None and coupling is not None:
        fallback = sigma_from_coupling(coupling)[["unit_type", "series", "year", "sigma"]]
        sigma_rows = pd.concat([sigma_rows, fallback], ignore_index=True)
    sigma_rows = sigma_rows.dropna(subset=["sigma"]).astype({"year": int})

    # C-6 -----------------------------------------------------------------------------------
    if coupling is None:
        unavailable["Table C-6 (countries)"] = _why(inputs, COUPLING)
    else:
        country_variants = [
            v
            for v in COUNTRY_VARIANTS
            if not coupling[(coupling["unit_type"] == "country") & (coupling["variant"] == v)].empty
        ]
        table = countries_table(coupling, country_variants, options.focus_countries)
        if table.rows:
            tables["conv_c6_countries"] = table
        else:
            unavailable["Table C-6 (countries)"] = (
                f"{COUPLING} has no country rows of {', '.join(COUNTRY_VARIANTS)} for "
                f"{', '.join(options.focus_countries)}"
            )

    caveats = build_caveats(frames_in, names, grp_how)
    frames = {
        "provinces": prov,
        "regional_means": means,
        "band_counts": counts,
        "grp_per_capita": grp,
        "tests": all_tests,
        "sigma": sigma_rows,
        "ca_provinces": ca,
        "egk": egk,
        "countries": (
            coupling[coupling["unit_type"] == "country"] if coupling is not None else pd.DataFrame()
        ),
    }
    return ConvergenceStudyResult(
        source=inputs.source,
        tables=tables,
        csv_tables=csv_tables,
        frames=frames,
        selected_years=selected,
        caveats=caveats,
        unavailable=unavailable,
        options=options,
        mart_rows=dict(inputs.rows),
    )
