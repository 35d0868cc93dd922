"""Services in record pickers (core/pickers.py): their label names the organiser already
("Kotihoito (Nokia)"); the organiser's name finds them too."""

from .models import Service

related = {Service: ("organisation",)}
search_fields = {Service: ("name", "organisation__name")}
