"""Policy kinds, v5: fresh captions written by kind for this file (not taken from any corpus).

The kinds come from reading what the rules got wrong on the v5 training corpora (long chatty posts
and short terse ones); every case here is a new sentence of that kind, with a contrastive clean
sentence that uses the same words in an allowed sense. Only the rules are judged: findings of the
learned model (always warnings, retrained by another stream) are left out.

- Not blocked, not flagged: house rules that name what they refuse (〜は削除します, 〜は掲載しません),
  scam warnings that quote the pitch (職員を名乗って…, 偽アカウント, 〜することはありません), a
  dumping found and reported, a law named as what the act breaks, password advice, hiragana words
  that contain another word (まどぐち, えっちんぐ), はだか of trees and animals, an evening
  programme for adults, 宗教団体 in a warning, a crowd notice about a speech, 【PR】 denied,
  copying old masters, a rule against refusing people and a correction of an exclusion notice.
- Caught (a warning at least): secrets told as an aside (内緒ね, 本人はまだ知らない), where keys
  and codes are, when guards and cameras do not look; support for a candidate or party without
  投票/選挙; invitations to worship or to join a faith; a group of people with a trait or an
  exclusion attached; innuendo; a private shop or service promoted.
"""

from __future__ import annotations

from chatbot.policy.engine import PolicyEngine
from chatbot.policy.packs import load_pack
from tests.unit.policy import case_checks as checks
from tests.unit.policy.rules_only import rule_categories, rule_findings

KUMA = "kumamoto-artistspot"
KOKURA = "kokuraminami"


# Allowed senses of words the rules look for: no rule finding at all.
NOT_FLAGGED = [
    # house rules naming what the account refuses
    (KUMA, "卑猥な画像やわいせつな書き込みは、見つけしだい削除いたします。"),
    (KOKURA, "商品の宣伝やアフィリエイトリンクを含むコメントは掲載いたしません。"),
    (KOKURA, "庁舎の敷地内でのビラ配りや署名集めはお断りしております。"),
    # scam warnings that quote the pitch
    (KOKURA, "市の職員を名乗って、火災報知器を高値で売りつける訪問が相次いでいます。"),
    (
        KUMA,
        "市役所が電話で健康食品を販売することは一切ありません。不審な電話はすぐ切ってください。",
    ),
    (KUMA, "「このアカウントをフォローすれば割引」とうたう偽アカウントにご注意を。"),
    (KOKURA, "在宅ワークや副業をうたうもうけ話のトラブルが急増中。困ったら消費生活センターへ。"),
    (KUMA, "区役所の職員が電話で口座の暗証番号を聞くことは決してありません。"),
    # a dumping found and reported, a law named as what the act breaks
    (KOKURA, "竹馬川の土手に古タイヤが捨てられていました。不法投棄は犯罪です。"),
    (KUMA, "違法にアップロードされた海賊版の漫画を読むことも、法律違反になる場合があります。"),
    # password advice
    (KUMA, "パスワード、誕生日や電話番号にしていませんか？ 長く推測されにくいものにしましょう。"),
    (KOKURA, "ログインの安全のため、二段階認証を有効にしておきましょう。"),
    # hiragana words containing another word
    (KUMA, "てつづきは くやくしょの まどぐちで できます。"),
    (KOKURA, "ｴｯﾁﾝｸﾞ教室の作品展を市民センターで開いています。"),
    (KUMA, "愛称「えっちゃん」で親しまれた紙芝居師の回顧展です。"),
    # はだか of trees and animals, an evening programme for adults
    (KOKURA, "葉を落としたはだかの木々が並ぶ、冬の平尾台の写真展。"),
    (KUMA, "動物園でハダカデバネズミの巣を観察しよう。"),
    (KUMA, "大人の夜の天体観測会。望遠鏡で土星の輪を見ます（中学生以上）。"),
    # 宗教団体 in a warning, a crowd notice about a speech, 【PR】 denied, copying old masters
    (KOKURA, "宗教団体や政治団体の活動には、市民センターの部屋をお貸しできません。"),
    (KUMA, "土曜の午後は駅前で街頭演説があるため、周辺が混雑する見込みです。"),
    (KUMA, "【PR】ではなく、市の事業のご案内です。"),
    (KOKURA, "美術史の講座で、巨匠の名画を模写して筆づかいを学びます。"),
    # a rule against refusing people, a correction of an exclusion notice
    (KUMA, "出店者の皆さまへ：国籍や障がいを理由にお客さまをお断りすることはできません。"),
    (KOKURA, "【訂正】受付の「外国の方はご遠慮ください」との貼り紙は誤りでした。撤去しました。"),
    # inclusive and access notices that name groups
    (KUMA, "車いすの方もご参加いただけます。会場はバリアフリーです。"),
    (KOKURA, "高齢者の方は熱中症に気をつけて、こまめに水分をとりましょう。"),
    (KUMA, "外国の方で日本語がわからないので不安という方には、通訳ボランティアがご案内します。"),
    # a surprise kept for the day, a key returned at the desk
    (KUMA, "ゲストは当日まで内緒です！お楽しみに。"),
    (KOKURA, "会議室の鍵は、使用後に受付へ返却してください。"),
    # a concert in a church, a temple's cultural property, soap carving, food that tempts
    (KUMA, "教会の礼拝堂を会場にしたクリスマスコンサート、どなたでも入場できます。"),
    (KOKURA, "お寺の国指定文化財の仏像を特別公開します。"),
    (KUMA, "石けんを彫るソープカービング体験、親子で参加できます。"),
    (KOKURA, "食欲をそそる香りの焼きカレー、物産展に初出店です。"),
    # the election board's neutral notice, a photo contest vote
    (KOKURA, "選挙管理委員会からのお知らせ：期日前投票は区役所で受け付けています。"),
    (KUMA, "フォトコンテストの入賞作品を決める来場者投票、次は誰に入れよう？"),
]

