"""The pages of tasks, one module per family: lists (my units' tasks, overdue, due soon,
the matrix, the chi bộ plans board), task (one task, its reports and decisions), office
(assigning a plan, adding and editing tasks)."""
