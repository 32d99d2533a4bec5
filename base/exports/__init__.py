"""The record in other formats: the JSON of the open data, CSV files a spreadsheet opens safely,
iCalendar and vCard content lines."""
