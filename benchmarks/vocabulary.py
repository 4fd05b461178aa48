"""A seeded vocabulary for the benchmark corpus: measure names, departments, comments, replies.

The phrases read like the real pages (long, formal Japanese sentences assembled
from a few dozen fragments) so that pages have realistic text length and
character mix. Every phrase is encodable in Windows-31J, and some carry the
characters only Windows-31J has over plain Shift_JIS (①, ～ as U+FF5E, ㈱), so
Shift_JIS-declared pages exercise them.
"""

from __future__ import annotations

import random

TOPICS: tuple[str, ...] = (
    "ICTの活用",
    "子育て支援",
    "地域防災力の強化",
    "ごみ減量とリサイクルの推進",
    "公共施設の適正配置",
    "観光振興",
    "健康づくりの推進",
    "市民協働によるまちづくりの推進",
    "高齢者の見守り体制",
    "学校教育の充実",
    "商店街の活性化",
    "農業の担い手育成",
    "地域公共交通の確保",
    "空き家対策",
    "文化財の保存と活用",
    "生涯学習の推進",
    "移住定住の促進",
    "上下水道施設の維持管理",
    "道路橋梁の長寿命化",
    "障がい者の就労支援",
    "スポーツ施設の管理運営",
    "図書館サービスの向上",
    "地域医療体制の確保",
    "脱炭素社会への取組",
    "森林整備と林業振興",
    "消防団の活性化",
    "交通安全対策",
    "男女共同参画の推進",
    "国際交流の推進",
    "行政手続のオンライン化",
    "窓口サービスの改善",
    "職員の人材育成",
    "財政健全化の推進",
    "ふるさと納税の活用",
    "企業誘致の推進",
    "中小企業の経営支援",
    "若者の就労支援",
    "保育所の待機児童対策",
    "放課後児童クラブの運営",
    "介護予防の推進",
    "生活困窮者の自立支援",
    "公園緑地の維持管理",
    "景観まちづくりの推進",
    "河川の水質保全",
    "鳥獣被害対策",
    "地域おこし協力隊の活用",
)

ASPECTS: tuple[str, ...] = (
    "ICT化と業務改革の一体的な取組の実施、情報セキュリティの確保",
    "相談体制の強化と関係機関との連携",
    "計画的な施設更新と維持管理費の縮減",
    "地域住民との協働による運営",
    "利用者の利便性の向上",
    "情報発信の強化",
    "担い手の確保と育成",
    "成果指標の見直し",
    "民間事業者との連携",
    "デジタル技術の活用",
    "費用対効果の検証",
    "広域連携の推進",
)

NAME_SUFFIXES: tuple[str, ...] = ("", "", "", "の充実", "事業", "の推進", "の強化")
NAME_PREFIXES: tuple[str, ...] = (
    "",
    "中心市街地の",
    "中山間地域の",
    "官民連携による",
    "市民参加による",
    "全市的な",
    "次世代の",
)

DEPARTMENTS: tuple[str, ...] = (
    "情報課",
    "デジタル推進課",
    "こども課",
    "子育て支援課",
    "危機管理課",
    "環境課",
    "資産経営課",
    "商工観光課",
    "健康推進課",
    "市民協働課",
    "高齢福祉課",
    "学校教育課",
    "農政課",
    "交通政策課",
    "建築住宅課",
    "文化振興課",
    "生涯学習課",
    "企画政策課",
    "上下水道課",
    "道路河川課",
    "障がい福祉課",
    "スポーツ課",
    "図書館",
    "地域医療課",
    "環境政策課",
    "消防本部総務課",
    "市民課",
    "人事課",
    "財政課",
    "産業振興課",
)

DIRECTION_OPENINGS: tuple[str, ...] = (
    "継続します。",
    "拡充します。",
    "見直しを行います。",
    "縮小します。",
    "現状のまま継続します。",
    "事業内容を改善して継続します。",
)

COMMENT_OPENERS: tuple[str, ...] = (
    "{topic}については、",
    "これまでの取組は一定の評価ができるが、",
    "市民アンケートの結果を見ると、",
    "前年度の評価でも指摘したとおり、",
    "事業の目的は理解できるものの、",
    "事務事業評価シートを見る限り、",
    "近隣市の取組と比較すると、",
    "コロナ禍の影響を考慮しても、",
    "現場の職員の努力は感じられるが、",
    "{topic}は市民生活に直結する分野であり、",
    "説明資料からは、",
    "今後の人口減少を見据えると、",
)

