"""thidua: index Vietnamese emulation and commendation reports by bloc, unit, leader and year."""

__version__ = "0.1.0"

# Bumped whenever extraction output can change; stored on every indexed document
# so that `thidua reindex --older-than` knows what to redo.
EXTRACTOR_VERSION = "2026.11.2"
