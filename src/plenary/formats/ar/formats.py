# UN Arabic: day, month (its double name, from the catalogue), year, no comma.
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y، H:i"
