from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from districtwise.core.api import api
from districtwise.web import views as web

urlpatterns = [
    path("", web.home, name="home"),
    path("login/", web.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("district/switch/", web.district_switch, name="district_switch"),
    path("sections/<slug:slug>/", web.section, name="section"),
    path("account/tokens/", web.token_list, name="token_list"),
    path("account/tokens/<int:pk>/revoke/", web.token_revoke, name="token_revoke"),
    # ---- notifications ----
    path("notifications/", web.notifications, name="notifications"),
    path("notifications/<int:pk>/", web.notification_follow, name="notification_open"),
    path("notifications/read/", web.notifications_mark_read, name="notifications_mark_read"),
    path("notifications/settings/", web.notification_settings, name="notification_settings"),
    # ---- end notifications ----
    path("", include("districtwise.organization.urls")),
    path("data/", include("districtwise.data.urls")),
    path("equity/", include("districtwise.equity.urls")),
    path("strategy/", include("districtwise.strategy.urls")),
    path("supports/", include("districtwise.supports.urls")),
    path("workload/", include("districtwise.workload.urls")),
    path("improvement/", include("districtwise.improvement.urls")),
    path("voice/", include("districtwise.voice.urls")),
    path("community/", include("districtwise.community.urls")),
    path("leadership/", include("districtwise.leadership.urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]

handler404 = "districtwise.web.views.page_not_found"
handler403 = "districtwise.web.views.permission_denied"
handler500 = "districtwise.web.views.server_error"
