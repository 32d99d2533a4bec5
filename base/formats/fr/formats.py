"""How the portal prints dates in French, as the Alliance's French documents do: '17 juillet 2019'.

Django's own fr formats fill in the rest: day first, a narrow no-break space between thousands and
a decimal comma; years are printed without separators ('2019').
"""

DATE_FORMAT = "j F Y"