COMMENT_MIDDLES: tuple[str, ...] = (
    "事業の成果指標が活動量に偏っており、成果が見えにくい。",
    "関係団体との連携が十分とは言えず、役割分担も明確ではない。",
    "予算規模に比べて効果が見えにくく、費用対効果の検証が必要である。",
    "①周知方法、②実施体制、③費用対効果の3点について説明が不足している。",
    "利用者数は令和元年度から横ばいであり、新たな利用者の掘り起こしが課題である。",
    "地区ごとの差が大きく、取組の遅れている地区への働きかけが求められる。",
    "若い世代の参加が少なく、担い手の高齢化が進んでいる。",
    "デジタル技術を活用すれば、事務の効率化と市民の利便性の向上を同時に図ることができる。",
    "目標値の設定根拠が示されておらず、達成度を判断できない。",
    "受付時間（8時30分～17時15分）が平日の日中に限られ、働く世代が利用しにくい。",
    "㈱や団体への委託の内容と成果が公表されていない。",
    "複数の課に窓口が分かれており、市民にとって分かりにくい。",
    "国や県の補助制度を十分に活用できていないのではないか。",
    "施設の老朽化が進んでおり、計画的な改修が欠かせない。",
    "事業開始から10年以上が経過しており、当初の目的が現在も妥当か検証すべきである。",
    "情報発信がホームページと広報紙に限られ、届くべき人に届いていない。",
    "職員の異動によってノウハウが途切れないよう、仕組みとして引き継ぐ必要がある。",
    "他市の先進事例を参考に、手法そのものを見直す時期に来ている。",
    "参加者の満足度は高いが、参加者数そのものが少ない。",
    "民間でも同様のサービスが提供されており、市が実施する意義を整理すべきである。",
)

COMMENT_ENDINGS: tuple[str, ...] = (
    "改善を求める。",
    "具体的な目標値を示してほしい。",
    "検討すべきである。",
    "引き続き取り組んでほしい。",
    "今後の方向性を明確にしてほしい。",
    "市民に分かりやすく説明してほしい。",
    "早急な対応を期待する。",
    "次年度の評価で進捗を確認したい。",
)

REPLY_OPENERS: tuple[str, ...] = (
    "ご指摘のとおり、",
    "{year}年度から、",
    "関係課と協議し、",
    "いただいたご意見を踏まえ、",
    "現在、",
    "{topic}については、",
    "昨年度の実績を分析したところ、",
    "庁内の検討会議において、",
)

REPLY_ACTIONS: tuple[str, ...] = (
    "成果指標を見直し、利用者数に加えて満足度も把握することとしました。",
    "㈱みなと野運輸と協定を締結し、災害時の物資の輸送体制を整えました。",
    "9月1日～9月7日の防災週間に合わせて、市役所ロビーで展示を行います。",
    "関係団体との定例会議を年4回開催し、役割分担を明確にします。",
    "①対象者の拡大、②申請手続のオンライン化、③周知方法の見直しを進めます。",
    "地区ごとの実施状況を公表し、取組の遅れている地区を個別に訪問します。",
    "若い世代が参加しやすいよう、休日と夜間の開催を増やします。",
    "国の補助制度を活用し、事業費の2分の1を確保しました。",
    "施設ごとの劣化状況調査を行い、改修の優先順位を定めます。",
    "SNSを活用した情報発信を始め、フォロワー数は前年度の約2倍になりました。",
    "業務の手順書を作成し、異動の際にも引き継げるようにしました。",
    "近隣市との広域連携について協議を始めました。",
    "事業の目的と成果を改めて整理し、次期計画に反映します。",
    "受付時間を延長し、毎週水曜日は19時まで窓口を開設しています。",
    "委託内容と成果を市のホームページで公表します。",
    "5台分（予定）ではありますが、必要な機器の整備を予算に計上しました。",
)

REPLY_ENDINGS: tuple[str, ...] = (
    "引き続き取り組みます。",
    "今後も検証を続けます。",
    "効果を確認しながら進めます。",
    "結果は次年度に報告します。",
    "",
)


def sentence(rng: random.Random, parts: tuple[tuple[str, ...], ...], **names: str) -> str:
    """One sentence: a fragment from each group in turn, placeholders filled."""
    return "".join(rng.choice(group) for group in parts).format(**names)


def comment_text(rng: random.Random, topic: str, target_chars: int) -> str:
    """Comment sentences on ``topic`` until about ``target_chars`` characters."""
    pieces: list[str] = []
    length = 0
    while length < target_chars:
        middles = rng.randint(1, 2)
        text = rng.choice(COMMENT_OPENERS).format(topic=topic)
        text += "".join(rng.sample(COMMENT_MIDDLES, middles))
        text += rng.choice(COMMENT_ENDINGS)
        pieces.append(text)
        length += len(text)
    return "".join(pieces)


def reply_text(rng: random.Random, topic: str, year: int, target_chars: int) -> str:
    """Reply sentences about ``topic`` in fiscal ``year`` until about ``target_chars``."""
    era_year = "元" if year == 2019 else str(year - 2018)
    pieces: list[str] = []
    length = 0
    while length < target_chars:
        opener = rng.choice(REPLY_OPENERS).format(topic=topic, year=f"令和{era_year}")
        text = opener + rng.choice(REPLY_ACTIONS) + rng.choice(REPLY_ENDINGS)
        pieces.append(text)
        length += len(text)
    return "".join(pieces)


def direction_text(rng: random.Random, topic: str) -> str:
    action = rng.choice(REPLY_ACTIONS)
    return f"{topic}は{rng.choice(DIRECTION_OPENINGS)}{action}"


def measure_name(rng: random.Random) -> str:
    topic = rng.choice(TOPICS)
    if rng.random() < 0.35:
        return f"{topic}（{rng.choice(ASPECTS)}）"
    prefix = rng.choice(NAME_PREFIXES) if rng.random() < 0.5 else ""
    return prefix + topic + rng.choice(NAME_SUFFIXES)


def topic_of(name: str) -> str:
    """The topic a measure name is about, for phrases that mention it."""
    for topic in TOPICS:
        if topic in name:
            return topic
    return name
