"""Working groups (ateliers): created by facilitators, filled by hand or by a balanced draw."""
