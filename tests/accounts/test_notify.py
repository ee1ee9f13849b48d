"""Notifications: one row per person in their language, the e-mail on commit, never on rollback."""

from __future__ import annotations

import pytest
from django.core import mail
from django.db import transaction

from plenary.accounts.models import Notification
from plenary.accounts.notify import mark_read, notify, people_of, set_language, staff_users
from plenary.core.errors import DomainError, NotAllowed
from plenary.treaties.models import State

pytestmark = pytest.mark.django_db

CONTEXT = {"who": "France", "meeting": {"en": "the 2027 Meeting", "zh": "2027年会议"}}


def test_each_person_hears_once_in_their_language_and_the_mail_leaves_on_commit(
    people, django_capture_on_commit_callbacks
):
    fp, delegate = people["fra_fp"], people["fra_del"]
    fp.email, delegate.email = "fp@example.org", ""
    fp.save(), delegate.save()
    set_language(fp, "zh", by=people.actor("fra_fp"))
    with django_capture_on_commit_callbacks(execute=True):
        made = notify(
            "registration_received", [fp, delegate, fp, None], context=CONTEXT, url="/portal/delegations/7/"
        )
        assert mail.outbox == []  # not before the act commits
    assert [(n.user, n.language, n.subject, n.emailed_to) for n in made] == [
        (fp, "zh", "已收到登记：France，2027年会议", "fp@example.org"),
        (delegate, "en", "Registration received: France, the 2027 Meeting", ""),
    ]
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["fp@example.org"], "已收到登记：France，2027年会议")
    ]
    assert mail.outbox[0].body == (
        "秘书处已收到France参加2027年会议的登记。登记将经过审核，批准后将通知您。\n\n/portal/delegations/7/"
    )


def test_a_rolled_back_act_tells_no_one(people, django_capture_on_commit_callbacks):
    people["fra_fp"].email = "fp@example.org"
    people["fra_fp"].save()

    class Undo(Exception):
        pass

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(Undo), transaction.atomic():
            notify("registration_approved", [people["fra_fp"]], context=CONTEXT)
            raise Undo
    assert (Notification.objects.count(), callbacks, mail.outbox) == (0, [], [])


def test_a_failing_mail_server_does_not_undo_the_act(people, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "tests.accounts.test_notify.BrokenBackend"
    people["fra_fp"].email = "fp@example.org"
    people["fra_fp"].save()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        notify("registration_returned", [people["fra_fp"]], context={**CONTEXT, "reason": "no note verbale"})
    assert len(callbacks) == 1  # the mail was tried, and failed
    assert list(Notification.objects.values_list("body", flat=True)) == [
        "The secretariat has returned the registration of France for the 2027 Meeting for correction. "
        "Reason: no note verbale"
    ]


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("no mail server")


def test_who_hears_of_a_state_and_of_the_secretariat(people):
    fra = State.objects.get(code="FRA")
    assert people_of(state_id=fra.pk) == [people["fra_fp"], people["fra_del"]]
    assert people_of() == []
    assert staff_users() == [people["staff"]]


def test_only_the_person_sets_their_language_and_only_to_a_un_language(people):
    with pytest.raises(NotAllowed):
        set_language(people["fra_fp"], "fr", by=people.actor("deu_fp"))
    with pytest.raises(DomainError, match="language must be one of ar, zh, en, fr, ru, es, not 'de'"):
        set_language(people["fra_fp"], "de", by=people.actor("fra_fp"))
    assert set_language(people["fra_fp"], "ar", by=people.actor("staff")).language == "ar"


def test_only_the_recipient_marks_read(people):
    note = notify("floor_given", [people["fra_del"]], context=CONTEXT)[0]
    with pytest.raises(NotAllowed):
        mark_read(note, by=people.actor("fra_fp"))
    assert mark_read(note, by=people.actor("fra_del")).read_at is not None


def test_unknown_kinds_are_a_programming_error(people):
    with pytest.raises(ValueError, match="unknown notification kind 'party'"):
        notify("party", [people["fra_fp"]], context={})


def test_dates_in_a_message_are_written_in_the_recipients_language(people):
    import datetime as dt

    fp, delegate = people["fra_fp"], people["fra_del"]
    set_language(fp, "ru", by=people.actor("fra_fp"))
    context = {
        "who": "France",
        "meeting": (dt.date(2017, 12, 4), dt.date(2017, 12, 8)),
        "reason": dt.date(2017, 12, 1),
    }
    made = notify("registration_returned", [fp, delegate], context=context)
    assert [n.subject for n in made] == [
        "Регистрация возвращена: France, 4–8 декабря 2017 года",
        "Registration returned: France, 4–8 December 2017",
    ]
    assert made[1].body.endswith("for correction. Reason: 1 December 2017")
