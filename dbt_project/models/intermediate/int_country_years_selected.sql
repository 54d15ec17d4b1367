{#-
  THE SOURCE-WINS RULE (also in dbt_project/README.md).
  For every iso3 × year × variable exactly one value is kept:
    1. candidates are the usable rows of int_country_observations_unioned (seed
       variable_source_priority says which source/indicator feeds which variable, with a
       priority: 1 = primary, 2 = fallback), plus the derived primary of gfcf_pct_gdp
       (100 × SNAAMA GFCF / SNAAMA GDP, priority 1, only where both exist and GDP <> 0);
    2. the candidate with the lowest priority wins, so a fallback only fills country-years the
       primary lacks; ties (two vintages of one source) go to the newest vintage;
    3. dds_share_of_service_imports_pct = 100 × dds_imports_usd / service_imports_usd, computed
       from the two selected values (NULL unless both exist and service imports > 0);
    4. nothing is interpolated or carried: a country-year with no candidate has no row here
       and is NULL in the mart.
  The winning source, indicator, vintage, file, row and load_id are kept with each value.
-#}
with unioned as (
    select * from {{ ref('int_country_observations_unioned') }}
    where is_usable
),

gfcf_snaama as (
    select
        gfcf.iso3,
        gfcf.year,
        'gfcf_pct_gdp' as variable,
        100 * gfcf.value / gdp.value as value,
        1 as priority,
        gfcf.source,
        'Gross fixed capital formation / Gross Domestic Product (GDP)' as publisher_indicator_code,
        gfcf.vintage,
        gfcf.file_name,
        gfcf.source_row_number,
        gfcf.load_id
    from unioned as gfcf
    inner join unioned as gdp
        on
            gfcf.iso3 = gdp.iso3
            and gfcf.year = gdp.year
            and gdp.variable = 'gdp_usd'
            and gdp.source = 'unsd_snaama'
    where
        gfcf.variable = 'gfcf_usd'
        and gdp.value <> 0
),

candidates as (
    select
        unioned.iso3,
        unioned.year,
        unioned.variable,
        unioned.value,
        unioned.priority,
        unioned.source,
        unioned.publisher_indicator_code,
        unioned.vintage,
        unioned.file_name,
        unioned.source_row_number,
        unioned.load_id
    from unioned
    where unioned.variable <> 'gfcf_usd'
    union all
    select * from gfcf_snaama
),

ranked as (
    select
        candidates.*,
        row_number() over (
            partition by candidates.iso3, candidates.year, candidates.variable
            order by
                candidates.priority asc,
                candidates.vintage desc,
                candidates.source_row_number asc
        ) as candidate_rank
    from candidates
),

winners as (
    select
        ranked.iso3,
        ranked.year,
        ranked.variable,
        ranked.value,
        ranked.priority,
        ranked.source,
        ranked.publisher_indicator_code,
        ranked.vintage,
        ranked.file_name,
        ranked.source_row_number,
        ranked.load_id
    from ranked
    where ranked.candidate_rank = 1
),

dds_share as (
    select
        dds.iso3,
        dds.year,
        'dds_share_of_service_imports_pct' as variable,
        100 * dds.value / services.value as value,
        1 as priority,
        dds.source || ' / ' || services.source as source,
        dds.publisher_indicator_code || ' / ' || services.publisher_indicator_code
            as publisher_indicator_code,
        dds.vintage || ' / ' || services.vintage as vintage,
        dds.file_name || ' / ' || services.file_name as file_name,
        null::bigint as source_row_number,
        dds.load_id
    from winners as dds
    inner join winners as services
        on
            dds.iso3 = services.iso3
            and dds.year = services.year
            and services.variable = 'service_imports_usd'
    where
        dds.variable = 'dds_imports_usd'
        and services.value > 0
)

select * from winners
union all
select * from dds_share
