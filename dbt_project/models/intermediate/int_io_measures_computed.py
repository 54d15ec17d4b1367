"""Every input-output quantity of the IO marts, per WIOD NIOT country-year, in one long table.

Grain: one row per iso3 × year × kind × service_subgroup × wiod_code × origin × measure
(kind ``industry``: wiod_code set, service_subgroup and origin NULL; kind ``link``: producer-
service sub-group S × manufacturing industry j × origin domestic | imported; kind ``country``:
only iso3 × year × measure). NULL results (linkages of inactive industries, shares of an
empty supply) are not rows.

Reads ``stg_wiod__niot_cells`` (US$ million) and the seed ``wiod_industries`` (codes in
position order, manufacturing, producer-service sub-groups). The cells are pivoted at once
into one array ``cube[table, block, row, column]`` (block 0 = domestic, 1 = imports, 2 = tot):
DuckDB maps each cell's codes to a flat position, numpy scatters the values there. Per
country-year, ``analysis.io.CountryYearIO`` then gives the coefficient matrices and linkages
(methods.md §2), with Zd, Zm = the 56 × 56 blocks, x = tot GO, v = tot VA and m = row sums of
the imports rows over every use column (total imports of product i); the sub-group sums are
matrix products with the sub-group membership matrix (7 × 56). The measures are:

* industry: gross_output_musd (tot GO), value_added_musd (tot VA), intermediate_inputs_musd
  (tot II_fob), domestic_ / imported_intermediate_inputs_musd (Σ_i Zd_ij, Σ_i Zm_ij),
  imports_musd (m_i), va_block_residual_musd (II_fob+TXSP+EXP_adj+PURR+PURNR+VA+IntTTM − GO),
  and the Rasmussen indices of ``CountryYearIO.linkages`` (bl_total … fl_leontief_domestic);
* link (S × j, Zd/Ad/Ld/Gd/x for domestic, Zm/Am/Am·Ld/Hm·Gd/m for imported):
  input_flow_musd = Σ_{i∈S} z_ij; direct_coefficient = Σ_{i∈S} a_ij;
  complete_coefficient = Σ_{i∈S} (Ld − I)_ij | Σ_{i∈S} (Am·Ld)_ij;
  forward_share_direct = Σ_{i∈S} z_ij / Σ_{i∈S} s_i;
  forward_share_complete = Σ_{i∈S} s_i (Gd − I)_ij / Σ_{i∈S} s_i | Σ_{i∈S} m_i (Hm·Gd)_ij / Σ m_i;
  manufacturing_output_musd = x_j; service_supply_musd = Σ_{i∈S} s_i (s = x | m);
* country: servitisation_{direct,complete}_{domestic,imported,total}
  (``CountryYearIO.servitisation`` with producer services and manufacturing),
  backward_pulling_* and forward_driving_* (``analysis.io`` producer services →
  manufacturing; the reference the SQL aggregation of marts.io_country_year is tested
  against), active_industries (n*).

Every NIOT cell must carry a known origin, row and column code (else ValueError): nothing is
dropped silently. An empty ``raw.wiod_niot`` gives an empty table with the same columns. The
result is returned as a DuckDB relation (numbers per row, text from two small label tables),
which dbt-duckdb materialises without converting 1.7 million Python strings.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.io import CountryYearIO, backward_pulling, forward_driving, servitisation

#: use columns of a NIOT row after the industries, and the tot (value-added block) rows
FINAL_USES = ("CONS_h", "CONS_np", "CONS_g", "GFCF", "INVEN", "EXP", "GO")
TOT_ROWS = ("II_fob", "TXSP", "EXP_adj", "PURR", "PURNR", "VA", "IntTTM", "GO")
BLOCKS = ("domestic", "imports", "tot")
LINKAGES = (
    "bl_total",
    "bl_domestic",
    "fl_ghosh_total",
    "fl_ghosh_domestic",
    "fl_leontief_total",
    "fl_leontief_domestic",
)
INDUSTRY_MEASURES = (
    "gross_output_musd",
    "value_added_musd",
    "intermediate_inputs_musd",
    "domestic_intermediate_inputs_musd",
    "imported_intermediate_inputs_musd",
    "imports_musd",
    "va_block_residual_musd",
    *LINKAGES,
)
LINK_ORIGINS = ("domestic", "imported")
LINK_MEASURES = (
    "input_flow_musd",
    "direct_coefficient",
    "complete_coefficient",
    "forward_share_direct",
    "forward_share_complete",
    "manufacturing_output_musd",
    "service_supply_musd",
)
_SHARES = ("direct_domestic", "direct_imported", "complete_domestic", "complete_imported")
COUNTRY_MEASURES = (
    *(f"servitisation_{s}" for s in (*_SHARES, "direct_total", "complete_total")),
    *(f"backward_pulling_{s}" for s in _SHARES),
    *(f"forward_driving_{s}" for s in _SHARES),
    "active_industries",
)


def _sql_list(items) -> str:
    return "[" + ", ".join("'" + str(i).replace("'", "''") + "'" for i in items) + "]"


def _classification(seed: pd.DataFrame):
    """Codes in WIOD order, manufacturing positions, sub-group names and membership (k × n)."""
    seed = seed.sort_values("position")
    codes = seed["wiod_code"].astype(str).tolist()
    manufacturing = np.flatnonzero(seed["is_manufacturing"].fillna(False).to_numpy(bool))
    subgroup = seed["service_subgroup"].fillna("").astype(str).to_numpy()
    names = list(dict.fromkeys(s for s in subgroup if s))
    member = np.array([subgroup == s for s in names], dtype=float).reshape(len(names), len(codes))
    services = np.flatnonzero(seed["is_producer_service"].fillna(False).to_numpy(bool))
    return codes, manufacturing, services, names, member


def _cube(dbt, codes: list[str]):
    """Pivot the NIOT cells to ``cube[t, block, row, col]`` and the (iso3, year) of each t.

    DuckDB turns every cell's codes into one flat position of a dense array over all
    countries × years × blocks × rows × columns; numpy scatters the values there in one step.
    """
    rows = [*codes, *(r for r in TOT_ROWS if r not in codes)]
    cols = [*codes, *FINAL_USES]
    cells = dbt.ref("stg_wiod__niot_cells")
    keys = cells.aggregate("iso3, year", "iso3, year").order("iso3, year").df()
    keys = keys.astype({"iso3": object, "year": "int64"})
    countries = sorted(set(keys["iso3"]))
    first_year = int(keys["year"].min()) if len(keys) else 0
    span = int(keys["year"].max()) - first_year + 1 if len(keys) else 1
    shape = (max(len(countries), 1) * span, len(BLOCKS), len(rows), len(cols))
    position = (
        f"((((list_position({_sql_list(countries)}, cells.iso3) - 1) * {span}"
        f" + cells.year - {first_year}) * {shape[1]}"
        f" + list_position({_sql_list(BLOCKS)}, cells.origin) - 1) * {shape[2]}"
        f" + list_position({_sql_list(rows)}, cells.row_code) - 1) * {shape[3]}"
        f" + list_position({_sql_list(cols)}, cells.column_code) - 1"
    )
    flat = cells.query(
        "cells",
        f"select coalesce(cast({position} as bigint), -1) as i, cells.value_musd as v from cells",
    ).fetchnumpy()
    index = np.asarray(flat["i"], dtype=np.int64)
    if (index < 0).any():
        raise ValueError(
            f"stg_wiod__niot_cells: {int((index < 0).sum())} cells with an origin, row or column "
            f"code outside the WIOD NIOT layout (seed wiod_industries, {TOT_ROWS}, {FINAL_USES})"
        )
    dense = np.zeros(shape)
    dense.reshape(-1)[index] = np.asarray(flat["v"], dtype=float)
    del flat, index
    country_index = keys["iso3"].map({iso3: i for i, iso3 in enumerate(countries)})
    present = country_index.to_numpy(np.int64) * span + keys["year"].to_numpy(np.int64) - first_year
    keys["year"] = keys["year"].astype("int32")
    return dense[present], keys, rows


def _labels(shape: tuple[int, ...], **axes) -> dict[str, np.ndarray]:
    """Flattened (C order) labels of every cell of an array of ``shape``.

    Each keyword is ``(axis, labels along that axis)`` or one value for every cell.
    """
    out = {}
    for name, spec in axes.items():
        if isinstance(spec, tuple):
            axis, labels = spec
            view = [1] * len(shape)
            view[axis] = shape[axis]
            labels = np.asarray(labels, dtype=object).reshape(view)
            out[name] = np.broadcast_to(labels, shape).ravel()
        else:
            out[name] = np.full(int(np.prod(shape)), spec, dtype=object)
    return out


def _relation(session, keys: pd.DataFrame, blocks: list[tuple[np.ndarray, dict]]):
    """The long table as a DuckDB relation, without NULL values.

    ``blocks``: (values of shape tables × …, labels of one table's cells). Only numbers cross
    into DuckDB per row (table t, cell, value); the text columns come from two small label
    tables (keys: t -> iso3, year; cells: cell -> kind … measure) joined there.
    """
    n_tables = len(keys)
    cells = pd.concat([pd.DataFrame(labels) for _, labels in blocks], ignore_index=True)
    cells = cells[["kind", "service_subgroup", "wiod_code", "origin", "measure"]].astype("string")
    cells.insert(0, "cell", np.arange(len(cells), dtype=np.int32))
    values = np.concatenate(
        [v.reshape(n_tables, int(np.prod(v.shape[1:]))) for v, _ in blocks], axis=1
    )
    t, cell = np.nonzero(np.isfinite(values))
    name = "int_io_measures_computed__"
    session.register(f"{name}keys", keys.assign(t=np.arange(n_tables, dtype=np.int32)))
    session.register(f"{name}cells", cells)
    session.register(
        f"{name}values",
        pd.DataFrame(
            {"t": t.astype(np.int32), "cell": cell.astype(np.int32), "value": values[t, cell]}
        ),
    )
    return session.sql(
        f"""
        select
            keys.iso3,
            keys.year,
            cells.kind,
            cells.service_subgroup,
            cells.wiod_code,
            cells.origin,
            cells.measure,
            v.value
        from {name}values as v
        inner join {name}keys as keys on v.t = keys.t
        inner join {name}cells as cells on v.cell = cells.cell
        """
    )


def model(dbt, session):
    dbt.config(materialized="table")
    seed = dbt.ref("wiod_industries").df()
    codes, manuf, services, subgroups, member = _classification(seed)
    n, k, nm = len(codes), len(subgroups), len(manuf)
    cube, keys, rows = _cube(dbt, codes)
    n_tables = len(keys)
    go_row, va_row, ii_row = rows.index("GO"), rows.index("VA"), rows.index("II_fob")
    block_rows = [rows.index(r) for r in TOT_ROWS if r != "GO"]
    iso3s, years = keys["iso3"].tolist(), keys["year"].tolist()

    industry = np.full((n_tables, len(INDUSTRY_MEASURES), n), np.nan)
    link_shape = (len(LINK_ORIGINS), len(LINK_MEASURES), k, nm)  # origin × measure × S × j
    link = np.full((n_tables, *link_shape), np.nan)
    country = np.full((n_tables, len(COUNTRY_MEASURES)), np.nan)
    eye = np.eye(n)

    for t in range(n_tables):
        zd, zm = cube[t, 0, :n, :n], cube[t, 1, :n, :n]
        tot = cube[t, 2, :, :n]
        x, m = tot[go_row], cube[t, 1, :n, :].sum(axis=1)
        io = CountryYearIO.from_arrays(
            codes, zd, zm, x, v=tot[va_row], m=m, country=iso3s[t], year=int(years[t])
        )
        mt = io.matrices
        industry[t, : -len(LINKAGES)] = (
            x,
            tot[va_row],
            tot[ii_row],
            zd.sum(axis=0),
            zm.sum(axis=0),
            m,
            tot[block_rows].sum(axis=0) - x,
        )
        industry[t, -len(LINKAGES) :] = io.linkages[list(LINKAGES)].to_numpy().T

        for o, (z, coef, complete, supply, forward) in enumerate(
            (
                (zd, mt["Ad"], mt["Ld"] - eye, x, x[:, None] * (mt["Gd"] - eye)),
                (zm, mt["Am"], mt["AmLd"], m, m[:, None] * mt["HmGd"]),
            )
        ):
            group_supply = (member @ supply)[:, None]  # Σ_{i∈S} s_i, one per sub-group
            flow = (member @ z)[:, manuf]
            with np.errstate(divide="ignore", invalid="ignore"):
                share = np.where(group_supply != 0, flow / group_supply, np.nan)
                share_complete = np.where(
                    group_supply != 0, (member @ forward)[:, manuf] / group_supply, np.nan
                )
            link[t, o] = (
                flow,
                (member @ coef)[:, manuf],
                (member @ complete)[:, manuf],
                share,
                share_complete,
                np.broadcast_to(x[manuf], (k, nm)),
                np.broadcast_to(group_supply, (k, nm)),
            )

        shares = servitisation(mt["Ad"], mt["Am"], x, services, manuf)
        values = {f"servitisation_{key}": val for key, val in shares.items()}
        pull = backward_pulling(mt["Ad"], mt["Am"], x, services, manuf)
        drive = forward_driving(mt["Hd"], mt["Hm"], x, m, services, manuf)
        values |= {f"backward_pulling_{key}": val for key, val in pull.items()}
        values |= {f"forward_driving_{key}": val for key, val in drive.items()}
        values["active_industries"] = float(io.active.sum())
        country[t] = [values[name] for name in COUNTRY_MEASURES]

    manufacturing_codes = [codes[j] for j in manuf]
    industry_labels = _labels(
        industry.shape[1:],
        kind="industry",
        service_subgroup=None,
        origin=None,
        measure=(0, INDUSTRY_MEASURES),
        wiod_code=(1, codes),
    )
    link_labels = _labels(
        link_shape,
        kind="link",
        origin=(0, LINK_ORIGINS),
        measure=(1, LINK_MEASURES),
        service_subgroup=(2, subgroups),
        wiod_code=(3, manufacturing_codes),
    )
    country_labels = _labels(
        country.shape[1:],
        kind="country",
        service_subgroup=None,
        wiod_code=None,
        origin=None,
        measure=(0, COUNTRY_MEASURES),
    )
    keys = keys.astype({"iso3": "string", "year": "int32"})
    return _relation(
        session,
        keys,
        [(industry, industry_labels), (link, link_labels), (country, country_labels)],
    )
