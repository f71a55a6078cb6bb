<?xml version="1.0" encoding="utf-8"?>
<TS version="2.1" language="ja_JP">
  <context>
    <name>Commands</name>
    <message>
      <source>Bring back an earlier version</source>
      <translation>以前の版に戻す</translation>
    </message>
    <message>
      <source>Delete {noun}</source>
      <translation>{noun}の削除</translation>
    </message>
    <message>
      <source>Edit {noun}</source>
      <translation>{noun}の編集</translation>
    </message>
    <message>
      <source>New {noun}</source>
      <translation>{noun}を追加</translation>
    </message>
    <message>
      <source>The database is damaged; nothing was saved.</source>
      <translation>データベースが破損しています。保存していません。</translation>
    </message>
    <message>
      <source>This database is open read-only; nothing was saved.</source>
      <translation>このデータベースは読み取り専用で開いています。保存されませんでした。</translation>
    </message>
    <message>
      <source>This record was changed by someone else since your edit; it was left as it is.</source>
      <translation>この記録はあなたの編集の後に別の利用者が変更したため、元に戻さずそのままにしました。</translation>
    </message>
    <message>
      <source>Undelete</source>
      <translation>削除の取消し</translation>
    </message>
  </context>
  <context>
    <name>Conflicts</name>
    <message>
      <source>#</source>
      <translation>番号</translation>
    </message>
    <message>
      <source>Conflicts</source>
      <translation>競合</translation>
    </message>
    <message>
      <source>Conflicts waiting for a decision</source>
      <translation>判断を待つ競合</translation>
    </message>
    <message>
      <source>Conflicts waiting for a decision: {n}.</source>
      <translation>判断を待つ競合：{n}件</translation>
    </message>
    <message>
      <source>Conflicts waiting for your decision: {n}. Two laptops edited the same records without seeing each other.</source>
      <translation>判断を待つ競合：{n}件。2台の端末が互いの変更を知らずに同じ記録を編集しました。</translation>
    </message>
    <message>
      <source>Detected (UTC)</source>
      <translation>検出日時（UTC）</translation>
    </message>
    <message>
      <source>Fields that differ</source>
      <translation>異なる項目</translation>
    </message>
    <message>
      <source>Keep mine</source>
      <translation>こちらの版を採用</translation>
    </message>
    <message>
      <source>Keep the ticked fields</source>
      <translation>チェックした項目で確定</translation>
    </message>
    <message>
      <source>Keep theirs</source>
      <translation>相手の版を採用</translation>
    </message>
    <message>
      <source>Mine: made on, when (UTC)</source>
      <translation>こちらの版：端末、日時（UTC）</translation>
    </message>
    <message>
      <source>No conflicts wait for a decision.

When two laptops edit the same record before they exchange files, both versions arrive here after the import: you see them side by side, field by field, and keep one, or tick field by field which side to keep. The version you keep reaches the other laptops with the next export.</source>
      <translation>判断を待つ競合はありません。

2台の端末がファイルを交換する前に同じ記録を編集すると、取り込みの後、両方の版がここに並びます。項目ごとに見比べて、どちらかの版を採用するか、項目ごとに採用する側をチェックしてください。採用した版は次に書き出すブックで他の端末に届きます。</translation>
    </message>
    <message>
      <source>Open the conflicts</source>
      <translation>競合を開く</translation>
    </message>
    <message>
      <source>The two versions, field by field</source>
      <translation>二つの版の項目ごとの比較</translation>
    </message>
    <message>
      <source>Theirs: made on, when (UTC)</source>
      <translation>相手の版：端末、日時（UTC）</translation>
    </message>
    <message>
      <source>Tick, field by field, the side to keep; or keep one side whole.</source>
      <translation>項目ごとに採用する側をチェックするか、どちらかの版をそのまま採用してください。</translation>
    </message>
  </context>
  <context>
    <name>CrashHandler</name>
    <message>
      <source>Office Ledger: unexpected error</source>
      <translation>Office Ledger: 予期しないエラー</translation>
    </message>
    <message>
      <source>Something went wrong that Office Ledger did not expect:

{summary}

Your records are safe. The details are in {log}; please send that file to whoever looks after Office Ledger.</source>
      <translation>Office Ledger で予期しないエラーが発生しました:

{summary}

