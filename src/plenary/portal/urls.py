from django.urls import include, path

from plenary.portal import registration_views, views

app_name = "portal"
urlpatterns = [
    # Delegations
    path("", views.delegations, name="delegations"),
    path("register/", views.register_start, name="register_start"),
    path("meetings/<path:series>/register/<str:code>/", registration_views.register, name="register"),
    path("delegations/<int:pk>/", views.delegation, name="delegation"),
    path("delegations/<int:pk>/edit/", registration_views.edit_delegation, name="edit_delegation"),
    path("delegations/<int:pk>/credentials/", registration_views.credentials, name="credentials"),
    # Working papers
    path("papers/", views.papers, name="papers"),
    path("delegations/<int:pk>/papers/new/", views.new_paper, name="new_paper"),
    path("papers/<int:pk>/", views.paper, name="paper"),
    path("papers/<int:pk>/files/", views.paper_file, name="paper_file"),
    path("papers/<int:pk>/files/<str:lang>/", views.paper_download, name="paper_download"),
    path("papers/<int:pk>/co-sponsors/", views.paper_invite, name="paper_invite"),
    path("papers/<int:pk>/submit/", views.paper_submit, name="paper_submit"),
    path("papers/<int:pk>/withdraw/", views.paper_withdraw, name="paper_withdraw"),
    path("papers/<int:pk>/issue/", views.issue, name="issue"),
    path("invitations/", views.invitations, name="invitations"),
    path("invitations/<int:pk>/", views.answer_invitation, name="answer_invitation"),
    path("to-issue/", views.to_issue, name="to_issue"),
    # What others did in a State's (an organization's) name
    path("states/<str:code>/acted-for/", views.acted_for, {"kind": "states"}, name="acted_for_state"),
    path(
        "organizations/<str:code>/acted-for/",
        views.acted_for,
        {"kind": "organizations"},
        name="acted_for_organization",
    ),
    # Notifications
    path("notifications/", views.notification_list, name="notifications"),
    path("notifications/<int:pk>/read/", views.notification_read, name="notification_read"),
    path("notifications/read/", views.notification_read_all, name="notification_read_all"),
    path("notifications/language/", views.notification_language, name="notification_language"),
    # The floor
    path("delegations/<int:pk>/floor/", views.floor, name="floor"),
    path("delegations/<int:pk>/floor/place/", views.floor_place, name="floor_place"),
    path("floor/<int:pk>/withdraw/", views.floor_withdraw, name="floor_withdraw"),
    path("floor/<int:pk>/move/", views.floor_move, name="floor_move"),
    path("floor/<int:pk>/give/", views.floor_give, name="floor_give"),
    path("floor/<int:pk>/end/", views.floor_end, name="floor_end"),
    path("floor/<int:pk>/time-limit/", views.floor_time_limit, name="floor_time_limit"),
    path("speakers/", views.speakers, name="speakers"),
    path("meetings/<path:series>/speakers/", views.meeting_speakers, name="meeting_speakers"),
    path("meetings/<path:series>/speakers/queue/", views.queue, name="queue"),
    path("meetings/<path:series>/speakers/next/", views.next_speaker, name="next_speaker"),
    path("meetings/<path:series>/speakers/add/", views.floor_add, name="floor_add"),
    path("meetings/<path:series>/speakers/time-limit/", views.time_limit, name="time_limit"),
    # The treaty's databases (each app's pages in <app>_urls.py).
    path("cbm/", include("plenary.portal.cbm_urls")),
    path("cooperation/", include("plenary.portal.cooperation_urls")),
    path("assistance/", include("plenary.portal.assistance_urls")),
    path("finance/", include("plenary.portal.finance_urls")),
    path("sponsorship/", include("plenary.portal.sponsorship_urls")),
]
