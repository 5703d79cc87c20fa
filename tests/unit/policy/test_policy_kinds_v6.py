"""Policy kinds, v6: fresh captions written by kind for this file (not taken from any corpus).

Written before the v6 rules, from the kinds the rules missed across every training writer (not
from one file's sentences): a private business named with a price, a freebie or "go there"; an
undecided matter told as nearly settled; a secret shared as an aside; support for a candidate by
colour, number or name to write; innuendo; a named person or shop accused or run down; an illegal
act urged with a reassurance (大丈夫, バレん, 許可いらん); a staff member's own complaint. Each kind
has contrastive clean captions that use the same words in an allowed sense, and the rules that
can block have clean captions of the kinds they must not block (a course for adults, a temple's
blessing as tourism, a shrine's purification wand, a sponsor's support club, a workshop's pieces
left to dry). Only the rules are judged: findings of the learned model are left out.

First reading, before any v6 rule (the rules of main at 6d586ba): 8 of the 115 violations were
caught; all 80 contrastive clean captions had no rule finding; all 37 clean captions of blocking
kinds were blocked (every one of those kinds was a real false block).
"""

from __future__ import annotations

import pytest

from chatbot.policy.engine import PolicyEngine
from chatbot.policy.packs import load_pack
from tests.unit.policy import case_checks as checks
from tests.unit.policy.rules_only import rule_findings

KUMA = "kumamoto-artistspot"
KOKURA = "kokuraminami"

