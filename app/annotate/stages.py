"""The annotator's document-level stages, each testable alone.

* `SpeakerTracker` resolves pronouns and "they" with what came before: the leader who
  spoke (or acted) last is "he"/"she"; a non-leader subject blocks "he"; "they" is the last
  joint group, else every participant.
* `QuotationTracker` follows quotations across sentences: a quotation opened without a
  speaker waits for the reporting clause that closes it ("...," Xi said.), a quotation whose
  speaker is known gives every following quoted sentence to him, a fully quoted sentence
  right after an attributed one continues it, and a quotation left open at a paragraph
  end that the next paragraph does not reopen was a stray mark.

Both are plain state machines over sentences, fed by pipeline.annotate.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from .attribution import PAST_CUE_RE, Attribution, Frame
from .models import Participant

__all__ = ["SpeakerTracker", "QuotationTracker", "Emission"]

Emission = tuple[int, int, Attribution]

# A paragraph whose first quotation mark closes a quotation before a reporting clause
# ('... to stop this violence,\u201d he said.'): the quotation opened in the paragraph before goes on.
_CLOSED_BY_CLAUSE_RE = re.compile(
    '(?:[^"\u201c\u201d\u00ab\u00bb\u201e\n]|\n(?![ \t]*\n))*?[,!?]["\u201d\u201c\u00bb][ \t]+[a-zA-Z]'
)


@dataclass
class SpeakerTracker:
    """Who "he", "she" and "they" are at the current sentence."""

    participants: Sequence[Participant]
    recent: list[int] = field(default_factory=list)  # participants recently in subject position, newest first
    blocked: bool = False  # a non-leader was the last subject: "he" may be him
    last_joint: frozenset[int] | None = None

    def resolve(self, a: Attribution) -> Attribution | None:
        """The attribution with its pronoun or "they" resolved; None when it cannot be."""
        if a.pronoun_gender is not None and not a.who:
            if self.blocked:
                return None
            work = self.participants
            cands = [i for i in self.recent if work[i].gender in (None, a.pronoun_gender)]
            if cands:
                conf = a.conf if work[cands[0]].gender == a.pronoun_gender else a.conf - 0.1
                ev = "frame:pronoun" if work[cands[0]].gender == a.pronoun_gender else "frame:pronoun-unsure"
                return replace(a, who=frozenset({cands[0]}), conf=conf, evidence=ev)
            same = [i for i, p in enumerate(work) if p.gender == a.pronoun_gender]
            if len(same) == 1:
                return replace(a, who=frozenset(same), conf=a.conf - 0.15, evidence="frame:pronoun-only")
            return None
        if a.they:
            return replace(a, who=self.last_joint or frozenset(range(len(self.participants))))
        return a

    def _front(self, i: int) -> None:
        if i in self.recent:
            self.recent.remove(i)
        self.recent.insert(0, i)

    def observe(self, resolved: Sequence[Attribution], subject: Frame | None) -> None:
        """Update after a sentence: its resolved speakers, else its subject."""
        if resolved:
            self.blocked = False
            for r in resolved:
                if len(r.who) == 1:
                    self._front(next(iter(r.who)))
                elif r.evidence == "embedded:joint" and r.frame is not None:
                    # "Kishida said the two sides agreed ...": joint content, but Kishida is
                    # still who "he" is next.
                    self.last_joint = r.who
                    if r.frame.kind in ("person", "role") and len(r.frame.who) == 1:
                        self._front(next(iter(r.frame.who)))
                else:
                    self.last_joint = r.who
                    self.recent = []
        elif subject is not None and subject.kind == "other":
            self.recent = []
            self.blocked = True
        elif subject is not None and subject.kind in ("person", "role") and len(subject.who) == 1:
            # A participant named as subject (even of narration or a courtesy) is who "he" is
            # next, whoever spoke before.
            self.blocked = False
            self._front(next(iter(subject.who)))
        elif subject is not None and subject.kind == "group":
            self.blocked = False
            self.recent = []


def _names_the_other(own: Attribution, speaker: Attribution) -> bool:
    """A quoted sentence whose own subject names a participant other than the quotation's speaker."""
    f = own.frame
    return f is not None and f.kind in ("person", "role") and bool(own.who) and not own.who & speaker.who


def _leaders_together(own: Attribution, speaker: Attribution, text: str) -> bool:
    """A quoted sentence whose own subject is the leaders together, the speaker among them,
    reporting in the past what they did ('"Both sides expressed ...', not '"Both countries aim ...')."""
    f = own.frame
    return (
        f is not None
        and f.kind == "group"
        and not f.they
        and own.who > speaker.who
        and PAST_CUE_RE.search(text, f.verb_start, f.verb_end) is not None
    )


def _own_third_person(own: Attribution, speaker: Attribution) -> bool:
    """A quoted sentence whose own subject names participants in the third person (a leader,
    or the leaders together) other than the quotation's speaker alone."""
    f = own.frame
    return (
        f is not None
        and f.quoted
        and f.kind in ("person", "role", "group")
        and not f.they
        and bool(own.who)
        and own.who != speaker.who
    )


