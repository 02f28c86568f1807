"""``python -m bingads_typed login|whoami``: see :mod:`bingads_typed.cli`."""

from bingads_typed.cli import main

main()
