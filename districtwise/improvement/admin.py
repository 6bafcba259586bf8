from django.contrib import admin

from districtwise.improvement import models

for model in (
    models.ImprovementNetwork,
    models.Team,
    models.TeamMember,
    models.ChangeIdea,
    models.DiagramVersion,
    models.Driver,
    models.Measure,
    models.MeasureValue,
    models.Cycle,
    models.LearningEntry,
):
    admin.site.register(model)

# ---- diagram ----
admin.site.register(models.IdeaPlacement)
# ---- end diagram ----