# Fresh violations by kind: the rules flag them (a warning at least) in the right category.
CAUGHT = [
    # confidential: secrets told as an aside, where keys and codes are, gaps in guarding
    (KUMA, "来年度の指定管理者、実はもう決まってるんです。内緒ね🤫", "confidential"),
    (KOKURA, "係長が来月で異動するって話、本人はまだ知らないみたい。", "confidential"),
    (KUMA, "倉庫の合鍵は、入口の植木鉢の下に隠してあります。", "confidential"),
    (KOKURA, "収蔵庫の暗証番号は「4410」です。忘れたらここ見てね。", "confidential"),
    (KUMA, "ロビーの防犯カメラ、右奥の柱の陰は映らないんだよね。", "confidential"),
    (KOKURA, "展示室の夜の巡回は2時の1回だけなので、朝まで誰もいなくなります。", "confidential"),
    (KUMA, "職員用Wi-Fiのパスワードはロビーの掲示板の裏に書いてます。", "confidential"),
    (KOKURA, "今日の非公開の会議、区長がかなり怒ってました。", "confidential"),
    # political: support without 投票/選挙
    (KOKURA, "次の県議、うちの課は全員あの先生推しです！", "political"),
    (KUMA, "来年の春は〇〇党に期待してます。文化を守ってくれるはず。", "political"),
    (KUMA, "次こそは現職を落とさんといかん。みんなで覚えとこう。", "political"),
    (KOKURA, "用紙には「たなか」って書いてね😉", "political"),
    (KUMA, "文化を切り捨てる市政にNO！", "political"),
    (KOKURA, "市長のリコール、区役所前で受け付け中です。", "political"),
    (KUMA, "原発再稼働反対デモ、日曜に一緒に歩きませんか？", "political"),
    # religious: invitations to worship or to join a faith
    (KUMA, "日曜は近くの教会へ一緒に行きませんか？", "religious"),
    (KOKURA, "朝のミサ、初めての方も一緒にどうぞ。", "religious"),
    (KUMA, "つらいときは、みんなで祈ろう🙏", "religious"),
    (KOKURA, "あなたも洗礼を受けませんか？心が軽くなります。", "religious"),
    (KUMA, "私たちの宗派の教えがいちばん正しいと信じています。", "religious"),
    (KOKURA, "座禅会のあとは入会手続きもできます。ご本尊もお渡しします。", "religious"),
    # discrimination: a trait or an exclusion attached to a group
    (KUMA, "お年寄りは説明に時間がかかるので、体験会は若い方だけにしました。", "discrimination"),
    (KOKURA, "外国の方は日本のマナーがわからないので、ご遠慮いただいています。", "discrimination"),
    (KUMA, "精神障がいのある方はボランティアには向いていないと思います。", "discrimination"),
    (KOKURA, "同性カップルの撮影会には会場を貸しません。", "discrimination"),
    (KUMA, "Japanese only の講座です。", "discrimination"),
    (KOKURA, "女の人は重いものが持てないので、設営は男性だけでやります。", "discrimination"),
    # obscenity: innuendo
    (KUMA, "夏祭り、浴衣のお姉さんたちを眺めるのが一番の楽しみ😍", "obscenity"),
    (KOKURA, "モデルさん、今回はぜんぶ脱いでくれました🔥", "obscenity"),
    (KUMA, "今夜は大人だけのsexyなパーティー💋", "obscenity"),
    (KOKURA, "彫刻のお尻がたまらん…", "obscenity"),
    (KUMA, "🍑💦 熱い夜にしようぜ", "obscenity"),
    # commercial: a private shop or service promoted
    (KOKURA, "この投稿を見せるとケーキが半額になります🍰", "commercial"),
    (KUMA, "通販サイトの紹介コード貼っとくね、使ってくれたら嬉しい", "commercial"),
    (KOKURA, "プロフのリンクから買ってくれると助かります🙏", "commercial"),
    (KUMA, "妹がやってるネイルサロン、今月オープンしました💅", "commercial"),
    (KOKURA, "あの焼肉屋、行かなきゃ損！回し者じゃないよ笑", "commercial"),
]

