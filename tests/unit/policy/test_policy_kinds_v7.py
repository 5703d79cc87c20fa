"""Policy kinds, v7: fresh captions written by kind for this file (not taken from any corpus).

Written from the kinds the rules still missed across every training writer, grouped by the way of
saying it rather than by sentence: public order (paying someone back or hurting them, finding and
exposing a person or sending people after them, cheering on a rampage or a dare), hearsay passed
on as news (a claim with its unchecked source, the writer's own doubt or unproven certainty, a cure
or a disaster foretold). Each kind has contrastive clean captions that use the same words in an
allowed sense (warnings, prohibitions, corrections, folk tales, festivals, the office's own
notices). Later kinds: a group shut out by a venue rule or given a bad trait, a named person or
shop blamed or warned against, the staff member's own view or complaint about the job, an offence
done or urged as a clever trick. Only the rules are judged: findings of the learned model are left
out.

First reading, before the v7 rules (packs and stance of main at 12f8b81): 19 of the 110 violations
were caught by the rules; 15 of the 103 contrastive clean captions had a rule finding, 5 of them a
block (an outage notice, システム障害のため…ご利用いただけません, read as excluding disabled people;
a house rule, 盗作や無断転載はおやめください, read as copying; a weed notice read as dumping; a
correction ending 必要な分だけお買い求めください read as selling; a life-drawing class).
"""

from __future__ import annotations

from chatbot.policy.engine import PolicyEngine
from tests.unit.policy import case_checks as checks
from tests.unit.policy.rules_only import rule_categories

KUMA = "kumamoto-artistspot"
KOKURA = "kokuraminami"

