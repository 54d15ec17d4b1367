{#-
  One row per iso3 × year × service_subgroup × wiod_code × origin of the WIOD NIOT: how much
  each producer-service sub-group S supplies to each manufacturing industry j, domestically
  (Zd, Ad, Ld, Gd, output x) and from imports (Zm, Am, Am·Ld, Hm·Gd, total imports m).
  Values come from int_io_measures_computed (analysis.io); 7 sub-groups × 19 manufacturing
  industries × 2 origins = 266 rows per country-year.
-#}
{%- set link_measures = [
    'input_flow_musd',
    'direct_coefficient',
    'complete_coefficient',
    'forward_share_direct',
    'forward_share_complete',
    'manufacturing_output_musd',
    'service_supply_musd'
] -%}

with measures as (
    select * from {{ ref('int_io_measures_computed') }}
    where kind = 'link'
),

industries as (
    select * from {{ ref('wiod_industries') }}
),

pivoted as (
    select
        measures.iso3,
        measures.year,
        measures.service_subgroup,
        measures.wiod_code,
        measures.origin,
        {%- for measure in link_measures %}
            max(case when measures.measure = '{{ measure }}' then measures.value end) as {{ measure }},
        {%- endfor %}
        count(*) as n_measures
    from measures
    group by
        measures.iso3, measures.year, measures.service_subgroup, measures.wiod_code, measures.origin
)

select
    cast(pivoted.iso3 as varchar) as iso3,
    cast(pivoted.year as integer) as year,
    cast(pivoted.service_subgroup as varchar) as service_subgroup,
    cast(pivoted.wiod_code as varchar) as wiod_code,
    cast(industries.tech_intensity as varchar) as tech_intensity,
    cast(pivoted.origin as varchar) as origin,
    cast(pivoted.input_flow_musd as double) as input_flow_musd,
    cast(pivoted.direct_coefficient as double) as direct_coefficient,
    cast(pivoted.complete_coefficient as double) as complete_coefficient,
    cast(pivoted.forward_share_direct as double) as forward_share_direct,
    cast(pivoted.forward_share_complete as double) as forward_share_complete,
    cast(pivoted.manufacturing_output_musd as double) as manufacturing_output_musd,
    cast(pivoted.service_supply_musd as double) as service_supply_musd
from pivoted
inner join industries on pivoted.wiod_code = industries.wiod_code
