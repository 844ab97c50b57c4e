"""Words that say a question is about something no table row holds: a plan's whole period, a half-year's reading
asked of a plan's yearly indicators."""

from __future__ import annotations

from assistant.planner import Missing


def test_a_plans_whole_period_is_no_years_progress(ask_tables):
    # 003's text: 「十三五」 targets for the whole period; the 2020 task tables state one year's progress
    found = ask_tables("十三五期间全市要完成多少条黑臭水体整治")
    # (the plan's own indicator row may be found, but it states no figure in 条: the text is left to answer)
    assert found is None or isinstance(found, Missing) or found.mismatch


def test_a_half_years_reading_is_no_plans_yearly_indicator(ask_tables):
    found = ask_tables("2020年上半年海门市PM2.5浓度是多少")  # 002 附件1 states the year's target, 33, not a reading
    assert found is None or isinstance(found, Missing)
    assert "33" in ask_tables("海门市2020年PM2.5目标是多少").text  # the target is still the indicator's
