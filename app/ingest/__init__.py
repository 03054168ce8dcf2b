"""Getting readouts in: the annotator bridge, per-document ingest, bulk loading, input files and the seed.

Each write commits in one place, in these modules.
"""
