from django.urls import include, path

from .views import (
    achievements,
    ranking,
    scorecards,
    scoring,
    campaigns,
    clusters,
    evidence,
    following,
    imports,
    pacts,
    progress,
    registrations,
    task_edits,
    works,
)

app_name = "campaign"

# Everything a unit hands in, under one campaign: phong-trao/<pk>/…
pledge_patterns = [
    path("thoi-han/", registrations.DeadlinesView.as_view(), name="deadlines"),
    # Following lists (scoped to the units the user follows) and their Excel exports.
    path("dang-ky/", following.RegistrationListView.as_view(), name="registration_list"),
    path("dang-ky/xuat-excel/", following.RegistrationExportView.as_view(), name="registration_export"),
    path("cong-trinh/", following.WorkListView.as_view(), name="work_list"),
    path("cong-trinh/xuat-excel/", following.WorkExportView.as_view(), name="work_export"),
    path("thanh-tich/", following.AchievementListView.as_view(), name="achievement_list"),
    path("thanh-tich/xuat-excel/", following.AchievementExportView.as_view(), name="achievement_export"),
    # A unit's page in the campaign, a task's page.
    path("don-vi/<int:unit_pk>/", progress.UnitProgressView.as_view(), name="unit_progress"),
    path("noi-dung/<int:task_pk>/", progress.TaskDetailView.as_view(), name="task_detail"),
    # Registrations.
    path("don-vi/<int:unit_pk>/dang-ky/", registrations.RegistrationCreateView.as_view(), name="registration_create"),
    path("dang-ky/<int:registration_pk>/", registrations.RegistrationDetailView.as_view(), name="registration_detail"),
    path("dang-ky/<int:registration_pk>/sua/", registrations.RegistrationEditView.as_view(), name="registration_edit"),
    # action: submit, withdraw or accept (POST)
    path("dang-ky/<int:registration_pk>/trang-thai/<slug:action>/", registrations.RegistrationActionView.as_view(),
         name="registration_action"),
    path("dang-ky/<int:registration_pk>/tra-lai/", registrations.RegistrationReturnView.as_view(),
         name="registration_return"),
    path("dang-ky/<int:registration_pk>/minh-chung/", registrations.RegistrationEvidenceView.as_view(),
         name="registration_evidence"),
    # A cluster's pact.
    path("cum-khoi/<int:cluster_pk>/giao-uoc/", pacts.PactDetailView.as_view(), name="pact_detail"),
    path("cum-khoi/<int:cluster_pk>/giao-uoc/sua/", pacts.PactEditView.as_view(), name="pact_edit"),
    path("cum-khoi/<int:cluster_pk>/giao-uoc/minh-chung/", pacts.PactEvidenceView.as_view(), name="pact_evidence"),
    # Pledged works and their progress reports.
    path("don-vi/<int:unit_pk>/cong-trinh/them/", works.WorkCreateView.as_view(), name="work_create"),
    path("cong-trinh/<int:work_pk>/", works.WorkDetailView.as_view(), name="work_detail"),
    path("cong-trinh/<int:work_pk>/sua/", works.WorkEditView.as_view(), name="work_edit"),
    # action: submit, withdraw, accept or verify (POST)
    path("cong-trinh/<int:work_pk>/trang-thai/<slug:action>/", works.WorkActionView.as_view(), name="work_action"),
    path("cong-trinh/<int:work_pk>/tra-lai/", works.WorkReturnView.as_view(), name="work_return"),
    path("cong-trinh/<int:work_pk>/bao-cao/them/", works.ReportCreateView.as_view(), name="report_add"),
    path("cong-trinh/<int:work_pk>/bao-cao/<int:report_pk>/sua/", works.ReportEditView.as_view(), name="report_edit"),
    path("cong-trinh/<int:work_pk>/bao-cao/<int:report_pk>/minh-chung/", works.ReportEvidenceView.as_view(),
         name="report_evidence"),
    # Achievements.
    path("don-vi/<int:unit_pk>/thanh-tich/them/", achievements.AchievementCreateView.as_view(),
         name="achievement_create"),
    path("thanh-tich/<int:achievement_pk>/", achievements.AchievementDetailView.as_view(), name="achievement_detail"),
    path("thanh-tich/<int:achievement_pk>/sua/", achievements.AchievementEditView.as_view(), name="achievement_edit"),
    # action: submit, withdraw or accept (POST)
    path("thanh-tich/<int:achievement_pk>/trang-thai/<slug:action>/", achievements.AchievementActionView.as_view(),
         name="achievement_action"),
    path("thanh-tich/<int:achievement_pk>/tra-lai/", achievements.AchievementReturnView.as_view(),
         name="achievement_return"),
    path("thanh-tich/<int:achievement_pk>/minh-chung/", achievements.AchievementEvidenceView.as_view(),
         name="achievement_evidence"),
    # Evaluation (issue 4): the scoring table, scorecards, rankings.
    path("cham-diem/", scoring.ScoringTableView.as_view(), name="scoring_table"),
    path("cham-diem/sua/", scoring.ScoringTableEditView.as_view(), name="scoring_table_edit"),
    path("cham-diem/tieu-chi/them/", scoring.CriterionAddView.as_view(), name="criterion_add"),
    path("cham-diem/tieu-chi/<int:criterion_pk>/sua/", scoring.CriterionEditView.as_view(), name="criterion_edit"),
    path("cham-diem/tieu-chi/<int:criterion_pk>/xoa/", scoring.CriterionDeleteView.as_view(), name="criterion_delete"),
    path("cham-diem/nhap-excel/", scoring.ScoringImportView.as_view(), name="scoring_import"),
    path("cham-diem/xuat-excel/", scoring.ScoringExportView.as_view(), name="scoring_export"),
    path("cham-diem/sao-chep/", scoring.ScoringCopyView.as_view(), name="scoring_copy"),
    path("cham-diem/tinh-lai/", ranking.RecomputeView.as_view(), name="scoring_recompute"),
    path("don-vi/<int:unit_pk>/cham-diem/", scorecards.ScorecardOpenView.as_view(), name="scorecard_open"),
    path("bang-diem/", scorecards.ScorecardListView.as_view(), name="scorecard_list"),
    path("bang-diem/<int:scorecard_pk>/", scorecards.ScorecardDetailView.as_view(), name="scorecard_detail"),
    path("bang-diem/<int:scorecard_pk>/sua/", scorecards.ScorecardEditView.as_view(), name="scorecard_edit"),
    # action: submit or lock (POST)
    path("bang-diem/<int:scorecard_pk>/trang-thai/<slug:action>/", scorecards.ScorecardActionView.as_view(),
         name="scorecard_action"),
    path("bang-diem/<int:scorecard_pk>/de-xuat/", scorecards.ScorecardProposeView.as_view(), name="scorecard_propose"),
    path("bang-diem/<int:scorecard_pk>/tra-loi/", scorecards.ScorecardAnswerView.as_view(), name="scorecard_answer"),
    path("bang-diem/<int:scorecard_pk>/mo-lai/", scorecards.ScorecardReopenView.as_view(), name="scorecard_reopen"),
    path("bang-diem/<int:scorecard_pk>/xuat-excel/", scorecards.ScorecardExportView.as_view(),
         name="scorecard_export"),
    path("cum-khoi/<int:cluster_pk>/xep-hang/", ranking.ClusterRankingView.as_view(), name="cluster_ranking"),
    path("cum-khoi/<int:cluster_pk>/xep-hang/xuat-excel/", ranking.ClusterRankingExportView.as_view(),
         name="cluster_ranking_export"),
    path("cum-khoi/<int:cluster_pk>/xep-hang/xuat-pdf/", ranking.ClusterRankingPdfView.as_view(),
         name="cluster_ranking_pdf"),
    path("cum-khoi/<int:cluster_pk>/suy-ton/", ranking.AcclaimEditView.as_view(), name="acclaim_edit"),
    path("so-sanh/", ranking.ComparisonView.as_view(), name="comparison"),
    path("so-sanh/xuat-excel/", ranking.ComparisonExportView.as_view(), name="comparison_export"),
]

