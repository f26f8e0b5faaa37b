"""The Gradio app. It only wires widgets to ``coach``; all logic lives in the package."""

from __future__ import annotations

import argparse
import sys
import threading
from dataclasses import dataclass

import coach  # noqa: F401  (sets the offline switches before gradio is imported)

# isort: split
import gradio as gr
import pandas as pd

from coach.app import charts, loop_views, mock_views, speech_views
from coach.app import views as views
from coach.app.accounts_service import AccountServices
from coach.app.serve_options import serve_options
from coach.app.service import CoachService
from coach.core.accounts import AccountStore
from coach.core.errors import CoachError
from coach.core.ids import DIMENSION_IDS, PRINCIPLE_IDS
from coach.knowledge.user_stories import StoryForm

STAR_COLOURS = {
    "situation": "#c7d2fe",
    "task": "#fde68a",
    "action": "#bbf7d0",
    "result": "#fbcfe8",
    "lesson": "#e9d5ff",
}
CSS = """
.coach-status {font-size: 0.9em; opacity: 0.85}
#coach-title h1 {white-space: nowrap; margin: 0}
@media (max-width: 700px) {
  #coach-header {flex-direction: column; gap: 6px}
  #coach-header > * {width: 100% !important; min-width: 0 !important; flex: none !important}
  #coach-title h1 {font-size: 1.6em}
  .tab-container button {font-size: 12.5px !important; padding: 4px 4px !important;
                         flex-shrink: 0 !important; overflow: visible !important;
                         min-width: 0 !important}
  #chat {height: 46vh !important}
}
""" + charts.CHART_CSS
# Gradio scopes ``css`` to the app's content; the page margins sit outside it.
HEAD = ("<style>@media (max-width: 700px) {.gradio-container .main.fillable "
        "{padding-left: 10px !important; padding-right: 10px !important}}</style>")  # fmt: skip


def build_app(service: CoachService) -> gr.Blocks:
    """Every tab of the coach, wired to ``service``."""
    names = service.practice.principle_names()
    with gr.Blocks(title="Interview coach") as demo:
        header(service, demo)
        ask_tab(service)
        critique_tab(service)
        with gr.Tab("Mock interview", id="mock"):
            mock_tab(service)
        loop_tab(service)
        bank_tab(service, names, demo)
        history_tab(service, names, demo)
    return demo


def header(service: CoachService, demo: gr.Blocks) -> None:
    """Title, status line (model, stories, offline), model switcher and the setup checks."""
    with gr.Row(elem_id="coach-header"):
        gr.Markdown("# Interview coach", elem_id="coach-title")
        status = gr.Markdown(  # filled on every page load: never a stale "loading…"
            "", elem_classes="coach-status", elem_id="status"
        )
        model = gr.Dropdown(
            service.runtime.models.names(),
            label="Model",
            scale=0,
            min_width=160,
            value=service.runtime.models.label(),
            allow_custom_value=True,
            elem_id="model",
        )
    with gr.Accordion("Setup checks", open=False, elem_id="setup-checks"):
        checks_button = gr.Button("Run the checks", size="sm", elem_id="checks-button")
        checks = gr.Markdown("The same checks as `coach doctor`: packages, model, index, data.")
    # lambdas: with accounts, ``service`` is looked up per request, never bound at build time
    def current_status() -> str:
        return service.runtime.status()

    gr.Timer(3.0).tick(current_status, outputs=status, api_name="status")
    demo.load(current_status, None, status, api_name=False)
    model.input(lambda name: service.runtime.switch_model(name), inputs=model, outputs=status)
    checks_button.click(lambda: views.checks_md(service.runtime.setup_checks()), None, checks)


