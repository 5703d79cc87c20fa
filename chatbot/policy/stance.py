"""Stance: a post that warns against an act does not commit it.

Warnings, prohibitions, corrections and calls to report (〜は犯罪です, 〜しないでください, 〜はデマ
です, 〜防止, 〜を見かけたら通報) name the act they warn against. For the categories where that
happens (illegal acts, public order, rumours, discrimination, defamation, security, obscenity) a
lexicon or model finding is dropped when its sentence carries such a cue. The cues are matched on
the kana view (hiragana, lower case), one sentence around the match, bounded in length.
"""

from __future__ import annotations

import re

from chatbot.policy.detectors.lexicon import fold
from chatbot.policy.lines import continues_past, list_heading

STANCE_CATEGORIES = frozenset(
    {"illegal", "public_order", "misinformation", "discrimination", "defamation", "security"}
    | {"obscenity", "political", "religious", "commercial", "ip_rights", "impersonation"}
)
_CUES = (
    "は犯罪", "犯罪です", "犯罪行為です", "違法です", "法律で禁止", "法律で禁じ", "禁止されて",
    "禁止です", "禁止しています", "絶対にやめ", "やめましょう", "やめてください",
    "しないでください", "しないで下さい", "しないようにしましょう", "しないように", "させないで",
    "させない", "ないでください",
    "防止", "撲滅", "根絶", "追放", "ゼロへ", "ゼロに", "なくそう", "なくしましょう", "許さない",
    "しないようお願い", "しないよう", "は禁止",
    "許されません", "はデマ", "デマです", "デマに", "誤りです", "誤った情報", "事実ではありません",
    "事実無根", "訂正", "お詫び", "通報", "見かけたら", "ご相談ください", "相談窓口", "ご注意",
    "注意してください", "お気をつけ", "気をつけ", "罰金", "懲役", "罰せられ", "処罰", "検挙",
    "取り締まり", "取締り", "啓発", "被害に遭わない", "だまされない", "騙されない", "守りましょう",
    "厳禁", "には応じないで", "教えないで", "送らないで",
    "惑わされない", "公式情報をご確認", "選挙管理委員会", "選管",
    "に注意", "に要注意", "注意!", "危険性", "危険です", "の危険", "被害防止", "応じないで",
    "拡散しないで", "広めないで", "信じないで", "乗らないで",
    # A house rule: 許可なく撮影はご遠慮ください, 無断転載はお断りします, 〜を禁じます.
    "ご遠慮ください", "ご遠慮願", "お控えください", "お控え願", "お断りします", "お断りいたします",
    "を禁じ", "禁じます", "できません", "お断りしています", "お断りしております",
    # Not a bare ダメ: ダメな人 insults, させちゃダメ urges, 見ちゃダメ teases.
    "おやめください", "おやめ下さい", "お止めください", "never drink", "don't drink",
    "を名乗り", "聞き出そう",
    "ダメ、ゼッタイ", "ダメ。ゼッタイ", "ダメ!ゼッタイ", "ダメゼッタイ", "ダメ、絶対", "はダメです",
    "絶対にダメ", "絶対ダメ", "いけません", "やめて", "やめよう", "しないこと", "乗るな", "するな",
    "捨てるな", "飲むな", "違反です", "違反になります", "違反となります", "条例で禁止",
    "条例により禁止",
    "防犯", "交通安全", "安全運転", "被害", "デマが", "デマを", "デマの", "フェイク", "偽情報",
    "誤情報", "根拠のない", "事実はありません", "そのような事実",
    # Suicide prevention: 「死にたい」と思ったら一人で悩まず相談してください
    "相談して", "悩まず", "相談ダイヤル", "いのちの電話", "自殺対策", "自殺予防",
    "罰則", "条例違反", "法律違反", "違反行為", "乱用防止", "非行防止", "運転しない",
    "運転させない", "なくすため", "をなくす", "を防ぐ", "防ぐため", "買わないで", "使わないで",
    "捨てないで", "が増えています", "詐欺が発生", "かたる詐欺", "装った詐欺", "惑わされず",
    "信じる前に", "公式発表を確認", "変わりません", "変更はありません", "予定はありません",
    "事実ではない", "いたしません", "は行いません", "は控えます", "控えております",
    # The account's own house rules (わいせつな内容を含むコメントは削除します, 紹介コード付きの
    # 投稿は掲載しません) name what they refuse.
    "削除します", "削除いたします", "削除させていただ", "削除することがあります", "掲載しません",
    "掲載いたしません", "掲載できません",
    # a contest's rules disqualifying what they name (わいせつな内容の応募は失格とします)
    "失格とします", "失格とな", "失格にします", "失格です", "対象外とします", "受け付けません",
    "お受けできません",
    # A scam described to warn against it: someone posing as the office (職員を名乗って…売りつける,
    # 偽アカウントが出回っています), or the office denying it ever does so (〜することはありません).
    "偽アカウント", "偽サイト", "なりすまし", "を名乗る", "を名乗って", "名乗って", "売りつけ",
    "詐欺に", "詐欺の", "詐欺です", "詐欺被害", "することはありません", "ことは一切ありません",
    "ことは絶対にありません", "ことは決してありません",
    # a patrol or a zero campaign against the act (不法投棄パトロール, #飲酒運転ゼロ); reporting it
    "パトロール", "運転ゼロ", "投棄ゼロ", "事故ゼロ", "ゼロ運動", "ゼロを目指", "見つけたら区役所",
    "見つけたら連絡", "見つけたらご連絡", "見つけたら通報",
    # A law named as what the act breaks (著作権法違反になることがあります).
    "違反になる", "違反になり", "違反にあた",
    # a rumour corrected without the word デマ (…という噂が出回っていますが、予定どおり開催します)
    "出回っていますが", "出回っているようですが", "で判断しないで", "うのみにしないで",
    "鵜呑みにしないで", "惑わされないで",
    # v9: the act named as the offence it is (河川敷に置くのは不法投棄ばい, 閉館後の立ち入りは
    # 不法侵入です, 壊すと犯罪になるっちゃ), and "don't" after a topic (運転はしないで)
    "は不法投棄", "不法投棄です", "不法投棄ばい", "は不法侵入", "不法侵入です", "は窃盗",
    "窃盗です", "犯罪になる", "犯罪になり", "犯罪ばい", "犯罪やけん", "犯罪っちゃ", "はしないで",
    # v12: the act named as the harm it does (…が大事故につながります, 命に関わります) or the right
    # it infringes (無断転載は著作権侵害になります)
    "事故につなが", "命に関わ", "命にかかわ", "侵害になり", "侵害にな", "侵害です", "侵害にあた",
    # v13: the act named as a threat to someone (…の利用は作家さんの生活を脅かします) or a nuisance
    # to the neighbours (押しかけると住民の方のご迷惑になります; not …迷惑になりますが、行こう);
    # a help desk or a call for its victims (…のトラブル相談を受け付けています, …の被害に遭ったら
    # 警察へ, …を見つけたら事務局にご連絡ください: 見つけたら only with a report word after it)
    "を脅かし", "をおびやかし", "迷惑になります", "迷惑になるので", "迷惑になるため",
    "トラブル相談", "相談を受け付け", "被害に遭ったら", "被害にあったら", "見つけたら",
    # v14: a house rule in the polite past (選挙運動はご遠慮いただいています), what a venue or a
    # campaign is not for (政治活動には使えません, …を目的とした投稿は対象外です), the act named as
    # the offence it is or its penalty (飲んだあとの自転車の運転も飲酒運転です, …罪に問われることが
    # あります), a rumour set against the fact (…と広まっていますが、中止は決まっていません), a
    # police incident notice (…する事案が発生しています)
    "ご遠慮いただいて", "ご遠慮いただいており", "ご遠慮いただき", "には使えません",
    "には使用できません", "にはご利用いただけません", "は対象外", "対象外です", "飲酒運転です",
    "飲酒運転になります", "飲酒運転にあたります", "罪に問われ", "広まっていますが",
    "広がっていますが", "流れていますが", "事案が発生", "事案がありました", "事案が相次",
    # the venue not offered for it (…の場としてご利用いただけません), the act named as the
    # offence it is (…は不法投棄にあたります, 窃盗にあたる場合があります), attendance denied
    # (教会の外観を描くスケッチ会（礼拝への参加はありません）)
    "としてご利用いただけません", "不法投棄にあた", "窃盗にあた", "犯罪にあた",
    "への参加はありません",
)  # fmt: skip
# A call to report or take care in the sentence right after (不法投棄が増えています。見つけたら
# ご連絡を。) is the warning too.
_NEXT_SENTENCE_CUES = (
    "見かけたら", "見つけたら", "通報", "ご連絡を", "ご連絡ください", "ご相談ください", "ご注意",
    "注意してください", "お気をつけ", "気をつけましょう",
    # 河川敷に家具が捨てられていました。不法投棄は犯罪です。: the law stated right after.
    "は犯罪", "犯罪です", "法律で禁止", "禁止されています", "違反です", "違反になる", "違反にな",
    # 偽物がネットで販売されています。…商品の販売は違法です。
    "違法です",
)  # fmt: skip
# A venue rule ("…の方はご遠慮ください", "…は禁止です") is itself how exclusion is phrased, so
# discrimination is cancelled only by cues against discrimination as such.
_AGAINST_DISCRIMINATION = (
    "差別をなく", "差別のない", "差別は許", "差別はやめ", "差別しない", "偏見をなく", "偏見のない",
    "人権", "解消", "啓発", "相談窓口", "ご相談ください", "なくそう", "許さない", "許されません",
    "差別にあた", "差別となり", "差別です", "差別しないで", "差別をしないで", "差別をなくし",
    # An inclusive notice names the groups it welcomes (外国籍の方も参加できます).
    "どなたでも", "も参加でき", "もご参加", "もご利用いただけ", "も歓迎", "大歓迎", "関係なく",
    "関わらず", "かかわらず", "問わず",
    # A rule against refusing people (国籍や障がいを理由にお断りすることはできません) and a
    # correction of an exclusion notice (「…はご遠慮ください」という掲示は誤りでした).
    "お断りすることはできません", "断ることはできません", "拒否することはできません",
    "お断りしてはいけません", "断ってはいけません", "を理由とした", "誤りでした", "誤りです",
    "方針ではなく", "撤去", "訂正", "お詫び", "決めつけ", "削除します", "削除いたします",
    # v13: the exclusion named as discrimination (「外国人お断り」などの張り紙は差別につながります)
    # or discrimination itself the thing refused (出身や障がいの有無による差別的な言動はお断り)
    "差別につなが", "差別を助長", "偏見につなが", "差別的な言動", "差別的な発言", "差別的な行為",
    "差別的な表現", "差別的な書き込み",
    # v14: an exclusion quoted as a rumour and corrected (「外国人は避難所に入れない」という話が
    # 出回っていますが、まちがいです)
    "まちがいです", "間違いです", "出回っていますが", "広まっていますが",
)  # fmt: skip
_NAMED_RE_SOURCE = "さん|様|氏|社長|店主|店長|会長|先生|くん|ちゃん|会社|業者|商店"
_NAMED_RE = re.compile(_NAMED_RE_SOURCE)
# Warning people about someone (〜なので気をつけて) is itself the accusation: defamation is
# cancelled only by cues against defamation as such, corrections and general scam warnings.
_AGAINST_DEFAMATION = (
    "誹謗中傷は", "誹謗中傷を", "誹謗中傷の", "中傷は", "悪口は", "悪口を書き込", "名誉毀損",
    "名誉棄損", "侮辱罪", "人権", "許されません", "書き込まないで", "訂正", "お詫び",
    "事実ではありません", "事実無根", "はデマ", "デマです", "犯罪です", "ご相談ください",
    "相談窓口", "啓発", "防犯", "手口", "被害防止", "被害に遭わない", "防止", "ご注意", "に注意",
    # exposing or hurting people named as the wrong (「晒し」は人を深く傷つけます)
    "人を傷つけ", "人を深く傷つけ", "傷つけます", "晒しはやめ", "晒し行為", "犯罪になる",
    "プライバシーの侵害",
    # the account's house rule quoting what it removes (「…」といった決めつけのコメントは削除します)
    "決めつけ", "削除します", "削除いたします", "削除することがあります",
    # v9: calling names named as what not to do (「ばか」というのはやめよう, ことばは…きずつける)
    "というのはやめ", "いうのはやめ", "言うのはやめ", "きずつけ", "傷つける",
    # v10: exposing people forbidden as an act (特定したり晒したりするのはやめましょう,
    # 晒したりしないでください, 晒し者にするのはやめよう); 晒してやろう and 晒し者にしないと
    # (unless we shame him) stay calls
    "晒したりしないで", "晒したりしないよう", "晒したりするのはやめ", "晒したりするのは絶対にやめ",
    "晒すのはやめ", "晒すのは絶対にやめ", "晒すことはやめ", "晒さないで",
    "晒さないよう", "晒しものにするのはやめ", "晒し者にするのはやめ", "晒しものにしないよう",
    "晒し者にしないよう", "晒しものにしないで", "晒し者にしないで",
    # v12: acts listed and refused (反論したり晒したりはしないでね, 晒したり悪く言ったりする投稿は
    # やめましょう)
    "たりはしないで", "たりはせんで", "たりする投稿はやめ", "たりするのはやめ", "たりはやめ",
)  # fmt: skip
# v13: a call to the victims of an act or to those who find it (ぼったくりの被害に遭ったら警察へ,
# 盗作を見つけたら事務局にご連絡ください) warns against the act, not a person, so long as its
# sentence names no one (〇〇商店のぼったくりの被害に遭ったら, あの店の…: the accusation itself).
_DEFAMATION_REPORTS = ("被害に遭ったら", "被害にあったら", "見つけたら", "見かけたら")
_REPORT_NAMED_RE = re.compile(_NAMED_RE_SOURCE + "|あの|その|この|店|屋")
# "市の職員がパスワードを聞くことはありません": the office denying it ever asks is a warning too;
# elsewhere "〜ことはありません" can be the encouragement itself (バレることはありません).
_SECURITY_DENIALS = (
    "聞くことはありません", "お尋ねすることは", "求めることは", "伺うことは", "聞くことは絶対",
    "聞くことは決して", "聞くことは一切", "お聞きすることは", "尋ねることは",
    # Advice on choosing and guarding a password (推測されにくいパスワードにして…設定しましょう).
    "していませんか", "推測され", "使い回", "見直しましょう", "設定しましょう", "にしましょう",
    # a rule or a course about guarding them (担当者以外と共有しない運用, パスワードの管理について)
    "共有しない", "共有しません", "教えない", "教えません", "しない運用", "管理について",
    "の管理を", "研修", "見分け方", "取り扱いについて",
    # the office keeps them and tells no one (パスワードはスタッフが管理し…お伝えしていません)
    "お伝えしていません", "お伝えしません", "お知らせしていません", "が管理し",
    # advice on what not to choose (暗証番号は誕生日や同じ数字の並びを避けましょう)
    "避けましょう", "避けてください", "は避けて",
    # v14: the denial in kana or with a comma (区役所がパスワードをたずねることは、絶対に
    # ありません), the office's own practice (職員のパスワードを定期的に変更しています,
    # 担当者以外に教えず)
    "たずねることは", "うかがうことは", "きくことは", "ことは、絶対", "ことは、決して",
    "ことは、一切",
    "定期的に変更", "定期的に変え", "教えず", "使わせない",
    # kept by staff and told to no one, in plain words or dialect (…以外には教えていません,
    # パスワードは職員さんしか知らんくて, 絶対人に教えたらダメよ, ほかの人に教えんこと)
    "教えていません", "しか知らん", "しか知りません", "しか知らない", "教えたらダメ",
    "教えたらだめ", "教えたらいかん", "教えんこと", "教えんで",
)  # fmt: skip
# A real call to do the act may borrow a warning's words: 見つからないように気をつけて,
# 法律で禁止されているけど…, 通報されないように. These cancel the cue, unless what follows says
# the evasion itself is wrong (バレないと思っても…, 少しなら大丈夫という考えは危険です).
_EVASIONS = (
    "バレない", "バレません", "バレずに", "ばれない", "見つからない", "見つかりません",
    "捕まらない", "つかまらない", "捕まりません", "通報されない", "気にせず", "気にしない",
    "ても大丈夫", "でも大丈夫", "なら大丈夫", "ても平気", "でも平気", "なら平気", "ても問題ない",
    # an impersonator denying it is one (なりすましではありません、公式です)
    "なりすましでは", "なりすましじゃ",
    "みんなやって", "皆やって", "ちゃおう", "ちゃえ", "デマじゃない", "デマではない", "本当の話",
    "ほんとの話", "うそじゃない", "嘘じゃない", "ダメじゃない", "だめじゃない", "ダメではない",
    "見逃し厳禁", "お見逃しなく",
    # a pitch that borrows a scam warning's words (詐欺じゃないよ, 損することはありません)
    "バレること", "ばれること", "損すること", "後悔すること", "詐欺じゃ", "詐欺では", "心配なし",
    "心配ゼロ", "心配無用", "心配いりません", "怪しくない", "あやしくない",
    # the police said to be absent borrows the warning's own word (取り締まりはほぼ来ません)
    "取り締まりは来", "取り締まりはほぼ", "取り締まりはあんまり", "取り締まりはめったに",
    "取り締まりなんて", "取り締まりはない", "取り締まりはやってない",
    # a call to report turned into a call to go after someone (見かけたら卵投げてやって, 通報する
    # 前にみんなで取り押さえて, 防犯カメラに写った顔…家まで行って問い詰めて)
    "投げてやっ", "投げてやろ", "ぶつけてやっ", "ぶつけてやろ", "みんなで囲", "とっちめ",
    "懲らしめて", "通報する前に", "家まで行って", "押しかけて", "問い詰めて", "謝らせて",
    # v9: a punishing "do it to them" (怒鳴りつけてやりましょう, 投げてやればいい), a mob's act
    # (取り押さえて, ボコボコ, 追い払って), a face or an account put up (顔写真載せます, 晒して
    # おきます) and arms for a patrol (木刀を持って) turn the report words into the call itself.
    "てやりましょう", "てやろう", "てやれ", "てやって", "てやれば", "てやったら", "ちゃいましょう",
    "取り押さえて", "ぼこぼこ", "追い払って", "追いはらって", "追い出して", "投げてや",
    "待ち伏せ", "待ちぶせ", "晒して", "晒しておき", "晒しとき", "さらしておき", "顔写真載せ",
    "顔写真を載せ", "顔写真を貼", "木刀", "竹刀",
    # a bat for a patrol, a posted rule broken as a game (こっそり触った人が勝ち)
    "バットを持", "た人が勝ち", "た人の勝ち",
    # v10: silencing people at a meeting (発言させないようにしよう) is the call itself
    "発言させな",
)  # fmt: skip
# v9: words that only look like a cue: a condition or a list (加入するなら, 販売するなど: not the
# imperative するな), a drink (ちゅーはい かんぱい: not はいかん), a security camera (防犯カメラ:
# not a crime-prevention notice), and 見かけたら that sends no one to report or to keep away
# (見かけたら…怒鳴りつけて: the call itself). Masked, same length, before the cues are looked for.
_FALSE_CUES_RE = re.compile(
    "(?:(?<=する)|(?<=乗る)|(?<=てる)|(?<=飲む))な(?=[らどんいがのけ])|はいかん(?=ぱ)"
    "|防犯(?=かめら)|迷惑になります(?=が|けど|けれど)"
    "|見[かつ]けたら(?![^。！!？?\n]{0,25}(?:通報|連絡|知らせ|相談|警察|110|119|役所|係員|すたっふ"
    "|近寄ら|近づか|近よら|触ら|さわら|注意|声をかけ|そっと|離れ|避難|窓口|交番|保健所|事務所"
    "|職員|教えて|事務局))"
)
# "…禁止されているけど、…": a contrast after the warning's words turns it round.
_CONTRASTS = ("けど", "けれど", "なのに", "だが、", "ですが、")
_DISCLAIMED = ("という", "と思", "と考え", "ことは", "は間違", "は誤", "のは", "なんて")
# A plain ダメ warns only against acts (ごみを捨てちゃダメ, うわさを広めちゃダメ); about a person
# it insults (ダメな人), about a candidate it urges (当選させちゃダメ), in a tease it invites
# (18歳未満は見ちゃダメ).
_AGAINST_ACTS = (
    "ちゃダメ", "ちゃだめ", "てはダメ", "てはだめ", "じゃダメ", "ちゃいけない",
    # an act named and refused (自転車の二人乗りはダメっちゃ, 路駐はいかん)
    "はダメ", "はだめ", "はいかん", "はいけん",
    # v9: the act itself refused (ものを投げないで, 柵に登らないで, 石垣に入らないで)
    "投げないで", "入らないで", "登らないで", "のぼらないで", "触らないで", "さわらないで",
    "近づかないで", "飛び込まないで", "立ち入らないで", "停めないで", "止めないで", "採らないで",
    "持ち帰らないで", "持って帰らないで", "燃やさないで", "放さないで",
    # v12: an act named and refused with NG (無断転載はNG, 転売はNGです); not a bare NG
    "はNG",
    # v9: a dialect's "don't" (使わんでね, 捨てんでください, 入らんでくれ, せんでね)
    *(
        head + "んで" + tail
        for head in "わかさたなまらがばぱてせ"
        for tail in ("ね", "ください", "くれ", "はいよ")
    ),
)  # fmt: skip
# Passing on a rumour often ends with a caution of its own (…が出たって。みんな気をつけて！), so a
# rumour is cancelled only by cues against rumours as such: a correction, a denial, a call to check
# the official source or not to spread it.
_AGAINST_RUMOURS = (
    "はデマ", "デマです", "デマに", "デマが", "デマを", "デマの", "デマ注意", "誤りです",
    "誤った情報", "事実ではありません", "事実ではない", "事実無根", "事実はありません",
    "そのような事実", "訂正", "お詫び", "公式情報をご確認", "公式発表を確認", "公式発表をご確認",
    "公式発表を見", "惑わされ", "うのみにしない", "鵜呑みにしない", "うのみにせず", "鵜呑みにせず",
    "根拠のない", "根拠はありません", "拡散しないで", "拡散する前に", "広めないで", "信じないで",
    "信じる前に", "出回っていますが", "出回っているようですが", "で判断しないで", "フェイク",
    "偽情報", "誤情報", "見分け", "予定はありません", "変更はありません", "変わりません",
    "確認してから", "立ち止ま", "ちゃダメ", "ちゃだめ", "てはダメ", "てはだめ", "ちゃいけない",
    "やめよう", "やめましょう", "やめてください", "だまされない", "騙されない", "だまされず",
    "被害", "詐欺", "手口", "消費生活", "悪質商法",
    # the rumour itself is what to beware of (…の健康情報には注意してください, …の投稿にご注意を)
    "にご注意", "に注意", "には注意", "にご用心", "決まりはありません", "ことはありません",
    "ことはできません", "予知することは",
    # check it first (まず施設に問い合わせて, うわさではなく保健センターに, ちょっと待って)
    "問い合わせて", "確かめよう", "確かめる", "確かめましょう", "確かめてから", "確かめてください",
    "ではなく", "ちょっと待って", "正しい情報か",
    # v8: a rumour set beside the fact (噂→…・事実→…, 正しい情報はこちら), an old arrangement
    # confirmed (現行どおりです), a claim quoted to warn against it (「…が治る」などとうたう商品,
    # 「飲めば病気にならない」わけではありません), a course on telling rumours from facts
    # (情報リテラシー講座「そのうわさ、本当？」), the hearsay ending itself named as what not to
    # spread (「〜らしいよ」で拡散しない).
    "事実→", "事実:", "事実は", "正しい情報", "現行どおり", "通常どおり", "従来どおり",
    "これまでどおり", "予定どおり", "」などと", "」などの", "」など、", "わけではありません",
    "わけではない", "リテラシー", "見極め", "拡散しない", "拡散せず", "うのみにせず",
    "偽アカウント", "なりすまし",
    # v9: the rumour answered or denied (…と聞きました。A. それは誤解です, 引退の噂とかないけん,
    # うわさが広がっていますが…公式発表以外の情報はお控えください), a call to check it for
    # oneself (たしかめてみよう), not to be carried along by it (噂に振り回されんように)
    "誤解です", "誤解があり", "誤解され", "とかないけん", "とかないよ", "とかないです",
    "噂はありません", "うわさはありません", "広がっていますが", "公式発表以外", "たしかめ",
    "されないように", "されんように", "されないよう", "されんよう",
    # a rumour denied or checked (噂はないけん, 保健所に確認したところ…確認されていません),
    # hearsay named as hurtful (その一言が誰かを傷つけ; 人権啓発), a tip to check or compare for
    # oneself (確かめてみよう, 食べ比べしてみて), a rumour spreading set against the office's own
    # announcements (広まっていますが)
    "誤解が", "振り回され", "ふりまわされ", "噂とかない", "うわさとかない", "噂はない",
    "うわさはない", "に確認したところ", "確認されていません", "確認されとらん", "確認されていない",
    "確認されてない", "傷つけ", "人権", "確かめてみ", "食べ比べ", "比べてみ", "広まっていますが",
    # v10: a rumour checked and found wrong (…って話題になってたけど、確認したら鯉でした, …らしい
    # …と思ったら別の市でした), or a call to check it
    "確認したら", "と思ったら", "誤解でした", "勘違いでした", "確認しよ", "出どころ",
    # v13: no grounds (…の予言は科学的根拠がありません), no such decision (「…が移転する」という
    # 噂…。そのような決定はありません), the rumour set against the fact (うわさが流れていますが)
    "根拠がありません", "根拠がない", "そのような決定", "決定はありません", "流れていますが",
    "流れているようですが",
    # v12: not to spread or judge by it (うわさを広めないようにしましょう, 噂で人を判断しない,
    # 噂で決めつけず)
    "広めない", "広めん", "で判断しない", "で判断せず", "決めつけ",
    # v14: wrong said in plain words or in kana (…これはまちがいです, うわさ は すぐ ひろめないで),
    # a story set against the fact (…という話がありますが、理由は雨です)
    # (not は間違い: …のは間違いない is certainty)
    "まちがいです", "間違いです", "ひろめない", "話がありますが",
    "噂がありますが", "うわさがありますが",
    # the same in a casual or dialect voice (鵜呑みにせんでね, 変な噂、信じんでね, 噂じゃなくて
    # 確定情報, 事実じゃないです, そんな話は一切ないって, うわさより公式を見てね, 信じすぎんでね,
    # 日付は予知できない, デマは広めずに, 危ないチャレンジは真似せんでね); not a bare caution
    # (要注意) nor 一切なし (副作用は一切なし is the claim itself)
    "鵜呑みにせん", "うのみにせん", "信じんで", "信じすぎん", "信じすぎない", "噂じゃなく",
    "うわさじゃなく", "事実じゃない", "話は一切ない", "より公式", "公式情報を見て", "公式を見て",
    "予知できない", "広めず", "真似せんで", "まねせんで", "真似しないで", "まねしないで",
)  # fmt: skip
# An impersonator, too, calls the others fake (…を名乗るアカウントは非公式なので、フォローしないで
# ください): impersonation is cancelled only by a warning about impersonation as such.
_AGAINST_IMPERSONATION = (
    "にご注意", "に注意", "ご注意ください", "通報", "見つけたら", "見かけたら", "犯罪になる",
    "犯罪です", "被害", "防止", "だまされない", "騙されない", "惑わされ",
    # the office naming a post or an account as an impersonation (…という投稿はなりすまし,
    # なりすましアカウントが出回っています, 名乗るなりすましにも注意)
    "にも注意", "にもご注意", "出回って", "はなりすまし",
)  # fmt: skip
# A fraud warning headed by a pun on a blessing (信じる者は救われる…？いいえ、確かめる者が救われ
# ます！還付金詐欺にご注意を) or naming the fraudster it describes (「詐欺師」の電話は市役所を名乗り
# ます): a scam warning in the sentences around cancels a religious or defamation finding, the
# latter only where its own sentence names no person (〇〇さんは詐欺師).
_SCAM_WARNINGS = (
    "詐欺にご注意", "詐欺に注意", "詐欺に要注意", "詐欺に気をつけ", "詐欺にお気をつけ",
    "詐欺にだまされ", "詐欺に騙され", "詐欺の手口", "詐欺被害", "詐欺の被害", "詐欺が増えて",
    "詐欺が発生", "詐欺にあわない", "詐欺に遭わない", "詐欺防止", "詐欺対策",
)  # fmt: skip
_SCAM_CATEGORIES = frozenset({"religious", "defamation"})

