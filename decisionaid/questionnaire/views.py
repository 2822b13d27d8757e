from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.datastructures import MultiValueDict
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from formtools.wizard.views import NamedUrlSessionWizardView

from decisionaid.assessment.profile import profile_from_data
from decisionaid.evidence.releases import released_evidence

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

# The walking-range question follows up the EDSS question when the EDSS is not known. It shares that step's
# number, so the counter's total never changes and never skips: "Step 4 of 7" on both pages.
FOLLOW_UP_OF = {"walking": "edss"}
NUMBERED_STEPS = [name for name, _ in STEPS if name not in FOLLOW_UP_OF]
STEP_TOTAL = len(NUMBERED_STEPS)


def step_number(step: str) -> int:
    return NUMBERED_STEPS.index(FOLLOW_UP_OF.get(step, step)) + 1


def edss_unknown(wizard) -> bool:
    """The walking-range step is asked only when the EDSS is not known.

    Read from the EDSS step's answer as kept, not from its form built and checked again (a fifth of an answer's
    time, on every request): only checked answers are ever kept (process_step), in the signed session cookie.
    """
    kept = wizard.storage.get_step_data("edss") or {}
    return kept.get(f"{wizard.get_form_prefix('edss', EdssForm)}-edss", UNKNOWN) == UNKNOWN


def treatment_choices(evidence=None):
    """The catalogue of the current release, grouped in plain words (a draft treatment is not offered yet)."""
    groups: dict[str, list] = {}
    for treatment in (evidence or released_evidence()).treatments:
        label = treatment.name + (f" ({treatment.brand_names})" if treatment.brand_names else "")
        groups.setdefault(treatment.plain_group, []).append((treatment.slug, label))
    return list(groups.items())


