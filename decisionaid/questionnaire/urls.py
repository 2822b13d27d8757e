from django.urls import path

from . import views

app_name = "questionnaire"

urlpatterns = [
    path("questions/", views.questionnaire, name="start"),
    path("questions/<str:step>/", views.questionnaire, name="step"),
    path("start-again/", views.start_again, name="start_again"),
]
