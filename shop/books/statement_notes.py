"""The Catatan atas laporan keuangan (CaLK) of a period: the sections the books can write themselves (the
entity, the basis of preparation, the accounting policies, details of cash and bank, receivables, fixed assets,
members' savings and income by channel) and the group's own text after them. Reads only; the group's text is
saved by shop.books.services.save_statement_note."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from flask_babel import format_date
from flask_babel import gettext as _
from sqlalchemy import func, or_, select

from shop.books.models import StatementNote
from shop.books.statement_lines import Line, Section
from shop.books.statement_period import Period
from shop.extensions import db
from shop.groups.models import Group, Member
from shop.groups.services import LEGAL_FORM_LABELS
from shop.ledger import chart as c
from shop.ledger.chart import book_settings
from shop.ledger.queries import sales_report

CASH = (c.KAS, c.BANK)
SAVINGS = (c.SIMPANAN_POKOK, c.SIMPANAN_WAJIB, c.SIMPANAN_SUKARELA)
CHANNELS = (("online", c.PENJUALAN_ONLINE), ("bazaar", c.PENJUALAN_BAZAAR))


@dataclass
class NoteSection:
    title: str
    paragraphs: list[str] = field(default_factory=list)
    table: Section | None = None  # item details: at this period's end beside the end of the one before
    over_period: bool = False  # the table's columns are the period and the one before, not their ends


def note_text(group_id: int) -> str:
    note = db.session.get(StatementNote, group_id)
    return note.text if note is not None else ""


def members_at(group_id: int, day: date) -> int:
    """Members on the register on `day`: joined by then (or with no date) and not left by then."""
    return int(db.session.scalar(select(func.count(Member.id)).where(
        Member.group_id == group_id, or_(Member.joined_on.is_(None), Member.joined_on <= day),
        or_(Member.left_on.is_(None), Member.left_on > day))) or 0)


def _lines(sections, codes) -> list[Line]:
    return [line for section in sections for line in section.lines if line.code in codes]


def _entity(group: Group, period: Period) -> NoteSection:
    region = group.region.label if group.region else ""
    text = [_("%(name)s adalah kelompok usaha pengrajin di %(region)s, berbentuk %(form)s. Pada %(day)s "
              "kelompok beranggotakan %(n)d orang.", name=group.name, region=region,
              form=LEGAL_FORM_LABELS.get(group.legal_form, group.legal_form),
              day=format_date(period.end, "d MMMM yyyy"), n=members_at(group.id, period.end))]
    if group.founded_on:
        text.append(_("Kelompok berdiri pada %(day)s.", day=format_date(group.founded_on, "d MMMM yyyy")))
    return NoteSection(_("Informasi umum"), text)


def _basis(period: Period) -> NoteSection:
    return NoteSection(_("Dasar penyusunan"), [
        _("Laporan keuangan disusun berdasarkan Standar Akuntansi Keuangan Entitas Mikro, Kecil, dan Menengah "
          "(SAK EMKM) dengan dasar akrual dan biaya historis."),
        _("Mata uang penyajian adalah rupiah (Rp), dalam rupiah penuh."),
        _("Periode laporan: %(period)s (%(start)s sampai %(end)s), dibandingkan dengan periode sebelumnya.",
          period=period.label, start=format_date(period.start, "d MMMM yyyy"),
          end=format_date(period.end, "d MMMM yyyy")),
    ])


def _policies(group: Group) -> NoteSection:
    share = book_settings(group.id).maker_share_percent
    makers = (_("Bagian pengrajin sebesar %(p)d%% dari setiap penjualan barang anggota dicatat sebagai beban "
                "(harga pokok) dan utang kepada anggota saat penjualan, dan berkurang saat dibayarkan.", p=share)
              if share else
              _("Kelompok belum menetapkan bagian pengrajin; pembayaran kepada pengrajin dicatat saat dibayar."))
    return NoteSection(_("Kebijakan akuntansi"), [
        _("Pendapatan penjualan diakui saat penjualan terjadi: pesanan online saat dibayar, penjualan bazaar "
          "saat transaksi di kasir. Pengembalian dana dicatat sebagai retur penjualan, pengurang pendapatan."),
        makers,
        _("Aset tetap dicatat sebesar biaya perolehan dan disusutkan dengan metode garis lurus selama umur "
          "manfaatnya; penyusutan dicatat setiap bulan."),
        _("Simpanan pokok dan simpanan wajib anggota dicatat sebagai ekuitas; simpanan sukarela sebagai "
          "liabilitas, karena dapat diambil anggota sewaktu-waktu."),
    ])


def _channels(group_id: int, period: Period) -> Section:
    prior = period.previous()
    now = sales_report(group_id, period.start, period.end).by_channel
    before = sales_report(group_id, prior.start, prior.end).by_channel
    labels = {"online": _("Penjualan online"), "bazaar": _("Penjualan bazaar")}
    lines = [Line(labels[channel], now.get(channel, 0), before.get(channel, 0), code)
             for channel, code in CHANNELS]
    return Section("saluran", _("Penjualan bersih per saluran"), _("Jumlah penjualan bersih"), lines)


def generated(group: Group, period: Period, sheet) -> list[NoteSection]:
    """The CaLK the books write themselves, from the neraca (`sheet`, a shop.books.statements.BalanceSheet),
    so every balance here is one shown there."""
    claims = [sheet.liabilities, sheet.equity]
    current = [s for s in sheet.assets if s.key == "aset_lancar"]
    fixed = [s for s in sheet.assets if s.key == "aset_tetap"]
    cash = Section("kas", _("Kas dan bank"), _("Jumlah kas dan bank"), _lines(current, CASH))
    receivables = Section("piutang", _("Piutang"), _("Jumlah piutang"),
                          [line for s in current for line in s.lines if line.code not in CASH])
    assets = Section("aset_tetap", _("Aset tetap"), _("Nilai buku aset tetap"),
                     [line for s in fixed for line in s.lines])
    savings = Section("simpanan", _("Simpanan anggota"), _("Jumlah simpanan anggota"), _lines(claims, SAVINGS))
    sections = [_entity(group, period), _basis(period), _policies(group)]
    sections.append(NoteSection(cash.title, [_("Uang tunai di kas kelompok dan saldo rekening bank kelompok.")],
                                cash))
    sections.append(NoteSection(receivables.title, [
        _("Piutang platform adalah hasil penjualan online yang masih dipegang platform sampai dicairkan; "
          "piutang panitia adalah hasil bazaar yang masih dipegang panitia; piutang anggota adalah bagian "
          "pengrajin yang harus dikembalikan anggota setelah retur.")], receivables))
    sections.append(NoteSection(assets.title, [
        _("Peralatan kelompok, termasuk hibah barang, dikurangi akumulasi penyusutan.") if assets.lines else
        _("Kelompok belum mencatat aset tetap.")], assets if assets.lines else None))
    sections.append(NoteSection(savings.title, [
        _("Simpanan pokok dan wajib termasuk ekuitas; simpanan sukarela termasuk liabilitas.")],
        savings if savings.lines else None))
    channels = _channels(group.id, period)
    sections.append(NoteSection(channels.title, [
        _("Penjualan barang menurut saluran, setelah dikurangi retur. Pendapatan ongkos kirim dan pendapatan "
          "lain tampil tersendiri di laporan laba rugi.")], channels, over_period=True))
    return sections