@dataclass
class QuotationTracker:
    """Quotations across sentences: which quoted sentences belong to which speaker."""

    text: str = ""  # the readout (the tense of a quoted sentence's own verb)
    in_quote: str = ""  # "" outside a quotation, else the mark that closes it (attribution.quote_mask)
    pending: list[tuple[int, int]] = field(default_factory=list)  # open quotation awaiting a speaker
    # Quoted sentences with a subject of their own ('"The leaders agreed ...'), speaker unknown yet.
    pending_own: list[Emission] = field(default_factory=list)
    pending_who: Attribution | None = None
    last_quote: tuple[frozenset[int], int] | None = None  # (speaker, sentence index)

    def paragraph_break(self, sentence: str, paragraph: str = "") -> list[Emission]:
        """A new paragraph: a quotation left open that it does not reopen was a stray mark
        (its unattributed sentences yield nothing rather than swallowing the readout), unless
        the paragraph (its first characters, `paragraph`) closes it with a reporting clause
        before any other mark ('I stress the need ... ,\u201d he said.')."""
        if (
            self.in_quote
            and sentence[:1] not in '"\u201c\u00ab\u201e\u2018'
            and _CLOSED_BY_CLAUSE_RE.match(paragraph) is None
        ):
            out = self.pending_own
            self.in_quote, self.pending, self.pending_own, self.pending_who = "", [], [], None
            return out
        return []

    def step(
        self,
        idx: int,
        s: int,
        e: int,
        starts_quoted: bool,
        in_quote_after: str,
        resolved: Sequence[Attribution],
        current: Attribution | None = None,
    ) -> list[Emission] | None:
        """The (start, end, attribution) emissions of a quoted or quote-continuing sentence,
        or None when the sentence is outside any quotation (the caller attributes it).
        `current`: the leader whose words the readout is reporting, given when this sentence
        closes a quotation that fills its whole paragraph."""
        if not (starts_quoted or self.pending or self.pending_own):
            if in_quote_after and resolved:
                self.pending_who = resolved[0]
            self._close(in_quote_after)
            return None
        out: list[Emission] = []
        # A reporting clause outside the quotation ('...," Xi said.') says whose the quoted
        # sentences are; a subject inside it ('"The leaders agreed ...') or an agentless
        # passive speaks for its own sentence only, and only if no speaker claims the quotation.
        reporting = [r for r in resolved if r.frame is not None and not r.frame.quoted]
        if reporting:
            sp = reporting[0]
            f = sp.frame
            if sp.evidence == "embedded:joint" and f is not None and f.kind in ("person", "role") and len(f.who) == 1:
                # '"...," Kishida said, adding that the two sides agreed ...': the sentence is
                # joint, the quotation before it still his.
                sp = replace(sp, who=f.who, evidence="frame:" + f.kind)
            for ps, pe in self.pending:
                out.append((ps, pe, replace(sp, conf=min(sp.conf, 0.85), evidence="quote:opened")))
            for ps, pe, own in self.pending_own:
                if _names_the_other(own, sp) or _leaders_together(own, sp, self.text):
                    # '"... PM Modi assured early supply of vaccines ...," Deuba tweeted': what the
                    # speaker reports the other leader did is the other leader's position, and
                    # what he reports both sides did ('"Both sides expressed concern ...') theirs.
                    out.append((ps, pe, own))
                else:
                    out.append((ps, pe, replace(sp, conf=min(sp.conf, 0.85), evidence="quote:opened")))
            self.pending, self.pending_own = [], []
            other = [r for r in resolved if r.evidence == "quoted:other"]
            # ('"... . Today, Y reaffirmed his support ...," he said.': the sentence is Y's)
            out.extend((s, e, r) for r in (other or reporting))
            self.last_quote = (sp.who, idx)
            if in_quote_after:
                self.pending_who = sp
        elif self.pending_who is not None:
            named = next((r for r in resolved if _own_third_person(r, self.pending_who)), None)
            if named is not None:
                # 'New Delhi stated, "Both leaders reaffirmed ... . Prime Minister Modi reiterated ...':
                # a quoted sentence that names its own participant subject is that subject's, not
                # the quotation's speaker's.
                out.append((s, e, named))
            else:
                out.append((s, e, replace(self.pending_who, conf=0.8, evidence="quote:continued")))
            self.last_quote = (self.pending_who.who, idx)
        elif resolved:
            self.pending_own.extend((s, e, r) for r in resolved)
            if not in_quote_after:
                out.extend(self.pending_own)
                self.pending, self.pending_own = [], []
        elif in_quote_after and not self.pending and self.last_quote and self.last_quote[1] == idx - 1:
            # '"...," Hipkins said. "I emphasised ... .' then more: a quotation opened right after an
            # attributed one, with no reporting clause of its own yet, goes on with its speaker.
            sp = Attribution(self.last_quote[0], "say", 0.75, None, evidence="quote:next")
            out.append((s, e, sp))
            self.pending_who = sp
            self.last_quote = (sp.who, idx)
        elif in_quote_after:
            self.pending.append((s, e))
        else:
            # A fully quoted sentence right after an attributed quotation continues it.
            if self.last_quote and self.last_quote[1] == idx - 1 and not self.pending:
                out.append((s, e, Attribution(self.last_quote[0], "say", 0.75, None, evidence="quote:next")))
                self.last_quote = (self.last_quote[0], idx)
            elif current is not None and not self.pending_own:
                # A paragraph that is one quotation with no reporting clause, amid one leader's
                # reported words ('... climate change, he said.' then '"We believe ... is critical."'):
                # his, by the convention that an unattributed quotation goes on with the speaker.
                sp = replace(current, conf=min(current.conf, 0.7), evidence="quote:paragraph")
                out.extend((ps, pe, sp) for ps, pe in [*self.pending, (s, e)])
                self.last_quote = (sp.who, idx)
            out.extend(self.pending_own)
            self.pending, self.pending_own = [], []
        self._close(in_quote_after)
        return out

    def _close(self, in_quote_after: str) -> None:
        if not in_quote_after:
            self.pending_who = None
        self.in_quote = in_quote_after
