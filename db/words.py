"""The domain's words in Japanese and English: one catalogue for every Qt-free layer.

Field labels (the record-kind registry, :mod:`db.kinds`, names them by key), the
report and workbook texts, the mail's sentences and the rules' messages live here,
each once, as ``key: (ja, en)``. The desktop's own chrome (menus, buttons) stays in
Qt's ``.ts`` catalogue; everything it shows of the domain comes from here, in the
UI's language.

A refusal carries a :class:`Message` (a key and its parameters), not finished text,
so each reader renders it in its own language: the command line in English, the
window in the user's. A parameter that is itself a :class:`Message` or a
:class:`Term` (a word's key) is rendered in the same language.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

WORDS: dict[str, tuple[str, str]] = {
    # --- record kinds, sheets and child tables
    "kind.support_case": ("海外活動支援", "Support cases"),
    "kind.event_booth": ("イベント出展", "Event booths"),
    "kind.newsletter": ("ニューズレター", "Newsletters"),
    "kind.newsletter_issue": ("ニューズレター発行", "Newsletter issues"),
    "kind.jetaa_event": ("JETAA事業", "JETAA events"),
    "kind.event_leg": ("イベント日程", "Event legs"),
    "kind.event_municipality": ("参加自治体", "Local governments"),
    "kind.jetaa_session": ("JETAAセッション", "JETAA sessions"),
    "noun.support_case": ("海外活動支援", "support case"),
    "noun.event_booth": ("イベント", "event"),
    "noun.newsletter": ("ニューズレター", "newsletter"),
    "noun.newsletter_issue": ("ニューズレター発行", "newsletter issue"),
    "noun.jetaa_event": ("JETAA事業", "JETAA event"),
    # --- the closed vocabularies (db/enums.py), keyed EnumName.code
    "RequesterCategory.prefecture_or_designated_city": ("都道府県・政令市", "Prefecture / designated city"),
    "RequesterCategory.municipality": ("市町村", "Municipality"),
    "RequesterCategory.other": ("その他", "Other"),
    "CaseStatus.planned": ("予定", "Planned"),
    "CaseStatus.in_progress": ("対応中", "In progress"),
    "CaseStatus.done": ("完了", "Done"),
    "CaseStatus.cancelled": ("中止", "Cancelled"),
    "SupportType.appointment": ("アポイントメント取付け", "Arranging appointments"),
    "SupportType.attend": ("同行・アテンド", "Accompanying visits"),
    "SupportType.interpreter": ("通訳あっせん", "Finding interpreters"),
    "SupportType.booth": ("ブース出展支援", "Booth support"),
    "SupportType.publicity": ("広報支援", "Publicity (SNS)"),
    "SupportType.policy": ("現地施策説明", "Explaining local policies"),
    "SupportType.equipment": ("備品の貸出", "Lending desk or equipment"),
    "SupportType.research": ("調査", "Research"),
    "SupportType.other": ("その他", "Other"),
    "JetaaKind.orientation": ("出発前オリエンテーション", "Pre-departure orientation"),
    "JetaaKind.reception": ("レセプション・歓迎会", "Reception"),
    "JetaaKind.conference": ("会議・総会", "Conference / general meeting"),
    "JetaaKind.information_session": ("説明会", "Information session"),
    "JetaaKind.career": ("キャリア支援", "Career event"),
    "JetaaKind.other": ("その他", "Other"),
    "VenueMode.in_person": ("対面", "In person"),
    "VenueMode.online": ("オンライン", "Online"),
    "VenueMode.hybrid": ("併用", "Hybrid"),
    "NewsletterFormat.email": ("メール", "Email"),
    "NewsletterFormat.pdf": ("PDF", "PDF"),
    "NewsletterFormat.printed": ("印刷物", "Printed"),
    "NewsletterFormat.web": ("ウェブ", "Web"),
    # --- field labels (also the workbook's column headers: never change one that
    # shipped, or older workbooks lose the column; add a legacy word instead)
    "field.uuid": ("UUID", "UUID"),
    "field.office": ("事務所", "Office"),
    "field.requester": ("依頼団体", "Requester"),
    "field.category": ("区分", "Category"),
    "field.start": ("開始日", "Start"),
    "field.end": ("終了日", "End"),
    "field.first_day": ("開始日", "First day"),
    "field.support_types": ("支援内容", "Support given"),
    "field.support_type_codes": ("支援内容コード", "Support type codes"),
    "field.summary": ("概要", "Summary"),
    "field.staff": ("担当", "Staff"),
    "field.status": ("状況", "Status"),
    "field.counted": ("件数に計上", "Counted"),
    "field.event_name": ("イベント名", "Event"),
    "field.event_name_en": ("イベント名(英)", "Event (English)"),
    "field.hosted": ("主催", "Hosted"),
    "field.exhibitors": ("出展事業者数", "Exhibitors"),
    "field.items_shown": ("出展商品数", "Items shown"),
    "field.visitors": ("来場者数", "Visitors"),
    "field.notes": ("備考", "Notes"),
    "field.legs": ("日程・開催地", "Dates and places"),
    "field.municipalities": ("参加自治体", "Local governments"),
    "field.event_uuid": ("イベントUUID", "Event UUID"),
    "field.jetaa_uuid": ("事業UUID", "Event UUID"),
    "field.position": ("順", "No."),
    "field.city": ("都市", "City"),
    "field.country": ("国", "Country"),
    "field.country_code": ("国コード", "Country code"),
    "field.venue": ("会場", "Venue"),
    "field.venue_or_mode": ("会場・方法", "Venue"),
    "field.municipality": ("自治体名", "Name"),
    "field.newsletter_title": ("名称", "Title"),
    "field.newsletter_uuid": ("ニューズレターUUID", "Newsletter UUID"),
    "field.number": ("号", "No."),
    "field.issue_date": ("発行日", "Date"),
    "field.languages": ("言語", "Languages"),
    "field.format": ("形式", "Format"),
    "field.contents": ("主な内容", "Contents"),
    "field.reach": ("配信数", "Reach"),
    "field.jetaa_name": ("事業名", "Name"),
    "field.jetaa_kind": ("種別", "Kind"),
    "field.participants": ("参加者数", "Participants"),
    "field.sessions": ("セッション", "Sessions"),
    "field.mode": ("形態", "Mode"),
    "field.code_suffix": ("{label}コード", "{label} code"),
    # --- workbook sheets and machine columns
    "sheet.version": ("版", "Version"),
    "sheet.device": ("端末", "Device"),
    "sheet.updated_at": ("更新日時(UTC)", "Updated (UTC)"),
    "sheet.version_vector": ("版ベクトル", "Version vector"),
    "sheet.row_hash": ("行ハッシュ", "Row hash"),
    "sheet.tombstones": ("削除済み", "Deleted records"),
    "sheet.record_type": ("種類", "Record type"),
    "sheet.record": ("内容", "Record"),
    "sheet.payload": ("データ", "Data"),
    # --- the rules' messages (db/rules.py)
    "rule.required": ("{field}を入力してください", "{field} is required"),
    "rule.too_long": ("{field}は{limit}文字までです（{length}文字）", "{field} is longer than {limit} characters ({length})"),
    "rule.not_negative": ("{field}は0以上にしてください", "{field} cannot be negative"),
    "rule.choice": ("{field}に「{value}」は使えません", "'{value}' is not a valid {field}"),
    "rule.office": ("事務所コード「{value}」は不明です", "unknown office '{value}'"),
    "rule.country": ("「{value}」はISOの国コードではありません", "'{value}' is not an ISO country code"),
    "rule.ends_before_start": ("終了日が開始日より前です", "the end date is before the start date"),
    "rule.min_rows": ("{field}を{count}行以上入力してください", "{field} needs at least {count} row(s)"),
    "rule.in_row": ("{field}（{row}行目）：{problem}", "{field}, row {row}: {problem}"),
    "rule.no_version": ("版または端末が記録されていません", "missing version or device"),
    # --- the workbook's summary sheets (exports/xlsx/summary.py)
    "summary.enquiries": ("電話・メール問合せ（計上外）", "Enquiries (not counted)"),
    "summary.newsletter_issues": ("ニューズレター 発行回数", "Newsletters (issues)"),
    "summary.item": ("項目", "Item"),
    "summary.figure": ("件数", "Figure"),
    "summary.detail": ("内訳", "Detail"),
    "summary.sheet.support": ("集計-支援件数", "Summary-support cases"),
    "summary.sheet.events": ("集計-イベント出展", "Summary-event booths"),
    "summary.sheet.newsletters": ("集計-ニューズレター", "Summary-newsletters"),
    "summary.sheet.jetaa": ("集計-JETAA事業", "Summary-JETAA events"),
    "list.separator": ("、", ", "),
    # --- the command line's tables and import previews (office_ledger/)
    "tally.office": ("事務所", "Office"),
    "tally.cases": ("支援件数", "Cases"),
    "tally.pref": ("都道府県・政令市", "Pref./city"),
    "tally.municipality": ("市町村", "Municipality"),
    "tally.other": ("その他", "Other"),
    "tally.enquiries": ("問合せ(計上外)", "Enquiries (not counted)"),
    "tally.events": ("イベント", "Events"),
    "tally.hosted": ("主催", "Hosted"),
    "tally.countries": ("国数", "Countries"),
    "tally.newsletters": ("ニューズレター", "Newsletter issues"),
    "tally.jetaa": ("JETAA", "JETAA"),
    "tally.jetaa_events": ("JETAA事業", "JETAA events"),
    "tally.jetaa_countries": ("JETAA国数", "JETAA countries"),
    "tally.event_booths_countries": ("イベント開催国: {names}", "Event countries: {names}"),
    "tally.jetaa_events_countries": ("JETAA事業実施国: {names}", "JETAA countries: {names}"),
    "import.head": ("{file}: 事務所 {office}、エクスポート {export}（{state}）", "{file}: office {office}, export {export} ({state})"),
    "import.imported": ("取り込み済み", "imported"),
    "import.dry_run": ("試行のみ・変更なし", "dry run, nothing changed"),
    "import.preview": ("プレビュー", "preview"),
    "import.counts": ("新規 {new:>6}　更新 {updated:>6}　削除 {deleted:>6}　変更なし {unchanged:>6}　競合 {conflict:>6}", "{new:>6} new {updated:>6} updated {deleted:>6} deleted {unchanged:>6} unchanged {conflict:>6} conflicts"),
    # --- conflicts a person settles, who has sent what (issue #12: db/conflicts.py, db/shown.py, office_ledger/cli_conflicts.py)
    "shown.yes": ("はい", "Yes"),
    "shown.no": ("いいえ", "No"),
    "conflict.field": ("項目", "Field"),
    "conflict.mine": ("こちらの版", "Mine"),
    "conflict.theirs": ("相手の版", "Theirs"),
    "conflict.made_on": ("作成した端末", "Made on"),
    "conflict.made_at": ("作成日時（UTC）", "When (UTC)"),
    "conflict.version": ("版", "Version"),
    "conflict.deleted": ("削除済み", "Deleted"),
    "conflict.this_laptop": ("{name}（この端末）", "{name} (this laptop)"),
    "conflict.laptop": ("{name}（{office}）", "{name} ({office})"),
    "conflict.unknown_laptop": ("不明な端末 {device}", "unknown laptop {device}"),
    "conflict.heading": ("#{id}　{kind}：{label}", "#{id}  {kind}: {label}"),
    "conflict.detected": ("{at} UTC に検出　UUID {uuid}", "detected {at} UTC  UUID {uuid}"),
    "conflict.how": ("解決：office-ledger conflicts --resolve {id} --keep mine（こちら）または theirs（相手）", "to settle it: office-ledger conflicts --resolve {id} --keep mine|theirs"),
    "conflict.none": ("判断を待つ競合はありません。", "No conflicts wait for a decision."),
    "conflict.count": ("判断を待つ競合：{n}件", "Conflicts waiting for a decision: {n}"),
    "conflict.kept": ("#{id} を解決しました（{side}を採用）。新しい版は次のエクスポートで他の端末に届きます。", "Settled #{id}: kept {side}. The new version reaches the other laptops with the next export."),
    # --- the message that carries an export to headquarters (exports/mail/message.py)
    "mail.greeting": ("本部ご担当者様", "Dear colleagues at headquarters,"),
    "mail.attached": ("{office}事務所の{period}の実績データを添付します。", "Records of the {office} office for {period} are attached."),
    "mail.support": ("海外活動支援件数: {total}件（都道府県・政令市 {pref}、市町村 {muni}、その他 {other}）", "Support cases: {total} ({pref} prefectures/designated cities, {muni} municipalities, {other} other)"),
    "mail.enquiries": ("  ※電話・メールでの問合せ {n}件は含まない", "  {n} phone/email enquiries not counted"),
    "mail.events": ("経済交流関係イベント出展: {n}件（うち主催 {hosted}）、{countries}か国（{names}）", "Event booths: {n} ({hosted} hosted) in {countries} countries ({names})"),
    "mail.issues": ("ニューズレター発行: {n}回", "Newsletter issues: {n}"),
    "mail.jetaa": ("JETAA等との連携による事業: {n}件、{countries}か国（{names}）", "JETAA events: {n} in {countries} countries ({names})"),
    # --- reports and workbooks (PDF and Excel)
    "office_summary": ("活動実績報告", "Activity summary"),
    "hq_title": ("海外事務所 活動実績（全事務所）", "Overseas offices: activity summary (all offices)"),
    "office_suffix": ("事務所", " office"),
    "made": ("作成", "Made"),
    "page": ("{n} / {total} ページ", "page {n} of {total}"),
    "tallies": ("集計", "Tallies"),
    "by_month": ("月別の推移", "By month"),
    "support_cases": ("海外活動支援", "Support cases"),
    "support_table": ("＜海外活動支援件数＞", "Support cases by requester category"),
    "by_type": ("支援内容別件数", "Counted cases by support type"),
    "event_booths": ("経済交流関係イベント出展", "Event booths"),
    "newsletters": ("ニューズレター", "Newsletters"),
    "jetaa_events": ("JETAA等との連携による事業", "Events with JETAA"),
    "office": ("事務所", "Office"),
    "count": ("件数", "Count"),
    "total": ("計", "Total"),
    "enquiries_note": ("電話・メールでの問合せ {n} 件は件数に含まない", "{n} phone/email enquiries are not counted"),
    "events": ("件数", "Events"),
    "hosted": ("うち主催", "Hosted"),
    "countries": ("国数", "Countries"),
    "country_list": ("実施国（{n}か国）", "Countries ({n})"),
    "issues": ("発行回数", "Issues"),
    "dates": ("期間", "Dates"),
    "place": ("開催地", "Place"),
    "none": ("該当なし", "None"),
    "chart_cases": ("海外活動支援件数（月別）", "Counted support cases by month"),
    "chart_events": ("イベント・ニューズレター・JETAA事業（月別）", "Events, newsletter issues and JETAA events by month"),
    # --- record history (issue #11: every change kept) ---
    "history.how.form": ("フォームで編集", "edited in the form"),
    "history.how.undo": ("元に戻す", "undo"),
    "history.how.delete": ("削除", "deleted"),
    "history.how.undelete": ("削除の取消し", "undeleted"),
    "history.how.restore": ("以前の版を復元", "earlier version restored"),
    "history.how.import": ("取込み", "imported"),
    "history.how.hand_edit": ("手で編集されたブックを受入れ", "hand edit from a workbook accepted"),
    "history.how.conflict": ("競合を解決", "conflict resolved"),
    "history.how.sheet_import": ("事務所の表から取込み", "imported from an office's sheet"),
    "history.how.demo": ("デモデータ", "demo data"),
    "history.how.existing": ("履歴記録の開始前から", "stored before history was kept"),
    "history.how.earlier": ("以前の版（履歴なし）", "earlier version (no history row)"),
    "history.field.deleted": ("削除済み", "Deleted"),
    "history.version": ("版", "Version"),
    "history.when": ("日時", "When"),
    "history.who": ("変更者", "Who"),
    "history.laptop": ("端末", "Laptop"),
    "history.how": ("経緯", "How"),
    "history.changes": ("変更内容", "Changes"),
    "history.created": ("作成", "created"),
    "history.current": ("現在の版", "current"),
    "history.from_file": ("{file}（{office}、{at} 書出し）", "{file} ({office}, exported {at})"),
    "history.restored_from": ("版 {version} から", "from version {version}"),
    "history.unknown": ("不明", "unknown"),
    "history.yes": ("はい", "yes"),
    "history.no": ("いいえ", "no"),
    "history.blank": ("（空欄）", "(blank)"),
    "history.rows": ("{n} 行", "{n} rows"),
    "history.no_record": ("{uuid} という記録はありません", "no record {uuid}"),
    "history.ambiguous": ("{uuid} で始まる記録が複数あります", "more than one record starts with {uuid}"),
    "history.no_version": ("版 {version} はこの記録の履歴にありません", "version {version} is not in this record's history"),
    "history.which_version": ("版 {version} は二つあります。版:端末 で指定してください", "there are two versions {version}; give VERSION:DEVICE"),
    "history.is_current": ("版 {version} は現在の版です", "version {version} is the current version"),
    "history.not_kept": ("版 {version} の値は保存されていません", "the values of version {version} were not kept"),
    "history.restored": ("{uuid} の版 {version} を新しい版 {new} として復元しました", "restored version {version} of {uuid} as new version {new}"),
    "history.undeleted": ("{uuid} の削除を取り消しました", "undeleted {uuid}"),
    "history.not_deleted": ("{uuid} は削除されていません", "{uuid} is not deleted"),
    "history.deleted_title": ("削除された記録", "Deleted records"),
    "history.none_deleted": ("削除された記録はありません", "no deleted records"),
    "history.deleted_at": ("削除日時", "Deleted"),
    "history.record": ("記録", "Record"),
    "history.kind": ("種類", "Type"),
    # --- legacy sheets: rows that cannot be read, hand-typed rows of an export (issue 12) ---
    "legacy.not_date": ("{field}: {value} は日付として読めません（例: 2023-06-08、令和5年6月8日、8 June 2023）", "{field}: {value} is not a date (like 2023-06-08, 令和5年6月8日 or 8 June 2023)"),
    "legacy.not_real_date": ("{field}: {value} は存在しない日付です", "{field}: {value} is not a real date"),
    "legacy.backwards": ("{field}: {value} は終わりが始まりより前です", "{field}: {value} ends before it starts"),
    "legacy.not_count": ("{field}: {value} は数として読めません", "{field}: {value} is not a whole number"),
    "legacy.not_yes_no": ("{field}: {value} は「はい」「いいえ」のどちらとも読めません", "{field}: {value} is neither yes nor no"),
    "legacy.unknown_country": ("{field}: {value} という国はわかりません", "{field}: unknown country {value}"),
    "legacy.not_code": ("{field}: {value} は {choices} のいずれでもありません", "{field}: {value} is not one of {choices}"),
    "legacy.choices": ("{ja}", "{en}"),
    "legacy.empty": ("{fields} が空です", "{fields} is empty"),
    "legacy.two": ("{a}、{b}", "{a}, {b}"),
    "legacy.row": ("{row} 行目: {reason}", "Row {row}: {reason}"),
    "legacy.refused": ("{file}: 読めない行が {n} 行あります（{rows} 行目）。何も取り込んでいません。直すか、読めない行を除いて取り込んでください", "{file}: {n} rows cannot be read (row {rows}); nothing imported: correct them, or choose to leave them out"),
    "legacy.imported": ("{file}: {n} 件を取り込みました（読めない行 {skipped} 行を除外）", "{file}: imported {records} ({unread} left out)"),
    "import.typed_row": ("{sheet} {row} 行目: 手入力で追加された新しいレコード（{values}）", "{sheet}, row {row}: a new record typed by hand ({values})"),
}  # fmt: skip


def word(key: str, lang: str = "en", **values: Any) -> str:
    """The text for ``key`` in ``lang`` (``ja`` or ``en``), with ``values`` filled in.

    Values that are :class:`Message` or :class:`Term` are rendered in ``lang`` too.
    Raises KeyError for a key the catalogue lacks (a test checks every key used).
    """
    ja, en = WORDS[key]
    text = ja if lang == "ja" else en
    if not values:
        return text
    return text.format(**{k: render(v, lang) for k, v in values.items()})


def listing(items: Iterable[str], lang: str) -> str:
    """Items joined as the language lists them (、 in Japanese, commas in English)."""
    return word("list.separator", lang).join(items)


def render(value: Any, lang: str) -> Any:
    """A parameter as shown in ``lang``: terms and messages translated, others as they are."""
    if isinstance(value, Term | Message):
        return value.text(lang)
    return value


@dataclass(frozen=True, slots=True)
class Term:
    """A word of the catalogue used as a parameter (a field's label, a record kind)."""

    key: str

    def text(self, lang: str = "en") -> str:
        return word(self.key, lang)


@dataclass(frozen=True, slots=True)
class Message:
    """A sentence of the catalogue with its parameters, rendered by whoever shows it."""

    key: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def text(self, lang: str = "en") -> str:
        return word(self.key, lang, **self.params)

    def __str__(self) -> str:
        return self.text("en")
