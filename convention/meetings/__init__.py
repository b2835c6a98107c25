"""Sessions: their agenda, attendance on one screen, and calendars to download."""
