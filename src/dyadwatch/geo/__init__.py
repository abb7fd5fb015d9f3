"""Where events happened: an offline GeoNames gazetteer merged with the project's places, the
locator that reads an event's place from its sentence and article, and GeoJSON."""

from .gazetteer import Gazetteer, Place, gazetteer
from .locate import Location, dateline_of, locate, place_events

__all__ = ["Gazetteer", "Place", "gazetteer", "Location", "dateline_of", "locate", "place_events"]
