"""``python -m heatoffice``: the same command as ``heatoffice``."""

from heatoffice.cli import main

# Guarded so that importing every module (the architecture test) does not start the program.
if __name__ == "__main__":
    raise SystemExit(main())
