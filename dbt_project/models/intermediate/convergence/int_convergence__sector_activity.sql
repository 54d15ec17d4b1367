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

wiod_groups as (
    select
        'country' as unit_type,
        wiod_tagged.unit_id,
        wiod_tagged.year,
        'wiod_va' as variant,
        'total' as sector_group,
        sum(wiod_tagged.activity) as activity
    from wiod_tagged
    group by wiod_tagged.unit_id, wiod_tagged.year
    union all
    select
        'country' as unit_type,
        wiod_tagged.unit_id,
        wiod_tagged.year,
        'wiod_va' as variant,
        wiod_tagged.sector_group,
        sum(wiod_tagged.activity) as activity
    from wiod_tagged
    where wiod_tagged.sector_group is not null
    group by wiod_tagged.unit_id, wiod_tagged.year, wiod_tagged.sector_group
    union all
    select
        'country' as unit_type,
        wiod_tagged.unit_id,
        wiod_tagged.year,
        'wiod_va' as variant,
        wiod_tagged.service_subgroup as sector_group,
        sum(wiod_tagged.activity) as activity
    from wiod_tagged
    where wiod_tagged.service_subgroup is not null
    group by wiod_tagged.unit_id, wiod_tagged.year, wiod_tagged.service_subgroup
),

province_groups as (
    select
        'province' as unit_type,
        province_tagged.unit_id,
        province_tagged.year,
        'province_employment' as variant,
        'total' as sector_group,
        sum(province_tagged.activity) as activity
    from province_tagged
    where province_tagged.is_total
    group by province_tagged.unit_id, province_tagged.year
    union all
    select
        'province' as unit_type,
        province_tagged.unit_id,
        province_tagged.year,
        'province_employment' as variant,
        province_tagged.sector_group,
        sum(province_tagged.activity) as activity
    from province_tagged
    where province_tagged.sector_group is not null
    group by province_tagged.unit_id, province_tagged.year, province_tagged.sector_group
    union all
    select
        'province' as unit_type,
        province_tagged.unit_id,
        province_tagged.year,
        'province_employment' as variant,
        province_tagged.service_subgroup as sector_group,
        sum(province_tagged.activity) as activity
    from province_tagged
    where province_tagged.service_subgroup is not null
    group by province_tagged.unit_id, province_tagged.year, province_tagged.service_subgroup
)

select * from wiod_groups
union all
select * from province_groups
