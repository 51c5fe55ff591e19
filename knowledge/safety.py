"""Safety first: recognise immediate danger and suicidal thoughts before anything else."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from knowledge.normalize import fold, strip_markup

Signal = Literal["danger", "self_harm"]

# A question *about* a word ("is 'zelfmoord plegen' een goede term?") is not a signal.
_ABOUT_WORDS = re.compile(
    r"\b(woord|term|uitdrukking|begrip|formulering|zeggen|schrijven|noemen|taalgebruik|word|phrase|wording|say|write)\b"
    r"|['\"‘’“”„«»]"
)

_NOW = r"(nu|nou|op dit moment|momenteel|net|zojuist|direct|meteen|now|right now|at the moment|currently|just)"
_ME = r"(me|mij|mijn|ons|we|wij|ik|my|us|i|myself)"

_DANGER = [
    # explicit danger or emergency
    r"\b(in|acuut|direct) gevaar\b", r"\bgevaarlijke? situatie\b", r"\blevensgevaar\b", r"\bnoodgeval\b", r"\bnoodsituatie\b",
    r"\b(i am|i'?m|we are|we'?re|someone is|im) in danger\b", r"\bdanger(ous)? (situation|person)\b", r"\bemergency\b",
    r"\bnot safe\b.*\b" + _NOW + r"\b", r"\bniet (meer )?veilig\b.*\b" + _NOW + r"\b", r"\b" + _NOW + r"\b.*\b(niet veilig|onveilig|unsafe)\b",
    r"\bonveilig\b.*\b" + _NOW + r"\b", r"\bunsafe\b.*\b" + _NOW + r"\b",
    r"\bbel(t)? 112\b", r"\b112\b",
    # threats of violence happening now (present tense)
    # ('bedreigd mijn collega': the d/t slip is common)
    r"\b(bedreigt|bedreigd|bedreigen|dreigt|dreigen) " + _ME + r"\b", r"\b(word|wordt|worden) (nu |net )?bedreigd\b",
    r"\b(threatens|threatening|is threatening|are threatening) (me|us|to(?! (fire|sack|dismiss|report|sue|transfer|demote)\b))\b", r"\b(am|are|being) (being )?threatened\b",
    r"\bdreigt (me |mij )?(te )?(slaan|steken|vermoorden|doden|aan te vallen|iets aan te doen)\b",
    r"\b(slaat|schopt|duwt|aanvalt|valt) " + _ME + r"\b(?!.*\b(vorige|gisteren|vroeger|ooit|week|maand|jaar)\b)",
    r"\b(hits|hitting|attacking|attacks|beating|punching|kicking) (me|us|someone|a colleague)\b",
    r"\b(wapen|mes|pistool|vuurwapen|knuppel|honkbalknuppel|knife|gun|weapon|baseball bat|machete)\b",
    # Violence against anyone (a colleague too) that is happening now.
    r"\b(slaat|schopt|mishandelt|aanvalt|hits|hitting|beating|beats|attacking|attacks)\b.*\b" + _NOW + r"\b",
    r"\b" + _NOW + r"\b.*\b(slaat|schopt|mishandelt|aanvalt|hitting|beating|attacking)\b",
    # Someone's life or health in danger right here: 112 as well.
    r"\b(bewusteloos|buiten bewustzijn|ademt niet|ademt niet meer|geen hartslag|hartaanval|hartstilstand|reanim\w*|"
    r"ligt .* op de grond|in elkaar gezakt|ingestort|epileptische aanval|bloedt heel erg|veel bloed|"
    r"unconscious|not breathing|heart attack|cardiac arrest|collapsed|bleeding badly|having a seizure)\b",
    # The Dutch progressive ('staat te dreigen', 'is aan het vechten') is happening now as well.
    r"\b(staat|staan|zit|zitten|loopt|lopen)\b[^.!?]{0,60}\bte (dreigen|bedreigen|slaan|schoppen|vechten|zwaaien)\b",
    r"\baan het (dreigen|bedreigen|vechten|slaan|schoppen)\b",
    r"\b(dreigt|dreigen)\b[^.!?]{0,60}\b(te (slaan|steken|schieten|vermoorden|doden|vernielen|slopen)"
    r"|aan te vallen|kapot te maken|in elkaar te slaan|neer te steken)\b", r"\bkort en klein\b",
    # The English progressive is happening now by itself.
    r"\b(is|are|'s|'re) (attacking|hitting|beating|assaulting|stabbing)\b",
    r"\b(bedreiging|dreiging|aanval|threat|attack)\b.*\b" + _NOW + r"\b",
    # 'is agressief' (predicative, uninflected) while it happens; 'een agressieve klant' is a story.
    r"\b(agressief|gewelddadig|aggressive|violent)\b.*\b" + _NOW + r"\b",
    r"\b" + _NOW + r"\b.*\b(agressief|gewelddadig|aggressive|violent)\b",
    r"\b(word|wordt|worden|is being|am being|are being) (nu |net |op dit moment |now )?"
    r"(geslagen|geschopt|aangevallen|mishandeld|hit|beaten|attacked|assaulted)\b",
    r"\b(geweld|violence|vecht|vechten|fight|fighting|vechtpartij)\b.*\b" + _NOW + r"\b",
    r"\b" + _NOW + r"\b.*\b(geweld|violence|vechtpartij|fighting)\b",
    r"\b(achtervolgt|volgt) (me|mij)\b.*\b" + _NOW + r"\b", r"\b(is following|follows|stalking) me\b",
    # Someone being set upon while it is told: 'er wordt op dit moment iemand belaagd'.
    r"\b" + _NOW + r"\b[^.!?]{0,40}\b(geslagen|geschopt|aangevallen|mishandeld|belaagd|bedreigd|lastiggevallen)\b",
    r"\b(belaagt|belagen|belaagd)\b[^.!?]{0,40}\b" + _NOW + r"\b",
    # Being followed is happening now by itself ('word achtervolgd'); 'werd' is a story.
    r"\b(ik word|word|wordt|worden) (nu |al |steeds )?(achtervolgd|gevolgd|gestalkt)\b",
    r"\b(am|are|is|'m|'re) (being )?(followed|chased|stalked)\b(?! (on|by (?:a )?(?:bot|account)))",
    r"\b(staat|wacht) (nu )?(bij|voor) (mijn|de) (deur|huis|auto)\b.*\b(bedreig|boos|agressief|dreig)",
    # A threat said out loud: 'hij gaat me pakken', "he's going to kill me" ('komt me halen' is a lift).
    r"\b(ga|gaat|gaan|komt|komen) (je|jou|me|mij|ons) (pakken|grijpen|afmaken|vermoorden|neersteken|iets aandoen)\b",
    r"\b(je|jou|me|mij|ons) (gaat|gaan|komt|komen) (pakken|afmaken|vermoorden|neersteken|iets aandoen)\b",
    r"\b(gonna|going to|'ll|will) (kill|hurt|stab|shoot|beat up|get) (me|you|us)\b(?! (a|an|the|some|my|your|our)\b)",
    r"\b(about to|going to|gonna|trying to|wants to) (hit|attack|punch|hurt|stab|kill|beat) "
    r"(me|us|him|her|them|someone|a colleague|my colleague)\b",
    r"\b(staat op het punt|gaat|wil|probeert) (me|mij|ons|hem|haar|iemand) (te )?(slaan|aanvallen|steken|schoppen)\b",
    r"\bhelp+ ?!{2,}", r"\b(sos|hulp nodig nu|help nu|help me nu|help me now)\b",
    r"\b(brand|fire)\b.*\b" + _NOW + r"\b", r"\bbommelding|bomb threat\b",
    r"\b(vechtpartij|knokpartij|schietpartij|steekpartij)\b", r"\b(er wordt|ze zijn aan het|zijn aan het) (gevochten|vechten)\b",
    r"\ber wordt (nu |hier |daar |op dit moment |net )?(gevochten|geslagen|geschoten|gestoken)\b",
    r"\b(a|there is a|there's a) (fight|shooting|stabbing)\b", r"\bfight (is )?(going on|breaking out)\b",
]

_SELF_HARM = [
    r"\b(ik|i) (wil|want to|wanna) (dood|die|niet meer leven|er niet meer zijn|mezelf (iets )?aandoen|kill myself|end it|end my life|hurt myself)\b",
    r"\b(ik|i) (denk|think|am thinking|ben) (er )?(aan|about|over) (zelfmoord|suicide|zelfdoding|suicidaal|mezelf|ending my life|killing myself|dood)\b",
    r"\b(zelfmoord|suicide|zelfdoding) (te )?(plegen|commit|doen)\b.*\b(ik|wil|denk|i|me|myself)\b",
    r"\b(ik|i) (ga|am going to|will|overweeg|consider) (mezelf|myself|zelfmoord|suicide|een einde)\b",
    r"\bsuicidaal\b", r"\bsuicidal\b", r"\bsuicidale gedachten\b", r"\bzelfmoordgedachten\b", r"\bsuicide ?gedachten\b",
    r"\b(mezelf|myself) (iets )?(aandoen|aan te doen|doden|kill|killing|hurt|hurting|snijden|cut|cutting)\b",
    r"\b(niet meer|no longer|don'?t want to) (leven|live|be alive|verder)\b", r"\bhet leven niet meer\b", r"\bwil er een einde aan maken\b",
    r"\beinde aan (mijn|m'n) leven\b", r"\bend my life\b", r"\bkill myself\b", r"\b(self[- ]?harm|zelfbeschadiging)\b",
    r"\bzie het (niet meer zitten|leven niet meer zitten)\b", r"\bzie geen uitweg\b", r"\bno way out\b", r"\bgeen zin meer (in|om te) leven\b",
    # Someone else about to harm themselves: the same help, for the one who tells.
    r"\b(dreigt|wil|gaat) zichzelf (iets )?(aan te doen|aandoen|te doden|doden|van het leven te beroven)\b",
    r"\been einde aan (zijn|haar|hun|diens) leven\b",
    r"\ber een einde aan (wil|wilt|willen|gaat) maken\b",  # 'zegt dat hij er een einde aan wil maken'
    r"\b(threatening|threatens|wants|going) to (kill|hurt|harm) (himself|herself|themselves|themself)\b",
]

_DANGER_RE = re.compile("|".join(_DANGER))
_SELF_HARM_RE = re.compile("|".join(_SELF_HARM))


@dataclass(frozen=True)
class SafetyCheck:
    signal: Signal | None

    @property
    def urgent(self) -> bool:
        return self.signal is not None


def _clean(text: str) -> str:
    return " ".join(fold(strip_markup(text)).replace("’", "'").split())


def check_safety(text: str) -> SafetyCheck:
    """Self-harm first (113 and 112), then immediate danger (112)."""
    clean = _clean(text)
    if not clean:
        return SafetyCheck(None)
    if _SELF_HARM_RE.search(clean):
        return SafetyCheck("self_harm")
    if _DANGER_RE.search(clean) and not _is_about_words(clean):
        return SafetyCheck("danger")
    return SafetyCheck(None)


def _is_about_words(clean: str) -> bool:
    """'is "bedreigen" een goed woord?' is a language question, not an emergency."""
    return bool(_ABOUT_WORDS.search(clean)) and "?" in clean and not re.search(r"\b(nu|now|help)\b", clean)
