from django.urls import path

from . import saved_answers, views

app_name = "questionnaire"

urlpatterns = [
    path("questions/", views.questionnaire, name="start"),
    path("questions/<str:step>/", views.questionnaire, name="step"),
    path("start-again/", views.start_again, name="start_again"),
    path("save-my-answers/", saved_answers.save_my_answers, name="save_answers"),
    path("continue/", saved_answers.continue_from_saved_answers, name="continue"),
]
