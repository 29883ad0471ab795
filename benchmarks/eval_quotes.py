"""Quote attribution benchmark (the code lives in recoupe.evaluation.report; see its --help)."""

from recoupe.evaluation.report import main

if __name__ == "__main__":
    raise SystemExit(main())
