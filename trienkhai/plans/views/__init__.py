"""The plans pages: a plan and its targets, the upload and review (`pages`), the end of a
plan (`lifecycle`)."""
