"""The person's notifications in the portal: their own only, newest first, the unread ones marked
and counted in the header; marking read; the language Plenary writes to them in."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from plenary.accounts.models import Notification, Preference
from plenary.core.actor import Actor
from tests.factories import NotificationFactory


def _at(minutes: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime(2018, 11, 15, 9, 0)) + dt.timedelta(minutes=minutes)


def _note(user, minutes: int, **values) -> Notification:
    note = NotificationFactory(user=user, **values)
    Notification.objects.filter(pk=note.pk).update(created=_at(minutes))  # auto_now_add: set after
    note.refresh_from_db()
    return note


def _badge(html: str) -> str | None:
    nav = html[html.index('<nav class="account"') :]
    nav = nav[: nav.index("</nav>")]
    found = re.search(
        r'<a href="(/[a-z-]*/?portal/notifications/)">[^<]+ <span class="badge" title="[^"]+">(\d+)</span></a>',
        nav,
    )
    return found.group(2) if found else None


def test_a_person_sees_their_own_notifications_newest_first(as_, people):
    old = _note(people["fra_fp"], 0, subject="Old one", url="/portal/papers/5/")
    new = _note(people["fra_fp"], 5, subject="New one", url="/zh-hans/portal/papers/6/", language="zh")
    read = _note(people["fra_fp"], 1, subject="Read one", url="", read_at=_at(2))
    _note(people["deu_fp"], 9, subject="Germany's own")
    html = as_("fra_fp").get("/portal/notifications/").content.decode()
    subjects = re.findall(r'<span class="subject"[^>]*>(?:<a href="([^"]*)">)?([^<]+)', html)
    # Newest first; each links its page in the language the reader reads now (English here).
    assert subjects == [("/portal/papers/6/", "New one"), ("", "Read one"), ("/portal/papers/5/", "Old one")]
    assert "Germany&#x27;s own" not in html
    assert html.count('<strong class="unread-mark">unread</strong>') == 2
    assert f'<li id="notification-{read.pk}" class="read">' in html
    assert f'<li id="notification-{new.pk}" class="unread">' in html
    assert f'<li id="notification-{old.pk}" class="unread">' in html
    assert '<span class="subject" lang="zh-Hans" dir="ltr">' in html  # written in Chinese
    assert "Unread: 2" in html
    assert _badge(html) == "2"


def test_links_follow_the_readers_language(as_, people):
    _note(people["fra_fp"], 0, url="/zh-hans/portal/papers/6/")
    _note(people["fra_fp"], 1, url="/documents/BWC/MSP/2018/WP.1")
    html = as_("fra_fp").get("/fr/portal/notifications/").content.decode()
    assert re.findall(r'<span class="subject"[^>]*><a href="([^"]*)">', html) == [
        "/fr/documents/BWC/MSP/2018/WP.1",
        "/fr/portal/papers/6/",
    ]


def test_an_arabic_notification_reads_right_to_left(as_, people):
    _note(people["deu_del"], 0, language="ar", subject="صدرت ورقة عمل: BWC/MSP/2018/WP.1")
    html = as_("deu_del").get("/portal/notifications/").content.decode()
    assert '<span class="subject" lang="ar" dir="rtl">' in html
    assert '<p class="body" lang="ar" dir="rtl">' in html


def test_marking_read_one_and_all(as_, people):
    mine = [_note(people["fra_fp"], m) for m in range(3)]
    theirs = _note(people["deu_fp"], 0)
    client = as_("fra_fp")
    response = client.post(f"/portal/notifications/{mine[0].pk}/read/")
    assert (response.status_code, response["Location"]) == (302, "/portal/notifications/")
    assert [
        n.read_at is not None for n in Notification.objects.filter(user=people["fra_fp"]).order_by("id")
    ] == [
        True,
        False,
        False,
    ]
    assert _badge(client.get("/").content.decode()) == "2"
    # Another person's notification does not exist for this one: 404, and it stays unread.
    assert client.post(f"/portal/notifications/{theirs.pk}/read/").status_code == 404
    assert client.post("/portal/notifications/999999/read/").status_code == 404
    assert client.get(f"/portal/notifications/{mine[1].pk}/read/").status_code == 405
    response = client.post("/portal/notifications/read/")
    assert response.status_code == 302
    assert not Notification.objects.filter(user=people["fra_fp"], read_at__isnull=True).exists()
    theirs.refresh_from_db()
    assert theirs.read_at is None
    html = client.get("/portal/notifications/").content.decode()
    assert "All notifications marked read." in html
    assert _badge(html) is None
    assert "Unread: 0" in html


def test_a_paper_step_reaches_the_invited_states_list_and_badge(as_, people, world):
    """The invitation of the world's draft reached Germany's focal point: listed, linked, counted."""
    client = as_("deu_fp")
    html = client.get("/portal/notifications/").content.decode()
    paper = world["draft"]
    assert (
        f'<a href="/portal/papers/{paper.pk}/">Invitation to co-sponsor a working paper: Draft paper</a>'
        in html
    )
    assert (
        "France invites Germany to co-sponsor the working paper “Draft paper” for Meeting of States " in html
    )
    # Germany's own registration was received too (the world's focal point registered it).
    assert "Registration received: Germany, Meeting of States Parties (BWC/MSP/2018)" in html
    assert _badge(html) == "2"
    assert client.get(f"/portal/papers/{paper.pk}/").status_code == 200  # the link opens


def test_the_list_pages_by_fifty(as_, people):
    for m in range(51):
        _note(people["fra_fp"], m, subject=f"Step {m}")
    client = as_("fra_fp")
    first = client.get("/portal/notifications/").content.decode()
    assert first.count('<li id="notification-') == 50
    assert "Step 50" in first and "Step 0<" not in first
    assert "Page 1 of 2" in first
    second = client.get("/portal/notifications/?page=2").content.decode()
    assert second.count('<li id="notification-') == 1
    assert ">Step 0</a>" in second
    assert client.get("/portal/notifications/?page=nonsense").status_code == 200


def test_the_person_chooses_their_language(as_, people):
    client = as_("deu_fp")
    html = client.get("/portal/notifications/").content.decode()
    assert "You have not chosen a language yet: Plenary writes to you in English." in html
    assert '<option value="en" selected>English</option>' in html
    response = client.post("/portal/notifications/language/", {"language": "zh"})
    assert (response.status_code, response["Location"]) == (302, "/portal/notifications/")
    assert Preference.objects.get(user=people["deu_fp"]).language == "zh"
    html = client.get("/portal/notifications/").content.decode()
    assert "From now on, Plenary writes to you in this language." in html
    assert '<option value="zh" selected>中文</option>' in html
    assert "You have not chosen a language yet" not in html


def test_after_choosing_chinese_the_next_step_is_told_in_chinese(as_, people, world):
    assert as_("deu_fp").post("/portal/notifications/language/", {"language": "zh"}).status_code == 302
    paper = world["submitted"]
    assert as_("fra_fp").post(f"/portal/papers/{paper.pk}/co-sponsors/", {"state": "DEU"}).status_code == 302
    html = as_("deu_fp").get("/zh-hans/portal/notifications/").content.decode()
    assert f'<a href="/zh-hans/portal/papers/{paper.pk}/">邀请共同提交工作文件：Submitted paper</a>' in html
    assert "法国邀请德国共同提交缔约国会议 (BWC/MSP/2018)的工作文件“Submitted paper”。" in html
    assert "<h1>通知</h1>" in html


@pytest.mark.parametrize("value", ["de", "", "zh-hans", "<script>"])
def test_a_language_that_is_not_a_un_language_is_refused(as_, people, value):
    client = as_("deu_fp")
    response = client.post("/portal/notifications/language/", {"language": value})
    assert response.status_code == 400
    assert '<span class="error">' in response.content.decode()
    assert "<script>" not in response.content.decode().split("<main", 1)[1]
    assert not Preference.objects.filter(user=people["deu_fp"]).exists()


def test_the_language_page_speaks_chinese_and_arabic(as_, people):
    client = as_("deu_fp")
    zh = client.get("/zh-hans/portal/notifications/language/").content.decode()
    assert "<h1>您的电子邮件和通知的语言</h1>" in zh
    ar = client.get("/ar/portal/notifications/").content.decode()
    assert '<html lang="ar" dir="rtl">' in ar
    assert "<h1>الإشعارات</h1>" in ar


def test_the_account_page_offers_the_language(as_, people):
    client = as_("fra_fp")
    html = client.get("/accounts/tokens/").content.decode()
    assert "Plenary writes your e-mails and notifications in English." in html
    assert '<a href="/portal/notifications/language/">Choose another language</a>' in html
    Preference.objects.create(user=people["fra_fp"], language="fr")
    assert (
        "Plenary writes your e-mails and notifications in Français."
        in client.get("/accounts/tokens/").content.decode()
    )


def test_every_signed_in_person_has_the_link(as_, people):
    for persona in ("staff", "fra_fp", "ngo", "officer"):
        html = as_(persona).get("/").content.decode()
        assert '<a href="/portal/notifications/">Notifications</a>' in html, persona
    assert "/portal/notifications/" not in as_("anonymous").get("/").content.decode()


def test_marking_read_is_the_recipients_alone(people):
    from plenary.accounts.notify import mark_all_read
    from plenary.core.errors import NotAllowed

    _note(people["fra_fp"], 0)
    with pytest.raises(NotAllowed, match="^only its recipient may mark a notification read$"):
        mark_all_read(people["fra_fp"], by=Actor.of(people["staff"]))
    assert mark_all_read(people["fra_fp"], by=Actor.of(people["fra_fp"])) == 1
    assert mark_all_read(people["fra_fp"], by=Actor.of(people["fra_fp"])) == 0
