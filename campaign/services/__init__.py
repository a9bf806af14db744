"""Writes that matter, one module per subject: campaigns and tasks (``campaigns``), registrations and pacts
(``registrations``), works and progress (``works``), achievements (``achievements``), evidence files (``evidence``)."""

from .campaigns import (  # noqa: F401
    DOCUMENT_FIELDS,
    EDITABLE_FIELDS,
    ImportResult,
    MissingStartDate,
    add_task,
    close_campaign,
    create_campaign_from_document,
    delete_task,
    document_data,
    import_launch_document_file,
    launch_campaign,
    notify_campaign_launched,
    set_campaign_clusters,
    start_evaluation,
    update_campaign,
    update_campaign_from_document,
    update_task,
)