記録は失われていません。詳細は {log} にあります。このファイルを Office Ledger の担当者に送ってください。</translation>
    </message>
  </context>
  <context>
    <name>DateField</name>
    <message>
      <source>Choose on a calendar</source>
      <translation>カレンダーから選ぶ</translation>
    </message>
    <message>
      <source>Enter a date, e.g. {example}.</source>
      <translation>日付を入力してください（例: {example}）。</translation>
    </message>
    <message>
      <source>e.g. {example}</source>
      <translation>例: {example}</translation>
    </message>
    <message>
      <source>{text} is not a date: that era had ended or not begun by then.</source>
      <translation>{text} は日付ではありません: その元号の期間外です。</translation>
    </message>
    <message>
      <source>{text} is not a date: there is no month {month}.</source>
      <translation>{text} は日付ではありません: {month}月はありません。</translation>
    </message>
    <message>
      <source>{text} is not a date: {year}-{month:02} has {days} days.</source>
      <translation>{text} は存在しない日付です: {year}年{month}月は{days}日までです。</translation>
    </message>
    <message>
      <source>“{text}” is not a date: write it as {example}.</source>
      <translation>「{text}」は日付ではありません: {example} のように入力してください。</translation>
    </message>
  </context>
  <context>
    <name>DropImport</name>
    <message>
      <source>Import</source>
      <translation>取り込み</translation>
    </message>
    <message>
      <source>Importing {name}…</source>
      <translation>{name} を取り込み中…</translation>
    </message>
    <message>
      <source>The database is still opening; drop the files again in a moment.</source>
      <translation>データベースを開いています。少し待ってからもう一度ドロップしてください。</translation>
    </message>
    <message>
      <source>{name} cannot be imported: {why}</source>
      <translation>{name} は取り込めません: {why}</translation>
    </message>
  </context>
  <context>
    <name>HelpMenu</name>
    <message>
      <source>&amp;About Office Ledger</source>
      <translation>Office Ledger について(&amp;A)</translation>
    </message>
    <message>
      <source>&amp;Help</source>
      <translation>ヘルプ(&amp;H)</translation>
    </message>
    <message>
      <source>&amp;User guide</source>
      <translation>利用の手引き(&amp;U)</translation>
    </message>
    <message>
      <source>About Office Ledger</source>
      <translation>Office Ledger について</translation>
    </message>
    <message>
      <source>Licence</source>
      <translation>ライセンス</translation>
    </message>
    <message>
      <source>No Japanese TrueType font was found: PDF summaries cannot be written until one is installed (IPAex Gothic) or chosen in Settings.</source>
      <translation>日本語の TrueType フォントが見つかりません。フォント（IPAex ゴシック）をインストールするか設定で選ぶまで、PDF の集計表は作成できません。</translation>
    </message>
    <message>
      <source>PDF font: {name}</source>
      <translation>PDF のフォント: {name}</translation>
    </message>
    <message>
      <source>Part</source>
      <translation>構成要素</translation>
    </message>
    <message>
      <source>Records, tallies and reports for CLAIR's overseas offices. Its changes, version by version, are in CHANGELOG.md.</source>
      <translation>クレア海外事務所の記録・集計・報告のためのアプリです。版ごとの変更点は CHANGELOG.md にあります。</translation>
    </message>
    <message>
      <source>The PDFs embed a subset of the Japanese font {font}, under its licence: {licence}.</source>
      <translation>PDF には日本語フォント {font} の一部を、そのライセンス（{licence}）に従って埋め込んでいます。</translation>
    </message>
    <message>
      <source>Version in use</source>
      <translation>使用中のバージョン</translation>
    </message>
  </context>
  <context>
    <name>History</name>
    <message>
      <source>Bring back this version</source>
      <translation>この版に戻す</translation>
    </message>
    <message>
      <source>History</source>
      <translation>履歴</translation>
    </message>
    <message>
      <source>Its values become a new version, which travels like any edit.</source>
      <translation>この版の値が新しい版になり、ほかの編集と同じように他の端末へ送られます。</translation>
    </message>
    <message>
      <source>Undelete</source>
      <translation>削除の取消し</translation>
    </message>
  </context>
  <context>
    <name>HqAddress</name>
    <message>
      <source>Enter an email address, like name@example.org.</source>
      <translation>name@example.org のようなメールアドレスを入力してください。</translation>
    </message>
    <message>
      <source>Headquarters' email address:</source>
      <translation>本部のメールアドレス:</translation>
    </message>
    <message>
      <source>Send to headquarters</source>
      <translation>本部へ送信</translation>
    </message>
  </context>
  <context>
    <name>Live</name>
    <message>
      <source>Back in touch with the database server: showing other people's changes again.</source>
      <translation>データベースサーバーに再接続しました。他の人の変更をまた表示します。</translation>
    </message>
    <message>
      <source>Lost touch with the database server: other people's changes are not shown. Trying again in {n} s…</source>
      <translation>データベースサーバーとの接続が切れました。他の人の変更は表示されません。{n} 秒後に再接続します…</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <source>&amp;Delete</source>
      <translation>削除(&amp;D)</translation>
    </message>
    <message>
      <source>&amp;Edit</source>
      <translation>編集(&amp;E)</translation>
    </message>
    <message>
      <source>&amp;Edit…</source>
      <translation>編集(&amp;E)…</translation>
    </message>
    <message>
      <source>&amp;Export workbook…</source>
      <translation>ブックを書き出す(&amp;E)…</translation>
    </message>
    <message>
      <source>&amp;File</source>
      <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
      <source>&amp;Find…</source>
      <translation>検索(&amp;F)…</translation>
    </message>
    <message>
      <source>&amp;Language</source>
      <translation>言語(&amp;L)</translation>
    </message>
    <message>
      <source>&amp;New…</source>
      <translation>新規(&amp;N)…</translation>
    </message>
    <message>
      <source>&amp;Print summary…</source>
      <translation>実績報告を印刷(&amp;P)…</translation>
    </message>
    <message>
      <source>&amp;Quit</source>
      <translation>終了(&amp;Q)</translation>
    </message>
    <message>
      <source>&amp;Redo</source>
      <translation>やり直す(&amp;R)</translation>
    </message>
    <message>
      <source>&amp;Save summary as PDF…</source>
      <translation>実績報告をPDFで保存(&amp;S)…</translation>
    </message>
    <message>
      <source>&amp;Undo</source>
      <translation>元に戻す(&amp;U)</translation>
    </message>
    <message>
      <source>&amp;View</source>
      <translation>表示(&amp;V)</translation>
    </message>
    <message>
      <source>All offices</source>
      <translation>全事務所</translation>
    </message>
    <message>
      <source>Change</source>
      <translation>増減</translation>
    </message>
    <message>
      <source>Chart by month of</source>
      <translation>月別グラフの項目</translation>
    </message>
    <message>
      <source>Charts</source>
      <translation>グラフ</translation>
    </message>
    <message>
      <source>Conflicts</source>
      <translation>競合</translation>
    </message>
    <message>
      <source>Conflicts ({n})</source>
      <translation>競合（{n}）</translation>
    </message>
    <message>
      <source>Could not write the file: {error}</source>
      <translation>ファイルを書き込めません: {error}</translation>
    </message>
    <message>
      <source>Counted support cases by requester category</source>
      <translation>依頼団体区分別の支援件数（淡色は前年度）</translation>
    </message>
    <message>
      <source>Counted support cases by support given</source>
      <translation>支援内容別の支援件数（淡色は前年度）</translation>
    </message>
    <message>
      <source>Deleted &amp;records…</source>
      <translation>削除された記録(&amp;R)…</translation>
    </message>
    <message>
      <source>Excel workbooks (*.xlsx)</source>
      <translation>Excel ブック (*.xlsx)</translation>
    </message>
    <message>
      <source>Export workbook</source>
      <translation>ブックを書き出す</translation>
    </message>
    <message>
      <source>Exported {n} rows to {path}</source>
      <translation>{n} 行を {path} に書き出しました</translation>
    </message>
    <message>
      <source>Exporting…</source>
      <translation>書き出し中…</translation>
    </message>
    <message>
      <source>Fiscal year</source>
      <translation>年度</translation>
    </message>
    <message>
      <source>Making the Word document…</source>
      <translation>ワード文書を作成しています…</translation>
    </message>
    <message>
      <source>Making the summary…</source>
      <translation>サマリーを作成中…</translation>
    </message>
    <message>
      <source>New record</source>
      <translation>記録を追加</translation>
    </message>
    <message>
      <source>Office Ledger</source>
      <translation>Office Ledger</translation>
    </message>
    <message>
      <source>Office Ledger — {path}</source>
      <translation>Office Ledger — {path}</translation>
    </message>
    <message>
      <source>Opening {path}…</source>
      <translation>{path} を開いています…</translation>
    </message>
    <message>
      <source>PDF files (*.pdf)</source>
      <translation>PDFファイル (*.pdf)</translation>
    </message>
    <message>
      <source>Save as &amp;Word…</source>
      <translation>ワード文書として保存(&amp;W)…</translation>
    </message>
    <message>
      <source>Save as Word</source>
      <translation>ワード文書として保存</translation>
    </message>
    <message>
      <source>Save summary as PDF</source>
      <translation>実績報告をPDFで保存</translation>
    </message>
    <message>
      <source>Saved {path}</source>
      <translation>{path} に保存しました</translation>
    </message>
    <message>
      <source>Se&amp;ttings…</source>
      <translation>設定(&amp;T)…</translation>
    </message>
    <message>
      <source>Seminars, reports, media and staff</source>
      <translation>セミナー・レポート・メディア・職員等</translation>
    </message>
    <message>
      <source>Settings saved.</source>
      <translation>設定を保存しました。</translation>
    </message>
    <message>
      <source>Summary for</source>
      <translation>報告の対象</translation>
    </message>
    <message>
      <source>Summary in</source>
      <translation>報告の言語</translation>
    </message>
    <message>
      <source>Support, events, newsletters, JETAA</source>
      <translation>支援・イベント・ニューズレター・JETAA</translation>
    </message>
    <message>
      <source>Sync</source>
      <translation>送受信</translation>
    </message>
    <message>
      <source>The language of the printed summary. The window's own language is under View → Language.</source>
      <translation>印刷する実績報告の言語です。画面の言語は「表示 → 言語」で変えます。</translation>
    </message>
    <message>
      <source>Toolbar</source>
      <translation>ツールバー</translation>
    </message>
    <message>
      <source>Total, {fy}</source>
      <translation>{fy} 計</translation>
    </message>
    <message>
      <source>What kind of record?</source>
      <translation>どの種類の記録を追加しますか？</translation>
    </message>
    <message>
      <source>Word documents (*.docx)</source>
      <translation>ワード文書 (*.docx)</translation>
    </message>
    <message>
      <source>{family} by month, {where} ({fy}; pale: the year before)</source>
      <translation>{family}の月別推移　{where}（{fy}、淡色は前年度）</translation>
    </message>
    <message>
      <source>{n} counted support cases</source>
      <translation>海外活動支援 {n} 件（計上分）</translation>
    </message>
  </context>
  <context>
    <name>MappingDialog</name>
    <message>
      <source>(not in the sheet)</source>
      <translation>（シートにない）</translation>
    </message>
    <message>
      <source>Choose a column for: {fields}</source>
      <translation>次の項目の列を選んでください: {fields}</translation>
    </message>
    <message>
      <source>Choose the office the sheet is of</source>
      <translation>この表の事務所を選んでください</translation>
    </message>
    <message>
      <source>Choose the office the sheet is of: its dates are read as the office's country writes them.</source>
      <translation>この表の事務所を選んでください（日付はその事務所の国の書き方で読みます）。</translation>
    </message>
    <message>
      <source>Column of the sheet</source>
      <translation>シートの列</translation>
    </message>
    <message>
      <source>Delete the records of the rows gone from the sheet</source>
      <translation>表から消えた行の記録を削除する</translation>
    </message>
    <message>
      <source>File</source>
      <translation>ファイル</translation>
    </message>
    <message>
      <source>Guessed from the headers</source>
      <translation>見出しから推定</translation>
    </message>
    <message>
      <source>Header</source>
      <translation>見出し</translation>
    </message>
    <message>
      <source>Import</source>
      <translation>取り込む</translation>
    </message>
    <message>
      <source>Import an office's own sheet: {name}</source>
      <translation>事務所独自のシートを取り込む: {name}</translation>
    </message>
    <message>
      <source>Leave out the rows that cannot be read and import the others</source>
      <translation>読めない行を除いて、残りを取り込む</translation>
    </message>
    <message>
      <source>Mapping</source>
      <translation>対応付け</translation>
    </message>
    <message>
      <source>Rows that cannot be read stop the import: correct them in the sheet, or leave them out.</source>
      <translation>読めない行があると取り込みません。シートで直すか、読めない行を除いてください。</translation>
    </message>
    <message>
      <source>Save the mapping as</source>
      <translation>対応付けの保存名</translation>
    </message>
    <message>
      <source>This sheet has no header row for {kind}: choose another record type.</source>
      <translation>このシートには「{kind}」の見出し行がありません。別の種類を選んでください。</translation>
    </message>
    <message>
      <source>sheet “{sheet}”, row {row}</source>
      <translation>シート「{sheet}」の {row} 行目</translation>
    </message>
    <message>
      <source>{n} rows can be read; {bad} cannot; {blank} blank and {sub} subtotal rows are not records.</source>
      <translation>読める行 {n}、読めない行 {bad}。空行 {blank}・小計行 {sub} は記録として扱いません。</translation>
    </message>
  </context>
  <context>
    <name>MonthChart</name>
    <message>
      <source>Q{n}: {this} ({last})</source>
      <translation>第{n}四半期 {this}（{last}）</translation>
    </message>
    <message>
      <source>This year: {this}; last year: {last}</source>
      <translation>今年度: {this}、前年度: {last}</translation>
    </message>
  </context>
  <context>
    <name>Pages</name>
    <message>
      <source>All countries</source>
      <translation>すべての国</translation>
    </message>
    <message>
      <source>Counted and enquiries</source>
      <translation>計上分と問合せ</translation>
    </message>
    <message>
      <source>Counted cases</source>
      <translation>計上分</translation>
    </message>
    <message>
      <source>Filter by activity, outlet or local government</source>
      <translation>内容・媒体・自治体で絞り込み</translation>
    </message>
    <message>
      <source>Filter by event or place</source>
      <translation>事業名・開催地で絞り込み</translation>
    </message>
    <message>
      <source>Filter by event, place or local government</source>
      <translation>イベント名・開催地・参加自治体で絞り込み</translation>
    </message>
    <message>
      <source>Filter by name or home local government</source>
      <translation>氏名・派遣元自治体で絞り込み</translation>
    </message>
    <message>
      <source>Filter by newsletter, number or contents</source>
      <translation>ニューズレター名・号・内容で絞り込み</translation>
    </message>
    <message>
      <source>Filter by place, organisation or menu</source>
      <translation>開催地・実施団体・メニューで絞り込み</translation>
    </message>
    <message>
      <source>Filter by requester, summary or staff</source>
      <translation>依頼団体・概要・担当で絞り込み</translation>
    </message>
    <message>
      <source>Filter by subject or requesting body</source>
      <translation>調査件名・依頼団体で絞り込み</translation>
    </message>
    <message>
      <source>Filter by title or topic</source>
      <translation>刊行物名・分野で絞り込み</translation>
    </message>
    <message>
      <source>Filter by title, theme, speaker or place</source>
      <translation>セミナー名・テーマ・講師・会場で絞り込み</translation>
    </message>
    <message>
      <source>Hosted and joined</source>
      <translation>主催・参加すべて</translation>
    </message>
    <message>
      <source>Hosted by the office</source>
      <translation>事務所主催</translation>
    </message>
    <message>
      <source>Joined</source>
      <translation>参加</translation>
    </message>
    <message>
      <source>Phone/email enquiries</source>
      <translation>電話・メールの問合せ</translation>
    </message>
    <message>
      <source>{field}: all</source>
      <translation>{field}：すべて</translation>
    </message>
    <message>
      <source>{shown} of {total} JETAA events</source>
      <translation>{total} 件中 {shown} 件のJETAA事業</translation>
    </message>
    <message>
      <source>{shown} of {total} cases</source>
      <translation>{total} 件中 {shown} 件</translation>
    </message>
    <message>
      <source>{shown} of {total} cooking events</source>
      <translation>{total} 件中 {shown} 件の料理体験イベント</translation>
    </message>
    <message>
      <source>{shown} of {total} events</source>
      <translation>{total} 件中 {shown} 件のイベント</translation>
    </message>
    <message>
      <source>{shown} of {total} issues</source>
      <translation>{total} 件中 {shown} 件の発行</translation>
    </message>
    <message>
      <source>{shown} of {total} media work items</source>
      <translation>{total} 件中 {shown} 件のメディアPR</translation>
    </message>
    <message>
      <source>{shown} of {total} publications</source>
      <translation>{total} 件中 {shown} 件の刊行物</translation>
    </message>
    <message>
      <source>{shown} of {total} research requests</source>
      <translation>{total} 件中 {shown} 件の海外依頼調査</translation>
    </message>
    <message>
      <source>{shown} of {total} seconded staff</source>
      <translation>{total} 名中 {shown} 名の派遣職員</translation>
    </message>
    <message>
      <source>{shown} of {total} seminars</source>
      <translation>{total} 件中 {shown} 件のセミナー</translation>
    </message>
  </context>
  <context>
    <name>RecordForm</name>
    <message>
      <source>Add</source>
      <translation>追加</translation>
    </message>
    <message>
      <source>Dates: {span}</source>
      <translation>期間：{span}</translation>
    </message>
    <message>
      <source>Discard changes</source>
      <translation>変更を破棄</translation>
    </message>
    <message>
      <source>Discard changes?</source>
      <translation>変更を破棄しますか？</translation>
    </message>
    <message>
      <source>Keep editing</source>
      <translation>編集を続ける</translation>
    </message>
    <message>
      <source>Known</source>
      <translation>あり</translation>
    </message>
    <message>
      <source>No country is called “{name}”: pick one from the list.</source>
      <translation>「{name}」という国はありません。一覧から選んでください。</translation>
    </message>
    <message>
      <source>Remove</source>
      <translation>削除</translation>
    </message>
    <message>
      <source>The date is outside the fiscal year on screen.</source>
      <translation>日付が表示中の年度の範囲外です。</translation>
    </message>
    <message>
      <source>Type a name, then Enter</source>
      <translation>名称を入力して Enter</translation>
    </message>
    <message>
      <source>Up to {n} characters</source>
      <translation>{n}文字まで</translation>
    </message>
    <message>
      <source>You changed this record. Close the form and discard the changes?</source>
      <translation>この記録は変更されています。変更を破棄してフォームを閉じますか？</translation>
    </message>
  </context>
  <context>
    <name>RecordPage</name>
    <message>
      <source>All months</source>
      <translation>すべての月</translation>
    </message>
    <message>
      <source>Clear filter</source>
      <translation>絞り込みを解除</translation>
    </message>
    <message>
      <source>Deleted. Undo with Ctrl+Z.</source>
      <translation>削除しました。Ctrl+Z で元に戻せます。</translation>
    </message>
    <message>
      <source>Earlier version brought back. Undo with Ctrl+Z.</source>
      <translation>以前の版に戻しました。Ctrl+Z で元に戻せます。</translation>
    </message>
    <message>
      <source>Filter the list</source>
      <translation>一覧を絞り込む</translation>
    </message>
    <message>
      <source>Filter: {all}</source>
      <translation>絞り込み：{all}</translation>
    </message>
    <message>
      <source>Filtered by:</source>
      <translation>絞り込み中：</translation>
    </message>
    <message>
      <source>Loading…</source>
      <translation>読み込み中…</translation>
    </message>
    <message>
      <source>No records match the filter.</source>
      <translation>絞り込みに一致する記録はありません。</translation>
    </message>
    <message>
      <source>No records match the filter. Clear the filter to see all {n} records of the year.</source>
      <translation>絞り込みに一致する記録はありません。絞り込みを解除すると、この年度の {n} 件すべてを表示します。</translation>
    </message>
    <message>
      <source>No {kind} in {year} yet. Press New (Ctrl+N) to add one.</source>
      <translation>{year}の{kind}はまだありません。「新規」（Ctrl+N）で追加してください。</translation>
    </message>
    <message>
      <source>Remove the filter {filter}</source>
      <translation>絞り込み「{filter}」を解除</translation>
    </message>
    <message>
      <source>Remove this filter</source>
      <translation>この絞り込みを解除</translation>
    </message>
    <message>
      <source>Saved in {fy} (its date is {day}), so it is not in this list of {shown}.</source>
      <translation>{fy}に保存しました（日付 {day}）。このため{shown}の一覧には表示されません。</translation>
    </message>
    <message>
      <source>Show the year the record went to</source>
      <translation>記録が移った年度を表示</translation>
    </message>
    <message>
      <source>Show {fy}</source>
      <translation>{fy}を表示</translation>
    </message>
  </context>
  <context>
    <name>RestoreDialog</name>
    <message>
      <source>Backup file</source>
      <translation>バックアップファイル</translation>
    </message>
    <message>
      <source>Backup of {taken}; the newest change in it: {newest}. {cases} support cases in all.</source>
      <translation>{taken} のバックアップ。最新の変更：{newest}。海外活動支援は全部で {cases} 件。</translation>
    </message>
    <message>
      <source>Backups, newest first:</source>
      <translation>バックアップ（新しい順）：</translation>
    </message>
    <message>
      <source>Office Ledger backups (*.sqlite3)</source>
      <translation>Office Ledger バックアップ (*.sqlite3)</translation>
    </message>
    <message>
      <source>Other backup file…</source>
      <translation>ほかのバックアップファイル…</translation>
    </message>
    <message>
      <source>Restore from a backup</source>
      <translation>バックアップから復元</translation>
    </message>
    <message>
      <source>Restore this backup</source>
      <translation>このバックアップを復元</translation>
    </message>
    <message>
      <source>There are no backups of this database yet.</source>
      <translation>このデータベースのバックアップはまだありません。</translation>
    </message>
    <message>
      <source>What the database holds now is backed up first.</source>
      <translation>復元の前に、現在のデータベースの内容をバックアップします。</translation>
    </message>
    <message>
      <source>{name} is damaged and cannot be restored: {why}</source>
      <translation>{name} は破損しているため復元できません：{why}</translation>
    </message>
  </context>
  <context>
    <name>Safety</name>
    <message>
      <source>&amp;Back up now</source>
      <translation>今すぐバックアップ(&amp;B)</translation>
    </message>
    <message>
      <source>&amp;Restore from backup…</source>
      <translation>バックアップから復元(&amp;R)…</translation>
    </message>
    <message>
      <source>A database on a server is restored by its administrator (office-ledger restore --db URL runs pg_restore).</source>
      <translation>サーバー上のデータベースは管理者が復元します（office-ledger restore --db URL が pg_restore を実行します）。</translation>
    </message>
    <message>
      <source>Backed up to {path}</source>
      <translation>{path} にバックアップしました</translation>
    </message>
    <message>
      <source>Backup</source>
      <translation>バックアップ</translation>
    </message>
    <message>
      <source>Checking the database…</source>
      <translation>データベースを確認しています…</translation>
    </message>
    <message>
      <source>Database damaged</source>
      <translation>データベースの破損</translation>
    </message>
    <message>
      <source>Not saved</source>
      <translation>保存されませんでした</translation>
    </message>
    <message>
      <source>Office Ledger</source>
      <translation>Office Ledger</translation>
    </message>
    <message>
      <source>Office Ledger — {path} (read-only)</source>
      <translation>Office Ledger — {path}（読み取り専用）</translation>
    </message>
    <message>
      <source>Read-only ({why}): you can view, tally and print, but not edit or import.</source>
      <translation>読み取り専用（{why}）：閲覧・集計・印刷はできますが、編集と取り込みはできません。</translation>
    </message>
    <message>
      <source>Read-only: {what} (process {pid}, user {user} on {host}) is writing this database. You can view, tally and print; close it there to edit here.</source>
      <translation>読み取り専用：{what}（プロセス {pid}、{host} のユーザー {user}）がこのデータベースに書き込んでいます。閲覧・集計・印刷はできます。ここで編集するには、そちらを閉じてください。</translation>
    </message>
    <message>
      <source>Restore</source>
      <translation>復元</translation>
    </message>
    <message>
      <source>Restore the backup…</source>
      <translation>バックアップを復元…</translation>
    </message>
    <message>
      <source>Restored the backup of {name}.</source>
      <translation>バックアップ {name} を復元しました。</translation>
    </message>
    <message>
      <source>The database {name} is damaged: SQLite's check found errors in the file.

