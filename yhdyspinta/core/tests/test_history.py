"""The change history page (docs/audit.md, "History"): readable rows, child records, hidden fields
and records, deleted records, restoring an earlier value with a reason.

The generic part runs for every RestrictedModel with a factory (found like the permission
matrix of test_trust_permissions does): create, change (and an m2m change where the model has
one) and a child change, then read the history as the record's editor and as outsiders.
"""

import html
import re

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import models

from conftest import client_for
from tests.factories import PersonFactory
from yhdyspinta.core.actions import audited, restore_field
from yhdyspinta.core.models import RestrictedModel, Visibility
from yhdyspinta.core.templatetags.core_tags import history_url
from yhdyspinta.core.tests.test_trust_permissions import _point_path_at, find_factory
from yhdyspinta.core.views.history import history_children

pytestmark = pytest.mark.django_db

ACTION_WORDS = ("Luotu", "Muutettu", "Poistettu")  # created / changed / deleted in Finnish


def text_of(response) -> str:
    """The visible text of a page (attributes, e.g. the restore form's field name, left out)."""
    body = response.content.decode()
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.DOTALL)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def entries_of(obj):
    return LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(obj), object_pk=str(obj.pk))


def change(obj, actor, **values):
    with audited(actor):
        for name, value in values.items():
            setattr(obj, name, value)
        obj.save()
    return obj


# ---- specific cases ---------------------------------------------------------------------------
def _meeting(world, **kwargs):
    from yhdyspinta.cooperation.tests.factories import MeetingFactory, forum_for

    return MeetingFactory(forum=forum_for(world.a1), **kwargs)


def test_meeting_history_renders_with_its_items_decisions_and_actions(world):
    """Was a 500: a meeting's creation entry records its reverse relation `items`."""
    from yhdyspinta.cooperation.models import AgendaItem, Decision, FollowUpAction

    with audited(world.editor):
        meeting = _meeting(world)
        item = AgendaItem.objects.create(meeting=meeting, number=1, title="Talousarvio 2027")
        decision = Decision.objects.create(item=item, meeting=meeting, resolution="amended")
        FollowUpAction.objects.create(decision=decision, title="Valmistele muutos", deadline="2027-01-31",
                                      owner=PersonFactory(organisation=world.a1, visibility="public"))
    change(meeting, world.editor, place="Valtuustosali")
    response = client_for(world.editor).get(history_url(meeting))
    assert response.status_code == 200
    text = text_of(response)
    assert "Valtuustosali" in text and "Paikka tai linkki" in text  # "place or link" in Finnish
    assert "Asiakohta: Ryhmä" in text and "— § 1 Talousarvio 2027" in text  # the child's type and label
    assert "Hyväksyttiin muutettuna" in text  # the decision's resolution as its label
    assert "Valmistele muutos" in text  # a grandchild: the decision's follow-up action
    assert "Luotu" in text and "Muutettu" in text
    assert "items" not in text.split() and "resolution" not in text


def test_interface_internal_notes_hidden_from_outsiders(world):
    from yhdyspinta.catalogue.tests.factories import InterfaceFactory

    interface = InterfaceFactory(parties=[world.a1], visibility=Visibility.PUBLIC)
    change(interface, world.editor, internal_notes="Salainen muistiinpano", shared_goals_sv="Gemensamma mål")
    url = history_url(interface)
    own = text_of(client_for(world.editor).get(url))
    assert "Salainen muistiinpano" in own and "Sisäiset muistiinpanot" in own
    assert "Yhteiset tavoitteet (ruotsi)" in own and "Gemensamma mål" in own
    assert "internal_notes" not in own and "shared_goals_sv" not in own
    for outsider in (world.anonymous, world.other):
        response = client_for(outsider).get(url)
        assert response.status_code == 200
        page = response.content.decode()
        assert "Salainen muistiinpano" not in page and "Sisäiset muistiinpanot" not in page
        assert "Gemensamma mål" in page  # the public part stays


