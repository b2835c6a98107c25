"""Conventions: the dashboard, a convention's home, its phase, charter and audit log."""
