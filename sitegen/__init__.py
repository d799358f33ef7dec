"""sitegen: a static site generator for archives of news clippings."""

__version__ = "0.2.0"