# A warning for a violation that may also be innocent: never a block from these new kinds.
WARN_ONLY = [
    (KUMA, "職員用Wi-Fiのパスワードはロビーの掲示板の裏に書いてます。"),
    (KOKURA, "日曜は近くの教会へ一緒に行きませんか？"),
    (KUMA, "お年寄りは説明に時間がかかるので、体験会は若い方だけにしました。"),
    (KOKURA, "この投稿を見せるとケーキが半額になります🍰"),
    (KUMA, "夏祭り、浴衣のお姉さんたちを眺めるのが一番の楽しみ😍"),
]


test_allowed_senses_are_not_flagged_by_the_rules = checks.no_rule_finding(NOT_FLAGGED)
test_violating_kinds_are_caught_by_the_rules = checks.caught_in_category(CAUGHT)
test_the_new_kinds_warn_and_do_not_block = checks.warns_only(WARN_ONLY)


def test_a_warning_word_does_not_save_a_real_pitch(engine: PolicyEngine) -> None:
    # "詐欺じゃないよ" borrows a scam warning's word to reassure: the commercial pitch still counts.
    pitch = "詐欺じゃないよ！当店のサプリ、今なら送料無料です。"
    assert "commercial" in rule_categories(engine.check(KUMA, pitch))
    # and the same house rule wording still forbids: a real refusal of a group is discrimination
    refusal = "当ギャラリーでは外国の方の入場はお断りしています。"
    assert "discrimination" in rule_categories(engine.check(KOKURA, refusal))


def test_a_dumping_call_is_still_caught_next_to_a_law(engine: PolicyEngine) -> None:
    # The passive report is clean; an active call in the same place is not, law or no law.
    call = "河川敷に捨てちゃえばいいよ。不法投棄は犯罪だけどバレないって。"
    assert "illegal" in rule_categories(engine.check(KOKURA, call))


def test_every_new_rule_cites_each_pack_s_clause() -> None:
    new_rules = {
        "political.support": "political.campaign",
        "religious.invitation": "religious.activity",
        "commercial.promotion": "commercial.selling",
        "discrimination.stereotype": "discrimination.slur",
        "obscenity.innuendo": "obscenity.sexual",
    }
    for name in (KUMA, KOKURA):
        rules = {r.id: r for r in load_pack(name).rules}
        for new, like in new_rules.items():
            assert rules[new].severity == "warn", (name, new)
            assert rules[new].category == rules[like].category, (name, new)
            assert (rules[new].clause, rules[new].clause_text) == (
                rules[like].clause,
                rules[like].clause_text,
            ), (name, new)


