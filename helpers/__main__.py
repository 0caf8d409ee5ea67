"""``python -m helpers COMMAND``: the command line lives in helpers.tools.cli."""

import sys

from helpers.tools.cli import main

if __name__ == "__main__":
    sys.exit(main())
