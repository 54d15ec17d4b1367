-- Nothing stays unmapped: every publisher entity code seen in staging is either in seed
-- country_code_map (possibly mapped to NULL = not a current economy) or in seed aggregate_codes,
-- per family. Returns the offending family × code with a row count.
with seen as (
    select 'wdi' as source_family, publisher_entity_code, count(*) as n_rows
    from {{ ref('stg_wdi__api_observations') }} group by publisher_entity_code
    union all
    select 'wdi', publisher_entity_code, count(*)
    from {{ ref('stg_wdi__topic_observations') }} group by publisher_entity_code
    union all
    select 'ddf', publisher_entity_code, count(*)
    from {{ ref('stg_wdi__ddf_observations') }} group by publisher_entity_code
    union all
    select 'm49', publisher_entity_code, count(*)
    from {{ ref('stg_unsd__snaama_observations') }} group by publisher_entity_code
    union all
    select 'unctad', publisher_entity_code, count(*)
    from {{ ref('stg_unctad__dds_observations') }} group by publisher_entity_code
    union all
    select 'wgi', publisher_entity_code, count(*)
    from {{ ref('stg_wgi__observations') }} group by publisher_entity_code
    union all
    select 'heritage', publisher_entity_code, count(*)
    from {{ ref('stg_heritage__observations') }} group by publisher_entity_code
    union all
    select 'wdi', wb_country_code, count(*)
    from {{ ref('stg_worldbank__country_metadata') }} group by wb_country_code
),

known as (
    select source_family, publisher_code from {{ ref('country_code_map') }}
    union all
    select source_family, publisher_code from {{ ref('aggregate_codes') }}
)

select seen.source_family, seen.publisher_entity_code, sum(seen.n_rows) as n_rows
from seen
anti join known
    on seen.source_family = known.source_family
    and seen.publisher_entity_code = known.publisher_code
group by seen.source_family, seen.publisher_entity_code
