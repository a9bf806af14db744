from django.urls import path

from .views import campaigns, clusters, imports, task_edits

app_name = "campaign"
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
]