urlpatterns = [
    path("phong-trao/", campaigns.CampaignListView.as_view(), name="list"),
    path("phong-trao/nhap-van-ban/", imports.CampaignImportView.as_view(), name="import"),
    path("phong-trao/nhap-van-ban/xac-nhan/", imports.CampaignImportConfirmView.as_view(), name="import_confirm"),
    path("phong-trao/<int:pk>/", campaigns.CampaignDetailView.as_view(), name="detail"),
    path("phong-trao/<int:pk>/sua/", campaigns.CampaignEditView.as_view(), name="edit"),
    path("phong-trao/<int:pk>/cum-khoi/", clusters.CampaignClustersView.as_view(), name="clusters"),
    path("phong-trao/<int:pk>/lich-su/", campaigns.CampaignHistoryView.as_view(), name="history"),
    # action: launch, evaluate or close
    path("phong-trao/<int:pk>/trang-thai/<slug:action>/", campaigns.CampaignTransitionView.as_view(), name="transition"),
    path("phong-trao/<int:pk>/noi-dung/them/", task_edits.TaskAddView.as_view(), name="task_add"),
    path("phong-trao/<int:pk>/noi-dung/<int:task_pk>/sua/", task_edits.TaskEditView.as_view(), name="task_edit"),
    path("phong-trao/<int:pk>/noi-dung/<int:task_pk>/xoa/", task_edits.TaskDeleteView.as_view(), name="task_delete"),
    path("phong-trao/<int:pk>/", include(pledge_patterns)),
    # Evidence files: downloads for those who may see what they belong to.
    path("minh-chung/<int:evidence_pk>/tai-ve/", evidence.EvidenceDownloadView.as_view(), name="evidence_download"),
    path("minh-chung/<int:evidence_pk>/anh-nho/", evidence.EvidenceThumbnailView.as_view(), name="evidence_thumbnail"),
    path("minh-chung/<int:evidence_pk>/go/", evidence.EvidenceRemoveView.as_view(), name="evidence_remove"),
]
