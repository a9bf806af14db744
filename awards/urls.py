from django.urls import include, path

from .views import (
    ballots,
    batches,
    catalogue,
    decisions,
    dossiers,
    files,
    honour,
    people,
    register,
    screening,
    sessions,
)

app_name = "awards"

people_patterns = [
    path("ca-nhan/", people.PersonListView.as_view(), name="person_list"),
    path("ca-nhan/them/", people.PersonCreateView.as_view(), name="person_create"),
    path("ca-nhan/<int:pk>/", people.PersonDetailView.as_view(), name="person_detail"),
    path("ca-nhan/<int:pk>/sua/", people.PersonEditView.as_view(), name="person_edit"),
    path("ca-nhan/<int:pk>/sang-kien/them/", people.InitiativeCreateView.as_view(), name="initiative_add"),
    path("sang-kien/<int:pk>/sua/", people.InitiativeEditView.as_view(), name="initiative_edit"),
    path("ca-nhan/<int:pk>/ky-luat/them/", people.PersonDisciplineCreateView.as_view(), name="person_discipline_add"),
    path("ho-gia-dinh/", people.HouseholdListView.as_view(), name="household_list"),
    path("ho-gia-dinh/them/", people.HouseholdCreateView.as_view(), name="household_create"),
    path("ho-gia-dinh/<int:pk>/", people.HouseholdDetailView.as_view(), name="household_detail"),
    path("ho-gia-dinh/<int:pk>/sua/", people.HouseholdEditView.as_view(), name="household_edit"),
    path("tap-the/<int:unit_pk>/danh-sach/", people.RosterYearsView.as_view(), name="roster_years"),
    path("tap-the/<int:unit_pk>/danh-sach/<int:year>/", people.RosterEditView.as_view(), name="roster_edit"),
    path("tap-the/<int:unit_pk>/ky-luat/them/", people.UnitDisciplineCreateView.as_view(), name="unit_discipline_add"),
    path("ky-luat/<int:pk>/sua/", people.DisciplineEditView.as_view(), name="discipline_edit"),
]

catalogue_patterns = [
    path("danh-muc-khen-thuong/", catalogue.CatalogueView.as_view(), name="catalogue"),
    path("danh-muc-khen-thuong/<int:pk>/", catalogue.FormDetailView.as_view(), name="form_detail"),
    path("danh-muc-khen-thuong/<int:pk>/sua/", catalogue.FormEditView.as_view(), name="form_edit"),
    path("danh-muc-khen-thuong/<int:pk>/tai-lieu/", catalogue.FormDocumentsView.as_view(), name="form_documents"),
    path("danh-muc-khen-thuong/<int:pk>/dieu-kien/", catalogue.FormRulesView.as_view(), name="form_rules"),
    path("danh-muc-khen-thuong/<int:pk>/lich-su/", catalogue.FormHistoryView.as_view(), name="form_history"),
]

register_patterns = [
    path("so-khen-thuong/", register.RegisterLookupView.as_view(), name="register_lookup"),
    path("so-khen-thuong/xuat-excel/", register.RegisterExportView.as_view(), name="register_export"),
    path("so-khen-thuong/nhap/", register.RegisterImportView.as_view(), name="register_import"),
    path("so-khen-thuong/nhap/mau/", register.RegisterImportTemplateView.as_view(), name="register_import_template"),
    path("so-khen-thuong/nhap/xac-nhan/", register.RegisterImportConfirmView.as_view(), name="register_import_confirm"),
    path("so-khen-thuong/them/", register.RecordCreateView.as_view(), name="record_create"),
    path("so-khen-thuong/<int:pk>/", register.RecordDetailView.as_view(), name="record_detail"),
    path("quyet-dinh/don-vi/<int:unit_pk>/them/", register.UnitDecisionCreateView.as_view(),
         name="unit_decision_create"),
    path("quyet-dinh/<int:pk>/", register.DecisionDetailView.as_view(), name="decision_detail"),
]