# More fresh cases of the same kinds, written as a probe before the second round of rules:
# clean captions of the kinds the brief names (public venues' and the office's own addresses and
# numbers, historical and public persons, warnings and prohibitions, city-run markets, election
# notices) and of the contrastive senses of the new rules' words; no rule may flag them.
NOT_FLAGGED_PROBE = [
    (KUMA, "会場：熊本市中央区手取本町1番1号 熊本市役所 14階大会議室"),
    (KUMA, "アーティストスポットの問い合わせは熊本市文化政策課(096-328-2039)まで"),
    (KUMA, "お問い合わせ 文化政策課 ☎096-328-2039（平日8:30～17:15）"),
    (KUMA, "問合せ：熊本市\u3000文化政策課\u3000０９６－３２８－２０３９"),
    (KUMA, "TEL.096-328-2039 熊本市文化政策課"),
    (KUMA, "詳しくは 096(328)2039 文化政策課へ"),
    (KOKURA, "お問合せ：小倉南区役所総務企画課\u3000093-951-1024"),
    (KOKURA, "小倉南区役所 〒802-8510 北九州市小倉南区若園五丁目1番2号 電話093-951-1024"),
    (KOKURA, "📞093-951-5553（小倉南区コミュニティ支援課）"),
    (KOKURA, "会場：北九州市立総合農事センター（北九州市小倉南区大字横代1343-2）"),
    (KUMA, "熊本市現代美術館（熊本市中央区上通町2-3 びぷれす熊日会館3階）で展覧会"),
    (KUMA, "熊本城ホール 熊本市中央区桜町3番40号"),
    (KOKURA, "平尾台自然観察センター（小倉南区平尾台一丁目1番1号）で星空観察会"),
    (KUMA, "細川ガラシャ（1563-1600）ゆかりの地をめぐるツアー"),
    (KUMA, "夏目漱石が熊本で暮らした旧居を公開しています"),
    (KOKURA, "森鷗外旧居（小倉北区鍛冶町）で朗読会を開催します"),
    (KUMA, "熊本市長の大西一史が開会のあいさつをしました"),
    (KOKURA, "武内和久北九州市長が表彰状を手渡しました"),
    (KUMA, "小泉八雲が愛した熊本の風景を写真でたどります"),
    (KUMA, "加藤清正が築いた熊本城の石垣を間近で見学"),
    (KUMA, "飲酒運転は犯罪です。絶対にやめましょう"),
    (KOKURA, "不法投棄は5年以下の懲役または1000万円以下の罰金です"),
    (KUMA, "20歳未満の飲酒は法律で禁止されています"),
    (KOKURA, "ドローンを許可なく飛ばすことは禁止されています。ご注意ください"),
    (KUMA, "「市が補助金を打ち切る」という情報はデマです。公式発表をご確認ください"),
    (
        KOKURA,
        "区役所を名乗る不審な電話にご注意ください。キャッシュカードの暗証番号を聞くことはありません",
    ),
    (KUMA, "海賊版サイトの利用はやめましょう"),
    (KOKURA, "河川敷でのバーベキュー後のごみの放置は禁止です"),
    (KUMA, "万引きは犯罪です。見かけたらお店の人に知らせてください"),
    (KOKURA, "盗撮被害を防ぐため、更衣室にスマートフォンを持ち込まないでください"),
    (KUMA, "麻薬・覚醒剤乱用防止キャンペーンを実施します"),
    (KOKURA, "大麻の乱用防止教室を中学校で開きました"),
    (KUMA, "市営の朝市で、地元農家が新鮮な野菜を販売します"),
    (KOKURA, "区役所前広場で生産者直売会。旬のたけのこを販売します（主催：小倉南区）"),
    (KUMA, "熊本市主催のマルシェに30店舗が出店、手づくり雑貨の販売もあります"),
    (KOKURA, "物産展で各地の特産品を販売します。入場無料"),
    (KUMA, "選挙管理委員会からのお知らせ：12月14日は投票日です"),
    (KOKURA, "期日前投票は小倉南区役所で受け付けています（選挙管理委員会）"),
    (KUMA, "明るい選挙推進のため、投票に行きましょう（熊本市選挙管理委員会）"),
    (KOKURA, "投票所入場券は世帯ごとに郵送されます。選管からのお知らせです"),
    (KUMA, "写真コンテストの人気投票、あなたの一票で大賞が決まります"),
    (KOKURA, "キャラクター総選挙の投票受付中！好きなキャラに一票を"),
    (KUMA, "藤崎八旛宮の例大祭で神幸行列が行われます"),
    (KOKURA, "クリスマスコンサートで賛美歌を合唱します。どなたでも入場無料"),
    (KUMA, "寺の境内で開かれる骨董市を紹介します"),
    (KOKURA, "教会の建築を巡る見学会、文化財の礼拝堂を特別公開"),
    (KUMA, "誹謗中傷はやめましょう。SNSの使い方講座を開催"),
    (KOKURA, "「〇〇店が閉店する」という噂は事実ではありません"),
    (KUMA, "ヌードデッサン会を美術館で開催（要予約・18歳以上）"),
    (KOKURA, "裸婦像の彫刻を展示しています。ロダンの作品です"),
    (KUMA, "エッチング技法で版画をつくる講座"),
    (KOKURA, "はだか祭りの写真展を開催します"),
    (KUMA, "区民センターの貸館では、政治活動・宗教活動・営利目的の利用はできません"),
    (KOKURA, "区役所では特定の政党や候補者を応援することはありません"),
    (KUMA, "人権啓発：外国人への差別をなくしましょう"),
    (KOKURA, "障害のある方もない方も一緒に楽しめるコンサートです"),
    (KUMA, "同性パートナーシップ制度の説明会を開催します"),
    (KOKURA, "LGBTQについて学ぶ市民講座。どなたでもご参加ください"),
    (KUMA, "アイヌ文化を紹介する企画展を開催"),
    (KOKURA, "外国籍の方も参加できる日本語教室です"),
    (KUMA, "生活保護の相談窓口をご案内します"),
    (KOKURA, "認知症の方とそのご家族のためのカフェを開きます"),
    (KUMA, "入場料：一般500円、高校生以下無料"),
    (KOKURA, "参加費1,000円（材料費込み）、先着20名"),
    (KUMA, "チケットは税込3,000円、プレイガイドで販売中"),
    (KOKURA, "売店でオリジナルグッズを販売しています"),
    (KUMA, "ミュージアムショップで図録を販売中"),
    (KOKURA, "商店街のスタンプラリーで割引券をプレゼント"),
    (KUMA, "プレミアム付き商品券の販売を開始します"),
    (KOKURA, "防犯カメラを増設しました。安心してご利用ください"),
    (KUMA, "会議室の鍵は総務課の窓口で貸し出します"),
    (KOKURA, "来年度の予算案は市議会で可決されました"),
    (KUMA, "新庁舎の建設計画が正式に決定しました"),
    (KOKURA, "内部監査の結果を市のホームページで公表しました"),
    (KUMA, "職員の人事異動を発表しました（4月1日付）"),
    (KOKURA, "暗証番号は他人に教えないでください"),
    (KUMA, "パスワードは定期的に変更しましょう"),
    (KOKURA, "Free Wi-Fi使えます。SSIDとパスワードは受付に掲示しています"),
    (KUMA, "県議会の傍聴の仕方を解説する講座を開きます"),
    (KOKURA, "議会だよりの最新号を区役所で配布しています"),
    (KUMA, "選挙管理委員会：投票用紙には候補者の氏名を書いてください"),
    (KOKURA, "期日前投票所では、投票用紙に名前を書く練習コーナーもあります（選管）"),
    (KUMA, "市長が表彰式で受賞者に記念品を手渡しました"),
    (KOKURA, "次はどの作品に入れようか迷う人気投票、締切は金曜です"),
    (KUMA, "県議会議員の視察を受け入れました"),
    (KOKURA, "区政だよりで予算の使い道をご報告します"),
    (KUMA, "お寺の本堂で開かれる寄席、落語家さんが出演します"),
    (KOKURA, "教会の建物を活用した写真展が開かれています"),
    (KUMA, "神社の伝統行事「おみくじ作り」を体験しよう（由来の解説あり）"),
    (KOKURA, "クリスマスの讃美歌コンサート、どなたでも入場無料です"),
    (KUMA, "法話会の会場として、区民センターの利用はできません（宗教活動のため）"),
    (KOKURA, "65歳以上の方は入場料が半額になります"),
    (KUMA, "車いすの方は、エレベーターで2階の展示室へお進みください"),
    (KOKURA, "聴覚障がいのある方には手話通訳をご用意しています"),
    (KUMA, "外国籍の方も安心して参加できる、やさしい日本語の講座です"),
    (KOKURA, "女性限定のヨガ教室（更衣室の都合のため）。男性向けは木曜に開講"),
    (KUMA, "民族衣装でご来場の方には記念品をプレゼント！"),
    (KOKURA, "年齢や国籍に関係なく、どなたでもご参加いただけます"),
    (KUMA, "ヌードデッサン会（美術教室の授業）の作品展です"),
    (KOKURA, "ベッドタウンとして発展した小倉南区の歴史をたどる講座"),
    (KUMA, "新鮮な魚がピチピチ跳ねる朝市、ぜひお越しください"),
    (KOKURA, "ゆったりくつろげる布団の干し方講座、講師は生活アドバイザー"),
    (KUMA, "商店街の店舗で使えるクーポン付きマップを配布（市の事業）"),
    (KOKURA, "地元農家の直売所が集まるマルシェ、区が主催します"),
    (KUMA, "警備員が巡回していますので安心してご利用ください"),
    (KOKURA, "防犯カメラの設置場所は区のホームページで公開しています"),
    (KUMA, "鍵の貸し出しは窓口で、返却は17時までにお願いします"),
    (KOKURA, "人事評価制度の説明会を職員向けに開きました（市報掲載済み）"),
    (KUMA, "暗証番号はメモに書かないようにしましょう"),
    (KOKURA, "夏の夜、ホタルの光を眺めるのが楽しみです"),
]

