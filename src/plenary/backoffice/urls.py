from django.urls import include, path

from plenary.backoffice import agenda_views, document_views, meeting_views, people_views, report_views, views

app_name = "backoffice"
# A meeting is named by its series, which holds slashes (BWC/MSP/2018/MX.1): the pages under a
# meeting come before the meeting's own page so that `<path:series>` does not swallow them.
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("plan/", meeting_views.plan, name="plan"),
    path("outbox/", views.outbox, name="outbox"),
    path("people/", people_views.people, name="people"),
    path("people/<int:pk>/grant/", people_views.grant, name="grant_role"),
    path("people/<int:pk>/invite/", people_views.invite, name="invite"),
    path("people/roles/<int:pk>/revoke/", people_views.revoke, name="revoke_role"),
    path("meetings/<path:series>/officers/", views.officers, name="officers"),
    path("meetings/<path:series>/registrations/<int:pk>/decide/", views.decide, name="decide"),
    path("meetings/<path:series>/registrations/<int:pk>/review/", views.review, name="review"),
    path("meetings/<path:series>/registrations/", views.registrations, name="registrations"),
    path("meetings/<path:series>/participants/badges.<str:fmt>", views.badges, name="badges"),
    path("meetings/<path:series>/participants/file/", views.participants_file, name="participants_file"),
    path("meetings/<path:series>/participants/", views.participants, name="participants"),
    path("meetings/<path:series>/decisions/", views.decisions, name="decisions"),
    path("meetings/<path:series>/report/paragraphs/", report_views.paragraphs, name="report_paragraphs"),
    path("meetings/<path:series>/report/preview/<str:lang>/", report_views.preview, name="report_preview"),
    path("meetings/<path:series>/report/", report_views.report, name="report"),
    path("meetings/<path:series>/documents/issue/", document_views.issue, name="issue_document"),
    path("meetings/<path:series>/documents/", views.documents, name="documents"),
    path("meetings/new/", meeting_views.new_meeting, name="new_meeting"),
    path("meetings/<path:series>/edit/", meeting_views.edit_meeting, name="edit_meeting"),
    path("meetings/<path:series>/agenda/preview/", agenda_views.preview, name="agenda_preview"),
    path("meetings/<path:series>/agenda/file/", agenda_views.agenda_file, name="agenda_file"),
    path("meetings/<path:series>/agenda/", agenda_views.agenda, name="agenda"),
    path("meetings/<path:series>/programme/", agenda_views.programme, name="programme"),
    path("meetings/<path:series>/", views.meeting, name="meeting"),
    # The treaty's databases (each app's pages in <app>_urls.py).
    path("cbm/", include("plenary.backoffice.cbm_urls")),
    path("cooperation/", include("plenary.backoffice.cooperation_urls")),
    path("assistance/", include("plenary.backoffice.assistance_urls")),
    path("finance/", include("plenary.backoffice.finance_urls")),
    path("sponsorship/", include("plenary.backoffice.sponsorship_urls")),
    path("treaties/", include("plenary.backoffice.treaties_urls")),
]
