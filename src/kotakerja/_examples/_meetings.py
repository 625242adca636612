"""Bundled example records: the meetings and events of the seed cases.

Only what the reports say is recorded; a date, venue or name a report does not
give is left empty and the source note says so.
"""

from __future__ import annotations

from ..records._agreements import Party
from ..records._base import Record, Ref
from ..records._meetings import (
    Attendance,
    CeremonialAct,
    CeremonialActKind,
    CountQualifier,
    Delegation,
    Event,
    EventKind,
    FollowUp,
    Meeting,
    MeetingKind,
    Outcome,
    OutcomeKind,
    Participant,
    ParticipantIndex,
    ParticipantRole,
    ScheduleStatus,
    Venue,
)
from ..values._dates import PartialDate, Period
from ..values._people import (
    ActingStatus,
    Organization,
    OrganizationKind,
    Person,
    Position,
    RoleClass,
)
from ..values._places import Country, Region
from ..values._provenance import Source
from . import _agreements
from ._shipments import _NEWS as NEWS
from ._shipments import RELEASE_ID

HEAD = ParticipantRole.HEAD_OF_DELEGATION


def _person(
    name: str,
    title: str,
    role: RoleClass,
    *roles: ParticipantRole,
    acting: ActingStatus = ActingStatus.DEFINITIVE,
    organization: Organization | None = None,
) -> Participant:
    position = Position(title=title, role=role, acting=acting, organization=organization)
    return Participant(
        person=Person(name=name), position=position, roles=roles or (ParticipantRole.ATTENDEE,)
    )


def _g20() -> list[Record]:
    source = Source(
        title="Gibran bertemu Wakil Kanselir Jerman di sela KTT G20",
        publisher="Mata4.com",
        note="Based on the Surakarta city government's statement. The report gives no date "
        "for the meeting or the summit and no venue; it says the summit took place in "
        "Jakarta. Date and place are left empty until an official source confirms them. "
        "The Vice Chancellor is not named.",
    )
    summit = Event(
        id="event-g20-summit-2022",
        title="Konferensi Tingkat Tinggi G20",
        abbreviation="KTT G20",
        kind=EventKind.SUMMIT,
        status=ScheduleStatus.HELD,
        sources=(source,),
    )
    surakarta = Region.get("33.72")
    meeting = Meeting(
        id="meeting-surakarta-germany-g20-2022",
        title="Pertemuan bilateral Wali Kota Surakarta dengan Wakil Kanselir Jerman",
        kind=MeetingKind.BILATERAL,
        status=ScheduleStatus.HELD,
        event=summit.ref,
        delegations=(
            Delegation(
                side=Party(region=surakarta),
                participants=(
                    _person("Gibran Rakabuming Raka", "Wali Kota Surakarta", RoleClass.MAYOR, HEAD),
                ),
            ),
            Delegation(
                side=Party(
                    organization=Organization(
                        name="Pemerintah Republik Federal Jerman",
                        kind=OrganizationKind.FOREIGN_GOVERNMENT,
                        country=Country.get("DE"),
                    )
                ),
                participants=(
                    Participant(
                        position=Position(
                            title="Wakil Kanselir Jerman", role=RoleClass.VICE_CHANCELLOR
                        ),
                        roles=(HEAD,),
                    ),
                ),
            ),
        ),
        topics=(
            "smart_city",
            "digitalization",
            "umkm",
            "creative_industry",
            "tourism",
            "investment",
        ),
        outcomes=(
            Outcome(
                kind=OutcomeKind.AGREED_STATEMENT,
                text="Kedua pihak sepakat menjajaki kerja sama lebih lanjut: pertukaran "
                "pengetahuan, pelatihan sumber daya manusia dan proyek bersama.",
                by=(0, 1),
                topics=("knowledge_exchange", "human_resources"),
            ),
        ),
        follow_ups=(
            FollowUp(
                action="Menjajaki kerja sama dengan Jerman di bidang pertukaran pengetahuan, "
                "pelatihan sumber daya manusia dan proyek bersama; belum ada kesepakatan yang "
                "ditandatangani.",
                owner=Party(region=surakarta),
            ),
        ),
        summary="Surakarta memaparkan program kota cerdas, digitalisasi layanan publik dan "
        "UMKM-nya; pihak Jerman mengapresiasi pemanfaatan teknologi dalam pengelolaan kota.",
        sources=(source,),
    )
    return [summit, meeting]


