"""The plain-text report of a register."""

from __future__ import annotations

import kotakerja
from kotakerja import PartialDate
from kotakerja.report import render_report


def test_tables_fit_the_width_without_cutting_ids_or_dates() -> None:
    text = render_report(
        kotakerja.examples(), on=PartialDate.parse("2023-04-28"), lang="en", width=110
    )
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= 110
    row = next(line for line in lines if line.startswith("mou-kadin-kediri-surakarta-2021 "))
    assert "13 December 2021" in row
    assert "…" in row


def test_report_names_status_in_the_chosen_language() -> None:
    day = PartialDate.parse("1 Desember 2021")
    english = render_report(kotakerja.examples(), on=day, lang="en")
    indonesian = render_report(kotakerja.examples(), on=day, lang="id")
    assert "Cooperation report as of 1 December 2021" in english
    assert "Laporan kerja sama per 1 Desember 2021" in indonesian
    kadin = next(line for line in indonesian.splitlines() if line.startswith("mou-kadin"))
    assert " draf " in kadin
