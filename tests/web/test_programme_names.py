"""The programme page names each Chair's State as the UN named it on the meeting's date."""

from __future__ import annotations


def test_the_programme_names_a_chairs_state_as_on_the_meetings_date(client, db):
    html = client.get("/programme/").content.decode()
    # 2018: the UN still wrote "Czech Republic" and "the former Yugoslav Republic of Macedonia".
    assert "Otakar Gorgol (Czech Republic, EEG)" in html
    assert "Ljupčo Jivan Gjorgjinski (the former Yugoslav Republic of Macedonia, EEG)" in html
    assert "Gorgol (Czechia" not in html and "Gjorgjinski (North Macedonia" not in html
    # 2021 (the 2020 Meeting of Experts on national implementation, held in August 2021): renamed.
    assert "Elena Kuzmanovska (North Macedonia, EEG)" in html
    assert "Kuzmanovska (the former Yugoslav Republic of Macedonia" not in html
