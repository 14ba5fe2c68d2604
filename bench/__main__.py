"""`python -m bench [N …]` from the repository's root: measure the real catalogue (and synthetic ones of N
cases) and write bench/RESULTS.md."""

import sys

from . import main

# Sizes of synthetic catalogues to measure besides the real one, e.g. `python -m bench 100 1000`.
main(synthetic=[int(size) for size in sys.argv[1:]])
