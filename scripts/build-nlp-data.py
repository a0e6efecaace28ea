#!/usr/bin/python3
"""Builds the clinical-mentions plugin's data files from the public sources in ../shared/data.

  python3 scripts/build-nlp-data.py [SHARED_DATA_DIR]

Writes plugins/clinical-mentions/terms.tsv.tar.gz (terms.tsv, from the ICD-10-CM FY2025 alphabetic index, public
domain, plus the curated abbreviations in plugins/clinical-mentions/abbreviations.tsv) and
plugins/clinical-mentions/context_rules.tsv (ConText triggers from medspaCy's rules, MIT, and the
NegEx trigger lists, Apache-2.0, plus the team's own additions in context_additions.tsv).
Run it again when the sources change; the product only reads the generated files.
"""
import csv
import gzip
import io
import json
import os
import re
import sys
import tarfile
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
PLUGIN = os.path.join(HERE, "..", "plugins", "clinical-mentions")
SHARED = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "..", "shared", "data")

# Single words too common in charts to be mentions on their own.
STOP = set("""absence abnormal abnormality abuse accident action activity admission adverse affection aftercare agent
alteration anomaly arrest assault attack birth block burn care carrier change check complication condition contact
counseling crisis damage death defect deficiency deformity delivery dependence deposit disease disorder displacement
disturbance drug effect encounter episode examination exposure failure family fever finding follow-up foreign fracture
gain growth history hypertrophy illness impairment infection inflammation injury insufficiency intoxication lack
lesion loss malfunction mass neoplasm newborn observation obstruction pain palsy poisoning pregnancy problem reaction
rupture screening sequelae shock sign state status stricture surgery symptom syndrome test therapy transplant
treatment tumor ulcer use visit wound male female heart lung chronic acute progressive essential myocardial physical
sick anesthesia analgesia cancer diabetic hypertensive primary secondary severe mild left right bilateral upper lower general normal
multiple single simple complex total partial open closed heat
conus personality drip donor insufflation rising simulation settle overlaid sadness recruitment dissolution transparency rage
clad lipping seclusion phrase cistern contamination investigation boarder prosecution flecks vascularization hematopoiesis
crowding immaturity saber mottled discontinuity lengthening preponderance torus globus senile jerks jerk maceration""".split())
# ("heat" alone is a treatment, "ice and heat", or an exposure the chart names further: "heat exhaustion".)
# (The second group are ordinary or anatomical words an index entry made single-word terms: "conus
# medullaris", "heparin drip", "CO2 insufflation", "rising creatinine", "radiation simulation",
# "globus pallidus", "a torus of the palate", "the rage of a febrile child" or "absent ankle jerks" (a
# reflex, not "Jerks, myoclonic") or "interdigital maceration" (wet skin, not the immersion foot of
# "Maceration, wet feet" T69.0-) name no condition alone.)
# Some of these are real findings when they stand alone in a chart; keep them.
KEEP_SINGLE = {"fever", "pain", "shock", "mass", "tumor", "ulcer", "fracture", "infection", "lesion", "syncope", "seizure", "stroke", "belching", "lumbago", "breathlessness",
               "pustule", "scurvy", "fistula", "quinsy", "harelip", "cheloid", "hydropneumothorax", "barotrauma", "diuresis", "burn"}


DISEASE_ENDINGS = (r"(itis|osis|oma|emia|aemia|pathy|algia|thorax|rrhea|rrhoea|plegia|paresis|cele|iasis|ectasis|"
                   r"trophy|ism|uria|ectomy|penia|megaly|sclerosis|stenosis|spasm|ocele|cytosis|plasia|rrhage|"
                   r"lepsy|phobia|mania|ache|itis|ulcer|varix|varices)$")


def norm(text):
    # Possessives drop out as the plugin's tokenizer drops them ("Parkinson's" -> "parkinson"), and
    # accents fold to their base letter as the tokenizer folds them ("Guillain-Barré" -> "guillain
    # barre", which a chart typed in ASCII writes): dropped, "barr" matched no chart.
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(re.findall(r"[a-z0-9]+", re.sub(r"'s\b", "", text.lower())))


def kind_of(code):
    c = code[:1]
    if c == "C" or (c == "D" and code[1:3] < "50"):
        return "neoplasm"
    if c == "R":
        return "sign_or_symptom"
    if c in "ST":
        return "injury"
    if c == "Z":
        return "other"
    return "diagnosis"