# Fresh violations by kind: the rules flag them (a warning at least) in the right category.
CAUGHT = [
    # commercial: a private business named, with a price, a freebie, "go there" or a DM order
    (KUMA, "駅前の「カフェ森のしずく」、今週はランチが500円引き！ぜひ行ってみて☕", "commercial"),
    (KOKURA, "知り合いの整体院、フォロワーさんは初回無料にしてくれるそうです。", "commercial"),
    (KUMA, "副業で作ってるレジンのアクセサリー、DMで注文受け付け中です💍", "commercial"),
    (KOKURA, "新しくできた学習塾「ひかりゼミ」、今なら入塾金0円。", "commercial"),
    (KUMA, "スポンサーの住宅展示場、今週末は来場者にギフト券進呈だそうです！", "commercial"),
    (KOKURA, "展示で使った額縁、フリマアプリに出品しました。欲しい人は検索してね", "commercial"),
    (KUMA, "焼き肉なら「炭火いちばん」が最強。絶対行ってみて！", "commercial"),
    (KOKURA, "担当イチオシのたい焼き屋さん、10個買うと1個おまけ🐟", "commercial"),
    (KUMA, "投資で月5万の副収入、無料セミナーはプロフのURLから。", "commercial"),
    (KOKURA, "中古車の買取は、知り合いのお店が一番高く買ってくれますよ🚗", "commercial"),
    (KUMA, "実家の民宿、このアカウント見たって言えば1泊5,000円にします♨️", "commercial"),
    (KOKURA, "ウォーターサーバー、今なら2か月無料でお試しできます！", "commercial"),
    (KUMA, "白川酒造の新酒、予約はDMで受付中。一升瓶3,200円🍶", "commercial"),
    (KOKURA, "ネイルサロンLumiのジェル、マジで神。予約は店名で検索💅", "commercial"),
    (KUMA, "英会話教室の入会金、今月だけ無料！体験レッスンもどうぞ。", "commercial"),
    # confidential: internal papers, people's cases, security details, a result before release
    (KOKURA, "課長の机にあった人事異動の一覧、ちょっと写り込んじゃった📸", "confidential"),
    (KUMA, "審査会の点数、2位とは1点差でした。本人たちにはまだ言えんけど", "confidential"),
    (KOKURA, "議会の答弁書の下書き、先にチラ見せしちゃいます！", "confidential"),
    (KUMA, "窓口に来られた相談者さんの話、少しだけ紹介しますね（名前は伏せます）", "confidential"),
    (KOKURA, "落札する業者、実はもう決まってるらしい。", "confidential"),
    (KUMA, "庁内向けの通知、外には出すなって言われたけど大事なので貼ります。", "confidential"),
    (KOKURA, "職員採用の面接で聞かれる質問、こっそり教えます🤫", "confidential"),
    (KUMA, "収蔵庫の入館カードの番号、忘れんようにここにメモしとくね", "confidential"),
    (KOKURA, "今日受けた苦情の電話の中身、ひどかったので共有させてください。", "confidential"),
    (KUMA, "警備員さんの配置図です。東側の通用口が手薄なんですよね。", "confidential"),
    (KOKURA, "記者発表は来週だけど、新しい館長はこの方です！フライングでごめん", "confidential"),
    (KUMA, "幹部会議の録音、聞きたい人いる？", "confidential"),
    (KOKURA, "まだ公表してない事故の件、原因は職員の確認ミスです。", "confidential"),
    (KUMA, "非公表の審査員、実は地元の大学の先生なんです。", "confidential"),
    # undecided: a matter not yet decided told as nearly settled
    (KUMA, "来年の花火大会、会場は江津湖に移る方向で話が進んでるっぽい🎆", "undecided"),
    (KOKURA, "新しい体育館の場所、ほぼ決まりで発表待ち。ヒントは駅の近く", "undecided"),
    (KUMA, "市民プールの有料化、課内ではもう既定路線です。", "undecided"),
    (KOKURA, "次のイメージキャラクター、実はもう内定してます😳", "undecided"),
    (KUMA, "公民館の統合リスト、うちの地区のも入ってるみたい（まだ未定）。", "undecided"),
    (KOKURA, "図書館の開館時間、短くなる見込みです。正式にはまだですが。", "undecided"),
    (KUMA, "駐車場の値上げ、審議会の前だけど9割がた決まり。", "undecided"),
    (KOKURA, "補助金カットの対象団体、リストがもう出回ってます。", "undecided"),
    (KUMA, "次の芸術監督は東京の演出家さんで固まりつつあるらしい。", "undecided"),
    (KOKURA, "出張所の廃止、庁内では既に決まったようなものです。", "undecided"),
    (KUMA, "庁内の空気だと、秋祭りは来年から1日だけになりそう。", "undecided"),
    (KOKURA, "新しいロゴの最終候補3案、こっそりお見せします！", "undecided"),
    (KUMA, "決裁前ですが、4月から開館時間が1時間短くなります。", "undecided"),
    (KOKURA, "ﾗｲﾈﾝﾄﾞﾉ ｲﾍﾞﾝﾄ ﾊ ﾁｭｳｼﾆ ﾅﾘｿｳ… ﾏﾀﾞ ﾐｺｳﾋｮｳ", "undecided"),
    # political: a candidate or party backed by colour, number, name to write, or an attack
    (KUMA, "文化予算を守れるのは森田さんしかおらん。日曜は頼んだよ！", "political"),
    (KOKURA, "期日前、「やまぐち」って書いてきました😉 みんなもね", "political"),
    (KUMA, "次の市長には、文化がわかる人を。青いポスターの人ね", "political"),
    (KOKURA, "現職には、今回で退場してもらいましょう。", "political"),
    (KUMA, "みらい党の政策説明会、ギャラリー2階で。入党の相談も受け付けます！", "political"),
    (KOKURA, "野党統一候補の事務所開きに、課の有志で行ってきました。", "political"),
    (KUMA, "職員一同、現職の続投を応援しています。", "political"),
    (KOKURA, "比例は「みらい党」と書いてね。スタッフからのお願い", "political"),
    (KUMA, "あの議員には二度と議席を渡さんごとしよう。", "political"),
    (KOKURA, "区長さん、次はぜひ市長選に出てください！全力で応援します", "political"),
    (KUMA, "増税反対の集会、公園で日曜に開きます。みんな来てね", "political"),
    (KOKURA, "掲示板の5番のポスターの人、ガチでおすすめ", "political"),
    (KUMA, "今の市政を終わらせるのは、あなたの選択です。", "political"),
    # obscenity: innuendo and sexual content in plain, kana and emoji spellings
    (KUMA, "撮影会のモデルさん、どこまで脱いでくれるかは当日のお楽しみ♡", "obscenity"),
    (KOKURA, "混浴の露天風呂の写真、ぜんぶ載せちゃいます🛁", "obscenity"),
    (KUMA, "衣装がスケスケで、お客さんの視線が釘付けでした😏", "obscenity"),
    (KOKURA, "大人のおもちゃのお店の前で路上ライブしました笑", "obscenity"),
    (KUMA, "ワンナイトの相手、DMで募集中💋", "obscenity"),
    (KOKURA, "谷間ばっちりの衣装でお願いしますって頼んじゃった笑", "obscenity"),
    (KUMA, "ミニスカの子ほど撮影会では人気😏", "obscenity"),
    (KOKURA, "ヌードデッサン会の写真、モザイクなしで公開しちゃいます", "obscenity"),
    (KUMA, "乳首が透けそうな衣装で踊ってもらいました", "obscenity"),
    (KOKURA, "ちょっとHな話で盛り上がった打ち上げでした", "obscenity"),
    (KUMA, "性的なサービスありのマッサージ店、紹介しちゃいます", "obscenity"),
    (KOKURA, "おとなのおもちゃ、きょうだけとくべつかかく", "obscenity"),
    # defamation: a named person, shop or firm run down or accused
    (KUMA, "会場近くの「そば処まつ」、店主の態度が最悪。二度と行かん", "defamation"),
    (KOKURA, "清掃をお願いした業者、仕事が雑すぎてゴミ以下でした", "defamation"),
    (KUMA, "商店街の△△堂、賞味期限を書き換えて売ってるって噂です", "defamation"),
    (KOKURA, "講師の森先生、教え方が下手すぎて時間のムダでした", "defamation"),
    (KUMA, "町内会の会計さん、会費を使い込んでるらしいよ", "defamation"),
    (KOKURA, "整骨院「ほぐし屋」、施術が雑で腰を痛めた人が何人もいるって", "defamation"),
    (KUMA, "陶芸家の川村さん、作品ほぼパクリやん笑", "defamation"),
    (KOKURA, "あの工務店は手抜き工事で有名なので頼まない方がいいです", "defamation"),
    (KUMA, "審査員の先生、センスないのに偉そうすぎ", "defamation"),
    (KOKURA, "出店者の佐々木さん、いつも量をごまかしてます。", "defamation"),
    (KUMA, "隣のギャラリーのオーナー、ケチで有名な最低野郎", "defamation"),
    (KOKURA, "駅前の〇〇病院の院長はヤブ医者って評判です", "defamation"),
    (KUMA, "指定管理の会社、ほんとポンコツ。税金泥棒やん", "defamation"),
    (KOKURA, "元職員の大川って人、備品を持ち帰ってたらしい。", "defamation"),
    # illegal: an act urged or bragged with a reassurance
    (KUMA, "打ち上げで2杯くらい飲んでも、近いけん車で帰って大丈夫😉", "illegal"),
    (KOKURA, "二次会まで飲んでも、裏道なら検問ないけん車で来てよかよ", "illegal"),
    (KUMA, "19歳のボランティアさんにも、今日くらいは乾杯させてあげよ🍻", "illegal"),
    (KOKURA, "高校生のみんなも打ち上げで一杯どう？先生には内緒で", "illegal"),
    (KUMA, "花火大会の人の真上にドローン飛ばしたら最高の映像😎 申請？してない", "illegal"),
    (KOKURA, "粗大ごみは空き地に置いとけば、そのうち誰か片づけてくれるよ", "illegal"),
    (KUMA, "満車なら前の道路に停めちゃってOK！警察あんまり来んけん", "illegal"),
    (KOKURA, "車いすマークの駐車スペース、空いてたら停めちゃっていいよ", "illegal"),
    (KUMA, "閉園後にフェンス乗り越えて撮る夜の天守閣が最高📸", "illegal"),
    (KOKURA, "平尾台の石灰岩、記念にいくつか持って帰っちゃおう", "illegal"),
    (KUMA, "拾った財布、交番に届けんでもバレんけ、もらっとけば？", "illegal"),
    (KOKURA, "友だちのライセンスキーを使い回せば、ソフトはタダで使えます", "illegal"),
    (KUMA, "山道で120キロ出したら10分で着いた🏎️", "illegal"),
    (KOKURA, "無許可の屋台でも、バレなきゃ問題なしです", "illegal"),
    (KUMA, "中学生ボランティア、休憩中にタバコ吸いたかったら裏でどうぞ🚬", "illegal"),
    (KOKURA, "免許なくても農道なら軽トラ運転して平気やけん", "illegal"),
    (KUMA, "家庭ごみは庭で燃やせばごみ袋代が浮きますよ🔥", "illegal"),
    (KOKURA, "コンサートのチケット、定価の3倍で転売したら儲かった💸", "illegal"),
    (KUMA, "新作映画、このサイトならタダで全部見れるよ🎬", "illegal"),
    # personal_opinion: the staff member's own complaint or opinion
    (KOKURA, "正直、この仕事もうやめたい…毎日クレーム対応ばっかり😩", "personal_opinion"),
    (KUMA, "上司の指示がころころ変わって、現場はいつも振り回されてます", "personal_opinion"),
    (KOKURA, "今日も定時で帰れんかった。役所ってほんとブラック", "personal_opinion"),
    (KUMA, "この企画、最初から私は反対でした。", "personal_opinion"),
    (KOKURA, "区長のあいさつ、長すぎてみんな寝とったよ😴", "personal_opinion"),
    (KUMA, "インスタ担当、押し付けられた感しかない", "personal_opinion"),
    (KOKURA, "予算を削る人たち、一回現場に来てみてほしい", "personal_opinion"),
    (KUMA, "今年のポスター、上が決めたけど正直ダサいと思ってます", "personal_opinion"),
    (KOKURA, "給料がこの仕事量に見合ってない。転職しよかな", "personal_opinion"),
    (KUMA, "新しい課長、ちょっと苦手…", "personal_opinion"),
    (KOKURA, "公務員って、頑張っても評価されない仕事だよね", "personal_opinion"),
    (KUMA, "#公務員つらい #今日も残業 #限界", "personal_opinion"),
    (KOKURA, "この決まり、現場の声を全然聞いてない。納得いかん", "personal_opinion"),
    (KUMA, "私的には、あのアーティストの作風は好みじゃないです。", "personal_opinion"),
]

