"""The equity audit's views (see ``pages`` and ``settings``; ``figures`` arranges what
they and the board report show)."""

from districtwise.equity.views.pages import dimension, export, findings, overview
from districtwise.equity.views.settings import settings_page

__all__ = ["dimension", "export", "findings", "overview", "settings_page"]
