from django.contrib import messages
from django.shortcuts import redirect
from django.views.decorators.http import require_POST
from formtools.wizard.views import NamedUrlSessionWizardView

from decisionaid.assessment.profile import profile_from_data
from decisionaid.evidence.models import Treatment

from . import answers
from .forms import (
    UNKNOWN, AboutForm, ActivityForm, DiseaseForm, EdssForm, RoleForm, TreatmentsForm, ValuesForm, WalkingForm,
)

STEPS = [
    ("role", RoleForm),
    ("about", AboutForm),
    ("disease", DiseaseForm),
    ("edss", EdssForm),
    ("walking", WalkingForm),
    ("activity", ActivityForm),
    ("treatments", TreatmentsForm),
    ("values", ValuesForm),
]


def edss_unknown(wizard) -> bool:
    """The walking-range step is asked only when the EDSS is not known."""
    data = wizard.get_cleaned_data_for_step("edss") or {}
    return data.get("edss", UNKNOWN) == UNKNOWN


def treatment_choices():
    """The catalogue, grouped in plain words, from the evidence data."""
    groups: dict[str, list] = {}
    for treatment in Treatment.objects.order_by("display_order", "name"):
        label = treatment.name + (f" ({treatment.brand_names})" if treatment.brand_names else "")
        groups.setdefault(treatment.plain_group, []).append((treatment.slug, label))
    return list(groups.items())


class QuestionnaireWizard(NamedUrlSessionWizardView):
    template_name = "questionnaire/step.html"

    def get(self, *args, **kwargs):
        # /questions/ opens the step the person is on; it never wipes their answers (only "Start again" does).
        if kwargs.get("step") is None:
            return redirect(self.get_step_url(self.steps.current))
        return super().get(*args, **kwargs)

    def post(self, *args, **kwargs):
        # Back keeps what was typed on this page too, when it is a complete, valid answer.
        goto = self.request.POST.get("wizard_goto_step")
        if goto in self.steps.all:
            form = self.get_form(data=self.request.POST, files=self.request.FILES)
            if form.is_valid():
                self.storage.set_step_data(self.steps.current, self.process_step(form))
        return super().post(*args, **kwargs)

    def get_form_kwargs(self, step=None):
        if step == "disease":
            return {"age": (self.get_cleaned_data_for_step("about") or {}).get("age")}
        if step == "treatments":
            return {"treatment_choices": treatment_choices()}
        return {}

    def get_form_initial(self, step):
        return answers.initial_for_step(step, answers.saved_answers(self.request.session))

    def done(self, form_list, form_dict, **kwargs):
        steps = {name: form.cleaned_data for name, form in form_dict.items()}
        data = answers.profile_data_from_steps(steps)
        profile_from_data(data)  # the forms allow only valid profiles; fail loudly if they ever disagree
        answers.save_answers(self.request.session, data)
        return redirect("summary:results")


questionnaire = QuestionnaireWizard.as_view(
    STEPS, condition_dict={"walking": edss_unknown}, url_name="questionnaire:step", done_step_name="done"
)


@require_POST
def start_again(request):
    request.session.flush()
    messages.info(request, "All your answers have been cleared.")
    return redirect("pages:home")
