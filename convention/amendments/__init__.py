"""Amendments: new wording proposed by the panel, accepted or rejected by the authors."""
