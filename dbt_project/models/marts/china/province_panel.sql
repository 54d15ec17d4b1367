{#-
  marts.province_panel: one row per province (ISO 3166-2:CN) × year, first year
  var('province_panel_first_year', 2000) to the last year with any selected value.
  Values are the winners of int_province_years_selected (no interpolation, no splicing);
  derived columns:
    grp_real_cny_100m = GRP at base-year prices (base var('province_price_base_year', 2000)):
      GRP_base × Π_{s = base+1..t} (index_s / 100), chained with the same-vintage GRP index;
      NULL before the base year and from the first year the index is missing (2020);
    va_producer_services_cny_100m = transport + wholesale/retail + finance + real estate (the
      producer-service branches the provincial accounts publish; NULL if one is missing);
    emp_producer_services_10k = F + G + I + J + K + L + M urban-unit employment (NULL if one
      is missing);
    capital_stock_cny_100m from int_province_capital_stock (perpetual inventory, base-year
      prices).
  Known breaks are flagged, not repaired (flag_reason lists every one that applies).
-#}
{% set first_year = var('province_panel_first_year', 2000) %}
{% set base_year = var('province_price_base_year', 2000) %}
{% set variables = [
    'grp_cny_100m', 'grp_pc_cny', 'grp_index_prev_year',
    'va_primary_cny_100m', 'va_secondary_cny_100m', 'va_tertiary_cny_100m',
    'va_industry_cny_100m', 'va_construction_cny_100m', 'va_transport_cny_100m',
    'va_trade_cny_100m', 'va_hotels_cny_100m', 'va_finance_cny_100m',
    'va_real_estate_cny_100m', 'va_other_services_cny_100m',
    'va_it_cny_100m', 'va_leasing_business_cny_100m', 'va_research_cny_100m',
    'va_secondary_index_prev_year', 'va_tertiary_index_prev_year', 'fai_price_index_prev_year',
    'emp_urban_total_10k', 'emp_manufacturing_10k', 'emp_wholesale_retail_10k',
    'emp_transport_10k', 'emp_it_10k', 'emp_finance_10k', 'emp_real_estate_10k',
    'emp_leasing_business_10k', 'emp_research_10k',
    'population_10k', 'energy_10k_tce', 'co2_mt', 'co2_meic_mt',
] %}
with selected as (
    select * from {{ ref('int_province_years_selected') }}
),

provinces as (
    select
        code as province_code,
        name_zh as province_name_zh,
        name_en as province_name_en,
        region
    from {{ ref('province_codes') }}
),

years as (
    select unnest(range({{ first_year }}, max(year) + 1)) as year
    from selected
),

spine as (
    select
        provinces.province_code,
        provinces.province_name_zh,
        provinces.province_name_en,
        provinces.region,
        cast(years.year as integer) as year
    from provinces
    cross join years
),

wide as (
    select
        province_code,
        year,
        {% for v in variables %}
            max(value) filter (where variable = '{{ v }}') as {{ v }},
        {% endfor %}
        max(vintage) filter (where variable = 'grp_cny_100m') as grp_vintage,
        max(source) filter (where variable = 'emp_manufacturing_10k') as employment_source
    from selected
    group by province_code, year
),

joined as (
    select
        spine.*,
        {% for v in variables %}
            wide.{{ v }},
        {% endfor %}
        wide.grp_vintage,
        wide.employment_source,
        capital.capital_stock_cny_100m
    from spine
    left join wide
        on spine.province_code = wide.province_code and spine.year = wide.year
    left join {{ ref('int_province_capital_stock') }} as capital
        on spine.province_code = capital.province_code and spine.year = capital.year
),

chained as (
    select
        *,
        -- running Σ ln(index/100) from the base year; a missing index stops the chain
        sum(ln(grp_index_prev_year / 100)) filter (where year > {{ base_year }}) over (
            partition by province_code order by year
            rows between unbounded preceding and current row
        ) as ln_growth_since_base,
        count(*) filter (
            where year > {{ base_year }} and grp_index_prev_year is null
        ) over (
            partition by province_code order by year
            rows between unbounded preceding and current row
        ) as missing_index_since_base,
        max(grp_cny_100m) filter (where year = {{ base_year }}) over (
            partition by province_code
        ) as grp_base_year
    from joined
),

final as (
    select
        province_code,
        province_name_zh,
        province_name_en,
        region,
        year,
        {% for v in variables %}
            {{ v }},
        {% endfor %}
        case
            when year = {{ base_year }} then grp_base_year
            when year > {{ base_year }} and missing_index_since_base = 0
                then grp_base_year * exp(ln_growth_since_base)
        end as grp_real_cny_100m,
        {{ base_year }} as price_base_year,
        va_transport_cny_100m + va_trade_cny_100m + va_finance_cny_100m + va_real_estate_cny_100m
            as va_producer_services_cny_100m,
        emp_wholesale_retail_10k + emp_transport_10k + emp_it_10k + emp_finance_10k
        + emp_real_estate_10k + emp_leasing_business_10k + emp_research_10k
            as emp_producer_services_10k,
        capital_stock_cny_100m,
        grp_vintage,
        employment_source,
        year >= 2013 as is_after_2013_coverage_break,
        concat_ws(
            '; ',
            case when year = 2013 then 'employment and energy: 2013 coverage revision (level break vs 2012)' end,
            case when province_code = 'CN-XZ' and energy_10k_tce is null then 'energy: EPS has no Tibet' end,
            case
                when
                    province_code = 'CN-XZ' and year in (2002, 2003)
                    then 'energy: Tibet 2002-03 values discarded (copy of Shaanxi)'
            end,
            case
                when province_code = 'CN-XZ' and co2_mt is null then 'co2_mt: CEADs has no Tibet (co2_meic_mt has)'
            end,
            case
                when
                    grp_index_prev_year is null and grp_cny_100m is not null and year > {{ base_year }}
                    then 'grp_real: GRP index not published'
            end
        ) as flag_reason
    from chained
)

select
    *,
    flag_reason <> '' as is_flagged
from final
order by province_code, year