def test_many_to_many_changes_name_only_visible_records(world):
    from yhdyspinta.catalogue.tests.factories import InterfaceFactory, ServiceFactory

    interface = InterfaceFactory(parties=[world.a1], visibility=Visibility.PUBLIC)
    hidden_service = ServiceFactory(organisation=world.b1, name="Betan salainen palvelu", visibility="internal")
    public_service = ServiceFactory(organisation=world.a1, name="Alfalan neuvola", visibility="public")
    with audited(world.editor):
        interface.parties.add(world.a2)
        interface.services.add(hidden_service, public_service)
        interface.parties.remove(world.a2)
    text = text_of(client_for(world.anonymous).get(history_url(interface)))
    assert "Organisaatiot: lisätty Alfanen" in text and "Organisaatiot: poistettu Alfanen" in text
    assert "Alfalan neuvola" in text and "1 piilotettu tietue" in text
    assert "Betan salainen palvelu" not in text
    insider = text_of(client_for(world.other).get(history_url(interface)))  # b1's editor sees b1's service
    assert "Betan salainen palvelu" in insider


def test_linked_record_named_only_for_those_who_may_see_it(world):
    from yhdyspinta.catalogue.tests.factories import AssessmentFactory, InterfaceFactory

    interface = InterfaceFactory(parties=[world.a1], visibility=Visibility.PUBLIC)
    person = PersonFactory(organisation=world.a1, first_name="Iines", last_name="Sisäinen", visibility="internal")
    assessment = AssessmentFactory(interface=interface)
    change(assessment, world.editor, assessed_by=person, value=2)
    anonymous = text_of(client_for(world.anonymous).get(history_url(interface)))
    assert "(piilotettu tietue)" in anonymous and "Iines Sisäinen" not in anonymous
    assert "Kypsyysarvio" in anonymous  # the child's type
    member = text_of(client_for(world.viewer).get(history_url(interface)))
    assert "Iines Sisäinen" in member


def test_internal_child_record_not_shown_to_outsiders(world):
    from django.core.files.base import ContentFile

    from yhdyspinta.cooperation.models import Attachment

    meeting = _meeting(world)
    with audited(world.editor):
        attachment = Attachment(meeting=meeting, title="Luottamuksellinen liite", visibility="internal")
        attachment.file.save("liite.txt", ContentFile(b"x"), save=False)
        attachment.save()
        Attachment.objects.create(meeting=meeting, title="Julkinen liite", visibility="public",
                                  file=attachment.file.name)
    url = history_url(meeting)
    assert "Luottamuksellinen liite" in text_of(client_for(world.viewer).get(url))
    outsider = client_for(world.other).get(url).content.decode()
    assert "Luottamuksellinen liite" not in outsider and "Julkinen liite" in outsider
    with audited(world.editor):
        attachment.delete()  # a deleted internal child stays out too, and in for members
    assert "Luottamuksellinen liite" not in client_for(world.anonymous).get(url).content.decode()
    assert "Luottamuksellinen liite" in text_of(client_for(world.viewer).get(url))


def test_deleted_child_stays_in_parent_history(world):
    from yhdyspinta.catalogue.models import EscalationStep
    from yhdyspinta.catalogue.tests.factories import InterfaceFactory

    interface = InterfaceFactory(parties=[world.a1], visibility=Visibility.PUBLIC)
    with audited(world.editor):
        step = EscalationStep.objects.create(interface=interface, order=1, action="Soita esihenkilölle", who="Tiimi")
    with audited(world.editor):
        step.delete()
    text = text_of(client_for(world.anonymous).get(history_url(interface)))
    assert "Eskalaatioporras: 1. Soita esihenkilölle" in text or "1. Soita esihenkilölle" in text
    assert "Poistettu" in text


def test_deleted_record_history_for_its_organisation_only(world):
    from yhdyspinta.catalogue.tests.factories import InterfaceFactory

    interface = InterfaceFactory(parties=[world.a1], visibility=Visibility.INTERNAL, title="Poistuva yhdyspinta")
    change(interface, world.editor, internal_notes="Muistiinpano ennen poistoa")
    url = history_url(interface)
    with audited(world.editor):
        interface.delete()
    for reader in (world.org_admin, world.coordinator, world.admin):
        response = client_for(reader).get(url)
        assert response.status_code == 200, reader
        text = text_of(response)
        assert "Poistuva yhdyspinta" in text and "Muistiinpano ennen poistoa" in text and "Poistettu" in text
    for outsider in (world.anonymous, world.other):
        assert client_for(outsider).get(url).status_code == 404


