from django.urls import path, re_path

from analysis import views

urlpatterns = [
    path("staff/analysis/", views.run_list, name="analysis-runs"),
    path("staff/analysis/runs/<int:pk>/", views.run_detail, name="analysis-run"),
    path("staff/analysis/runs/<int:pk>/coding/", views.run_coding, name="analysis-coding"),
    path("staff/analysis/runs/<int:pk>/restart/", views.run_restart, name="analysis-run-restart"),
    path("staff/analysis/priorities/", views.priorities, name="analysis-priorities"),
    path("staff/analysis/actions/", views.actions, name="analysis-actions"),
    path("you-said-we-did/", views.you_said_we_did, name="analysis-you-said-we-did"),
    re_path(
        r"^staff/analysis/runs/(?P<pk>[0-9]+)/export\.(?P<kind>csv|xlsx|json)$",
        views.run_export,
        name="analysis-export",
    ),
]
urlpatterns += [
    path("staff/analysis/runs/<int:pk>/report/", views.report, name="analysis-report"),
    path(
        "staff/analysis/runs/<int:pk>/report.docx", views.report_docx, name="analysis-report-docx"
    ),
]
urlpatterns += [
    path("staff/analysis/import/", views.answers_import, name="analysis-import"),
    path(
        "staff/analysis/import/<int:pk>/",
        views.answers_import_status,
        name="analysis-import-status",
    ),
    path(
        "staff/analysis/import/<int:pk>/restart/",
        views.answers_import_restart,
        name="analysis-import-restart",
    ),
]
urlpatterns += [
    path("staff/analysis/codebook/", views.codebook, name="analysis-codebook"),
    path("staff/analysis/codebook/<int:pk>/", views.code_change, name="analysis-code"),
    path(
        "staff/analysis/codebook/<int:pk>/retire/", views.code_retire, name="analysis-code-retire"
    ),
    path(
        "staff/analysis/codebook/<int:pk>/bring-back/",
        views.code_bring_back,
        name="analysis-code-bring-back",
    ),
]
