"""Command-line interface (Typer). Imported only by the console script."""