def main_spellings(main_term):
    """The names a main term's subterms combine with. Its commas list spellings of one stem
    ("Infarct, infarction", "Diabetes, diabetic") or qualify it ("Fracture, pathological",
    "Abruption, placenta"): a qualifier is part of the name ("pathological fracture"), so
    "femur fracture" is not read as "Fracture, pathological > femur"."""
    parts = [p.strip() for p in re.sub(r"\([^)]*\)", "", main_term).split(",") if p.strip()]
    if not parts:
        return []
    head = parts[0]
    spellings = [head] + [p for p in parts[1:] if p.lower()[:4] == head.lower()[:4]]
    qualifiers = [p for p in parts[1:] if p.lower()[:4] != head.lower()[:4]]
    if not qualifiers:
        return spellings
    return [q + " " + m for q in qualifiers for m in spellings] + [m + " " + q for q in qualifiers for m in spellings]


def subterm_spellings(sub):
    """A subterm as printed, plus its spellings when it lists one word's forms: "respiration,
    respiratory" -> also "respiration" and "respiratory". Parts that do not share a stem
    ("kidney, acute") are a term and its modifier, kept together as printed."""
    parts = [p.strip() for p in sub.split(",")]
    if len(parts) == 2 and all(len(p.split()) == 1 for p in parts) and len(os.path.commonprefix(parts)) >= 5:
        return [sub] + parts
    # A noun and its adjective that share less of a stem ("vision, visual", "uterus, uterine",
    # "femur, femoral"); two adjectives ("constricting, congenital") are a term and a modifier.
    if (len(parts) == 2 and all(len(p.split()) == 1 for p in parts) and len(os.path.commonprefix([p.lower() for p in parts])) >= 3
            and not all(ADJECTIVE_ENDING.search(p.lower()) for p in parts)):
        return [sub] + parts
    # "Flutter > atrial or auricular", "Fibrillation > atrial or auricular": one word or the
    # other, so "atrial flutter" is the subterm's phrase too.
    alternatives = [p.strip() for p in sub.split(" or ")]
    if len(alternatives) == 2 and all(len(p.split()) == 1 and p.isalpha() for p in alternatives):
        return [sub] + alternatives
    return [sub]


HYPHEN_PREFIXES = {"pre", "post", "non", "anti", "sub", "intra", "peri", "hyper", "hypo", "co", "re", "multi", "semi", "extra", "inter",
                   "trans", "infra", "supra", "para", "pseudo", "poly", "micro", "macro", "neo", "endo", "retro", "ante"}
ENCOUNTER_WORDS = {"examination", "encounter", "admission", "observation", "screening", "test", "testing", "counseling",
                   "vaccination", "care", "aftercare", "fitting", "adjustment", "removal", "evaluation", "check", "attention"}
ADJECTIVE_ENDING = re.compile(r"(al|ic|ous|ive|ary|ed|ing|ar|ile|oid|ent|ant|ible|able|less|ful|ial|ical)$")


