"""Summit positions API: stated positions of world leaders from summit readouts."""

__version__ = "0.1.0"
