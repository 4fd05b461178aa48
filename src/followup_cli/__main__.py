"""``python -m followup_cli``: the same command line as ``followup``."""

from followup_cli.cli.app import main

if __name__ == "__main__":
    main()
