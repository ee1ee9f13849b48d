"""A notification links its page in the recipient's language; an organization's representatives
hear of its steps."""

from __future__ import annotations

import pytest
from django.core import mail

from plenary.accounts.notify import notify, page_urls, people_of, set_language
from plenary.participation.models import Organization

pytestmark = pytest.mark.django_db


def test_a_page_has_an_address_in_each_language():
    assert page_urls("portal:paper", 7) == {
        "ar": "/ar/portal/papers/7/",
        "zh": "/zh-hans/portal/papers/7/",
        "en": "/portal/papers/7/",
        "fr": "/fr/portal/papers/7/",
        "ru": "/ru/portal/papers/7/",
        "es": "/es/portal/papers/7/",
    }
    assert page_urls("web:document", "BWC/MSP/2018/WP.1")["zh"] == "/zh-hans/documents/BWC/MSP/2018/WP.1"


def test_each_person_gets_the_link_in_their_language(people, django_capture_on_commit_callbacks):
    fp, delegate = people["deu_fp"], people["deu_del"]
    fp.email = delegate.email = "someone@example.org"
    fp.save(), delegate.save()
    set_language(fp, "ru", by=people.actor("deu_fp"))
    with django_capture_on_commit_callbacks(execute=True):
        made = notify(
            "floor_given",
            [fp, delegate],
            context={"who": "Germany", "meeting": "MSP"},
            url=page_urls("portal:papers"),
        )
    assert [n.url for n in made] == ["/ru/portal/papers/", "/portal/papers/"]
    assert [m.body.rsplit("\n", 1)[1] for m in mail.outbox] == ["/ru/portal/papers/", "/portal/papers/"]


def test_an_organizations_representatives_hear_of_its_steps(people):
    vertic = Organization.objects.get(code="VERTIC")
    assert people_of(organization_id=vertic.pk) == [people["ngo"]]
    assert people_of(organization_id=Organization.objects.exclude(pk=vertic.pk).first().pk) == []
