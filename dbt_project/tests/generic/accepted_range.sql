{#- Fails with every non-null value of `column_name` outside [min_value, max_value] (inclusive). -#}
{% test accepted_range(model, column_name, min_value=none, max_value=none) %}
{%- set lower = min_value if min_value is not none else 'null' -%}
{%- set upper = max_value if max_value is not none else 'null' %}

    select checked.{{ column_name }}
    from {{ model }} as checked
    where
        checked.{{ column_name }} < coalesce({{ lower }}, checked.{{ column_name }})
        or checked.{{ column_name }} > coalesce({{ upper }}, checked.{{ column_name }})

{% endtest %}
