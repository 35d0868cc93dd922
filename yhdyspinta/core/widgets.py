"""Form widgets shared by the apps."""

from django import forms


class DateInput(forms.DateInput):
    """The browser's date picker. Its value must be ISO (2021-12-31): a localised value such as
    31.12.2021 is invalid for <input type="date"> and the browser would show the field empty."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")