def index_terms():
    """The index's phrases, and its "of" forms: "Loss > vision", "Abscess > liver" are written
    "loss of vision", "abscess of the liver" in charts. Those come from first-level subterms that
    are one noun (not "renal", "acute", "infected"); lexical_variants adds them where the index
    has no such phrase."""
    of_forms = {}
    rows = list(csv.DictReader(open(os.path.join(SHARED, "vocab/icd10cm/ICD10CM_2025_Index.csv"), encoding="utf-8")))
    terms = {}
    guessed = set()  # phrases whose code is a category guessed from subterms: a real code replaces it
    parents = {}
    # Main terms printed without a code of their own ("Pneumothorax" -> subterms J93.x) are still
    # mentions: they get the category most of their direct subterms fall in (the coder descends
    # from there), so "pneumothorax" or "seizures" in a chart is found.
    child_categories = {}
    main = None
    for r in rows:
        level, code = int(r["Level"]), r["Code"].strip().rstrip("-").strip()
        if level == 0:
            main = None if (r["Code"].strip() or r["See"]) else r["Term"].strip()
        elif level == 1 and main and re.match(r"^[A-Z][0-9][0-9A-Z]", code):
            child_categories.setdefault(main, []).append(code[:3])
    # "Cholelithiasis - see Calculus, gallbladder", "Cardiomegaly - see also Hypertrophy, cardiac":
    # a main term without a code of its own takes the code its cross-reference leads to.
    # Paths at any depth ("Graves' disease - see Hyperthyroidism, with, goiter" names a third level).
    codes_by_path = {}
    stack = []
    for r in rows:
        level, code = int(r["Level"]), r["Code"].strip().rstrip("-").strip()
        name = r["Term"].split(",")[0] if level == 0 else r["Term"]
        del stack[level:]
        stack.append(norm(re.sub(r"\([^)]*\)", "", name)))
        if not re.match(r"^[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$", code):
            continue
        codes_by_path.setdefault(tuple(stack), code)
    for r in rows:
        if int(r["Level"]) != 0 or r["Code"].strip():
            continue
        target = (r["See"] or r["SeeAlso"] or "").strip()
        parts = [norm(p) for p in target.split(",")]
        if not parts or not parts[0]:
            continue
        # The deepest coded entry on the reference's path ("Ulcer, pressure, by site": "Ulcer, pressure").
        path = tuple(p for p in parts if p)
        # Never back to the main term alone ("Placenta - see Pregnancy, complicated by" is no Z33.1).
        code = next((codes_by_path[path[:k]] for k in range(len(path), min(2, len(path)) - 1, -1) if path[:k] in codes_by_path), None)
        name = re.sub(r"\([^)]*\)", "", r["Term"].split(",")[0]).strip()
        n = norm(name)
        if code and n and len(n) >= 4 and n not in STOP and n not in terms:
            terms[n] = (code, name)
            guessed.add(n)
    for main, cats in child_categories.items():
        best = max(sorted(set(cats)), key=cats.count)  # sorted: ties break the same way every run
        if cats.count(best) * 2 >= len(cats):
            name = re.sub(r"\([^)]*\)", "", main.split(",")[0]).strip()
            n = norm(name)
            # Only names that read as a condition: many code-less main terms are body parts or
            # adjectives ("Breast", "Positive", "Occult") that are no mention by themselves.
            if n and len(n) >= 4 and re.search(DISEASE_ENDINGS, n.split()[-1]):
                if n not in terms:
                    terms[n] = (best, name)
                    guessed.add(n)
    for r in rows:
        level, term, code = int(r["Level"]), r["Term"].strip(), r["Code"].strip()
        term = re.sub(r"\s+NOS$", "", term)
        parents[level] = term
        if not code or r["See"]:
            continue
        code = code.rstrip("-").strip()
        if not re.match(r"^[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$", code):
            continue
        names = []
        if level == 0:
            # "Diabetes, diabetic" -> "diabetes", "diabetic"; nonessential modifiers add variants.
            # Only the main term stands alone ("Diabetes, diabetic" -> "diabetes": the adjective
            # after the comma is no mention by itself); nonessential modifiers give variants in
            # both orders ("hypertension essential", "essential hypertension").
            main = term.split(",")[0].strip()
            names.append(main)
            for modifier in re.findall(r"\(([^)]+)\)", r["NonEssModif"] or ""):
                for m in modifier.split(","):
                    names.extend([main + " " + m.strip(), m.strip() + " " + main])
        elif level == 1:
            sub = re.sub(r"\([^)]*\)", "", term).strip()
            # Every spelling of the main term ("Infarct, infarction") combines with the subterm,
            # and so does every spelling of a subterm that prints two ("Failure > respiration,
            # respiratory", "circulation, circulatory": noun and adjective of one stem).
            for main in main_spellings(parents.get(0, "")):
                for one in subterm_spellings(sub):
                    if main and one and not one.startswith("-") and len(main.split()) <= 4:
                        names.extend([one + " " + main, main + " " + one])
                        if len(main.split()) == 1 and len(one.split()) == 1 and not ADJECTIVE_ENDING.search(one.lower()):
                            of_forms.setdefault(norm(main + " of " + one), (code.rstrip("-").strip(), main + " of " + one))
                            of_forms.setdefault(norm(main + " of the " + one), (code.rstrip("-").strip(), main + " of the " + one))
        else:
            continue
        for name in names:
            n = norm(re.sub(r"\([^)]*\)", "", name))
            words = n.split()
            if not words or len(words) > 8:
                continue
            if len(words) == 1 and (len(n) < 4 or (n in STOP and n not in KEEP_SINGLE)):
                continue
            # The shortest code wins for a phrase (the least specific reading of the bare words).
            if n not in terms or n in guessed or len(code) < len(terms[n][0]):
                terms[n] = (code, name.strip())
                guessed.discard(n)
    return terms, of_forms


