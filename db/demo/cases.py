"""Generate plausible support cases that reproduce the report's per-office counts.

The FY2023 report prints only how many support cases each office counted in each
requester category; this module makes up cases with those exact counts: real names of
prefectures, designated cities and municipalities, plausible other bodies, dates in
the fiscal year, support types and short summaries, handled by made-up staff. It also
adds phone/email-only enquiries, which are logged but never counted. The same seed
always gives the same cases.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Mapping
from datetime import date, timedelta

from db.read.requester import DESIGNATED_CITIES, PREFECTURES
from db.schema.enums import CaseStatus, RequesterCategory, SupportType
from db.schema.fiscal import fy_period
from db.schema.kinds import CaseRow

MUNICIPALITIES = (
    "石川県金沢市", "福井県福井市", "三重県松阪市", "滋賀県甲賀市", "京都府与謝野町",
    "大阪府泉佐野市", "兵庫県西脇市", "兵庫県丹波篠山市", "兵庫県淡路市", "奈良県広陵町",
    "和歌山県和歌山市", "岡山県備前市", "福岡県福智町", "三重県鳥羽市", "愛知県豊田市",
    "岡山県瀬戸内市", "島根県出雲市", "兵庫県朝来市", "鹿児島県日置市", "北海道ニセコ町",
    "長野県白馬村", "岐阜県高山市", "東京都港区", "山形県鶴岡市", "富山県南砺市",
)  # fmt: skip
OTHER_BODIES = (
    "関西広域連合", "日本政府観光局（JNTO）", "日本貿易振興機構（JETRO）", "全国知事会",
    "全国市長会", "金沢市観光協会", "地方公共団体金融機構", "総務省", "京都大学",
    "北海道観光振興機構", "九州観光機構", "せとうちDMO",
)  # fmt: skip
STAFF = {
    "NYC": ("田中", "佐藤", "Emily Carter"),
    "LON": ("鈴木", "高橋", "Oliver Hughes"),
    "PAR": ("伊藤", "渡辺", "Camille Martin"),
    "SIN": ("山本", "中村", "小林", "Wei Ling Tan"),
    "SEL": ("加藤", "吉田", "Kim Min-ji"),
    "SYD": ("山田", "佐々木", "Jack Wilson"),
    "BEJ": ("松本", "井上", "Li Na"),
}
SUMMARIES = {
    SupportType.APPOINTMENT: "訪問先とのアポイントメントを取付け",
    SupportType.ATTEND: "現地での視察に同行・アテンド",
    SupportType.INTERPRETER: "通訳者をあっせん",
    SupportType.BOOTH: "見本市でのブース出展を支援",
    SupportType.PUBLICITY: "事務所SNSで事業を広報",
    SupportType.POLICY: "現地の施策・制度について説明",
    SupportType.EQUIPMENT: "事務所の執務スペース・PCを貸出",
    SupportType.RESEARCH: "現地の事例について調査",
    SupportType.OTHER: "その他の現地活動を支援",
}
ENQUIRY_SHARE = 0.2  # enquiries logged per counted case; not in the report


def _pool(category: RequesterCategory) -> tuple[str, ...]:
    if category is RequesterCategory.PREFECTURE_OR_CITY:
        return tuple(sorted(PREFECTURES)) + tuple(DESIGNATED_CITIES)
    if category is RequesterCategory.MUNICIPALITY:
        return MUNICIPALITIES
    return OTHER_BODIES


def _case(
    rng: random.Random, office: str, category: RequesterCategory, fy: int, counted: bool
) -> CaseRow:
    period = fy_period(fy)
    start = period.start + timedelta(days=rng.randrange((period.end - period.start).days + 1))
    length = rng.choice((0, 0, 0, 1, 2, 4))
    end = min(start + timedelta(days=length), period.end)
    types = rng.sample(list(SupportType)[:-1], k=rng.choice((1, 1, 2, 3)))
    if not counted:
        types = [SupportType.RESEARCH]
    summary = "、".join(SUMMARIES[t] for t in types)
    if not counted:
        summary = "電話・メールでの問合せに回答（" + summary + "）"
    return CaseRow(
        office_code=office,
        requester=rng.choice(_pool(category)),
        requester_category=category,
        start_date=start,
        end_date=end if counted else None,
        summary=summary,
        staff=rng.choice(STAFF.get(office, ("担当者",))),
        status=CaseStatus.DONE,
        counted=counted,
        types=tuple(types),
    )


def generate(
    counts: Mapping[str, Mapping[str, int]], fy: int = 2023, seed: int = 2023
) -> Iterator[CaseRow]:
    """Cases with exactly ``counts[office][category]`` counted cases, plus enquiries.

    Args:
        counts: per office code, counted cases per :class:`RequesterCategory` value.
        fy: the fiscal year the dates fall in.
        seed: the random seed; the same seed gives the same cases.
    """
    rng = random.Random(seed)
    for office, per_category in counts.items():
        cases = [
            _case(rng, office, RequesterCategory(cat), fy, counted=True)
            for cat, n in per_category.items()
            for _ in range(n)
        ]
        enquiries = round(sum(per_category.values()) * ENQUIRY_SHARE)
        cases += [
            _case(rng, office, rng.choice(list(RequesterCategory)), fy, counted=False)
            for _ in range(enquiries)
        ]
        cases.sort(key=lambda c: c.start_date)
        yield from cases


def spread_dates(fy: int, n: int) -> list[date]:
    """``n`` dates spread evenly over fiscal year ``fy`` (newsletter issues)."""
    period = fy_period(fy)
    days = (period.end - period.start).days + 1
    return [period.start + timedelta(days=int(days * (k + 0.5) / n)) for k in range(n)]
