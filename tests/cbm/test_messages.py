# ruff: noqa: F811
"""The CBM domain's messages in the reader's language: a page refused in French or Chinese says
why in that language, the forms' refusals (a field's label, Form E's cells, Form 0's rows) too;
english() stays English."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from plenary.cbm import domain, forms
from plenary.core.actor import Actor
from plenary.core.errors import DomainError
from tests.cbm.test_domain import cast, fra, person  # noqa: F401
from tests.cbm.test_forms import facility, grid

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("fr", "FRA a déjà un projet de rapport sur les mesures de confiance pour 2025 : poursuivez-le"),
        ("zh-hans", "FRA 已有 2025 年的建立信任措施报告草稿：请继续完成该草稿"),
        ("en", "FRA already has a draft CBM report for 2025: go on with it"),
    ],
)
def test_a_second_draft_is_refused_in_the_reader_s_language(client, cast, fra, lang, said):
    domain.start_report(fra, 2025, by=Actor.of(cast["fra_cp"]), languages=["fr"])
    client.force_login(cast["fra_cp"])
    with translation.override(lang):
        url = reverse("portal:cbm_start")
    answer = client.post(url, {"state": fra.pk, "year": 2025, "languages": ["fr"]})
    assert answer.status_code == 400 and said in answer.content.decode()


def test_english_stays_english_whatever_the_language(cast, fra):
    domain.start_report(fra, 2025, by=Actor.of(cast["fra_cp"]), languages=["fr"])
    with translation.override("ar"):
        with pytest.raises(DomainError) as caught:
            domain.start_report(fra, 2025, by=Actor.of(cast["fra_cp"]), languages=["fr"])
        arabic = str(caught.value)
    assert caught.value.english() == "FRA already has a draft CBM report for 2025: go on with it"
    assert arabic == "لدى FRA بالفعل مشروع تقرير لتدابير بناء الثقة لسنة 2025: تابِع العمل عليه"


# --- the forms' refusals (cbm/forms.py) ------------------------------------------------------------


def _form_error(code, data):
    with pytest.raises(forms.FormError) as caught:
        forms.check_entry(code, data)
    return caught.value


def _row_error(row, year_covered=2025):
    with pytest.raises(forms.FormError) as caught:
        forms.check_declaration(row, year_covered=year_covered)
    return caught.value


def test_the_forms_refusals_read_in_french_with_the_fields_labels_translated():
    required = _form_error("A1i", facility(name=""))
    too_long = _form_error("A1i", facility(name="x" * 501))
    not_a_number = _form_error("A1i", facility(units="two"))
    negative = _form_error("A1i", facility(units="-1"))
    year = _row_error(forms.Declaration("C", "nothing_new", 1986))
    choice = _form_error("A1ii", {"level": "BSL4"})
    with translation.override("fr"):
        assert str(required) == "A1i : le champ « Nom(s) de l’installation » est obligatoire"
        assert str(too_long) == "A1i : le champ « Nom(s) de l’installation » dépasse 500 caractères"
        assert str(not_a_number) == (
            "A1i : le champ « Nombre d’unités de confinement maximal » doit être un nombre, et non 'two'"
        )
        assert str(negative) == (
            "A1i : le champ « Nombre d’unités de confinement maximal » doit être un nombre positif ou nul"
        )
        assert str(year) == (
            "C : l'année de la dernière déclaration doit être comprise entre 1987 et 2025, et non 1986"
        )
        assert str(choice) == (
            "A1ii : le champ « Niveau de biosécurité le plus élevé mis en œuvre » doit prendre l'une des "
            "valeurs suivantes : BSL3, BSL2"
        )
        assert str(
            _form_error(
                "A2ii",
                {
                    "name": "P",
                    "objectives": "O",
                    "funding": "F",
                    "contracted": "no",
                    "contracted_share": "20 %",
                },
            )
        ) == (
            "A2ii : la part des fonds consacrée aux contrats ne s'indique que si certains aspects du "
            "programme sont exécutés sous contrat"
        )


def test_the_forms_refusals_read_in_arabic_russian_and_chinese():
    required = _form_error("G", {"location": "Lyon", "diseases": "Influenza"})
    year = _row_error(forms.Declaration("E", "nothing_new"))
    with translation.override("ar"):
        assert str(required) == "G: يلزم ملء الحقل «اسم المرفق»"
        assert str(year) == "E: تتطلب الإجابة «لا جديد للإعلان عنه» ذكر سنة آخر إعلان"
    with translation.override("ru"):
        assert str(required) == "G: поле «Название объекта» обязательно для заполнения"
        assert str(year) == (
            "E: при ответе «нечего объявлять нового» необходимо указать год последнего объявления"
        )
    with translation.override("zh-hans"):
        assert str(required) == "G：必须填写“设施名称”"
        assert str(year) == "E：选择“无新内容需宣布”时须填写上次宣布的年份"


def test_the_forms_refusals_english_stays_english():
    required = _form_error("A1i", facility(name=""))
    year = _row_error(forms.Declaration("C", "nothing_new", 1986))
    for lang in ("en", "fr", "ar", "zh-hans"):
        with translation.override(lang):
            assert required.english() == "A1i: Name(s) of facility is required"
            assert (
                year.english() == "C: the year of the last declaration lies between 1987 and 2025, not 1986"
            )
    assert str(required) == "A1i: Name(s) of facility is required"
    assert isinstance(required, DomainError) and isinstance(required, ValueError)


def test_a_cell_of_form_e_is_named_by_its_letter_and_its_column_translated():
    refused = _form_error("E", {**grid(), "b_legislation": "maybe"})
    assert refused.english() == "E: (b) Legislation is answered yes or no"
    with translation.override("fr"):
        assert str(refused) == "E : le champ « (b) Législation » appelle une réponse par oui ou par non"
    with translation.override("zh-hans"):
        assert str(refused) == "E：“(b) 立法”须回答“是”或“否”"
    assert forms.FORMS["E"].fields[4].label == "(b) Legislation"  # the label itself is unchanged


def test_the_form_0_wrapper_reads_in_the_reader_s_language_with_the_row_s_refusal(cast, fra):
    cp = Actor.of(cast["fra_cp"])
    report = domain.start_report(fra, 2025, by=cp, languages=["fr"])
    with pytest.raises(DomainError) as one:
        domain.set_declaration(report, "C", "nothing_new", last_year=1986, by=cp)
    with pytest.raises(DomainError) as several:
        domain.set_form0(report, [forms.Declaration("G", "nothing", 2020)], by=cp)
    assert (
        str(one.value) == "Form 0: C: the year of the last declaration lies between 1987 and 2025, not 1986"
    )
    with translation.override("fr"):
        assert str(one.value) == (
            "Formulaire 0 : C : l'année de la dernière déclaration doit être comprise entre 1987 et 2025, "
            "et non 1986"
        )
        assert str(several.value) == (
            "Formulaire 0 : G : l'année de la dernière déclaration ne s'indique qu'avec la réponse "
            "« rien de nouveau à déclarer »"
        )
        assert several.value.english() == (
            "Form 0: G: a year of last declaration goes only with nothing new to declare"
        )
    with translation.override("ru"):
        assert str(one.value) == (
            "Форма 0: C: год последнего объявления должен быть в пределах от 1987 до 2025, а не 1986"
        )
    with translation.override("zh-hans"):
        assert str(several.value) == "表0：G：仅在选择“无新内容需宣布”时填写上次宣布的年份"


def test_an_entry_refused_on_the_portal_reads_in_french(client, cast, fra):
    report = domain.start_report(fra, 2025, by=Actor.of(cast["fra_cp"]), languages=["fr"])
    client.force_login(cast["fra_cp"])
    with translation.override("fr"):
        url = reverse("portal:cbm_add_entry", args=[report.pk, "A1i"])
    answer = client.post(url, facility(name=""))
    assert answer.status_code == 400
    assert "A1i : le champ « Nom(s) de l’installation » est obligatoire" in answer.content.decode()
    assert not report.entries.exists()


def test_the_portal_form_e_labels_its_cells_in_the_readers_language():
    from plenary.cbm.forms import FORMS
    from plenary.portal.cbm_views import entry_form

    form = entry_form(FORMS["E"])
    label = form.fields["a_legislation"].label
    with translation.override("fr"):
        assert str(label) == "(a) Législation"
    with translation.override("zh-hans"):
        assert str(label) == "(a) 立法"
    assert str(label) == "(a) Legislation"
