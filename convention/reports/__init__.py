"""The report to the council: assembly, frozen publication, and its formats."""
