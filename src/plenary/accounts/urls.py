from django.contrib.auth import views as auth_views
from django.urls import path

from plenary.accounts import views

app_name = "accounts"
urlpatterns = [
    path("sign-in/", views.sign_in, name="login"),
    path("two-factor/", views.two_factor, name="two_factor"),
    path("enrol/<str:token>/", views.enrol, name="enrol"),
    path("recovery-codes/", views.recovery_codes, name="recovery_codes"),
    path("new-authenticator/", views.new_authenticator, name="new_authenticator"),
    path("sign-out/", views.sign_out, name="logout"),
    path("tokens/", views.tokens, name="tokens"),
    path("password-reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(
            template_name="accounts/message.html", extra_context={"message_key": "sent"}
        ),
        name="password_reset_done",
    ),
    path("reset/<uidb64>/<token>/", views.PasswordResetConfirmView.as_view(), name="password_reset_confirm"),
    path(
        "reset/done/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/message.html", extra_context={"message_key": "done"}
        ),
        name="password_reset_complete",
    ),
]
