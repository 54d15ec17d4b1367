{#-
  Candidate indicators of the province variants province_va and province_employment, one row
  per province_code × year, from marts.province_panel.

  base columns (NULL where not published):
    gdp_cny_100m, industry_va_cny_100m (工业 value added, the manufacturing proxy),
    transport_va_cny_100m, trade_va_cny_100m, finance_va_cny_100m, real_estate_va_cny_100m
    (the tertiary branches published by province): CNY 100 million, current prices;
    population_10k_persons: year-end population; employment_total_10k_persons,
    employment_manufacturing_10k_persons (section C) and employment_ps_10k_persons (the seven
    producer-service sections F G I J K L M), employment_ps_va_sectors_10k_persons (F G J K:
    the sections whose VA the four branches measure): urban units, 10,000 persons.
-#}
with base as (
    select
        province_code,
        year,
        grp_cny_100m as gdp_cny_100m,
        population_10k as population_10k_persons,
        va_industry_cny_100m as industry_va_cny_100m,
        va_transport_cny_100m as transport_va_cny_100m,
        va_trade_cny_100m as trade_va_cny_100m,
        va_finance_cny_100m as finance_va_cny_100m,
        va_real_estate_cny_100m as real_estate_va_cny_100m,
        emp_urban_total_10k as employment_total_10k_persons,
        emp_manufacturing_10k as employment_manufacturing_10k_persons,
        emp_producer_services_10k as employment_ps_10k_persons,
        emp_wholesale_retail_10k + emp_transport_10k + emp_finance_10k + emp_real_estate_10k
            as employment_ps_va_sectors_10k_persons
    from {{ ref('province_panel') }}
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
