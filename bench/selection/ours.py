"""Run our `select-panel` command as a standalone program (for the benchmark)."""

from convention.selection.cli import select_panel_command

if __name__ == "__main__":
    select_panel_command.main(prog_name="select-panel")