def ask_tab(service: CoachService) -> None:
    """Ask any question: principles, the best story and a draft streamed into the chat."""
    with gr.Tab("Ask", id="ask"):
        chat = gr.Chatbot(
            value=[{"role": "assistant", "content": views.WELCOME}],
            height=520,
            elem_id="chat",
            label="Coach",
        )
        with gr.Row():
            question = gr.Textbox(
                placeholder="Ask any behavioral question…",
                scale=4,
                show_label=False,
                elem_id="ask-question",
            )
            ask_button = gr.Button("Ask", variant="primary", scale=1, elem_id="ask-button")
        with gr.Row():
            minutes = gr.Slider(
                0.5,
                5,
                value=service.runtime.settings.minutes,
                step=0.5,
                label="Time budget (minutes)",
            )
            rank = gr.Radio(
                ["best story", "second story", "third story"],
                value="best story",
                label="Draft from",
            )
        with gr.Accordion("Full text of the matched stories", open=False):
            full = gr.Markdown(elem_id="full-stories")

        def on_ask(text: str, history: list, budget: float, which: str):
            if not (text or "").strip():
                gr.Info("Type a question first, for example 'Tell me about a conflict'.")
                yield history, "", gr.skip()
                return
            history = [*history, {"role": "user", "content": views.echo_md(text)}]
            try:
                index = ["best story", "second story", "third story"].index(which)
                for update in service.asking.ask_stream(text, budget, index):
                    reply = views.ask_md(update.result, update.sentences, update.follow_ups,
                                         update.done, update.waiting)  # fmt: skip
                    cards = (
                        "\n\n---\n\n".join(
                            views.story_card_md(h, n, full=True)
                            for n, h in enumerate(update.result.stories, 1)
                        )
                        if update.done and update.result
                        else ""
                    )
                    yield [*history, {"role": "assistant", "content": reply}], "", cards
            except CoachError as exc:
                yield [*history, {"role": "assistant", "content": views.esc(str(exc))}], "", ""

        ask_inputs = [question, chat, minutes, rank]
        ask_outputs = [chat, question, full]
        ask_button.click(on_ask, ask_inputs, ask_outputs, api_name="ask")
        question.submit(on_ask, ask_inputs, ask_outputs, api_name=False)


