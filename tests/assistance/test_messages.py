"""The Article VII domain's messages in the reader's language: a portal form refused in French or
Chinese says why in that language, field names included; english() stays English."""

from __future__ import annotations

import html

import pytest
from django.urls import reverse
from django.utils import translation

from plenary.assistance import domain
from plenary.core.errors import DomainError
from plenary.treaties.models import State
from tests.assistance.conftest import request_fields

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("fr", "la date de l'événement, 1er janvier 2999, est dans le futur"),
        ("zh-hans", "事件日期 2999年1月1日 在未来"),
        ("en", "the date of the event 1 January 2999 is in the future"),
    ],
)
def test_a_request_dated_in_the_future_is_refused_in_the_reader_s_language(client, world, lang, said):
    client.force_login(world["fra_cp"])
    data = {
        "state": State.objects.get(code="FRA").pk,
        "event_title": "x",
        "nature": "outbreak_unusual",
        "event_date": "2999-01-01",
        "place": "Lyon",
        "description": "Scenario.",
        "needs": ["medical"],
        "urgency": "immediate",
        "contacts": "Desk",
    }
    with translation.override(lang):
        url = reverse("portal:assistance_new_request")
    answer = client.post(url, data)
    assert answer.status_code == 400 and html.escape(said) in answer.content.decode()


def test_a_field_s_name_is_translated_with_the_message_and_english_stays_english(world):
    with translation.override("ar"):
        with pytest.raises(DomainError) as caught:
            domain.submit_request(
                State.objects.get(code="FRA"), by=world.actor("fra_cp"), **request_fields(place="  ")
            )
        arabic = str(caught.value)
    assert caught.value.english() == "the place of the event is required"
    assert arabic == "يلزم إدخال مكان الحدث"


# --- The steps' refusals and the secretariat's acts (steps.py, require_staff)

NB = "\u00a0"  # French puts a no-break space inside « »


def _step_refusal(history, step):
    from plenary.assistance.steps import StepError, check_step

    with pytest.raises(StepError) as caught:
        check_step(history, step)
    return caught.value


def test_a_step_out_of_order_names_the_steps_in_the_reader_s_language():
    error = _step_refusal(["submitted"], "delivered")
    with translation.override("fr"):
        assert str(error) == (
            f"après «{NB}demande soumise{NB}», la demande passe à : réception de la demande confirmée, "
            f"retirée par l’État requérant ou demande close ; non à «{NB}assistance fournie{NB}»"
        )
    with translation.override("ru"):
        assert str(error) == (
            "после шага «запрос представлен» запрос переходит к одному из шагов: получение запроса "
            "подтверждено, отозван запрашивающим государством, запрос закрыт; но не «помощь оказана»"
        )
    with translation.override("zh-hans"):
        assert str(error) == (
            "“请求已提交”之后，请求的下一步为：已确认收到请求、已由请求国撤回或请求已结束；而非“援助已提供”"
        )
    assert error.english() == (
        "after 'request submitted' the request goes on to: request acknowledged, withdrawn by the "
        "requesting State, request closed; not 'assistance delivered'"
    )


def test_each_kind_of_step_refusal_reads_in_french():
    delivered = _step_refusal(
        ["submitted", "acknowledged", "matched", "partners_notified", "delivered"], "matched"
    )
    cases = [
        (_step_refusal([], "acknowledged"), "une demande commence par sa soumission"),
        (_step_refusal(["submitted"], "lost"), "'lost' n’est pas une étape d’une demande d’assistance"),
        (
            _step_refusal(["submitted", "closed"], "acknowledged"),
            "la demande est close : aucune étape ne suit",
        ),
        (
            _step_refusal(["submitted", "withdrawn"], "closed"),
            "la demande est retirée : aucune étape ne suit",
        ),
        (
            delivered,
            f"après «{NB}assistance fournie{NB}», la demande passe à : demande close ou retirée par l’État "
            f"requérant ; non à «{NB}offres appariées{NB}»",
        ),
    ]
    with translation.override("fr"):
        for error, french in cases:
            assert str(error) == french
    assert delivered.english() == (
        "after 'assistance delivered' the request goes on to: request closed, withdrawn by the requesting "
        "State; not 'offers matched'"
    )


def test_a_step_dated_before_the_one_it_follows_reads_in_french_and_arabic():
    import datetime as dt

    from plenary.assistance.steps import StepError, next_steps, timeline

    start = dt.datetime(2024, 3, 1, 9, 0, tzinfo=dt.UTC)
    with pytest.raises(StepError) as caught:
        timeline([("submitted", start), ("acknowledged", start - dt.timedelta(hours=1))])
    with translation.override("fr"):
        assert str(caught.value) == (
            f"l’étape «{NB}réception de la demande confirmée{NB}» est datée d’avant l’étape qu’elle suit"
        )
    with translation.override("ar"):
        assert (
            str(caught.value) == "الخطوة «أُقرّ باستلام الطلب» مؤرخة بتاريخ يسبق تاريخ الخطوة التي تأتي بعدها"
        )
    assert caught.value.english() == "'request acknowledged' is dated before the step it follows"
    with pytest.raises(StepError) as unknown, translation.override("fr"):
        next_steps("lost")
    assert str(unknown.value) == "'lost' is not a step of a request for assistance"
    assert isinstance(unknown.value, ValueError) and isinstance(unknown.value, DomainError)


def test_only_the_secretariat_acknowledges_in_the_reader_s_language(world):
    from plenary.core.errors import NotAllowed

    request = domain.submit_request(
        State.objects.get(code="FRA"), by=world.actor("fra_cp"), **request_fields()
    )
    with pytest.raises(NotAllowed) as caught:
        domain.acknowledge(request, by=world.actor("fra_cp"))
    said = {
        "fr": "seul le secrétariat accuse réception des demandes d’assistance",
        "ar": "الأمانة وحدها هي التي تُقرّ باستلام طلبات المساعدة",
        "ru": "только секретариат подтверждает получение запросов о помощи",
        "zh-hans": "只有秘书处才能确认收到援助请求",
        "es": "solo la secretaría acusa recibo de las solicitudes de asistencia",
    }
    for lang, text in said.items():
        with translation.override(lang):
            assert str(caught.value) == text
    assert caught.value.english() == "only the secretariat acknowledges requests for assistance"


def test_a_step_on_a_closed_request_is_frozen_and_reads_in_french(world):
    from plenary.core.errors import Frozen

    request = domain.submit_request(
        State.objects.get(code="FRA"), by=world.actor("fra_cp"), **request_fields()
    )
    domain.close(request, by=world.actor("staff"))
    with pytest.raises(Frozen) as caught:
        domain.acknowledge(request, by=world.actor("staff"))
    with translation.override("fr"):
        assert str(caught.value) == "la demande est close : aucune étape ne suit"
    assert caught.value.english() == "the request is closed: no step follows"