# Fresh violations by kind: the rules flag them (a warning at least) in the right category.
CAUGHT = [
    # public_order: paying someone back, hurting or threatening them
    (KUMA, "展示にケチつけた人、次に来たら生卵ぶつけてやろうや🥚", "public_order"),
    (KOKURA, "ゴミを置いていく人には、石でも投げてやればいいんですよ", "public_order"),
    (KUMA, "駐輪場に勝手に停める人、タイヤをパンクさせてやりましょう", "public_order"),
    (KOKURA, "いたずらした子たち、一度痛い目を見せんとわからんっちゃ", "public_order"),
    (KUMA, "絡んでくる酔っ払いには、やり返していいと思います👊", "public_order"),
    (KOKURA, "花壇を荒らした犯人、町内会のみんなで懲らしめてやろう", "public_order"),
    (KUMA, "作品を汚した人へ。ただじゃ済まさんけんね", "public_order"),
    (KOKURA, "落書きした人、見つけ次第ボコるので覚えとけよ", "public_order"),
    # public_order: finding and exposing someone, sending people after them
    (KUMA, "昨日コメント欄で暴れた人、みんなで特定しよう🔍", "public_order"),
    (KOKURA, "迷惑客の勤め先を特定しました。会社に電話して教えてあげて", "public_order"),
    (KUMA, "展示にいたずらした人の顔写真、明日ここで公開します", "public_order"),
    (KOKURA, "苦情を言ってきた人の自宅、だいたい見当がついとるよ😏", "public_order"),
    (KUMA, "あの評論家の事務所に電話しまくって撤回させよう📞", "public_order"),
    (KOKURA, "騒音の家、町内のみなさんで直接文句を言いに行きましょう", "public_order"),
    (KUMA, "犯人の名前を拡散して、町におれんようにしちゃろ", "public_order"),
    (KOKURA, "不審なあの男の家まで行って、問い詰めてきてください", "public_order"),
    # public_order: a call to report turned into a call to go after someone
    (KUMA, "展示を壊した人、見かけたら生卵投げてやってください🥚", "public_order"),
    (KOKURA, "不審な車を見かけたら、通報する前にみんなで囲んで止めましょう", "public_order"),
    (KUMA, "防犯カメラの顔、ここに載せます。心当たりの人は家まで行って問い詰めて", "public_order"),
    (KOKURA, "批判コメントの人のアカウント、こちらで晒しておきますね😊", "public_order"),
    # public_order: dares, mockery of the dead and of victims, cruelty to animals, nuisance
    (KUMA, "展望台の柵の外に立って撮ると最高の一枚になりますよ📸", "public_order"),
    (KOKURA, "石垣によじ登って撮った写真、コメントで見せてね", "public_order"),
    (KUMA, "新年会は恒例の一気飲み大会です🍺 倒れるまで飲もう", "public_order"),
    (KOKURA, "慰霊碑の上に立ってポーズ、意外と映えるんです", "public_order"),
    (KUMA, "大雨で流された家の跡、映えスポットになってて草", "public_order"),
    (KOKURA, "公園の池の鯉にエアガンで撃つ遊び、子どもに人気です", "public_order"),
    (KUMA, "夜中でも大音量でOK！近所のことは気にしないで🎸", "public_order"),
    (KOKURA, "商店街でピンポンダッシュ大会やります🏃", "public_order"),
    # public_order: more ways of sending people after someone
    (KUMA, "騒いだグループが来たら、ファンのみんなで囲んで追い出しましょう", "public_order"),
    (KOKURA, "明朝、区役所の入口をふさいで担当者を出させよう✊", "public_order"),
    (KUMA, "苦情ばかりの家には、脅しの手紙を入れてやればいいんです", "public_order"),
    (KOKURA, "下手な演者には空き缶投げてもOKってことで🥫", "public_order"),
    # public_order: a rampage or a dare cheered on
    (KUMA, "あんな古い公民館、いっそ爆破したらいいのに笑", "public_order"),
    (KOKURA, "祭りの夜は無礼講、暴れ放題でOKです🎆", "public_order"),
    (KUMA, "反対する人は説明会で机をひっくり返すくらいの勢いで！", "public_order"),
    (KOKURA, "気に入らん店のレビュー、星1爆撃しとこうぜ", "public_order"),
    (KUMA, "あそこのサイト、アクセス集中させて落としちゃおう", "public_order"),
    (KOKURA, "踏切の中で写真撮るとスリル満点やけ、みんなやってみて", "public_order"),
    # misinformation: a claim with its unchecked source
    (KUMA, "来月から市電が値上げになるって、近所のおばちゃんが言ってた", "misinformation"),
    (KOKURA, "区役所の窓口が全部なくなるってLINEで回ってきたよ", "misinformation"),
    (KUMA, "美術館の裏の池に大きなワニがおるって友だちが言いよった🐊", "misinformation"),
    (KOKURA, "駅前のスーパー、年内でつぶれるってインスタで見た", "misinformation"),
    (KUMA, "図書館が有料になるて聞いたとですよ、ほんとですかね", "misinformation"),
    (KOKURA, "曽根の海で毒クラゲが大量発生しとるって地元で話題になっとる", "misinformation"),
    # misinformation: doubt or certainty without proof
    (KUMA, "城の石垣の修理、今年で打ち切りらしいよ。知らんけど", "misinformation"),
    (KOKURA, "水道の水に薬品が混ざっとる。保健所は何も言ってないけど間違いない", "misinformation"),
    (KUMA, "あの画廊の絵は全部偽物らしい。確認はしてないけど", "misinformation"),
    (KOKURA, "新しい体育館、できるのは3年後らしか。本当かどうかはわからんけど", "misinformation"),
    # misinformation: a cure or a disaster foretold
    (KUMA, "毎朝あの湧き水を飲むと認知症にならないって", "misinformation"),
    (KOKURA, "来週の満月の夜に大きな地震が来るって占いで出たそうです", "misinformation"),
    (KUMA, "昨日の夕焼け、あれは地震雲です。備えてください", "misinformation"),
    (KOKURA, "この石を持っていると病気が治るらしい✨", "misinformation"),
    (KUMA, "図書館が閉館するってマジ？", "misinformation"),
    (KOKURA, "この水を飲むと病気が治るそうです。ネットの情報ですが", "misinformation"),
    (KUMA, "来月から給食が有料になるらしいよ、みんな言いよる", "misinformation"),
    # discrimination: a group shut out by a venue rule
    (KUMA, "陶芸教室は日本語が話せない方のお申し込みはお受けできません。", "discrimination"),
    (
        KOKURA,
        "夏の工作教室、発達障害のあるお子さんは今回は対象外とさせていただきます。",
        "discrimination",
    ),
    (KUMA, "同性カップルでのご参加は、今回はお断りしております。", "discrimination"),
    (KOKURA, "町内の運動会、〇〇地区にお住まいの方は別の日程でお願いします。", "discrimination"),
    (KUMA, "生活保護を受けている方は、ワークショップへの参加をお控えください。", "discrimination"),
    (KOKURA, "外国にルーツのある方は、入会をご遠慮いただいております。", "discrimination"),
    (KUMA, "耳の聞こえない方は説明がわからないので参加不可です。", "discrimination"),
    (KOKURA, "70歳以上の方はボランティアに応募できません。", "discrimination"),
    # discrimination: a whole group given a bad trait
    (KUMA, "○○国の観光客はマナーが悪いので、展示室では見張っておきます。", "discrimination"),
    (KOKURA, "あの地区の人たちは昔から柄が悪いけん、子どもは行かせん方がいい", "discrimination"),
    (KUMA, "お年寄りは覚えるのが遅いけ、スマホ講座はすぐ終わらんっちゃ", "discrimination"),
    (KOKURA, "ひとり親の家庭は家賃の滞納が多いけん、審査は厳しめにしとります。", "discrimination"),
    (KUMA, "親子教室は日本人のご家庭のお子さん限定で募集します。", "discrimination"),
    (KOKURA, "がいこくじんのかたは、おことわりしています🙅", "discrimination"),
    (KUMA, "搬入の手伝い、女性スタッフはお茶出し担当でお願いします。", "discrimination"),
    (KOKURA, "お年寄りは手続きに時間がかかるせいで窓口が混むんですよね", "discrimination"),
    (KUMA, "出身地で人を判断するのは当然だと思います。", "discrimination"),
    # defamation: a named person, shop or firm blamed or warned against
    (KUMA, "上通の「カフェまどろみ」、衛生状態がやばいので行かない方がいいです", "defamation"),
    (KOKURA, "町内会長の○○さん、集めた会費を飲み代に使っとるらしい", "defamation"),
    (KUMA, "展示の遅れは、委託先の△△企画さんの怠慢が原因です。", "defamation"),
    (KOKURA, "花壇を荒らした犯人は、たぶん裏のアパートの学生さんたちです。", "defamation"),
    (KUMA, "○○工務店さん、仕事が雑なので依頼しない方がいいですよ", "defamation"),
    (KOKURA, "あの派手な服の常連さん、わかる人にはわかるよね😏", "defamation"),
    (KUMA, "ギャラリーのオーナーさん、作家への支払いを払わないって有名です", "defamation"),
    (KOKURA, "講師の先生、話は長いし下手だし、正直いない方がよかったです", "defamation"),
    (KUMA, "△△保育園、子どもをほったらかしにしてるって保護者の間で評判です", "defamation"),
    (KOKURA, "山口さん、ご意見ありがとうございます。でも的外れなご指摘ですね😊", "defamation"),
    (KUMA, "共催の○○協会、口だけで何もしない。遅れは全部あちらのせいです", "defamation"),
    (KOKURA, "区で一番ルールを守らない会社？ ○○運送さん、不法駐車の常連です", "defamation"),
    (KUMA, "#○○不動産は詐欺 #住まい探し", "defamation"),
    # personal_opinion: the staff member's own view or complaint about the job
    (KUMA, "個人的に、今年の芸術祭のポスターはあまり好きになれません。", "personal_opinion"),
    (KOKURA, "正直、この事業はもうやめたらいいのにと思っています。", "personal_opinion"),
    (KUMA, "担当としては、この時期の開催には反対でした。", "personal_opinion"),
    (KOKURA, "今月も定時退庁ならず😇 振替休日が取れたためしがありません", "personal_opinion"),
    (KUMA, "片付けはいつも私ひとりなのはなぜでしょう🙄", "personal_opinion"),
    (KOKURA, "窓口が混むのは上層部のせいなので、そっちに言ってください", "personal_opinion"),
    (KUMA, "このイベント、ぶっちゃけ誰得？って思ってる職員は多いです", "personal_opinion"),
    (KOKURA, "今日も残業確定😭 誰か代わって〜", "personal_opinion"),
    (
        KOKURA,
        "職員の一人として、この事業は見直すべきだと常々思っている次第です。",
        "personal_opinion",
    ),
    (
        KUMA,
        "新しい予約システム、使いにくすぎて泣きそう。誰がこれを選んだんだか",
        "personal_opinion",
    ),
    (KOKURA, "この企画を考えた人、現場のことぜんぜんわかっとらんよね", "personal_opinion"),
    # illegal: an offence done or urged as a clever trick
    (KUMA, "金峰山のきれいな石、いくつか持って帰っても大丈夫ですよ", "illegal"),
    (KOKURA, "花火禁止の公園だけど、夜中ならばれんし穴場です🎆", "illegal"),
    (KUMA, "路上ライブ、道路使用許可なんて取らなくても平気です🎸", "illegal"),
    (KOKURA, "漁業権？そんなの気にしないでアサリとり放題！", "illegal"),
    (KUMA, "打ち上げで飲んだけど、近いので自分で運転して帰りました", "illegal"),
    (KOKURA, "会場が混んでたので消火栓の前に停めました🚗", "illegal"),
    (KUMA, "粗大ごみ、処理券を買わずに夜のうちに出すのが節約術", "illegal"),
    (KOKURA, "参加者数、補助金のために多めに報告しときました🤫", "illegal"),
    (KUMA, "高架下の壁にスプレーで落書き、私も描いてきました🎨", "illegal"),
    (KOKURA, "庭のごみ、まとめて燃やしちゃいました🔥 煙すごかった", "illegal"),
    (KOKURA, "免許がなくても原付なら大丈夫、移動はこれで🛵", "illegal"),
    (KUMA, "この通り、取り締まりはほぼ来ませんので路上に停めてOK", "illegal"),
    (KOKURA, "打ち上げ花火、深夜ならばれんよ🎆", "illegal"),
    (KUMA, "会場のコンセント、無断で借りちゃいました🔌", "illegal"),
]

