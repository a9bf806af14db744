"""Who may do what with the council."""

import rules

from units.rules import is_council_member, is_portal_staff

rules.add_perm("awards.view_council", is_portal_staff | is_council_member)
rules.add_perm("awards.manage_council", is_portal_staff)
