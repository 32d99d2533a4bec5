"""How the portal prints dates in British English, as the GCG's reports do: '17 July 2019'.

Django's own en_GB formats fill in the rest; among them the admin's date input, day first
(12/11/2019 is 12 November 2019).
"""

DATE_FORMAT = "j F Y"
