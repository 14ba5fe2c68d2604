"""`python -m bench [N …] [--repeats R] [--results FILE]` from the repository's root: measure the real catalogue
(and synthetic ones of N cases) and write bench/RESULTS.md."""

import argparse
from pathlib import Path

from . import REPEATS, SEARCH_REPEATS, main
from .report import RESULTS

parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
parser.add_argument("sizes", nargs="*", type=int, metavar="N",
                    help="sizes of synthetic catalogues to measure besides the real one, e.g. 100 1000")
parser.add_argument("--repeats", type=int, default=REPEATS, metavar="R",
                    help="runs of check, of each build and of serve's rebuild (default: %(default)s)")
parser.add_argument("--search-repeats", type=int, default=SEARCH_REPEATS, metavar="S",
                    help="times each search query is asked of the warm searcher (default: %(default)s)")
parser.add_argument("--results", type=Path, default=RESULTS, metavar="FILE",
                    help="where to write the results (default: bench/RESULTS.md); e.g. a separate file for a "
                         "size that takes an hour, measured once")
arguments = parser.parse_args()
main(arguments.sizes, arguments.repeats, arguments.search_repeats, arguments.results)
