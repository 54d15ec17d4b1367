{#-
  STUB (zero rows): candidate indicators of the province variants province_va and
  province_employment, one row per province_code × year. Filled when marts.province_panel
  exists: replace the body of the `base` CTE by a select from ref('province_panel') that returns
  the same columns (names and units below); everything after `base` stays as it is.

  base columns (one row per province_code × year; NULL where not published):
    gdp_cny_100m, industry_va_cny_100m (secondary-industry "industry" VA), transport_va_cny_100m,
    trade_va_cny_100m, finance_va_cny_100m, real_estate_va_cny_100m (tertiary branches):
    CNY 100 million, current prices; population_10k_persons: year-end resident population;
    employment_total_10k_persons, employment_manufacturing_10k_persons (NBS section C) and
    employment_ps_10k_persons (the seven producer-service sections F G I J K L M of GB/T
    4754-2011: wholesale & retail, transport & storage, information & software, finance, real
    estate, leasing & business services, scientific research & technical services),
    employment_ps_va_sectors_10k_persons (F G J K: the sections whose VA the four branches
    measure): urban non-private units, 10,000 persons.
-#}
with base as (
    select
        cast(null as varchar) as province_code,
        cast(null as integer) as year,
        cast(null as double) as gdp_cny_100m,
        cast(null as double) as population_10k_persons,
        cast(null as double) as industry_va_cny_100m,
        cast(null as double) as transport_va_cny_100m,
        cast(null as double) as trade_va_cny_100m,
        cast(null as double) as finance_va_cny_100m,
        cast(null as double) as real_estate_va_cny_100m,
        cast(null as double) as employment_total_10k_persons,
        cast(null as double) as employment_manufacturing_10k_persons,
        cast(null as double) as employment_ps_10k_persons,
        cast(null as double) as employment_ps_va_sectors_10k_persons
    where false
),

summed as (
    select
        base.*,
        base.transport_va_cny_100m + base.trade_va_cny_100m + base.finance_va_cny_100m
        + base.real_estate_va_cny_100m as ps_va_cny_100m
    from base
)

select
    cast(summed.province_code as varchar) as province_code,
    cast(summed.year as integer) as year,
    -- province_va: scale, structure, efficiency (CNY per person = 1e8 · CNY 100m / (1e4 · 10k))
    cast(case when summed.industry_va_cny_100m > 0 then ln(summed.industry_va_cny_100m) end as double)
        as ln_industry_va_cny_100m,
    cast(case when summed.gdp_cny_100m > 0 then 100 * summed.industry_va_cny_100m / summed.gdp_cny_100m end as double)
        as industry_va_pct_gdp,
    cast(
        case
            when summed.population_10k_persons > 0
                then 1e4 * summed.industry_va_cny_100m / summed.population_10k_persons
        end as double
    ) as industry_va_per_capita_cny,
    cast(case when summed.ps_va_cny_100m > 0 then ln(summed.ps_va_cny_100m) end as double) as ln_ps_va_cny_100m,
    cast(case when summed.gdp_cny_100m > 0 then 100 * summed.ps_va_cny_100m / summed.gdp_cny_100m end as double)
        as ps_va_pct_gdp,
    cast(
        case
            when summed.population_10k_persons > 0
                then 1e4 * summed.ps_va_cny_100m / summed.population_10k_persons
        end as double
    ) as ps_va_per_capita_cny,
    -- province_employment: scale, structure, labour productivity (CNY per worker)
    cast(
        case
            when summed.employment_manufacturing_10k_persons > 0
                then ln(summed.employment_manufacturing_10k_persons)
        end as double
    ) as ln_manufacturing_employment_10k,
    cast(
        case
            when summed.employment_total_10k_persons > 0
                then 100 * summed.employment_manufacturing_10k_persons / summed.employment_total_10k_persons
        end as double
    ) as manufacturing_employment_share_pct,
    cast(
        case
            when summed.employment_manufacturing_10k_persons > 0
                then 1e4 * summed.industry_va_cny_100m / summed.employment_manufacturing_10k_persons
        end as double
    ) as industry_va_per_manufacturing_worker_cny,
    cast(case when summed.employment_ps_10k_persons > 0 then ln(summed.employment_ps_10k_persons) end as double)
        as ln_ps_employment_10k,
    cast(
        case
            when summed.employment_total_10k_persons > 0
                then 100 * summed.employment_ps_10k_persons / summed.employment_total_10k_persons
        end as double
    ) as ps_employment_share_pct,
    cast(
        case
            when summed.employment_ps_va_sectors_10k_persons > 0
                then 1e4 * summed.ps_va_cny_100m / summed.employment_ps_va_sectors_10k_persons
        end as double
    ) as ps_va_per_ps_worker_cny
from summed
