"""The sponsorship programme (MISSION row 21): donors and voluntary contributions, applications by
experts, the priority rules, decisions, what each sponsorship pays against the fund."""
