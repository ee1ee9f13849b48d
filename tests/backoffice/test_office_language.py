"""The back office's meeting pages speak the reader's language: under /fr/ or /ar/ their headings,
menus, buttons and counts are in French or Arabic, and no English heading is left; under /office/
they read in English as before."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("url", "shown", "not_shown"),
    [
        (
            "/fr/office/",
            [
                "<h1>Espace du secrétariat</h1>",
                '<a href="/fr/office/meetings/new/">Nouvelle réunion</a>',
                '<a class="button" href="/fr/office/plan/">Planifier une année du programme</a>',
                "<th>Délégations en attente</th><th>Inscrites</th><th>Inscriptions à vérifier</th>",
            ],
            [
                "<h1>Back office</h1>",
                ">New meeting<",
                ">Plan a year of the programme<",
                "<th>Delegations pending</th>",
                "No meeting is recorded yet.",
            ],
        ),
        (
            "/fr/office/plan/",
            [
                "<h1>Planifier une année du programme</h1>",
                '<label for="id_prefill_shape">Format</label>',
                "<th>Réunion</th><th>Numéro de session</th><th>Ouverture</th><th>Clôture</th>",
                "<button>Vérifier et créer les réunions</button>",
            ],
            [
                "<h1>Plan a year of the programme</h1>",
                "<th>Session number</th>",
                "Check and create the meetings",
                "Meetings are created only when",
            ],
        ),
        (
            "/ar/office/people/",
            [
                "<h1>الأشخاص</h1>",
                "<h2>حساب جديد</h2>",
                "<h2>الحسابات</h2>",
                "<button>إنشاء الحساب</button>",
                "<th>اسم المستخدم</th>",
            ],
            [
                "<h1>People</h1>",
                "<h2>New account</h2>",
                "<h2>Accounts</h2>",
                "Create the account",
                "Send the set-password e-mail",
            ],
        ),
        (
            "/fr/office/meetings/BWC/MSP/2017/",
            ["<dt>Type</dt>", "(5 jours)", "<h2>Bureau</h2>", "Modifier la réunion"],
            [
                "<dt>Kind</dt>",
                "(5 days)",
                "<h2>Officers</h2>",
                "Edit the meeting",
                '<h2 id="audit-trail">Audit trail</h2>',
            ],
        ),
    ],
)
def test_the_pages_are_in_the_readers_language(staff, url, shown, not_shown):
    response = staff.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    for text in shown:
        assert text in html
    for text in not_shown:
        assert text not in html


def test_a_count_takes_the_languages_plural_form(staff):
    html = staff.get("/ru/office/people/?q=isu-staff").content.decode()
    assert "1 учетная запись соответствует запросу «isu-staff»." in html
    html = staff.get("/fr/office/people/?q=isu-staff").content.decode()
    assert "1 compte correspond à « isu-staff »." in html


def test_a_form_s_labels_and_choices_follow_the_language(staff):
    # Django's French label suffix is a no-break space and a colon.
    html = staff.get("/fr/office/meetings/new/").content.decode()
    assert '<label for="id_series">Série\N{NO-BREAK SPACE}:</label>' in html
    assert '<option value="closed">restreinte (États parties et signataires seulement)</option>' in html
    assert '<label for="id_title_ar">Titre (Arabe)\N{NO-BREAK SPACE}:</label>' in html
    # The original language of a document to issue is named in the reader's language too.
    html = staff.get("/fr/office/meetings/BWC/MSP/2017/agenda/").content.decode()
    assert '<option value="en" selected>Anglais</option>' in html
    assert '<option value="en" selected>English</option>' not in html


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("/office/", ["<h1>Back office</h1>", "<th>Delegations pending</th><th>Registered</th>"]),
        (
            "/office/plan/",
            ["<h1>Plan a year of the programme</h1>", "<button>Check and create the meetings</button>"],
        ),
        (
            "/office/people/",
            ["<h1>People</h1>", "<h2>New account</h2>", "<button>Create the account</button>"],
        ),
        ("/office/meetings/BWC/MSP/2017/", ["<dt>Kind</dt>", "(5 days)", "<h2>Officers</h2>"]),
    ],
)
def test_the_english_pages_read_as_before(staff, url, shown):
    html = staff.get(url).content.decode()
    for text in shown:
        assert text in html
