"""Plain-language definitions of the words the aid uses, as data.

Each entry is (slug, term, definition). The slug is the anchor on /glossary/, so any page can link to a term
with `glossary_url("edss")` (or `{% load glossary %}{% glossary_url "edss" %}` in a template), which gives
"/glossary/#edss". Definitions aim at reading grade 8 or lower: short sentences and common words. Terms and
definitions go through gettext, so the Norwegian glossary is kept in locale/nb (the slugs stay the same).
"""
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

TERMS: tuple[tuple[str, str, str], ...] = (
    (
        "aggressive-ms",
        _("Aggressive MS"),
        _("MS that gets worse fast. A person may have many relapses in a short time, many new MRI lesions, "
         "or disability that builds up quickly. There is no single agreed rule for when MS counts as aggressive."),
    ),
    (
        "ahsct",
        _("aHSCT (autologous haematopoietic stem cell transplantation)"),
        _("A treatment that uses strong drugs (chemotherapy) to wipe out most of the immune system. Then the "
         "person's own stem cells, collected earlier, are given back through a drip. The stem cells build a new "
         "immune system. The aim is that the new immune system no longer attacks the brain and spinal cord. "
         "“Autologous” means the cells come from the person themselves, not from a donor."),
    ),
    (
        "atg",
        _("ATG (anti-thymocyte globulin)"),
        _("A medicine made from antibodies. It kills many of the immune cells called T cells. It is given with "
         "chemotherapy during aHSCT. It can cause fever or chills while it is given."),
    ),
    (
        "beam-atg",
        _("BEAM/ATG"),
        _("One type of conditioning for aHSCT. BEAM is a mix of four chemotherapy drugs. It is given with ATG. "
         "BEAM/ATG is myeloablative: it wipes out the bone marrow, so the stem cells must be given back for the "
         "blood to recover. It counts as intermediate intensity. In one Swedish study it caused more side "
         "effects than Cy/ATG."),
    ),
    (
        "cohort-study",
        _("Cohort study"),
        _("A study that follows a group of people over time and records what happens to them. Nobody is put into a "
         "group by chance. People who had a treatment may differ from those who did not. So a cohort study "
         "cannot prove what the treatment itself did. A registry study is a large cohort study. It uses a "
         "national or international list of patients."),
    ),
    (
        "conditioning",
        _("Conditioning"),
        _("The strong drugs given during aHSCT, just before the stem cells are given back. They wipe out most of "
         "the immune system. Different centres use different mixes of drugs. These mixes are called regimens."),
    ),
    (
        "confidence-interval",
        _("Confidence interval (uncertainty range)"),
        # xgettext:no-python-format  (the "95% c" below is text, not a format)
        _("The range in which the true number is likely to be. Studies look at a sample of people, so their "
         "numbers are not exact. A 95% confidence interval of 66 to 81 means the true figure is very likely "
         "between 66 and 81. A wide range means we are less sure."),
    ),
    (
        "cy-atg",
        _("Cy/ATG"),
        _("One type of conditioning for aHSCT: a high dose of cyclophosphamide (Cy), a chemotherapy drug, with "
         "ATG. It is non-myeloablative: it wipes out most of the immune system but spares the bone marrow. It "
         "counts as intermediate intensity. It is the regimen most used in Sweden, and the one used in the "
         "MIST trial."),
    ),
    (
        "dmt",
        _("Disease-modifying treatment (DMT)"),
        _("A medicine taken over months or years to reduce MS attacks and slow down disability. Examples are "
         "interferon beta, fingolimod, natalizumab and ocrelizumab. DMTs do not cure MS."),
    ),
    (
        "edss",
        _("EDSS (Expanded Disability Status Scale)"),
        _("A score from 0 to 10 that neurologists use to measure disability in MS. 0 means a normal exam. Scores "
         "from 1 to 3.5 mean mild to moderate problems while walking freely. 4 to 5.5 means walking is limited. "
         "6 means a stick or crutch is needed to walk 100 metres. Higher scores mean more disability. 10 means "
         "death from MS."),
    ),
    (
        "event-free-survival",
        _("Event-free survival"),
        _("The share of people who were alive and had none of a set of events by a given time. In MS studies the "
         "events are usually a relapse, new MRI lesions or worse disability. The study must say which events it "
         "counted."),
    ),
    (
        "febrile-neutropenia",
        _("Febrile neutropenia"),
        _("A fever while the white blood cells that fight infection (neutrophils) are very low. It is common in "
         "the first weeks after aHSCT, before the new blood cells grow. It is treated in hospital with "
         "antibiotics."),
    ),
    (
        "gadolinium",
        _("Gadolinium (contrast dye)"),
        _("A dye given into a vein during some MRI scans. It leaks into spots where MS is active right now. These "
         "spots light up on the scan and are called enhancing lesions. An enhancing lesion is a sign of new, "
         "active inflammation."),
    ),
    (
        "high-efficacy-treatment",
        _("High-efficacy treatment"),
        _("A disease-modifying treatment that reduces relapses and new MRI lesions more than the older platform "
         "treatments. Examples are natalizumab, alemtuzumab and ocrelizumab. Some guidelines only suggest aHSCT after one of these has failed."),
    ),
    (
        "jacie",
        _("JACIE accreditation"),
        _("A quality check for hospitals that do stem cell transplants. JACIE is run by two international transplant "
         "societies (EBMT and ISCT). An accredited centre has shown that it meets set standards. Guidelines advise that "
         "aHSCT is done only in accredited centres with experience."),
    ),
    (
        "kaplan-meier",
        _("Kaplan–Meier estimate"),
        _("An estimate that accounts for people followed for different lengths of time. In most studies some "
         "people were treated long ago and some only recently. This method uses what is known about each "
         "person for as long as they were followed. It gives the share of people expected to be free of an "
         "event at a given time. It is an estimate, not a count of people."),
    ),
    (
        "meta-analysis",
        _("Meta-analysis"),
        _("A study that pools the results of many earlier studies to give one overall figure. It is only as good "
         "as the studies it pools. If those studies differ a lot, the pooled figure may not fit any one group "
         "of people well."),
    ),
    (
        "mri-activity",
        _("MRI activity"),
        _("Signs on an MRI scan that MS is active. This means new lesions (spots of damage), lesions that have "
         "grown, or lesions that light up with contrast dye. New or growing lesions on the usual scan are called "
         "new or enlarging T2 lesions. MRI activity can happen without any symptoms."),
    ),
    (
        "myeloablative",
        _("Myeloablative and non-myeloablative"),
        _("Myeloablative conditioning wipes out the bone marrow, where blood cells are made. The person needs "
         "their stem cells back for the marrow to recover. Non-myeloablative conditioning wipes out most of "
         "the immune system but spares the bone marrow. It is usually gentler."),
    ),
    (
        "intermediate-intensity",
        _("Intermediate intensity"),
        _("A middle level of strength for conditioning. Both BEAM/ATG and Cy/ATG count as intermediate intensity. "
         "High-intensity regimens, such as those with busulfan, are stronger. They are used less often now."),
    ),
    (
        "neda",
        _("NEDA (no evidence of disease activity)"),
        _("A way to say that MS showed no signs of being active. NEDA-3 means three things at once: no relapses, "
         "no new or active lesions on MRI, and no lasting worsening of disability. Studies check this over a "
         "set time."),
    ),
    (
        "ovarian-failure",
        _("Ovarian failure (early menopause)"),
        _("When the ovaries stop working. Periods stop and it becomes hard or impossible to get pregnant "
         "naturally. The chemotherapy in aHSCT can cause this. It is more likely in older women. In some women "
         "periods come back after some months."),
    ),
    (
        "platform-treatment",
        _("Platform treatment"),
        _("An older or milder disease-modifying treatment, often the first one people take. Examples are "
         "interferon beta, glatiramer acetate, teriflunomide and dimethyl fumarate. They reduce relapses less "
         "than high-efficacy treatments."),
    ),
    (
        "ppms",
        _("Primary progressive MS"),
        _("A type of MS that gets slowly worse from the start, without clear relapses. The guidelines do not usually suggest aHSCT for it."),
    ),
    (
        "progression-free",
        _("Progression-free"),
        _("Without lasting worsening of disability. In studies this usually means the EDSS score did not go up "
         "and stay up. Progression-free survival is the share of people who were alive and had no such "
         "worsening by a given time."),
    ),
    (
        "randomised-controlled-trial",
        _("Randomised controlled trial"),
        _("A study where people are put into groups by chance, for example aHSCT or another treatment. Because "
         "chance decides, the groups are alike at the start. So differences at the end are most likely caused "
         "by the treatments. This is the fairest way to compare treatments."),
    ),
    (
        "relapse",
        _("Relapse"),
        _("An MS attack. New symptoms appear, or old ones get clearly worse. It lasts more than 24 hours and is "
         "not caused by a fever or an infection. Relapses often get better over weeks or months, but not always "
         "fully."),
    ),
    (
        "relapse-free",
        _("Relapse-free"),
        _("Without any relapse over a given time. Relapse-free survival is the share of people who were alive "
         "and had no relapse by that time."),
    ),
    (
        "rrms",
        _("Relapsing-remitting MS"),
        _("The most common type of MS. People have relapses, then times of partial or full recovery. Most studies "
         "of aHSCT are in this type of MS, and the results are best in it."),
    ),
    (
        "secondary-autoimmune-disease",
        _("Secondary autoimmune disease"),
        _("A new illness where the immune system attacks the body, starting after aHSCT. The most common one "
         "affects the thyroid gland, which can become overactive or underactive. Thyroid problems can usually be "
         "treated, for example with tablets."),
    ),
    (
        "spms",
        _("Secondary progressive MS"),
        _("A type of MS that starts as relapsing-remitting MS and later gets steadily worse, with or without "
         "relapses. When there are still relapses or new MRI lesions, it is called active. aHSCT is sometimes "
         "considered for active forms."),
    ),
    (
        "stem-cells",
        _("Stem cells"),
        _("Cells in the bone marrow that can grow into every type of blood cell, including immune cells. For "
         "aHSCT they are moved from the marrow into the blood with medicines, then collected from the blood. "
         "They are frozen and given back after the conditioning."),
    ),
    (
        "treatment-related-mortality",
        _("Treatment-related mortality"),
        _("The share of people who die because of the treatment. For aHSCT it is often counted as death from any "
         "cause within 100 days of getting the stem cells back."),
    ),
)

# Plain lookups for other pages and templates.
TERMS_BY_SLUG: dict[str, tuple[str, str]] = {slug: (term, definition) for slug, term, definition in TERMS}


def glossary_url(slug: str) -> str:
    """The address of one term on the glossary page; an unknown slug is an error, so typos fail loudly."""
    if slug not in TERMS_BY_SLUG:
        raise KeyError(f"No glossary term with the slug {slug!r}")
    return f"{reverse('pages:glossary')}#{slug}"


def sorted_terms() -> list[tuple[str, str, str]]:
    """The terms in alphabetical order of the term, as the page lists them."""
    return sorted(TERMS, key=lambda entry: str(entry[1]).casefold())
