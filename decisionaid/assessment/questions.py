"""Questions to take to the neurologist, built from the person's answers and the assessment.

Questions, never advice: each one asks the clinician about something the answers leave open or that the
evidence says matters for people like this person.
"""
from collections.abc import Iterable

from django.utils.translation import gettext as _, gettext_lazy

from .checks import BORDERLINE, NOT_MET
from .profile import Profile
from .verdicts import BORDERLINE_VERDICT

# Profile field -> (what the answer is, the question that settles it). Lazy: str() them where they are used.
ANSWER_TEXT = {
    "subtype": (
        gettext_lazy("Which type of MS you have"),
        gettext_lazy("Which type of MS do I have: relapsing-remitting, secondary progressive (with or without relapses or "
        "MRI activity) or primary progressive?"),
    ),
    "relapses_12m": (
        gettext_lazy("How many relapses you had in the last 12 months"),
        gettext_lazy("How many relapses have I had in the last 12 months?"),
    ),
    "mri_activity_12m": (
        gettext_lazy("Whether your MRI scans in the last 12 months showed new or active lesions"),
        gettext_lazy("Did my MRI scans in the last 12 months show new or enlarging lesions, or lesions that lit up with "
        "contrast (gadolinium)?"),
    ),
    "disability_worsened_12m": (
        gettext_lazy("Whether your disability got worse in the last 12 months"),
        gettext_lazy("Has my disability got worse in the last 12 months?"),
    ),
    "high_efficacy_contraindicated": (
        gettext_lazy("Whether high-efficacy MS treatments are possible for you"),
        gettext_lazy("Is there a medical reason I cannot have a high-efficacy MS treatment?"),
    ),
    "edss": (gettext_lazy("Your EDSS score"), gettext_lazy("What is my EDSS score?")),
    "disease_duration_years": (
        gettext_lazy("How many years since your first MS symptoms"),
        gettext_lazy("How many years ago did my first MS symptoms start, according to my records?"),
    ),
}


# The same answers in the first person, for one question that asks for them all (the printed summary).
ANSWER_ASK = {
    "subtype": gettext_lazy("which type of MS I have"),
    "relapses_12m": gettext_lazy("how many relapses I had in the last 12 months"),
    "mri_activity_12m": gettext_lazy("whether my MRI scans in the last 12 months showed new or active lesions"),
    "disability_worsened_12m": gettext_lazy("whether my disability got worse in the last 12 months"),
    "high_efficacy_contraindicated": gettext_lazy("whether there is a medical reason I cannot have a high-efficacy MS treatment"),
    "edss": gettext_lazy("my EDSS score"),
    "disease_duration_years": gettext_lazy("how many years ago my first MS symptoms started"),
}


def unknown_answers_question(unknown_answers: Iterable) -> str:
    """One question for every answer the person did not know, or "" when there is none."""
    asks = [str(ANSWER_ASK[answer.field]) for answer in unknown_answers if answer.field in ANSWER_ASK]
    if not asks:
        return ""
    return _("Please tell me what I did not know: %(answers)s.") % {"answers": "; ".join(asks)}


def treatment_abroad_questions(profile: Profile) -> list[str]:
    """For a person thinking of a private clinic or treatment abroad (yes or not sure): what to ask the clinic,
    and what their own neurologist and health service can take over afterwards. Questions, never advice."""
    if not profile.considering_treatment_abroad:
        return []
    return [
        _(
            "If I had aHSCT at a private clinic or abroad, what should I ask the clinic: its chemotherapy and how "
            "strong it is, how many people with MS it has treated and their results, who looks after complications "
            "once I am home, what happens in an emergency on the journey home, the full cost including care "
            "afterwards, and which vaccinations I need afterwards?"
        ),
        _("After treatment at a private clinic or abroad, what could you and my local health service take over, and what not?"),
    ]


def questions_for(
    *,
    profile: Profile,
    unknown_answers: Iterable,
    guidelines: Iterable,
    factors: Iterable,
    trials: Iterable,
    first_line_trial_note: str,
    tried_high_efficacy: bool,
) -> tuple[str, ...]:
    unknown_answers = list(unknown_answers)
    questions: list[str] = [answer.question for answer in unknown_answers]

    if profile.edss_is_approximate and "edss" not in {answer.field for answer in unknown_answers}:
        questions.append(
            _(
                "What is my EDSS score? This summary used an approximate score worked out from how far I can walk."
            )
        )

    if profile.pregnancy_wish in ("yes", "unsure"):
        if profile.sex in ("female", "other"):
            questions.append(
                _(
                    "I may want to become pregnant. What are my options to preserve fertility (for example freezing "
                    "eggs or embryos) before aHSCT, and how could the treatment affect my periods and fertility?"
                )
            )
        else:
            questions.append(
                _(
                    "I may want to have children. How could aHSCT affect my fertility, and should I think about "
                    "storing sperm before treatment?"
                )
            )

    # Only recruiting trials are something to ask to join; a status older than 12 months is asked about.
    open_trials = [m for m in trials if m.is_recruiting and m.fits is not False]
    for match in open_trials:
        trial = match.trial
        if match.is_stale:
            questions.append(
                _(
                    "Is the %(name)s trial (%(registry)s) still recruiting, and could I take part? Its last "
                    "recorded status (%(when)s) was recruiting."
                ) % {"name": trial.name, "registry": match.registry_text, "when": trial.status_as_of}
            )
        else:
            questions.append(
                _("Could I take part in the %(name)s trial (%(registry)s)? It was recruiting as of %(when)s.")
                % {"name": trial.name, "registry": match.registry_text, "when": trial.status_as_of}
            )
    if first_line_trial_note and not open_trials:
        questions.append(
            _("One guideline considers aHSCT as a first treatment only within a clinical trial or research study. Is "
              "there a trial or study I could take part in?")
        )

    # Only the points of guidelines whose overall verdict is "may be considered": a guideline that already
    # describes the person as outside is never quoted as one that may consider them.
    borderline = list(dict.fromkeys(
        criterion.label_plain
        for guideline in guidelines
        if guideline.verdict == BORDERLINE_VERDICT
        for criterion in guideline.criteria
        if criterion.result == NOT_MET and criterion.effect == BORDERLINE
    ))
    if borderline:
        questions.append(
            _(
                "Some guidelines describe people with answers like mine as ones who 'may be considered'. How do "
                "the points I do not fully match apply to me: %(points)s?"
            ) % {"points": "; ".join(borderline)}
        )

    if not tried_high_efficacy and profile.high_efficacy_contraindicated is not True:
        questions.append(
            _(
                "Which high-efficacy treatments could I have, and how do they compare with aHSCT for someone like me?"
            )
        )

    if any(f.key == "higher_edss" and f.applies for f in factors):
        questions.append(_("How does my level of disability change the risks, and the likely benefit, of aHSCT for me?"))

    questions.extend(treatment_abroad_questions(profile))

    questions.append(
        _(
            "Which centre would treat me, how many people with MS has it treated with aHSCT, and which chemotherapy "
            "(conditioning regimen) does it use: a milder or a stronger one?"
        )
    )
    questions.append(
        _(
            "What is likely to happen if I stay on my current treatment or switch to another one instead of aHSCT?"
        )
    )
    return tuple(questions)
