"""`python -m bot` is the command line."""

from bot.cli import main

raise SystemExit(main())
