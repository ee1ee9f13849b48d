# UN Russian: the year written out as "года" ("4 декабря 2017 года").
DATE_FORMAT = r"j E Y \г\о\д\а"
DATETIME_FORMAT = r"j E Y \г\о\д\а, G:i"