Nothing was written to it.</source>
      <translation>データベース {name} は破損しています。SQLite の検査でファイルに誤りが見つかりました。

このファイルには何も書き込んでいません。</translation>
    </message>
    <message>
      <source>The newest good backup is from {taken}. Restore it? What the damaged file holds is kept aside.</source>
      <translation>最新の正常なバックアップは {taken} のものです。復元しますか？破損したファイルは別名で保管されます。</translation>
    </message>
    <message>
      <source>There is no backup of it. Ask headquarters for the office's latest export.</source>
      <translation>このデータベースのバックアップはありません。本部に事務所が最後に書き出したブックを依頼してください。</translation>
    </message>
    <message>
      <source>What it replaced was kept in {path}.</source>
      <translation>置き換えた内容は {path} に保管しました。</translation>
    </message>
    <message>
      <source>another Office Ledger window</source>
      <translation>別の Office Ledger ウィンドウ</translation>
    </message>
    <message>
      <source>it is on a read-only disk</source>
      <translation>読み取り専用のディスク上にあります</translation>
    </message>
    <message>
      <source>its folder is read-only</source>
      <translation>フォルダーが読み取り専用です</translation>
    </message>
    <message>
      <source>the file is read-only</source>
      <translation>ファイルが読み取り専用です</translation>
    </message>
  </context>
  <context>
    <name>SentBoard</name>
    <message>
      <source>(nothing this month)</source>
      <translation>（今月の受信なし）</translation>
    </message>
    <message>
      <source>Accepted</source>
      <translation>取り込み済み</translation>
    </message>
    <message>
      <source>An office in red has sent nothing this month.</source>
      <translation>赤の事務所は今月まだ何も送っていません。</translation>
    </message>
    <message>
      <source>Exports received from each office</source>
      <translation>各事務所から受け取ったブック</translation>
    </message>
    <message>
      <source>Exports received from the offices, {fy}</source>
      <translation>各事務所から受け取ったブック（{fy}）</translation>
    </message>
    <message>
      <source>Its period</source>
      <translation>対象期間</translation>
    </message>
    <message>
      <source>Last sent {when} (UTC), {period}. Records changed since: {n}; they go with the next “Send to headquarters”.</source>
      <translation>最後の送信：{when}（UTC）、{period}。その後に変更された記録：{n}件。次の「本部へ送信」で送られます。</translation>
    </message>
    <message>
      <source>Made by</source>
      <translation>作成したアプリ</translation>
    </message>
    <message>
      <source>Newest export received (UTC)</source>
      <translation>最新の受信（UTC）</translation>
    </message>
    <message>
      <source>No office has sent an export yet. When an office's email arrives, save the attached workbook and choose “Import workbooks…” above: each office's newest export then shows here, month by month, and offices that have not sent this month stand out.</source>
      <translation>まだどの事務所からもブックを受け取っていません。事務所からのメールが届いたら、添付のブックを保存して上の「ブックを取り込む…」を選んでください。各事務所が最後に書き出したブックが月ごとにここに表示され、今月まだ送っていない事務所は目立つように示されます。</translation>
    </message>
    <message>
      <source>Refused</source>
      <translation>取り込み不可</translation>
    </message>
    <message>
      <source>Sent to headquarters: {office}</source>
      <translation>本部への送信：{office}</translation>
    </message>
    <message>
      <source>State</source>
      <translation>状態</translation>
    </message>
    <message>
      <source>Waiting for acceptance</source>
      <translation>承認待ち</translation>
    </message>
    <message>
      <source>never sent</source>
      <translation>未送信</translation>
    </message>
    <message>
      <source>{office} has not sent anything to headquarters from this database yet. Choose “Send to headquarters” above: the year's workbook (and the PDF summary) go to headquarters by email. Records that would go: {n}.</source>
      <translation>{office}はこのデータベースからまだ本部へ何も送っていません。上の「本部へ送信」を選ぶと、年度のブック（とPDFの概要）がメールで本部へ送られます。送られる記録：{n}件。</translation>
    </message>
    <message>
      <source>✓ accepted   ✗ refused   … waiting for someone to accept its hand edits   — nothing received; the day of the month is when it arrived</source>
      <translation>✓ 取り込み済み　✗ 取り込み不可　… 手作業の変更の承認待ち　— 受信なし。数字は受信した日です</translation>
    </message>
  </context>
  <context>
    <name>SettingsDialog</name>
    <message>
      <source>Backups folder</source>
      <translation>バックアップ先フォルダー</translation>
    </message>
    <message>
      <source>Backups folder: {path} is not a folder.</source>
      <translation>バックアップ先フォルダー：{path} はフォルダーではありません。</translation>
    </message>
    <message>
      <source>Choose…</source>
      <translation>選択…</translation>
    </message>
    <message>
      <source>Data folder</source>
      <translation>データフォルダー</translation>
    </message>
    <message>
      <source>Draft in my mail program</source>
      <translation>メールソフトの下書き</translation>
    </message>
    <message>
      <source>Enter your name: it is written on the records you make and the summaries you send.</source>
      <translation>名前を入力してください。作成した記録と送信する実績報告に記されます。</translation>
    </message>
    <message>
      <source>Exports folder</source>
      <translation>書き出し先フォルダー</translation>
    </message>
    <message>
      <source>Exports folder: {path} is not a folder.</source>
      <translation>書き出し先フォルダー：{path} はフォルダーではありません。</translation>
    </message>
    <message>
      <source>Give this laptop a name (it tells your records from others').</source>
      <translation>このパソコンの名前を入力してください（記録をほかのパソコンのものと区別します）。</translation>
    </message>
    <message>
      <source>Headquarters' address</source>
      <translation>本部のアドレス</translation>
    </message>
    <message>
      <source>Headquarters' address: enter an email address, like name@example.org.</source>
      <translation>本部のアドレス：name@example.org のようなメールアドレスを入力してください。</translation>
    </message>
    <message>
      <source>Language</source>
      <translation>言語</translation>
    </message>
    <message>
      <source>Load the FY2023 demo year (to try the app)</source>
      <translation>令和5年度のデモデータを読み込む（お試し用）</translation>
    </message>
    <message>
      <source>Office Ledger keeps headquarters' records (support cases, events, newsletters and the rest of the year) in a database on a server: {where}. Everyone at headquarters who opens it with Office Ledger shares it: each sees the others' changes as they are saved, and the history names who made each one. Nothing leaves it until someone exports a workbook.</source>
      <translation>Office Ledger は本部の記録（海外活動支援、イベント、ニューズレターなど年度の活動）をサーバー上のデータベースに保存します：{where}。このデータベースは Office Ledger で開く本部の職員全員で共有され、保存された変更はすぐに他の職員にも表示され、履歴には変更した人の名前が残ります。誰かがブックを書き出すまで、記録がこのデータベースの外に出ることはありません。</translation>
    </message>
    <message>
      <source>Office Ledger keeps your office's records (support cases, events, newsletters and the rest of the year) in one file on this computer: {path}. Nothing leaves it until you export a workbook or send it to headquarters.</source>
      <translation>Office Ledger は事務所の記録（海外活動支援、イベント、ニューズレターなど年度の活動）をこのコンピューターの一つのファイルに保存します：{path}。ブックを書き出すか本部へ送信するまで、記録がこのコンピューターの外に出ることはありません。</translation>
    </message>
    <message>
      <source>Open</source>
      <translation>開く</translation>
    </message>
    <message>
      <source>Password</source>
      <translation>パスワード</translation>
    </message>
    <message>
      <source>Port</source>
      <translation>ポート</translation>
    </message>
    <message>
      <source>SMTP server</source>
      <translation>SMTPサーバー</translation>
    </message>
    <message>
      <source>Security</source>
      <translation>暗号化</translation>
    </message>
    <message>
      <source>Send</source>
      <translation>送信方法</translation>
    </message>
    <message>
      <source>Send by SMTP</source>
      <translation>SMTPで送信</translation>
    </message>
    <message>
      <source>Settings</source>
      <translation>設定</translation>
    </message>
    <message>
      <source>The password could not be kept: {error}</source>
      <translation>パスワードを保存できません: {error}</translation>
    </message>
    <message>
      <source>This laptop's name</source>
      <translation>この端末の名前</translation>
    </message>
    <message>
      <source>User name</source>
      <translation>ユーザー名</translation>
    </message>
    <message>
      <source>Welcome to Office Ledger</source>
      <translation>Office Ledger へようこそ</translation>
    </message>
    <message>
      <source>Your address</source>
      <translation>自分のアドレス</translation>
    </message>
    <message>
      <source>Your address: enter an email address, like name@example.org.</source>
      <translation>あなたのアドレス：name@example.org のようなメールアドレスを入力してください。</translation>
    </message>
    <message>
      <source>Your name</source>
      <translation>氏名</translation>
    </message>
    <message>
      <source>Your office</source>
      <translation>あなたの事務所</translation>
    </message>
    <message>
      <source>kept in the system keyring</source>
      <translation>システムのキーリングに保存されます</translation>
    </message>
  </context>
  <context>
    <name>StaleBar</name>
    <message>
      <source>Keep mine and bring it back</source>
      <translation>自分の内容で復活させる</translation>
    </message>
    <message>
      <source>Keep mine and save over it</source>
      <translation>自分の内容で上書き保存</translation>
    </message>
    <message>
      <source>Leave it deleted</source>
      <translation>削除されたままにする</translation>
    </message>
    <message>
      <source>Take theirs</source>
      <translation>相手の内容を取り込む</translation>
    </message>
    <message>
      <source>{field}: theirs {theirs}; yours {mine}</source>
      <translation>{field}：相手 {theirs}／自分 {mine}</translation>
    </message>
  </context>
  <context>
    <name>SummaryPreview</name>
    <message>
      <source>PDF files (*.pdf)</source>
      <translation>PDFファイル (*.pdf)</translation>
    </message>
    <message>
      <source>Print…</source>
      <translation>印刷…</translation>
    </message>
    <message>
      <source>Save as PDF…</source>
      <translation>PDFで保存…</translation>
    </message>
    <message>
      <source>Save summary as PDF</source>
      <translation>実績報告をPDFで保存</translation>
    </message>
    <message>
      <source>Summary preview</source>
      <translation>実績報告のプレビュー</translation>
    </message>
    <message>
      <source>The printer could not be started.</source>
      <translation>プリンターを開始できません。</translation>
    </message>
  </context>
  <context>
    <name>SyncPage</name>
    <message>
      <source>Choose your office at the top of the window first.</source>
      <translation>先に画面上部で事務所を選んでください。</translation>
    </message>
    <message>
      <source>Details</source>
      <translation>詳細</translation>
    </message>
    <message>
      <source>Details: {text}</source>
      <translation>詳細：{text}</translation>
    </message>
    <message>
      <source>Direction</source>
      <translation>種別</translation>
    </message>
    <message>
      <source>Draft opened in your mail program: {path}</source>
      <translation>メールソフトで下書きを開きました: {path}</translation>
    </message>
    <message>
      <source>Excel workbooks (*.xlsx)</source>
      <translation>Excelブック (*.xlsx)</translation>
    </message>
    <message>
      <source>File</source>
      <translation>ファイル</translation>
    </message>
    <message>
      <source>History of exports and imports</source>
      <translation>書き出し・取り込みの履歴</translation>
    </message>
    <message>
      <source>Import</source>
      <translation>取り込む</translation>
    </message>
    <message>
      <source>Import workbooks</source>
      <translation>ブックの取り込み</translation>
    </message>
    <message>
      <source>Import workbooks…</source>
      <translation>ブックを取り込む…</translation>
    </message>
    <message>
      <source>Import {name}</source>
      <translation>{name} の取り込み</translation>
    </message>
    <message>
      <source>Imported {name}: {n} changes</source>
      <translation>{name} を取り込みました（変更 {n} 件）</translation>
    </message>
    <message>
      <source>Importing {name}…</source>
      <translation>{name} を取り込み中…</translation>
    </message>
    <message>
      <source>Mail subject</source>
      <translation>件名</translation>
    </message>
    <message>
      <source>Next try / sent</source>
      <translation>次回送信／送信日時</translation>
    </message>
    <message>
      <source>No mail program opened the draft. It is saved at:
{path}

Open it with your mail program, or attach it to a message to headquarters.</source>
      <translation>下書きを開くメールソフトがありませんでした。下書きの保存先:
{path}

メールソフトで開くか、本部あてのメールに添付してください。</translation>
    </message>
    <message>
      <source>No mail program opened the draft; it is saved at {path}</source>
      <translation>下書きを開くメールソフトがありませんでした。保存先: {path}</translation>
    </message>
    <message>
      <source>Not sent: no SMTP server is set. Enter it in Settings (SMTP server), then retry.</source>
      <translation>送信していません: SMTP サーバーが設定されていません。設定（SMTP サーバー）に入力してから再送してください。</translation>
    </message>
    <message>
      <source>Not sent: {reason}</source>
      <translation>送信できませんでした：{reason}</translation>
    </message>
    <message>
      <source>Not tried: no SMTP server is set (Settings, SMTP server)</source>
      <translation>未送信: SMTP サーバーが設定されていません（設定の SMTP サーバー）</translation>
    </message>
    <message>
      <source>Nothing exported or imported yet. “Import workbooks…” reads the offices' exports; “Send to headquarters” exports this office's year and mails it.</source>
      <translation>まだ書き出しも取り込みもしていません。「ブックを取り込む…」で事務所から届いたブックを取り込み、「本部へ送信」でこの事務所の年度分をブックに書き出してメールで送ります。</translation>
    </message>
    <message>
      <source>Open its folder</source>
      <translation>保存先のフォルダーを開く</translation>
    </message>
    <message>
      <source>Outbox</source>
      <translation>送信トレイ</translation>
    </message>
    <message>
      <source>Preparing the export…</source>
      <translation>ブックを書き出しています…</translation>
    </message>
    <message>
      <source>Reading {name}…</source>
      <translation>{name} を読み込み中…</translation>
    </message>
    <message>
      <source>Reason</source>
      <translation>理由</translation>
    </message>
    <message>
      <source>Result</source>
      <translation>結果</translation>
    </message>
    <message>
      <source>Retry sending now</source>
      <translation>今すぐ再送信</translation>
    </message>
    <message>
      <source>Send to headquarters</source>
      <translation>本部へ送信</translation>
    </message>
    <message>
      <source>Sent to</source>
      <translation>宛先</translation>
    </message>
    <message>
      <source>State</source>
      <translation>状態</translation>
    </message>
    <message>
      <source>Take the cells edited by hand as new versions</source>
      <translation>手で修正されたセルを新しい版として取り込む</translation>
    </message>
    <message>
      <source>The outbox is empty. A message waits here when the mail server cannot be reached, and is sent again every minute.</source>
      <translation>送信トレイは空です。メールサーバーにつながらないとき、メッセージはここで待ち、1分ごとに再送されます。</translation>
    </message>
    <message>
      <source>Time (UTC)</source>
      <translation>日時 (UTC)</translation>
    </message>
    <message>
      <source>Tries</source>
      <translation>試行回数</translation>
    </message>
    <message>
      <source>Waiting in the outbox: {reason}</source>
      <translation>送信トレイで待機中: {reason}</translation>
    </message>
    <message>
      <source>What the import changes</source>
      <translation>取り込みで変わる件数</translation>
    </message>
  </context>
  <context>
    <name>Task</name>
    <message>
      <source>Cancel</source>
      <translation>キャンセル</translation>
    </message>
  </context>
  <context>
    <name>UserGuide</name>
    <message>
      <source>&amp;User guide</source>
      <translation>利用の手引き(&amp;U)</translation>
    </message>
    <message>
      <source>User guide</source>
      <translation>利用の手引き</translation>
    </message>
  </context>
</TS>
