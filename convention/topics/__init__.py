"""Topics: their text, briefings and files, expert hearings, information requests."""
