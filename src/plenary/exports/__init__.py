"""Files made from the records: the iCalendar feed of meetings, CSV and XLSX lists of a
meeting's participants and documents, report files and document language versions.

Plain functions (`ical`, `tables`, `files`) that return bytes, and thin Django views (`views`)
that the API or the pages mount.
"""