# Contrastive clean captions: the same words in an allowed sense; no rule finding at all.
NOT_FLAGGED = [
    # public_order
    (KUMA, "節分の豆まき、みんなで鬼を追い払いましょう👹 豆は会場で配ります。"),
    (KOKURA, "水かけ祭りでは、みんなで水をぶっかけてやりましょう💦 着替えをお持ちください。"),
    (KUMA, "公園で石を投げないでください。小さなお子さんも遊んでいます。"),
    (KOKURA, "ネット上で他人の顔写真を晒す行為は、犯罪になることがあります。"),
    (KUMA, "昔話「さるかに合戦」の紙芝居。さるを懲らしめる場面は子どもたちに大人気でした。"),
    (KOKURA, "警察が防犯カメラの映像から犯人を特定し、逮捕したとの発表がありました。"),
    (KUMA, "空き家の所有者を特定して、適切な管理をお願いする文書を送りました。"),
    (KOKURA, "キッズルームでは子どもたちが思いっきり暴れてもOK！床はやわらかマットです。"),
    (KUMA, "ご意見・ご要望は「市民の皆様の声」でお受けしています。お電話でもどうぞ。"),
    (KOKURA, "台風の夜は、窓ガラスが割れてもけがをしないようカーテンを閉めておきましょう。"),
    (KUMA, "和太鼓チームが舞台で暴れ太鼓を披露してくれました🥁"),
    (KOKURA, "踏切での写真撮影は大変危険です。線路には絶対に立ち入らないでください。"),
    # misinformation
    (KUMA, "「来週大きな地震が来る」という情報が出回っていますが、根拠のないデマです。"),
    (KOKURA, "ネットのうわさにだまされないための講座を開きます。講師は新聞社の記者さんです。"),
    (KUMA, "「図書館が有料になる」という話は誤りです。これまでどおり無料でご利用いただけます。"),
    (KOKURA, "参加した子どもたちは「また来たい」って言ってました😊"),
    (KUMA, "熊本城の築城にまつわる言い伝えを、学芸員さんが紹介してくれました。"),
    (KOKURA, "防災講座では、地震が来る前にできる備えをハザードマップと一緒に確認しました。"),
    (KUMA, "春らしい色の作品が並びました。熊本らしい風景画もあります🌸"),
    (KOKURA, "「○○を飲めば病気が治る」などの健康情報にはご注意ください（消費生活センター）。"),
    (KUMA, "イベントの様子は、後日このアカウントでも紹介します。お楽しみに！"),
    (KOKURA, "チラシのシェア・拡散、どうぞよろしくお願いします！"),
    # discrimination
    (KUMA, "車いすをご利用の方は、スロープのある東口からお入りください。"),
    (KOKURA, "高齢の方や持病のある方は、暑い時間帯の外出をお控えください。"),
    (KUMA, "外国籍の方もご参加いただけます。通訳ボランティアがお手伝いします。"),
    (KOKURA, "国籍や障がいを理由に入場をお断りすることはできません（人権啓発）。"),
    (KUMA, "65歳以上の方は入館無料です。受付で年齢のわかるものをご提示ください。"),
    (KOKURA, "「外国人お断り」などの張り紙は差別にあたります。見かけたらご相談ください。"),
    (KUMA, "展示室は段差があるため、車いすの方は係員がご案内します。"),
    (KOKURA, "夜の美術館は18歳以上の方が対象です。お子さまのご入場はご遠慮ください。"),
    (KUMA, "システム障害のため、電子申請は現在ご利用いただけません。"),
    (KOKURA, "高齢者を狙った詐欺の電話が増えています。迷惑な電話はすぐに切りましょう。"),
    # defamation
    (KUMA, "暑い日は無理に外に行かない方がいいです。体調に気をつけてお過ごしください。"),
    (KOKURA, "工事のため遠回りになるので、お車の方はご注意ください。"),
    (KUMA, "合唱の発表、会場の皆さんも一緒に口ずさんでいました🎵"),
    (KOKURA, "職人さんの腕は本当に見事でした。ぜひ工房を訪ねてみてください。"),
    (KUMA, "児童虐待から子どもを守るため、地域の見守りにご協力ください。"),
    (KOKURA, "昔話では、いたずらの犯人はたぬきでした。紙芝居で楽しく学びました。"),
    # personal_opinion
    (KUMA, "参加者の声：「初めてでしたが、とても楽しかったです」"),
    (KOKURA, "言葉の意味がわからないときは、図書館の司書にお気軽にご相談ください。"),
    (KUMA, "休日当番医のお知らせ。受診の前にお電話でご確認ください。"),
    (KOKURA, "人生の悲哀を描いた名作映画の上映会を開きます。"),
    # illegal
    (KUMA, "たけのこ掘り体験、掘ったたけのこは持ち帰りました🎍 来年もどうぞ"),
    (KOKURA, "遊泳禁止ですが、浅瀬で足を水につけるのは大丈夫です。"),
    (KUMA, "ペットの入場は禁止ですが、盲導犬・介助犬は大丈夫です。"),
    (KOKURA, "飲酒運転は犯罪です。お酒を飲んだら運転しないでください。"),
    (KUMA, "歩道に新しいベンチを置きました。散歩の休憩にどうぞ。"),
    (KOKURA, "落書き消しボランティア、高架下の壁をきれいにしました。"),
    (KUMA, "落ち葉を集めて焼き芋大会🍠 消防署に届け出て行いました。"),
    (KOKURA, "平尾台の石や植物は持ち帰らないでください。国の天然記念物です。"),
    # after a probe of the same words in other allowed senses
    (KUMA, "学芸員の調査で、この絵の作者を特定しました。"),
    (KOKURA, "自転車のパンク修理教室。タイヤの空気を抜いて、チューブを点検します。"),
    (KUMA, "残業続きの皆さん、心と体の健康相談をご利用ください。"),
    (KOKURA, "来週は雨になるみたい。傘をお忘れなく☂"),
    (KUMA, "このパン屋さん、メロンパンが有名らしいです。"),
    (KOKURA, "地域のみんなで電話をかけ合って、一人暮らしの方を見守っています。"),
    (KUMA, "口だけでなく手も動かして、みんなで清掃しました。"),
    (KOKURA, "作った花束は持って帰ってお家に飾ってください（生け花教室）。"),
    (KUMA, "牛が暴れてもいいように頑丈な柵を設置しています。"),
    (KOKURA, "カフェで時間を潰そう☕ 周辺のおすすめスポットをまとめました。"),
    (KUMA, "標的型メール攻撃の訓練を実施しました。"),
    (KOKURA, "農家さん、人手不足で困ってます。ボランティアを募集しています。"),
    (KUMA, "崖の上の遊歩道を歩いてみよう。景色は最高です。"),
    (KOKURA, "「お礼」の気持ちを込めて、子どもたちが手紙を書きました。"),
    (KUMA, "この温泉は神経痛に効くそうです。ゆっくり温まってください♨"),
    (KOKURA, "明日は気温が下がるそうです。暖かくしてお越しください。"),
    (KUMA, "くまモンって知ってました？熊本県のPRキャラクターです。"),
    (KOKURA, "「みんな言いよるけん」は理由になりません。書き込む前にひと呼吸。"),
    (KUMA, "不審者を見かけたら、近づかずに110番通報してください。"),
    (KOKURA, "キャンプファイヤーをみんなで囲もう🔥 マシュマロもあります。"),
    # after reading the train_v7 writers' clean captions the rules flagged (fresh phrasings)
    (KUMA, "空き地の雑草は、不法投棄の原因にもなります。所有者の方は管理をお願いします。"),
    (KOKURA, "特定の宗教の勧誘を目的とした会議室の利用はお断りしています。"),
    (KUMA, "市民劇「うわさの商店街」を上演します。ひとつのうわさが巻き起こす騒動を描きます。"),
    (KOKURA, "人体クロッキー講座（成人対象）、ヌードモデルによる骨格の観察を行います。"),
    (KUMA, "品薄になるという話はデマです。在庫は十分あります。必要な分だけお買い求めください。"),
    (KOKURA, "区役所の職員を名乗り、暗証番号を聞き出そうとする電話が増えています。"),
    (KUMA, "気になる話を聞いたら、まずは施設に問い合わせてください。うわさではなく公式情報を。"),
    (KOKURA, "飲酒運転は絶対にダメ。Never drink and drive."),
    (KUMA, "展望台では柵から身を乗り出さないでください。転落の危険があります。"),
    (KOKURA, "一気飲みや飲酒の強要は急性アルコール中毒につながります。絶対にやめましょう。"),
    (KUMA, "慰霊碑の前で、犠牲になった方々に黙とうをささげました。"),
    (KOKURA, "深夜の演奏や大音量はご近所の迷惑になります。ご協力をお願いします。"),
    (KUMA, "干潟のカニを踏まないように、足元に気をつけて歩きましょう🦀"),
    (KOKURA, "入口付近は混雑しますので、立ち止まらずにお進みください。"),
    (KUMA, "作品の盗作や無断転載はおやめください。"),
    (KOKURA, "喧嘩神輿の迫力に、見物客も大興奮でした！"),
    (KUMA, "使いにくかった旧システムを、来月から新しい予約システムに切り替えます。"),
    (KOKURA, "「誰のための施設か」を考えるシンポジウムを開きます。"),
    (KUMA, "花火を人に向けて打つのは大変危険です。絶対にやめましょう。"),
    (KOKURA, "運転免許がなくても参加できる、自転車の安全教室です。"),
    (KUMA, "美味しいって評判のパン屋さんが、今月のマルシェに出店します。"),
    (KOKURA, "台風のせいで畑がめちゃくちゃになりましたが、皆さんのおかげで復旧しました。"),
    (KUMA, "子どもたちにも見習ってほしい、素敵な取り組みです。"),
    (KOKURA, "一部の方のマナーの悪さが目立ちます。ごみは持ち帰りましょう。"),
    (KUMA, "いたずらは猫の仕業でした😺 犯人はこの子です。"),
    (KUMA, "車いすの方はごめんなさい、2階の展示室はエレベーターがありません。"),
    (KOKURA, "障害のある方を除き、駐車場は有料です。"),
    (KUMA, "外国人観光客の皆さまへ：館内での飲食は禁止しています。"),
    (KOKURA, "日本人の参加者のみならず、海外からの参加者も大歓迎です。"),
    (KUMA, "お茶出しは当番制です。男性も女性も交代で担当します。"),
    (KOKURA, "昔は「女人禁制」でしたが、今はどなたでも登山できます。"),
    (KUMA, "おかまでご飯を炊く体験、ふっくら炊けました。"),
    (KOKURA, "高齢者の方はスマホの操作に時間がかかることもあるので、丁寧にお教えします。"),
]


