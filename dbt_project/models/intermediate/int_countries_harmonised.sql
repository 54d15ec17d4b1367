{#-
  One row per economy (iso3) of the warehouse: every World Bank economy (newest metadata
  vintage, aggregates excluded) plus every iso3 with at least one harmonised observation
  (e.g. TWN, which the World Bank does not list).
  Region and income group: newest World Bank metadata vintage wins (FY2026); the FY2022 group
  comes from the vintage in var wb_fy2022_vintage. M49 attributes come from UN M49; economies
  not in M49 (TWN, XKX, CHI) get NULL is_developed and NULL LDC/LLDC/SIDS flags.
-#}
with wb_metadata as (
    select
        metadata.*,
        row_number() over (
            partition by metadata.wb_country_code order by metadata.vintage desc
        ) as vintage_rank
    from {{ ref('stg_worldbank__country_metadata') }} as metadata
    where metadata.wb_region is not null
),

wb_current as (
    select * from wb_metadata
    where vintage_rank = 1
),

wb_fy2022 as (
    select * from wb_metadata
    where vintage = '{{ var("wb_fy2022_vintage") }}'
),

m49 as (
    select * from {{ ref('stg_unsd__m49_countries') }}
    where iso3 is not null
),

observed as (
    select
        unioned.iso3,
        arg_min(
            unioned.publisher_entity_name,
            case unioned.source
                when 'wdi_api' then 1
                when 'unctad_de' then 2
                when 'wgi' then 3
                else 4
            end
        ) as observed_name
    from {{ ref('int_country_observations_unioned') }} as unioned
    group by unioned.iso3
),

universe as (
    select wb_current.wb_country_code as iso3 from wb_current
    union
    select observed.iso3 from observed
),

harmonised as (
    select
        universe.iso3,
        wb_current.wb_region as region,
        wb_current.wb_income_group as income_group,
        wb_current.vintage as wb_metadata_vintage,
        wb_fy2022.wb_income_group as income_group_fy2022,
        m49.m49_code,
        m49.m49_region_name,
        m49.m49_sub_region_name,
        m49.is_ldc,
        m49.is_lldc,
        m49.is_sids,
        coalesce(
            wb_current.wb_country_name, m49.m49_country_name, observed.observed_name
        ) as country_name,
        case m49.developed_developing
            when 'Developed' then true
            when 'Developing' then false
        end as is_developed,
        not list_contains({{ var('non_iso3166_codes') }}, universe.iso3) as is_iso3166,
        wb_current.wb_country_code is not null as is_wb_economy
    from universe
    left join wb_current on universe.iso3 = wb_current.wb_country_code
    left join wb_fy2022 on universe.iso3 = wb_fy2022.wb_country_code
    left join m49 on universe.iso3 = m49.iso3
    left join observed on universe.iso3 = observed.iso3
)

select * from harmonised
