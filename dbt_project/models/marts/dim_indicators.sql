{#-
  One row per mart variable of marts.country_panel (seed indicator_catalog), with the vintages
  of the raw rows actually used (per source and indicator: the newest vintage among the selected
  values, 'source indicator: vintage' joined by '; ') and the licences of those sources
  (meta.sources).
-#}
with catalog as (
    select * from {{ ref('indicator_catalog') }}
),

selected as (
    select * from {{ ref('int_country_years_selected') }}
),

sources as (
    select * from {{ ref('stg_meta__sources') }}
),

used_series as (
    select
        selected.variable,
        selected.source,
        selected.publisher_indicator_code,
        max(selected.vintage) as max_vintage,
        count(*) as n_values
    from selected
    group by selected.variable, selected.source, selected.publisher_indicator_code
),

used_sources as (
    select distinct
        used_series.variable,
        unnest(string_split(used_series.source, ' / ')) as source_name
    from used_series
),

vintages as (
    select
        used_series.variable,
        string_agg(
            used_series.source || ' ' || used_series.publisher_indicator_code
            || ': ' || used_series.max_vintage,
            '; '
            order by used_series.source, used_series.publisher_indicator_code
        ) as vintage,
        sum(used_series.n_values) as n_values
    from used_series
    group by used_series.variable
),

licences as (
    select
        used_sources.variable,
        string_agg(
            distinct sources.source_name || ': ' || sources.licence, '; '
            order by sources.source_name || ': ' || sources.licence
        ) as licence
    from used_sources
    inner join sources on used_sources.source_name = sources.source_name
    group by used_sources.variable
)

select
    cast(catalog.variable as varchar) as variable,
    cast(catalog.name as varchar) as indicator_name,
    cast(catalog.unit as varchar) as unit,
    cast(catalog.source as varchar) as source,
    cast(catalog.publisher_indicator_code as varchar) as publisher_indicator_code,
    cast(catalog.rule as varchar) as selection_rule,
    cast(vintages.vintage as varchar) as vintage,
    cast(licences.licence as varchar) as licence,
    cast(coalesce(vintages.n_values, 0) as bigint) as n_values
from catalog
left join vintages on catalog.variable = vintages.variable
left join licences on catalog.variable = licences.variable
