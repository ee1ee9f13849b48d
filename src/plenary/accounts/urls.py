from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

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
    path(
        "password-reset/",
        auth_views.PasswordResetView.as_view(
            template_name="accounts/password_reset.html",
            email_template_name="accounts/password_reset_email.txt",
            success_url=reverse_lazy("accounts:password_reset_done"),
        ),
        name="password_reset",
    ),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(
            template_name="accounts/message.html", extra_context={"message_key": "sent"}
        ),
        name="password_reset_done",
    ),
    path(
        "reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="accounts/password_reset_confirm.html",
            success_url=reverse_lazy("accounts:password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "reset/done/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/message.html", extra_context={"message_key": "done"}
        ),
        name="password_reset_complete",
    ),
]
