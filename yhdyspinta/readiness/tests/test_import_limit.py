"""The readiness period import takes the national file (300 000 rows); other imports keep the
general IMPORT_MAX_ROWS (docs/readiness.md, "Import limits"). The limits are tested with small
numbers: the rule is the same at 300 000."""

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile

from conftest import client_for
from yhdyspinta.core.tabular import InputError
from yhdyspinta.readiness import actions
from yhdyspinta.readiness.csvio import roadmap_rows, status_max_rows, status_rows

from .factories import reporting_setup


def test_the_default_limits_take_a_national_period_file_and_no_more_elsewhere():
    assert django_settings.IMPORT_MAX_ROWS == 200_000
    assert status_max_rows() == django_settings.READINESS_IMPORT_MAX_ROWS == 400_000
    assert status_max_rows() >= 1000 * 300  # the national roadmap's tasks × reporting regions


def _statuses(rows: int) -> bytes:
    return ("region;task_id;status\n" + "".join(f"R{n};T-01;done\n" for n in range(rows))).encode()


def test_a_period_file_over_the_general_limit_is_accepted_up_to_its_own(settings):
    settings.IMPORT_MAX_ROWS, settings.READINESS_IMPORT_MAX_ROWS = 5, 8
    assert len(status_rows(_statuses(8), name="kausi.csv", tasks={"T-01"})) == 8
    with pytest.raises(InputError) as refused:
        status_rows(_statuses(9), name="kausi.csv", tasks={"T-01"})
    assert (refused.value.file, refused.value.line) == ("kausi.csv", 10)  # the header is line 1
    assert "more than 8 rows; split the file" in str(refused.value.reason)
    roadmap = "task_id;area;due\n" + "".join(f"T-{n};a;2022-01-01\n" for n in range(8))
    with pytest.raises(InputError) as other:  # another import keeps the general limit
        roadmap_rows(roadmap.encode(), name="tiekartta.csv")
    assert (other.value.file, other.value.line) == ("tiekartta.csv", 7)


def test_the_page_names_file_and_line_of_a_too_long_period_file(world, settings):
    _roadmap, _tasks, period = reporting_setup(world.county_a, [world.a1])
    settings.READINESS_IMPORT_MAX_ROWS = 2
    data = "region;task_id;status\n" + "".join(f"{world.a1.name};T-0{n};done\n" for n in (1, 2, 3))
    with pytest.raises(InputError):
        actions.import_period_statuses(period, data.encode(), "kausi.csv", actor=world.editor)
    upload = SimpleUploadedFile("kausi.csv", data.encode(), content_type="text/csv")
    page = client_for(world.editor).post(f"/readiness/periods/{period.pk}/import/", {"file": upload},
                                         follow=True).content.decode()
    assert "kausi.csv, rivi 4" in page and "yli 2 riviä" in page
