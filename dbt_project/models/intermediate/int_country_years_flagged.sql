{#-
  Data-quality flags per country-year (values are never changed, only flagged):
    - ICT or insurance/financial share of service imports < 0 or > 100 (as published by WDI);
    - DDS share of service imports > 100 (UNCTAD DDS and WDI BoP service imports disagree);
    - WDI NE.GDI.FTOT.ZS placeholder zero (treated as missing in selection);
    - negative IP payments (BM.GSR.ROYL.CD) or negative manufacturing value added;
    - documented source defects (seed known_source_defects), when the defective series is the
      one selected for the panel.
-#}
with selected as (
    select * from {{ ref('int_country_years_selected') }}
),

unioned as (
    select * from {{ ref('int_country_observations_unioned') }}
),

known_defects as (
    select * from {{ ref('known_source_defects') }}
),

rule_flags as (
    select
        selected.iso3,
        selected.year,
        case
            when selected.variable = 'ict_share_of_service_imports_pct'
                then 'ICT share of service imports outside 0-100 (WDI BM.GSR.CMCP.ZS as published)'
            when selected.variable = 'insfin_share_of_service_imports_pct'
                then 'insurance/financial share of service imports outside 0-100 (WDI BM.GSR.INSF.ZS as published)'
            when selected.variable = 'dds_share_of_service_imports_pct'
                then 'DDS share of service imports > 100 (sources disagree: UNCTAD DDS vs WDI BoP service imports)'
            when selected.variable = 'ip_charges_usd'
                then 'negative IP payments (BM.GSR.ROYL.CD as published)'
            when selected.variable = 'mva_usd'
                then 'negative manufacturing value added (as published)'
        end as flag_reason
    from selected
    where
        (
            selected.variable in (
                'ict_share_of_service_imports_pct', 'insfin_share_of_service_imports_pct'
            )
            and (selected.value < 0 or selected.value > 100)
        )
        or (selected.variable = 'dds_share_of_service_imports_pct' and selected.value > 100)
        or (selected.variable in ('ip_charges_usd', 'mva_usd') and selected.value < 0)
),

placeholder_flags as (
    select
        unioned.iso3,
        unioned.year,
        'WDI NE.GDI.FTOT.ZS placeholder zero treated as missing' as flag_reason
    from unioned
    where not unioned.is_usable
),

defect_flags as (
    select
        selected.iso3,
        selected.year,
        known_defects.reason as flag_reason
    from selected
    inner join known_defects
        on
            selected.source = known_defects.source
            and selected.publisher_indicator_code = known_defects.publisher_indicator_code
            and selected.iso3 = known_defects.iso3
            and selected.year between known_defects.year_from and known_defects.year_to
),

all_flags as (
    select * from rule_flags
    union
    select * from placeholder_flags
    union
    select * from defect_flags
)

select
    all_flags.iso3,
    all_flags.year,
    string_agg(all_flags.flag_reason, '; ' order by all_flags.flag_reason) as flag_reason
from all_flags
group by all_flags.iso3, all_flags.year