def test_public_deleted_record_is_not_open_to_everybody(world):
    from yhdyspinta.catalogue.tests.factories import InterfaceFactory

    interface = InterfaceFactory(parties=[world.a1], visibility=Visibility.PUBLIC)
    url = history_url(interface)
    with audited(world.editor):
        interface.delete()
    assert client_for(world.anonymous).get(url).status_code == 404
    assert client_for(world.other).get(url).status_code == 404
    assert client_for(world.editor).get(url).status_code == 200


def _changed_interface(world):
    from yhdyspinta.catalogue.tests.factories import InterfaceFactory

    interface = InterfaceFactory(parties=[world.a1], visibility=Visibility.PUBLIC, summary_fi="Alkuperäinen")
    change(interface, world.editor, summary_fi="Virheellinen")
    entry = entries_of(interface).filter(action=LogEntry.Action.UPDATE).latest("timestamp")
    return interface, entry


def test_restore_with_reason_is_audited_and_shown(world):
    interface, entry = _changed_interface(world)
    client = client_for(world.editor)
    page = client.get(history_url(interface)).content.decode()
    assert f'name="entry" value="{entry.pk}"' in page and 'name="reason"' in page
    response = client.post(history_url(interface), {"entry": entry.pk, "field": "summary_fi",
                                                     "reason": "Väärä teksti tallentui"})
    assert response.status_code == 302
    interface.refresh_from_db()
    assert interface.summary_fi == "Alkuperäinen"
    restored = entries_of(interface).latest("timestamp")
    assert restored.actor == world.editor
    assert restored.changes_dict["summary_fi"] == ["Virheellinen", "Alkuperäinen"]
    assert restored.additional_data["reason"] == "Väärä teksti tallentui"
    assert "Väärä teksti tallentui" in text_of(client.get(history_url(interface)))


def test_restore_without_reason_is_refused(world):
    interface, entry = _changed_interface(world)
    before = entries_of(interface).count()
    response = client_for(world.editor).post(history_url(interface), {"entry": entry.pk, "field": "summary_fi",
                                                                      "reason": "  "})
    assert response.status_code == 400
    assert "syy" in text_of(response).lower()  # the refusal names the missing reason
    interface.refresh_from_db()
    assert interface.summary_fi == "Virheellinen" and entries_of(interface).count() == before


def test_restore_by_viewer_or_outsider_is_refused(world):
    interface, entry = _changed_interface(world)
    data = {"entry": entry.pk, "field": "summary_fi", "reason": "Yritys"}
    assert client_for(world.viewer).post(history_url(interface), data).status_code == 403
    assert client_for(world.other).post(history_url(interface), data).status_code == 403
    assert client_for(world.anonymous).post(history_url(interface), data).status_code == 403
    assert 'name="reason"' not in client_for(world.viewer).get(history_url(interface)).content.decode()
    interface.refresh_from_db()
    assert interface.summary_fi == "Virheellinen"


def test_restore_action_checks_rights_and_hidden_fields(world):
    from django.core.exceptions import PermissionDenied, ValidationError

    interface, _entry = _changed_interface(world)
    with pytest.raises(PermissionDenied):
        restore_field(interface, "summary_fi", "Alkuperäinen", actor=world.viewer, reason="syy")
    with pytest.raises(ValidationError):
        restore_field(interface, "parties", [], actor=world.editor, reason="syy")  # m2m: not a simple field
    with pytest.raises(ValidationError):
        restore_field(interface, "summary_fi", "Alkuperäinen", actor=world.editor, reason="")
    restore_field(interface, "summary_fi", "Alkuperäinen", actor=world.editor, reason="Korjaus")
    interface.refresh_from_db()
    assert interface.summary_fi == "Alkuperäinen"


