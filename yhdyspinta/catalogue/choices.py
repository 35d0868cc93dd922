"""Fixed vocabularies of the register: service fields, themes, client groups, levels, dimensions, the scale."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ServiceField(models.TextChoices):
    """Palvelun toimiala: whether the municipality or the county organises it is data, not code."""

    EARLY_CHILDHOOD = "early_childhood", _("Early childhood education")
    BASIC_EDUCATION = "basic_education", _("Basic education")
    UPPER_SECONDARY = "upper_secondary", _("Upper secondary education")
    STUDENT_WELFARE = "student_welfare", _("Student welfare")
    YOUTH_WORK = "youth_work", _("Youth work")
    CULTURE = "culture", _("Culture")
    SPORTS = "sports", _("Sports and physical activity")
    LIBRARIES = "libraries", _("Libraries")
    EMPLOYMENT = "employment", _("Employment services")
    INTEGRATION = "integration", _("Immigrant integration")
    HYTE = "hyte", _("Health and wellbeing promotion")
    CHILD_HEALTH_CLINIC = "child_health_clinic", _("Child health clinic")
    CHILD_PROTECTION = "child_protection", _("Child protection")
    SCHOOL_HEALTH = "school_health", _("School health care")
    MENTAL_HEALTH = "mental_health", _("Mental health and substance abuse services")
    SOCIAL_WORK = "social_work", _("Social work")
    DISABILITY = "disability", _("Disability services")
    OLDER_PEOPLE = "older_people", _("Older people's services")
    HOME_CARE = "home_care", _("Home care")
    PRIMARY_HEALTH = "primary_health", _("Primary health care")
    SPECIALISED_CARE = "specialised_care", _("Specialised care")
    RESCUE = "rescue", _("Rescue services")
    ENVIRONMENTAL_HEALTH = "environmental_health", _("Environmental health")
    LAND_USE = "land_use", _("Land use and housing")
    SUPPORT_SERVICES = "support_services", _("Support services")
    OTHER = "other", _("Other")


class Theme(models.TextChoices):
    """Yhdyspinnan teema (domain S1)."""

    EARLY_CHILDHOOD = "early_childhood", _("Early childhood")
    SISOTE = "sisote", _("Education and student welfare (sisote)")
    YOUTH = "youth", _("Youth services")
    CULTURE = "culture", _("Culture and wellbeing")
    SPORTS = "sports", _("Sports and physical activity")
    EMPLOYMENT = "employment", _("Employment")
    INTEGRATION = "integration", _("Immigration and integration")
    HYTE = "hyte", _("Health and wellbeing promotion (hyte)")
    PREPAREDNESS = "preparedness", _("Preparedness and security")
    ENVIRONMENTAL_HEALTH = "environmental_health", _("Environmental health")
    COMMUNITY_PLANNING = "community_planning", _("Community planning")
    OLDER_PEOPLE = "older_people", _("Older people's services")
    RESCUE = "rescue", _("Rescue services")
    SUPPORT_SERVICES = "support_services", _("Support services")
    PREMISES = "premises", _("Premises and facilities")
    HOUSING = "housing", _("Housing")
    OTHER = "other", _("Other")


class ClientGroup(models.TextChoices):
    EVERYONE = "everyone", _("All residents")
    CHILDREN_FAMILIES = "children_families", _("Children and families")
    SCHOOL_AGE = "school_age", _("Pupils and students")
    YOUNG_PEOPLE = "young_people", _("Young people")
    WORKING_AGE = "working_age", _("Working-age people")
    OLDER_PEOPLE = "older_people", _("Older people")
    IMMIGRANTS = "immigrants", _("Immigrants")
    ORGANISATIONS = "organisations", _("Organisations (internal services)")


class Level(models.TextChoices):
    """Yhteistyön tasot (domain S3)."""

    POLITICAL = "political", _("Political decision-making")
    MANAGEMENT = "management", _("Management")
    EXPERT = "expert", _("Expert")
    FIELD = "field", _("Field work")


class Dimension(models.TextChoices):
    """The nine dimensions of the seeds: five of the work, four of governance."""

    SERVICE_GUIDANCE = "service_guidance", _("Service guidance")
    PROCESSES = "processes", _("Multi-professional processes")
    INFORMATION_FLOW = "information_flow", _("Information flow")
    RESPONSIBILITIES = "responsibilities", _("Responsibilities")
    RESOURCING = "resourcing", _("Resourcing")
    LEADERSHIP = "leadership", _("Organisations and leadership")
    SHARED_GOALS = "shared_goals", _("Shared goals")
    ESCALATION = "escalation", _("When it does not work")
    FORUMS = "forums", _("Development forums")


WORK_DIMENSIONS = Dimension.values[:5]
GOVERNANCE_DIMENSIONS = Dimension.values[5:]


class Maturity(models.IntegerChoices):
    """Kypsyys: a fixed 0–3 scale."""

    NOT_AGREED = 0, _("Not agreed")
    AGREED = 1, _("Agreed")
    IN_USE = 2, _("Documented and in use")
    WORKING = 3, _("Evaluated and working")


class Answer(models.TextChoices):
    YES = "yes", _("Yes")
    PARTLY = "partly", _("Partly")
    NO = "no", _("No")
    UNKNOWN = "unknown", _("Don't know")