def critique_tab(service: CoachService) -> None:
    """Paste an answer: the score at once, dimensions, STAR parts, flags, follow-ups."""
    with gr.Tab("Critique", id="critique"):
        with gr.Row():
            with gr.Column(scale=1):
                c_question = gr.Textbox(
                    label="Question (type it, or pick one below)",
                    placeholder="Tell me about a time you…",
                    max_lines=3,
                    elem_id="critique-question",
                )
                c_pick = gr.Dropdown(
                    service.practice.bank_questions(),
                    value=None,
                    label="Pick a question from the bank",
                    elem_id="critique-pick",
                )
                c_read = gr.Button("Read the question aloud", size="sm", elem_id="critique-read")
                c_voice = gr.Audio(label="The question, read aloud", autoplay=True,
                                   interactive=False, visible=False, elem_id="critique-voice")
                c_recorder = answer_aloud("critique")
                c_answer = gr.Textbox(lines=12, label="Your answer (typed, or what you said)",
                                      elem_id="critique-answer")  # fmt: skip
                c_rewrite = gr.Checkbox(label="Also draft a stronger version from my story")
                c_button = gr.Button("Critique", variant="primary", elem_id="critique-button")
            with gr.Column(scale=1):
                c_summary = gr.Markdown(elem_id="critique-summary")
                c_chart = gr.BarPlot(
                    x="dimension",
                    y="score",
                    y_lim=[0, 5],
                    height=260,
                    label="Ten dimensions",
                    sort=list(DIMENSION_IDS),
                    x_label_angle=-35,
                    elem_id="critique-chart",
                )
                c_delivery = gr.Markdown(elem_id="critique-delivery")
                c_dims = gr.Markdown(elem_id="critique-dimensions")
                c_note = gr.Markdown(elem_id="critique-note")
        c_star = gr.HighlightedText(
            label="STAR parts", color_map=STAR_COLOURS, elem_id="critique-star"
        )
        with gr.Row():  # side by side on a wide screen, one under the other on a phone
            with gr.Column(min_width=320):
                c_flags = gr.Markdown(label="Flags", elem_id="critique-flags")
            with gr.Column(min_width=320):
                c_follow = gr.Markdown(label="Follow-ups", elem_id="critique-followups")
        c_rewritten = gr.Markdown(elem_id="critique-rewrite")
        c_outputs = [c_summary, c_chart, c_star, c_flags, c_follow, c_note, c_rewritten,
                     c_dims, c_delivery]  # fmt: skip

        def on_critique(q: str | None, answer: str, rewrite: bool, spoken):
            try:
                outcome = service.practice.critique(q or "", answer, spoken=spoken)
            except CoachError as exc:
                empty = pd.DataFrame(columns=["dimension", "score"])
                yield (f"**{views.esc(str(exc))}**", empty, [], "", "", "", "", "", "")
                return
            r = outcome.result
            note = views.suggestions_md(r) + (
                f"\n\n⚠️ {views.esc(outcome.notice)}" if outcome.notice else ""
            )
            shown = [
                views.critique_summary_md(r),
                pd.DataFrame(views.dimension_rows(r)),
                views.highlighted(r),
                "### Flags\n" + views.flags_md(r),
                "### Follow-ups\n" + views.follow_ups_md(r.follow_ups),
                note,
                "_Building a stronger version from your notes…_" if rewrite else "",
                views.dimensions_md(r),
                speech_views.delivery_md(r.delivery, spoken) if r.delivery else "",
            ]
            yield tuple(shown)  # the score at once; the stronger version follows
            if rewrite:
                for text in views.stronger_stream(service.practice.stronger(r)):
                    shown[6] = text
                    yield tuple(shown)

        c_pick.input(lambda q: q or gr.skip(), c_pick, c_question)
        c_button.click(on_critique, [c_question, c_answer, c_rewrite, c_recorder.spoken],
                       c_outputs, api_name="critique")  # fmt: skip
        wire_recorder(service, c_recorder, c_answer)
        c_read.click(lambda q: read_aloud(service, q), c_question, [c_voice, c_summary])


def read_aloud(service: CoachService, question: str | None):
    """The question read by espeak-ng into the player, or one sentence saying why not."""
    try:
        return gr.Audio(value=str(service.speech.read_aloud(question or "")), visible=True), ""
    except CoachError as exc:
        return gr.Audio(visible=False), f"**{views.esc(str(exc))}**"


@dataclass
class Recorder:
    """The "Answer aloud" widgets of one tab, and the transcript of the last recording."""

    audio: gr.Audio
    keep: gr.Checkbox
    status: gr.Markdown
    spoken: gr.State


def answer_aloud(prefix: str) -> Recorder:
    """Microphone or upload, keep-my-recordings, and the transcription's progress."""
    with gr.Accordion("Answer aloud: record or upload, transcribed on this computer",
                      open=True, elem_id=f"{prefix}-aloud"):  # fmt: skip
        audio = gr.Audio(sources=["microphone", "upload"], type="filepath",
                         label="Your spoken answer", elem_id=f"{prefix}-audio")  # fmt: skip
        keep = gr.Checkbox(label="Keep my recordings (saved in the data folder; otherwise each "
                           "is deleted once transcribed)", elem_id=f"{prefix}-keep")  # fmt: skip
        status = gr.Markdown(elem_id=f"{prefix}-hearing")
    return Recorder(audio, keep, status, gr.State(None))