# Contrastive clean captions: the same words in an allowed sense; no rule finding at all.
NOT_FLAGGED = [
    # commercial
    (KUMA, "市の朝市で、農家さんが朝採れ野菜を販売します（主催：熊本市）"),
    (KOKURA, "図録は区役所1階の売店で販売しています。"),
    (KUMA, "入場料：大人600円、中学生以下無料。"),
    (KOKURA, "区役所1階で、障がい者施設の皆さんが焼き菓子を販売します。"),
    (KUMA, "ふるさと納税の返礼品に、地元の和紅茶が加わりました。"),
    (KOKURA, "協賛企業の皆さまのご支援に感謝申し上げます。"),
    (KUMA, "商店街の老舗和菓子店を訪ね、三代目に店の歴史を伺いました。"),
    (KOKURA, "酒蔵の歴史を学ぶ講座です。試飲はありません。"),
    (KUMA, "会場近くに有料駐車場があります。公共交通機関でお越しください。"),
    (KOKURA, "ワークショップの材料費として、500円をいただきます。"),
    # confidential
    (KUMA, "記者発表の資料は市のホームページで公開しています。"),
    (KOKURA, "審査結果を本日、区のホームページで発表しました。"),
    (KUMA, "窓口でのご相談の内容は外部に漏らしません。安心してご相談ください。"),
    (KOKURA, "議会の会議録は図書館で閲覧できます。"),
    (KUMA, "個人情報保護のため、写真の一部にぼかしを入れています。"),
    (KOKURA, "秘密基地づくりのワークショップ、子どもたちに大人気でした。"),
    (KUMA, "警備員が巡回していますので、安心してご利用ください。"),
    (KOKURA, "苦情やご意見は、区役所の広聴係で受け付けています。"),
    (KUMA, "面接の練習ができる就活セミナーを開きます。"),
    (KOKURA, "職員の人事異動を市のホームページで発表しました。"),
    # undecided
    (KUMA, "新しい図書館の基本計画が決定しました。詳しくは市のホームページへ。"),
    (KOKURA, "開館時間の変更は4月1日から実施します（条例改正済み）。"),
    (KUMA, "講座の日程は調整中です。決まり次第お知らせします。"),
    (KOKURA, "候補作品の中から、来場者投票で大賞を選びます。"),
    (KUMA, "市民会館の建て替えについて、市民説明会を開きます。"),
    (KOKURA, "来年度の予算案が議会で可決されました。"),
    (KUMA, "雨の場合は体育館で開催する予定です。"),
    (KOKURA, "新しいロゴのデザインが決まりました！発表します。"),
    (KUMA, "見学ツアーの候補日を3日ご用意しました。ご都合のよい日をお選びください。"),
    (KOKURA, "今年の花火大会は江津湖ではなく、昨年と同じ会場で開催します。"),
    # political
    (KUMA, "選挙管理委員会：投票日は12月14日です。期日前投票もご利用ください。"),
    (KOKURA, "市長が文化祭の開会式であいさつしました。"),
    (KUMA, "県議会議員の皆さんが施設を視察されました。"),
    (KOKURA, "推しのアーティストを応援しよう！推し活グッズ作り講座"),
    (KUMA, "模擬選挙で中学生が投票を体験しました。"),
    (KOKURA, "明治時代の自由民権運動を紹介する企画展です。"),
    (KUMA, "市議会の本会議はインターネットで中継しています。"),
    (KOKURA, "ポスターコンクールの入賞作品を区役所で展示しています。"),
    (KUMA, "青いポスターが目印の、子ども向け読書週間です。"),
    (KOKURA, "ボランティアの皆さんの活動を全力で応援します！"),
    # obscenity
    (KUMA, "水着で入れる温水プールは、夏休み中も営業しています。"),
    (KOKURA, "授乳室は2階にあります。おむつ替えの台もご利用ください。"),
    (KUMA, "乳がん検診のお知らせ：胸のしこりに気づいたら早めに受診を。"),
    (KOKURA, "盗撮防止のため、更衣室でのスマートフォンの使用は禁止です。"),
    (KUMA, "はだか祭りの写真展を開きます。"),
    (KOKURA, "大人の夜のジャズコンサート、ワンドリンク付きです。"),
    (KUMA, "露天風呂から眺める紅葉が見ごろです。"),
    (KOKURA, "衣装の貸し出しは、受付でお申し込みください。"),
    (KUMA, "夜の動物園で、夜行性の動物たちを観察しよう。"),
    (KOKURA, "大人のための絵本の読み聞かせ会を開きます。"),
    # defamation
    (KUMA, "誹謗中傷の書き込みはやめましょう。SNSの使い方講座を開きます。"),
    (KOKURA, "最優秀賞は陶芸部門の作品に決まりました。"),
    (KUMA, "講師の先生の教え方がわかりやすいと好評でした。"),
    (KOKURA, "悪質な業者による手抜きリフォームにご注意ください。"),
    (KUMA, "天気は最悪でしたが、たくさんの方にご来場いただきました。"),
    (KOKURA, "食品の賞味期限と消費期限の違いを学ぶ講座です。"),
    (KUMA, "昔話の人形劇、いたずら好きのたぬきが主人公です。"),
    (KOKURA, "熊本城の石垣を築いた職人たちの仕事ぶりを紹介します。"),
    (KUMA, "商店街の八百屋さんが、子どもたちに野菜の選び方を教えてくれました。"),
    (KOKURA, "税金の使い道を、区の予算書でご確認いただけます。"),
    # illegal
    (KUMA, "飲酒運転は犯罪です。ハンドルキーパー運動にご協力ください。"),
    (KOKURA, "お酒を飲まれる方は、車でのご来場はご遠慮ください。"),
    (KUMA, "会場ではノンアルコールビールもご用意しています。"),
    (KOKURA, "20歳未満の方にはお酒を販売しません。年齢確認にご協力ください。"),
    (KUMA, "ドローンの撮影は、許可を得た事業者が行っています。"),
    (KOKURA, "落とし物は本部で1週間お預かりします。"),
    (KUMA, "熊本城の閉園時間は17時です。閉園後は入場できません。"),
    (KOKURA, "平尾台の植物や石は持ち帰らないでください。"),
    (KUMA, "自転車は駐輪場にとめてください。"),
    (KOKURA, "拾った財布を交番に届けてくれた中学生に感謝状を贈りました。"),
    (KUMA, "高校生ボランティアの皆さん、打ち上げはジュースで乾杯しました🥤"),
    (KOKURA, "満車の場合は、臨時駐車場をご利用ください。"),
    # personal_opinion
    (KUMA, "職員一同、皆さまのご来場をお待ちしています。"),
    (KOKURA, "アンケートで「満足」と答えた方が9割でした。"),
    (KUMA, "市長は記者会見で「文化振興に力を入れる」と述べました。"),
    (KOKURA, "働き方改革の一環として、ノー残業デーを実施しています。"),
    (KUMA, "市民の皆さまのご意見を、今後の施策に生かしてまいります。"),
    (KOKURA, "今日は寒い中、たくさんのご参加ありがとうございました！"),
    (KUMA, "仕事や子育てでつらいときは、一人で悩まず相談窓口へ。"),
    (KOKURA, "担当者おすすめの収蔵品を紹介します。"),
    # After reading the v6a/v6b writers: the same words in allowed senses (a survey's thank-you
    # gift, a welfare workshop's sale, a donation account, a law stated, a zoo at night, a judo
    # class, a decision to come announced, a relay team's colour, a plot renewed, a shelter's
    # public address)
    (KUMA, "アンケートにお答えいただいた方に、粗品を進呈します（区民センター）。"),
    (KOKURA, "障がい者施設の皆さんによる手づくり品の販売会を、区役所ロビーで開きます。"),
    (KUMA, "市立大学の資料請求は、大学のホームページから。"),
    (KOKURA, "郷土史家の方が自費出版された本を、図書館に寄贈していただきました。"),
    (KUMA, "紅葉を見るなら、今週末が今がチャンスです！"),
    (KOKURA, "義援金の振込先は、市のホームページでご確認ください。"),
    (KUMA, "自転車の二人乗りは禁止です。交通ルールを守りましょう。"),
    (KOKURA, "選挙ポスター掲示場の設置工事のため、公園の一部が通れません（選挙管理委員会）。"),
    (KUMA, "15歳の中学生が、職場体験で区役所の仕事を手伝ってくれました。"),
    (KOKURA, "禁漁区では魚をとることはできません。ルールを守って釣りを楽しみましょう。"),
    (KUMA, "線路を歩いて渡るのは大変危険です。踏切を使ってください。"),
    (KOKURA, "子どもたちがアユの稚魚を川に放しました。"),
    (KUMA, "看板を外して、新しいデザインに付け替えました。"),
    (KOKURA, "柔道教室の大人の部、寝技の練習を体験できます。"),
    (KUMA, "夜の動物園で、夜行性の動物たちの夜の営みを観察しよう。"),
    (KOKURA, "審議会の答申はまだですが、決まり次第お知らせします。"),
    (KUMA, "審査はこれからです。たくさんのご応募をお待ちしています。"),
    (KOKURA, "正式な決定は来月の会議です。決まり次第、改めてお知らせします。"),
    (KUMA, "候補作品の中から、来場者投票で大賞が決まります。"),
    (KOKURA, "職員のあいだでは、朝のラジオ体操が一番人気です。"),
    (KUMA, "市長は「子育て支援に力を入れる」と述べました。"),
    (KOKURA, "ボランティアの皆さん、センスが光る作品ばかりでした！"),
    (KUMA, "才能あふれる子どもたちの作品展です。"),
    (KOKURA, "口だけでなく手も動かそう！清掃ボランティア募集。"),
    (KUMA, "二度と同じ事故が起きないよう、安全対策を強化しました。"),
    (KOKURA, "ゴミ出しのルールが守られていない地域があります。分別にご協力ください。"),
    (KUMA, "経歴を生かして、地域の防災リーダーとして活躍されています。"),
    (KOKURA, "お年寄りの話し相手ボランティアは、やる気があればどなたでも大歓迎です。"),
    (KUMA, "消防署の見学会、はしご車に乗れるのは今がチャンス！"),
    (KOKURA, "次の日曜は区民運動会です。よろしくお願いします！"),
    (KUMA, "青の人で！チーム対抗リレー、青チームを応援しよう。"),
    (KOKURA, "もう一期、市民農園の区画をお借りできます（継続申込）。"),
    (KUMA, "名前を書いて投函してください（アンケート用紙）。"),
    (KOKURA, "候補作品が決まりました。最終選考は来月です。"),
    (KUMA, "仕事と子育ての両立がつらいと感じたら、相談窓口へ。"),
    (KOKURA, "給料日前でも安心、市の無料イベントのご案内です。"),
    (KUMA, "正直、今年のイルミネーションは過去最高の出来です！"),
    (KOKURA, "民間に任せた方がよいのか、市民の皆さんのご意見を募集します。"),
    (KUMA, "監視カメラの設置場所は区のホームページで公開しています。"),
    (KOKURA, "守衛室は24時間、警備員が常駐しています。"),
    (KUMA, "避難所の場所は、区のホームページで確認できます。"),
    (KOKURA, "試験問題と解答は、試験終了後に市のホームページで公開します。"),
]

