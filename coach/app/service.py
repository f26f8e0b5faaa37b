"""What the app does, by tab; the Gradio callbacks only call these.

One service per server process: the runtime (index, critic, model, history) is built once and
shared by every handler; the model sits in its own process, so two drafts at once both finish.
"""

from __future__ import annotations

from coach.app.handlers import AskHandler, PracticeHandler, StoryBankHandler
from coach.app.loop_handler import LoopHandler
from coach.app.model_slot import ModelSlot
from coach.app.runtime import Runtime
from coach.app.speech_handler import SpeechHandler


class CoachService:
    """The shared runtime and one handler per job."""

    def __init__(self, model: str | None = None, models: ModelSlot | None = None) -> None:
        self.runtime = Runtime(model, models)
        self.asking = AskHandler(self.runtime)
        self.practice = PracticeHandler(self.runtime)
        self.stories = StoryBankHandler(self.runtime)
        self.loops = LoopHandler(self.runtime)
        self.speech = SpeechHandler()
