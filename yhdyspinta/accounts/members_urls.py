"""The organisation members pages and the invitation link (accounts/members.py), mounted at the root."""

from django.urls import path

from . import members

urlpatterns = [
    path("organisations/<int:pk>/members/", members.MembersView.as_view(), name="organisation_members"),
    path("organisations/<int:pk>/members/add/", members.MemberAddView.as_view(), name="organisation_member_add"),
    path("organisations/<int:pk>/members/candidates/", members.MemberCandidatesView.as_view(),
         name="organisation_member_candidates"),
    path("organisations/<int:pk>/members/invite/", members.InviteView.as_view(), name="organisation_member_invite"),
    path("organisations/<int:pk>/members/history/", members.MembersHistoryView.as_view(),
         name="organisation_members_history"),
    path("organisations/<int:pk>/members/<int:membership>/", members.MemberChangeView.as_view(),
         name="organisation_member_change"),
    path("organisations/<int:pk>/members/<int:membership>/remove/", members.MemberRemoveView.as_view(),
         name="organisation_member_remove"),
    path("organisations/<int:pk>/invitations/<int:invitation>/withdraw/", members.InvitationRevokeView.as_view(),
         name="organisation_invitation_revoke"),
    path("invitations/<str:token>/", members.InvitationAcceptView.as_view(), name="invitation_accept"),
]