def wire_recorder(service: CoachService, recorder: Recorder, answer: gr.Textbox) -> None:
    """A finished recording or an upload is transcribed; the transcript lands in ``answer`` to be
    corrected, and the timings wait in ``recorder.spoken`` for the critique."""

    def on_hear(recording: str | None, keep: bool):
        for step in service.speech.hear(recording, keep):
            if step.transcript is not None:
                yield views.esc(step.status), step.transcript.text, step.transcript, None
            elif step.failed:
                yield f"**{views.esc(step.status)}**", gr.skip(), None, gr.skip()
            else:
                yield f"_{views.esc(step.status)}_", gr.skip(), gr.skip(), gr.skip()

    hear_in = [recorder.audio, recorder.keep]
    hear_out = [recorder.status, answer, recorder.spoken, recorder.audio]
    recorder.audio.stop_recording(on_hear, hear_in, hear_out)
    recorder.audio.upload(on_hear, hear_in, hear_out)


def bank_tab(service: CoachService, names: dict[str, str], demo: gr.Blocks) -> None:
    """The candidate's sources, stories, coverage, and the story form."""
    with gr.Tab("Story bank", id="bank") as tab:
        gr.Markdown("### Your sources")
        b_summary = gr.Markdown(elem_id="bank-summary")
        b_sources = gr.Dataframe(interactive=False, wrap=True, elem_id="bank-sources")
        with gr.Row():
            b_upload = gr.File(
                label="Add a notes file (Markdown or text; a copy is kept, yours is untouched)",
                file_types=[".md", ".markdown", ".txt", ".csv", ".tsv"],
                type="filepath",
                elem_id="bank-upload",
            )
            with gr.Column():
                b_path = gr.Textbox(
                    label="…or the path of a notes file or story folder on this computer",
                    placeholder="~/interview/notes.md",
                    elem_id="bank-path",
                )
                b_add = gr.Button("Add this source", elem_id="bank-add")
                b_remove_pick = gr.Dropdown(
                    [],
                    label="Remove a source (its files are not touched)",
                    value=None,
                    elem_id="bank-remove-pick",
                )
                b_remove = gr.Button("Remove", size="sm", elem_id="bank-remove")
        b_report = gr.Markdown(elem_id="bank-report")
        gr.Markdown("### Stories per principle")
        b_chart = gr.HTML(elem_id="bank-chart")
        b_gaps = gr.Markdown(elem_id="bank-gaps")
        gr.Markdown(
            "### Your stories\nWhere each comes from in your notes and what the "
            "coach made of it (parts: S T A R L; *prose*: no parts found)."
        )
        b_stories = gr.Dataframe(interactive=False, wrap=True, elem_id="bank-stories")
        with gr.Accordion("What ingest could not place or kept out", open=False):
            b_unplaced = gr.Markdown(elem_id="bank-unplaced")
        gr.Markdown(
            "### Add or edit a story\nIt is written as Markdown into your own stories "
            "folder and indexed at once."
        )
        s_pick = gr.Dropdown(
            service.stories.user_story_titles(),
            label="Edit one of my stories (optional)",
            value=None,
            elem_id="story-pick",
        )
        with gr.Row():
            s_title = gr.Textbox(label="Title", elem_id="story-title")
            s_principle = gr.Dropdown(
                [(names[p], p) for p in PRINCIPLE_IDS],
                value=None,
                label="Principle it shows best",
                elem_id="story-principle",
            )
        s_fields = [
            gr.Textbox(lines=2, label=name.capitalize(), elem_id=f"story-{name}")
            for name in ("situation", "task", "action", "result", "lesson")
        ]
        s_questions = gr.Textbox(
            lines=3,
            label="Questions this story answers (one per line; they help the coach find it)",
            placeholder="Tell me about a time you simplified a process.",
            elem_id="story-questions",
        )
        s_overwrite = gr.Checkbox(label="Replace my story of the same title if it exists")
        s_save = gr.Button("Save story", variant="primary", elem_id="story-save")
        s_report = gr.Markdown(elem_id="story-report")
        bank_outputs = [b_summary, b_sources, b_remove_pick, b_chart, b_gaps, b_stories,
                        b_unplaced]  # fmt: skip

        def bank_view(keep_pick: bool = True):
            """The bank's panels; ``keep_pick`` leaves a source the user already picked alone
            (loading the page or opening the tab refreshes the lists while they may be choosing;
            only adding or removing a source clears the pick)."""
            summary, sources = service.stories.sources()
            choices = views.source_choices(sources)
            rows, gaps, thin = service.stories.coverage()
            stories = service.stories.workspace_stories()
            return (
                views.esc(summary),
                gr.Dataframe(pd.DataFrame(views.sources_rows(sources)), visible=bool(sources)),
                gr.Dropdown(choices=choices, **({} if keep_pick else {"value": None})),
                charts.coverage_html(rows),
                views.gaps_md(gaps, thin),
                pd.DataFrame(views.story_table_rows(stories, names)),
                views.set_aside_md(service.stories.set_aside()),
            )

        def changed(action, *args):
            try:
                report = views.esc(action(*args)).replace("\n", "  \n")
            except CoachError as exc:
                report = f"**Not changed:** {views.esc(str(exc))}"
            return (report, *bank_view(keep_pick=False))

        def on_upload(path):
            if not path:
                return (gr.skip(),) * (1 + len(bank_outputs))
            name = path.rsplit("/", 1)[-1]
            return changed(service.stories.upload_notes, path, name)

        b_upload.upload(on_upload, b_upload, [b_report, *bank_outputs],
                        api_name="upload_notes")  # fmt: skip
        b_add.click(lambda p: changed(service.stories.add_source, p), b_path,
                    [b_report, *bank_outputs], api_name="add_source")  # fmt: skip
        b_path.submit(lambda p: changed(service.stories.add_source, p), b_path,
                      [b_report, *bank_outputs])  # fmt: skip
        b_remove.click(lambda p: changed(service.stories.remove_source, p), b_remove_pick,
                       [b_report, *bank_outputs], api_name="remove_source")  # fmt: skip
        tab.select(bank_view, None, bank_outputs)

        def on_save(title, principle, situation, task, action, result, lesson, questions,
                    overwrite):  # fmt: skip
            asked = tuple(q.strip(" -*\t") for q in (questions or "").splitlines())
            form = StoryForm(
                title or "",
                principle or "",
                situation or "",
                task or "",
                action or "",
                result or "",
                lesson or "",
                questions=tuple(q for q in asked if q),
            )
            try:
                message = service.stories.add_story(form, bool(overwrite))
            except CoachError as exc:
                message = f"**Not saved:** {views.esc(str(exc))}"
            titles = service.stories.user_story_titles()
            return (message, *bank_view(), gr.Dropdown(choices=titles))

        def on_pick(title: str | None):
            form = service.stories.user_story_form(title or "")
            if form is None:
                return [gr.skip()] * 9
            values = [form.title, form.primary_principle, form.situation, form.task,
                      form.action, form.result, form.lesson,
                      "\n".join(form.questions)]  # fmt: skip
            return [*values, True]  # editing means replacing: confirmed by choosing it

        s_save.click(
            on_save,
            [s_title, s_principle, *s_fields, s_questions, s_overwrite],
            [s_report, *bank_outputs, s_pick],
            api_name="save_story",
        )
        s_pick.input(on_pick, s_pick,
                     [s_title, s_principle, *s_fields, s_questions, s_overwrite])  # fmt: skip
    demo.load(bank_view, None, bank_outputs)
    demo.load(lambda: gr.Dropdown(choices=service.stories.user_story_titles()), None, s_pick)


