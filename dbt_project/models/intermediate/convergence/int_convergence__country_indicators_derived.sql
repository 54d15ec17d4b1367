{#-
  Candidate indicators of the country_panel variant, one row per iso3 × year of
  marts.country_panel. Derived from the mart as published (NULL when an input is NULL, zero
  or negative where a log or a ratio needs it): the var convergence_indicators picks columns.
-#}
with panel as (
    select * from {{ ref('country_panel') }}
)

select
    panel.iso3,
    panel.year,
    panel.dds_share_of_service_imports_pct,
    -- a convergence series (analysis only, not a CCD indicator by default)
    panel.gdp_pc_usd,
    -- manufacturing: scale, structure, efficiency
    case when panel.mva_usd > 0 then ln(panel.mva_usd) end as ln_mva_usd,
    case when panel.gdp_usd > 0 then 100 * panel.mva_usd / panel.gdp_usd end as mva_pct_gdp,
    case when panel.population > 0 then panel.mva_usd / panel.population end as mva_per_capita_usd,
    -- producer services (imported): scale, composition, intensity (structure: dds share above)
    case when panel.service_imports_usd > 0 then ln(panel.service_imports_usd) end as ln_service_imports_usd,
    panel.ict_share_of_service_imports_pct + panel.insfin_share_of_service_imports_pct
        as ict_insfin_share_of_service_imports_pct,
    case when panel.population > 0 then panel.dds_imports_usd / panel.population end as dds_imports_per_capita_usd
from panel
