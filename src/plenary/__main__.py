import sys

from plenary.cli import main

sys.exit(main())
