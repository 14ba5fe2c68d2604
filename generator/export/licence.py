"""The licence the data files and the catalogue's text are published under."""

LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/deed.da"
