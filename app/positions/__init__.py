"""Stated positions, read side: one query plan per list request, the page, its total and its facets,
full-text search, comparisons and Web Annotation views.
"""