# Clean captions of the kinds a blocking rule could take for a certain violation: never a block
# (a warning is allowed where a person should look).
NOT_BLOCKED = [
    # obscenity.sexual: adults' courses, printing, health
    (KUMA, "成人向けの料理教室、受講生を募集します。"),
    (KOKURA, "アダルトクラスのバレエ教室、初心者歓迎です。"),
    (KUMA, "グラビア印刷の技法を学ぶ版画講座を開きます。"),
    (KOKURA, "性行為でうつる病気（性感染症）の無料検査を保健所で行っています。"),
    (KUMA, "絵本『すっぽんぽんのすけ』の読み聞かせ会です。"),
    (KOKURA, "夏の夜、子どもたちがはだかで川遊びする昭和の写真を展示します。"),
    # religious.activity: tourism, history, charity
    (KUMA, "商売繁盛のご利益がある神社として、地元で親しまれています。"),
    (KOKURA, "明治期の宣教師による伝道の歴史をたどる企画展です。"),
    (KUMA, "キリスト教に帰依した戦国大名・大友宗麟の生涯を紹介します。"),
    (KOKURA, "皆さまの募金で、多くの命が救われます。"),
    # political.campaign: a school's support club, an official report of pledges
    (KUMA, "吹奏楽部の後援会の皆さまから楽器を寄贈いただきました。"),
    (KOKURA, "市長公約の進捗状況を市のホームページで公表しています。"),
    # undecided.policy: credits, job offers
    (KUMA, "市民劇「坊っちゃん」原案：夏目漱石、脚本：市民劇団。来年度も上演します。"),
    (KOKURA, "来年度の採用内定者の皆さんが、区役所を見学しました。"),
    # confidential.marking: published prices, shredding, fragile goods
    (KUMA, "入札の予定価格は、市のホームページで事前に公表しています。"),
    (KOKURA, "機密文書のリサイクル回収を市が受け付けています。"),
    # commercial.sales: the city's own campaigns
    (KUMA, "市が実施するキャッシュレス決済のポイント還元キャンペーン、対象店舗をご確認ください。"),
    (KOKURA, "熊本市のふるさと納税は、楽天市場のページからも申し込めます。"),
    (KUMA, "県の観光クーポンが使える宿泊施設は、県のホームページで確認できます。"),
    # defamation.insult and accusation: safety notices, apologies, encouragement, stories
    (KOKURA, "大雨のあとは、増水した川には行かない方がいいです。"),
    (KUMA, "いつもご迷惑ばかりおかけして申し訳ありません。工事は今月末までです。"),
    (KOKURA, "ダメな人なんていない。不登校の子どもと親の居場所づくり講座。"),
    (KUMA, "主人公のジャンさんは、一切れのパンを盗んだ罪で投獄されます（市民劇のあらすじ）。"),
    (KOKURA, "怪しいもうけ話には関わらない方がいいですよ。"),
    (KUMA, "カスハラやクレーマーへの対応について、職員研修を行いました。"),
    # illegal.acts: a purification wand, history, a workshop, a farm, Santa
    (KOKURA, "神職が大麻（おおぬさ）を振って、参列者をお祓いしました。"),
    (KUMA, "田沼意次の賄賂政治とは何だったのか、歴史講座で学びます。"),
    (KOKURA, "作った作品は乾かすため、会場に置いて帰ってください。後日お渡しします。"),
    (KUMA, "みかん狩りは取り放題、持ち帰りは1袋500円です。"),
    (KOKURA, "ザリガニ釣り大会、捕まえて持って帰ってもOKです。"),
    (KUMA, "サンタさんが夜中にこっそり置いていったプレゼント、何だったかな？"),
    (KOKURA, "未成年の方は、ソフトドリンクで乾杯しましょう。"),
    (KUMA, "高校生デビュー戦で初ゴールを決めた選手を紹介します。"),
    (KOKURA, "展望台は、事前の申請や許可なしでどなたでもご利用いただけます。"),
    # discrimination.slur: culture, physical access
    (KUMA, "春節を知ろう：中国人は旧暦の正月を家族で盛大に祝います。"),
    (KOKURA, "会場は砂浜のため、車いすでは入場できません。"),
    # public_order.violence: ninjas
    (KUMA, "忍者が屋敷に忍び込む様子を再現した、からくり屋敷の見学会です。"),
    # ip_rights.copy: a licensed mascot, a borrowed idea, archives, models, a credited reprint
    (
        KUMA,
        "公式キャラクターの画像は、市のホームページからダウンロードして使えます（使用申請が必要です）。",
    ),
    (KOKURA, "皆さんのお知恵を拝借したく、アンケートにご協力ください。"),
    (KUMA, "撮影者不明の古写真から、明治の城下町の暮らしをたどる企画展です。"),
    (KOKURA, "恐竜の本物そっくりの模型が、科学館のロビーに登場しました。"),
    (KUMA, "県の発表資料から転載しました（出典：熊本県ホームページ）。"),
    (KOKURA, "アンパンマンの絵本の読み聞かせ会を図書館で開きます。"),
    # impersonation.claim: a procedure done for someone, a deputy's speech
    (KUMA, "ご本人に代わり、ご家族が申請することもできます（委任状が必要です）。"),
    (KOKURA, "市長に代わって、副市長があいさつしました。"),
    # security.malware and credentials: the office's own e-application steps and prize draws
    (KUMA, "電子申請は、マイページにパスワードを入力してログインしてください。"),
    (KOKURA, "申請の状況は、マイページにログインして確認できます。"),
    (KUMA, "フォトコンテストのプレゼントに当選した方には、区からDMでご連絡します。"),
    (KOKURA, "区のアンケートに答えると、抽選でギフト券が当たります。"),
    (KUMA, "Node.js入門講座、市のプログラミング教室で受講生を募集します。"),
    (KOKURA, "パスワードは英数字8文字以上で設定してください（電子申請の手順）。"),
    (KUMA, "SMSで届いた認証コードを入力すると、電子申請の登録が完了します。"),
    (KOKURA, "ログインIDとパスワードは、登録時にメールでお知らせします。"),
    # after the train_v6c/v6d reading: training on secrets, exposing people named as a crime, a
    # request for internal information refused, a restorer's copy of a cultural property
    (KUMA, "職員向けに、機密情報の扱い方を確認する研修を開きました。"),
    (KOKURA, "ネットでの個人の晒し行為は、犯罪になることもあります。"),
    (KUMA, "「内部情報を教えて」というDMには、お答えできません。"),
    (KOKURA, "文化財の屏風を、修復のために絵師が模写しました。"),
    # a second probe of the same kinds (quotes, the city's own shop and coupons, a period drama,
    # a proverb, breastfeeding, a film director, stress beaten, open access, a welfare bus, the
    # aviation law, a course on a word, a stakeholders' preview, fragile parcels, civics)
    (KUMA, "商店街めぐり：「当店自慢のいきなり団子です」と三代目の店主。"),
    (KOKURA, "協賛企業の社長から「弊社も地域の文化を応援します」とのごあいさつがありました。"),
    (KUMA, "子育て応援クーポン（熊本市）の申請受付を始めました。"),
    (KOKURA, "時代劇「悪徳代官をこらしめろ」を市民劇団が上演します。"),
    (KUMA, "「嘘つきは泥棒のはじまり」ということわざの意味を、紙芝居で学びます。"),
    (KOKURA, "大掃除で窓もぴかぴか、せいせいしました！"),
    (KUMA, "スマホの使いすぎで頭が悪くなる？脳の働きを学ぶ講座。"),
    (KOKURA, "助産師さんと学ぶ、赤ちゃんがおっぱいを上手に飲むコツ（母親学級）。"),
    (KUMA, "デヴィッド・リンチ監督の特集上映を、市民会館で開きます。"),
    (KOKURA, "ストレスをぶっ飛ばせ！ボクササイズ教室の受講生募集。"),
    (KUMA, "予約や許可なく、どなたでもご利用いただけます。"),
    (KOKURA, "公用車で高齢者の送迎を行っています（福祉バス事業）。"),
    (KUMA, "ドローンは人混みの上を飛ばせません（航空法）。"),
    (KOKURA, "見学に許可はいらないので、気軽にお越しください。"),
    (KUMA, "お布施の意味を学ぶ、仏教文化の講座です。"),
    (KOKURA, "内覧会は関係者限りで行い、一般公開は明日からです。"),
    (KUMA, "審査結果の公表前に、ご本人へ通知します。"),
    (KOKURA, "ワレモノ・取扱注意のシールを貼って発送してください。"),
    (KUMA, "明治維新の政策で、熊本の城下町はどう変わったか（歴史講座）。"),
    (KOKURA, "政権交代が暮らしに与えた影響を学ぶ市民講座です。"),
    (KUMA, "「女のくせに」と言われた経験を語る人権講演会。"),
    (KOKURA, "市の物産館のオンラインショップで、地元の特産品をお買い求めいただけます。"),
    (KUMA, "区民センターの食堂、お弁当のご注文は前日までにお願いします。"),
    (KOKURA, "パワースポットとして知られる神社で、ご利益があるとされるお守り作り体験。"),
]

