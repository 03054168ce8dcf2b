"""Curators' writes on positions and documents."""
