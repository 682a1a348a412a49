"""``python -m rkt_excel`` runs the command-line tool."""

from rkt_excel.cli import main

if __name__ == "__main__":
    main()
