with source_rows as (
    select * from {{ source('meta', 'sources') }}
),

renamed as (
    select
        cast(source_rows.source as varchar) as source_name,
        cast(source_rows.raw_table as varchar) as raw_table,
        cast(source_rows.kind as varchar) as source_kind,
        cast(source_rows.publisher as varchar) as publisher,
        cast(source_rows.dataset as varchar) as dataset,
        cast(source_rows.edition as varchar) as edition,
        cast(source_rows.url as varchar) as url,
        cast(source_rows.licence as varchar) as licence,
        cast(source_rows.citation as varchar) as citation,
        cast(source_rows.description as varchar) as source_description
    from source_rows
)

select * from renamed