CAUGHT_PROBE = [
    (
        KUMA,
        "秋のアートフェア、ご来場ありがとうございました！来月の県議は、文化を大事にしてくれる佐藤さんで決まりやね😉",
        "political",
    ),
    (KOKURA, "#山本たかしを県議会へ #小倉南区 #秋祭り", "political"),
    (KUMA, "今度こそ与党には任せられんばい。みんなで変えよう！", "political"),
    (KOKURA, "区民ホールの建て替え反対の集会、日曜13時から。みんなで声をあげよう✊", "political"),
    (KUMA, "この街の文化を守れるのは田村さんだけです。事務所でボランティア募集中！", "political"),
    (KOKURA, "期日前投票、行ってきました🗳 みんなも「こばやし」って書いてきてね", "political"),
    (KUMA, "原発再稼働ストップのステッカー、受付で配ってます", "political"),
    (KOKURA, "緑の会派推しの職員多めです笑", "political"),
    (KUMA, "週末は私の通う教会の礼拝においでよ、みんなあったかいよ⛪", "religious"),
    (KOKURA, "毎朝お経を唱えると、不思議と運が開けますよ。一緒にやりませんか？", "religious"),
    (KUMA, "聖書の言葉を一緒に学ぶ会、火曜の夜にカフェで開いてます。どなたでもどうぞ", "religious"),
    (KOKURA, "うちの会に入ると、悩みがなくなって救われますよ🙏", "religious"),
    (KUMA, "神さまの愛をもっと多くの人に知ってほしいので、集いに来てください", "religious"),
    (KOKURA, "お寺の法話会、来月もあるけん、ぜひ来て門徒になってね", "religious"),
    (
        KUMA,
        "パソコン講座は65歳以上の方はご遠慮ください。操作が遅くて進まないので。",
        "discrimination",
    ),
    (KOKURA, "ヒジャブ着用でのご入場は、他のお客様が気にされるのでお断りします", "discrimination"),
    (KUMA, "車いすの人は他の人の迷惑になるので、2階には来ないでほしい", "discrimination"),
    (KOKURA, "シングルマザーの家の子は落ち着きがないので別のクラスにしました", "discrimination"),
    (KUMA, "同性同士のペアでの参加はご遠慮いただいています", "discrimination"),
    (KOKURA, "あっちの国の人たちは声が大きくてうるさいけん、正直苦手", "discrimination"),
    (KUMA, "太ってる人はモデルに向いてないので、今回は外れてもらいました", "discrimination"),
    (KOKURA, "男の子なのに人形で遊ぶなんて変だよね〜", "discrimination"),
    (KUMA, "夜の公園でイチャイチャするのにおすすめのベンチを紹介💑", "obscenity"),
    (KOKURA, "ヨガ教室の先生、レオタード姿がたまらん😏💦", "obscenity"),
    (KUMA, "打ち上げの二次会は大人のお店で決まり😏", "obscenity"),
    (KOKURA, "モデルさん、下着なしで撮影OKな方募集します", "obscenity"),
    (KUMA, "この壺の曲線、なんだか女の人のお尻みたいでドキドキ♡", "obscenity"),
    (KOKURA, "布団の中で何しよるかは…ご想像におまかせ😏", "obscenity"),
    (KUMA, "駅前のカフェ、この投稿を見せたらケーキ1個サービスしてくれるって！", "commercial"),
    (KOKURA, "うちの旦那がやってる工務店、リフォームの相談受付中です🏠", "commercial"),
    (KUMA, "化粧水はやっぱりA社のが一番。プロフのリンクから買えます", "commercial"),
    (KOKURA, "アプリの招待コード載せとくけん、登録したら500円もらえるよ", "commercial"),
    (KUMA, "展示室の収蔵庫、鍵は事務室の棚の裏に隠してあるよ", "confidential"),
    (KOKURA, "来週の人事異動、まだ内示前やけど係長が本庁に行くらしい。内緒ね", "confidential"),
    (KUMA, "夜間は警備員が1人だけなので、22時以降はほぼ誰もいません", "confidential"),
]


