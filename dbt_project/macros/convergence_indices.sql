{#- Macros of the convergence indices (docs/indices.md, methods.md §3). -#}

{#-
  Coupling degree C of two subsystem scores (SQL expressions u1, u2 >= 0):
  standard  C = 2·sqrt(U1·U2)/(U1 + U2)                        (0 when U1 + U2 = 0);
  corrected C = sqrt[(1 − |U2 − U1|) · min(U1, U2)/max(U1, U2)] (0 when max = 0), the two-system
            case of Wang Shujia, Kong Wei, Ren Liang, Zhi Dongdong (2021), Journal of Natural
            Resources 36: 793-810, doi:10.31497/zrzyxb.20210319.
-#}
{% macro convergence_coupling_c(u1, u2, formula) -%}
    {%- if formula == 'standard' -%}
        case when ({{ u1 }}) + ({{ u2 }}) > 0
            then 2 * sqrt(({{ u1 }}) * ({{ u2 }})) / (({{ u1 }}) + ({{ u2 }})) else 0 end
    {%- elif formula == 'corrected' -%}
        case when greatest({{ u1 }}, {{ u2 }}) > 0
            then sqrt(
                (1 - abs(({{ u2 }}) - ({{ u1 }})))
                * least({{ u1 }}, {{ u2 }}) / greatest({{ u1 }}, {{ u2 }})
            ) else 0 end
    {%- else -%}
        error('var coupling_formula must be standard or corrected, not {{ formula }}')
    {%- endif -%}
{%- endmacro %}

{#-
  Bands of the coupling coordination degree D (methods.md §3): left-open, right-closed
  (lower, upper], D = 0 in the first band. Ten bands of width 0.1.
-#}
{% macro convergence_bands() -%}
    {{ return([
        (0.0, 0.1, 'extreme imbalance'),
        (0.1, 0.2, 'severe imbalance'),
        (0.2, 0.3, 'moderate imbalance'),
        (0.3, 0.4, 'mild imbalance'),
        (0.4, 0.5, 'verge of imbalance'),
        (0.5, 0.6, 'barely coordinated'),
        (0.6, 0.7, 'primary coordination'),
        (0.7, 0.8, 'intermediate coordination'),
        (0.8, 0.9, 'good coordination'),
        (0.9, 1.0, 'high-quality coordination'),
    ]) }}
{%- endmacro %}

{#-
  The band of D as `part` = 'label' | 'lower' | 'upper' | 'rank' (1..10); NULL when D < 0.
  D > 1 (possible only through the shift: at most sqrt(1 + shift)) is in the top band.
-#}
{% macro convergence_band(d, part) -%}
    {%- set bands = convergence_bands() -%}
    case
        {%- for lower, upper, label in bands %}
            when ({{ d }}) {{ '>=' if loop.first else '>' }} {{ lower }}
                {%- if not loop.last %} and ({{ d }}) <= {{ upper }}{% endif %} then
            {%- if part == 'label' %} '{{ label }}'
            {%- elif part == 'lower' %} cast({{ lower }} as double)
            {%- elif part == 'upper' %} cast({{ upper }} as double)
            {%- else %} {{ loop.index }}
            {%- endif -%}
        {%- endfor %}
    end
{%- endmacro %}

{#-
  The indicator system: var convergence_indicators (dbt_project.yml). sqlfluff's jinja
  templater stubs var() with a non-mapping placeholder; it then lints with a one-variant example.
-#}
{% macro convergence_indicator_config() -%}
    {%- set config = var('convergence_indicators') -%}
    {%- if config is mapping -%}
        {{ return(config) }}
    {%- else -%}
        {{ return({'example': {'unit_type': 'country', 'model': 'int_convergence__country_indicators_derived',
            'unit_column': 'iso3', 'indicators': [
                {'subsystem': 'manufacturing', 'indicator': 'mva_scale', 'column': 'ln_mva_usd', 'direction': 'positive'},
                {'subsystem': 'producer_services', 'indicator': 'service_imports_scale',
                 'column': 'ln_service_imports_usd', 'direction': 'positive'}]}}) }}
    {%- endif -%}
{%- endmacro %}
