from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from . import robots, views

urlpatterns = [
    path("", views.home, name="home"),
    path("robots.txt", robots.robots_txt, name="robots_txt"),
    path("sitemap.xml", robots.sitemap_xml, name="sitemap"),
    path("can-bo/", views.StaffHomeView.as_view(), name="staff_home"),
    path("don-vi-cua-toi/", views.OfficerHomeView.as_view(), name="officer_home"),
    path("hoi-dong/", views.CouncilHomeView.as_view(), name="council_home"),
    path("dang-nhap/", views.SignInView.as_view(), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("doi-mat-khau/", views.PasswordChangeView.as_view(), name="password_change"),
    path("doi-mat-khau/xong/", views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("", include("units.urls")),
    path("", include("campaign.urls")),
    path("", include("awards.urls")),
    path("quan-tri/", admin.site.urls),
]

handler403 = "portal.views.permission_denied"
handler404 = "portal.views.page_not_found"
handler500 = "portal.views.server_error"
