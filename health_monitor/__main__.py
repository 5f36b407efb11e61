import sys

from health_monitor.cli import main

sys.exit(main())
