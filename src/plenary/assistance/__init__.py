"""Article VII assistance (MISSION row 17): requests for assistance in a standard format, the database of
assistance offers, and each request tracked from submission to closure."""
