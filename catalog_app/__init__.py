"""Starlight, a desktop catalog for films, series and anime.

Holds only the application's identity; importing it pulls in nothing else.
"""

__version__ = "0.1.0"
APP_NAME = "Starlight"
APP_ID = "org.starlight.Starlight"