def history_tab(service: CoachService, names: dict[str, str], demo: gr.Blocks) -> None:
    """Scores over time, every critique and mock answer, exports."""
    with gr.Tab("History", id="history") as tab:
        gr.Markdown("### Scores over time")
        h_chart = gr.HTML(elem_id="history-chart")
        gr.Markdown("### Spoken answers: pace and pauses")
        h_spoken = gr.HTML(elem_id="history-delivery")
        h_table = gr.Dataframe(interactive=False, wrap=True, elem_id="history-table")
        with gr.Row():
            h_refresh = gr.Button("Refresh", elem_id="history-refresh")
            h_md = gr.Button("Export Markdown")
            h_csv = gr.Button("Export CSV")
        h_file = gr.File(label="Export", interactive=False)
        h_notice = gr.Markdown()

        def history_view():
            rows, notice = views.history_rows(service.runtime.history)
            return (
                charts.progress_svg(views.progress_rows(rows), names),
                gr.Dataframe(pd.DataFrame(views.table_rows(rows, names)), visible=bool(rows)),
                notice,
                charts.delivery_svg(views.delivery_rows(service.runtime.history)),
            )

        shown = [h_chart, h_table, h_notice, h_spoken]
        h_refresh.click(history_view, None, shown, api_name="history")
        tab.select(history_view, None, shown)
        h_md.click(lambda: str(service.practice.export("md")), None, h_file,
                   api_name="export_markdown")  # fmt: skip
        h_csv.click(lambda: str(service.practice.export("csv")), None, h_file,
                    api_name="export_csv")  # fmt: skip
    demo.load(history_view, None, shown)


