{{ stg_io_cells(source('oecd', 'oecd_iot'), 'value_musd') }}
