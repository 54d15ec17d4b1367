"""Source readers, one module per publisher format; ``SOURCES`` is the registry.

Keys are the source names of docs/contracts.md; classification code lists come first
because the other sources are mapped through them, the input-output sources (``kind="io"``,
also in ``warehouse.sources.io_registry.IO_SOURCES``) last.
"""

from __future__ import annotations

from warehouse.sources.base import Source
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
    )
}


def get_source(name: str) -> Source:
    """The registered source called ``name``; ``KeyError`` lists the known names."""
    try:
        return SOURCES[name]
    except KeyError:
        raise KeyError(f"unknown source {name!r}; known: {', '.join(SOURCES)}") from None


__all__ = ["SOURCES", "Source", "get_source"]
