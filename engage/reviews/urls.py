from django.urls import path

from engage.reviews import family_views as family
from engage.reviews import staff_views as staff

urlpatterns = [
    # Family members: the link from an invitation, then clean addresses only
    path("r/<str:token>/", family.invitation, name="family-invitation"),
    path("family/", family.home, name="family-home"),
    path("family/start/", family.start, name="family-start"),
    path("family/about/", family.about, name="family-about"),
    path("family/how/", family.take_part, name="family-take-part"),
    path("family/account/", family.account, name="family-account"),
    path("family/account/check/", family.account_check, name="family-account-check"),
    path("family/account/sent/", family.account_sent, name="family-account-sent"),
    path("family/account/<slug:part>/", family.account_part, name="family-account-part"),
    path("family/documents/<int:pk>/", family.document, name="family-document"),
    path("family/consent/", family.consent, name="family-consent"),
    path("family/withdraw/", family.withdraw, name="family-withdraw"),
    path("family/help/", family.help_page, name="family-help"),
    path("family/new-link/", family.new_link, name="family-new-link"),
    path("family/signed-out/", family.signed_out, name="family-signed-out"),
    path("family/sign-out/", family.sign_out, name="family-sign-out"),
    # Staff assigned to a review
    path("staff/reviews/", staff.review_list, name="reviews-list"),
    path("staff/reviews/new/", staff.review_new, name="reviews-new"),
    path("staff/reviews/<int:pk>/", staff.review_detail, name="reviews-detail"),
    path("staff/reviews/<int:pk>/stage/", staff.review_stage, name="reviews-stage"),
    path("staff/reviews/<int:pk>/staff/", staff.review_assign, name="reviews-assign"),
    path("staff/reviews/<int:pk>/audit/", staff.review_audit, name="reviews-audit"),
    path("staff/reviews/<int:pk>/members/new/", staff.member_new, name="reviews-member-new"),
    path(
        "staff/reviews/<int:pk>/members/<int:member_pk>/",
        staff.member_detail,
        name="reviews-member",
    ),
    path(
        "staff/reviews/<int:pk>/members/<int:member_pk>/invite/",
        staff.member_invite,
        name="reviews-invite",
    ),
    path(
        "staff/reviews/<int:pk>/members/<int:member_pk>/record/",
        staff.contribution_record,
        name="reviews-record",
    ),
    path(
        "staff/reviews/<int:pk>/members/<int:member_pk>/told/",
        staff.member_told,
        name="reviews-told",
    ),
    path(
        "staff/reviews/<int:pk>/invitations/<int:invitation_pk>/revoke/",
        staff.invitation_revoke,
        name="reviews-revoke",
    ),
    path(
        "staff/reviews/<int:pk>/contributions/<int:contribution_pk>/",
        staff.contribution_detail,
        name="reviews-contribution",
    ),
    path("staff/reviews/<int:pk>/share/", staff.document_share, name="reviews-share"),
    path(
        "staff/reviews/<int:pk>/documents/<int:document_pk>/",
        staff.document_detail,
        name="reviews-document",
    ),
    path(
        "staff/reviews/<int:pk>/concerns/<int:concern_pk>/",
        staff.concern_detail,
        name="reviews-concern",
    ),
]
