-- purpose: one row describing this Gold build: the data's as-of instant, when it was built, from what.
-- grain:   one row
-- params:  :as_of (timestamp), :built_at (timestamp), :source (string)
-- depends:
with build as (
    select
        cast(:as_of as timestamp) as as_of,
        cast(:built_at as timestamp) as built_at,
        cast(:source as string) as source
),

final as (
    select
        as_of,
        built_at,
        source,
        cast(as_of as date) as as_of_date
    from build
)

select * from final
