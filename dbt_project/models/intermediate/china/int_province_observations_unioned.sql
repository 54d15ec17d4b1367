{#-
  Every China staging observation that feeds a province_panel variable, mapped by the seed
  province_variable_sources (source, publisher indicator -> variable, priority, scale factor).
  Only province rows (ISO 3166-2:CN codes, 'CN-..'); national rows (entity CN) stay in staging.
  value_scaled = value × scale_factor, in the unit of the seed. The unit landed must equal the
  seed's unit (a publisher changing a unit fails the not-null/accepted test on unit_matches).
-#}
with observations as (
    {% for model in [
        'stg_china__nbs_province_observations',
        'stg_china__employment_wages_observations',
        'stg_china__population_observations',
        'stg_china__eps_energy_observations',
        'stg_china__meic_observations',
        'stg_china__ceads_v2022_observations',
        'stg_china__yearbook_observations',
    ] %}
        select
            source_name,
            publisher_indicator_code,
            unit,
            publisher_entity_code,
            year,
            value,
            vintage,
            file_name,
            source_row_number,
            load_id
        from {{ ref(model) }}
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

variable_map as (
    select * from {{ ref('province_variable_sources') }}
)

select
    observations.publisher_entity_code as province_code,
    observations.year,
    variable_map.variable,
    variable_map.priority,
    observations.unit,
    observations.source_name as source,
    observations.publisher_indicator_code,
    observations.vintage,
    observations.file_name,
    observations.source_row_number,
    observations.load_id,
    observations.value * variable_map.scale_factor as value,
    observations.unit = variable_map.unit as unit_matches
from observations
inner join variable_map
    on
        observations.source_name = variable_map.source
        and observations.publisher_indicator_code = variable_map.publisher_indicator_code
where observations.publisher_entity_code like 'CN-%'