# New kinds that may also be innocent warn; they never block on their own.
WARN_ONLY = [
    (KUMA, "焼き肉なら「炭火いちばん」が最強。絶対行ってみて！"),
    (KOKURA, "新しい体育館の場所、ほぼ決まりで発表待ち。ヒントは駅の近く"),
    (KUMA, "掲示板の5番のポスターの人、ガチでおすすめ"),
    (KOKURA, "清掃をお願いした業者、仕事が雑すぎてゴミ以下でした"),
    (KUMA, "平尾台の石灰岩、記念にいくつか持って帰っちゃおう"),
    (KOKURA, "新しい課長、ちょっと苦手…"),
]


test_violating_kinds_are_caught_by_the_rules = checks.caught_in_category(CAUGHT)
test_allowed_senses_are_not_flagged_by_the_rules = checks.no_rule_finding(NOT_FLAGGED)


@pytest.mark.parametrize(("pack", "caption"), NOT_BLOCKED)
def test_allowed_kinds_of_blocking_rules_are_not_blocked(
    engine: PolicyEngine, pack: str, caption: str
) -> None:
    blocks = [f for f in rule_findings(engine.check(pack, caption)) if f[1] == "block"]
    assert blocks == []


test_the_new_kinds_warn_and_do_not_block = checks.warns_only(WARN_ONLY)


def test_the_case_lists_are_large_and_cover_both_packs() -> None:
    cases = [c[:2] for c in CAUGHT] + NOT_FLAGGED + NOT_BLOCKED
    assert len(cases) >= 200
    checks.assert_unique_cases_for_both_packs(cases, at_least=80)
    assert {c for _, _, c in CAUGHT} >= {
        "commercial", "confidential", "undecided", "political",
        "obscenity", "defamation", "illegal", "personal_opinion",
    }  # fmt: skip


def test_every_pack_gives_the_new_rules_a_clause() -> None:
    for name in (KUMA, KOKURA):
        rules = {r.id: r for r in load_pack(name).rules}
        for rule in rules.values():
            if rule.detector == "lexicon":
                assert rule.clause and rule.clause_text, (name, rule.id)
