-- Nothing stays unmapped: every publisher entity code seen in staging is either in seed
-- country_code_map (possibly mapped to NULL = not a current economy) or in seed aggregate_codes,
-- per family. Returns the offending family × code with its row count.
with seen as (
    select
        'wdi' as source_family,
        stg_wdi__api_observations.publisher_entity_code as entity_code,
        count(*) as n_rows
    from {{ ref('stg_wdi__api_observations') }} as stg_wdi__api_observations
    group by stg_wdi__api_observations.publisher_entity_code
    union all
    select
        'wdi' as source_family,
        stg_wdi__topic_observations.publisher_entity_code as entity_code,
        count(*) as n_rows
    from {{ ref('stg_wdi__topic_observations') }} as stg_wdi__topic_observations
    group by stg_wdi__topic_observations.publisher_entity_code
    union all
    select
        'ddf' as source_family,
        stg_wdi__ddf_observations.publisher_entity_code as entity_code,
        count(*) as n_rows
    from {{ ref('stg_wdi__ddf_observations') }} as stg_wdi__ddf_observations
    group by stg_wdi__ddf_observations.publisher_entity_code
    union all
    select
        'm49' as source_family,
        stg_unsd__snaama_observations.publisher_entity_code as entity_code,
        count(*) as n_rows
    from {{ ref('stg_unsd__snaama_observations') }} as stg_unsd__snaama_observations
    group by stg_unsd__snaama_observations.publisher_entity_code
    union all
    select
        'unctad' as source_family,
        stg_unctad__dds_observations.publisher_entity_code as entity_code,
        count(*) as n_rows
    from {{ ref('stg_unctad__dds_observations') }} as stg_unctad__dds_observations
    group by stg_unctad__dds_observations.publisher_entity_code
    union all
    select
        'wgi' as source_family,
        stg_wgi__observations.publisher_entity_code as entity_code,
        count(*) as n_rows
    from {{ ref('stg_wgi__observations') }} as stg_wgi__observations
    group by stg_wgi__observations.publisher_entity_code
    union all
    select
        'heritage' as source_family,
        stg_heritage__observations.publisher_entity_code as entity_code,
        count(*) as n_rows
    from {{ ref('stg_heritage__observations') }} as stg_heritage__observations
    group by stg_heritage__observations.publisher_entity_code
    union all
    select
        'wdi' as source_family,
        stg_worldbank__country_metadata.wb_country_code as entity_code,
        count(*) as n_rows
    from {{ ref('stg_worldbank__country_metadata') }} as stg_worldbank__country_metadata
    group by stg_worldbank__country_metadata.wb_country_code
),

known as (
    select
        code_map.source_family,
        code_map.publisher_code
    from {{ ref('country_code_map') }} as code_map
    union all
    select
        aggregates.source_family,
        aggregates.publisher_code
    from {{ ref('aggregate_codes') }} as aggregates
)

select
    seen.source_family,
    seen.entity_code,
    sum(seen.n_rows) as n_rows
from seen
anti join known
    on
        seen.source_family = known.source_family
        and seen.entity_code = known.publisher_code
group by seen.source_family, seen.entity_code
