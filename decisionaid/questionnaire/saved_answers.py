"""Save my answers to a file, and continue from that file: the answers kept on the person's device, not on the server.

Both go through the questionnaire's own wizard (its forms, its storage in the session cookie, its finishing step),
so answers read back from a file are checked exactly like typed ones.
"""
from __future__ import annotations

import copy
import io

from django import forms
from django.contrib import messages
from django.core.files.uploadedfile import InMemoryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from django.utils.formats import date_format
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _, gettext_lazy
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_POST
from formtools.wizard.storage import get_storage
from formtools.wizard.views import StepsHelper

from . import answers, answers_file
from .views import STEPS, WIZARD_OPTIONS, QuestionnaireWizard


def wizard_for(request) -> QuestionnaireWizard:
    """The questionnaire's wizard for this request, set up as formtools' dispatch() sets it up."""
    wizard = QuestionnaireWizard(**QuestionnaireWizard.get_initkwargs(STEPS, **WIZARD_OPTIONS))
    wizard.setup(request)
    wizard.prefix = wizard.get_prefix(request)
    wizard.storage = get_storage(wizard.storage_name, wizard.prefix, request, None)
    wizard.steps = StepsHelper(wizard)
    return wizard


def forget_cached_conditions(wizard) -> None:
    """formtools works out once per wizard which steps are asked (the walking step only when the EDSS is not known)
    and caches each step's cleaned answers; after changing the stored answers, work them out again, as its post()
    does."""
    for name in list(vars(wizard)):
        if name in ("_resolved_form_list", "_cache_signature") or name.startswith("_cleaned_data_cache_"):
            delattr(wizard, name)


def answers_so_far(wizard) -> dict[str, dict]:
    """Every answered step of the questions the person gets: step -> {field: text, or a list of texts}."""
    wizard._restore_finished_answers()  # after finishing, the answers are the saved profile: back into the steps
    forget_cached_conditions(wizard)
    kept = {}
    for step in wizard.get_form_list():
        posted = wizard.storage.get_step_data(step)
        if posted is not None:
            prefix = f"{step}-"
            kept[step] = {name.removeprefix(prefix): values if len(values) > 1 else values[0]
                          for name, values in posted.lists()}
    return kept


def take_answers(wizard, saved: dict[str, dict]) -> list[str]:
    """Check the file's answers with each step's own form, in the order of the steps (a later form can depend on
    an earlier answer, as the years since first symptoms do on the age), and make them the wizard's answers.
    Returns the problems; when there is one, nothing is taken and the person's current answers stay as they were."""
    session = wizard.request.session
    before = copy.deepcopy(wizard.storage.data), answers.saved_answers(session)
    wizard.storage.reset()
    session.pop(answers.SESSION_KEY, None)
    forget_cached_conditions(wizard)
    problems = []
    for step in wizard.form_list:
        if step not in saved or step not in wizard.get_form_list():  # the walking step once the EDSS is known
            continue
        form = wizard.get_form(step=step, data=MultiValueDict(answers.as_posted(step, saved[step])))
        if form.is_valid():
            wizard.storage.set_step_data(step, wizard.process_step(form))
            forget_cached_conditions(wizard)
        else:
            problems += [_("Saved answers file: an answer in it cannot be used any more (%(error)s). Please answer "
                           "the questions again.") % {"error": error}
                         for errors in form.errors.values() for error in errors]
    if problems:
        wizard.storage.data = before[0]
        if before[1] is not None:
            answers.save_answers(session, before[1])
    return problems


def carry_on(wizard):
    """To the results when every question is answered (through the wizard's own finishing step), else to the
    first question not answered yet."""
    unanswered = [step for step in wizard.get_form_list() if wizard.storage.get_step_data(step) is None]
    if not unanswered:
        return wizard.render_done(None, step=wizard.done_step_name)
    wizard.storage.current_step = unanswered[0]
    return redirect(wizard.get_step_url(unanswered[0]))


class SmallUploadInMemory(FileUploadHandler):
    """Keeps at most `limit` + 1 bytes of an upload, in memory, and counts the rest: a bigger file is refused by
    its size, and no upload is ever written to the server's disk (Django's own handlers write big ones there)."""

    def __init__(self, request, limit: int):
        super().__init__(request)
        self.limit = limit

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.kept, self.received = io.BytesIO(), 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        room = self.limit + 1 - self.kept.tell()
        if room > 0:
            self.kept.write(raw_data[:room])
        return None  # nothing for any other handler

    def file_complete(self, file_size):
        self.kept.seek(0)
        return InMemoryUploadedFile(self.kept, self.field_name, self.file_name, self.content_type, self.received,
                                    self.charset, self.content_type_extra)


class SavedAnswersForm(forms.Form):
    saved_answers = forms.FileField(
        label=gettext_lazy("Saved answers file"),
        help_text=gettext_lazy("The file you saved with “Save my answers”. Its name starts with my-ahsct-answers."),
        error_messages={
            "required": gettext_lazy("Saved answers file: please choose the file you saved with “Save my answers”."),
            "empty": gettext_lazy("Saved answers file: the file you chose is empty. Please choose the file you "
                                  "saved with “Save my answers”."),
            "invalid": gettext_lazy("Saved answers file: this could not be read as a file. Please choose the file "
                                    "you saved with “Save my answers”."),
            "missing": gettext_lazy("Saved answers file: no file arrived. Please choose the file again."),
            "max_length": gettext_lazy("Saved answers file: the file's name is too long. Please rename it."),
        },
        max_length=200,
    )

    def clean_saved_answers(self):
        upload = self.cleaned_data["saved_answers"]
        try:
            return answers_file.loads(upload.read())
        except answers_file.AnswersFileError as problem:
            raise forms.ValidationError(str(problem)) from None


@require_GET
def save_my_answers(request):
    """The answers given so far, as a signed file to download: all of them, or part, for a person who stops halfway."""
    kept = answers_so_far(wizard_for(request))
    if not kept:
        messages.info(request, _("There are no answers to save yet. Answer the first question, then save."))
        return redirect("questionnaire:start")
    today = timezone.localdate()
    response = HttpResponse(answers_file.dumps(kept, today), content_type="application/json")
    response["Content-Disposition"] = content_disposition_header(True, answers_file.file_name(today))
    response["Cache-Control"] = "no-store"  # the answers are the person's: no cache along the way keeps a copy
    return response


@csrf_exempt  # checked below: the upload handlers have to be set before the CSRF check reads the form
@require_POST
def continue_from_saved_answers(request):
    request.upload_handlers = [SmallUploadInMemory(request, limit=answers_file.MAX_BYTES)]
    return _continue_from_saved_answers(request)


@csrf_protect
def _continue_from_saved_answers(request):
    form = SavedAnswersForm(request.POST, request.FILES)
    if form.is_valid():
        saved, saved_on = form.cleaned_data["saved_answers"]
        wizard = wizard_for(request)
        problems = take_answers(wizard, saved)
        if not problems:
            messages.info(request, _("Your answers saved on %(date)s are back. You can change any of them.")
                          % {"date": date_format(saved_on)})
            return carry_on(wizard)
        for problem in problems:
            form.add_error("saved_answers", problem)
    return render(request, "pages/home.html", {"continue_form": form})
