"""Django's date formats per language where Django's own differ from the UN's (FORMAT_MODULE_PATH).

Plenary's pages write dates through plenary.core.dates; these make whatever Django itself formats
(the admin, a `|date:"DATE_FORMAT"` left somewhere) agree with the UN's forms: "4 December 2017",
not "Dec. 4, 2017"; "4 декабря 2017 года", not "4 декабря 2017 г."; the Arabic double month names
come from the Arabic catalogue (locale/ar). French, Spanish and Chinese keep Django's formats,
which are already the UN's (but for the French "1er").
"""