def test_restore_of_a_child_value_from_the_parent_history(world):
    from yhdyspinta.catalogue.models import EscalationStep
    from yhdyspinta.catalogue.tests.factories import InterfaceFactory

    interface = InterfaceFactory(parties=[world.a1], visibility=Visibility.PUBLIC)
    with audited(world.editor):
        step = EscalationStep.objects.create(interface=interface, order=1, action="Soita", who="Tiimi")
    change(step, world.editor, who="Johtaja")
    entry = entries_of(step).filter(action=LogEntry.Action.UPDATE).latest("timestamp")
    response = client_for(world.editor).post(history_url(interface), {"entry": entry.pk, "field": "who_fi",
                                                                      "reason": "Väärä vastuuhenkilö"})
    assert response.status_code == 302
    step.refresh_from_db()
    assert step.who == "Tiimi"
    assert client_for(world.other).post(history_url(interface), {"entry": entry.pk, "field": "who_fi",
                                                                 "reason": "x"}).status_code == 403


# ---- every record with a history page ---------------------------------------------------------
INTERNAL_VALUE = "Zqinternalvalue"
CHANGED_VALUE = "Zqchangedvalue"


def history_models():
    """Every RestrictedModel with a factory: each has a history page ({% history_url obj %})."""
    from django.apps import apps

    found = [m for m in apps.get_models() if issubclass(m, RestrictedModel) and find_factory(m) is not None]
    return sorted(found, key=lambda m: m._meta.label)


HISTORY_MODELS = history_models()


def _has_own_visibility(model):
    return model.visibility_path == "visibility" and any(f.name == "visibility" for f in model._meta.concrete_fields)


def _make(model, world, visibility=Visibility.PUBLIC):
    from yhdyspinta.core.tests.test_trust_permissions import RECIPES

    kwargs = RECIPES.get(model._meta.label, lambda v: {"visibility": v})(visibility) \
        if _has_own_visibility(model) else {}
    obj = find_factory(model)(**kwargs)
    if model.org_paths and model.org_paths[0] != "pk":
        _point_path_at(obj, model.org_paths[0], world.a1)
    obj.refresh_from_db()
    return obj


def _text_field(model):
    """A free-text field to change: a Swedish variant when the model has translated text."""
    plain = None
    for f in model._meta.concrete_fields:
        if not isinstance(f, (models.CharField, models.TextField)) or f.choices or not f.editable \
                or f.unique or isinstance(f, (models.SlugField, models.EmailField, models.URLField)) \
                or f.name.startswith("internal_") or f.name in model.internal_field_names() or f.name == "phone":
            continue
        if f.name.endswith("_sv"):
            return f
        if plain is None and not f.name.endswith(("_fi", "_en")) and f.max_length is None or \
                plain is None and (f.max_length or 0) >= 40 and not f.name.endswith(("_fi", "_en")):
            plain = f
    return plain


def _related_instance(model, world):
    from yhdyspinta.organisations.models import Organisation

    if model is Organisation:
        return world.a2
    factory = find_factory(model)
    if factory is None:
        return None
    kwargs = {"visibility": Visibility.PUBLIC} if _has_own_visibility(model) else {}
    return factory(**kwargs)


def _child_change(obj, editor):
    """Creates and changes one child record (a model whose `history_parent` is this model)."""
    for child, fk_name in history_children(type(obj)):
        factory = find_factory(child)
        if factory is None:
            continue
        extra = {"meeting": obj.meeting} if child._meta.label == "cooperation.Decision" and \
            hasattr(obj, "meeting") else {}
        if child._meta.label == "cooperation.Decision":
            from yhdyspinta.cooperation.tests.factories import AgendaItemFactory

            extra = {"item": AgendaItemFactory(meeting=obj)}
        with audited(editor):
            record = factory(**{fk_name: obj}, **extra)
        field = _text_field(child)
        if field is not None:
            change(record, editor, **{field.name: f"{CHANGED_VALUE} child"})
        return child
    return None