# Ordinary words that are index main terms or subterms with a code about something else
# ("Rest, rests -> mesonephric duct Q50.6", "Pattern -> sleep disorder", "Cavity -> dental
# caries", "Deployment -> military deployment status" beside a valve's or stent's deployment,
# "Pannus -> of the cornea" beside the abdominal pannus an operative note closes over,
# "Anticoagulant -> circulating, hemorrhagic disorder" beside the drug): in a
# chart they are no mention. Curated from the index's one-word phrases.
ORDINARY_WORDS = set("""alder deployment pannus anticoagulant anticoagulants cafe rest rests pattern plus minus nerve nerves cavity cavities sinus fragment fragments situation implant
implants scale scales scaling movement movements neoplasia concern direction bridge bomb bloom debt decline drift entrance fire
flap focus halo hanging household inflation injection inhibitor migration pause rise shadow shelf shower spindle spur squeeze
strand traction vacuum variance variants converter collet crush dish falling famine flooding frozen freezing picking postures
sensitive sexuality shutdown transient traps twinning triplet vitality monster marshall robinson kelly hudson klein nicolas
robin schwartz putnam dawson paterson morel raymond gravel lactate advice imbalance spells painful pitting show anesthesia
analgesia guidance impression score decubitus intubation cold adherent transplant transplants stress dentition mellitus functioning
overlap stimulation consumption tubercle tubercles reflex reflexes bleeder bleeders tuberosity tuberosities articulation articulations
slowing niacin break breaks bends menses malleus cerumen toxic arousal arousals vain mice mouse clot clots""".split())
# ("Guidance" -> M26.54 and "Impression" -> Q75.8 are a procedure's imaging and a note's heading;
# "score" is a scale's result, "decubitus" a position, "cold" a temperature or a snare, "adherent"
# a finding at surgery; "common cold", "pressure ulcer" and "kidney transplant" stay as phrases.
# "Functioning" -> R41.83 (borderline intellectual functioning) and "Overlap" -> M26.23 (a dental
# overlap) are a device "functioning" and an insulin "overlap" in charts.
# "Stimulation" -> E28.1, "Consumption" and "Tubercle" -> A15.9, "Reflex" -> R29.2 and "Bleeder"
# -> D66 are a test ("cosyntropin stimulation", "oxygen consumption", "good light reflex",
# "urinalysis with reflex"), anatomy ("tibial tubercle") and an operation's vessels ("bleeders
# were cauterized"); "hyperreflexia", "tuberculosis" and "hemophilia" stay. "Tuberosity" -> M26.07
# and "Articulation" -> M26.24 (the jaw's) are a bone's and a joint's names, "Slowing" -> R39.198 (the
# urinary stream's) a nerve's conduction or a patient's thinking; "Niacin" -> E52 the vitamin taken; "Break" -> H33.30
# (the retina's) and "Bends" -> T70.3 (decompression) a splinter that breaks and a thumb that bends; "Menses" -> N94.89 a normal cycle.
# "Mellitus, diabetes - see Diabetes" would make "mellitus" alone a diabetes mention, which cut
# "gestational diabetes mellitus, diet controlled" off from its modifiers. "Malleus" -> A24.0 is
# glanders to the index and an ear bone in an operative note; "Cerumen" -> H61.2- is wax an ear
# canal is "cleaned of": "impacted cerumen" and "cerumen impaction" stay. "Toxic" -> T65.91 is how
# a patient looks ("non-toxic appearing"); a poisoning is a "toxic effect" or a named toxicity.
# "Clot" -> I74.9 (the index's "see also Embolism") is a clot in an ear canal, a bladder, the
# pelvis or on a varix in charts, no arterial embolism ("clot of the bladder", N32.89, stays as a phrase).
# "Arousal" -> G47.51 (confusional arousals, a sleep disorder) is an "emotional arousal". "Vain"
# (N89.3, a misprint-like cross-reference) and "mice", "mouse" (joint mice, M24.00) are English words.)