def mock_tab(service: CoachService) -> None:
    """A timed mock interview: one question at a time, feedback after each answer, the next
    question (and its clock) only when the candidate asks for it, and a report at the end."""
    names = service.practice.principle_names()
    session = gr.State(None)
    with gr.Row():
        m_principles = gr.CheckboxGroup(
            [(names[p], p) for p in PRINCIPLE_IDS],
            label="Principles (none = a spread over all)",
            elem_id="mock-principles",
        )
        with gr.Column(scale=0, min_width=240):
            m_loop = gr.Dropdown(
                ["(questions below)", *service.loops.loop_names()[:-1]],
                value="(questions below)",
                label="Or rehearse a whole loop from its plan",
                elem_id="mock-loop",
            )
            m_count = gr.Slider(1, 10, value=3, step=1, label="Questions")
            m_seconds = gr.Slider(30, 300, value=180, step=30, label="Seconds per question",
                                  elem_id="mock-seconds")  # fmt: skip
            m_start = gr.Button("Start", variant="primary", elem_id="mock-start")
            m_aloud = gr.Checkbox(label="Spoken interview: questions read aloud, answers said "
                                  "out loud", elem_id="mock-spoken")  # fmt: skip
    m_question = gr.Markdown(mock_views.READY, elem_id="mock-question")
    m_voice = gr.Audio(label="The question, read aloud", autoplay=True, interactive=False,
                       visible=False, elem_id="mock-voice")  # fmt: skip
    m_clock = gr.Markdown(elem_id="mock-clock")
    m_recorder = answer_aloud("mock")
    m_answer = gr.Textbox(lines=8, label="Your answer (typed, or what you said)",
                          interactive=False, elem_id="mock-answer")  # fmt: skip
    with gr.Row():
        m_submit = gr.Button("Submit answer", interactive=False, elem_id="mock-submit")
        m_next = gr.Button("Next question", variant="primary", visible=False, elem_id="mock-next")
    m_feedback = gr.Markdown(elem_id="mock-feedback")
    m_report = gr.Markdown(elem_id="mock-report")
    m_timer = gr.Timer(1.0, active=False)
    outputs = [session, m_question, m_clock, m_feedback, m_report, m_timer, m_answer, m_submit,
               m_next]  # fmt: skip

    def shown(s, feedback: str = "", report: str = "", answer: str | None = None):
        """Every output for session ``s``: the answer box is live only while a question runs;
        ``answer``: its new text (None keeps what is typed)."""
        running = s is not None and not s.finished and not s.paused
        box = {"interactive": running} | ({} if answer is None else {"value": answer})
        return (
            s,
            mock_views.question_md(s, names),
            mock_views.clock_md(s),
            feedback,
            report,
            gr.Timer(active=running),
            gr.Textbox(**box),
            gr.Button(interactive=running),
            gr.Button(visible=s is not None and s.paused),
        )

    def on_start(loop: str, principles: list[str], count: float, seconds: float):
        try:
            if loop in service.loops.loop_names():
                s = service.loops.start_loop_mock(loop, int(seconds))
            else:
                s = service.practice.start_mock(principles, int(count), int(seconds))
        except CoachError as exc:
            return shown(None, feedback=views.esc(str(exc)))
        return shown(s, answer="")

    def on_submit(s, answer: str, spoken):
        """The answer box is cleared by this same event, so nothing typed is lost to a race."""
        if s is None or s.finished or s.paused:
            return shown(s)
        try:
            outcome = service.practice.answer_mock(s, answer, spoken)
        except CoachError as exc:
            return shown(s, feedback=views.esc(str(exc)), answer=answer)
        report = mock_views.report_md(s, names) if s.finished else ""
        return shown(s, mock_views.feedback_md(s, outcome.result), report, answer="")

    def on_next(s):
        if s is not None and s.paused:
            s.resume()
        return shown(s)

    def on_voice(s, aloud: bool):
        """In a spoken interview, the current question is read aloud as it appears."""
        if not aloud or s is None or s.finished or s.paused or s.current is None:
            return gr.Audio(visible=False), gr.skip()
        return read_aloud(service, s.current.text)

    m_start.click(on_start, [m_loop, m_principles, m_count, m_seconds], outputs).then(
        on_voice, [session, m_aloud], [m_voice, m_feedback])
    m_submit.click(on_submit, [session, m_answer, m_recorder.spoken], outputs).then(
        lambda: (None, ""), None, [m_recorder.spoken, m_recorder.status])
    m_next.click(on_next, session, outputs).then(on_voice, [session, m_aloud],
                                                 [m_voice, m_feedback])
    wire_recorder(service, m_recorder, m_answer)
    m_timer.tick(mock_views.clock_md, session, m_clock)


