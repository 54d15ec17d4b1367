"""Expectation suites as code: one per source, from its declaration plus a few extras.

Long tables get structural checks (columns, keys not null, grain unique, year range, units,
row count) and value ranges only where a range is true for the publisher's real data; values
that are odd but published (WDI FDI % GDP of -1300..1700, negative open-numbers service-import
shares, negative SNA components) are known defects flagged downstream, not gate failures.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from warehouse.quality._gx import Column, gx, gxe
from warehouse.sources.base import LONG_COLUMNS, PROVENANCE_COLUMNS, Source
from warehouse.sources.china_provinces import PROVINCES

#: Years a long table may contain.
YEAR_MIN, YEAR_MAX = 1949, 2035  # 1949: the first year of China's capital-stock histories

#: Long-table columns that must never be null.
LONG_KEY_COLUMNS: tuple[str, ...] = (
    "source",
    "indicator_code",
    "entity_code",
    "year",
    "value",
    "unit",
    "file_name",
    "row_number",
)


@dataclass(frozen=True)
class ValueRange:
    """``value`` lies in [low, high] for the rows whose indicator (or unit) is listed."""

    low: float | None
    high: float | None
    indicators: tuple[str, ...] = ()
    units: tuple[str, ...] = ()

    def expectation(self) -> gxe.Expectation:
        """The GX expectation, restricted by a row condition when indicators/units are set."""
        condition = None
        if self.indicators:
            condition = Column("indicator_code").is_in(self.indicators)
        elif self.units:
            condition = Column("unit").is_in(self.units)
        return gxe.ExpectColumnValuesToBeBetween(
            column="value", min_value=self.low, max_value=self.high, row_condition=condition
        )


@dataclass(frozen=True)
class InSet:
    """``column`` takes values in ``values`` (nulls are allowed)."""

    column: str
    values: tuple[str, ...]

    def expectation(self) -> gxe.Expectation:
        """The GX expectation."""
        return gxe.ExpectColumnValuesToBeInSet(column=self.column, value_set=list(self.values))


Extra = ValueRange | InSet


def _wgi_codes(suffixes: str) -> tuple[str, ...]:
    return tuple(d + s for d in ("va", "pv", "ge", "rq", "rl", "cc") for s in suffixes)


_WB_REGIONS = (
    "East Asia & Pacific",
    "Europe & Central Asia",
    "Latin America & Caribbean",
    "Middle East & North Africa",
    "North America",
    "South Asia",
    "Sub-Saharan Africa",
)
_WB_INCOME = ("High income", "Upper middle income", "Lower middle income", "Low income")

#: China files: every entity is a province (ISO 3166-2:CN) or the nation (CN)
_CHINA_ENTITIES = ("CN", *(p.code for p in PROVINCES))
#: levels that cannot be negative (indices, growth rates and balances are not listed)
_CHINA_NONNEGATIVE_UNITS = ("亿元", "万人", "10000 persons", "万吨标煤", "million tonnes of CO2")

#: Per-source extras, keyed by source name (all checked against the real 2026 files).
EXTRAS: dict[str, tuple[Extra, ...]] = {
    "wdi_api": (
        ValueRange(0, None, ("NY.GDP.PCAP.CD", "NY.GDP.PCAP.PP.KD", "SP.POP.TOTL", "IP.PAT.RESD")),
        ValueRange(0, 100, ("GB.XPD.RSDV.GD.ZS",)),
    ),
    "wdi_topic": (
        ValueRange(0, None, ("NY.GDP.PCAP.CD", "NY.GDP.PCAP.PP.KD", "SP.POP.TOTL", "IP.PAT.RESD")),
        ValueRange(0, 100, ("GB.XPD.RSDV.GD.ZS",)),
    ),
    "wdi_ddf": (
        ValueRange(
            0, None, ("BM.GSR.NFSV.CD", "NV.IND.MANF.CD", "NY.GDP.PCAP.KD", "IT.CEL.SETS.P2")
        ),
        ValueRange(0, 100, ("IT.NET.USER.ZS", "NV.SRV.TOTL.ZS")),
    ),
    "unsd_snaama": (ValueRange(0, None, ("Gross Domestic Product (GDP)", "Total Value Added")),),
    "unctad_de": (
        ValueRange(0, None, ("UNCTAD_DE_DIG_SERVTRADE_ANN_IMP", "UNCTAD_DE_DIG_SERVTRADE_ANN_EXP")),
    ),
    # every value of the DDS-by-category file is a trade value in US$ millions
    "unctad_dds_category": (ValueRange(0, None, units=("US$ millions",)),),
    "wgi": (
        ValueRange(-5, 5, _wgi_codes("e")),  # estimates, std. normal units (real: -3.3..2.5)
        ValueRange(0, 5, _wgi_codes("s")),  # standard errors
        ValueRange(1, 100, _wgi_codes("n")),  # number of sources
        ValueRange(0, 100, _wgi_codes("rlu")),  # percentile rank and its bounds
    ),
    "heritage": (ValueRange(0, 100, units=("score 0-100",)),),
    "wb_country_meta": (InSet("region", _WB_REGIONS), InSet("income_group", _WB_INCOME)),
    "un_m49": (InSet("developed_developing", ("Developed", "Developing")),),
    **{
        name: (
            InSet("entity_code", _CHINA_ENTITIES),
            ValueRange(0, None, units=_CHINA_NONNEGATIVE_UNITS),
        )
        for name in (
            "china_nbs_province",
            "china_nbs_national",
            "china_nbs_exports",
            "china_nbs_employment_wages",
            "china_population",
            "china_eps_energy",
            "china_meic",
            "china_ceads_v2022",
            "china_ceads",
            "china_ceads_energy",
            "china_yearbook",
        )
    },
    # investment can be negative in a few early province-years (asset.rda row 185: -1.06 亿元)
    "china_capital_asset": (InSet("entity_code", _CHINA_ENTITIES),),
    "china_capital_inputs": (InSet("entity_code", _CHINA_ENTITIES),),
}


def suite_name(source: Source) -> str:
    """Name of the suite of ``source``: ``raw_<source>``."""
    return f"raw_{source.name}"


def expectations_for(source: Source) -> list[gxe.Expectation]:
    """All expectations of ``source``: declaration-derived first, then its extras."""
    if source.kind == "long":
        found = _long_expectations(source)
    elif source.kind == "dimension":
        found = _dimension_expectations(source)
    elif source.kind == "io":
        found = _io_expectations(source)
    else:
        raise ValueError(f"{source.name}: unknown source kind {source.kind!r}")
    found += [extra.expectation() for extra in EXTRAS.get(source.name, ())]
    return found


def build_suite(source: Source) -> gx.ExpectationSuite:
    """The (unsaved) GX suite ``raw_<source>`` for the frame ``source.read`` returns."""
    return gx.ExpectationSuite(name=suite_name(source), expectations=expectations_for(source))


def _long_expectations(source: Source) -> list[gxe.Expectation]:
    found: list[gxe.Expectation] = [
        gxe.ExpectTableColumnsToMatchSet(column_set=list(LONG_COLUMNS), exact_match=False),
        *_not_null(LONG_KEY_COLUMNS),
        _unique(source.grain),
        gxe.ExpectColumnValuesToBeInSet(column="source", value_set=[source.name]),
        gxe.ExpectColumnValuesToBeBetween(column="year", min_value=YEAR_MIN, max_value=YEAR_MAX),
        gxe.ExpectColumnValuesToBeBetween(column="row_number", min_value=1),
    ]
    if source.known_units:
        found.append(
            gxe.ExpectColumnValuesToBeInSet(column="unit", value_set=list(source.known_units))
        )
    return [*found, *_row_count(source)]


def _io_expectations(source: Source) -> list[gxe.Expectation]:
    """IO cells: layout, keys, grain, years, origins, units. The accounting identities are the
    reader's findings (checked on the table in hand), recorded with the gate's results."""
    from warehouse.sources.io_registry import IO_COLUMNS, ORIGINS

    keys = [c for c in IO_COLUMNS if c != "vintage"]
    found: list[gxe.Expectation] = [
        gxe.ExpectTableColumnsToMatchSet(column_set=list(IO_COLUMNS), exact_match=True),
        *_not_null(keys),
        _unique(source.grain),
        gxe.ExpectColumnValuesToBeInSet(column="source", value_set=[source.name]),
        gxe.ExpectColumnValuesToBeInSet(column="origin", value_set=list(ORIGINS)),
        gxe.ExpectColumnValuesToBeBetween(column="year", min_value=YEAR_MIN, max_value=YEAR_MAX),
        gxe.ExpectColumnValuesToBeBetween(column="row_number", min_value=1),
    ]
    if source.known_units:
        found.append(
            gxe.ExpectColumnValuesToBeInSet(column="unit", value_set=list(source.known_units))
        )
    return [*found, *_row_count(source)]


def _dimension_expectations(source: Source) -> list[gxe.Expectation]:
    columns = tuple(dict.fromkeys((*source.grain, *PROVENANCE_COLUMNS)))
    return [
        gxe.ExpectTableColumnsToMatchSet(column_set=list(columns), exact_match=False),
        *_not_null(columns),
        _unique(source.grain),
        gxe.ExpectColumnValuesToBeInSet(column="source", value_set=[source.name]),
        *_row_count(source),
    ]


def _not_null(columns: Sequence[str]) -> list[gxe.Expectation]:
    return [gxe.ExpectColumnValuesToNotBeNull(column=c) for c in columns]


def _unique(grain: Sequence[str]) -> gxe.Expectation:
    if len(grain) == 1:
        return gxe.ExpectColumnValuesToBeUnique(column=grain[0])
    return gxe.ExpectCompoundColumnsToBeUnique(column_list=list(grain))


def _row_count(source: Source) -> list[gxe.Expectation]:
    if source.min_rows is None and source.max_rows is None:
        return []
    return [
        gxe.ExpectTableRowCountToBeBetween(min_value=source.min_rows, max_value=source.max_rows)
    ]
