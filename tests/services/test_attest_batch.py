"""The fast whole-file attest check gives exactly the answers of the row-by-row check (``check_transaction``, one
session and one ``decide`` per row), on random payments against the demo förbund's attestordning — across two
versions, a date without any ordning, an ended mandate, every optional column present or absent."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from finsam_desktop.services.demo.attest import EKONOMISERVICE
from finsam_desktop.services.demo.internkontroll import CHEF, DEV, FORMER, ORDF, VICE

FIRST, LAST = date(2025, 1, 1), date(2027, 3, 31)  # the demo has attestordningar for 2025 and 2026, none for 2027
NAMES = [ORDF, VICE, CHEF, DEV, FORMER, "Okänd Person", "eva  forsberg"]
OPTIONAL = ("utanordnare", "mottagningsattest", "motpart", "kostnadsstalle", "konto", "attestanter")

payments = st.fixed_dictionaries(
    {
        "datum": st.integers(0, (LAST - FIRST).days).map(lambda d: FIRST + timedelta(days=d)),
        "belopp": st.one_of(
            st.sampled_from([Decimal(50000), Decimal("50000.01"), Decimal(25000), Decimal("-60000")]),
            st.integers(-100000, 14000000).map(lambda c: Decimal(c) / 100),
        ),
        "motpart": st.sampled_from(["Kontorsbolaget Norr AB", "Telia Sverige AB", "", *NAMES]),
        "attestanter": st.lists(st.sampled_from(NAMES), max_size=2),
        "utanordnare": st.sampled_from([EKONOMISERVICE, EKONOMISERVICE, "", ORDF]),
        "kostnadsstalle": st.sampled_from(["Kansli", "Steget vidare", "Styrelse", ""]),
        "konto": st.sampled_from(["", "6550", "Steget vidare"]),
        "mottagningsattest": st.lists(st.sampled_from([CHEF, DEV, ORDF, "Okänd Person"]), max_size=2),
    }
)


@settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    rows=st.lists(payments, min_size=1, max_size=12),
    absent=st.sets(st.sampled_from(OPTIONAL), max_size=3),
)
def test_fast_check_agrees_with_row_by_row_check(demo_services, rows, absent):
    columns = frozenset({"verifikation", "datum", "belopp", *OPTIONAL}) - absent
    att = demo_services.attest
    checker = att.batch.checker(FIRST, LAST, columns)
    for p in rows * 2:  # twice: the second time the answers come from the memo
        fast = [f.text for f in checker.findings(**p)]
        slow = att.check.check_transaction(
            p["datum"],
            p["belopp"],
            p["motpart"],
            p["attestanter"],
            p["utanordnare"],
            p["konto"],
            kostnadsstalle=p["kostnadsstalle"],
            mottagningsattest=p["mottagningsattest"],
            columns=columns,
        )
        assert fast == slow, p


def test_segments_split_where_a_version_or_mandate_changes(demo_services):
    checker = demo_services.attest.batch.checker(FIRST, LAST, frozenset(OPTIONAL))
    # 2025 and 2026 versions, none in 2027, and the mandates starting/ending inside the range
    assert 3 <= checker.segment_count < 20
    assert checker.segment(date(2025, 6, 1)).version.title.endswith("2025")
    assert checker.segment(date(2026, 6, 1)).version.title.endswith("2026")
    assert checker.segment(date(2027, 2, 1)).version is None
