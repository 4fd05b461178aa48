"""The words of a municipal CMS frame: menu categories, departments, banners, news, scripts."""

from __future__ import annotations

CATEGORIES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (
        "kurashi",
        "くらし・手続き",
        (
            "戸籍・住民票",
            "税金",
            "ごみ・リサイクル",
            "国民健康保険",
            "国民年金",
            "上下水道",
            "住まい",
            "交通・道路",
            "消費生活",
        ),
    ),
    (
        "kosodate",
        "子育て・教育",
        (
            "妊娠・出産",
            "保育園・幼稚園",
            "子育て支援",
            "手当・助成",
            "小・中学校",
            "生涯学習",
            "図書館",
            "スポーツ",
        ),
    ),
    (
        "kenko",
        "健康・福祉",
        (
            "健康づくり",
            "予防接種",
            "検診",
            "高齢者福祉",
            "障がい者福祉",
            "介護保険",
            "生活支援",
            "地域福祉",
        ),
    ),
    ("bousai", "防災・安全", ("防災", "消防・救急", "防犯", "交通安全", "感染症対策")),
    (
        "sangyo",
        "産業・しごと",
        ("農業", "林業", "商工業", "観光", "雇用・労働", "入札・契約", "企業誘致"),
    ),
    ("kanko", "観光・文化", ("観光スポット", "イベント", "文化財", "歴史", "特産品")),
    (
        "shisei",
        "市政情報",
        (
            "市の紹介",
            "市長室",
            "計画・行政評価",
            "財政",
            "広報・広聴",
            "情報公開",
            "選挙",
            "職員採用",
            "市議会",
            "統計",
        ),
    ),
)
LEAF_FORMS = (
    "{}のご案内",
    "{}に関する手続き",
    "{}のお知らせ",
    "{}の届出",
    "{}に関するよくある質問",
    "{}の申請書ダウンロード",
    "{}の窓口",
    "{}について",
)
DEPARTMENTS = (
    ("総務部", "行政改革課", "行政評価係"),
    ("企画政策部", "企画課", "行政評価担当"),
    ("企画部", "政策推進課", "行革推進係"),
    ("総合政策部", "行政経営課", "評価担当"),
)
BANNERS = (
    "広報紙",
    "市議会",
    "ふるさと納税",
    "子育て応援サイト",
    "移住・定住",
    "観光協会",
    "図書館",
    "防災メール",
    "オープンデータ",
    "施設予約",
    "電子申請",
    "求人情報",
)
NEWS = (
    "{year}年度当初予算案を公表しました",
    "{city}総合計画審議会を開催します",
    "行政評価の結果を公表しました",
    "パブリックコメントの募集について",
    "市民意識調査の結果について",
    "職員採用試験の実施について",
    "ふるさと納税の返礼品を追加しました",
    "ごみ収集日程表を掲載しました",
    "市長の記者会見（{month}月）",
)
INLINE_SCRIPT = """
<script>
(function($){{
  $(function(){{
    var size = $.cookie ? $.cookie('fontsize') : null;
    if (size) {{ $('body').addClass('fs-' + size); }}
    $('#fontsize a').on('click', function(e){{
      e.preventDefault();
      var s = $(this).data('size');
      $('body').removeClass('fs-normal fs-large').addClass('fs-' + s);
      if ($.cookie) {{ $.cookie('fontsize', s, {{ path: '/', expires: 30 }}); }}
    }});
    $('#gnav > li').hover(function(){{
      $(this).children('.{menu}').stop(true, true).slideDown(150);
    }}, function(){{
      $(this).children('.{menu}').stop(true, true).slideUp(100);
    }});
    $('.pagetop a').on('click', function(){{
      $('html, body').animate({{ scrollTop: 0 }}, 400);
      return false;
    }});
    $('#sp-menu-btn').on('click', function(){{
      $('#gnav').toggleClass('open');
      $(this).attr('aria-expanded', $('#gnav').hasClass('open'));
    }});
  }});
}})(jQuery);
</script>
"""
