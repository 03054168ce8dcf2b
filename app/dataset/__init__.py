"""The dataset as a whole: export and re-import, backup and restore."""
