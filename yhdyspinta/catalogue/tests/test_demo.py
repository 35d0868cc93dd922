"""The catalogue demo keeps the assessment rules and shows a retracted assessment."""

from io import StringIO

from tests.factories import CountyFactory, MunicipalityFactory
from yhdyspinta.catalogue import demo
from yhdyspinta.catalogue.models import Interface, MaturityAssessment


def test_demo_assessments_follow_the_rules_and_one_is_retracted(db):
    county = CountyFactory(code="08", name="Pirkanmaan hyvinvointialue")
    tampere = MunicipalityFactory(code="837", name="Tampere", name_fi="Tampere", area=county, population=250000)
    MunicipalityFactory(name="Nokia", name_fi="Nokia", area=county)
    demo.load(StringIO())
    demo.load(StringIO())  # idempotent
    for assessment in MaturityAssessment.objects.all():
        assessment.full_clean()  # no future dates (nor anything else the model refuses)
    retracted = MaturityAssessment.objects.get(retracted_at__isnull=False)
    assert retracted.retraction_reason
    interface = Interface.objects.get(template__key="early-childhood", template_for=tampere)
    assert retracted.interface == interface
    assert interface.latest_assessments().get("resourcing") != retracted
