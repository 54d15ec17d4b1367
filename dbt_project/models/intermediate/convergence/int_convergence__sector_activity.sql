{#-
  Activity by unit, year and sector group for the co-agglomeration indices. Grain: one row per
  unit_type × unit_id × year × variant × sector_group. sector_group: 'total' (every sector:
  the unit's E_r), 'manufacturing', 'producer_services' and the seven producer-service
  sub-groups (trade, transport_logistics, information_ict, finance, real_estate,
  professional_rd, business_support).
    wiod_va (countries): value added of marts.io_industry_year, US$ million (43 WIOD countries,
      2000-2014; sub-groups from seed wiod_industries);
    province_employment (provinces): int_province_sector_employment, 10,000 persons (sections
      C, F G I J K L M of GB/T 4754-2011; zero rows until the province data exist).
-#}
with industries as (
    select * from {{ ref('io_industry_year') }}
),

province_employment as (
    select * from {{ ref('int_province_sector_employment') }}
),

wiod_tagged as (
    select
        industries.iso3 as unit_id,
        industries.year,
        industries.value_added_musd as activity,
        case
            when industries.is_manufacturing then 'manufacturing'
            when industries.is_producer_service then 'producer_services'
        end as sector_group,
        case when industries.is_producer_service then industries.service_subgroup end as service_subgroup
    from industries
),

province_tagged as (
    select
        province_employment.province_code as unit_id,
        province_employment.year,
        province_employment.employment_10k_persons as activity,
        case
            when province_employment.sector = 'C' then 'manufacturing'
            when province_employment.sector in ('F', 'G', 'I', 'J', 'K', 'L', 'M') then 'producer_services'
        end as sector_group,
        case province_employment.sector
            when 'F' then 'trade'
            when 'G' then 'transport_logistics'
            when 'I' then 'information_ict'
            when 'J' then 'finance'
            when 'K' then 'real_estate'
            when 'L' then 'business_support'
            when 'M' then 'professional_rd'
        end as service_subgroup,
        province_employment.sector = 'total' as is_total
    from province_employment
),

tagged as (
    select
        'country' as unit_type,
        unit_id,
        year,
        'wiod_va' as variant,
        activity,
        sector_group,
        service_subgroup,
        true as counts_in_total
    from wiod_tagged
    union all
    select
        'province' as unit_type,
        unit_id,
        year,
        'province_employment' as variant,
        activity,
        sector_group,
        service_subgroup,
        is_total as counts_in_total
    from province_tagged
),

-- each row counts towards the total (WIOD: every industry; provinces: the 'total' row), its
-- sector group and its producer-service sub-group
memberships as (
    select
        unit_type,
        unit_id,
        year,
        variant,
        activity,
        'total' as sector_group
    from tagged
    where counts_in_total
    union all
    select
        unit_type,
        unit_id,
        year,
        variant,
        activity,
        sector_group
    from tagged
    where sector_group is not null
    union all
    select
        unit_type,
        unit_id,
        year,
        variant,
        activity,
        service_subgroup as sector_group
    from tagged
    where service_subgroup is not null
)

select
    unit_type,
    unit_id,
    year,
    variant,
    sector_group,
    sum(activity) as activity
from memberships
group by unit_type, unit_id, year, variant, sector_group
