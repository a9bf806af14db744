"""The award catalogue: read by everyone signed in (the regimes with their forms; one form with its documents and
rules); edited by staff (a form's settings, its documents, its rules), every change with a reason in its history."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView, TemplateView
from django.views.generic.detail import SingleObjectMixin

from campaign.views.pledge_base import add_service_error
from units.views.base import GuardedMixin, PermissionMixin

from ..eligibility import DEFAULTS, OPTIONAL
from ..forms.catalogue import AwardFormEditForm, ChangeReasonForm, DocumentsFormSet, RuleRowForm, RulesFormSet
from ..models import RuleKind
from ..selectors import catalogue as selectors
from ..services import catalogue as services

MANAGE = "awards.manage_catalogue"


class CatalogueView(PermissionMixin, TemplateView):
    """The regimes, the one of the newest campaign first, each with its award forms (active first)."""

    permission_required = "awards.view_catalogue"
    template_name = "awards/catalogue/catalogue.html"

    def get_context_data(self, **kwargs):
        regimes = list(selectors.catalogue_regimes())
        return super().get_context_data(regimes=regimes, manages=self.request.user.has_perm(MANAGE), **kwargs)


class FormObjectMixin(GuardedMixin, SingleObjectMixin):
    """The award form of the URL (404 when there is none), then the view's permission (403)."""

    context_object_name = "award_form"

    def get_queryset(self):
        return selectors.form_pages()

    def get_context_data(self, **kwargs):
        return super().get_context_data(manages=self.request.user.has_perm(MANAGE), **kwargs)


class FormDetailView(FormObjectMixin, DetailView):
    """Everything of one form: its settings, the documents of its dossier, its rules by route with their citations."""

    permission_required = "awards.view_catalogue"
    template_name = "awards/catalogue/form_detail.html"

    def get_context_data(self, **kwargs):
        form = self.object
        return super().get_context_data(
            documents=list(selectors.documents_of(form)), routes=selectors.rules_by_route(form), **kwargs
        )


class FormEditView(FormObjectMixin, FormView):
    permission_required = MANAGE
    template_name = "awards/catalogue/form_edit.html"
    form_class = AwardFormEditForm

    def get_form_kwargs(self):
        # The form works on its own copy: an invalid submit must not rename the page's object.
        return {**super().get_form_kwargs(), "instance": selectors.form_pages().get(pk=self.get_object().pk)}

    def form_valid(self, form):
        try:
            changed = services.update_form(
                self.object, values=form.form_values(), by=self.request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        if changed:
            messages.success(self.request, _("Đã lưu hình thức “%(name)s”.") % {"name": self.object.name})
        else:
            messages.info(self.request, _("Không có thay đổi nào để lưu."))
        return redirect(self.object)


class RowsEditView(FormObjectMixin, TemplateView):
    """A formset of the form's rows (``formset_class``) with the reason of the change, saved by ``save_rows``;
    deleting existing rows needs the confirmation box. A service refusal shows above the rows; nothing is saved."""

    permission_required = MANAGE
    formset_class = None
    prefix = ""

    def formset_kwargs(self):
        return {}

    def get_formset(self, data=None):
        return self.formset_class(data, instance=self.object, prefix=self.prefix, **self.formset_kwargs())

    def save_rows(self, rows, reason):
        raise NotImplementedError

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(header=ChangeReasonForm(), formset=self.get_formset()))

    def post(self, request, *args, **kwargs):
        header, formset = ChangeReasonForm(request.POST), self.get_formset(request.POST)
        checked = [header.is_valid(), formset.is_valid()]  # a list, not ``and``: both show their errors
        if all(checked):
            header.check_deletions(formset)
        if all(checked) and not header.errors:
            try:
                counts = self.save_rows(formset.rows(), header.cleaned_data["reason"])
            except ValidationError as error:
                header.add_error(None, error)
            else:
                messages.success(self.request, self.done_message(counts))
                return redirect(self.object)
        return self.render_to_response(self.get_context_data(header=header, formset=formset))

    def done_message(self, counts):
        if not any(counts.values()):
            return _("Không có thay đổi nào để lưu.")
        return _("Đã lưu: thêm %(added)d, sửa %(changed)d, xóa %(deleted)d dòng.") % counts


class FormDocumentsView(RowsEditView):
    template_name = "awards/catalogue/form_documents.html"
    formset_class = DocumentsFormSet
    prefix = "documents"

    def save_rows(self, rows, reason):
        return services.save_documents(self.object, rows=rows, by=self.request.user, reason=reason)


class FormRulesView(RowsEditView):
    template_name = "awards/catalogue/form_rules.html"
    formset_class = RulesFormSet
    prefix = "rules"

    def formset_kwargs(self):
        return {"form_kwargs": {"award_codes": selectors.regime_award_codes(self.object.regime)}}

    def save_rows(self, rows, reason):
        return services.save_rules(self.object, rows=rows, by=self.request.user, reason=reason)

    def get_context_data(self, **kwargs):
        # The parameters typed in the rows (eligibility.DEFAULTS has their keys); the others keep their defaults.
        param_keys = {
            kind: [key for key in keys if key in RuleRowForm.param_fields] for kind, keys in DEFAULTS.items()
        }
        fields = RuleRowForm.base_fields
        legend = [
            (RuleKind(kind).label, [_("%(label)s (không bắt buộc)") % {"label": fields[key].label}
                                    if key in OPTIONAL else fields[key].label for key in keys])
            for kind, keys in param_keys.items()
        ]
        # The rows show only the fields their kind uses (static/js/portal.js reads this map).
        return super().get_context_data(legend=legend, param_keys=param_keys, **kwargs)


class FormHistoryView(FormObjectMixin, DetailView):
    """Who changed the form, its documents and its rules, when, what and why."""

    permission_required = MANAGE
    template_name = "awards/catalogue/form_history.html"

    def get_context_data(self, **kwargs):
        page = selectors.form_history(self.object, self.request.GET.get("page"))
        return super().get_context_data(page_obj=page, records=page.object_list, **kwargs)