_ACT_CATEGORIES = frozenset({"illegal", "public_order", "security"})
# v12: copying is an act too (無断転載はNG): the act cues answer for it, the next sentence does not.
_ACT_CUE_CATEGORIES = _ACT_CATEGORIES | {"ip_rights"}
_FOLDED = tuple(fold(c) for c in _CUES)
_FOLDED_ACTS = _FOLDED + tuple(fold(c) for c in _AGAINST_ACTS)
_FOLDED_EVASIONS = tuple(fold(c) for c in _EVASIONS)
_FOLDED_DISCLAIMED = tuple(fold(c) for c in _DISCLAIMED)
_FOLDED_SECURITY = _FOLDED_ACTS + tuple(fold(c) for c in _SECURITY_DENIALS)
_FOLDED_DISCRIMINATION = tuple(fold(c) for c in _AGAINST_DISCRIMINATION)
_FOLDED_DEFAMATION = tuple(fold(c) for c in _AGAINST_DEFAMATION)
_FOLDED_DEFAMATION_REPORTS = frozenset(fold(c) for c in _DEFAMATION_REPORTS)
_FOLDED_NEXT = tuple(fold(c) for c in _NEXT_SENTENCE_CUES)


def cue_regex(cues: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern for a set of cues: its leftmost match starts where the first cue does."""
    return re.compile("|".join(re.escape(c) for c in cues))


# One search instead of a str.find per cue (the model asks about many sentences per caption).
_CUES_RE = cue_regex(_FOLDED)
_ACTS_RE = cue_regex(_FOLDED_ACTS)
_NEXT_RE = cue_regex(_FOLDED_NEXT)
_CUES_BY_CATEGORY = {
    "discrimination": cue_regex(_FOLDED_DISCRIMINATION),
    "security": cue_regex(_FOLDED_SECURITY),
    "defamation": cue_regex(_FOLDED_DEFAMATION + tuple(_FOLDED_DEFAMATION_REPORTS)),
    "misinformation": cue_regex(tuple(fold(c) for c in _AGAINST_RUMOURS)),
    "impersonation": cue_regex(tuple(fold(c) for c in _AGAINST_IMPERSONATION)),
}
# v14: a list's heading that forbids or refuses its items (スポットでの禁止事項⏎・宗教の勧誘や布教
# を目的とした配布⏎・政治活動): each item is what the heading refuses. Not for discrimination,
# defamation or rumours, whose items are the harm whatever the heading (ご来場いただけない方⏎・…).
_LIST_HEADINGS = (
    "禁止事項", "禁止行為", "禁止されていること", "ng行為", "ngなこと", "ngです",
    "してはいけないこと",
    "ご遠慮いただくこと", "ご遠慮いただいていること", "お断りしているもの", "できないこと",
    "やめてほしいこと", "しないでほしいこと", "次の行為", "以下の行為",
)  # fmt: skip
_LIST_HEADINGS_RE = cue_regex(tuple(fold(c) for c in _LIST_HEADINGS))
_LISTED_CATEGORIES = STANCE_CATEGORIES - {"discrimination", "defamation", "misinformation"}
# Categories whose own cues are looked for in the sentence after, too.
_OWN_NEXT_CUES = ("misinformation", "impersonation")
_SCAM_RE = cue_regex(tuple(fold(c) for c in _SCAM_WARNINGS))
_ENDS = "。！!？?\n"
# The mark an answer opens with in a Q&A post (A. / A: / 答え / 回答), in the kana view.
_ANSWER_RE = re.compile(r"\s*[→⇒➡]?\s*(?:a\s*[.:)]|答え|回答|こたえ)")
_REACH = 60


# The first sentence end at or after a position, and the last one before it: one regex search
# each instead of a str.find or str.rfind per end character.
_END_RE = re.compile("[" + re.escape(_ENDS) + "]")
_LAST_END_RE = re.compile("[" + re.escape(_ENDS) + "](?=[^" + re.escape(_ENDS) + r"]*\Z)")


def _sentence(kana: str, start: int, end: int) -> str:
    lo = max(0, start - _REACH)
    hi = min(len(kana), end + _REACH)
    left = _LAST_END_RE.search(kana, lo, start) if lo < start else None
    # a hashtag line cut after a particle reads on past its line break (lines.py)
    while left is not None and continues_past(kana, left.start()):
        left = _LAST_END_RE.search(kana, lo, left.start()) if lo < left.start() else None
    right = _END_RE.search(kana, end, hi) if end < hi else None
    while right is not None and continues_past(kana, right.start()):
        right = _END_RE.search(kana, right.end(), hi)
    return kana[max(lo, left.start() + 1) if left else lo : right.start() if right else hi]


def _search(cues: re.Pattern[str], sentence: str) -> tuple[re.Match[str] | None, str]:
    """The first cue in ``sentence`` and the sentence it was found in, with the words that only
    look like a cue masked (same length) if a cue is found at all: most sentences have none, so
    they cost one search."""
    found = cues.search(sentence)
    if found is not None and _FALSE_CUES_RE.search(sentence):
        sentence = _FALSE_CUES_RE.sub(lambda m: "\uff3f" * len(m.group()), sentence)
        found = cues.search(sentence)
    return found, sentence


def warns_against(kana: str, start: int, end: int, category: str) -> bool:
    """True if the sentence around kana[start:end] warns against, forbids or corrects it."""
    if category not in STANCE_CATEGORIES:
        return False
    cues = _CUES_BY_CATEGORY.get(
        category, _ACTS_RE if category in _ACT_CUE_CATEGORIES else _CUES_RE
    )
    found, sentence = _search(cues, _sentence(kana, start, end))
    if found is None and category in _SCAM_CATEGORIES and _scam_warning(kana, start, end):
        return category != "defamation" or not _NAMED_RE.search(sentence)
    if found is None and _asks(kana, end):
        # v13: a question answered right after (Q. パスワード、教えてもらえる？ A. どなたにも
        # お伝えしていません): the answer's own cues are the stance. Only a marked answer (A.,
        # 答え): an opinion after a question (どの政党が…？ 与党はダメですね) is no answer to it.
        answer_cue, answer = _search(cues, _next_sentence(kana, end))
        if answer_cue is not None and _ANSWER_RE.match(answer):
            return not _evades(answer, answer_cue.start())
    if found is None and category in _LISTED_CATEGORIES:
        heading = list_heading(kana, start)
        if heading is not None and _refuses(heading, cues):
            return not _evades(sentence, len(sentence))
    if found is None:
        if category in _ACT_CATEGORIES or category in ("commercial", *_OWN_NEXT_CUES):
            next_cues = cues if category in _OWN_NEXT_CUES else _NEXT_RE
            following_cue, following = _search(next_cues, _next_sentence(kana, end))
            if following_cue and not _evades(following, 0):
                return not _evades(sentence, len(sentence))
        return False
    if found.group() in _FOLDED_DEFAMATION_REPORTS and _REPORT_NAMED_RE.search(sentence):
        return False
    return not _evades(sentence, found.start())


def _refuses(heading: str, cues: re.Pattern[str]) -> bool:
    """True if a list's heading forbids or refuses what it lists (禁止事項, …はご遠慮ください)."""
    cue, heading = _search(cues, heading)
    if cue is None:
        cue, heading = _search(_LIST_HEADINGS_RE, heading)
    return cue is not None and not _evades(heading, cue.start())


def _asks(kana: str, end: int) -> bool:
    """True if the sentence around ``end`` is a question (ends with ?)."""
    hi = min(len(kana), end + _REACH)
    right = _END_RE.search(kana, end, hi) if end < hi else None
    return right is not None and right.group() == "?"


def _scam_warning(kana: str, start: int, end: int) -> bool:
    """True if a fraud warning stands within reach either side of kana[start:end]."""
    return _SCAM_RE.search(kana, max(0, start - _REACH), min(len(kana), end + _REACH)) is not None


def _next_sentence(kana: str, end: int) -> str:
    """The sentence after the one around ``end`` (bounded)."""
    hi = min(len(kana), end + _REACH)
    right = _END_RE.search(kana, end, hi) if end < hi else None
    if right is None:
        return ""
    start = right.start() + 1
    # "。\n" or "！！" ends one sentence: the next begins after the run (bounded by the reach)
    while start < hi and kana[start] in _ENDS:
        start += 1
    return _sentence(kana, start, start)


def _evades(sentence: str, first_cue: int) -> bool:
    """True if the sentence turns its warning words round into a call to do the act."""
    for word in _FOLDED_EVASIONS:
        at = sentence.find(word)
        while at != -1:
            tail = sentence[at + len(word) : at + len(word) + 8]
            # "うわさ話ではなく本当の話": the true story set against the rumour corrects it.
            contrasted = sentence.rfind("ではなく", max(0, at - 14), at) != -1
            if not contrasted and not any(d in tail for d in _FOLDED_DISCLAIMED):
                return True
            at = sentence.find(word, at + 1)
    return any(sentence.find(c, first_cue) != -1 for c in _CONTRASTS)
