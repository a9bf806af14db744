"""What a GET of every named URL answers for every role: the contract the URL walk checks.

"kwargs" names how to build the URL's arguments from the fixture world of test_url_walk.py; the other keys are the
status each role gets. Every URL pattern of the portal must have an entry here, or the walk fails.
"""

ACCESS = {
    "home": {"kwargs": None, "staff": 302, "officer": 302, "other_officer": 302, "council": 302, "anonymous": 200},
    "staff_home": {"kwargs": None, "staff": 200, "officer": 403, "other_officer": 403, "council": 403, "anonymous": 302},
    "officer_home": {"kwargs": None, "staff": 403, "officer": 200, "other_officer": 200, "council": 403, "anonymous": 302},
    "council_home": {"kwargs": None, "staff": 403, "officer": 403, "other_officer": 403, "council": 200, "anonymous": 302},
    "login": {"kwargs": None, "staff": 302, "officer": 302, "other_officer": 302, "council": 302, "anonymous": 200},
    "logout": {"kwargs": None, "staff": 405, "officer": 405, "other_officer": 405, "council": 405, "anonymous": 405},
    "password_change": {"kwargs": None, "staff": 200, "officer": 200, "other_officer": 200, "council": 200, "anonymous": 302},
    "password_change_done": {"kwargs": None, "staff": 200, "officer": 200, "other_officer": 200, "council": 200, "anonymous": 302},
    "units:unit_import": {"kwargs": None, "staff": 200, "officer": 403, "other_officer": 403, "council": 403, "anonymous": 302},
    "units:unit_import_template": {"kwargs": None, "staff": 200, "officer": 403, "other_officer": 403, "council": 403, "anonymous": 302},
    # POST only: a GET answers 405 to staff.
    "units:unit_import_confirm": {"kwargs": None, "staff": 405, "officer": 403, "other_officer": 403, "council": 403, "anonymous": 302},
    # units: units, clusters, accounts (staff manage; officers see their own units and clusters).
    "units:unit_list": {"kwargs": None, "staff": 200, "officer": 200, "other_officer": 200, "council": 200, "anonymous": 302},
    "units:unit_create": {"kwargs": None, "staff": 200, "officer": 403, "other_officer": 403, "council": 403, "anonymous": 302},
    "units:unit_detail": {"kwargs": "unit_a", "staff": 200, "officer": 200, "other_officer": 404, "council": 200, "anonymous": 302},
    "units:unit_edit": {"kwargs": "unit_a", "staff": 200, "officer": 403, "other_officer": 404, "council": 403, "anonymous": 302},
    "units:unit_deactivate": {"kwargs": "unit_a", "staff": 200, "officer": 403, "other_officer": 404, "council": 403, "anonymous": 302},
    "units:unit_reactivate": {"kwargs": "unit_a", "staff": 200, "officer": 403, "other_officer": 404, "council": 403, "anonymous": 302},
    "units:unit_merge": {"kwargs": "unit_a", "staff": 200, "officer": 403, "other_officer": 404, "council": 403, "anonymous": 302},
    "units:unit_history": {"kwargs": "unit_a", "staff": 200, "officer": 403, "other_officer": 404, "council": 403, "anonymous": 302},
    "units:cluster_list": {"kwargs": None, "staff": 200, "officer": 200, "other_officer": 200, "council": 200, "anonymous": 302},
    "units:cluster_create": {"kwargs": None, "staff": 200, "officer": 403, "other_officer": 403, "council": 403, "anonymous": 302},
    "units:cluster_detail": {"kwargs": "cluster_a", "staff": 200, "officer": 200, "other_officer": 404, "council": 200, "anonymous": 302},
    "units:cluster_edit": {"kwargs": "cluster_a", "staff": 200, "officer": 403, "other_officer": 404, "council": 403, "anonymous": 302},
    "units:cluster_copy": {"kwargs": "cluster_a", "staff": 200, "officer": 403, "other_officer": 404, "council": 403, "anonymous": 302},
    "units:cluster_history": {"kwargs": "cluster_a", "staff": 200, "officer": 403, "other_officer": 404, "council": 403, "anonymous": 302},
    "units:cluster_member_add": {"kwargs": "cluster_a", "staff": 200, "officer": 403, "other_officer": 404, "council": 403, "anonymous": 302},
    "units:cluster_member_edit": {"kwargs": "membership", "staff": 200, "officer": 403, "other_officer": 404, "council": 403, "anonymous": 302},
    # POST only: a GET answers 405 to staff.
    "units:cluster_member_remove": {"kwargs": "membership", "staff": 405, "officer": 403, "other_officer": 404, "council": 403, "anonymous": 302},
    "units:user_list": {"kwargs": None, "staff": 200, "officer": 403, "other_officer": 403, "council": 403, "anonymous": 302},
    "units:user_create": {"kwargs": None, "staff": 200, "officer": 403, "other_officer": 403, "council": 403, "anonymous": 302},
    # Accounts are scoped like units: bob sees his own account (403: staff manage it), anyone else's answers 404.
    "units:user_edit": {"kwargs": "user_bob", "staff": 200, "officer": 403, "other_officer": 404, "council": 404, "anonymous": 302},
    "units:user_set_password": {"kwargs": "user_bob", "staff": 200, "officer": 403, "other_officer": 404, "council": 404, "anonymous": 302},
    # POST only: a GET answers 405 to staff.
    "units:user_deactivate": {"kwargs": "user_bob", "staff": 405, "officer": 403, "other_officer": 404, "council": 404, "anonymous": 302},
    "units:user_reactivate": {"kwargs": "user_bob", "staff": 405, "officer": 403, "other_officer": 404, "council": 404, "anonymous": 302},
    # campaign: every signed-in person sees launched campaigns (a draft is 404 for all but staff); staff manage them.
    # The staff screens refuse others (403) before looking the campaign up.
    "campaign:list": {"kwargs": None, "staff": 200, "officer": 200, "other_officer": 200, "council": 200, "anonymous": 302},
    "campaign:import": {"kwargs": None, "staff": 200, "officer": 403, "other_officer": 403, "council": 403, "anonymous": 302},
    # POST only: a GET answers 405 to staff.
    "campaign:import_confirm": {"kwargs": None, "staff": 405, "officer": 403, "other_officer": 403, "council": 403, "anonymous": 302},
    # A launched campaign's page is public (read only); a draft stays 404 for all but staff, anonymous included.
    "campaign:detail": {"kwargs": "campaign", "staff": 200, "officer": 200, "other_officer": 200, "council": 200, "anonymous": 200},
    "campaign:edit": {"kwargs": "campaign", "staff": 200, "officer": 403, "other_officer": 403, "council": 403, "anonymous": 302},
    "campaign:clusters": {"kwargs": "campaign", "staff": 200, "officer": 403, "other_officer": 403, "council": 403, "anonymous": 302},
    "campaign:history": {"kwargs": "campaign", "staff": 200, "officer": 403, "other_officer": 403, "council": 403, "anonymous": 302},
    # POST only (action: launch, evaluate or close): a GET answers 405 to staff.
    "campaign:transition": {"kwargs": "campaign", "extra": {"action": "evaluate"}, "staff": 405, "officer": 403, "other_officer": 403, "council": 403, "anonymous": 302},
    "campaign:task_add": {"kwargs": "campaign", "staff": 200, "officer": 403, "other_officer": 403, "council": 403, "anonymous": 302},
    "campaign:task_edit": {"kwargs": "task", "staff": 200, "officer": 403, "other_officer": 403, "council": 403, "anonymous": 302},
    # GET asks for confirmation, POST deletes.
    "campaign:task_delete": {"kwargs": "task", "staff": 200, "officer": 403, "other_officer": 403, "council": 403, "anonymous": 302},
}