def _apeksi() -> list[Record]:
    source = Source(
        title="Kolaborasi Wali Kota",
        publisher="Lampung Post",
        published=PartialDate(year=2022, month=5, day=27),
        note="A column written as the gathering began: it says the minister is to lay the "
        "foundation stone and open the UMKM exhibition, without their dates or venue.",
    )
    bandar_lampung = Region.get("18.71")
    apeksi = Organization(
        name="Asosiasi Pemerintah Kota Seluruh Indonesia",
        abbreviation="APEKSI",
        kind=OrganizationKind.ASSOCIATION,
    )
    ministry = Organization(
        name="Kementerian Pendayagunaan Aparatur Negara dan Reformasi Birokrasi",
        abbreviation="KemenPAN-RB",
        kind=OrganizationKind.MINISTRY,
    )
    gathering = Event(
        id="event-apeksi-anniversary-2022",
        title="Peringatan HUT ke-22 APEKSI",
        abbreviation="HUT APEKSI",
        kind=EventKind.NATIONAL_GATHERING,
        theme="Kebangkitan Ekonomi Melalui Kolaborasi Multipihak",
        organizers=(Party(organization=apeksi),),
        host_region=bandar_lampung,
        dates=Period.parse("27–29 Mei 2022"),
        topics=("umkm", "digital_economy", "smart_city", "digitalization", "tourism"),
        attendance=(
            Attendance(
                count=98,
                description="wali kota anggota APEKSI",
                qualifier=CountQualifier.AT_MOST,
            ),
        ),
        summary="Hampir semua dari 98 wali kota anggota hadir; aplikasi pasar digital kota "
        "anggota (Jambi, Semarang, Yogyakarta) ditampilkan sebagai praktik baik.",
        sources=(source,),
    )
    minister = _person(
        "Tjahjo Kumolo",
        "Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi",
        RoleClass.MINISTER,
        ParticipantRole.GUEST,
        organization=ministry,
    )
    hosts = (
        Delegation(
            side=Party(region=bandar_lampung),
            participants=(
                _person(
                    "Eva Dwiana", "Wali Kota Bandar Lampung", RoleClass.MAYOR, ParticipantRole.HOST
                ),
            ),
        ),
        Delegation(
            side=Party(organization=apeksi),
            participants=(
                Participant(
                    person=Person(name="Bima Arya Sugiarto"),
                    position=Position(
                        title="Ketua Dewan Pengurus APEKSI",
                        role=RoleClass.CHAIR,
                        organization=apeksi,
                    ),
                    other_positions=(Position(title="Wali Kota Bogor", role=RoleClass.MAYOR),),
                    roles=(ParticipantRole.HOST,),
                ),
            ),
        ),
        Delegation(side=Party(organization=ministry), participants=(minister,)),
    )
    session = Meeting(
        id="meeting-apeksi-anniversary-2022",
        title="Pertemuan wali kota se-Indonesia, HUT ke-22 APEKSI",
        kind=MeetingKind.FORUM_SESSION,
        event=gathering.ref,
        dates=Period.parse("27–29 Mei 2022"),
        venue=Venue(place=bandar_lampung),
        delegations=hosts,
        attendance=gathering.attendance,
        topics=gathering.topics,
        sources=(source,),
    )
    minister_at = ParticipantIndex(delegation=2, participant=0)
    groundbreaking = Meeting(
        id="meeting-apeksi-groundbreaking-2022",
        title="Peletakan batu pertama pembangunan gedung pelayanan terpadu",
        kind=MeetingKind.GROUNDBREAKING,
        status=ScheduleStatus.PLANNED,
        event=gathering.ref,
        delegations=hosts,
        topics=("public_service",),
        ceremonial_acts=(
            CeremonialAct(kind=CeremonialActKind.FOUNDATION_STONE, performed_by=(minister_at,)),
        ),
        sources=(source,),
    )
    exhibition = Meeting(
        id="meeting-apeksi-umkm-exhibition-2022",
        title="Pembukaan pameran UMKM",
        kind=MeetingKind.EXHIBITION_OPENING,
        status=ScheduleStatus.PLANNED,
        event=gathering.ref,
        delegations=hosts,
        topics=("umkm",),
        sources=(source,),
    )
    return [gathering, session, groundbreaking, exhibition]


