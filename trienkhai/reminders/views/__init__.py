"""The reminder pages, one module per family: links (the short link of a message),
notifications (what a user reads in the app), office (what was sent, the Zalo texts, pauses)."""
