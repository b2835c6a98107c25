"""The ready questionnaire, after the OECD's Evaluation Guidelines for Representative
Deliberative Processes (2021): what participants are asked before, during and after."""

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString

from convention.rules.surveys import QuestionKind, SurveyStage


@dataclass(frozen=True)
class Question:
    """A template question; its words become the convention's language when it is created."""

    kind: QuestionKind
    prompt: LazyString
    options: tuple[LazyString, ...] = ()
    required: bool = False


AGREE = (_l("Strongly disagree"), _l("Strongly agree"))


def _scale(prompt: LazyString) -> Question:
    """A statement to agree with, from 1 (strongly disagree) to 5 (strongly agree)."""
    return Question(QuestionKind.SCALE, prompt)


TEMPLATE: dict[SurveyStage, tuple[Question, ...]] = {
    # Expectations and trust in the process's design, before the first session.
    SurveyStage.BEFORE: (
        _scale(_l("I understand what the convention has been asked to do.")),
        _scale(_l("I trust that the process will be run fairly and independently.")),
        _scale(_l("I expect the panel's recommendations to influence the decision.")),
        _scale(_l("I feel confident speaking in a group of people I do not know.")),
        Question(
            QuestionKind.CHOICE,
            _l("How much did you know about the topic before joining?"),
            (_l("Nothing"), _l("A little"), _l("A fair amount"), _l("A lot")),
        ),
        Question(
            QuestionKind.CHOICE,
            _l("What is your main reason for taking part?"),
            (
                _l("To have a say in the decision"),
                _l("To learn about the topic"),
                _l("A sense of civic duty"),
                _l("To meet people"),
                _l("Another reason"),
            ),
        ),
        Question(QuestionKind.TEXT, _l("What do you expect from this convention?")),
    ),
    # The deliberative experience: information, time, respect, neutral facilitation.
    SurveyStage.DURING: (
        _scale(_l("The information we received was clear and easy to understand.")),
        _scale(_l("The information presented a balanced range of views.")),
        _scale(_l("We had enough time to discuss the questions.")),
        _scale(_l("I felt heard and respected by the other members.")),
        _scale(_l("The facilitators were neutral: they did not steer us towards a conclusion.")),
        _scale(_l("I could speak freely, including when I disagreed.")),
        Question(QuestionKind.TEXT, _l("What would improve the next sessions?")),
    ),
    # Pathways to impact and the overall judgement, after the last session.
    SurveyStage.AFTER: (
        _scale(_l("The recommendations reflect what the panel discussed.")),
        _scale(_l("I expect the recommendations to influence public decisions.")),
        _scale(_l("Overall, the process was fair.")),
        _scale(_l("I learned a lot about the topic.")),
        Question(
            QuestionKind.CHOICE,
            _l("Would you recommend taking part in a convention like this one?"),
            (_l("Yes"), _l("No"), _l("Not sure")),
        ),
        Question(QuestionKind.TEXT, _l("What should be improved in future conventions?")),
        Question(QuestionKind.TEXT, _l("Is there anything else you want the evaluators to know?")),
    ),
}