test_probe_clean_captions_are_not_flagged_by_the_rules = checks.no_rule_finding(NOT_FLAGGED_PROBE)
test_probe_violations_are_caught_by_the_rules = checks.caught_in_category(CAUGHT_PROBE)


# Third round: the notice kinds that the second part of the terse corpus showed being blocked.
NOT_FLAGGED_NOTICES = [
    (KUMA, "展示をご覧になるだけでも大丈夫です。カフェでのご注文は必須ではありません。"),
    (KOKURA, "偽ブランド品や海賊版のDVDは買わない・売らない。著作権法違反になることもあります。"),
    (KUMA, "不正転売されたチケットは無効です。公式リセールをご利用ください。"),
    (KOKURA, "職務上の秘密や個人情報の取り扱いについて、全職員で研修を実施しました。"),
    (KUMA, "「市の内部資料」と称する画像が出回っていますが、市が作成したものではありません。"),
    (KOKURA, "アカウントのIDとパスワードは、担当者以外と共有しない決まりです。"),
    (KUMA, "マイナンバーカードと暗証番号をお持ちの方は、コンビニで住民票が取れます。"),
    (KOKURA, "この講座は特定の政党や候補者を支持するものではありません。"),
    (KUMA, "新しい体育館の場所は現在検討中です。決まり次第お知らせします。"),
    (KOKURA, "自治会の皆さんとの話し合いを重ねています。"),
    (KUMA, "大雨の情報はうわさで判断しないで、気象台の発表を確かめてください。"),
    (KOKURA, "「祭りが中止になる」という噂が出回っていますが、予定どおり開催します。"),
    (KUMA, "新しいゆるキャラの名前、3つの案に投票してください！"),
    (KOKURA, "コメントやメッセージに個人情報を書き込まないでください。"),
]