# Organs as charts name them both ways: "liver failure" / "hepatic failure", "kidney disease" /
# "renal disease". The index prints one or the other; each gets the other spelling too.
ORGAN_ADJECTIVES = {"liver": "hepatic", "kidney": "renal", "lung": "pulmonary", "heart": "cardiac", "brain": "cerebral",
                    "stomach": "gastric", "skin": "cutaneous", "eye": "ocular", "bowel": "intestinal", "spleen": "splenic",
                    "pancreas": "pancreatic", "prostate": "prostatic", "uterus": "uterine", "bladder": "vesical",
                    "urine": "urinary", "vein": "venous", "artery": "arterial", "nose": "nasal", "ureter": "ureteral",
                    "colon": "colonic", "esophagus": "esophageal", "duodenum": "duodenal", "retina": "retinal"}


def lexical_variants(terms, of_forms):
    """Spellings of index terms a chart uses that the index does not print: the organ as noun or
    adjective ("hepatic failure" for "liver failure") and the inverted form ("failure of the
    liver"). A variant never replaces a term the index has."""
    swap = dict(ORGAN_ADJECTIVES)
    swap.update({adjective: noun for noun, adjective in ORGAN_ADJECTIVES.items()})
    added = {}
    for phrase, (code, display) in terms.items():
        words = phrase.split()
        if kind_of(code) in ("other", "injury") or len(words) > 4 or len(words) < 2:
            continue
        for i, w in enumerate(words):
            if w in swap:
                variant = " ".join(words[:i] + [swap[w]] + words[i + 1:])
                if variant not in terms:
                    added.setdefault(variant, (code, display))
    terms.update(added)
    inverted = {}
    for phrase, (code, display) in terms.items():
        words = phrase.split()
        if len(words) == 2 and words[0] in ORGAN_ADJECTIVES and kind_of(code) not in ("other", "injury"):
            for variant in (f"{words[1]} of the {words[0]}", f"{words[1]} of {words[0]}"):
                if variant not in terms:
                    inverted.setdefault(variant, (code, display))
    terms.update(inverted)
    # ... and the index's "calculus of ureter" as charts write it: "ureteral calculus".
    fronted = {}
    for phrase, (code, display) in terms.items():
        match = re.fullmatch(r"([a-z]+) of (?:the )?([a-z]+)", phrase)
        if match and match.group(2) in ORGAN_ADJECTIVES and kind_of(code) not in ("other", "injury"):
            variant = f"{ORGAN_ADJECTIVES[match.group(2)]} {match.group(1)}"
            if variant not in terms:
                fronted.setdefault(variant, (code, display))
    terms.update(fronted)
    # A urinary or biliary calculus is a "stone" in most charts ("Stone - see Calculus").
    stones = {}
    for phrase, (code, display) in terms.items():
        words = phrase.split()
        if (code.startswith(("N20", "N21", "N22", "N13.2", "K80")) and kind_of(code) != "other"
                and any(w in ("calculus", "calculi") for w in words)):
            variant = " ".join("stone" if w == "calculus" else "stones" if w == "calculi" else w for w in words)
            if variant not in terms:
                stones.setdefault(variant, (code, display))
    terms.update(stones)
    # "Upper gastrointestinal bleed", "rectal bleed": charts shorten the index's "bleeding".
    shortened = {}
    for phrase, (code, display) in terms.items():
        words = phrase.split()
        if len(words) >= 2 and words[-1] == "bleeding" and kind_of(code) != "other":
            variant = " ".join(words[:-1] + ["bleed"])
            if variant not in terms:
                shortened.setdefault(variant, (code, display))
    terms.update(shortened)
    # An eponym's condition as charts name it: "Kawasaki disease" for the index's "Kawasaki's
    # syndrome" (and the other way round). Only where the index has neither reading: "Cushing's
    # disease" (E24.0) and "Cushing's syndrome" (E24.9) are two conditions, each its own term.
    eponyms = {}
    for phrase, (code, display) in terms.items():
        words = phrase.split()
        if len(words) == 2 and words[1] in ("disease", "syndrome") and display.split()[0].endswith("'s") and kind_of(code) != "other":
            variant = words[0] + (" syndrome" if words[1] == "disease" else " disease")
            if variant not in terms:
                eponyms.setdefault(variant, (code, display))
    terms.update(eponyms)
    # "Pre-eclampsia", "post-traumatic", "non-Hodgkin": charts write a prefix's hyphen or leave it
    # out ("preeclampsia", "posttraumatic", "nonhodgkin"); the index prints the hyphen.
    joined = {}
    for phrase, (code, display) in terms.items():
        for first, second in re.findall(r"\b([a-z]+)-([a-z]+)\b", display.lower()):
            if first in HYPHEN_PREFIXES and f"{first} {second}" in phrase:
                variant = phrase.replace(f"{first} {second}", first + second)
                if variant not in terms:
                    joined.setdefault(variant, (code, display))
    terms.update(joined)
    # Not the encounters' main terms: "examination of the eye" is what a note reports, not an
    # encounter for one ("presence of" a device stays).
    of_forms = {phrase: value for phrase, value in of_forms.items()
                if phrase not in terms and re.match(r"^[A-Z][0-9][0-9A-Z]", value[0]) and phrase.split()[0] not in ENCOUNTER_WORDS}
    terms.update(of_forms)
    return len(added) + len(inverted) + len(fronted) + len(stones) + len(shortened) + len(eponyms) + len(joined) + len(of_forms)