# Nominations of one campaign: phong-trao/<pk>/…
batch_patterns = [
    path("de-nghi/", batches.BatchListView.as_view(), name="batch_list"),
    path("de-nghi/tao/", batches.BatchCreateView.as_view(), name="batch_create"),
    path("de-nghi/<int:batch_pk>/", batches.BatchDetailView.as_view(), name="batch_detail"),
    path("de-nghi/<int:batch_pk>/sua/", batches.BatchEditView.as_view(), name="batch_edit"),
    path("de-nghi/<int:batch_pk>/tai-lieu/", batches.BatchFileUploadView.as_view(), name="batch_file_upload"),
    path("de-nghi/<int:batch_pk>/gui/", batches.BatchSubmitView.as_view(), name="batch_submit"),
    path("de-nghi/<int:batch_pk>/rut/", batches.BatchWithdrawView.as_view(), name="batch_withdraw"),
    path("de-nghi/<int:batch_pk>/them/", batches.NominationCreateView.as_view(), name="nomination_create"),
    path("de-nghi/muc/<int:nomination_pk>/", batches.NominationDetailView.as_view(), name="nomination_detail"),
    path("de-nghi/muc/<int:nomination_pk>/sua/", batches.NominationEditView.as_view(), name="nomination_edit"),
    path("de-nghi/muc/<int:nomination_pk>/tai-lieu/", batches.NominationFileUploadView.as_view(),
         name="nomination_file_upload"),
    path("de-nghi/muc/<int:nomination_pk>/xoa/", batches.NominationDeleteView.as_view(), name="nomination_delete"),
    path("de-nghi/muc/<int:nomination_pk>/kiem-tra/", batches.NominationRecheckView.as_view(),
         name="nomination_recheck"),
    # Screening by Sở Nội vụ.
    path("de-nghi/<int:batch_pk>/tiep-nhan/", screening.BatchReceiveView.as_view(), name="batch_receive"),
    path("de-nghi/<int:batch_pk>/phan-cong/", screening.BatchAssignView.as_view(), name="batch_assign"),
    path("de-nghi/<int:batch_pk>/tra-lai/", screening.BatchReturnView.as_view(), name="batch_return"),
    path("de-nghi/<int:batch_pk>/hoan-thanh-tham-dinh/", screening.BatchCompleteView.as_view(),
         name="batch_complete"),
    path("de-nghi/<int:batch_pk>/chuyen-hoi-dong/", screening.BatchForwardView.as_view(), name="batch_forward"),
    path("de-nghi/muc/<int:nomination_pk>/tham-dinh/", screening.NominationScreenView.as_view(),
         name="nomination_screen"),
    path("de-nghi/muc/<int:nomination_pk>/bo-qua/", screening.CheckOverrideView.as_view(), name="check_override"),
    path("to-trinh-cua-tinh/tao/", screening.ProposalCreateView.as_view(), name="proposal_create"),
    # The batch's dossier (issue 7): its page, the progress partial, compiling, the downloads of one compile.
    path("de-nghi/<int:batch_pk>/ho-so/", dossiers.BatchDossierView.as_view(), name="batch_dossier"),
    path("de-nghi/<int:batch_pk>/ho-so/tien-do/", dossiers.BatchDossierProgressView.as_view(),
         name="batch_dossier_progress"),
    path("de-nghi/<int:batch_pk>/ho-so/lap/", dossiers.BatchDossierStartView.as_view(), name="batch_dossier_start"),
    path("de-nghi/<int:batch_pk>/ho-so/<int:dossier_pk>/lap-lai/", dossiers.BatchDossierRestartView.as_view(),
         name="batch_dossier_restart"),
    path("de-nghi/<int:batch_pk>/ho-so/<int:dossier_pk>/tai-ve/", dossiers.BatchDossierPdfView.as_view(),
         name="batch_dossier_pdf"),
    path("de-nghi/<int:batch_pk>/ho-so/<int:dossier_pk>/tai-ve-zip/", dossiers.BatchDossierZipView.as_view(),
         name="batch_dossier_zip"),
    path("de-nghi/<int:batch_pk>/ho-so/<int:dossier_pk>/van-ban/<int:part_pk>/",
         dossiers.BatchDossierDocumentView.as_view(), name="batch_dossier_document"),
    path("de-nghi/<int:batch_pk>/ho-so/<int:dossier_pk>/bao-cao/<int:number>/",
         dossiers.BatchDossierReportView.as_view(), name="batch_dossier_report"),
]

