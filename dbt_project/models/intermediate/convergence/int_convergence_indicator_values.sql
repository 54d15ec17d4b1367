{#-
  Long input of the coupling coordination indices: one row per unit_type × unit_id × year ×
  variant × subsystem × indicator with a finite value. The variants and their indicators come
  from var convergence_indicators (dbt_project.yml; docs/indices.md): each reads one column of
  its wide input model (one row per unit × year). NULL (and non-finite) values are not rows.
-#}
{%- set variants = convergence_indicator_config() %}

with unioned as (
    {%- for variant, spec in variants.items() %}
        {%- set outer_loop = loop %}
        {%- for indicator in spec['indicators'] %}
            select
                cast('{{ spec["unit_type"] }}' as varchar) as unit_type,
                cast(src.{{ spec['unit_column'] }} as varchar) as unit_id,
                cast(src.year as integer) as year,
                cast('{{ variant }}' as varchar) as variant,
                cast('{{ indicator["subsystem"] }}' as varchar) as subsystem,
                cast('{{ indicator["indicator"] }}' as varchar) as indicator,
                cast('{{ indicator["direction"] }}' as varchar) as direction,
                cast(src.{{ indicator['column'] }} as double) as value
            from {{ ref(spec['model']) }} as src
            {%- if not (outer_loop.last and loop.last) %}
                union all
            {%- endif %}
        {%- endfor %}
    {%- endfor %}
)

select
    unioned.unit_type,
    unioned.unit_id,
    unioned.year,
    unioned.variant,
    unioned.subsystem,
    unioned.indicator,
    unioned.direction,
    unioned.value
from unioned
where unioned.value is not null and isfinite(unioned.value)
