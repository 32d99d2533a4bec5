"""Whom the feeds are written for: a visitor, whoever asks.

A feed reader signs in to nothing, and a feed is passed on: a staff member's reader must not
carry drafts to wherever its entries go. So every feed asks the record's rules
(`Model.objects.visible_to`) for what a visitor may see, and is the same for every reader.
"""

from django.contrib.auth.models import AnonymousUser

VISITOR = AnonymousUser()
