from django.contrib import admin

from districtwise.voice import models

for model in (
    models.NeedRoute,
    models.ResponseTarget,
    models.Need,
    models.NeedIssue,
    models.PrincipalMeeting,
    models.AgendaItem,
    models.GuidanceDocument,
    models.GuidanceVersion,
):
    admin.site.register(model)
