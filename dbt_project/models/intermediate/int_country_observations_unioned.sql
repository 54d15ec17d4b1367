{#-
  Long union of the publisher observations that feed a mart variable, harmonised to ISO3.
  Steps: (1) union the long staging models, tagging each with its code-list family;
  (2) keep only publisher indicators listed in seed variable_source_priority (and scale them);
  (3) drop aggregates (seed aggregate_codes) and codes mapped to NULL (former states);
  (4) map publisher entity codes to iso3 (seed country_code_map).
  The join key (code_map_key) is the publisher entity code, except for the UNCTADstat
  DDS-by-category file (family m49): its zero-padded 3-digit economy codes are unpadded to the
  M49 codes of the m49 family ('004' -> '4'; UNCTAD's own codes such as 842 USA and 490 Taiwan
  are rows of that family too), its 4-digit codes (0000 World, UNCTAD groups) get no key and
  are dropped like unmapped aggregates.
  ddf NE.GDI.FTOT.ZS zeros are kept but marked is_usable = false (placeholder zeros, SOURCES.md).
-#}
with observations as (
    select
        'wdi' as source_family,
        api.*,
        api.publisher_entity_code as code_map_key
    from {{ ref('stg_wdi__api_observations') }} as api
    union all
    select
        'wdi' as source_family,
        topic.*,
        topic.publisher_entity_code as code_map_key
    from {{ ref('stg_wdi__topic_observations') }} as topic
    union all
    select
        'ddf' as source_family,
        ddf.*,
        ddf.publisher_entity_code as code_map_key
    from {{ ref('stg_wdi__ddf_observations') }} as ddf
    union all
    select
        'm49' as source_family,
        snaama.*,
        snaama.publisher_entity_code as code_map_key
    from {{ ref('stg_unsd__snaama_observations') }} as snaama
    union all
    select
        'unctad' as source_family,
        dds.*,
        dds.publisher_entity_code as code_map_key
    from {{ ref('stg_unctad__dds_observations') }} as dds
    union all
    select
        'm49' as source_family,
        dds_category.*,
        -- UNCTADstat economy codes: 3 digits = M49 code zero-padded ('004' -> '4' as in the
        -- m49 family); 4 digits = World (0000) or a group: no key, never mapped
        case
            when regexp_full_match(dds_category.publisher_entity_code, '[0-9]{3}')
                then cast(cast(dds_category.publisher_entity_code as integer) as varchar)
        end as code_map_key
    from {{ ref('stg_unctad__dds_category_observations') }} as dds_category
    union all
    select
        'wgi' as source_family,
        wgi.*,
        wgi.publisher_entity_code as code_map_key
    from {{ ref('stg_wgi__observations') }} as wgi
    union all
    select
        'heritage' as source_family,
        heritage.*,
        heritage.publisher_entity_code as code_map_key
    from {{ ref('stg_heritage__observations') }} as heritage
),

priorities as (
    select * from {{ ref('variable_source_priority') }}
),

code_map as (
    select * from {{ ref('country_code_map') }}
),

aggregates as (
    select * from {{ ref('aggregate_codes') }}
),

selected_indicators as (
    select
        observations.*,
        priorities.variable,
        priorities.priority,
        priorities.scale_factor
    from observations
    inner join priorities
        on
            observations.source_name = priorities.source
            and observations.publisher_indicator_code = priorities.publisher_indicator_code
),

without_aggregates as (
    select selected_indicators.*
    from selected_indicators
    anti join aggregates
        on
            selected_indicators.source_family = aggregates.source_family
            and selected_indicators.code_map_key = aggregates.publisher_code
),

harmonised as (
    select
        code_map.iso3,
        without_aggregates.year,
        without_aggregates.variable,
        without_aggregates.value as published_value,
        without_aggregates.unit as published_unit,
        without_aggregates.priority,
        without_aggregates.source_name as source,
        without_aggregates.source_family,
        without_aggregates.publisher_indicator_code,
        without_aggregates.publisher_entity_code,
        without_aggregates.publisher_entity_name,
        without_aggregates.vintage,
        without_aggregates.file_name,
        without_aggregates.source_row_number,
        without_aggregates.load_id,
        without_aggregates.value * without_aggregates.scale_factor as value,
        not coalesce(
            without_aggregates.source_name = 'wdi_ddf'
            and without_aggregates.publisher_indicator_code = 'NE.GDI.FTOT.ZS'
            and without_aggregates.value = 0,
            false
        ) as is_usable
    from without_aggregates
    inner join code_map
        on
            without_aggregates.source_family = code_map.source_family
            and without_aggregates.code_map_key = code_map.publisher_code
    where code_map.iso3 is not null
)

select * from harmonised
