"""Spoken answers, on this machine: the Whisper model folder, transcription in its own process,
and what the audio says about delivery (pace, pauses, fillers, how soon the story starts)."""