# Phrases whose index reading is not the chart's: "use of accessory muscles" is a sign of
# respiratory distress, not a congenital anomaly (Q79.8); "neck fracture" in a chart is most often
# the femur's or a metacarpal's neck, which "fracture" with its words finds (the index's "Fracture,
# neck" is the cervical spine).
ORDINARY_PHRASES = {"degenerative aortic", "aortic degenerative", "accessory muscle", "accessory muscles", "neck fracture", "fracture neck", "fracture of neck", "difficulty reading",
                    "general examination", "examination general", "laboratory examination", "examination laboratory",
                    "aortic arch", "fat pad", "fat pads", "granulation tissue", "worn out", "laboratory test", "laboratory tests",
                    "laboratory testing", "test laboratory", "tests laboratory", "bi rads"}
# ("General examination" and "laboratory examination" are a note's headings, not the encounter
# for a general medical examination, Z00.00: "annual", "routine" or "medical" examination stay.
# "Aortic arch" -> Q25.49, "fat pad" -> E65 and "granulation tissue" -> L92.9 are anatomy and a
# healing wound; "right aortic arch" and "excessive granulation tissue" stay. "Worn out" -> R53.83 is
# a prosthesis's liner more often than a tired patient, who is "fatigued". "Laboratory tests" ->
# Z00.00 are what a chart orders or reports, not an encounter for a general examination.
# "BI-RADS" names a breast imaging report's assessment category ("BI-RADS 2: benign"), no density:
# the index's R92.31- under it is the first row of a table by the density's letter, which the
# term alone lacks.)

# The index's nonessential modifiers ("Gout, in (due to) renal impairment", "Examination (for)
# (following) (of)", "Exposure (to)") leave phrases that begin or end with a function word: "gout
# in" would read "gout in the left toe" as gout due to renal impairment (M10.30), "exposure to" a
# pupil's "exposure to light" as an injury (T75.89), "of examination" a report's "date of
# examination" as a check-up. The condition's own phrase without them stays.
FUNCTION_WORDS = {"of", "for", "to", "with", "in", "on", "the", "due", "by", "from", "following", "at", "and", "or", "as"}


def dangling_function_word(phrase):
    words = phrase.split()
    return words[0] in FUNCTION_WORDS or words[-1] in FUNCTION_WORDS


def write_compressed(path, name, data):
    """The dictionary ships as a tar.gz holding one file (the build unpacks it beside the plugin):
    uncompressed it is over 6 MB. Fixed times and owners, so the same terms give the same bytes."""
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", mtime=0, compresslevel=9) as gz:
        with tarfile.open(fileobj=gz, mode="w", format=tarfile.USTAR_FORMAT) as tar:
            info = tarfile.TarInfo(name)
            info.size, info.mtime, info.mode, info.uid, info.gid, info.uname, info.gname = len(data), 0, 0o644, 0, 0, "", ""
            tar.addfile(info, io.BytesIO(data))
    with open(path, "wb") as f:
        f.write(buffer.getvalue())


