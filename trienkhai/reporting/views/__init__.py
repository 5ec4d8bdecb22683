"""The reporting pages, one module per family: queue (the unit's reports, the reviewer's
queue), request (one report: write, send, return, accept, reopen, extend; its timeline),
board (who is late, the rates, a unit's history), office (schedules, holidays), summary (the
office's summary report: draft, trình ký, the leader's decision, issue, its files)."""