@pytest.mark.parametrize("model", HISTORY_MODELS, ids=lambda m: m._meta.label)
def test_every_history_page_is_readable_and_keeps_internal_parts(world, model):
    from auditlog.registry import auditlog
    from django.utils.text import capfirst
    from django.utils.translation import override

    from yhdyspinta.accounts.permissions import can

    obj = _make(model, world)
    editor = world.editor if can(world.editor, obj, "change") else world.admin
    url = history_url(obj)
    if not auditlog.contains(model):  # left out of the change log on purpose (settings)
        assert client_for(editor).get(url).status_code == 200
        return
    values = {}
    field = _text_field(model)
    if field is not None:
        values[field.name] = CHANGED_VALUE
    internal = [f for f in model._meta.concrete_fields if f.name in obj.hidden_fields_for(None)
                and isinstance(f, (models.CharField, models.TextField)) and not f.choices]
    for f in internal:
        values[f.name] = INTERNAL_VALUE
    if not values:  # nothing textual: change the first editable date or number
        f = next(f for f in model._meta.concrete_fields if isinstance(f, NUMBERS_AND_DATES)
                 and f.editable and not f.primary_key and f.name != "version" and not f.choices)
        values[f.name] = date_or_number(f)
    change(obj, editor, **values)
    for m2m in model._meta.many_to_many:
        related = _related_instance(m2m.related_model, world)
        if related is not None:
            with audited(editor):
                getattr(obj, m2m.name).add(related)
            break
    child = _child_change(obj, editor)

    response = client_for(editor).get(url)
    assert response.status_code == 200
    text = text_of(response)
    assert "Muutettu" in text and "Luotu" in text  # translated actions
    keys = {k for e in LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(model),
                                                 object_pk=str(obj.pk)) for k in e.changes_dict}
    labels = set(re.findall(r"<strong>([^<]*):</strong>", response.content.decode()))
    assert labels and not labels & keys, f"raw field names as labels: {labels & keys}"
    assert not [k for k in keys if "_" in k and k in text], "a raw field name on the page"
    if field is not None:
        assert CHANGED_VALUE in text
    if child is not None:
        with override("fi"):
            assert capfirst(str(child._meta.verbose_name)) + ":" in text, "child record missing"

    for outsider in (world.anonymous, world.other):
        response = client_for(outsider).get(url)
        if obj.is_internal:
            assert response.status_code == 404
            continue
        assert response.status_code == 200
        assert INTERNAL_VALUE not in response.content.decode()
        assert 'name="reason"' not in response.content.decode()  # no restore for outsiders
    if _has_own_visibility(model):
        hidden = _make(model, world, Visibility.INTERNAL)
        change(hidden, editor, **{name: value for name, value in values.items()})
        assert hidden.is_internal
        for outsider in (world.anonymous, world.other):
            assert client_for(outsider).get(history_url(hidden)).status_code == 404
        assert client_for(world.viewer if editor == world.editor else world.admin).get(
            history_url(hidden)).status_code == 200


NUMBERS_AND_DATES = (models.DateField, models.IntegerField, models.FloatField, models.DecimalField)


def date_or_number(field):
    from datetime import date
    from decimal import Decimal

    if isinstance(field, models.DateField):
        return date(2030, 1, 1)
    return Decimal(7) if isinstance(field, models.DecimalField) else 7


def test_every_history_model_is_covered():
    """The generic test is not vacuous: it covers the main records and their children."""
    labels = {m._meta.label for m in HISTORY_MODELS}
    assert {"catalogue.Interface", "cooperation.Meeting", "cooperation.Agreement"} <= labels
    from yhdyspinta.catalogue.models import Interface
    from yhdyspinta.cooperation.models import Decision, Meeting

    assert {"catalogue.EscalationStep", "catalogue.InterfaceResponsibility", "catalogue.MaturityAssessment"} <= {
        child._meta.label for child, _fk in history_children(Interface)}
    assert {"cooperation.AgendaItem", "cooperation.Decision", "cooperation.Attachment"} <= {
        child._meta.label for child, _fk in history_children(Meeting)}
    assert [c._meta.label for c, _fk in history_children(Decision)] == ["cooperation.FollowUpAction"]