class QuestionnaireWizard(NamedUrlSessionWizardView):
    template_name = "questionnaire/step.html"

    def _forget_unknown_current_step(self):
        """A current step that is not (or no longer) a step of this questionnaire counts as no step at all.

        It can come from a session made before a change of answers removed a step (the walking range once the
        EDSS is known); formtools would otherwise fail to find its form on every later request.
        """
        current = self.storage.current_step
        if current is not None and current not in self.steps.all:
            self.storage.current_step = None

    def get(self, *args, **kwargs):
        self._forget_unknown_current_step()
        self._restore_finished_answers()
        # /questions/ opens the step the person is on; it never wipes their answers (only "Start again" does).
        if kwargs.get("step") is None:
            return redirect(self.get_step_url(self.steps.current))
        return super().get(*args, **kwargs)

    def post(self, *args, **kwargs):
        self._forget_unknown_current_step()
        self._restore_finished_answers()
        # Back keeps what was typed on this page too, when it is a complete, valid answer.
        goto = self.request.POST.get("wizard_goto_step")
        if goto in self.steps.all:
            form = self.get_form(data=self.request.POST, files=self.request.FILES)
            if form.is_valid():
                self.storage.set_step_data(self.steps.current, self.process_step(form))
            return self.render_goto_step(goto)
        # The hidden field naming the step must name a step of this questionnaire. formtools answers a missing
        # one with a 400 and trusts any other value as the current step (which then fails on every request);
        # here the person is sent back to the step they were on, with a message, and keeps every answer.
        posted_step = self.request.POST.get(f"{self.prefix}-current_step")
        if posted_step not in self.steps.all:
            messages.warning(self.request, _("Sorry, that page could not be read. Please answer this question again."))
            return redirect(self.get_step_url(self.steps.current))
        if self.storage.current_step is None:
            # A page answered in a session that has no step yet (the browser was closed and the tab restored):
            # formtools would check the answers against the first step; check them against their own step.
            self.storage.current_step = posted_step
        if "wizard_finish" in self.request.POST:
            self.storage.current_step = posted_step
            return self._finish_from_this_step(**kwargs)
        return super().post(*args, **kwargs)

    def _forget_cached_steps(self):
        """formtools keeps the list of steps (which depends on the answers: the walking range) and each step's
        cleaned answers for the rest of the request; after answers change they must be worked out again."""
        for name in list(self.__dict__):
            if name in ("_resolved_form_list", "_cache_signature") or name.startswith("_cleaned_data_cache_"):
                delattr(self, name)

    def _all_answered(self) -> bool:
        return all(self.storage.get_step_data(step) is not None for step in self.steps.all)

    def _finish_from_this_step(self, **kwargs):
        """ "See my results" after changing one answer: keep this step's answer and finish, without clicking
        Next through the other steps. A change can bring up a step never answered (the walking range, once
        the EDSS is "I don't know"): the person is taken there to answer it; no answer is made up for it."""
        form = self.get_form(data=self.request.POST, files=self.request.FILES)
        if not form.is_valid():
            return self.render(form)
        self.storage.set_step_data(self.steps.current, self.process_step(form))
        self._forget_cached_steps()
        unanswered = [step for step in self.steps.all if self.storage.get_step_data(step) is None]
        if unanswered:
            if FOLLOW_UP_OF.get(unanswered[0]) == self.steps.current:
                messages.info(self.request, _("Your new answer brings up one more question. Please answer it to see "
                                              "your results."))
            else:  # a page from before some steps were answered (another tab)
                messages.info(self.request, _("Please answer this question too: your results need it."))
            self.storage.current_step = unanswered[0]
            return redirect(self.get_step_url(unanswered[0]))
        return self.render_done(form, **kwargs)  # checks every step again, at /questions/done/

    def process_step(self, form):
        """Keep only this step's own answers, cleaned: never anything else that was posted.

        formtools keeps the raw POST by default, so extra fields and padded values (34 typed as 10,000 zeros
        and 34) would grow the session cookie past what browsers keep, and the answers would be lost.
        """
        return answers.as_posted(form.prefix, form.cleaned_data)

    def _restore_finished_answers(self):
        """Finishing empties formtools' own storage; the answers stay saved in the session (the profile). Put
        them back as each step's answers, so that changing one answer later, and finishing again, does not mean
        giving every other answer again. A saved answer that no longer fits its step (a treatment taken out of
        the catalogue) is left for the person to give again."""
        saved = answers.saved_answers(self.request.session)
        if not saved or self.storage.data.get(self.storage.step_data_key):
            return
        for step in self.form_list:
            # Only the steps that were asked: the walking range is restored only if the EDSS (restored just
            # before it) is "I don't know", so a later change of the EDSS never finds a walking answer ready.
            self._forget_cached_steps()
            if step not in self.get_form_list():
                continue
            posted = answers.as_posted(step, answers.initial_for_step(step, saved))
            form = self.get_form(step=step, data=MultiValueDict(posted))
            if form.is_valid():
                self.storage.set_step_data(step, self.process_step(form))
        self._forget_cached_steps()

    def render_revalidation_failure(self, failed_step, form, **kwargs):
        # Reached by finishing (or opening /questions/done/) with a step not answered, or no longer valid.
        messages.info(self.request, _("Please answer this question first: the results need it."))
        return super().render_revalidation_failure(failed_step, form, **kwargs)

    def get_context_data(self, form, **kwargs):
        context = super().get_context_data(form=form, **kwargs)
        context.update(
            step_number=step_number(self.steps.current),
            step_total=STEP_TOTAL,
            follow_up=self.steps.current in FOLLOW_UP_OF,
            # "See my results" on every step once every step has an answer (after finishing, or coming back).
            can_finish=self.steps.next is not None and self._all_answered(),
        )
        return context

    def get_form_kwargs(self, step=None):
        if step == "disease":
            return {"age": (self.get_cleaned_data_for_step("about") or {}).get("age")}
        if step == "treatments":
            evidence = released_evidence()
            # The footer names this same release: one query for both (decisionaid/evidence/context_processors.py).
            self.request.evidence_release = evidence.release
            return {"treatment_choices": treatment_choices(evidence)}
        return {}

    def get_form_initial(self, step):
        return answers.initial_for_step(step, answers.saved_answers(self.request.session))

    def done(self, form_list, form_dict, **kwargs):
        steps = {name: form.cleaned_data for name, form in form_dict.items()}
        data = answers.profile_data_from_steps(steps)
        profile_from_data(data)  # the forms allow only valid profiles; fail loudly if they ever disagree
        answers.save_answers(self.request.session, data)
        return redirect("summary:results")


WIZARD_OPTIONS = {"condition_dict": {"walking": edss_unknown}, "url_name": "questionnaire:step", "done_step_name": "done"}
questionnaire = QuestionnaireWizard.as_view(STEPS, **WIZARD_OPTIONS)


def _back_url(request) -> str:
    """Where "No, go back" leads: the page the person came from (a path of this site only), else the home page."""
    back = request.GET.get("next", "")
    if url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return back
    return reverse("pages:home")


@require_http_methods(["GET", "POST"])
def start_again(request):
    """GET asks first, and suggests saving the answers to a file; only the POST clears them."""
    if request.method == "GET":
        return render(request, "questionnaire/start_again.html", {"back_url": _back_url(request)})
    request.session.flush()
    messages.info(request, _("All your answers have been cleared."))
    return redirect("pages:home")
