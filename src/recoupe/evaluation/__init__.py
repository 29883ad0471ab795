"""Evaluation of recoupe's annotators against human gold data."""
