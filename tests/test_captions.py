"""studio/captions.py in milliseconds: the files players read, checked against hand-written ones."""
import pytest

from studio.captions import Cue, parse_srt, shifted, to_srt, to_vtt

CUES = [Cue(2.8, 9.0, "Without a bias, y = w x always passes\nthrough the origin."),
        Cue(3725.5, 3727.25, "η ≈ 0.500")]


def test_srt_is_what_a_player_expects():
    assert to_srt(CUES) == ("1\n00:00:02,800 --> 00:00:09,000\nWithout a bias, y = w x always passes\n"
                            "through the origin.\n\n2\n01:02:05,500 --> 01:02:07,250\nη ≈ 0.500\n\n")


def test_vtt_has_its_header_and_dot_milliseconds():
    assert to_vtt(CUES[:1]) == ("WEBVTT\n\n00:00:02.800 --> 00:00:09.000\n"
                                "Without a bias, y = w x always passes\nthrough the origin.\n\n")


def test_reading_gives_back_what_was_written_line_breaks_included():
    assert parse_srt(to_srt(CUES)) == CUES
    # Manim's own files number cues and may end without a blank line; Windows line ends too
    assert parse_srt("1\r\n00:00:01,000 --> 00:00:02,500\r\nHello\r\n") == [Cue(1.0, 2.5, "Hello")]


@pytest.mark.parametrize("offset", [0.0, 22.733, 3600.0])
def test_shifting_moves_both_ends_and_keeps_the_text(offset):
    for before, after in zip(CUES, shifted(CUES, offset)):
        assert after.start - before.start == pytest.approx(offset)
        assert after.end - before.end == pytest.approx(offset) and after.text == before.text


def test_times_round_to_the_millisecond_and_never_go_negative():
    assert to_srt([Cue(-0.2, 0.0004, "x")]).splitlines()[1] == "00:00:00,000 --> 00:00:00,000"
    assert to_srt([Cue(59.9996, 60.0, "x")]).splitlines()[1] == "00:01:00,000 --> 00:01:00,000"