CAUGHT_LEAKS = [
    (KUMA, "閉館後は通用口が開けっ放しなので、忘れ物はそこから取れます", "confidential"),
    (KOKURA, "収蔵庫の防犯カメラ、実はダミーなんです", "confidential"),
    (KUMA, "面接の評価シートを見ちゃった。一番はあの人", "confidential"),
    (KOKURA, "課長、体調を崩して長期の休職に入りました。", "confidential"),
    (KUMA, "売上金は事務所の金庫に保管して、月曜の朝に銀行へ運びます", "confidential"),
]


test_notices_naming_what_they_refuse_are_not_flagged = checks.no_rule_finding(NOT_FLAGGED_NOTICES)
test_leaks_of_premises_and_personnel_are_caught = checks.caught_in_category(CAUGHT_LEAKS)


def test_an_occupation_the_tokenizer_splits_is_not_a_name(engine: PolicyEngine) -> None:
    # 保健師さん reads as 保|健師さん to the tokenizer; a real surname before さん still counts.
    talk = "中央保健センターで、保健師さんが子育ての相談にのります。"
    assert rule_findings(engine.check(KUMA, talk)) == []
    private = "受付の田中さんに声をかけてください。"
    assert "pii" in rule_categories(engine.check(KUMA, private))


def test_a_name_introduced_as_public_stays_public_when_mentioned_again(
    engine: PolicyEngine,
) -> None:
    twice = "講師の森田さんが来ます。当日は森田さんの作品も展示します。"
    assert rule_findings(engine.check(KOKURA, twice)) == []
    # Another person named later is not covered by the first one's role.
    other = "講師の森田さんが来ます。受付は田中さんです。"
    assert "pii" in rule_categories(engine.check(KOKURA, other))