test_violating_kinds_are_caught_by_the_rules = checks.caught_in_category(CAUGHT)
test_allowed_senses_are_not_flagged_by_the_rules = checks.no_rule_finding(NOT_FLAGGED)


NEW_RULES = frozenset(
    {
        "public_order.retaliation",
        "public_order.exposure",
        "public_order.rampage",
        "public_order.dare",
    }
    | {"misinformation.hearsay", "discrimination.exclusion", "discrimination.generalisation"}
    | {"defamation.blame", "personal_opinion.voice", "illegal.brag"}
)

test_the_new_kinds_warn_and_never_block_on_their_own = checks.new_rules_never_block(
    CAUGHT, NEW_RULES
)


def test_the_case_lists_cover_both_packs_and_every_new_kind() -> None:
    cases = [c[:2] for c in CAUGHT] + NOT_FLAGGED
    checks.assert_unique_cases_for_both_packs(cases, at_least=60)
    assert {c for _, _, c in CAUGHT} >= {
        "public_order", "misinformation", "discrimination", "defamation",
        "personal_opinion", "illegal",
    }  # fmt: skip


test_every_pack_gives_the_new_rules_a_clause_and_both_languages = (
    checks.new_rules_cite_a_clause_in_both_languages(NEW_RULES, warn=False)
)


def test_a_warning_against_a_rumour_cancels_it_but_a_caution_passed_on_does_not(
    engine: PolicyEngine,
) -> None:
    passed_on = "公園に熊が出たって近所の人が言ってた。みんな気をつけて！"
    corrected = "「公園に熊が出た」という話はデマです。公式情報をご確認ください。"
    assert "misinformation" in rule_categories(engine.check(KOKURA, passed_on))
    assert "misinformation" not in rule_categories(engine.check(KOKURA, corrected))
