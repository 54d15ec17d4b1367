{#-
  One row per iso3 × year of the WIOD NIOT (43 countries × 2000-2014).
    - totals from the industry accounts: gross output, value added, manufacturing output and
      value added; high_tech_share_mva = VA of high-technology manufacturing (C21, C26) /
      manufacturing VA; hmht_share_mva = VA of high + medium-high technology / manufacturing VA;
    - GO-weighted producer-service coefficients of manufacturing per origin,
      Σ_j x_j Σ_S c_Sj / Σ_j x_j over the manufacturing industries j, with c = direct (Ad, Am)
      or complete (Ld − I, Am·Ld) coefficients of io_service_manufacturing_links;
    - forward shares, Σ_S s_S f_Sj summed over j / Σ_S s_S with s_S the sub-group's supply
      (domestic output or imports) and f its direct (H) or complete (G) forward share;
    - producer-service inputs of manufacturing in US$ million (Σ Zd, Σ Zm over PS rows ×
      manufacturing columns) and imported_ps_dependence = imported / (imported + domestic);
    - servitisation (CountryYearIO.servitisation) and n* active industries from
      int_io_measures_computed; flags: the flagged industries of int_io_industry_years_flagged,
      per reason with their codes.
-#}
{%- set country_measures = [
    'servitisation_direct_domestic',
    'servitisation_direct_imported',
    'servitisation_complete_domestic',
    'servitisation_complete_imported',
    'active_industries'
] -%}

with measures as (
    select * from {{ ref('int_io_measures_computed') }}
),

industries as (
    select * from {{ ref('wiod_industries') }}
),

industry_flags as (
    select * from {{ ref('int_io_industry_years_flagged') }}
),

industry_values as (
    select
        measures.iso3,
        measures.year,
        measures.wiod_code,
        max(case when measures.measure = 'gross_output_musd' then measures.value end) as gross_output_musd,
        max(case when measures.measure = 'value_added_musd' then measures.value end) as value_added_musd
    from measures
    where measures.kind = 'industry'
    group by measures.iso3, measures.year, measures.wiod_code
),

industry_totals as (
    select
        industry_values.iso3,
        industry_values.year,
        sum(industry_values.gross_output_musd) as gross_output_musd,
        sum(industry_values.value_added_musd) as value_added_musd,
        sum(industry_values.gross_output_musd) filter (
            where industries.is_manufacturing
        ) as manufacturing_output_musd,
        sum(industry_values.value_added_musd) filter (
            where industries.is_manufacturing
        ) as manufacturing_va_musd,
        sum(industry_values.value_added_musd) filter (
            where industries.is_manufacturing and industries.is_high_tech
        ) as high_tech_va_musd,
        sum(industry_values.value_added_musd) filter (
            where industries.is_manufacturing and industries.tech_intensity in ('high', 'medium_high')
        ) as hmht_va_musd
    from industry_values
    inner join industries on industry_values.wiod_code = industries.wiod_code
    group by industry_values.iso3, industry_values.year
),

links as (
    select
        measures.iso3,
        measures.year,
        measures.service_subgroup,
        measures.wiod_code,
        measures.origin,
        max(case when measures.measure = 'input_flow_musd' then measures.value end) as input_flow_musd,
        max(case when measures.measure = 'direct_coefficient' then measures.value end) as direct_coefficient,
        max(case when measures.measure = 'complete_coefficient' then measures.value end) as complete_coefficient,
        max(case when measures.measure = 'forward_share_direct' then measures.value end) as forward_share_direct,
        max(
            case when measures.measure = 'forward_share_complete' then measures.value end
        ) as forward_share_complete,
        max(
            case when measures.measure = 'manufacturing_output_musd' then measures.value end
        ) as manufacturing_output_musd,
        max(case when measures.measure = 'service_supply_musd' then measures.value end) as service_supply_musd
    from measures
    where measures.kind = 'link'
    group by
        measures.iso3, measures.year, measures.service_subgroup, measures.wiod_code, measures.origin
),

-- backward: per manufacturing industry j, Σ_S of the coefficients, weighted by x_j
per_industry as (
    select
        links.iso3,
        links.year,
        links.origin,
        links.wiod_code,
        max(links.manufacturing_output_musd) as manufacturing_output_musd,
        sum(links.direct_coefficient) as direct_coefficient,
        sum(links.complete_coefficient) as complete_coefficient,
        sum(links.input_flow_musd) as input_flow_musd
    from links
    group by links.iso3, links.year, links.origin, links.wiod_code
),

backward as (
    select
        per_industry.iso3,
        per_industry.year,
        per_industry.origin,
        sum(per_industry.manufacturing_output_musd * per_industry.direct_coefficient)
        / nullif(sum(per_industry.manufacturing_output_musd), 0) as ps_direct,
        sum(per_industry.manufacturing_output_musd * per_industry.complete_coefficient)
        / nullif(sum(per_industry.manufacturing_output_musd), 0) as ps_complete,
        sum(per_industry.input_flow_musd) as ps_use_musd
    from per_industry
    group by per_industry.iso3, per_industry.year, per_industry.origin
),

-- forward: per sub-group S, Σ_j of the shares, weighted by the sub-group's supply s_S
per_subgroup as (
    select
        links.iso3,
        links.year,
        links.origin,
        links.service_subgroup,
        max(links.service_supply_musd) as service_supply_musd,
        coalesce(sum(links.forward_share_direct), 0) as forward_share_direct,
        coalesce(sum(links.forward_share_complete), 0) as forward_share_complete
    from links
    group by links.iso3, links.year, links.origin, links.service_subgroup
),

forward as (
    select
        per_subgroup.iso3,
        per_subgroup.year,
        per_subgroup.origin,
        sum(per_subgroup.service_supply_musd * per_subgroup.forward_share_direct)
        / nullif(sum(per_subgroup.service_supply_musd), 0) as ps_forward_direct,
        sum(per_subgroup.service_supply_musd * per_subgroup.forward_share_complete)
        / nullif(sum(per_subgroup.service_supply_musd), 0) as ps_forward_complete
    from per_subgroup
    group by per_subgroup.iso3, per_subgroup.year, per_subgroup.origin
),

country_values as (
    select
        measures.iso3,
        measures.year,
        {%- for measure in country_measures %}
            max(case when measures.measure = '{{ measure }}' then measures.value end) as {{ measure }},
        {%- endfor %}
        count(*) as n_measures
    from measures
    where measures.kind = 'country'
    group by measures.iso3, measures.year
),

flag_codes as (
    select
        industry_flags.iso3,
        industry_flags.year,
        reasons.flag_reason,
        string_agg(industry_flags.wiod_code, ' ' order by industries.position) as wiod_codes
    from industry_flags
    inner join industries on industry_flags.wiod_code = industries.wiod_code
    cross join unnest(string_split(industry_flags.flag_reason, '; ')) as reasons (flag_reason)
    group by industry_flags.iso3, industry_flags.year, reasons.flag_reason
),

flags as (
    select
        flag_codes.iso3,
        flag_codes.year,
        string_agg(
            flag_codes.flag_reason || ': ' || flag_codes.wiod_codes, '; ' order by flag_codes.flag_reason
        ) as flag_reason
    from flag_codes
    group by flag_codes.iso3, flag_codes.year
)

select
    cast(industry_totals.iso3 as varchar) as iso3,
    cast(industry_totals.year as integer) as year,
    cast(industry_totals.gross_output_musd as double) as gross_output_musd,
    cast(industry_totals.value_added_musd as double) as value_added_musd,
    cast(industry_totals.manufacturing_output_musd as double) as manufacturing_output_musd,
    cast(industry_totals.manufacturing_va_musd as double) as manufacturing_va_musd,
    cast(
        industry_totals.high_tech_va_musd / nullif(industry_totals.manufacturing_va_musd, 0) as double
    ) as high_tech_share_mva,
    cast(
        industry_totals.hmht_va_musd / nullif(industry_totals.manufacturing_va_musd, 0) as double
    ) as hmht_share_mva,
    cast(backward_domestic.ps_direct as double) as ps_direct_domestic,
    cast(backward_imported.ps_direct as double) as ps_direct_imported,
    cast(backward_domestic.ps_complete as double) as ps_complete_domestic,
    cast(backward_imported.ps_complete as double) as ps_complete_imported,
    cast(forward_domestic.ps_forward_direct as double) as ps_forward_direct_domestic,
    cast(forward_imported.ps_forward_direct as double) as ps_forward_direct_imported,
    cast(forward_domestic.ps_forward_complete as double) as ps_forward_complete_domestic,
    cast(forward_imported.ps_forward_complete as double) as ps_forward_complete_imported,
    cast(country_values.servitisation_direct_domestic as double) as servitisation_direct_domestic,
    cast(country_values.servitisation_direct_imported as double) as servitisation_direct_imported,
    cast(country_values.servitisation_complete_domestic as double) as servitisation_complete_domestic,
    cast(country_values.servitisation_complete_imported as double) as servitisation_complete_imported,
    cast(backward_imported.ps_use_musd as double) as imported_ps_use_musd,
    cast(backward_domestic.ps_use_musd as double) as domestic_ps_use_musd,
    cast(
        backward_imported.ps_use_musd
        / nullif(backward_imported.ps_use_musd + backward_domestic.ps_use_musd, 0) as double
    ) as imported_ps_dependence,
    cast(country_values.active_industries as integer) as active_industries,
    cast(flags.flag_reason is not null as boolean) as is_flagged,
    cast(flags.flag_reason as varchar) as flag_reason
from industry_totals
left join backward as backward_domestic
    on
        industry_totals.iso3 = backward_domestic.iso3
        and industry_totals.year = backward_domestic.year
        and backward_domestic.origin = 'domestic'
left join backward as backward_imported
    on
        industry_totals.iso3 = backward_imported.iso3
        and industry_totals.year = backward_imported.year
        and backward_imported.origin = 'imported'
left join forward as forward_domestic
    on
        industry_totals.iso3 = forward_domestic.iso3
        and industry_totals.year = forward_domestic.year
        and forward_domestic.origin = 'domestic'
left join forward as forward_imported
    on
        industry_totals.iso3 = forward_imported.iso3
        and industry_totals.year = forward_imported.year
        and forward_imported.origin = 'imported'
left join country_values
    on
        industry_totals.iso3 = country_values.iso3
        and industry_totals.year = country_values.year
left join flags
    on
        industry_totals.iso3 = flags.iso3
        and industry_totals.year = flags.year