# The council: sessions, the secret ballot, the result and minutes, decisions (issue 6).
council_patterns = [
    path("hoi-dong/thanh-vien/", sessions.CouncilMemberListView.as_view(), name="council_members"),
    path("hoi-dong/phien-hop/", sessions.SessionListView.as_view(), name="session_list"),
    path("hoi-dong/phien-hop/tao/", sessions.SessionCreateView.as_view(), name="session_create"),
    path("hoi-dong/phien-hop/<int:pk>/", sessions.SessionDetailView.as_view(), name="session_detail"),
    path("hoi-dong/phien-hop/<int:pk>/sua/", sessions.SessionEditView.as_view(), name="session_edit"),
    path("hoi-dong/phien-hop/<int:pk>/diem-danh/", sessions.AttendanceView.as_view(), name="session_attendance"),
    path("hoi-dong/phien-hop/<int:pk>/mo-bo-phieu/", sessions.SessionOpenView.as_view(), name="session_open"),
    path("hoi-dong/phien-hop/<int:pk>/de-nghi/<int:item_pk>/", sessions.AgendaItemView.as_view(),
         name="agenda_item"),
    path("hoi-dong/phien-hop/<int:pk>/bo-phieu/", ballots.BallotView.as_view(), name="ballot"),
    path("hoi-dong/phien-hop/<int:pk>/phieu-giay/", ballots.PaperBallotView.as_view(), name="paper_ballot"),
    path("hoi-dong/phien-hop/<int:pk>/ket-thuc/", ballots.SessionCloseView.as_view(), name="session_close"),
    path("hoi-dong/phien-hop/<int:pk>/ket-qua/", ballots.ResultView.as_view(), name="session_result"),
    path("hoi-dong/phien-hop/<int:pk>/bien-ban/", ballots.MinutesView.as_view(), name="session_minutes"),
    path("hoi-dong/phien-hop/<int:pk>/quyet-dinh/them/", decisions.DecisionCreateView.as_view(),
         name="decision_create"),
    path("quyet-dinh/<int:pk>/huy/", decisions.DecisionCancelView.as_view(), name="decision_cancel"),
    path("phong-trao/<int:pk>/bang-vang/", honour.HonourRollView.as_view(), name="honour_roll"),
    # The session's dossier (issue 7): its page, the progress partial, compiling, the downloads of one compile.
    path("hoi-dong/phien-hop/<int:pk>/ho-so/", dossiers.SessionDossierView.as_view(), name="session_dossier"),
    path("hoi-dong/phien-hop/<int:pk>/ho-so/tien-do/", dossiers.SessionDossierProgressView.as_view(),
         name="session_dossier_progress"),
    path("hoi-dong/phien-hop/<int:pk>/ho-so/lap/", dossiers.SessionDossierStartView.as_view(),
         name="session_dossier_start"),
    path("hoi-dong/phien-hop/<int:pk>/ho-so/<int:dossier_pk>/lap-lai/", dossiers.SessionDossierRestartView.as_view(),
         name="session_dossier_restart"),
    path("hoi-dong/phien-hop/<int:pk>/ho-so/<int:dossier_pk>/tai-ve/", dossiers.SessionDossierPdfView.as_view(),
         name="session_dossier_pdf"),
    path("hoi-dong/phien-hop/<int:pk>/ho-so/<int:dossier_pk>/tai-ve-zip/", dossiers.SessionDossierZipView.as_view(),
         name="session_dossier_zip"),
    path("hoi-dong/phien-hop/<int:pk>/ho-so/<int:dossier_pk>/van-ban/<int:part_pk>/",
         dossiers.SessionDossierDocumentView.as_view(), name="session_dossier_document"),
    path("hoi-dong/phien-hop/<int:pk>/ho-so/<int:dossier_pk>/bao-cao/<int:number>/",
         dossiers.SessionDossierReportView.as_view(), name="session_dossier_report"),
]

urlpatterns = [
    *council_patterns,
    *people_patterns,
    *catalogue_patterns,
    *register_patterns,
    path("tham-dinh/", screening.ScreeningInboxView.as_view(), name="screening_inbox"),
    path("phong-trao/<int:pk>/", include(batch_patterns)),
    path("tai-lieu-de-nghi/<int:file_pk>/", files.FileDownloadView.as_view(), name="file_download"),
    path("tai-lieu-de-nghi/<int:file_pk>/go/", files.FileRemoveView.as_view(), name="file_remove"),
]
