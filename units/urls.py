from django.urls import path

from .views import accounts, activity, clusters, importing, notices, units

app_name = "units"
urlpatterns = [
    path("don-vi/", units.UnitListView.as_view(), name="unit_list"),
    path("don-vi/them/", units.UnitCreateView.as_view(), name="unit_create"),
    # import
    path("don-vi/nhap/", importing.UnitImportView.as_view(), name="unit_import"),
    path("don-vi/nhap/mau.xlsx", importing.UnitImportTemplateView.as_view(), name="unit_import_template"),
    path("don-vi/nhap/xac-nhan/", importing.UnitImportConfirmView.as_view(), name="unit_import_confirm"),
    path("don-vi/<int:pk>/", units.UnitDetailView.as_view(), name="unit_detail"),
    path("don-vi/<int:pk>/sua/", units.UnitEditView.as_view(), name="unit_edit"),
    path("don-vi/<int:pk>/ngung-hoat-dong/", units.UnitDeactivateView.as_view(), name="unit_deactivate"),
    path("don-vi/<int:pk>/hoat-dong-tro-lai/", units.UnitReactivateView.as_view(), name="unit_reactivate"),
    path("don-vi/<int:pk>/sap-nhap/", units.UnitMergeView.as_view(), name="unit_merge"),
    path("don-vi/<int:pk>/lich-su/", units.UnitHistoryView.as_view(), name="unit_history"),
    path("cum-khoi/", clusters.ClusterListView.as_view(), name="cluster_list"),
    path("cum-khoi/them/", clusters.ClusterCreateView.as_view(), name="cluster_create"),
    path("cum-khoi/<int:pk>/", clusters.ClusterDetailView.as_view(), name="cluster_detail"),
    path("cum-khoi/<int:pk>/sua/", clusters.ClusterEditView.as_view(), name="cluster_edit"),
    path("cum-khoi/<int:pk>/sao-chep/", clusters.ClusterCopyView.as_view(), name="cluster_copy"),
    path("cum-khoi/<int:pk>/lich-su/", clusters.ClusterHistoryView.as_view(), name="cluster_history"),
    path("cum-khoi/<int:pk>/thanh-vien/them/", clusters.MemberAddView.as_view(), name="cluster_member_add"),
    path(
        "cum-khoi/<int:pk>/thanh-vien/<int:membership_pk>/sua/",
        clusters.MemberEditView.as_view(), name="cluster_member_edit",
    ),
    path(
        "cum-khoi/<int:pk>/thanh-vien/<int:membership_pk>/rut/",
        clusters.MemberRemoveView.as_view(), name="cluster_member_remove",
    ),
    path("tai-khoan/", accounts.UserListView.as_view(), name="user_list"),
    path("tai-khoan/them/", accounts.UserCreateView.as_view(), name="user_create"),
    path("tai-khoan/<int:pk>/sua/", accounts.UserEditView.as_view(), name="user_edit"),
    path("tai-khoan/<int:pk>/mat-khau/", accounts.UserSetPasswordView.as_view(), name="user_set_password"),
    path("tai-khoan/<int:pk>/khoa/", accounts.UserDeactivateView.as_view(), name="user_deactivate"),
    path("tai-khoan/<int:pk>/mo-khoa/", accounts.UserReactivateView.as_view(), name="user_reactivate"),
    # The e-mail outbox (staff); each person's notices.
    path("hop-thu-di/", notices.OutboxListView.as_view(), name="outbox"),
    path("hop-thu-di/<int:pk>/", notices.OutboxDetailView.as_view(), name="outbox_detail"),
    path("thong-bao/", notices.NotificationListView.as_view(), name="notifications"),
    path("thong-bao/da-doc-het/", notices.NotificationsReadView.as_view(), name="notifications_read"),
    path("thong-bao/<int:pk>/mo/", notices.NotificationOpenView.as_view(), name="notification_open"),
    # The activity log and the history of any recorded object (staff).
    path("nhat-ky/", activity.ActivityListView.as_view(), name="activity"),
    path("lich-su/<str:kind>/<str:object_id>/", activity.ObjectHistoryView.as_view(), name="object_history"),
]
