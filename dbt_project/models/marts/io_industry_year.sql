{#-
  One row per iso3 × year × wiod_code of the WIOD NIOT (43 countries × 2000-2014 × 56
  industries): the industry's accounts (tot GO, VA, II_fob; column sums of Zd and Zm; total
  imports of its product), whether it is active (GO > 0), its Rasmussen linkages over the
  active industries (NULL when inactive) and its data-quality flags. Values come from
  int_io_measures_computed (analysis.io); classification from seed wiod_industries.
-#}
{%- set industry_measures = [
    'gross_output_musd',
    'value_added_musd',
    'intermediate_inputs_musd',
    'domestic_intermediate_inputs_musd',
    'imported_intermediate_inputs_musd',
    'imports_musd',
    'bl_total',
    'bl_domestic',
    'fl_ghosh_total',
    'fl_ghosh_domestic',
    'fl_leontief_total',
    'fl_leontief_domestic'
] -%}

with measures as (
    select * from {{ ref('int_io_measures_computed') }}
    where kind = 'industry'
),

industries as (
    select * from {{ ref('wiod_industries') }}
),

flags as (
    select * from {{ ref('int_io_industry_years_flagged') }}
),

pivoted as (
    select
        measures.iso3,
        measures.year,
        measures.wiod_code,
        {%- for measure in industry_measures %}
            max(case when measures.measure = '{{ measure }}' then measures.value end) as {{ measure }},
        {%- endfor %}
        count(*) as n_measures
    from measures
    group by measures.iso3, measures.year, measures.wiod_code
)

select
    cast(pivoted.iso3 as varchar) as iso3,
    cast(pivoted.year as integer) as year,
    cast(pivoted.wiod_code as varchar) as wiod_code,
    cast(industries.description as varchar) as industry_name,
    cast(industries.is_manufacturing as boolean) as is_manufacturing,
    cast(industries.is_producer_service as boolean) as is_producer_service,
    cast(
        case when industries.is_producer_service then nullif(industries.service_subgroup, '') end
        as varchar
    ) as service_subgroup,
    cast(
        case when industries.is_manufacturing then nullif(industries.tech_intensity, '') end
        as varchar
    ) as tech_intensity,
    cast(industries.is_high_tech as boolean) as is_high_tech,
    cast(pivoted.gross_output_musd as double) as gross_output_musd,
    cast(pivoted.value_added_musd as double) as value_added_musd,
    cast(pivoted.intermediate_inputs_musd as double) as intermediate_inputs_musd,
    cast(pivoted.domestic_intermediate_inputs_musd as double) as domestic_intermediate_inputs_musd,
    cast(pivoted.imported_intermediate_inputs_musd as double) as imported_intermediate_inputs_musd,
    cast(pivoted.imports_musd as double) as imports_musd,
    cast(pivoted.gross_output_musd > 0 as boolean) as is_active,
    cast(pivoted.bl_total as double) as bl_total,
    cast(pivoted.bl_domestic as double) as bl_domestic,
    cast(pivoted.fl_ghosh_total as double) as fl_ghosh_total,
    cast(pivoted.fl_ghosh_domestic as double) as fl_ghosh_domestic,
    cast(pivoted.fl_leontief_total as double) as fl_leontief_total,
    cast(pivoted.fl_leontief_domestic as double) as fl_leontief_domestic,
    cast(flags.flag_reason is not null as boolean) as is_flagged,
    cast(flags.flag_reason as varchar) as flag_reason
from pivoted
inner join industries on pivoted.wiod_code = industries.wiod_code
left join flags
    on
        pivoted.iso3 = flags.iso3
        and pivoted.year = flags.year
        and pivoted.wiod_code = flags.wiod_code
