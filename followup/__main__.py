"""`python -m followup`: the command line (followup.cli)."""

import sys

from followup.cli import main

if __name__ == "__main__":
    sys.exit(main())
