{{ stg_long_observations(source('unsd', 'unsd_snaama')) }}
