"""The history screens' shared view: the page of rows itself is built by ``units.history``."""

from .base import GuardedMixin


class HistoryView(GuardedMixin):
    """An object's history page; ``get_history_page`` builds the page."""

    permission_required = "units.view_history"

    def get_context_data(self, **kwargs):
        page = self.get_history_page(self.request.GET.get("page"))
        return super().get_context_data(page_obj=page, records=page.object_list, **kwargs)
