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
    # The activity log and the history of any recorded object (here unit_a) are staff's, refused before any lookup.
    "units:activity": {"kwargs": None, "staff": 200, "officer": 403, "other_officer": 403, "council": 403, "anonymous": 302},
    "units:object_history": {"kwargs": "object_history", "staff": 200, "officer": 403, "other_officer": 403, "council": 403, "anonymous": 302},
    # The e-mail outbox is staff's; each person reads their own notices (another's notice is 404; bob's opens its page).
    "units:outbox": {"kwargs": None, "staff": 200, "officer": 403, "other_officer": 403, "council": 403, "anonymous": 302},
    "units:outbox_detail": {"kwargs": "outbox_email", "staff": 200, "officer": 403, "other_officer": 403, "council": 403, "anonymous": 302},
    "units:notifications": {"kwargs": None, "staff": 200, "officer": 200, "other_officer": 200, "council": 200, "anonymous": 302},
    # POST only: a GET answers 405.
    "units:notifications_read": {"kwargs": None, "staff": 405, "officer": 405, "other_officer": 405, "council": 405, "anonymous": 302},
    "units:notification_open": {"kwargs": "notification", "staff": 404, "officer": 302, "other_officer": 404, "council": 404, "anonymous": 302},
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
    # The staff dashboard (issue 8): staff only, refused before the campaign is looked up.
    "campaign:dashboard": {"kwargs": "campaign", "staff": 200, "officer": 403, "other_officer": 403, "council": 403, "anonymous": 302},
    # POST only (action: launch, evaluate or close): a GET answers 405 to staff.
    "campaign:transition": {"kwargs": "campaign", "extra": {"action": "evaluate"}, "staff": 405, "officer": 403, "other_officer": 403, "council": 403, "anonymous": 302},
    "campaign:task_add": {"kwargs": "campaign", "staff": 200, "officer": 403, "other_officer": 403, "council": 403, "anonymous": 302},
    "campaign:task_edit": {"kwargs": "task", "staff": 200, "officer": 403, "other_officer": 403, "council": 403, "anonymous": 302},
    # GET asks for confirmation, POST deletes.
    "campaign:task_delete": {"kwargs": "task", "staff": 200, "officer": 403, "other_officer": 403, "council": 403, "anonymous": 302},
    # What units hand in (issue 3). The world: bob's unit_a leads cluster_a (provincial) and has a draft registration
    # (with a photo), a draft work, a work in progress with a report, a draft achievement; charlie's unit_b is in no
    # cluster of the campaign. Objects of units a person does not follow answer 404; then the permission (403).
    "campaign:deadlines": {"kwargs": "campaign", "staff": 200, "officer": 403, "other_officer": 403, "council": 403, "anonymous": 302},
    "campaign:registration_list": {"kwargs": "campaign", "staff": 200, "officer": 200, "other_officer": 200, "council": 200, "anonymous": 302},
    "campaign:registration_export": {"kwargs": "campaign", "staff": 200, "officer": 200, "other_officer": 200, "council": 200, "anonymous": 302},
    "campaign:work_list": {"kwargs": "campaign", "staff": 200, "officer": 200, "other_officer": 200, "council": 200, "anonymous": 302},
    "campaign:work_export": {"kwargs": "campaign", "staff": 200, "officer": 200, "other_officer": 200, "council": 200, "anonymous": 302},
    "campaign:achievement_list": {"kwargs": "campaign", "staff": 200, "officer": 200, "other_officer": 200, "council": 200, "anonymous": 302},
    "campaign:achievement_export": {"kwargs": "campaign", "staff": 200, "officer": 200, "other_officer": 200, "council": 200, "anonymous": 302},
    "campaign:unit_progress": {"kwargs": "unit_in_campaign", "staff": 200, "officer": 200, "other_officer": 404, "council": 200, "anonymous": 302},
    "campaign:task_detail": {"kwargs": "task_page", "staff": 200, "officer": 200, "other_officer": 200, "council": 200, "anonymous": 302},
    # unit_a has registered already: its officer is taken to the registration.
    "campaign:registration_create": {"kwargs": "unit_in_campaign", "staff": 403, "officer": 302, "other_officer": 404, "council": 403, "anonymous": 302},
    "campaign:registration_detail": {"kwargs": "registration", "staff": 200, "officer": 200, "other_officer": 404, "council": 200, "anonymous": 302},
    "campaign:registration_edit": {"kwargs": "registration", "staff": 403, "officer": 200, "other_officer": 404, "council": 403, "anonymous": 302},
    # POST only: a GET answers 405 to whoever may press the button.
    "campaign:registration_action": {"kwargs": "registration", "extra": {"action": "submit"}, "staff": 403, "officer": 405, "other_officer": 404, "council": 403, "anonymous": 302},
    # A leader does not review its own unit: staff do.
    "campaign:registration_return": {"kwargs": "registration", "staff": 200, "officer": 403, "other_officer": 404, "council": 403, "anonymous": 302},
    "campaign:registration_evidence": {"kwargs": "registration", "staff": 403, "officer": 200, "other_officer": 404, "council": 403, "anonymous": 302},
    "campaign:pact_detail": {"kwargs": "pact", "staff": 200, "officer": 200, "other_officer": 404, "council": 200, "anonymous": 302},
    "campaign:pact_edit": {"kwargs": "pact", "staff": 200, "officer": 200, "other_officer": 404, "council": 403, "anonymous": 302},
    "campaign:pact_evidence": {"kwargs": "pact", "staff": 200, "officer": 200, "other_officer": 404, "council": 403, "anonymous": 302},
    "campaign:work_create": {"kwargs": "unit_in_campaign", "staff": 403, "officer": 200, "other_officer": 404, "council": 403, "anonymous": 302},
    "campaign:work_detail": {"kwargs": "work", "staff": 200, "officer": 200, "other_officer": 404, "council": 200, "anonymous": 302},
    "campaign:work_edit": {"kwargs": "work", "staff": 403, "officer": 200, "other_officer": 404, "council": 403, "anonymous": 302},
    "campaign:work_action": {"kwargs": "work", "extra": {"action": "submit"}, "staff": 403, "officer": 405, "other_officer": 404, "council": 403, "anonymous": 302},
    "campaign:work_return": {"kwargs": "work", "staff": 200, "officer": 403, "other_officer": 404, "council": 403, "anonymous": 302},
    "campaign:report_add": {"kwargs": "accepted_work", "staff": 403, "officer": 200, "other_officer": 404, "council": 403, "anonymous": 302},
    "campaign:report_edit": {"kwargs": "report", "staff": 403, "officer": 200, "other_officer": 404, "council": 403, "anonymous": 302},
    "campaign:report_evidence": {"kwargs": "report", "staff": 403, "officer": 200, "other_officer": 404, "council": 403, "anonymous": 302},
    "campaign:achievement_create": {"kwargs": "unit_in_campaign", "staff": 403, "officer": 200, "other_officer": 404, "council": 403, "anonymous": 302},
    "campaign:achievement_detail": {"kwargs": "achievement", "staff": 200, "officer": 200, "other_officer": 404, "council": 200, "anonymous": 302},
    "campaign:achievement_edit": {"kwargs": "achievement", "staff": 403, "officer": 200, "other_officer": 404, "council": 403, "anonymous": 302},
    "campaign:achievement_action": {"kwargs": "achievement", "extra": {"action": "submit"}, "staff": 403, "officer": 405, "other_officer": 404, "council": 403, "anonymous": 302},
    "campaign:achievement_return": {"kwargs": "achievement", "staff": 200, "officer": 403, "other_officer": 404, "council": 403, "anonymous": 302},
    "campaign:achievement_evidence": {"kwargs": "achievement", "staff": 403, "officer": 200, "other_officer": 404, "council": 403, "anonymous": 302},
    # Downloads: whoever may see what the file belongs to; anyone else 404.
    "campaign:evidence_download": {"kwargs": "evidence", "staff": 200, "officer": 200, "other_officer": 404, "council": 200, "anonymous": 302},
    "campaign:evidence_thumbnail": {"kwargs": "evidence", "staff": 200, "officer": 200, "other_officer": 404, "council": 200, "anonymous": 302},
    "campaign:evidence_remove": {"kwargs": "evidence", "staff": 403, "officer": 405, "other_officer": 404, "council": 403, "anonymous": 302},
    # Evaluation (issue 4). The world adds a scoring table with one criterion and unit_a's draft scorecard.
    "campaign:scoring_table": {"kwargs": "campaign", "staff": 200, "officer": 200, "other_officer": 200, "council": 200, "anonymous": 302},
    "campaign:scoring_table_edit": {"kwargs": "campaign", "staff": 200, "officer": 403, "other_officer": 403, "council": 403, "anonymous": 302},
    "campaign:criterion_add": {"kwargs": "campaign", "staff": 200, "officer": 403, "other_officer": 403, "council": 403, "anonymous": 302},
    "campaign:criterion_edit": {"kwargs": "criterion", "staff": 200, "officer": 403, "other_officer": 403, "council": 403, "anonymous": 302},
    # GET asks for confirmation, POST deletes.
    "campaign:criterion_delete": {"kwargs": "criterion", "staff": 200, "officer": 403, "other_officer": 403, "council": 403, "anonymous": 302},
    "campaign:scoring_import": {"kwargs": "campaign", "staff": 200, "officer": 403, "other_officer": 403, "council": 403, "anonymous": 302},
    "campaign:scoring_export": {"kwargs": "campaign", "staff": 200, "officer": 200, "other_officer": 200, "council": 200, "anonymous": 302},
    "campaign:scoring_copy": {"kwargs": "campaign", "staff": 200, "officer": 403, "other_officer": 403, "council": 403, "anonymous": 302},
    # POST only: a GET answers 405 to staff.
    "campaign:scoring_recompute": {"kwargs": "campaign", "staff": 405, "officer": 403, "other_officer": 403, "council": 403, "anonymous": 302},
    # unit_a has its scorecard already: its officer is taken to it.
    "campaign:scorecard_list": {"kwargs": "campaign", "staff": 200, "officer": 200, "other_officer": 200, "council": 200, "anonymous": 302},
    "campaign:scorecard_open": {"kwargs": "unit_in_campaign", "staff": 403, "officer": 302, "other_officer": 404, "council": 403, "anonymous": 302},
    "campaign:scorecard_detail": {"kwargs": "scorecard", "staff": 200, "officer": 200, "other_officer": 404, "council": 200, "anonymous": 302},
    "campaign:scorecard_edit": {"kwargs": "scorecard", "staff": 403, "officer": 200, "other_officer": 404, "council": 403, "anonymous": 302},
    "campaign:scorecard_action": {"kwargs": "scorecard", "extra": {"action": "submit"}, "staff": 403, "officer": 405, "other_officer": 404, "council": 403, "anonymous": 302},
    # Staff cross-check any scorecard; a leader does not cross-check its own unit.
    "campaign:scorecard_propose": {"kwargs": "scorecard", "staff": 200, "officer": 403, "other_officer": 404, "council": 403, "anonymous": 302},
    "campaign:scorecard_answer": {"kwargs": "scorecard", "staff": 403, "officer": 200, "other_officer": 404, "council": 403, "anonymous": 302},
    "campaign:scorecard_reopen": {"kwargs": "scorecard", "staff": 200, "officer": 403, "other_officer": 404, "council": 403, "anonymous": 302},
    "campaign:scorecard_export": {"kwargs": "scorecard", "staff": 200, "officer": 200, "other_officer": 404, "council": 200, "anonymous": 302},
    "campaign:cluster_ranking": {"kwargs": "pact", "staff": 200, "officer": 200, "other_officer": 404, "council": 200, "anonymous": 302},
    "campaign:cluster_ranking_export": {"kwargs": "pact", "staff": 200, "officer": 200, "other_officer": 404, "council": 200, "anonymous": 302},
    "campaign:cluster_ranking_pdf": {"kwargs": "pact", "staff": 200, "officer": 200, "other_officer": 404, "council": 200, "anonymous": 302},
    # Staff, or the cluster leader's officers, record the cluster's acclaim.
    "campaign:acclaim_edit": {"kwargs": "pact", "staff": 200, "officer": 200, "other_officer": 404, "council": 403, "anonymous": 302},
    "campaign:comparison": {"kwargs": "campaign", "staff": 200, "officer": 200, "other_officer": 200, "council": 200, "anonymous": 302},
    "campaign:comparison_export": {"kwargs": "campaign", "staff": 200, "officer": 200, "other_officer": 200, "council": 200, "anonymous": 302},
    # Reports (issue 8): the summary report is for staff; a cluster's, for staff and the leader's officers (bob).
    "campaign:summary_report_pdf": {"kwargs": "campaign", "staff": 200, "officer": 403, "other_officer": 403, "council": 403, "anonymous": 302},
    "campaign:summary_report_xlsx": {"kwargs": "campaign", "staff": 200, "officer": 403, "other_officer": 403, "council": 403, "anonymous": 302},
    "campaign:cluster_report_pdf": {"kwargs": "pact", "staff": 200, "officer": 200, "other_officer": 404, "council": 403, "anonymous": 302},
    "campaign:cluster_report_xlsx": {"kwargs": "pact", "staff": 200, "officer": 200, "other_officer": 404, "council": 403, "anonymous": 302},
    # --- awards (issue 5). People and households of unit_a: staff and bob; the council reads none (404 through the
    # scoped lookup); a unit's roster and discipline pages find the unit (visible to the council), then refuse (403).
    "awards:person_list": {"kwargs": None, "staff": 200, "officer": 200, "other_officer": 200, "council": 403, "anonymous": 302},
    "awards:person_create": {"kwargs": None, "staff": 200, "officer": 200, "other_officer": 200, "council": 403, "anonymous": 302},
    "awards:person_detail": {"kwargs": "person", "staff": 200, "officer": 200, "other_officer": 404, "council": 404, "anonymous": 302},
    "awards:person_edit": {"kwargs": "person", "staff": 200, "officer": 200, "other_officer": 404, "council": 404, "anonymous": 302},
    "awards:initiative_add": {"kwargs": "person", "staff": 200, "officer": 200, "other_officer": 404, "council": 404, "anonymous": 302},
    "awards:initiative_edit": {"kwargs": "initiative", "staff": 200, "officer": 200, "other_officer": 404, "council": 404, "anonymous": 302},
    "awards:person_discipline_add": {"kwargs": "person", "staff": 200, "officer": 200, "other_officer": 404, "council": 404, "anonymous": 302},
    "awards:household_list": {"kwargs": None, "staff": 200, "officer": 200, "other_officer": 200, "council": 403, "anonymous": 302},
    "awards:household_create": {"kwargs": None, "staff": 200, "officer": 200, "other_officer": 200, "council": 403, "anonymous": 302},
    "awards:household_detail": {"kwargs": "household", "staff": 200, "officer": 200, "other_officer": 404, "council": 404, "anonymous": 302},
    "awards:household_edit": {"kwargs": "household", "staff": 200, "officer": 200, "other_officer": 404, "council": 404, "anonymous": 302},
    "awards:roster_years": {"kwargs": "roster_unit", "staff": 200, "officer": 200, "other_officer": 404, "council": 403, "anonymous": 302},
    "awards:roster_edit": {"kwargs": "roster_year", "staff": 200, "officer": 200, "other_officer": 404, "council": 403, "anonymous": 302},
    "awards:unit_discipline_add": {"kwargs": "roster_unit", "staff": 200, "officer": 200, "other_officer": 404, "council": 403, "anonymous": 302},
    "awards:discipline_edit": {"kwargs": "discipline", "staff": 200, "officer": 200, "other_officer": 404, "council": 404, "anonymous": 302},
    # The award catalogue: everyone signed in reads it, staff edit it.
    "awards:catalogue": {"kwargs": None, "staff": 200, "officer": 200, "other_officer": 200, "council": 200, "anonymous": 302},
    "awards:form_detail": {"kwargs": "form", "staff": 200, "officer": 200, "other_officer": 200, "council": 200, "anonymous": 302},
    "awards:form_edit": {"kwargs": "form", "staff": 200, "officer": 403, "other_officer": 403, "council": 403, "anonymous": 302},
    "awards:form_documents": {"kwargs": "form", "staff": 200, "officer": 403, "other_officer": 403, "council": 403, "anonymous": 302},
    "awards:form_rules": {"kwargs": "form", "staff": 200, "officer": 403, "other_officer": 403, "council": 403, "anonymous": 302},
    "awards:form_history": {"kwargs": "form", "staff": 200, "officer": 403, "other_officer": 403, "council": 403, "anonymous": 302},
    # The register: everyone signed in looks up (officers within their units); staff import and add; a unit records
    # its own Giấy khen decisions.
    "awards:register_lookup": {"kwargs": None, "staff": 200, "officer": 200, "other_officer": 200, "council": 200, "anonymous": 302},
    "awards:register_export": {"kwargs": None, "staff": 200, "officer": 200, "other_officer": 200, "council": 200, "anonymous": 302},
    "awards:register_import": {"kwargs": None, "staff": 200, "officer": 403, "other_officer": 403, "council": 403, "anonymous": 302},
    "awards:register_import_template": {"kwargs": None, "staff": 200, "officer": 403, "other_officer": 403, "council": 403, "anonymous": 302},
    # POST only: a GET answers 405 to staff.
    "awards:register_import_confirm": {"kwargs": None, "staff": 405, "officer": 403, "other_officer": 403, "council": 403, "anonymous": 302},
    "awards:record_create": {"kwargs": None, "staff": 200, "officer": 403, "other_officer": 403, "council": 403, "anonymous": 302},
    "awards:record_detail": {"kwargs": "record", "staff": 200, "officer": 200, "other_officer": 404, "council": 200, "anonymous": 302},
    "awards:unit_decision_create": {"kwargs": "roster_unit", "staff": 403, "officer": 200, "other_officer": 404, "council": 403, "anonymous": 302},
    "awards:decision_detail": {"kwargs": "decision", "staff": 200, "officer": 200, "other_officer": 404, "council": 200, "anonymous": 302},
    # Nominations. unit_a has a batch in each state; staff never see a batch that was never submitted (404); the
    # council sees no batch (lists 403, objects 404). POST-only actions answer 405 to whoever may press them.
    "awards:batch_list": {"kwargs": "campaign", "staff": 200, "officer": 200, "other_officer": 200, "council": 403, "anonymous": 302},
    "awards:batch_create": {"kwargs": "campaign", "staff": 403, "officer": 200, "other_officer": 200, "council": 403, "anonymous": 302},
    "awards:batch_detail": {"kwargs": "submitted_batch", "staff": 200, "officer": 200, "other_officer": 404, "council": 404, "anonymous": 302},
    "awards:batch_edit": {"kwargs": "draft_batch", "staff": 404, "officer": 200, "other_officer": 404, "council": 404, "anonymous": 302},
    "awards:batch_file_upload": {"kwargs": "draft_batch", "staff": 404, "officer": 200, "other_officer": 404, "council": 404, "anonymous": 302},
    "awards:batch_submit": {"kwargs": "draft_batch", "staff": 404, "officer": 405, "other_officer": 404, "council": 404, "anonymous": 302},
    "awards:batch_withdraw": {"kwargs": "submitted_batch", "staff": 403, "officer": 405, "other_officer": 404, "council": 404, "anonymous": 302},
    "awards:nomination_create": {"kwargs": "draft_batch", "staff": 404, "officer": 200, "other_officer": 404, "council": 404, "anonymous": 302},
    "awards:nomination_detail": {"kwargs": "submitted_nomination", "staff": 200, "officer": 200, "other_officer": 404, "council": 404, "anonymous": 302},
    "awards:nomination_edit": {"kwargs": "draft_nomination", "staff": 404, "officer": 200, "other_officer": 404, "council": 404, "anonymous": 302},
    "awards:nomination_file_upload": {"kwargs": "draft_nomination", "staff": 404, "officer": 200, "other_officer": 404, "council": 404, "anonymous": 302},
    # GET asks for confirmation, POST deletes.
    "awards:nomination_delete": {"kwargs": "draft_nomination", "staff": 404, "officer": 200, "other_officer": 404, "council": 404, "anonymous": 302},
    "awards:nomination_recheck": {"kwargs": "draft_nomination", "staff": 404, "officer": 405, "other_officer": 404, "council": 404, "anonymous": 302},
    "awards:file_download": {"kwargs": "letter", "staff": 200, "officer": 200, "other_officer": 404, "council": 404, "anonymous": 302},
    "awards:file_remove": {"kwargs": "draft_file", "staff": 404, "officer": 405, "other_officer": 404, "council": 404, "anonymous": 302},
    # Screening: alice heads the board, so she may act at every step; the unit's officer only reads (403).
    "awards:screening_inbox": {"kwargs": None, "staff": 200, "officer": 403, "other_officer": 403, "council": 403, "anonymous": 302},
    "awards:batch_receive": {"kwargs": "submitted_batch", "staff": 405, "officer": 403, "other_officer": 404, "council": 404, "anonymous": 302},
    "awards:batch_assign": {"kwargs": "received_batch", "staff": 200, "officer": 403, "other_officer": 404, "council": 404, "anonymous": 302},
    "awards:batch_return": {"kwargs": "submitted_batch", "staff": 200, "officer": 403, "other_officer": 404, "council": 404, "anonymous": 302},
    "awards:batch_complete": {"kwargs": "assigned_batch", "staff": 405, "officer": 403, "other_officer": 404, "council": 404, "anonymous": 302},
    "awards:batch_forward": {"kwargs": "checked_batch", "staff": 200, "officer": 403, "other_officer": 404, "council": 404, "anonymous": 302},
    "awards:nomination_screen": {"kwargs": "assigned_nomination", "staff": 200, "officer": 403, "other_officer": 404, "council": 404, "anonymous": 302},
    "awards:check_override": {"kwargs": "assigned_nomination", "staff": 200, "officer": 403, "other_officer": 404, "council": 404, "anonymous": 302},
    "awards:proposal_create": {"kwargs": "campaign", "staff": 200, "officer": 403, "other_officer": 403, "council": 403, "anonymous": 302},
    # --- The council (issue 6). dora chairs and sits in the world's sessions; officers never see a session (404
    # through the scoped lookup); staff prepare them, the chair closes the ballot, staff record the decision.
    "awards:council_members": {"kwargs": None, "staff": 200, "officer": 403, "other_officer": 403, "council": 200, "anonymous": 302},
    "awards:session_list": {"kwargs": None, "staff": 200, "officer": 403, "other_officer": 403, "council": 200, "anonymous": 302},
    "awards:session_create": {"kwargs": None, "staff": 200, "officer": 403, "other_officer": 403, "council": 403, "anonymous": 302},
    "awards:session_detail": {"kwargs": "open_session", "staff": 200, "officer": 404, "other_officer": 404, "council": 200, "anonymous": 302},
    "awards:session_edit": {"kwargs": "preparing_session", "staff": 200, "officer": 404, "other_officer": 404, "council": 403, "anonymous": 302},
    "awards:session_attendance": {"kwargs": "open_session", "staff": 200, "officer": 404, "other_officer": 404, "council": 403, "anonymous": 302},
    # POST only: a GET answers 405 to staff.
    "awards:session_open": {"kwargs": "preparing_session", "staff": 405, "officer": 404, "other_officer": 404, "council": 403, "anonymous": 302},
    "awards:agenda_item": {"kwargs": "agenda_item", "staff": 200, "officer": 404, "other_officer": 404, "council": 200, "anonymous": 302},
    "awards:ballot": {"kwargs": "open_session", "staff": 403, "officer": 404, "other_officer": 404, "council": 200, "anonymous": 302},
    "awards:paper_ballot": {"kwargs": "open_session", "staff": 200, "officer": 404, "other_officer": 404, "council": 403, "anonymous": 302},
    # GET asks the chair for confirmation, POST closes.
    "awards:session_close": {"kwargs": "open_session", "staff": 403, "officer": 404, "other_officer": 404, "council": 200, "anonymous": 302},
    "awards:session_result": {"kwargs": "closed_session", "staff": 200, "officer": 404, "other_officer": 404, "council": 200, "anonymous": 302},
    "awards:session_minutes": {"kwargs": "closed_session", "staff": 200, "officer": 404, "other_officer": 404, "council": 200, "anonymous": 302},
    "awards:decision_create": {"kwargs": "closed_session", "staff": 200, "officer": 404, "other_officer": 404, "council": 403, "anonymous": 302},
    "awards:decision_cancel": {"kwargs": "province_decision", "staff": 200, "officer": 404, "other_officer": 404, "council": 403, "anonymous": 302},
    # Dossiers (issue 7). The closed session and unit_a's submitted batch each have a ready dossier (a stored PDF with
    # one nominee's report, a ZIP, the letter on its own). A session's: staff, and the members sitting in it, read it;
    # staff compile it. A batch's: the staff who see it and its unit's officers. POST-only actions answer 405.
    "awards:session_dossier": {"kwargs": "closed_session", "staff": 200, "officer": 404, "other_officer": 404, "council": 200, "anonymous": 302},
    "awards:session_dossier_progress": {"kwargs": "closed_session", "staff": 200, "officer": 404, "other_officer": 404, "council": 200, "anonymous": 302},
    "awards:session_dossier_start": {"kwargs": "closed_session", "staff": 405, "officer": 404, "other_officer": 404, "council": 403, "anonymous": 302},
    "awards:session_dossier_restart": {"kwargs": "session_dossier", "staff": 405, "officer": 404, "other_officer": 404, "council": 403, "anonymous": 302},
    "awards:session_dossier_pdf": {"kwargs": "session_dossier", "staff": 200, "officer": 404, "other_officer": 404, "council": 200, "anonymous": 302},
    "awards:session_dossier_zip": {"kwargs": "session_dossier", "staff": 200, "officer": 404, "other_officer": 404, "council": 200, "anonymous": 302},
    "awards:session_dossier_document": {"kwargs": "session_dossier_part", "staff": 200, "officer": 404, "other_officer": 404, "council": 200, "anonymous": 302},
    "awards:session_dossier_report": {"kwargs": "session_dossier_report", "staff": 200, "officer": 404, "other_officer": 404, "council": 200, "anonymous": 302},
    "awards:batch_dossier": {"kwargs": "submitted_batch", "staff": 200, "officer": 200, "other_officer": 404, "council": 404, "anonymous": 302},
    "awards:batch_dossier_progress": {"kwargs": "submitted_batch", "staff": 200, "officer": 200, "other_officer": 404, "council": 404, "anonymous": 302},
    "awards:batch_dossier_start": {"kwargs": "submitted_batch", "staff": 405, "officer": 405, "other_officer": 404, "council": 404, "anonymous": 302},
    "awards:batch_dossier_restart": {"kwargs": "batch_dossier", "staff": 405, "officer": 405, "other_officer": 404, "council": 404, "anonymous": 302},
    "awards:batch_dossier_pdf": {"kwargs": "batch_dossier", "staff": 200, "officer": 200, "other_officer": 404, "council": 404, "anonymous": 302},
    "awards:batch_dossier_zip": {"kwargs": "batch_dossier", "staff": 200, "officer": 200, "other_officer": 404, "council": 404, "anonymous": 302},
    "awards:batch_dossier_document": {"kwargs": "batch_dossier_part", "staff": 200, "officer": 200, "other_officer": 404, "council": 404, "anonymous": 302},
    "awards:batch_dossier_report": {"kwargs": "batch_dossier_report", "staff": 200, "officer": 200, "other_officer": 404, "council": 404, "anonymous": 302},
    # The public honour roll of a launched campaign.
    "awards:honour_roll": {"kwargs": "campaign", "staff": 200, "officer": 200, "other_officer": 200, "council": 200, "anonymous": 200},
    # --- Public pages (issue 8): no sign-in, for everyone; the world's campaign is launched, with a published
    # exemplary model (with its photo) and a draft one, and a published consultation on a province proposal.
    "robots_txt": {"kwargs": None, "staff": 200, "officer": 200, "other_officer": 200, "council": 200, "anonymous": 200},
    "sitemap": {"kwargs": None, "staff": 200, "officer": 200, "other_officer": 200, "council": 200, "anonymous": 200},
    "campaign:public_campaigns": {"kwargs": None, "staff": 200, "officer": 200, "other_officer": 200, "council": 200, "anonymous": 200},
    "campaign:public_campaign": {"kwargs": "campaign", "staff": 200, "officer": 200, "other_officer": 200, "council": 200, "anonymous": 200},
    "campaign:public_exemplary_list": {"kwargs": "campaign", "staff": 200, "officer": 200, "other_officer": 200, "council": 200, "anonymous": 200},
    "campaign:public_exemplary_detail": {"kwargs": "published_exemplary", "staff": 200, "officer": 200, "other_officer": 200, "council": 200, "anonymous": 200},
    "campaign:public_exemplary_photo": {"kwargs": "published_exemplary", "staff": 200, "officer": 200, "other_officer": 200, "council": 200, "anonymous": 200},
    "awards:public_consultation": {"kwargs": "consultation", "staff": 200, "officer": 200, "other_officer": 200, "council": 200, "anonymous": 200},
    # Exemplary models (staff write them; GETs of publish, take back and delete ask for confirmation).
    "campaign:exemplary_list": {"kwargs": "campaign", "staff": 200, "officer": 403, "other_officer": 403, "council": 403, "anonymous": 302},
    "campaign:exemplary_create": {"kwargs": "campaign", "staff": 200, "officer": 403, "other_officer": 403, "council": 403, "anonymous": 302},
    "campaign:exemplary_edit": {"kwargs": "draft_exemplary", "staff": 200, "officer": 403, "other_officer": 403, "council": 403, "anonymous": 302},
    "campaign:exemplary_publish": {"kwargs": "draft_exemplary", "staff": 200, "officer": 403, "other_officer": 403, "council": 403, "anonymous": 302},
    "campaign:exemplary_unpublish": {"kwargs": "published_exemplary", "staff": 200, "officer": 403, "other_officer": 403, "council": 403, "anonymous": 302},
    "campaign:exemplary_delete": {"kwargs": "draft_exemplary", "staff": 200, "officer": 403, "other_officer": 403, "council": 403, "anonymous": 302},
    "campaign:exemplary_photo": {"kwargs": "draft_exemplary", "staff": 200, "officer": 403, "other_officer": 403, "council": 403, "anonymous": 302},
    # Public comment on the nominee list: staff set it up and moderate (GETs of publish and take back confirm).
    "awards:consultation_list": {"kwargs": None, "staff": 200, "officer": 403, "other_officer": 403, "council": 403, "anonymous": 302},
    "awards:consultation_create": {"kwargs": None, "staff": 200, "officer": 403, "other_officer": 403, "council": 403, "anonymous": 302},
    "awards:consultation_detail": {"kwargs": "consultation", "staff": 200, "officer": 403, "other_officer": 403, "council": 403, "anonymous": 302},
    "awards:consultation_edit": {"kwargs": "consultation", "staff": 200, "officer": 403, "other_officer": 403, "council": 403, "anonymous": 302},
    "awards:consultation_publish": {"kwargs": "consultation", "staff": 200, "officer": 403, "other_officer": 403, "council": 403, "anonymous": 302},
    "awards:consultation_unpublish": {"kwargs": "consultation", "staff": 200, "officer": 403, "other_officer": 403, "council": 403, "anonymous": 302},
    "awards:comment_moderation": {"kwargs": "consultation", "staff": 200, "officer": 403, "other_officer": 403, "council": 403, "anonymous": 302},
    "awards:comment_moderate": {"kwargs": "public_comment", "staff": 200, "officer": 403, "other_officer": 403, "council": 403, "anonymous": 302},
}
