"""The base model every Districtwise table shares."""

from django.db import models


class BaseModel(models.Model):
    """Adds creation and change timestamps (timezone-aware)."""

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True