def loop_tab(service: CoachService) -> None:
    """The Loop plan tab: a story per principle per interview, the checks, the cheat sheet, and
    the workshop that grows a thin story from the candidate's answers."""
    with gr.Tab("Loop plan", id="loop"):
        with gr.Row():
            l_loop = gr.Dropdown(service.loops.loop_names(), value="amazon-5", label="Loop",
                                 elem_id="loop-name")  # fmt: skip
            l_custom = gr.Textbox(label="Custom loop (one interview per line, principle ids)",
                                  lines=2, visible=False, elem_id="loop-custom")  # fmt: skip
            l_plan = gr.Button("Plan my loop", variant="primary", scale=0, elem_id="loop-plan")
        l_about = gr.Markdown(service.loops.describe("amazon-5"))
        l_table = gr.Dataframe(interactive=False, wrap=True, elem_id="loop-table")
        with gr.Row():
            l_checks = gr.Markdown(elem_id="loop-checks")
            l_files = gr.File(label="Cheat sheet (Markdown, and a page to print)",
                              interactive=False, file_count="multiple")  # fmt: skip
        gr.Markdown("Rehearse the loop in the **Mock interview** tab: choose it under "
                    "'rehearse a whole loop'.")  # fmt: skip

        gr.Markdown(
            "### Story workshop\nGrow a thin story with your own answers: one question at a "
            "time, each with its reason. Your notes file is never changed."
        )
        workshop = gr.State(None)
        with gr.Row():
            w_story = gr.Dropdown([], label="Story", elem_id="workshop-story")
            w_start = gr.Button("Start", scale=0, elem_id="workshop-start")
        w_view = gr.Markdown(loop_views.workshop_md(None, None), elem_id="workshop-view")
        w_answer = gr.Textbox(lines=4, label="Your answer, in your own words",
                              elem_id="workshop-answer")  # fmt: skip
        with gr.Row():
            w_send = gr.Button("Answer", variant="primary", elem_id="workshop-send")
            w_skip = gr.Button("Skip", elem_id="workshop-skip")
            w_save = gr.Button("Save the story", elem_id="workshop-save")

        def on_loop(name: str):
            return gr.Textbox(visible=name == "custom"), service.loops.describe(name)

        def on_plan(name: str, custom: str):
            try:
                plan = service.loops.plan(name, custom)
            except CoachError as exc:
                return None, views.esc(str(exc)), None
            stories, names = service.loops.stories(), service.loops.principle_names()
            return (pd.DataFrame(loop_views.plan_rows(plan, stories, names)),
                    loop_views.plan_checks_md(plan, stories, names),
                    [str(p) for p in service.loops.cheat_sheets(plan)])  # fmt: skip

        def on_start(story_id: str):
            try:
                w = service.loops.start_workshop(story_id)
            except CoachError as exc:
                return None, views.esc(str(exc))
            return w, loop_views.workshop_md(w, w.current())

        def on_answer(w, text: str, skip: bool = False):
            if w is None:
                return w, loop_views.workshop_md(None, None), text
            try:
                prompt = w.answer("" if skip else text)
            except CoachError as exc:
                return w, views.esc(str(exc)), text
            return w, loop_views.workshop_md(w, prompt), ""

        def on_save(w):
            if w is None:
                return None, loop_views.workshop_md(None, None), gr.Dropdown()
            try:
                path = service.loops.save_workshop(w)
            except CoachError as exc:
                return w, views.esc(str(exc)), gr.Dropdown()
            return (None, loop_views.workshop_saved_md(w, path.name),
                    gr.Dropdown(choices=service.loops.workshop_choices()))  # fmt: skip

        l_loop.input(on_loop, l_loop, [l_custom, l_about])
        l_plan.click(on_plan, [l_loop, l_custom], [l_table, l_checks, l_files])
        w_start.click(on_start, w_story, [workshop, w_view])
        w_send.click(on_answer, [workshop, w_answer], [workshop, w_view, w_answer])
        w_skip.click(lambda w: on_answer(w, "", True), workshop, [workshop, w_view, w_answer])
        w_save.click(on_save, workshop, [workshop, w_view, w_story])
        w_story.focus(lambda: gr.Dropdown(choices=service.loops.workshop_choices()), None, w_story)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Serve the interview coach.")
    parser.add_argument("--host", help="address to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=int, help="port (default 7860 or COACH_PORT)")
    parser.add_argument("--auth", help="user:password, required for a non-loopback host")
    parser.add_argument(
        "--model", help="GGUF path, gemma3-270m, smollm2, none, or a model name on llm_url"
    )
    args = parser.parse_args(argv)
    try:
        accounts = AccountStore()
        with_accounts = bool(accounts.names())
        options = serve_options(args.host, args.port, args.auth, accounts=with_accounts)
    except CoachError as exc:
        print(exc, file=sys.stderr)
        return 2
    auth = options.auth
    if with_accounts:  # each account signs in and works in its own folder
        if auth is not None:
            print("Accounts exist (coach users list), so --auth/COACH_AUTH is not used.",
                  file=sys.stderr)  # fmt: skip
        service = AccountServices(args.model)
        auth = accounts.verify
    else:
        service = CoachService(args.model)
    threading.Thread(target=service.runtime.warm_up, daemon=True).start()
    demo = build_app(service)
    demo.queue(default_concurrency_limit=4)
    demo.launch(
        server_name=options.host,
        server_port=options.port,
        share=False,
        auth=auth,
        auth_message="Sign in with the account your coach administrator gave you."
        if with_accounts
        else None,
        css=CSS,
        head=HEAD,
        footer_links=[],
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