def main():
    terms, of_forms = index_terms()
    dropped = [n for n in terms if n in ORDINARY_WORDS or n in ORDINARY_PHRASES or dangling_function_word(n)]
    for n in dropped:
        del terms[n]
    variants = lexical_variants(terms, of_forms)
    # "Stevens-Johnson disease or syndrome" (L51.1): charts write one noun or the other.
    for phrase, (code, display) in list(terms.items()):
        if phrase.endswith(" disease or syndrome"):
            stem = phrase[: -len(" disease or syndrome")]
            for noun in ("disease", "syndrome"):
                if f"{stem} {noun}" not in terms:
                    terms[f"{stem} {noun}"] = (code, display)
                    variants += 1
    out = [("phrase", "code", "display", "kind")]
    for phrase, (code, display) in sorted(terms.items()):
        out.append((phrase, code, display, kind_of(code)))
    for line in open(os.path.join(PLUGIN, "abbreviations.tsv"), encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        abbr, code, display, kind = line.rstrip("\n").split("\t")
        out.append((norm(abbr), code, display, kind))
    # Procedure phrasings curated for the coder (ICD-10-PCS and HCPCS): the mention stage must
    # find them for the coder to code them. The display is the phrase itself, which is how the
    # coder looks a phrase's codes up (a phrase may carry several codes).
    coding = os.path.join(HERE, "..", "plugins", "clinical-coding", "pcs")
    seen = {row[0] for row in out}
    for name in ("procedures.tsv", "hcpcs_phrases.tsv"):
        for line in open(os.path.join(coding, name), encoding="utf-8"):
            if line.startswith("#") or line.startswith("phrase\t") or not line.strip():
                continue
            phrase, code = line.rstrip("\n").split("\t")[:2]
            key = norm(phrase)
            if key and key not in seen:
                seen.add(key)
                kind = "medication" if name.startswith("hcpcs") and code[:1] == "J" else "procedure"
                out.append((key, code, phrase, kind))
    # Procedure words ("cholecystectomy", "colectomy") fix some ICD-10-PCS axes and leave others
    # to the sentence (approach, device): their concept is a code pattern with '-' for each axis
    # still open, which the coder completes from the text or reports as a partial code.
    for line in open(os.path.join(coding, "axes.tsv"), encoding="utf-8"):
        parts = line.rstrip("\n").split("\t")
        if len(parts) < 4 or parts[0] != "procedure_word":
            continue
        phrase, value, section = parts[1], parts[2], parts[3]
        axes = value.split(":") + ["?"] * 3
        root, system, body, approach, device, qualifier = axes[:6]
        one = lambda v: v if len(v) == 1 and v != "?" else "-"
        pattern = section + one(system) + one(root) + one(body) + one(approach) + one(device) + one(qualifier)
        key = norm(phrase)
        if key and key not in seen and len(pattern) == 7:
            seen.add(key)
            out.append((key, pattern, phrase, "procedure"))
    # ICD-O-3 histology (WHO terms, used with attribution: see NOTICE) and the registry's curated
    # report phrasings: a second concept on a phrase the index also has ("adenocarcinoma"), or
    # a neoplasm mention of its own ("invasive ductal carcinoma"), for the registry stage.
    histology = []
    for line in open(os.path.join(SHARED, "vocab/icdo3/Morphenglish.txt"), encoding="utf-8"):
        parts = line.rstrip("\n").split("\t")
        if len(parts) < 3 or not re.match(r"^[0-9]{4}/[0-9]$", parts[0]):
            continue
        label = parts[2].strip('"')
        label = re.sub(r",\s*NOS$", "", label)
        histology.append((label, parts[0], parts[2].strip('"')))
    registry = os.path.join(HERE, "..", "plugins", "cancer-registry", "rules", "histology_phrases.tsv")
    for line in open(registry, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        phrase, code = line.rstrip("\n").split("\t")[:2]
        histology.insert(0, (phrase, code, phrase))  # curated first: they win a shared phrase
    histology_seen = set()
    histology_rows = []
    for phrase, code, display in histology:
        key = norm(phrase)
        if not key or key in histology_seen or len(key) < 4:
            continue
        histology_seen.add(key)
        histology_rows.append((key, code, display, "neoplasm", "", "ICD-O-3"))
    # A histology phrase the index does not print ("melanocytic nevus", "tubular adenoma") names
    # the tumour its head noun names ("Nevus" D22.9, "Adenoma" D36.9) when both have one behaviour:
    # the coder then reads the head's index entry with the report's site words. Benign ones only
    # (/0): a malignant phrase's "Carcinoma" (C80.1) read the chart worse than the ICD-10-CM
    # phrases beside it (US dev sets and CodiEsp fell); never "malignant melanoma in junctional
    # nevus" (/3 beside the nevus's /0).
    index_rows = {row[0]: row for row in out if len(row) == 4 and row[1][:1].isalpha()}
    histology_codes = {row[0]: row[1] for row in histology_rows}
    for key, code, display, *_ in histology_rows:
        head = key.split()[-1]
        if key in index_rows or " " not in key or head not in index_rows or histology_codes.get(head, "")[-1:] != code[-1:] or not code.endswith("/0"):
            continue
        head_row = index_rows[head]
        if not re.match(r"^(C|D[0-4])", head_row[1]):
            continue  # a head the index reads as something else ("cystoma": endometriosis, N80) names no tumour here
        words = display.split()
        shown = " ".join(words[:-1] + [words[-1][:1].upper() + words[-1][1:]]) if words else display
        out.append((key, head_row[1], shown, head_row[3]))
    out.extend(histology_rows)
    text = ("# ICD-O-3 histology terms: International Classification of Diseases for Oncology, 3rd edition, (c) World Health\n"
            "# Organization; used with attribution (see NOTICE).\n"
            "# Generated by scripts/build-nlp-data.py from the ICD-10-CM FY2025 alphabetic index (CDC/NCHS, public domain)\n"
            "# plugins/clinical-mentions/abbreviations.tsv and the coder's procedure phrases (plugins/clinical-coding/pcs). Do not edit by hand.\n"
            + "".join("\t".join(row) + "\n" for row in out))
    write_compressed(os.path.join(PLUGIN, "terms.tsv.tar.gz"), "terms.tsv", text.encode("utf-8"))

    rules = {}
    def add(phrase, category, direction):
        p = " ".join(phrase.lower().split())
        # Triggers made of punctuation and words (": no") would lose the punctuation in matching
        # and collide with the bare word; leave them out.
        if p and re.fullmatch(r"[a-z0-9 /'-]+", p):
            rules[(p, category)] = direction
    ctx = json.load(open(os.path.join(SHARED, "nlp/medspacy/context_rules.json")))["context_rules"]
    category_map = {"NEGATED_EXISTENCE": "negation", "POSSIBLE_EXISTENCE": "uncertainty", "HYPOTHETICAL": "hypothetical",
                    "HISTORICAL": "historical", "FAMILY": "family"}
    for r in ctx:
        direction = r["direction"].lower()
        category = "terminate" if direction == "terminate" else category_map[r["category"]]
        add(r["literal"], category, "terminate" if direction == "terminate" else direction)
    tag_map = {"[PREN]": ("negation", "forward"), "[POST]": ("negation", "backward"), "[PREP]": ("uncertainty", "forward"),
               "[POSP]": ("uncertainty", "backward"), "[PSEU]": ("pseudo", "pseudo"), "[CONJ]": ("terminate", "terminate")}
    for line in open(os.path.join(SHARED, "nlp/negex/negex_triggers.txt"), encoding="utf-8"):
        parts = [p for p in line.rstrip("\n").split("\t") if p]
        if len(parts) == 2 and parts[1] in tag_map:
            add(parts[0], *tag_map[parts[1]])
    for line in open(os.path.join(PLUGIN, "context_additions.tsv"), encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        phrase, category, direction, *window = line.rstrip("\n").split("\t")
        if direction == "remove":  # the team disagrees with an upstream rule
            rules.pop((" ".join(phrase.lower().split()), category), None)
        else:
            add(phrase, category, direction + ("\t" + window[0] if window else ""))
    with open(os.path.join(PLUGIN, "context_rules.tsv"), "w", encoding="utf-8") as f:
        f.write("# Generated by scripts/build-nlp-data.py from medspaCy's ConText rules (MIT, (c) 2020 medspacy), the NegEx\n")
        f.write("# triggers (Apache-2.0, Chapman et al.) and context_additions.tsv. Do not edit by hand.\n")
        f.write("phrase\tcategory\tdirection\twindow\n")
        for (phrase, category), direction in sorted(rules.items()):
            f.write(f"{phrase}\t{category}\t{direction}\n")
    print(f"lexical variants added: {variants}")
    print(f"{len(out) - 1} terms ({len(dropped)} ordinary words dropped), {len(rules)} context rules")


if __name__ == "__main__":
    main()
