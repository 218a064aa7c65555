"""``python -m seminar_parse`` runs the command line."""

from seminar_parse.cli import main

main()
