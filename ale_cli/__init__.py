"""ale: planning and follow-up as code for a Swedish kommun."""

__version__ = "0.1.0"
