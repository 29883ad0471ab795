"""French NER benchmark (the code lives in recoupe.evaluation.ner; see its --help)."""

from recoupe.evaluation.ner import main

if __name__ == "__main__":
    raise SystemExit(main())
