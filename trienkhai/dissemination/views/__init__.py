"""The pages of quán triệt, one module per family: board (coverage, units below a threshold,
print, Excel export and import), sessions (study sessions and headcounts), materials
(documents sent down with their receipts); page gives the plan and subtree of a page."""
