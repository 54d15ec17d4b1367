"""Heritage Foundation Index of Economic Freedom, 2019 edition (the Kaggle CSV extract).

UTF-8 without BOM, CRLF, minimal quoting, 34 columns spelled as published (``Judical
Effectiveness``, ``Investment Freedom `` and ``Gov't Expenditure % of GDP `` with trailing spaces),
rows by Country Name (``Korea, South``, ``Taiwan `` with its trailing space, ``Macau``,
``Hong Kong``, ``Kosovo``); money columns such as ``$69.6 `` and ``"$1,958"``; ``N/A`` where the
edition has no figure. One cross-section: the 2019 Score is the mean of the 12 components.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from warehouse.demo.countries import COUNTRIES
from warehouse.demo.fmt import minimal_row, write_text

COMPONENTS: tuple[str, ...] = (
    "Property Rights", "Judical Effectiveness", "Government Integrity", "Tax Burden",
    "Gov't Spending", "Fiscal Health", "Business Freedom", "Labor Freedom", "Monetary Freedom",
    "Trade Freedom", "Investment Freedom ", "Financial Freedom",
)  # fmt: skip
COLUMNS: tuple[str, ...] = (
    "CountryID", "Country Name", "WEBNAME", "Region", "World Rank", "Region Rank", "2019 Score",
    *COMPONENTS, "Tariff Rate (%)", "Income Tax Rate (%)", "Corporate Tax Rate (%)",
    "Tax Burden % of GDP", "Gov't Expenditure % of GDP ", "Country", "Population (Millions)",
    "GDP (Billions, PPP)", "GDP Growth Rate (%)", "5 Year GDP Growth Rate (%)",
    "GDP per Capita (PPP)", "Unemployment (%)", "Inflation (%)", "FDI Inflow (Millions)",
    "Public Debt (% of GDP)",
)  # fmt: skip
_LEVEL = {
    "High income": 72.0,
    "Upper middle income": 60.0,
    "Lower middle income": 55.0,
    "Low income": 50.0,
    "": 45.0,
}


def _num(v: float) -> str:
    """Heritage's shortest one-decimal form: ``51.5``, ``66``, ``-4.6``."""
    text = f"{v:.1f}"
    return text[:-2] if text.endswith(".0") else text


def write_heritage(out: Path, rng: np.random.Generator) -> Path:
    """Write economic_freedom_index2019_data.csv."""
    econ = sorted((c for c in COUNTRIES if c.heritage_name), key=lambda c: c.heritage_name)
    records = []
    for c in econ:
        comps = np.clip(_LEVEL[c.income] + rng.normal(0, 12, len(COMPONENTS)), 0, 100).round(1)
        records.append((c, comps, round(float(comps.mean()), 1)))
    order = sorted(range(len(records)), key=lambda i: -records[i][2])
    world_rank = {i: r + 1 for r, i in enumerate(order)}
    region_rank: dict[int, int] = {}
    for i in order:
        reg = records[i][0].heritage_region
        region_rank[i] = 1 + sum(1 for j in region_rank if records[j][0].heritage_region == reg)
    lines = [minimal_row(COLUMNS, "\r\n")]
    for i, (c, comps, score) in enumerate(records):
        pop = max(c.pop_2010 * 1.08, 0.1)
        gdp_ppp = pop * c.pgdp_2010 * 1.5
        per_cap = gdp_ppp * 1e3 / pop
        gdp_text = f"${gdp_ppp:,.1f} "
        row = [
            str(c.heritage_id), c.heritage_name, c.heritage_webname, c.heritage_region,
            str(world_rank[i]), str(region_rank[i]), _num(score), *(_num(v) for v in comps),
            _num(rng.uniform(0, 12)), _num(rng.uniform(10, 50)), _num(rng.uniform(10, 35)),
            _num(rng.uniform(10, 45)), _num(rng.uniform(15, 55)), c.heritage_country, _num(pop),
            gdp_text, _num(rng.normal(3, 2)), _num(rng.normal(3, 1.5)), f"${per_cap:,.0f}",
            "N/A" if c.iso3 == "XKX" else _num(rng.uniform(2, 15)), _num(rng.uniform(0, 6)),
            _num(gdp_ppp * rng.uniform(1, 30)), _num(rng.uniform(10, 120)),
        ]  # fmt: skip
        lines.append(minimal_row(row, "\r\n"))
    path = out / "heritage" / "economic_freedom_index2019_data.csv"
    write_text(path, "".join(lines))
    return path