def _paragon() -> list[Record]:
    kediri, surakarta = Region.get("35.71"), Region.get("33.72")
    witness = (ParticipantRole.WITNESS,)
    source = Source(
        title="Kerja sama business to business Kadin Kota Kediri dan Kadin Surakarta",
        publisher="BANGSAONLINE.com",
        published=PartialDate(year=2021, month=12),
        note="The report dates the ceremony 'Senin (13/12)' without a year or time; the year "
        "follows from its publication in December 2021. Who signed each MoU is not said.",
    )
    kadin_mous = (
        Ref(type="mou", id="mou-kadin-kediri-surakarta-2021"),
        Ref(type="mou", id="mou-umkm-kediri-surakarta-2021"),
    )
    ceremony = Meeting(
        id="meeting-signing-kadin-kediri-surakarta-2021",
        title="Penandatanganan MoU business to business Kadin Kota Kediri dan Kadin Surakarta",
        kind=MeetingKind.SIGNING_CEREMONY,
        status=ScheduleStatus.HELD,
        dates=Period.single(PartialDate.parse("Senin, 13 Desember 2021")),
        venue=Venue(name="Hotel Paragon Solo", place=surakarta),
        delegations=(
            Delegation(
                side=Party(region=kediri),
                participants=(
                    _person("Abdullah Abu Bakar", "Wali Kota Kediri", RoleClass.MAYOR, HEAD),
                    _person("Muhammad Solikhin", "Ketua Kadin Kota Kediri", RoleClass.CHAIR),
                    _person(
                        "Adik Dwi Putranto", "Ketua Kadin Jawa Timur", RoleClass.CHAIR, *witness
                    ),
                    _person(
                        "Sofyan Kurnia", "Kepala KPwBI Kediri", RoleClass.HEAD_OF_OFFICE, *witness
                    ),
                ),
            ),
            Delegation(
                side=Party(region=surakarta),
                participants=(
                    _person(
                        "Gibran Rakabuming Raka",
                        "Wali Kota Surakarta",
                        RoleClass.MAYOR,
                        ParticipantRole.HOST,
                        HEAD,
                    ),
                    _person("Gareng S. Haryanto", "Ketua Kadin Surakarta", RoleClass.CHAIR),
                    _person(
                        "Kukrit Wicaksono", "Ketua Kadin Jawa Tengah", RoleClass.CHAIR, *witness
                    ),
                    _person(
                        "Nugroho Joko Prastowo",
                        "Kepala KPwBI Solo",
                        RoleClass.HEAD_OF_OFFICE,
                        *witness,
                    ),
                ),
            ),
        ),
        topics=("umkm", "trade", "creative_industry"),
        ceremonial_acts=(
            CeremonialAct(
                kind=CeremonialActKind.GONG_STRIKING,
                performed_by=(
                    ParticipantIndex(delegation=0, participant=0),
                    ParticipantIndex(delegation=1, participant=0),
                ),
                note="Membuka kerja sama business to business.",
            ),
        ),
        follow_ups=(
            FollowUp(
                action="Membahas lebih lanjut pelaksanaan kerja sama, termasuk kerja sama rumah "
                "kurasi UMKM Kota Kediri dengan Surakarta.",
                concerns=kadin_mous,
            ),
        ),
        signed=kadin_mous,
        summary="Kediri ingin belajar dari cara Surakarta mengangkat kampung batiknya "
        "(Laweyan, Kauman) untuk kampung tenun ikat Kediri sendiri.",
        sources=(source,),
    )
    return [ceremony]


