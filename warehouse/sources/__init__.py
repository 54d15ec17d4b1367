"""Source readers, one module per publisher format; ``SOURCES`` is the registry.

Keys are the source names of docs/contracts.md; classification code lists come first
because the other sources are mapped through them, then the input-output sources (``kind="io"``,
also in ``warehouse.sources.io_registry.IO_SOURCES``), then the China province files (long,
``entity_code`` = ISO 3166-2:CN; ``warehouse.sources.china_*``).
"""

from __future__ import annotations

from warehouse.sources.base import Source
from warehouse.sources.china_capital import CHINA_CAPITAL_ASSET, CHINA_CAPITAL_INPUTS
from warehouse.sources.china_ceads import CHINA_CEADS, CHINA_CEADS_ENERGY, CHINA_CEADS_V2022
from warehouse.sources.china_energy import CHINA_EPS_ENERGY, CHINA_MEIC
from warehouse.sources.china_nbs import (
    CHINA_NBS_EMPLOYMENT_WAGES,
    CHINA_NBS_EXPORTS,
    CHINA_NBS_NATIONAL,
    CHINA_NBS_PROVINCE,
    CHINA_POPULATION,
)
from warehouse.sources.china_yearbook import CHINA_YEARBOOK
from warehouse.sources.classification import UN_M49, WB_COUNTRY_META
from warehouse.sources.heritage import HERITAGE
from warehouse.sources.nbs_iot import NBS_IOT
from warehouse.sources.oecd_iot import OECD_IOT
from warehouse.sources.sea_employment import CHINA_EMPLOYMENT
from warehouse.sources.unctad import UNCTAD_DE
from warehouse.sources.unctad_dds_category import UNCTAD_DDS_CATEGORY
from warehouse.sources.unsd_snaama import UNSD_SNAAMA
from warehouse.sources.wdi_bulk import WDI_API, WDI_TOPIC
from warehouse.sources.wdi_ddf import WDI_DDF
from warehouse.sources.wgi import WGI
from warehouse.sources.wiod import WIOD_NIOT, WIOD_WIOT

SOURCES: dict[str, Source] = {
    s.name: s
    for s in (
        UN_M49,
        WB_COUNTRY_META,
        WDI_API,
        WDI_TOPIC,
        WDI_DDF,
        UNSD_SNAAMA,
        UNCTAD_DE,
        UNCTAD_DDS_CATEGORY,
        WGI,
        HERITAGE,
        WIOD_NIOT,
        WIOD_WIOT,
        OECD_IOT,
        NBS_IOT,
        CHINA_EMPLOYMENT,
        CHINA_NBS_PROVINCE,
        CHINA_NBS_NATIONAL,
        CHINA_NBS_EXPORTS,
        CHINA_NBS_EMPLOYMENT_WAGES,
        CHINA_POPULATION,
        CHINA_EPS_ENERGY,
        CHINA_MEIC,
        CHINA_CEADS_V2022,
        CHINA_CEADS,
        CHINA_CEADS_ENERGY,
        CHINA_CAPITAL_ASSET,
        CHINA_CAPITAL_INPUTS,
        CHINA_YEARBOOK,
    )
}


def get_source(name: str) -> Source:
    """The registered source called ``name``; ``KeyError`` lists the known names."""
    try:
        return SOURCES[name]
    except KeyError:
        raise KeyError(f"unknown source {name!r}; known: {', '.join(SOURCES)}") from None


__all__ = ["SOURCES", "Source", "get_source"]
