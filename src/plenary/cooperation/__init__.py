"""The Article X cooperation and assistance database (MISSION row 16): offers (public), requests (States
Parties only), matches and their outcome, the yearly report of offers, requests and matches."""
