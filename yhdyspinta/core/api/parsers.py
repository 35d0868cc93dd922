"""The API's JSON parser: DRF's, with the limits of `core.jsonsafe` (nesting, integer length).

A body nested 100 000 deep or an integer of 100 000 digits answers 400 with the reason instead
of a RecursionError (500) or seconds of CPU. Set in REST_FRAMEWORK["DEFAULT_PARSER_CLASSES"];
the limits are the settings API_JSON_MAX_DEPTH and API_JSON_MAX_INT_DIGITS.
"""

import codecs

from django.conf import settings
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser, get_encoding
from rest_framework.utils import json

from yhdyspinta.core import jsonsafe
from yhdyspinta.core.localize import message


class SafeJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        encoding = get_encoding(parser_context or {})
        try:
            text = codecs.getreader(encoding)(stream).read()
            return jsonsafe.loads(
                text, parse_constant=json.strict_constant if self.strict else None,
                max_depth=getattr(settings, "API_JSON_MAX_DEPTH", jsonsafe.MAX_DEPTH),
                max_int_digits=getattr(settings, "API_JSON_MAX_INT_DIGITS", jsonsafe.MAX_INT_DIGITS))
        except jsonsafe.JSONRefused as exc:
            raise ParseError(message(exc.reason)) from None
        except ValueError as exc:  # bad JSON, bad encoding
            raise ParseError(f"JSON parse error - {exc}") from None
