"""Builders for the diff tests: Measure and Comment objects made directly, no parser."""

from __future__ import annotations

from followup_cli.model import Comment, Measure, Section

# The seed page (/work/shared/seed/000_bb876b0dad9cb060.txt) answers its first
# "overall" comment and its first "issues" comment with one reply pasted twice,
# edited in two places: 確かめる→確認する and （予定）→(予定).
SEED_REPLY_OVERALL = (
    "昨年4・5月の緊急事態宣言発令時には、職員は土日も含めたシフト勤務や在宅勤務制を"
    "導入しましたが、住民サービスを継続するには窓口を閉めることはできないため、職員の"
    "在宅勤務は最低限に留めました。在宅勤務の職員はそれぞれに貸与されている業務端末を"
    "持ち帰り、スタンドアロン環境での自己研鑽や事務作業に努めました。職場内の業務シス"
    "テムを利用できない状況での在宅勤務は効率的ではない状況でした。昨年秋に、地方公共"
    "団体情報システム機構から、NTT東日本が開発したテレワークシステムをLGWANを"
    "経由して利用し効果を確かめる実証実験の募集があり、本市も応募し採択されて実証実験"
    "に参加しています。また、令和3年度予算に、5台分（予定）ではありますが、VPNに"
    "よるテレワーク環境の整備を計上を行いました。これらを活用し、システムの運用方法も"
    "含めて知識と経験を蓄積し、WEB会議等も含めてリモート環境の利用に関して活性化し"
    "ていきます。"
)

SEED_REPLY_ISSUES = (
    "昨年4・5月の緊急事態宣言発令時には、職員は土日も含めたシフト勤務や在宅勤務制を"
    "導入しましたが、住民サービスを継続するには窓口を閉めることはできないため、職員の"
    "在宅勤務は最低限に留めました。在宅勤務の職員はそれぞれに貸与されている業務端末を"
    "持ち帰り、スタンドアロン環境での自己研鑽や事務作業に努めました。職場内の業務シス"
    "テムを利用できない状況での在宅勤務は効率的ではない状況でした。昨年秋に、地方公共"
    "団体情報システム機構から、NTT東日本が開発したテレワークシステムをLGWANを"
    "経由して利用し効果を確認する実証実験の募集があり、本市も応募し採択されて実証実験"
    "に参加しています。また、令和3年度予算に、5台分(予定)ではありますが、VPNに"
    "よるテレワーク環境の整備を計上を行いました。これらを活用し、システムの運用方法も"
    "含めて知識と経験を蓄積し、WEB会議等も含めてリモート環境の利用に関して活性化し"
    "ていきます。"
)

SEED_COMMENT_1 = (
    "今般のコロナ対応で在宅勤務やWeb会議の促進は必須であろう。これを機会として抜本的な"
    "業務改革に期待する。"
)
SEED_COMMENT_2 = (
    "Web会議を活用することは、出席者の利便性を考慮すると、よい方向性だと思います。"
    "セキュリティに配慮したうえで、運用ルールや環境整備を検討していく必要があると思います。"
)
SEED_COMMENT_3 = "市民協働を行う点からZOOM等の有償ライセンスを継続する必要性は高いと思う。"
SEED_COMMENT_4 = (
    "すでに実施された在宅勤務の対象者の条件や、効果、課題等について、十分点検・評価した"
    "うえで、今後の導入方法を検討する必要があると考えます。"
)


def comment(
    text: str,
    reply: str | None = None,
    *,
    section: Section = "overall",
    number: int = 1,
    reply_shared: bool = False,
) -> Comment:
    label = {
        "overall": "全体に対する外部評価実施者意見",
        "issues": "課題に対する外部評価実施者意見",
    }
    return Comment(
        section=section,
        section_label=label.get(section, "その他"),
        number=number,
        text=text,
        reply=reply,
        reply_shared=reply_shared,
    )


def measure(
    name: str,
    code: str | None = None,
    *,
    department: str | None = "情報課",
    direction: str | None = "継続",
    comments: tuple[Comment, ...] = (),
    fiscal_year: int | None = 2020,
    source: str = "r2.html",
    municipality: str | None = None,
) -> Measure:
    return Measure(
        source=source,
        fiscal_year=fiscal_year,
        code=code,
        name=name,
        department=department,
        direction=direction,
        comments=comments,
        notes=(),
        municipality=municipality,
    )
