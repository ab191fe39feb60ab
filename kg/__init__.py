"""geokg: news articles in, a geopolitical knowledge graph with provenance out."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
