"""Labels of people in record pickers (core/pickers.py): name, title and organisation, so two
people with the same job title in different organisations are told apart."""

from .models import Person

labels = {
    Person: lambda person: ", ".join(part for part in (str(person), person.title, str(person.organisation or "")) if part),
}
related = {Person: ("organisation",)}
search_fields = {Person: ("first_name", "last_name", "title", "organisation__name")}
