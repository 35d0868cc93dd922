import factory

from tests.factories import CountyFactory

from ..actions import add_default_questionnaire
from ..models import Study


class StudyFactory(factory.django.DjangoModelFactory):
    """A study with the default questionnaire (21 parties, three scales)."""

    class Meta:
        model = Study
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Integraatioselvitys {n}")
    title_fi = factory.SelfAttribute("title")
    owner = factory.SubFactory(CountyFactory)
    visibility = "public"
    status = Study.Status.OPEN

    @factory.post_generation
    def questionnaire(obj, create, extracted, **kwargs):
        if create and extracted is not False:
            add_default_questionnaire(obj)
