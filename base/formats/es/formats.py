"""How the portal prints dates in Spanish, as the Alliance's Spanish documents do:
'17 de julio de 2019'.

Django's own es formats fill in the rest: day first, a point between thousands and a decimal
comma; years are printed without separators ('2019').
"""

DATE_FORMAT = r"j \d\e F \d\e Y"
