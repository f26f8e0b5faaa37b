"""The Gradio app. It only wires widgets to ``coach``; all logic lives in the package."""

from __future__ import annotations

import argparse

import coach  # noqa: F401  (sets the offline switches before gradio is imported)

# isort: split
import gradio as gr

from coach.principle_filter import principle_choices, story_rows

HOST = "127.0.0.1"
PORT = 7860


def build_app() -> gr.Blocks:
    """The page: a story bank browser filtered by principle."""
    with gr.Blocks(title="Interview coach") as demo:
        gr.Markdown("# Interview coach\nOffline: your notes never leave this machine.")
        principle = gr.Dropdown(choices=principle_choices(), value="all", label="Principle")
        table = gr.Dataframe(value=story_rows("all"), interactive=False, wrap=True)
        principle.change(story_rows, inputs=principle, outputs=table)
    return demo


def main() -> None:
    parser = argparse.ArgumentParser(description="Serve the interview coach on loopback.")
    parser.add_argument("--port", type=int, default=PORT)
    args = parser.parse_args()
    build_app().launch(server_name=HOST, server_port=args.port, share=False)


if __name__ == "__main__":
    main()
