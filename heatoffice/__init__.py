"""heatoffice: the desk software of a district-heating company."""

__version__ = "0.1.0"
