{{ stg_io_cells(source('nbs', 'china_employment'), 'value_10k_persons') }}
