"""The campaign's summary report (báo cáo tổng kết) and a cluster's report, as PDF (domain.md §7) and as Excel.

Both are built from the dashboard's figures (``selectors.dashboard.campaign_figures`` / ``cluster_figures``): the
same numbers the staff dashboard shows. ``context`` turns the figures into the plain context of the PDF template
(``templates/campaign/reports/summary_report.html``); ``workbook`` into the .xlsx bytes. Nothing here queries the
database but ``head_of_board`` (the signer's name) and ``campaign_facts``.
"""

from .context import campaign_facts, cluster_context, head_of_board, summary_context  # noqa: F401
from .workbook import cluster_workbook, summary_workbook  # noqa: F401