def test_history_link_of_a_part_leads_to_its_parent(world):
    from yhdyspinta.catalogue.models import EscalationStep
    from yhdyspinta.catalogue.tests.factories import InterfaceFactory

    interface = InterfaceFactory(parties=[world.a1])
    step = EscalationStep.objects.create(interface=interface, order=1, action="Soita", who="Tiimi")
    assert history_url(step) == history_url(interface)


def test_deleted_agreement_history_for_its_parties(world):
    """Parties through explicit party rows (no m2m signal) still name the organisations."""
    from yhdyspinta.cooperation.tests.factories import AgreementFactory

    with audited(world.editor):
        agreement = AgreementFactory(parties=[world.a1, world.b1], visibility="internal", title="Kumottu sopimus")
    url = history_url(agreement)
    with audited(world.editor):
        agreement.delete()
    assert client_for(world.org_admin).get(url).status_code == 200
    assert client_for(world.other).get(url).status_code == 200  # b1 was a party too
    assert client_for(world.anonymous).get(url).status_code == 404
    from tests.factories import MunicipalityFactory, member

    stranger = member(MunicipalityFactory(), "org_admin")
    assert client_for(stranger).get(url).status_code == 404
    assert "Kumottu sopimus" in text_of(client_for(world.org_admin).get(url))


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_history_page_in_a_browser_restore_by_keyboard(live_server, browser_page, world):
    """axe-clean for an editor and an outsider; the restore form is reached and sent by keyboard."""
    from tests.browser import assert_accessible, login

    interface, _entry = _changed_interface(world)
    page = browser_page
    login(page, live_server, world.editor)
    page.goto(live_server.url + history_url(interface))
    assert_accessible(page, context="history, editor")
    summary = page.locator("details.restore summary").first
    summary.focus()
    page.keyboard.press("Enter")  # opens the form
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "reason"
    page.keyboard.type("Korjattu selaimessa")
    page.keyboard.press("Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Korjattu selaimessa" in page.inner_text("main")
    assert_accessible(page, context="history after restore")
    interface.refresh_from_db()
    assert interface.summary_fi == "Alkuperäinen"
    page.context.clear_cookies()
    page.goto(live_server.url + history_url(interface))
    assert "Korjattu selaimessa" in page.inner_text("main") and page.locator("details.restore").count() == 0
    assert_accessible(page, context="history, anonymous")


def test_reading_internal_values_in_the_history_is_logged(world):
    from yhdyspinta.catalogue.tests.factories import InterfaceFactory
    from yhdyspinta.core.models import AccessLog

    interface = InterfaceFactory(parties=[world.a1], visibility=Visibility.PUBLIC)
    change(interface, world.editor, internal_notes="Salainen muistiinpano")
    client_for(world.anonymous).get(history_url(interface))
    assert not AccessLog.objects.filter(action="read").exists()  # nothing internal was shown
    client_for(world.viewer).get(history_url(interface))
    entry = AccessLog.objects.get(action="read", user=world.viewer)
    assert entry.object_ids == str(interface.pk) and "history" in entry.detail


def test_a_part_named_after_a_hidden_person_does_not_name_them(world):
    from yhdyspinta.catalogue.models import InterfaceOwner
    from yhdyspinta.catalogue.tests.factories import InterfaceFactory

    interface = InterfaceFactory(parties=[world.a1], visibility=Visibility.PUBLIC)
    person = PersonFactory(organisation=world.a1, first_name="Salla", last_name="Salainen", visibility="internal")
    with audited(world.editor):
        InterfaceOwner.objects.create(interface=interface, organisation=world.a1, person=person)
    outsider = client_for(world.anonymous).get(history_url(interface)).content.decode()
    assert "Salla Salainen" not in outsider and "Omistaja: (piilotettu tietue) (Alfala)" in text_of_html(outsider)
    assert "Salla Salainen" in client_for(world.viewer).get(history_url(interface)).content.decode()


def text_of_html(body):
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())
