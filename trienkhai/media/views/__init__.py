"""The pages of tuyên truyền, one module per family: overview (compliance, heat map, topics,
rule settings), items (news items and their import), entry (weekly tallies, banners,
channels); page gives the unit and plan of a page."""
