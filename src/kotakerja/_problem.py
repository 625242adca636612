"""RFC 9457 problem details for a `ValidationError`, in Indonesian or English.

English details are the errors' own messages. Indonesian details come from the
error's code: first a sentence for that code, else one for its family
(``kotakerja.money.*``), so every detail is in the language asked for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._errors import ErrorDetail, ValidationError

__all__ = ["problem_of"]

PROBLEM_TYPE = "tag:kotakerja,2026:validation-error"
"""The problem type of every validation error (a URI that names, not locates)."""

_TITLE = {"id": "Data tidak valid", "en": "Invalid data"}
_DETAIL = {
    "id": "{n} masalah ditemukan pada data yang dikirim.",
    "en": "{n} problems were found in the data sent.",
}
_DETAIL_ONE = {
    "id": "1 masalah ditemukan pada data yang dikirim.",
    "en": "1 problem was found in the data sent.",
}

# Indonesian sentences for the codes a client meets most often.
_BY_CODE = {
    "kotakerja.type": "jenis nilai salah",
    "kotakerja.missing": "wajib diisi",
    "kotakerja.unknown_key": "kunci ini tidak dikenal",
    "kotakerja.pattern": "bentuknya tidak sesuai",
    "kotakerja.enum": "bukan salah satu pilihan yang tersedia",
    "kotakerja.empty": "tidak boleh kosong",
    "kotakerja.out_of_range": "di luar rentang yang diizinkan",
    "kotakerja.int.out_of_range": "bilangan bulat di luar rentang yang diizinkan",
    "kotakerja.decimal.out_of_range": "angka desimal terlalu besar atau terlalu panjang",
    "kotakerja.decimal.invalid": 'bukan angka desimal biasa (contoh: "12.50")',
    "kotakerja.decimal.float": "gunakan angka desimal sebagai teks, bukan pecahan biner",
    "kotakerja.text.too_long": "teks terlalu panjang",
    "kotakerja.text.unencodable": "teks memuat karakter yang tidak dapat ditulis",
    "kotakerja.json.invalid": "bukan JSON yang sah",
    "kotakerja.json.too_deep": "data bersarang terlalu dalam",
    "kotakerja.json.too_large": "data terlalu besar",
    "kotakerja.json.duplicate_key": "kunci yang sama muncul dua kali",
    "kotakerja.date.invalid": "tanggal tidak ada di kalender",
    "kotakerja.date.unparseable": "tanggal tidak dapat dibaca (gunakan YYYY-MM-DD)",
    "kotakerja.date.weekday_mismatch": "nama hari tidak cocok dengan tanggal",
    "kotakerja.datetime.naive": "waktu tanpa zona waktu; sebutkan zona waktunya",
    "kotakerja.datetime.unparseable": "waktu tidak dapat dibaca",
    "kotakerja.datetime.offset_mismatch": "selisih waktu tidak cocok dengan zona waktunya",
    "kotakerja.money.too_many_decimals": "jumlah desimal melebihi yang diizinkan mata uang ini",
    "kotakerja.money.unknown_currency": "bukan kode mata uang ISO 4217",
    "kotakerja.money.invalid_amount": "jumlah uang tidak sah",
    "kotakerja.money.negative": "jumlah tidak boleh negatif",
    "kotakerja.money.unparseable": "jumlah uang tidak dapat dibaca",
    "kotakerja.region.unknown": "kode wilayah Kemendagri tidak dikenal",
    "kotakerja.region.not_found": "nama wilayah tidak ditemukan",
    "kotakerja.region.ambiguous": "nama wilayah ini bisa berarti lebih dari satu daerah",
    "kotakerja.country.unknown": "negara tidak dikenal",
    "kotakerja.hs.invalid": "kode HS tidak sah",
    "kotakerja.hs.unknown_chapter": "bab HS tidak ada",
    "kotakerja.record.unknown_type": "jenis rekaman tidak dikenal",
    "kotakerja.record.wrong_type": "jenis rekaman tidak sesuai",
    "kotakerja.record.bad_version": "versi skema tidak sah",
    "kotakerja.record.newer_version": "versi skema lebih baru daripada pustaka ini",
    "kotakerja.register.duplicate_id": "ID ini sudah dipakai rekaman lain",
    "kotakerja.register.dangling_reference": "merujuk ke rekaman yang tidak ada",
    "kotakerja.register.wrong_reference_type": "merujuk ke rekaman dengan jenis yang salah",
    "kotakerja.input.server_field": "kolom ini diisi oleh server, jangan dikirim",
    "kotakerja.signature.unknown_party": "penandatanganan merujuk ke pihak yang tidak ada",
    "kotakerja.signature.duplicate": "pihak ini sudah menandatangani",
    "kotakerja.party.duplicate": "pihak yang sama disebut dua kali",
    "kotakerja.term.end_and_duration": "sebutkan tanggal berakhir atau jangka waktu saja",
    "kotakerja.meeting.end_before_start": "waktu selesai sebelum waktu mulai",
    "kotakerja.extension.bad_key": "kunci ekstensi harus berbentuk namespace:nama",
    "kotakerja.time_zone.unknown": "bukan nama zona waktu IANA",
    "kotakerja.zone.unknown": "bukan nama zona waktu IANA",
}

# Indonesian sentences for a family of codes: the segment after "kotakerja.".
_BY_FAMILY = {
    "agreement": "aturan perjanjian kerja sama tidak terpenuhi",
    "amendment": "aturan adendum tidak terpenuhi",
    "approval": "aturan persetujuan tidak terpenuhi",
    "consignee": "data penerima barang tidak sah",
    "country": "data negara tidak sah",
    "csv": "tabel CSV tidak sah",
    "date": "tanggal tidak sah",
    "datetime": "waktu tidak sah",
    "decimal": "angka desimal tidak sah",
    "delegation": "data delegasi tidak sah",
    "exporter": "data eksportir tidak sah",
    "extension": "ekstensi tidak sah",
    "follow_up": "data tindak lanjut tidak sah",
    "goods": "data barang tidak sah",
    "hs": "kode HS tidak sah",
    "json": "JSON tidak sah",
    "leg": "data pengangkutan tidak sah",
    "locality": "data lokasi tidak sah",
    "meeting": "aturan pertemuan tidak terpenuhi",
    "money": "jumlah uang tidak sah",
    "organization": "data organisasi tidak sah",
    "origin": "aturan surat keterangan asal tidak terpenuhi",
    "outcome": "data hasil pertemuan tidak sah",
    "participant": "data peserta tidak sah",
    "party": "data pihak tidak sah",
    "period": "periode tidak sah",
    "record": "rekaman tidak sah",
    "ref": "rujukan tidak sah",
    "region": "data wilayah tidak sah",
    "register": "aturan register tidak terpenuhi",
    "release": "data pelepasan ekspor tidak sah",
    "scheme": "aturan skema kerja sama daerah tidak terpenuhi",
    "sheet": "lembar kerja tidak sah",
    "shipment": "data pengiriman tidak sah",
    "signature": "data penandatanganan tidak sah",
    "source": "data sumber tidak sah",
    "stage": "tahapan tidak sah",
    "status": "riwayat status tidak sah",
    "term": "jangka waktu tidak sah",
    "termination": "data pengakhiran tidak sah",
    "text": "teks tidak sah",
    "time": "waktu tidak sah",
}


def _indonesian(error: ErrorDetail) -> str:
    sentence = _BY_CODE.get(error.code)
    if sentence is None:
        parts = error.code.split(".")
        family = parts[1] if len(parts) > 2 and parts[0] == "kotakerja" else ""
        sentence = _BY_FAMILY.get(family, "data tidak sah")
    return sentence[0].upper() + sentence[1:] + "."


def problem_of(error: ValidationError, lang: str = "en", status: int = 422) -> dict[str, Any]:
    """The RFC 9457 body for `error`: type, title, status, detail and every problem."""
    if lang not in ("id", "en"):
        raise ValueError(f"lang is 'id' or 'en', not {lang!r}")
    n = len(error.errors)
    detail = _DETAIL_ONE[lang] if n == 1 else _DETAIL[lang].format(n=n)
    return {
        "type": PROBLEM_TYPE,
        "title": _TITLE[lang],
        "status": status,
        "detail": detail,
        "errors": [
            {
                "pointer": e.pointer,
                "code": e.code,
                "detail": e.message if lang == "en" else _indonesian(e),
            }
            for e in error.errors
        ],
    }
