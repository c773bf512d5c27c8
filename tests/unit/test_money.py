import pytest

from shop.money import format_idr, from_stripe_amount, parse_idr, to_stripe_amount


@pytest.mark.parametrize("amount, text", [
    (750_000, "Rp750.000"), (0, "Rp0"), (1_000_000, "Rp1.000.000"), (15_500, "Rp15.500"), (999, "Rp999"),
    (-25_000, "-Rp25.000"), (12_345_678_901, "Rp12.345.678.901"),
])
def test_format_idr(amount, text):
    assert format_idr(amount) == text


def test_format_idr_refuses_floats():
    with pytest.raises(TypeError):
        format_idr(750000.0)


def test_stripe_amounts_are_times_100():
    assert to_stripe_amount(750_000) == 75_000_000
    assert from_stripe_amount(75_000_000) == 750_000
    with pytest.raises(ValueError):
        to_stripe_amount(-1)
    with pytest.raises(ValueError):
        from_stripe_amount(75_000_050)


@pytest.mark.parametrize("text, value", [
    ("750000", 750_000), ("750.000", 750_000), ("Rp 750.000", 750_000), (" rp1.000.000 ", 1_000_000),
    ("abc", None), ("", None), ("-3", None), ("1e9", None), (None, None), ("9" * 30, None),
])
def test_parse_idr(text, value):
    assert parse_idr(text) == value


@pytest.mark.parametrize("text, value", [
    ("1.000,50", None), ("150.000,00", 150_000), ("150.000,0", 150_000), ("1.5", None), ("1.50.000", None),
    ("750,000", 750_000), ("1.000.000", 1_000_000), ("١٠٠٠", None), ("0", 0), ("1,000,50", None),
])
def test_parse_idr_reads_indonesian_notation(text, value):
    """Security probe M5: '1.000,50' was read as Rp100.050 and '150.000,00' as Rp15.000.000."""
    assert parse_idr(text) == value


def test_refused_amounts_say_why(app):
    from shop.money import idr_problem

    assert idr_problem("1.000,50") == "Rupiah tanpa sen: tulis Rp1.000, bukan 1.000,50."
    assert idr_problem("lima ribu") is None and idr_problem("9" * 20) == "Jumlah rupiah terlalu besar."
    assert idr_problem("150.000,00") is None
