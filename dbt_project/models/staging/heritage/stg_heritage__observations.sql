{{ stg_long_observations(source('heritage', 'heritage')) }}
