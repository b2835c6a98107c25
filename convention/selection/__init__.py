"""Panel selection from CSV files: the `select-panel` command and its file formats."""
