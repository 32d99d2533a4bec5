"""The stakeholder groups whose voices the record counts, and which kinds of organisation belong
to each: written once here, for every page that counts who took the floor.

A regional body (the African Union, the OSCE) is an intergovernmental organisation, so it counts
with the UN and intergovernmental group. An organisation not yet classified ("other") is counted
apart, as "not yet classified": placing it in any of the seven groups would misstate that group's
share (civil society's, say, which the Chair asked to grow) until the Secretariat classifies it.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .models import OrganizationKind


class StakeholderGroup(models.TextChoices):
    GOVERNMENTS = "governments", _("Governments")
    INTERGOVERNMENTAL = "intergovernmental", _("UN and intergovernmental")
    WORKERS = "workers", _("Workers' organisations")
    EMPLOYERS = "employers", _("Employers' organisations and business")
    CIVIL_SOCIETY = "civil_society", _("Civil society")
    RESEARCH = "research", _("Research")
    ALLIANCE = "alliance", _("Alliance 8.7 bodies")
    UNCLASSIFIED = "unclassified", _("Not yet classified")


GROUP_OF_KIND = {
    OrganizationKind.GOVERNMENT: StakeholderGroup.GOVERNMENTS,
    OrganizationKind.INTERGOVERNMENTAL: StakeholderGroup.INTERGOVERNMENTAL,
    OrganizationKind.REGIONAL_BODY: StakeholderGroup.INTERGOVERNMENTAL,
    OrganizationKind.WORKERS: StakeholderGroup.WORKERS,
    OrganizationKind.EMPLOYERS: StakeholderGroup.EMPLOYERS,
    OrganizationKind.CIVIL_SOCIETY: StakeholderGroup.CIVIL_SOCIETY,
    OrganizationKind.RESEARCH: StakeholderGroup.RESEARCH,
    OrganizationKind.ALLIANCE: StakeholderGroup.ALLIANCE,
    OrganizationKind.OTHER: StakeholderGroup.UNCLASSIFIED,
}


def group_of(kind):
    """The stakeholder group of an organisation kind."""
    return GROUP_OF_KIND[kind]


def kinds_in(group):
    """The organisation kinds that make up `group`."""
    return [kind for kind, its_group in GROUP_OF_KIND.items() if its_group == group]
