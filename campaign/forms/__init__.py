"""Forms, one module per subject: campaigns, tasks and launch documents (``campaigns``); registrations and pacts;
works and progress reports; achievements."""

from .campaigns import (  # noqa: F401
    CAMPAIGN_FIELDS,
    DATE_INPUT,
    SEARCH_MAX_LENGTH,
    BaseTaskPreviewFormSet,
    CampaignForm,
    CampaignPreviewForm,
    ClusterSearchForm,
    ClusterSelectionForm,
    DateField,
    LaunchDocumentUploadForm,
    TaskEditForm,
    TaskForm,
    TaskPreviewForm,
    TaskPreviewFormSet,
    TransitionForm,
)
