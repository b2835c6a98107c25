"""The instance's administration: conventions, their facilitators, the outbox."""
