"""Language identification benchmark (the code lives in recoupe.evaluation.language; see its --help)."""

from recoupe.evaluation.language import main

if __name__ == "__main__":
    raise SystemExit(main())
