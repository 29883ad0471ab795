"""``python -m recoupe`` runs the command line."""

from .cli.main import main

main()