def _shanghai() -> list[Record]:
    source = Source(
        title="Heru Budi Hartono bertemu Wali Kota Shanghai Gong Zheng",
        publisher="Bisnis.com",
        published=PartialDate(year=2023, month=4, day=28),
        note="Quotes an official statement of 28/4/2023 (which the report calls a Saturday; "
        "28 April 2023 was a Friday). The meeting's own date and venue are not given, nor "
        "where CIIE, MGMAC and AMF take place or who organises them.",
    )
    ciie = Event(
        id="event-ciie-2023",
        title="China International Import Expo",
        abbreviation="CIIE",
        kind=EventKind.TRADE_FAIR,
        dates=Period.parse("5–10 November 2023"),
        sources=(source,),
    )
    august = Period.single(PartialDate.parse("Agustus 2023"))
    mgmac = Event(
        id="event-mgmac-2023",
        title="Mayors and Governors Meeting of the ASEAN Capitals",
        abbreviation="MGMAC",
        kind=EventKind.FORUM,
        dates=august,
        sources=(source,),
    )
    amf = Event(
        id="event-amf-2023",
        title="ASEAN Mayors Forum",
        abbreviation="AMF",
        kind=EventKind.FORUM,
        dates=august,
        sources=(source,),
    )
    jakarta = Region.get("31")
    shanghai = _agreements.shanghai()
    meeting = Meeting(
        id="meeting-jakarta-shanghai-2023",
        title="Pertemuan Pj Gubernur DKI Jakarta dengan Wali Kota Shanghai",
        kind=MeetingKind.BILATERAL,
        status=ScheduleStatus.HELD,
        delegations=(
            Delegation(
                side=Party(region=jakarta),
                participants=(
                    _person(
                        "Heru Budi Hartono",
                        "Gubernur DKI Jakarta",
                        RoleClass.GOVERNOR,
                        HEAD,
                        acting=ActingStatus.PJ,
                    ),
                ),
            ),
            Delegation(
                side=Party(locality=shanghai),
                participants=(_person("Gong Zheng", "Wali Kota Shanghai", RoleClass.MAYOR, HEAD),),
            ),
        ),
        topics=(
            "trade",
            "investment",
            "culture",
            "sport",
            "tourism",
            "civil_service_exchange",
            "scholarship",
            "urban_planning",
            "waste_management",
        ),
        outcomes=(
            Outcome(
                kind=OutcomeKind.INVITATION,
                text="Shanghai mengundang Pemerintah Provinsi DKI Jakarta dan perusahaan "
                "Jakarta untuk ikut serta dalam China International Import Expo.",
                by=(1,),
                to=(0,),
                event=ciie.ref,
                event_title=ciie.title,
                event_dates=ciie.dates,
            ),
            Outcome(
                kind=OutcomeKind.COMMITMENT,
                text="Jakarta menyambut undangan itu dan akan mendorong badan usaha milik "
                "daerahnya (BUMD) untuk ikut serta.",
                by=(0,),
                event=ciie.ref,
            ),
            Outcome(
                kind=OutcomeKind.INVITATION,
                text="Jakarta mengundang Shanghai ke Mayors and Governors Meeting of the "
                "ASEAN Capitals.",
                by=(0,),
                to=(1,),
                event=mgmac.ref,
                event_title=mgmac.title,
                event_dates=august,
            ),
            Outcome(
                kind=OutcomeKind.INVITATION,
                text="Jakarta mengundang Shanghai ke ASEAN Mayors Forum.",
                by=(0,),
                to=(1,),
                event=amf.ref,
                event_title=amf.title,
                event_dates=august,
            ),
        ),
        follow_ups=(
            FollowUp(
                action="Ikut serta dalam CIIE bersama BUMD Jakarta.",
                owner=Party(region=jakarta),
                due=PartialDate(year=2023, month=11, day=5),
                concerns=(ciie.ref,),
            ),
            FollowUp(
                action="Keikutsertaan Shanghai dalam MGMAC dan AMF.",
                owner=Party(locality=shanghai),
                due=PartialDate(year=2023, month=8),
                concerns=(mgmac.ref, amf.ref),
            ),
        ),
        referenced=(Ref(type="mou", id="mou-jakarta-shanghai-2020"),),
        summary="Shanghai berminat pada pertukaran dan pelatihan aparatur sipil negara serta "
        "beasiswa; Jakarta pada penataan kota dan pengelolaan sampah Shanghai. Kunjungan ini "
        "kunjungan kerja pertama Wali Kota Shanghai ke luar negeri sejak Tiongkok mengakhiri "
        "kebijakan nol-Covid.",
        sources=(source,),
    )
    return [ciie, mgmac, amf, meeting]


def _technolink() -> list[Record]:
    surakarta = Region.get("33.72")
    logistics = Organization(name="Angkasa Pura Logistik", kind=OrganizationKind.LOGISTICS_PROVIDER)
    ceremony = Meeting(
        id="meeting-export-release-technolink-2021",
        title="Pelepasan ekspor perdana Technolink produk UMKM Kota Surakarta",
        kind=MeetingKind.EXPORT_RELEASE_CEREMONY,
        status=ScheduleStatus.HELD,
        dates=Period.single(PartialDate.parse("Senin, 20 Desember 2021")),
        venue=Venue(name="Halaman Balai Kota Surakarta", place=surakarta),
        delegations=(
            Delegation(
                side=Party(region=surakarta),
                participants=(
                    _person(
                        "Gibran Rakabuming Raka",
                        "Wali Kota Surakarta",
                        RoleClass.MAYOR,
                        ParticipantRole.HOST,
                        ParticipantRole.SPEAKER,
                    ),
                ),
            ),
            Delegation(
                side=Party(organization=logistics),
                participants=(
                    _person(
                        "Sapto Aji CP",
                        "Perwakilan Angkasa Pura Logistik",
                        RoleClass.OFFICIAL,
                        ParticipantRole.SPEAKER,
                        organization=logistics,
                    ),
                ),
            ),
        ),
        topics=("export", "umkm"),
        released=(Ref(type="export_release", id=RELEASE_ID),),
        sources=(NEWS,),
    )
    return [ceremony]


def build() -> list[Record]:
    """The events and meetings of seed cases 1–4, and the ceremony of case 5."""
    return [*_g20(), *_apeksi(), *_paragon(), *_shanghai(), *_technolink()]
