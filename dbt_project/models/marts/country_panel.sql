{#-
  One row per iso3 × year: every economy of int_countries_harmonised × every year from
  var panel_first_year to the latest year with a selected value (never after the current year).
  Values come from int_country_years_selected (source-wins rule); absent data stay NULL.
  economic_freedom_2019 is the Heritage 2019 score repeated on every year of the country.
  The six DDS imports by category (optional UNCTADstat file; NULL when it is absent) are listed
  here, not in var panel_variables; the enforced contract (_marts__models.yml) places them
  after dds_exports_usd.
-#}
{%- set dds_category_variables = [
    'dds_imports_insurance_usd',
    'dds_imports_financial_usd',
    'dds_imports_ip_charges_usd',
    'dds_imports_ict_usd',
    'dds_imports_other_business_usd',
    'dds_imports_audiovisual_usd',
] %}
with countries as (
    select * from {{ ref('int_countries_harmonised') }}
),

selected as (
    select * from {{ ref('int_country_years_selected') }}
),

flags as (
    select * from {{ ref('int_country_years_flagged') }}
),

last_year as (
    select max(selected.year) as last_year
    from selected
    where
        selected.year <= extract(year from current_date)
        and selected.variable <> 'economic_freedom_2019'
),

years as (
    select cast(year_range.range as integer) as year
    from last_year,
        range({{ var('panel_first_year') }}, last_year.last_year + 1) as year_range
),

spine as (
    select
        countries.iso3,
        years.year
    from countries
    cross join years
),

pivoted as (
    select
        selected.iso3,
        selected.year,
        {%- for variable in var('panel_variables') %}
            max(case when selected.variable = '{{ variable }}' then selected.value end) as {{ variable }},
        {%- endfor %}
        {%- for variable in dds_category_variables %}
            max(case when selected.variable = '{{ variable }}' then selected.value end) as {{ variable }},
        {%- endfor %}
        {%- for variable in var('panel_variables_with_fallback') %}
            max(case when selected.variable = '{{ variable }}' then selected.source end) as {{ variable }}_source,
        {%- endfor %}
        count(*) as n_selected_values
    from selected
    group by selected.iso3, selected.year
),

economic_freedom as (
    select
        selected.iso3,
        max(selected.value) as economic_freedom_2019
    from selected
    where selected.variable = 'economic_freedom_2019'
    group by selected.iso3
)

select
    cast(spine.iso3 as varchar) as iso3,
    cast(countries.country_name as varchar) as country_name,
    cast(spine.year as integer) as year,
    {%- for variable in var('panel_variables') %}
        cast(pivoted.{{ variable }} as double) as {{ variable }},
    {%- endfor %}
    {%- for variable in dds_category_variables %}
        cast(pivoted.{{ variable }} as double) as {{ variable }},
    {%- endfor %}
    cast(economic_freedom.economic_freedom_2019 as double) as economic_freedom_2019,
    {%- for variable in var('panel_variables_with_fallback') %}
        cast(pivoted.{{ variable }}_source as varchar) as {{ variable }}_source,
    {%- endfor %}
    cast(countries.is_developed as boolean) as is_developed,
    cast(countries.income_group as varchar) as income_group,
    cast(countries.region as varchar) as region,
    cast(flags.flag_reason is not null as boolean) as is_flagged,
    cast(flags.flag_reason as varchar) as flag_reason
from spine
inner join countries on spine.iso3 = countries.iso3
left join pivoted on spine.iso3 = pivoted.iso3 and spine.year = pivoted.year
left join economic_freedom on spine.iso3 = economic_freedom.iso3
left join flags on spine.iso3 = flags.iso3 and spine.year = flags.year
