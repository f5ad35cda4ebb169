"""``python -m risk``: the same as the ``risk`` command."""

import sys

from risk.cli import main

sys.exit(main())
