from django.urls import path

from . import views, views_contacts, views_public, views_rounds

app_name = "catalogue"

urlpatterns = [
    path("", views.InterfaceListView.as_view(), name="interface_list"),
    path("interfaces/add/", views.InterfaceEditView.as_view(), name="interface_add"),
    path("interfaces/<int:pk>/", views.InterfaceDetailView.as_view(), name="interface_detail"),
    path("interfaces/<int:pk>/edit/", views.InterfaceEditView.as_view(), name="interface_edit"),
    path("interfaces/<int:pk>/delete/", views.InterfaceDeleteView.as_view(), name="interface_delete"),
    path("interfaces/<int:pk>/assess/", views.AssessView.as_view(), name="interface_assess"),
    path("assessments/<int:pk>/retract/", views.RetractAssessmentView.as_view(), name="assessment_retract"),
    path("interfaces/cards.<str:fmt>", views.interface_cards_export, name="interface_cards"),
    path("interfaces/<int:pk>/card.pdf", views.InterfacePdfView.as_view(), name="interface_pdf"),
    path("services/", views.ServiceListView.as_view(), name="service_list"),
    path("services/add/", views.ServiceEditView.as_view(), name="service_add"),
    path("services/import/", views.ServiceImportView.as_view(), name="service_import"),
    path("services/contact-gaps/", views_contacts.ContactGapsView.as_view(), name="contact_gaps"),
    path("services/<int:pk>/link-ptv/", views_contacts.LinkPtvView.as_view(), name="service_link_ptv"),
    path("services/<int:pk>/", views.ServiceDetailView.as_view(), name="service_detail"),
    path("services/<int:pk>/edit/", views.ServiceEditView.as_view(), name="service_edit"),
    path("services/<int:pk>/delete/", views.ServiceDeleteView.as_view(), name="service_delete"),
    path("service-points/add/", views.ServicePointEditView.as_view(), name="servicepoint_add"),
    path("service-points/<int:pk>/edit/", views.ServicePointEditView.as_view(), name="servicepoint_edit"),
    path("service-points/<int:pk>/delete/", views.ServicePointDeleteView.as_view(), name="servicepoint_delete"),
    path("contacts/add/", views.ContactPointEditView.as_view(), name="contactpoint_add"),
    path("contacts/<int:pk>/edit/", views.ContactPointEditView.as_view(), name="contactpoint_edit"),
    path("contacts/<int:pk>/delete/", views.ContactPointDeleteView.as_view(), name="contactpoint_delete"),
    path("general-contacts/", views_contacts.GeneralContactListView.as_view(), name="general_contact_list"),
    path("general-contacts/add/", views_contacts.GeneralContactEditView.as_view(), name="general_contact_add"),
    path("general-contacts/<int:pk>/edit/", views_contacts.GeneralContactEditView.as_view(),
         name="general_contact_edit"),
    path("templates/", views.TemplateListView.as_view(), name="template_list"),
    path("overview/", views.OverviewView.as_view(), name="overview"),
    path("overview/national/", views.NationalOverviewView.as_view(), name="national_overview"),
    path("rounds/", views_rounds.RoundListView.as_view(), name="round_list"),
    path("rounds/add/", views_rounds.RoundCreateView.as_view(), name="round_add"),
    path("rounds/<int:pk>/", views_rounds.RoundDetailView.as_view(), name="round_detail"),
    path("rounds/<int:pk>/answer/<int:org>/", views_rounds.OrganisationAnswersView.as_view(), name="round_answer"),
    path("rounds/<int:pk>/close/", views_rounds.close_round_view, name="round_close"),
    path("finder/", views_public.FinderView.as_view(), name="finder"),
]
