"""The pages of monitoring, one module per family: values (the yearly grid, the Excel
template, a target's page, chart and entry form) and progress (tallies, statuses, the
calculation of one target)."""
